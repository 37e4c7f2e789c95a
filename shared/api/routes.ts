/**
 * The API's routes (CONTRACT.md section 4), independent of how requests arrive: the Lambda adapter
 * (API Gateway proxy events) and the local server both call `handleApiRequest`.
 * Authentication happens before this point (API Gateway IAM auth in AWS, the bearer token locally).
 */
import type { ArticleView } from '../storage/articleItems.js';
import { getArticle, queryArticlePage, type StoreConfig } from '../storage/articleStore.js';
import type { AwsClients } from '../storage/awsClients.js';
import { getUpload, listUploads, type UploadStatus } from '../storage/uploadStore.js';
import { ApiError, type ArticleFilter, decodeCursor, encodeCursor, parseListRequest, planArticleQuery } from './articleQuery.js';

export interface ApiRequest {
  method: string;
  /** The path as requested, percent-encoded segments included. */
  path: string;
  query: Record<string, string | undefined>;
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
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const PROBLEM_TYPE = { 'content-type': 'application/problem+json; charset=utf-8' };

const json = (status: number, body: unknown): ApiResponse => ({ status, headers: { ...JSON_TYPE }, body: JSON.stringify(body) });

export function problem(status: number, title: string, detail: string): ApiResponse {
  return { status, headers: { ...PROBLEM_TYPE }, body: JSON.stringify({ type: 'about:blank', status, title, detail }) };
}

type Route = { method: string; pattern: RegExp; run: (ctx: ApiContext, params: string[], req: ApiRequest) => Promise<ApiResponse> };

const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/articles\/?$/, run: (ctx, _p, req) => listArticles(ctx, req.query) },
  { method: 'GET', pattern: /^\/articles\/([^/]+)\/?$/, run: (ctx, [id]) => readArticle(ctx, id) },
  { method: 'GET', pattern: /^\/uploads\/?$/, run: (ctx, _p, req) => recentUploads(ctx, req.query) },
  { method: 'GET', pattern: /^\/uploads\/(.+)$/, run: (ctx, [key]) => readUpload(ctx, key) },
];

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
    const route = matching.find((r) => r.method === req.method);
    if (!route) {
      const allowed = matching.map((r) => r.method).join(', ');
      return { ...problem(405, 'Method Not Allowed', `${req.method} is not allowed here; use ${allowed}`), headers: { ...PROBLEM_TYPE, allow: allowed } };
    }
    const params = route.pattern.exec(path)!.slice(1).map(decodeSegment);
    return await route.run(ctx, params, req);
  } catch (error) {
    if (error instanceof ApiError) return problem(error.status, error.title, error.message);
    throw error;
  }
}

async function readArticle(ctx: ApiContext, id: string): Promise<ApiResponse> {
  if (!/^[0-9a-f]{32}$/.test(id)) return problem(404, 'Not Found', `no article with id '${id}'`);
  const record = await getArticle(ctx.clients, ctx.store, id);
  return record ? json(200, record) : problem(404, 'Not Found', `no article with id '${id}'`);
}

/** Reads index pages until `limit` items passed the filters or the index is exhausted. */
async function listArticles(ctx: ApiContext, query: ApiRequest['query']): Promise<ApiResponse> {
  const { filter, limit, cursor } = parseListRequest(query);
  const plan = planArticleQuery(filter);
  let start = cursor ? decodeCursor(cursor, filter, ctx.cursorSecret) : undefined;
  const items: ArticleView[] = [];
  let nextKey: Record<string, unknown> | undefined;
  do {
    const page = await queryArticlePage(ctx.clients, {
      TableName: ctx.store.articlesTable, IndexName: plan.indexName, ScanIndexForward: false,
      KeyConditionExpression: plan.keyCondition, FilterExpression: plan.filterExpression,
      ExpressionAttributeNames: plan.names, ExpressionAttributeValues: plan.values,
      // Over-read a little when filtering, so most lists take one request.
      Limit: plan.filterExpression ? Math.min(1000, limit * 4) : limit - items.length,
      ExclusiveStartKey: start,
    });
    for (const { view, key } of page.items) {
      items.push(view);
      if (items.length === limit) {
        // Stopped inside a page: continue after this item, not after the page.
        nextKey = page.lastEvaluatedKey || page.items[page.items.length - 1].view.id !== view.id
          ? continuationKey(key, plan.partitionAttribute) : undefined;
        break;
      }
    }
    start = page.lastEvaluatedKey;
    if (items.length === limit) break;
  } while (start);
  return json(200, { items, nextCursor: nextKey ? encodeCursor(nextKey, filter, ctx.cursorSecret) : null });
}

function continuationKey(item: Record<string, unknown>, partitionAttribute: string): Record<string, unknown> {
  return { id: item.id, sortKey: item.sortKey, [partitionAttribute]: item[partitionAttribute] };
}

function uploadBody(s: UploadStatus) {
  return {
    key: s.key, status: s.status, ...(s.error ? { error: s.error } : {}), articleIds: s.articleIds ?? [],
    articleCount: s.articleCount ?? 0, ...(s.articleIdsTruncated ? { articleIdsTruncated: true } : {}),
    ...(s.format ? { format: s.format } : {}), ...(s.encoding ? { encoding: s.encoding } : {}),
    ...(s.documents !== undefined ? { documents: s.documents } : {}),
    ...(s.documentErrors?.length ? { documentErrors: s.documentErrors } : {}),
    ...(s.versionId ? { versionId: s.versionId } : {}), updatedAt: s.updatedAt,
  };
}

async function readUpload(ctx: ApiContext, key: string): Promise<ApiResponse> {
  const status = await getUpload(ctx.clients, ctx.store, key);
  return status ? json(200, uploadBody(status)) : problem(404, 'Not Found', `no upload with key '${key}'`);
}

async function recentUploads(ctx: ApiContext, query: ApiRequest['query']): Promise<ApiResponse> {
  const { limit: limitText, cursor } = query;
  const limit = limitText === undefined ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new ApiError(400, 'Bad Request', `'limit' must be a whole number from 1 to 100`);
  const scope: ArticleFilter = { upload: '*uploads*' };
  const start = cursor ? decodeCursor(cursor, scope, ctx.cursorSecret) : undefined;
  const page = await listUploads(ctx.clients, ctx.store, limit, start);
  return json(200, {
    items: page.items.map(uploadBody),
    nextCursor: page.lastEvaluatedKey ? encodeCursor(page.lastEvaluatedKey, scope, ctx.cursorSecret) : null,
  });
}
