/**
 * GET /articles: parameters → a Query plan on the most selective index, with the other filters as a filter
 * expression, newest first; and opaque cursors bound to the query they came from (pure; no SDK).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type ArticleView, matchKey } from '../storage/articleItems.js';
import { STORY_FILTER, STORY_KEY_INDEX } from '../storage/tableSchema.js';
import { apiSchemas, describeIssues } from './contract.js';

export class ApiError extends Error {
  constructor(readonly status: number, readonly title: string, detail: string) {
    super(detail);
  }
}

export interface ArticleFilter {
  source?: string;
  lang?: string;
  tag?: string;
  from?: string;
  to?: string;
  upload?: string;
  story?: string;
  distinct?: 'story';
}

const bad = (detail: string) => new ApiError(400, 'Bad Request', detail);

export interface ListRequest {
  filter: ArticleFilter;
  limit: number;
  cursor?: string;
}

/** Validates GET /articles parameters against the contract's schema; a 400 names what is wrong. */
export function parseListRequest(query: Record<string, string | undefined> | null | undefined): ListRequest {
  const parsed = apiSchemas().ListArticlesQuery.safeParse(query ?? {});
  if (!parsed.success) throw new ApiError(400, 'Bad Request', describeIssues(parsed.error));
  const { limit, cursor, ...filter } = parsed.data;
  return { filter, limit, ...(cursor ? { cursor } : {}) };
}

export interface QueryPlan {
  indexName: string;
  /** The index's partition key attribute; with `id` and `sortKey` it makes a continuation key. */
  partitionAttribute: string;
  keyCondition: string;
  filterExpression?: string;
  /** The filters other than the index's are applied to the views read (`viewMatches`), not in the query. */
  filterAfterRead?: boolean;
  /**
   * No filter picks a partition: the whole feed, one Query per language of `byLang` (`:pk` set to each),
   * merged newest first (feedMerge.ts).
   */
  everyLanguage?: boolean;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/**
 * The most selective index first: a story, an upload, a tag, a source, a language, else the whole feed
 * (every language). A story is served by the key partitions of the story key index its articles lie in
 * (storyStore.ts, `storyPartitionsOf`): `storyKey` is the first, the caller sets `:pk` to each.
 */
export function planArticleQuery(filter: ArticleFilter, storyKey?: string): QueryPlan {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const filters: string[] = [];
  const candidates: [keyof ArticleFilter, string, string, string | undefined][] = [
    ['story', STORY_KEY_INDEX, 'storyKey', filter.story === undefined ? undefined : storyKey ?? ''],
    ['upload', 'byUpload', 'uploadKey', filter.upload],
    ['tag', 'byTag', 'tagKey', filter.tag && matchKey(filter.tag)],
    ['source', 'bySource', 'sourceKey', filter.source && matchKey(filter.source)],
    ['lang', 'byLang', 'lang', filter.lang],
  ];
  const chosen = candidates.find(([, , , v]) => v !== undefined);
  const [chosenName, indexName, partitionAttribute, partitionValue] = chosen ?? ['', 'byLang', 'lang', undefined];
  names['#pk'] = partitionAttribute;
  if (partitionValue !== undefined) values[':pk'] = partitionValue;
  let keyCondition = '#pk = :pk';
  if (filter.from || filter.to) {
    values[':from'] = filter.from ?? '0000-00-00';
    values[':to'] = `${filter.to ?? '9999-12-31'}\uffff`;
    names['#sk'] = 'sortKey';
    keyCondition += ' AND #sk BETWEEN :from AND :to';
  }
  // The language and the upload are the view's own; the source is normalised in `match`.
  const matchFilters: [keyof ArticleFilter, string, string, string | undefined][] = [
    ['upload', '#v.#upload.#key', ':upload', filter.upload],
    ['source', '#m.#source', ':source', filter.source && matchKey(filter.source)],
    ['lang', '#v.#lang', ':lang', filter.lang],
  ];
  for (const [name, path, placeholder, value] of matchFilters) {
    if (value === undefined || name === chosenName) continue;
    for (const part of path.split('.')) names[part] = { '#v': 'view', '#m': 'match' }[part] ?? part.slice(1);
    values[placeholder] = value;
    filters.push(`${path} = ${placeholder}`);
  }
  if (filter.tag && chosenName !== 'tag') {
    names['#m'] = 'match';
    names['#tags'] = 'tags';
    values[':tag'] = matchKey(filter.tag);
    filters.push('contains(#m.#tags, :tag)');
  }
  if (filter.distinct === 'story') {
    // One per story: the article a story is named after (its `story` is its own id, which its view leaves
    // out; items written before hold it).
    names['#v'] = 'view';
    names['#story'] = 'story';
    names['#id'] = 'id';
    filters.push('(attribute_not_exists(#v.#story) OR #v.#story = #id)');
  }
  // Tag items hold only their keys (storage/articleItems.ts, TagItem): a tag query's other filters are
  // applied to the articles its entries stand for, once read (`viewMatches`).
  if (chosenName === 'tag') return { indexName, partitionAttribute, keyCondition, names: pick(names, keyCondition), values: pick(values, keyCondition), filterAfterRead: true };
  // Story key entries carry no view either: the index filters on the story, the rest on the articles read.
  if (chosenName === 'story') {
    return {
      indexName, partitionAttribute, keyCondition, filterExpression: STORY_FILTER.expression, filterAfterRead: true,
      names: { ...pick(names, keyCondition), ...STORY_FILTER.names }, values: { ...pick(values, keyCondition), ':s': filter.story },
    };
  }
  return {
    indexName, partitionAttribute, keyCondition, names, values,
    ...(filters.length ? { filterExpression: filters.join(' AND ') } : {}),
    ...(chosen ? {} : { everyLanguage: true }),
  };
}

/** The placeholders of `expression` among `all`. */
const pick = <T>(all: Record<string, T>, expression: string) => Object.fromEntries(Object.entries(all).filter(([k]) => expression.includes(k)));

/** Whether a view passes a list request's filters (what the filter expression tests, on a view read). */
export function viewMatches(view: Pick<ArticleView, 'id' | 'story' | 'upload' | 'lang' | 'source' | 'tags' | 'published'>, filter: ArticleFilter): boolean {
  return (!filter.upload || view.upload.key === filter.upload) && (!filter.lang || view.lang === filter.lang)
    && (!filter.source || (view.source ? matchKey(view.source) : undefined) === matchKey(filter.source))
    && (!filter.tag || view.tags.some((t) => matchKey(t) === matchKey(filter.tag!)))
    && (!filter.from || (view.published ?? '') >= filter.from) && (!filter.to || (view.published ?? '').slice(0, 10) <= filter.to)
    && (!filter.story || view.story === filter.story) && (filter.distinct !== 'story' || view.story === view.id);
}

/** Which list a cursor continues: a cursor of one list is never a start key of another. */
export type CursorScope = 'articles' | 'uploads';

/** A cursor: the continuation key, bound to its list and query by a fingerprint and signed so it cannot be forged. */
export function encodeCursor(key: Record<string, unknown>, filter: ArticleFilter, secret: string, scope: CursorScope = 'articles'): string {
  const payload = Buffer.from(JSON.stringify({ k: key, q: fingerprint(filter, scope) })).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

export function decodeCursor(cursor: string, filter: ArticleFilter, secret: string, scope: CursorScope = 'articles'): Record<string, unknown> {
  const [payload, signature, extra] = cursor.split('.');
  const notOurs = bad(`'cursor' is not a cursor this API issued`);
  if (!payload || !signature || extra !== undefined) throw notOurs;
  // Compare bytes, not characters: a signature of multibyte characters can match in length only.
  const given = Buffer.from(signature, 'utf8');
  const expected = Buffer.from(sign(payload, secret), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw notOurs;
  let parsed: { k?: unknown; q?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    throw notOurs;
  }
  if (!parsed || typeof parsed !== 'object' || !parsed.k || typeof parsed.k !== 'object' || Array.isArray(parsed.k)) throw notOurs;
  if (parsed.q !== fingerprint(filter, scope)) throw bad(`'cursor' belongs to a different query; repeat the query's filters with it`);
  return parsed.k as Record<string, unknown>;
}

const fingerprint = (filter: ArticleFilter, scope: CursorScope) =>
  createHmac('sha256', 'sift-query').update(JSON.stringify([scope, Object.entries(filter).sort()])).digest('base64url').slice(0, 16);

const sign = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest('base64url').slice(0, 22);
