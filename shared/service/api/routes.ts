/**
 * The API's routes (CONTRACT.md section 4), independent of how requests arrive: the Lambda adapter
 * (API Gateway proxy events) and the local server both call `handleApiRequest`. What each route accepts
 * and answers is declared once in contract.ts; this file binds those definitions to handlers.
 * Authentication happens before this point (API Gateway IAM or JWT auth in AWS, the bearer token locally).
 */
import { randomUUID } from 'node:crypto';
import type { ArticleView } from '../storage/articleItems.js';
import { getArticle, queryArticlePage, visibleViewsOf } from '../storage/articleStore.js';
import type { StoreConfig } from '../storage/storeConfig.js';
import type { AwsClients } from '../storage/awsClients.js';
import { storyPartitionsOf, storySizes } from '../storage/storyStore.js';
import { presignUpload } from '../storage/presign.js';
import { getUpload, getUploadListing, listUploads, type UploadStatus } from '../storage/uploadStore.js';
import { listLanguages } from '../storage/languageRegistry.js';
import { ApiError, type ArticleFilter, decodeCursor, encodeCursor, parseListRequest, planArticleQuery, type QueryPlan, viewMatches } from './articleQuery.js';
import { mergeNewestFirst } from './feedMerge.js';
import { API_ROUTES, apiSchemas, describeIssues, type RouteDefinition } from './contract.js';
import { openApiJson } from './openapi.js';
import { READER_HEADERS, READER_HTML } from './readerPage.js';

export interface ApiRequest {
  method: string;
  /** The path as requested, percent-encoded segments included. */
  path: string;
  query: Record<string, string | undefined>;
  body?: string | null;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ApiContext {
  clients: AwsClients;
  store: StoreConfig;
  cursorSecret: string;
  /** Where presigned uploads go (the drop bucket's upload prefix). */
  uploadPrefix: string;
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const PROBLEM_TYPE = { 'content-type': 'application/problem+json; charset=utf-8' };
const PRESIGNED_URL_SECONDS = 900;

const json = (status: number, body: unknown): ApiResponse => ({ status, headers: { ...JSON_TYPE }, body: JSON.stringify(body) });

export function problem(status: number, title: string, detail: string): ApiResponse {
  return { status, headers: { ...PROBLEM_TYPE }, body: JSON.stringify({ type: 'about:blank', status, title, detail }) };
}

type Handler = (ctx: ApiContext, params: Record<string, string>, req: ApiRequest) => Promise<ApiResponse>;

const HANDLERS: Record<string, Handler> = {
  listArticles: (ctx, _p, req) => listArticles(ctx, req.query),
  getArticle: (ctx, p) => readArticle(ctx, p.id),
  listUploads: (ctx, _p, req) => recentUploads(ctx, req.query),
  createUpload: (ctx, _p, req) => createUpload(ctx, req.body),
  getUpload: (ctx, p) => readUpload(ctx, p.key),
  getOpenApi: async () => ({ status: 200, headers: { ...JSON_TYPE }, body: openApiJson() }),
  getReader: async () => ({ status: 200, headers: { ...READER_HEADERS }, body: READER_HTML }),
};

interface CompiledRoute {
  definition: RouteDefinition;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

/** `/uploads/{key+}` → a pattern whose last group takes the rest of the path. */
function compile(definition: RouteDefinition): CompiledRoute {
  const names: string[] = [];
  const source = definition.path.replace(/\{(\w+)(\+?)\}/g, (_m, name: string, greedy: string) => {
    names.push(name);
    return greedy ? '(.+)' : '([^/]+)';
  });
  const handler = HANDLERS[definition.operationId];
  if (!handler) throw new Error(`no handler for ${definition.operationId}`);
  return { definition, pattern: new RegExp(`^${source}/?$`), names, handler };
}

const ROUTES = API_ROUTES.map(compile);

/** Paths served without credentials (they hold no data); the local server consults this too. */
export const isPublicRoute = (method: string, path: string) =>
  ROUTES.some((r) => r.definition.public && r.definition.method === method && r.pattern.test(path));

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError(400, 'Bad Request', 'the path holds a malformed percent-escape');
  }
}

export async function handleApiRequest(ctx: ApiContext, req: ApiRequest): Promise<ApiResponse> {
  try {
    const path = req.path.replace(/\/{2,}/g, '/');
    const matching = ROUTES.filter((r) => r.pattern.test(path));
    if (!matching.length) return problem(404, 'Not Found', `no route for ${path}`);
    const route = matching.find((r) => r.definition.method === req.method);
    if (!route) {
      const allowed = [...new Set(matching.map((r) => r.definition.method))].join(', ');
      return { ...problem(405, 'Method Not Allowed', `${req.method} is not allowed here; use ${allowed}`), headers: { ...PROBLEM_TYPE, allow: allowed } };
    }
    const values = route.pattern.exec(path)!.slice(1).map(decodeSegment);
    const params = Object.fromEntries(route.names.map((n, i) => [n, values[i]]));
    return await route.handler(ctx, params, req);
  } catch (error) {
    if (error instanceof ApiError) return problem(error.status, error.title, error.message);
    throw error;
  }
}

async function readArticle(ctx: ApiContext, id: string): Promise<ApiResponse> {
  if (!/^[0-9a-f]{32}$/.test(id)) return problem(404, 'Not Found', `no article with id '${id}'`);
  const record = await getArticle(ctx.clients, ctx.store, id);
  return record ? json(200, (await withCopies(ctx, [record]))[0]) : problem(404, 'Not Found', `no article with id '${id}'`);
}

/** Reads index pages until `limit` items passed the filters or the index is exhausted. */
async function listArticles(ctx: ApiContext, query: ApiRequest['query']): Promise<ApiResponse> {
  const { filter, limit, cursor } = parseListRequest(query);
  // A story is listed from the key partitions its articles lie in, merged newest first.
  if (filter.story !== undefined) {
    const partitions = await storyPartitionsOf(ctx.clients, ctx.store, filter.story);
    if (!partitions.length) return json(200, { items: [], nextCursor: null });
    return listMerged(ctx, filter, planArticleQuery(filter, partitions[0]), partitions, limit, cursor);
  }
  const plan = planArticleQuery(filter);
  if (plan.everyLanguage) return listMerged(ctx, filter, plan, await listLanguages(ctx.clients, ctx.store), limit, cursor);
  if (plan.indexName === 'byUpload') {
    const listing = await getUploadListing(ctx.clients, ctx.store, filter.upload!);
    if (listing?.articleIdsUnindexed) return listListedUpload(ctx, filter, plan, limit, cursor, listing.articleIds);
  }
  // (`at` is a position in an upload's list, listListedUpload's: not part of an index key)
  const { at: _at, ...position } = cursor ? decodeCursor(cursor, filter, ctx.cursorSecret) : {};
  let start = cursor ? position : undefined;
  const items: ArticleView[] = [];
  let nextKey: Record<string, unknown> | undefined;
  do {
    const page = await queryArticlePage(ctx.clients, ctx.store, {
      TableName: ctx.store.articlesTable, IndexName: plan.indexName, ScanIndexForward: false,
      KeyConditionExpression: plan.keyCondition, FilterExpression: plan.filterExpression,
      ExpressionAttributeNames: plan.names, ExpressionAttributeValues: plan.values,
      // Over-read a little when filtering, so most lists take one request.
      Limit: plan.filterExpression || plan.filterAfterRead ? Math.min(1000, limit * 4) : limit - items.length,
      ExclusiveStartKey: start,
    }, plan.filterAfterRead ? (view) => viewMatches(view, filter) : undefined);
    for (const { view, key } of page.items) {
      items.push(view);
      if (items.length === limit) {
        // Stopped inside a page: continue after this item, not after the page.
        nextKey = page.lastEvaluatedKey || page.items[page.items.length - 1].view.id !== view.id
          ? continuationKey(key, plan.partitionAttribute, plan.values[':pk']) : undefined;
        break;
      }
    }
    start = page.lastEvaluatedKey;
    if (items.length === limit) break;
  } while (start);
  return json(200, { items: await withCopies(ctx, items), nextCursor: nextKey ? encodeCursor(nextKey, filter, ctx.cursorSecret) : null });
}

/**
 * A list read from several partitions of the plan's index, merged newest first: the whole feed (no filter
 * that picks a partition: each registered language's partition of `byLang`), and a story (the key
 * partitions its articles lie in). The cursor is the last item listed (its id and sortKey), which is every
 * partition's position at once (feedMerge.ts); cursors of the former single feed index had the same two fields.
 */
async function listMerged(
  ctx: ApiContext, filter: ArticleFilter, plan: QueryPlan, partitions: string[], limit: number, cursor: string | undefined,
): Promise<ApiResponse> {
  const position = cursor ? decodeCursor(cursor, filter, ctx.cursorSecret) : undefined;
  if (position && (typeof position.id !== 'string' || typeof position.sortKey !== 'string')) {
    throw new ApiError(400, 'Bad Request', `'cursor' is not a cursor this API issued`);
  }
  const { entries, more } = await mergeNewestFirst<ArticleView>({
    partitions,
    startOf: (partition) => (position ? { id: position.id, sortKey: position.sortKey, [plan.partitionAttribute]: partition } : undefined),
    limit, overRead: plan.filterExpression ? 4 : 1, maxPage: 1000,
    fetch: async (partition, start, size) => {
      const page = await queryArticlePage(ctx.clients, ctx.store, {
        TableName: ctx.store.articlesTable, IndexName: plan.indexName, ScanIndexForward: false,
        KeyConditionExpression: plan.keyCondition, FilterExpression: plan.filterExpression,
        ExpressionAttributeNames: plan.names, ExpressionAttributeValues: { ...plan.values, ':pk': partition },
        Limit: size, ExclusiveStartKey: start,
      }, plan.filterAfterRead ? (view) => viewMatches(view, filter) : undefined);
      return { entries: page.items.map(({ view, key }) => ({ item: view, sortKey: key.sortKey as string })), next: page.lastEvaluatedKey };
    },
  });
  const last = entries[entries.length - 1];
  const nextCursor = more && entries.length === limit ? encodeCursor({ id: last.item.id, sortKey: last.sortKey }, filter, ctx.cursorSecret) : null;
  const known = filter.story === undefined ? undefined : new Map([[filter.story, partitions]]);
  return json(200, { items: await withCopies(ctx, entries.map((e) => e.item), known), nextCursor });
}

/**
 * An upload whose status lists its articles newest first (the listed ones are not in `byUpload`: storage/
 * articleItems.ts, LISTED_POSITIONS): the list read by id, merged with what `byUpload` holds of it (the
 * articles past the list, when it is truncated). The cursor is the last item listed and `at`, where the list
 * goes on (what precedes it in the list is newer); a cursor without `at` (of the index alone) goes on by sortKey.
 */
async function listListedUpload(
  ctx: ApiContext, filter: ArticleFilter, plan: QueryPlan, limit: number, cursor: string | undefined, listed: string[],
): Promise<ApiResponse> {
  const position = cursor ? decodeCursor(cursor, filter, ctx.cursorSecret) : undefined;
  if (position && (typeof position.id !== 'string' || typeof position.sortKey !== 'string' || (position.at !== undefined && typeof position.at !== 'number'))) {
    throw new ApiError(400, 'Bad Request', `'cursor' is not a cursor this API issued`);
  }
  const from = (position?.at as number | undefined) ?? 0;
  const below = (sortKey: string) => !position || sortKey < (position.sortKey as string);
  const filtered = Object.keys(filter).some((k) => k !== 'upload');
  const { entries, more } = await mergeNewestFirst<{ view: ArticleView; at?: number }>({
    // the index too when the list is whole: it holds what the status does not list (records an older Sift wrote)
    partitions: ['listed', 'indexed'],
    startOf: (p) => (p === 'listed' ? { at: from } : position ? { id: position.id, sortKey: position.sortKey, [plan.partitionAttribute]: filter.upload } : undefined),
    limit, overRead: filtered ? 4 : 1, maxPage: 1000,
    fetch: async (p, start, size) => {
      if (p === 'listed') {
        const at = start!.at as number;
        const ids = listed.slice(at, at + size);
        const views = await visibleViewsOf(ctx.clients, ctx.store, ids);
        return {
          entries: views.filter((v) => below(v.sortKey) && viewMatches(v.view, filter)).map((v) => ({ item: { view: v.view, at: at + ids.indexOf(v.view.id) }, sortKey: v.sortKey })),
          ...(at + size < listed.length ? { next: { at: at + size } } : {}),
        };
      }
      const page = await queryArticlePage(ctx.clients, ctx.store, {
        TableName: ctx.store.articlesTable, IndexName: plan.indexName, ScanIndexForward: false,
        KeyConditionExpression: plan.keyCondition, FilterExpression: plan.filterExpression,
        ExpressionAttributeNames: plan.names, ExpressionAttributeValues: plan.values, Limit: size, ExclusiveStartKey: start,
      });
      return { entries: page.items.map(({ view, key }) => ({ item: { view }, sortKey: key.sortKey as string })), next: page.lastEvaluatedKey };
    },
  });
  const last = entries[entries.length - 1];
  const listedAt = entries.reduce((n, e) => (e.item.at !== undefined ? Math.max(n, e.item.at + 1) : n), from);
  const nextCursor = more && entries.length === limit
    ? encodeCursor({ id: last.item.view.id, sortKey: last.sortKey, [plan.partitionAttribute]: filter.upload, at: listedAt }, filter, ctx.cursorSecret) : null;
  return json(200, { items: await withCopies(ctx, entries.map((e) => e.item.view)), nextCursor });
}

/** Each record with how many articles its story has (`known`: the key partitions of stories already read). */
async function withCopies<T extends { id: string; story: string }>(ctx: ApiContext, items: T[], known?: Map<string, string[]>): Promise<(T & { copies: number })[]> {
  const sizes = await storySizes(ctx.clients, ctx.store, items.map((i) => i.story), known);
  return items.map((i) => ({ ...i, copies: sizes.get(i.story) ?? 1 }));
}

/** Where a query of one partition (`partitionValue`: its entries need not carry it) continues after `item`. */
function continuationKey(item: Record<string, unknown>, partitionAttribute: string, partitionValue: unknown): Record<string, unknown> {
  return { id: item.id, sortKey: item.sortKey, [partitionAttribute]: item[partitionAttribute] ?? partitionValue };
}

function uploadBody(s: UploadStatus) {
  return {
    key: s.key, status: s.status, ...(s.error ? { error: s.error } : {}), articleIds: s.articleIds ?? [],
    articleCount: s.articleCount ?? 0, ...(s.articleIdsTruncated ? { articleIdsTruncated: true } : {}),
    ...(s.format ? { format: s.format } : {}), ...(s.encoding ? { encoding: s.encoding } : {}),
    ...(s.documents !== undefined ? { documents: s.documents } : {}),
    ...(s.documentErrors?.length ? { documentErrors: s.documentErrors } : {}),
    ...(s.warnings?.length ? { warnings: s.warnings } : {}),
    ...(s.hosts ? { hosts: s.hosts } : {}), ...(s.hostsTruncated ? { hostsTruncated: true } : {}),
    ...(s.versionId ? { versionId: s.versionId } : {}), updatedAt: s.updatedAt,
  };
}

async function readUpload(ctx: ApiContext, key: string): Promise<ApiResponse> {
  const status = await getUpload(ctx.clients, ctx.store, key);
  return status ? json(200, uploadBody(status)) : problem(404, 'Not Found', `no upload with key '${key}'`);
}

/** Upload cursors are bound to this pseudo-filter, so an article cursor cannot be replayed here. */
const UPLOAD_LIST_SCOPE: ArticleFilter = { upload: '*uploads*' };

async function recentUploads(ctx: ApiContext, query: ApiRequest['query']): Promise<ApiResponse> {
  const parsed = apiSchemas().ListUploadsQuery.safeParse(query ?? {});
  if (!parsed.success) throw new ApiError(400, 'Bad Request', describeIssues(parsed.error));
  const { limit, cursor } = parsed.data;
  const start = cursor ? decodeCursor(cursor, UPLOAD_LIST_SCOPE, ctx.cursorSecret, 'uploads') : undefined;
  const page = await listUploads(ctx.clients, ctx.store, limit, start);
  return json(200, {
    items: page.items.map(uploadBody),
    nextCursor: page.lastEvaluatedKey ? encodeCursor(page.lastEvaluatedKey, UPLOAD_LIST_SCOPE, ctx.cursorSecret, 'uploads') : null,
  });
}

/** Keeps a readable file name in the key, without path tricks or control characters. */
const safeFileName = (name: string) =>
  name.normalize('NFC').split(/[\\/]/).pop()!.replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/^\.+/, '').slice(0, 200) || 'upload';

async function createUpload(ctx: ApiContext, rawBody: string | null | undefined): Promise<ApiResponse> {
  let body: unknown;
  try {
    body = JSON.parse(rawBody || 'null');
  } catch {
    throw new ApiError(400, 'Bad Request', 'the request body is not JSON');
  }
  const parsed = apiSchemas().CreateUploadBody.safeParse(body);
  if (!parsed.success) throw new ApiError(400, 'Bad Request', describeIssues(parsed.error));
  const { name, size, contentType } = parsed.data;
  const day = new Date().toISOString().slice(0, 10);
  const key = `${ctx.uploadPrefix}api/${day}/${randomUUID()}/${safeFileName(name)}`;
  const signed = await presignUpload(ctx.clients, ctx.store.bucket, key, size, contentType, PRESIGNED_URL_SECONDS);
  return json(201, { key, url: signed.url, method: 'PUT', headers: signed.headers, expiresIn: PRESIGNED_URL_SECONDS });
}
