/**
 * The article table adapter: writes records (bodies over the item limit go to S3), reads one, queries lists.
 * Every request path is a GetItem, a Query on the table or an index, or a batch of those: never a Scan.
 */
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { BatchGetCommand, BatchWriteCommand, GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { articleId, type ArticleRecord, sha256Hex, type StoryFingerprint } from '../../core/index.js';
import {
  type ArticleItem, articleOfTagItem, type ArticleView, bodyBytes, itemIdsOf, itemsOf, keepingCommitted, LISTED_POSITIONS, matchKey, MAX_INLINE_BODY_BYTES,
  namesStory, recordOf, sortKeyOf, type StoryFields, storyLeft, type TagItem, unpackBody, uploadOfItem, visibleVersion,
} from './articleItems.js';
import type { AwsClients } from './awsClients.js';
import { registerLanguages } from './languageRegistry.js';
import type { StoreConfig } from './storeConfig.js';
import { handOverStories } from './storyStore.js';
import { committedRuns, versionOfTag } from './uploadStore.js';

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

/**
 * Where a body too big for its item goes: under its upload's folder, so the bodies of an upload can be listed
 * (and none left behind by a race, see `deleteUploadBodies`), and per run, so a run never overwrites the
 * body readers still see. Items keep the key they were written with, so bodies of the older flat layout
 * (`bodies/{id}.{gen}.json`) stay readable and go with their items.
 */
const uploadFolder = (cfg: StoreConfig, upload: UploadKey) => `${cfg.bodiesPrefix}${sha256Hex(`${upload.bucket}\n${upload.key}`).slice(0, 32)}/`;
const bodyKey = (cfg: StoreConfig, record: Pick<ArticleRecord, 'id' | 'upload'>, gen?: string) =>
  `${uploadFolder(cfg, record.upload)}${record.id}${gen ? `.${gen}` : ''}.json`;

interface UploadKey { bucket: string; key: string }

/**
 * Deletes the bodies in an upload's folder whose run `gen` is not kept, listing S3 rather than trusting
 * items: a run that lost a race (a newer event took the key while it wrote, a redelivery ran beside it)
 * may have written bodies no item refers to any more. Returns how many went.
 */
export async function deleteUploadBodies(c: AwsClients, cfg: StoreConfig, upload: UploadKey, keep: (gen: string) => boolean): Promise<number> {
  const prefix = uploadFolder(cfg, upload);
  let removed = 0;
  let token: string | undefined;
  do {
    const page = await c.s3.send(new ListObjectsV2Command({ Bucket: cfg.bucket, Prefix: prefix, ContinuationToken: token }));
    const gone = (page.Contents ?? []).map((o) => o.Key!).filter((key) => !keep(genOfBodyKey(key.slice(prefix.length))));
    for (let i = 0; i < gone.length; i += S3_DELETE_MAX) {
      await c.s3.send(new DeleteObjectsCommand({ Bucket: cfg.bucket, Delete: { Objects: gone.slice(i, i + S3_DELETE_MAX).map((Key) => ({ Key })), Quiet: true } }));
    }
    removed += gone.length;
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return removed;
}

/** The run of a body file name `{id}.{gen}.json` (`''` for a body written outside a run). */
const genOfBodyKey = (name: string) => {
  const parts = name.replace(/\.json$/, '').split('.');
  return parts.length > 1 ? parts.slice(1).join('.') : '';
};

/** The run writing records, and the run whose records readers see now (none before the first commit). */
export interface RunRef {
  gen: string;
  committed?: string;
}

const BATCH_GET_MAX = 100;

/** Items by id (BatchGetItem in chunks, retrying unprocessed keys), whole or the attributes `projection` names. */
async function getItems(
  c: AwsClients, table: string, ids: string[], projection?: { ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> },
): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < ids.length; i += BATCH_GET_MAX) {
    let keys: Record<string, unknown>[] = ids.slice(i, i + BATCH_GET_MAX).map((id) => ({ id }));
    for (let round = 0; keys.length; round++) {
      if (round >= MAX_UNPROCESSED_ROUNDS) throw new Error(`DynamoDB left ${keys.length} reads unprocessed after ${round} rounds`);
      if (round) await sleep(Math.min(2000, 50 * 2 ** round));
      const out = await c.ddb.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ...projection } } }));
      for (const item of out.Responses?.[table] ?? []) found.set(item.id as string, item);
      keys = (out.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return found;
}

/**
 * Stores records of one run. Readers keep seeing the committed run's content until the upload status flips
 * to this run (see articleItems.ts); writing the same records again leaves the same items (ids are
 * deterministic). Returns the ids of tag items the committed content had and this run's has not: the caller
 * removes them once the run is committed.
 */
export async function putArticles(
  c: AwsClients, cfg: StoreConfig, records: ArticleRecord[], run?: RunRef, indexAll = false, fingerprints?: StoryFingerprint[],
): Promise<{ retired: string[] }> {
  // Before any item: a record that can become visible has its language listed (languageRegistry.ts).
  await registerLanguages(c, cfg, records.map((r) => r.lang));
  const written: (ArticleItem | TagItem)[] = [];
  for (const [i, record] of records.entries()) {
    let bodyRef: string | undefined;
    if (bodyBytes(record) > MAX_INLINE_BODY_BYTES) {
      bodyRef = bodyKey(cfg, record, run?.gen);
      await c.s3.send(new PutObjectCommand({
        Bucket: cfg.bucket, Key: bodyRef, ContentType: 'application/json',
        Body: JSON.stringify({ text: record.text, paragraphs: record.paragraphs }),
      }));
    }
    const { article, tags } = itemsOf(record, bodyRef, run?.gen, indexAll, fingerprints?.[i]);
    written.push(article, ...tags);
  }
  const retired: string[] = [];
  let items = written;
  if (run) {
    // What is stored now: the committed content to keep readable until the flip, and items a newer run of
    // the same key already wrote, which this (older) run must not overwrite.
    const existing = await getItems(c, cfg.articlesTable, written.map((i) => i.id));
    items = written
      .filter((item) => ((existing.get(item.id)?.gen as string | undefined) ?? '') <= run.gen)
      .map((item) => keepingCommitted(item, existing.get(item.id), run.committed));
    const writing = new Set(written.map((i) => i.id));
    for (const record of records) {
      const shown = run.committed ? visibleVersion(existing.get(record.id) ?? {}, run.committed) : null;
      if (shown) retired.push(...itemIdsOf(shown.view).filter((id) => !writing.has(id)));
    }
    // An article that names its story and is rewritten under another key or into another story leaves it:
    // the story passes to its next article (storyStore.ts, handOverStories), found from the existing item
    // read above, so this costs nothing when none leaves. Before the write, so that a crash in between
    // leaves the old item to hand over from again. Not held for the commit: the story's other articles
    // belong to other uploads, whose records are committed, and a merge relabels them at once too; and
    // from the write on the old story is not found from its first article's item (now under the new key).
    // (Rewritten under another key but still naming its story, it may have taken the story along: the
    // hand-over checks the story's partitions.)
    await handOverStories(c, cfg, items.flatMap((item) => {
      const before = existing.get(item.id) as StoryFields | undefined;
      const key = before && 'storyKey' in item ? storyLeft(before, item) : undefined;
      return key ? [{ id: item.id, storyKey: key, ...('storyKey' in item && namesStory(item) ? { newKey: item.storyKey } : {}) }] : [];
    }));
  }
  await batchWrite(c, cfg.articlesTable, items.map((item) => ({ PutRequest: { Item: item as unknown as Record<string, unknown> } })));
  return { retired };
}

/** Deletes items by id (tag items a committed run retired). */
export async function deleteItems(c: AwsClients, cfg: StoreConfig, ids: string[]): Promise<void> {
  await batchWrite(c, cfg.articlesTable, ids.map((id) => ({ DeleteRequest: { Key: { id } } })));
}

/** An article as far as removing it goes: its id, every tag it has in any slot, and where its bodies went. */
export interface StoredArticleRef {
  id: string;
  tags: string[];
  bodyRefs?: string[];
  /** The run that last wrote the record. */
  gen?: string;
}

/**
 * Records a run may remove once it owns the key: those it did not write (not in `kept`) and that no newer
 * run wrote (a newer event may already be writing the same key while this one finishes).
 */
export const removableBy = (gen: string, kept: Set<string> = new Set()) =>
  (r: StoredArticleRef) => !kept.has(r.id) && (r.gen === undefined || r.gen <= gen);

const REF_PROJECTION = { ProjectionExpression: 'id, gen, #v.#t, #p.#v.#t, bodyRef, prevBodyRef', ExpressionAttributeNames: { '#v': 'view', '#p': 'prev', '#t': 'tags' } };

function refOf(item: Record<string, unknown>): StoredArticleRef {
  const tags = [...((item.view as { tags?: string[] } | undefined)?.tags ?? []), ...((item.prev as { view?: { tags?: string[] } } | undefined)?.view?.tags ?? [])];
  const bodyRefs = [item.bodyRef, item.prevBodyRef].filter((r): r is string => typeof r === 'string');
  return { id: item.id as string, tags, ...(bodyRefs.length ? { bodyRefs } : {}), ...(item.gen ? { gen: item.gen as string } : {}) };
}

/** The articles of an upload key that `byUpload` holds (whatever object version or run wrote them). */
export async function listUploadArticles(c: AwsClients, cfg: StoreConfig, uploadKey: string): Promise<StoredArticleRef[]> {
  const refs: StoredArticleRef[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await c.ddb.send(new QueryCommand({
      TableName: cfg.articlesTable, IndexName: 'byUpload',
      KeyConditionExpression: 'uploadKey = :u', ExpressionAttributeValues: { ':u': uploadKey }, ...REF_PROJECTION, ExclusiveStartKey: start,
    }));
    refs.push(...(out.Items ?? []).map(refOf));
    start = out.LastEvaluatedKey;
  } while (start);
  return refs;
}

/** Ids probed per request for the articles a run may have written at listed positions. */
const PROBE_CHUNK = 100;

/** What a status knows of the articles that can be stored for its key besides those in `byUpload`. */
export interface UploadLeads {
  /** Ids a status listed (the committed run's, at listed positions). */
  listed: string[];
  /** Versions (`writers` tags, uploadStore.ts) of runs that may have written at listed positions and not finished. */
  writers: string[];
}

/**
 * Every article stored for an upload key that a run may have to remove, but those in `keep`: the ones in
 * `byUpload`, the ones a status listed, and the ones runs of the `writers` versions wrote at listed positions,
 * found by their ids (articleId(version, position)) a chunk at a time. A run writes its batches in order, so
 * what a run that died wrote is a prefix of positions with gaps inside its last batch only (fewer than a
 * chunk): the probe of a version stops at the first chunk of which no id is stored or kept. Reads only, and
 * only for runs that did not finish (a finished run removes its tag).
 */
export async function findUploadArticles(
  c: AwsClients, cfg: StoreConfig, upload: UploadKey, leads: UploadLeads, keep: Set<string> = new Set(),
): Promise<StoredArticleRef[]> {
  const found = new Map<string, StoredArticleRef>();
  for (const ref of await listUploadArticles(c, cfg, upload.key)) if (!keep.has(ref.id)) found.set(ref.id, ref);
  const wasListed = new Set(leads.listed);
  const listed = [...wasListed].filter((id) => !keep.has(id) && !found.has(id));
  for (const item of (await getItems(c, cfg.articlesTable, listed, REF_PROJECTION)).values()) found.set(item.id as string, refOf(item));
  for (const tag of new Set(leads.writers)) {
    const versionId = versionOfTag(tag);
    for (let first = 0; first < LISTED_POSITIONS; first += PROBE_CHUNK) {
      const version = { bucket: upload.bucket, key: upload.key, ...(versionId ? { versionId } : {}) };
      const ids = Array.from({ length: Math.min(PROBE_CHUNK, LISTED_POSITIONS - first) }, (_, i) => articleId(version, first + i));
      const known = ids.filter((id) => keep.has(id) || found.has(id) || wasListed.has(id));
      const stored = await getItems(c, cfg.articlesTable, ids.filter((id) => !known.includes(id)), REF_PROJECTION);
      for (const item of stored.values()) found.set(item.id as string, refOf(item));
      if (!known.length && !stored.size) break;
    }
  }
  return [...found.values()].filter((r) => !keep.has(r.id));
}

/**
 * Deletes the article and tag items of these articles, and their bodies in S3 (what a user deletes is
 * forgotten). A record just written knows from its size whether its body went to S3, under its run `gen`.
 */
export async function deleteArticles(c: AwsClients, cfg: StoreConfig, articles: (StoredArticleRef | ArticleRecord)[], gen?: string): Promise<void> {
  // A chunk at a time, each chunk's stories handed over before its items go: a retry of a removal cut short
  // (a timeout, on a big upload) lists only what is left, so the work done is kept. No heir among `gone`.
  const gone = new Set(articles.map((a) => a.id));
  for (let i = 0; i < articles.length; i += BATCH_GET_MAX) {
    const chunk = articles.slice(i, i + BATCH_GET_MAX);
    await handOverDeleted(c, cfg, chunk.map((a) => a.id), gone);
    await batchWrite(c, cfg.articlesTable, chunk.flatMap((v) => itemIdsOf(v).map((id) => ({ DeleteRequest: { Key: { id } } }))));
  }
  const bodies = articles.flatMap((a) => {
    if ('bodyRefs' in a && a.bodyRefs) return a.bodyRefs;
    return 'text' in a && bodyBytes(a) > MAX_INLINE_BODY_BYTES ? [bodyKey(cfg, a, gen)] : [];
  });
  for (let i = 0; i < bodies.length; i += S3_DELETE_MAX) {
    await c.s3.send(new DeleteObjectsCommand({
      Bucket: cfg.bucket, Delete: { Objects: bodies.slice(i, i + S3_DELETE_MAX).map((Key) => ({ Key })), Quiet: true },
    }));
  }
}

/**
 * The stories that articles about to be deleted name pass to their next articles (storyStore.ts,
 * handOverStories), so that their copies stay listed. Their story fields are read first (a read of what a
 * delete writes anyway; none leaves without its item read), and the hand-over happens before the delete:
 * a crash in between leaves the items to hand over from again. On every path that deletes articles: the
 * upload removed, records a committed run no longer has (invisible from the commit on), a failed or
 * superseded run's.
 */
async function handOverDeleted(c: AwsClients, cfg: StoreConfig, ids: string[], gone: ReadonlySet<string>): Promise<void> {
  const stored = await getItems(c, cfg.articlesTable, [...new Set(ids)], STORY_FIELDS);
  const leaving = [...stored.values()].flatMap((item) => {
    const key = storyLeft(item as StoryFields);
    return key ? [{ id: item.id as string, storyKey: key }] : [];
  });
  await handOverStories(c, cfg, leaving, gone);
}

const STORY_FIELDS = { ProjectionExpression: '#i, #k, #o, #s', ExpressionAttributeNames: { '#i': 'id', '#k': 'storyKey', '#o': 'storyOf', '#s': 'storyId' } };

export async function getArticle(c: AwsClients, cfg: StoreConfig, id: string): Promise<ArticleRecord | null> {
  const out = await c.ddb.send(new GetCommand({ TableName: cfg.articlesTable, Key: { id } }));
  const item = out.Item as ArticleItem | undefined;
  const upload = item && uploadOfItem(item);
  if (!item || !upload) return null;
  const shown = visibleVersion(item, (await committedRuns(c, cfg, [upload])).get(upload));
  if (!shown) return null;
  if (!shown.body.bodyRef) return recordOf(shown, unpackBody(shown.body, shown.view.headings));
  const body = await c.s3.send(new GetObjectCommand({ Bucket: cfg.bucket, Key: shown.body.bodyRef }));
  return recordOf(shown, JSON.parse(await body.Body!.transformToString('utf-8')));
}

/** One page of a Query: the raw items and the key to continue from. */
export interface QueryPage {
  items: { view: ArticleView; key: Record<string, unknown> }[];
  lastEvaluatedKey?: Record<string, unknown>;
}

/**
 * Runs one Query request against the article table or one of its indexes, and keeps what readers may see:
 * each item as its upload's committed run has it (articleItems.ts), none of a run not yet committed. Tag
 * items and story key entries stand for their articles: those are read (BatchGetItem, without bodies), and
 * a tag item's is kept when the version readers see has the tag. `keep` filters the views further (filters
 * a tag or story query applies itself).
 */
export async function queryArticlePage(
  c: AwsClients, cfg: StoreConfig, input: Omit<QueryCommandInput, 'ProjectionExpression'>, keep: (view: ArticleView) => boolean = () => true,
): Promise<QueryPage> {
  const names = { ...(input.ExpressionAttributeNames ?? {}), '#v': 'view' };
  const out = await c.ddb.send(new QueryCommand({
    ...input, ExpressionAttributeNames: names, ProjectionExpression: '#v, id, sortKey, uploadKey, lang, sourceKey, feed, tagKey, gen, prev',
  }));
  const raw = out.Items ?? [];
  const isTag = (item: Record<string, unknown>) => typeof item.tagKey === 'string';
  // Tag items and story key entries carry no view: the articles they name are read.
  const articleOf = (item: Record<string, unknown>) => (isTag(item) ? articleOfTagItem(item.id as string) : item.id as string);
  const named = [...new Set(raw.filter((i) => !i.view).map(articleOf))];
  const articles = named.length
    ? await getItems(c, cfg.articlesTable, named, { ProjectionExpression: '#v, id, gen, #p', ExpressionAttributeNames: { '#v': 'view', '#p': 'prev' } })
    : new Map<string, Record<string, unknown>>();
  const sources = raw.map((i) => (i.view ? i : articles.get(articleOf(i))));
  const uploads = sources.map((s) => (s ? uploadOfItem(s) : undefined)).filter((k): k is string => Boolean(k));
  const committed = await committedRuns(c, cfg, [...new Set(uploads)]);
  const items: QueryPage['items'] = [];
  raw.forEach((item, i) => {
    const { view: _view, gen: _gen, prev: _prev, ...key } = item;
    const source = sources[i];
    const shown = source && visibleVersion(source, committed.get(uploadOfItem(source) ?? ''));
    if (!shown || (isTag(item) && !shown.view.tags.some((t) => matchKey(t) === item.tagKey)) || !keep(shown.view)) return;
    items.push({ view: shown.view, key });
  });
  return { items, lastEvaluatedKey: out.LastEvaluatedKey };
}

/**
 * The articles of these ids as readers see them (their upload's committed run; none of a run not yet
 * committed), in the order given, each with its sort key: what `?upload=` lists of an upload whose status
 * lists its articles (BatchGetItem, without bodies).
 */
export async function visibleViewsOf(c: AwsClients, cfg: StoreConfig, ids: string[]): Promise<{ view: ArticleView; sortKey: string }[]> {
  const items = await getItems(c, cfg.articlesTable, ids, { ProjectionExpression: '#v, id, gen, #p', ExpressionAttributeNames: { '#v': 'view', '#p': 'prev' } });
  const committed = await committedRuns(c, cfg, [...new Set([...items.values()].map((i) => uploadOfItem(i)).filter((k): k is string => Boolean(k)))]);
  return ids.flatMap((id) => {
    const item = items.get(id);
    const shown = item && visibleVersion(item, committed.get(uploadOfItem(item) ?? ''));
    return shown ? [{ view: shown.view, sortKey: sortKeyOf(shown.view.published, shown.view.id) }] : [];
  });
}
