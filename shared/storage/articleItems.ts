/**
 * ArticleRecord ↔ DynamoDB item layout (pure; no SDK). One article item per record, plus one small tag item
 * per tag so that "articles with tag X" is a Query. Every item carries `view` (the record without its body,
 * what list queries return) and `match` (normalised filter values) — the only attributes the indexes project.
 */
import type { ArticleRecord } from '../model.js';

export type ArticleView = Omit<ArticleRecord, 'text' | 'paragraphs'>;

export interface ArticleMatch {
  lang: string;
  source?: string;
  tags: string[];
  upload: string;
}

export interface ArticleItem {
  id: string;
  view: ArticleView;
  match: ArticleMatch;
  sortKey: string;
  uploadKey: string;
  lang: string;
  sourceKey?: string;
  feed: typeof ARTICLE_FEED;
  /** The body, unless it lives in S3 (`bodyRef`) because the item would pass DynamoDB's 400 KB limit. */
  text?: string;
  paragraphs?: string[];
  bodyRef?: string;
}

export interface TagItem {
  id: string;
  tagKey: string;
  sortKey: string;
  view: ArticleView;
  match: ArticleMatch;
}

export const ARTICLE_FEED = 'ARTICLE';
/** Bodies above this (UTF-8 bytes of text + paragraphs) go to S3; leaves room for the view under 400 KB. */
export const MAX_INLINE_BODY_BYTES = 300 * 1024;
/** Dates sort as strings; undated articles sort last in "newest first". */
const UNDATED = '0000-00-00';

/** Filter values are compared case- and width-insensitively. */
export const matchKey = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

export const sortKeyOf = (published: string | null, id: string) => `${published ?? UNDATED}#${id}`;

export const tagItemId = (articleId: string, tagKey: string) => `${articleId}#tag#${tagKey}`;

export function matchOf(record: Pick<ArticleRecord, 'lang' | 'source' | 'tags' | 'upload'>): ArticleMatch {
  return {
    lang: record.lang,
    ...(record.source ? { source: matchKey(record.source) } : {}),
    tags: [...new Set(record.tags.map(matchKey))],
    upload: record.upload.key,
  };
}

export function viewOf(record: ArticleRecord): ArticleView {
  const { text: _text, paragraphs: _paragraphs, ...view } = record;
  return view;
}

/** The items that store one record; `bodyRef` is set by the caller when the body went to S3. */
export function itemsOf(record: ArticleRecord, bodyRef?: string): { article: ArticleItem; tags: TagItem[] } {
  const view = viewOf(record);
  const match = matchOf(record);
  const sortKey = sortKeyOf(record.published, record.id);
  const article: ArticleItem = {
    id: record.id, view, match, sortKey, uploadKey: record.upload.key, lang: record.lang,
    ...(match.source ? { sourceKey: match.source } : {}),
    feed: ARTICLE_FEED,
    ...(bodyRef ? { bodyRef } : { text: record.text, paragraphs: record.paragraphs }),
  };
  const tags = match.tags.map((tagKey) => ({ id: tagItemId(record.id, tagKey), tagKey, sortKey, view, match }));
  return { article, tags };
}

export const bodyBytes = (record: Pick<ArticleRecord, 'text' | 'paragraphs'>) =>
  Buffer.byteLength(record.text, 'utf8') + record.paragraphs.reduce((n, p) => n + Buffer.byteLength(p, 'utf8'), 0);

/** The ids of every item that stores the article a view describes (article item and tag items). */
export function itemIdsOf(view: Pick<ArticleView, 'id' | 'tags'>): string[] {
  return [view.id, ...[...new Set(view.tags.map(matchKey))].map((t) => tagItemId(view.id, t))];
}

/** The full record back from an article item and its body. */
export function recordOf(item: Pick<ArticleItem, 'view'>, body: { text: string; paragraphs: string[] }): ArticleRecord {
  return { ...item.view, text: body.text, paragraphs: body.paragraphs };
}
