/**
 * The story stage at ingest (shared/core/story), against the article table: earlier copies are found by key
 * (Query on `byStoryKey`, never a Scan), checked on their signatures, and joined.
 *
 * - The first article of a story names it (`story` = its id). A later copy takes the story of the copies
 *   it matches; when it matches two stories they are merged into the smaller id, so the stories are the
 *   connected copies whatever order the uploads came in (the merge relabels the other story's articles).
 * - Placing an article again (a redelivered event, a reprocess) finds the same copies: it is not its own
 *   candidate, so it keeps its story.
 * - Copies ingested at the same moment (two invocations, or two records of one SQS batch) each look up
 *   before the other is written, so both may start a story: `settleStories` looks the first article of
 *   each new story up again once it is written, and the two stories merge into the smaller id, whichever
 *   of the two settles first (the later lookup sees both items). In AWS the key index is eventually
 *   consistent (usually well under a second), so copies written closer together than that can stay apart
 *   until a later copy finds both and merges them.
 * - One key per article, and articles join only through equal keys: every story lies inside one key's
 *   partition of `byStoryKey`. That partition therefore lists a story (`storyMembers`) and counts it
 *   (`storySizes`), with a filter on the story; no index of stories is kept.
 * - The article that names a story may leave it (deleted, or rewritten under another key or into another
 *   story): the story then passes to the smallest id of its other articles (`handOverStories`, called by
 *   articleStore.ts where it deletes or rewrites items and already knows the old ones), so its copies stay
 *   listed and counted under a name that resolves.
 * - Cost: the key, signature and story ride on the article item, and its one `byStoryKey` entry is one
 *   write unit; a copy writes nothing more (its story is on its own item, the first article's is its id).
 */
import { BatchGetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type ArticleRecord, fingerprintOf, matchingStories, storedSignature, type StoryCandidate,
  type StoryFingerprint,
} from '../../core/index.js';
import { heirOf } from './articleItems.js';
import type { AwsClients } from './awsClients.js';
import type { StoreConfig } from './storeConfig.js';
import { STORY_FILTER, STORY_KEY_INDEX } from './tableSchema.js';

/** Candidates read per key (the newest): a key shared by more articles than this is boilerplate, not a story. */
const MAX_CANDIDATES_PER_KEY = 100;

/**
 * An article item's story: `storyOf` when its story is another article's, else its own id (items written
 * before this also carry `storyId`).
 */
const storyOfItem = (item: Record<string, unknown>) => (item.storyOf ?? item.storyId ?? item.id) as string;

/** The key partition's entries of one story, as `storyOfItem` reads them. */
const storyFilter = { FilterExpression: STORY_FILTER.expression, ExpressionAttributeNames: STORY_FILTER.names };

/** Articles stored with this key. */
async function candidatesFor(c: AwsClients, cfg: StoreConfig, fp: StoryFingerprint): Promise<StoryCandidate[]> {
  const out = await c.ddb.send(new QueryCommand({
    TableName: cfg.articlesTable, IndexName: STORY_KEY_INDEX, KeyConditionExpression: 'storyKey = :k',
    ExpressionAttributeValues: { ':k': fp.storyKey }, Limit: MAX_CANDIDATES_PER_KEY, ScanIndexForward: false,
  }));
  return (out.Items ?? []).map((item) => ({
    article: item.id as string, story: storyOfItem(item), storyKey: item.storyKey as string, signature: storedSignature(item.storySignature),
  }));
}

export interface PlacedStories {
  records: ArticleRecord[];
}

/** Places a batch of records in stories (in order: an earlier record of the batch is a candidate of a later one). */
export async function placeStories(c: AwsClients, cfg: StoreConfig, records: ArticleRecord[]): Promise<PlacedStories> {
  const fps = records.map((r) => fingerprintOf(r.text));
  const stored = await Promise.all(fps.map((fp) => candidatesFor(c, cfg, fp)));
  const placed: StoryCandidate[] = [];
  const out: ArticleRecord[] = [];
  const { current: storyOf, merge } = storyMerges(c, cfg);
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    const fp = fps[i];
    const inBatch = placed.filter((p) => p.storyKey === fp.storyKey);
    const candidates = [...stored[i], ...inBatch].map((cand) => ({ ...cand, story: storyOf(cand.story) }));
    const stories = [...new Set(matchingStories(record.id, fp, candidates))].sort();
    const story = stories.length ? await merge(stories, fp.storyKey) : record.id;
    placed.push({ article: record.id, story, storyKey: fp.storyKey, signature: fp.signature });
    out.push(story === record.story ? record : { ...record, story });
  }
  // A merge later in the batch renames stories that earlier records of the batch took.
  return { records: out.map((r) => (storyOf(r.story) === r.story ? r : { ...r, story: storyOf(r.story) })) };
}

/**
 * The second look, after a batch is written: each record that started a story looks its copies up again.
 * One written meanwhile by another invocation that started its own story is found now (the later of the
 * two looks sees both items), and the two stories become the smaller id. Records that joined a story need
 * no second look: the story they joined was already stored.
 */
export async function settleStories(c: AwsClients, cfg: StoreConfig, placed: PlacedStories): Promise<void> {
  const founders = placed.records.filter((r) => r.story === r.id);
  const fps = founders.map((r) => fingerprintOf(r.text));
  const found = await Promise.all(fps.map((fp) => candidatesFor(c, cfg, fp)));
  const { current, merge } = storyMerges(c, cfg);
  for (let i = 0; i < founders.length; i++) {
    const copies = found[i].filter((cand) => matchingStories(founders[i].id, fps[i], [cand]).length);
    const stories = [...new Set([founders[i].id, ...copies.map((cand) => cand.story)].map(current))].sort();
    if (stories.length > 1) await merge(stories, fps[i].storyKey);
  }
}

/**
 * Stories merged while a batch is placed: `merge` moves every stored article of the later ids of a sorted
 * list to the first (all of them in the partition of `key`), and `current` follows the chain of merges to
 * a story's name now.
 */
function storyMerges(c: AwsClients, cfg: StoreConfig) {
  const renamed = new Map<string, string>();
  const current = (s: string) => {
    while (renamed.has(s)) s = renamed.get(s)!;
    return s;
  };
  const merge = async ([story, ...others]: string[], key: string): Promise<string> => {
    for (const other of others) {
      renamed.set(other, story);
      await relabelStory(c, cfg, key, other, story);
    }
    return story;
  };
  return { current, merge };
}

/** Ids of the stored articles of `story`, newest first, from the partition of its key. */
async function storyMembers(c: AwsClients, cfg: StoreConfig, key: string, story: string): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await c.ddb.send(new QueryCommand({
      TableName: cfg.articlesTable, IndexName: STORY_KEY_INDEX, KeyConditionExpression: 'storyKey = :k',
      ...storyFilter, ExpressionAttributeValues: { ':k': key, ':s': story }, ProjectionExpression: 'id',
      ScanIndexForward: false, ExclusiveStartKey: start,
    }));
    for (const item of page.Items ?? []) ids.push(item.id as string);
    start = page.LastEvaluatedKey;
  } while (start);
  return ids;
}

/** Moves every stored article of story `from` (in the partition of `key`) to story `to`. */
async function relabelStory(c: AwsClients, cfg: StoreConfig, key: string, from: string, to: string) {
  await relabel(c, cfg, await storyMembers(c, cfg, key, from), to);
}

/**
 * Sets the story of these articles to `to`, in order. The article named `to` itself becomes its story's
 * first article (no `storyOf`: its story is its id). The article items only: tag items are read through
 * their articles (articleItems.ts, TagItem).
 */
async function relabel(c: AwsClients, cfg: StoreConfig, ids: string[], to: string) {
  for (const id of ids) {
    try {
      await c.ddb.send(new UpdateCommand({
        TableName: cfg.articlesTable, Key: { id },
        UpdateExpression: id === to ? 'SET #v.#st = :s REMOVE storyOf, storyId' : 'SET #v.#st = :s, storyOf = :s REMOVE storyId',
        ConditionExpression: 'attribute_exists(#v)', ExpressionAttributeNames: { '#v': 'view', '#st': 'story' }, ExpressionAttributeValues: { ':s': to },
      }));
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
}

/**
 * The story hand-over. Each of `leaving` names its story (its id) in the partition of `storyKey` and is
 * about to leave it (its item deleted, or rewritten under another key or into another story): the story's
 * other articles there pass to the smallest of their ids, which then names the story as if it had come
 * first. Articles in `gone` (deleted with it) are neither heirs nor relabelled. A Query of that partition
 * per leaving article, nothing else read; none at all when nothing leaves.
 *
 * Called before the leaving item changes, so that a crash in between leaves the item as it was and the
 * redelivery hands over again; a repeated hand-over finds nothing left to move (the others already carry
 * the new name). The heir is relabelled last: a hand-over cut short leaves the heir still in the old story,
 * and the repeat picks it again (the smallest of what is left: the others already moved to it).
 */
export async function handOverStories(
  c: AwsClients, cfg: StoreConfig, leaving: { id: string; storyKey: string }[], gone: ReadonlySet<string> = new Set(),
): Promise<void> {
  const handOver = async ({ id, storyKey }: { id: string; storyKey: string }) => {
    const rest = (await storyMembers(c, cfg, storyKey, id)).filter((m) => m !== id && !gone.has(m));
    const heir = heirOf(rest);
    if (heir) await relabel(c, cfg, [...rest.filter((m) => m !== heir), heir], heir);
  };
  // Stories apart from each other (each leaving article names its own): several at once, as an upload's
  // removal hands over one per article that named its story, most of them stories of one article.
  for (let i = 0; i < leaving.length; i += HANDOVERS_AT_ONCE) await Promise.all(leaving.slice(i, i + HANDOVERS_AT_ONCE).map(handOver));
}

/** Hand-overs run side by side (each a Query, and relabels when the story has other articles). */
const HANDOVERS_AT_ONCE = 16;

/**
 * The key of each article (`storyKey` on its item), for those not given; none for an article that is gone
 * or was stored without one. BatchGetItem with only the key read back.
 */
async function storyKeysOf(c: AwsClients, cfg: StoreConfig, ids: string[]): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    let request: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map((id) => ({ id }));
    for (let round = 0; request?.length && round < 8; round++) {
      const out = await c.ddb.send(new BatchGetCommand({ RequestItems: { [cfg.articlesTable]: { Keys: request, ProjectionExpression: 'id, storyKey' } } }));
      for (const item of out.Responses?.[cfg.articlesTable] ?? []) if (typeof item.storyKey === 'string') keys.set(item.id as string, item.storyKey);
      request = out.UnprocessedKeys?.[cfg.articlesTable]?.Keys as Record<string, unknown>[] | undefined;
    }
  }
  return keys;
}

/** The partition a story lies in: its first article's key (the story's id is that article's). */
export async function storyKeyOf(c: AwsClients, cfg: StoreConfig, story: string): Promise<string | undefined> {
  return (await storyKeysOf(c, cfg, [story])).get(story);
}

/**
 * How many stored articles each story has (Query with Select COUNT on its key's partition, filtered on the
 * story; 1 when its key is unknown). `items` are articles of those stories, with their key when the caller
 * has it (else it is read from their items: a story's articles share its key).
 */
export async function storySizes(
  c: AwsClients, cfg: StoreConfig, items: { id: string; story: string; storyKey?: string }[],
): Promise<Map<string, number>> {
  const keyOfStory = new Map<string, string>();
  for (const i of items) if (i.storyKey) keyOfStory.set(i.story, i.storyKey);
  const missing = items.filter((i) => !keyOfStory.has(i.story));
  if (missing.length) {
    const read = await storyKeysOf(c, cfg, missing.map((i) => i.id));
    for (const i of missing) if (read.has(i.id) && !keyOfStory.has(i.story)) keyOfStory.set(i.story, read.get(i.id)!);
  }
  const sizes = new Map<string, number>();
  await Promise.all([...new Set(items.map((i) => i.story))].map(async (story) => {
    const key = keyOfStory.get(story);
    let n = 0;
    let start: Record<string, unknown> | undefined;
    while (key) {
      const out = await c.ddb.send(new QueryCommand({
        TableName: cfg.articlesTable, IndexName: STORY_KEY_INDEX, KeyConditionExpression: 'storyKey = :k',
        ...storyFilter, ExpressionAttributeValues: { ':k': key, ':s': story }, Select: 'COUNT', ExclusiveStartKey: start,
      }));
      n += out.Count ?? 0;
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    sizes.set(story, Math.max(1, n));
  }));
  return sizes;
}
