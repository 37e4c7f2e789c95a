/**
 * The article table adapter: writes records (bodies over the item limit go to S3), reads one, queries lists.
 * Every request path is a GetItem, a Query on the table or an index, or a batch of those: never a Scan.
 */
import { DeleteObjectsCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { BatchWriteCommand, GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ArticleRecord } from '../model.js';
import {
  type ArticleItem, type ArticleView, bodyBytes, itemIdsOf, itemsOf, MAX_INLINE_BODY_BYTES, recordOf,
} from './articleItems.js';
import type { AwsClients } from './awsClients.js';
import { DEFAULT_BODIES_PREFIX, ENV } from './tableSchema.js';

export interface StoreConfig {
  articlesTable: string;
  uploadsTable: string;
  bucket: string;
  bodiesPrefix: string;
}

export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const need = (name: string) => {
    const v = env[name];
    if (!v) throw new Error(`environment variable ${name} is not set`);
    return v;
  };
  return {
    articlesTable: need(ENV.articlesTable),
    uploadsTable: need(ENV.uploadsTable),
    bucket: need(ENV.bucket),
    bodiesPrefix: env[ENV.bodiesPrefix] ?? DEFAULT_BODIES_PREFIX,
  };
}

const BATCH_WRITE_MAX = 25;
const S3_DELETE_MAX = 1000;
const MAX_UNPROCESSED_ROUNDS = 8;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

/** BatchWriteItem in chunks of 25, retrying unprocessed items with backoff (throttling returns them, not an error). */
async function batchWrite(c: AwsClients, table: string, requests: WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += BATCH_WRITE_MAX) {
    let pending = requests.slice(i, i + BATCH_WRITE_MAX);
    for (let round = 0; pending.length; round++) {
      if (round >= MAX_UNPROCESSED_ROUNDS) throw new Error(`DynamoDB left ${pending.length} writes unprocessed after ${round} rounds`);
      if (round) await sleep(Math.min(2000, 50 * 2 ** round));
      const out = await c.ddb.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as WriteRequest[];
    }
  }
}

const bodyKey = (cfg: StoreConfig, id: string) => `${cfg.bodiesPrefix}${id}.json`;

/** Stores records; writing the same records again leaves the same items (ids are deterministic). */
export async function putArticles(c: AwsClients, cfg: StoreConfig, records: ArticleRecord[]): Promise<void> {
  const requests: WriteRequest[] = [];
  for (const record of records) {
    let bodyRef: string | undefined;
    if (bodyBytes(record) > MAX_INLINE_BODY_BYTES) {
      bodyRef = bodyKey(cfg, record.id);
      await c.s3.send(new PutObjectCommand({
        Bucket: cfg.bucket, Key: bodyRef, ContentType: 'application/json',
        Body: JSON.stringify({ text: record.text, paragraphs: record.paragraphs }),
      }));
    }
    const { article, tags } = itemsOf(record, bodyRef);
    requests.push({ PutRequest: { Item: article as unknown as Record<string, unknown> } });
    for (const t of tags) requests.push({ PutRequest: { Item: t as unknown as Record<string, unknown> } });
  }
  await batchWrite(c, cfg.articlesTable, requests);
}

/** Every article stored for an upload key, whatever object version made it (index `byUpload`). */
/** An article as far as removing it goes: its id, its tags (for the tag items), and where its body went. */
export type StoredArticleRef = Pick<ArticleView, 'id' | 'tags'> & { bodyRef?: string };

/** Every article stored for an upload key, whatever object version made it (index `byUpload`). */
export async function listUploadArticles(c: AwsClients, cfg: StoreConfig, uploadKey: string): Promise<(ArticleView & { bodyRef?: string })[]> {
  const views: (ArticleView & { bodyRef?: string })[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await c.ddb.send(new QueryCommand({
      TableName: cfg.articlesTable, IndexName: 'byUpload',
      KeyConditionExpression: 'uploadKey = :u', ExpressionAttributeValues: { ':u': uploadKey },
      ProjectionExpression: '#v, bodyRef', ExpressionAttributeNames: { '#v': 'view' }, ExclusiveStartKey: start,
    }));
    for (const item of out.Items ?? []) views.push({ ...(item.view as ArticleView), ...(item.bodyRef ? { bodyRef: item.bodyRef as string } : {}) });
    start = out.LastEvaluatedKey;
  } while (start);
  return views;
}

/**
 * Deletes the article and tag items of these articles, and their bodies in S3 when they had one (what a user
 * deletes is forgotten). A record just written knows from its size whether its body went to S3.
 */
export async function deleteArticles(c: AwsClients, cfg: StoreConfig, articles: (StoredArticleRef | ArticleRecord)[]): Promise<void> {
  const requests: WriteRequest[] = articles.flatMap((v) => itemIdsOf(v).map((id) => ({ DeleteRequest: { Key: { id } } })));
  await batchWrite(c, cfg.articlesTable, requests);
  const bodies = articles.flatMap((a) => {
    if ('bodyRef' in a && a.bodyRef) return [a.bodyRef];
    return 'text' in a && bodyBytes(a) > MAX_INLINE_BODY_BYTES ? [bodyKey(cfg, a.id)] : [];
  });
  for (let i = 0; i < bodies.length; i += S3_DELETE_MAX) {
    await c.s3.send(new DeleteObjectsCommand({
      Bucket: cfg.bucket, Delete: { Objects: bodies.slice(i, i + S3_DELETE_MAX).map((Key) => ({ Key })), Quiet: true },
    }));
  }
}

export async function getArticle(c: AwsClients, cfg: StoreConfig, id: string): Promise<ArticleRecord | null> {
  const out = await c.ddb.send(new GetCommand({ TableName: cfg.articlesTable, Key: { id } }));
  const item = out.Item as ArticleItem | undefined;
  if (!item || !item.view) return null;
  if (!item.bodyRef) return recordOf(item, { text: item.text ?? '', paragraphs: item.paragraphs ?? [] });
  const body = await c.s3.send(new GetObjectCommand({ Bucket: cfg.bucket, Key: item.bodyRef }));
  return recordOf(item, JSON.parse(await body.Body!.transformToString('utf-8')));
}

/** One page of a Query: the raw items and the key to continue from. */
export interface QueryPage {
  items: { view: ArticleView; key: Record<string, unknown> }[];
  lastEvaluatedKey?: Record<string, unknown>;
}

/** Runs one Query request against the article table or one of its indexes. */
export async function queryArticlePage(c: AwsClients, input: Omit<QueryCommandInput, 'ProjectionExpression'>): Promise<QueryPage> {
  const names = { ...(input.ExpressionAttributeNames ?? {}), '#v': 'view' };
  const out = await c.ddb.send(new QueryCommand({ ...input, ExpressionAttributeNames: names, ProjectionExpression: '#v, id, sortKey, uploadKey, lang, sourceKey, feed, tagKey' }));
  return {
    items: (out.Items ?? []).map((item) => {
      const { view, ...key } = item;
      return { view: view as ArticleView, key };
    }),
    lastEvaluatedKey: out.LastEvaluatedKey,
  };
}
