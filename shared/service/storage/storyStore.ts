/**
 * The story stage at ingest (shared/core/story), against the article table: earlier copies are found by key
 * (Query on `byStoryKey` / `byStoryKey2`, never a Scan), checked on their signatures, and joined.
 *
 * - The first article of a story names it (`story` = its id). A later copy takes the story of the copies
 *   it matches; when it matches two stories they are merged into the smaller id, so the stories are the
 *   connected copies whatever order the uploads came in (the merge relabels the other story's articles).
 * - Placing an article again (a redelivered event, a reprocess) finds the same copies: it is not its own
 *   candidate, so it keeps its story.
 * - Copies ingested at the same moment (two invocations, or two records of one SQS batch) each look up
 *   before the other is written, so both may start a story: `settleStories` looks the first article of
 *   each new story up again once it is written, and the two stories merge into the smaller id, whichever
 *   of the two settles first (the later lookup sees both items). In AWS the key indexes are eventually
 *   consistent (usually well under a second), so copies written closer together than that can stay apart
 *   until a later copy finds both and merges them.
 * - Cost: the keys and signature ride on the article item (two small index entries, one write unit
 *   each); `storyOf`, the sparse index of stories with more than one copy, is set on a copy as it is
 *   written and once on the story's first article when its first copy arrives.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type ArticleRecord, fingerprintOf, matchingStories, storedSignature, type StoryCandidate,
  type StoryFingerprint,
} from '../../core/index.js';
import type { AwsClients } from './awsClients.js';
import type { StoreConfig } from './storeConfig.js';
import { STORY_KEY_INDEXES } from './tableSchema.js';

/** Candidates read per key (the newest): a key shared by more articles than this is boilerplate, not a story. */
const MAX_CANDIDATES_PER_KEY = 100;

interface StoredCandidate extends StoryCandidate {
  /** Whether the stored article already carries `storyOf`. */
  shared: boolean;
}

/** An article item's story: `storyOf` when its story has other copies, else its own id (items written before this also carry `storyId`). */
const storyOfItem = (item: Record<string, unknown>) => (item.storyOf ?? item.storyId ?? item.id) as string;

/** Articles stored with one of these keys, in either key index. */
async function candidatesFor(c: AwsClients, cfg: StoreConfig, fp: StoryFingerprint): Promise<StoredCandidate[]> {
  const queries = fp.storyKeys.flatMap((key) => STORY_KEY_INDEXES.map(([index, attribute]) => c.ddb.send(new QueryCommand({
    TableName: cfg.articlesTable, IndexName: index, KeyConditionExpression: '#k = :k',
    ExpressionAttributeNames: { '#k': attribute }, ExpressionAttributeValues: { ':k': key },
    Limit: MAX_CANDIDATES_PER_KEY, ScanIndexForward: false,
  }))));
  const found = new Map<string, StoredCandidate>();
  for (const out of await Promise.all(queries)) {
    for (const item of out.Items ?? []) {
      const storyKeys = [item.storyKey, item.storyKey2].filter((k): k is string => typeof k === 'string');
      found.set(item.id as string, {
        article: item.id as string, story: storyOfItem(item), storyKeys,
        signature: storedSignature(item.storySignature), shared: typeof item.storyOf === 'string',
      });
    }
  }
  return [...found.values()];
}

export interface PlacedStories {
  records: ArticleRecord[];
  /** Ids of the records whose story has other copies (they get `storyOf`). */
  shared: Set<string>;
}

/** Places a batch of records in stories (in order: an earlier record of the batch is a candidate of a later one). */
export async function placeStories(c: AwsClients, cfg: StoreConfig, records: ArticleRecord[]): Promise<PlacedStories> {
  const fps = records.map((r) => fingerprintOf(r.text));
  const stored = await Promise.all(fps.map((fp) => candidatesFor(c, cfg, fp)));
  const placed: (StoryCandidate & { index: number })[] = [];
  const shared = new Set<string>();
  const out: ArticleRecord[] = [];
  const { current: storyOf, merge } = storyMerges(c, cfg);
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    const fp = fps[i];
    const inBatch = placed.filter((p) => p.storyKeys.some((k) => fp.storyKeys.includes(k)));
    const candidates = [...stored[i], ...inBatch].map((cand) => ({ ...cand, story: storyOf(cand.story) }));
    const stories = [...new Set(matchingStories(record.id, fp, candidates))].sort();
    const story = stories.length ? await merge(stories) : record.id;
    if (stories.length) {
      shared.add(record.id);
      // The stored copies it matched that are not yet listed under their story (a story's first article).
      for (const cand of stored[i]) {
        if (!cand.shared && matchingStories(record.id, fp, [cand]).length) await markShared(c, cfg, cand.article, story);
      }
      for (const p of inBatch) if (matchingStories(record.id, fp, [p]).length) shared.add(p.article);
    }
    placed.push({ article: record.id, story, storyKeys: fp.storyKeys, signature: fp.signature, index: i });
    out.push(story === record.story ? record : { ...record, story });
  }
  // A merge later in the batch renames stories that earlier records of the batch took.
  return { records: out.map((r) => (storyOf(r.story) === r.story ? r : { ...r, story: storyOf(r.story) })), shared };
}

/**
 * The second look, after a batch is written: each record that started a story looks its copies up again.
 * One written meanwhile by another invocation that started its own story is found now (the later of the
 * two looks sees both items), and the two stories become the smaller id, listed under `byStory`. Records
 * that joined a story need no second look: the story they joined was already stored.
 */
export async function settleStories(c: AwsClients, cfg: StoreConfig, placed: PlacedStories): Promise<void> {
  const founders = placed.records.filter((r) => r.story === r.id);
  const fps = founders.map((r) => fingerprintOf(r.text));
  const found = await Promise.all(fps.map((fp) => candidatesFor(c, cfg, fp)));
  const { current, merge } = storyMerges(c, cfg);
  for (let i = 0; i < founders.length; i++) {
    const record = founders[i];
    const fp = fps[i];
    const copies = found[i].filter((cand) => matchingStories(record.id, fp, [cand]).length);
    if (!copies.length) continue;
    const stories = [...new Set([record.id, ...copies.map((cand) => cand.story)].map(current))].sort();
    // Listed already: by this batch, or by a copy that found it stored.
    const listed = placed.shared.has(record.id) || found[i].some((cand) => cand.article === record.id && cand.shared);
    if (stories.length === 1 && listed && copies.every((cand) => cand.shared)) continue;
    const story = await merge(stories);
    // The story now has copies: every article of it the look found, and this one, are listed under it.
    if (story === record.id && !listed) await markShared(c, cfg, record.id, story);
    for (const cand of copies) if (!cand.shared && current(cand.story) === story) await markShared(c, cfg, cand.article, story);
  }
}

/**
 * Stories merged while a batch is placed: `merge` moves every stored article of the later ids of a sorted
 * list to the first, and `current` follows the chain of merges to a story's name now.
 */
function storyMerges(c: AwsClients, cfg: StoreConfig) {
  const renamed = new Map<string, string>();
  const current = (s: string) => {
    while (renamed.has(s)) s = renamed.get(s)!;
    return s;
  };
  const merge = async ([story, ...others]: string[]): Promise<string> => {
    for (const other of others) {
      renamed.set(other, story);
      await relabelStory(c, cfg, other, story);
    }
    return story;
  };
  return { current, merge };
}

/** Lists the stored article under its story (sparse index `byStory`); a no-op when it is gone. */
async function markShared(c: AwsClients, cfg: StoreConfig, id: string, story: string) {
  try {
    await c.ddb.send(new UpdateCommand({
      TableName: cfg.articlesTable, Key: { id }, UpdateExpression: 'SET storyOf = :s',
      ConditionExpression: 'attribute_exists(id)', ExpressionAttributeValues: { ':s': story },
    }));
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
}

/** Moves every stored article of story `from` to story `to`. */
async function relabelStory(c: AwsClients, cfg: StoreConfig, from: string, to: string) {
  const members: { id: string }[] = [{ id: from }];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await c.ddb.send(new QueryCommand({
      TableName: cfg.articlesTable, IndexName: 'byStory', KeyConditionExpression: 'storyOf = :s',
      ExpressionAttributeValues: { ':s': from }, ExclusiveStartKey: start,
    }));
    for (const item of page.Items ?? []) if (item.id !== from) members.push({ id: item.id as string });
    start = page.LastEvaluatedKey;
  } while (start);
  // The article items only: tag items are read through their articles (articleItems.ts, TagItem).
  for (const { id } of members) {
    try {
      await c.ddb.send(new UpdateCommand({
        TableName: cfg.articlesTable, Key: { id },
        UpdateExpression: 'SET #v.#st = :s, storyOf = :s REMOVE storyId',
        ConditionExpression: 'attribute_exists(#v)', ExpressionAttributeNames: { '#v': 'view', '#st': 'story' }, ExpressionAttributeValues: { ':s': to },
      }));
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
}

/** How many stored articles each story has (Query with Select COUNT on the sparse `byStory`; 1 when unlisted). */
export async function storySizes(c: AwsClients, cfg: StoreConfig, stories: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  await Promise.all([...new Set(stories)].map(async (story) => {
    let n = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await c.ddb.send(new QueryCommand({
        TableName: cfg.articlesTable, IndexName: 'byStory', KeyConditionExpression: 'storyOf = :s',
        ExpressionAttributeValues: { ':s': story }, Select: 'COUNT', ExclusiveStartKey: start,
      }));
      n += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    sizes.set(story, Math.max(1, n));
  }));
  return sizes;
}
