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
 * - One key per article in the index, looked up under each of an article's key words (shared/core/story:
 *   two articles are linked when each one's key is among the other's words). A story's articles lie in the
 *   partitions of their keys: its first article's, and those its story item (`story#<id>`, a string set
 *   `keys`) lists, written only when a copy joins under a key none of the copies it matched has. Those
 *   partitions, filtered on the story, list a story (`storyMembers`) and count it (`storySizes`); no index
 *   of stories is kept, and no Scan.
 * - The article that names a story may leave it (deleted, or rewritten under another key or into another
 *   story): the story then passes to the smallest id of its other articles (`handOverStories`, called by
 *   articleStore.ts where it deletes or rewrites items and already knows the old ones), with its partitions,
 *   so its copies stay listed and counted under a name that resolves.
 * - Cost: the key, signature and key words ride on the article item, and its one `byStoryKey` entry is one
 *   write unit; a copy writes nothing more unless it brings its story a partition (one small item update).
 */
import { BatchGetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type ArticleRecord, fingerprintOf, linked, matchingStories, storedStory, type StoryCandidate,
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

/** The item listing the key partitions of a story's articles besides its first article's. */
const storyItemId = (story: string) => `story#${story}`;

const candidateOf = (item: Record<string, unknown>): StoryCandidate => ({
  article: item.id as string, story: storyOfItem(item), storyKey: item.storyKey as string,
  ...storedStory(item.storySignature, item.storyKey as string),
});

/** Articles stored under any of the fingerprint's key words (one Query each). */
async function candidatesFor(c: AwsClients, cfg: StoreConfig, fp: StoryFingerprint): Promise<StoryCandidate[]> {
  const pages = await Promise.all(fp.storyWords.map((word) => c.ddb.send(new QueryCommand({
    TableName: cfg.articlesTable, IndexName: STORY_KEY_INDEX, KeyConditionExpression: 'storyKey = :k',
    ExpressionAttributeValues: { ':k': word }, Limit: MAX_CANDIDATES_PER_KEY, ScanIndexForward: false,
  }))));
  const found = new Map<string, StoryCandidate>();
  for (const page of pages) for (const item of page.Items ?? []) found.set(item.id as string, candidateOf(item));
  return [...found.values()];
}

/** Articles whose copies are looked up at once (each a Query per key word): a batch's lookups in turns. */
const LOOKUPS_AT_ONCE = 8;

/** The candidates of each fingerprint, in order, at most LOOKUPS_AT_ONCE articles' Queries in flight. */
async function lookUpAll(c: AwsClients, cfg: StoreConfig, fps: StoryFingerprint[]): Promise<StoryCandidate[][]> {
  const out: StoryCandidate[][] = [];
  for (let i = 0; i < fps.length; i += LOOKUPS_AT_ONCE) out.push(...await Promise.all(fps.slice(i, i + LOOKUPS_AT_ONCE).map((fp) => candidatesFor(c, cfg, fp))));
  return out;
}

export interface PlacedStories {
  records: ArticleRecord[];
  /** Each record's fingerprint, in order (the item writes and the second look reuse them). */
  fingerprints: StoryFingerprint[];
}

/** Places a batch of records in stories (in order: an earlier record of the batch is a candidate of a later one). */
export async function placeStories(c: AwsClients, cfg: StoreConfig, records: ArticleRecord[]): Promise<PlacedStories> {
  const fps = records.map((r) => fingerprintOf(r.text));
  const stored = await lookUpAll(c, cfg, fps);
  const placed: StoryCandidate[] = [];
  const out: ArticleRecord[] = [];
  const { current: storyOf, merge } = storyMerges(c, cfg);
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    const fp = fps[i];
    const candidates = [...stored[i], ...placed.filter((p) => linked(p, fp))].map((cand) => ({ ...cand, story: storyOf(cand.story) }));
    const stories = [...new Set(matchingStories(record.id, fp, candidates))].sort();
    const story = stories.length ? await merge(stories) : record.id;
    if (stories.length) {
      // Under a key none of its matches has: the story gains a partition (theirs are its already).
      const matchedKeys = candidates.filter((cand) => matchingStories(record.id, fp, [cand]).length).map((cand) => cand.storyKey);
      if (!matchedKeys.includes(fp.storyKey)) await notePartitions(c, cfg, story, [fp.storyKey, ...matchedKeys]);
    }
    placed.push({ article: record.id, story, storyKey: fp.storyKey, storyWords: fp.storyWords, signature: fp.signature });
    out.push(story === record.story ? record : { ...record, story });
  }
  // A merge later in the batch renames stories that earlier records of the batch took.
  return { records: out.map((r) => (storyOf(r.story) === r.story ? r : { ...r, story: storyOf(r.story) })), fingerprints: fps };
}

/**
 * The second look, after a batch is written: each record that started a story looks its copies up again.
 * One written meanwhile by another invocation that started its own story is found now (the later of the
 * two looks sees both items), and the two stories become the smaller id. Records that joined a story need
 * no second look: the story they joined was already stored.
 */
export async function settleStories(c: AwsClients, cfg: StoreConfig, placed: PlacedStories): Promise<void> {
  const firsts = placed.records.flatMap((r, i) => (r.story === r.id ? [i] : []));
  const founders = firsts.map((i) => placed.records[i]);
  const fps = firsts.map((i) => placed.fingerprints[i]);
  const found = await lookUpAll(c, cfg, fps);
  const { current, merge } = storyMerges(c, cfg);
  for (let i = 0; i < founders.length; i++) {
    const copies = found[i].filter((cand) => matchingStories(founders[i].id, fps[i], [cand]).length);
    const stories = [...new Set([founders[i].id, ...copies.map((cand) => cand.story)].map(current))].sort();
    if (stories.length > 1) await merge(stories);
  }
}

/**
 * Stories merged while a batch is placed: `merge` moves every stored article of the later ids of a sorted
 * list to the first (and the partitions they lie in to its story item), and `current` follows the chain of
 * merges to a story's name now.
 */
function storyMerges(c: AwsClients, cfg: StoreConfig) {
  const renamed = new Map<string, string>();
  const current = (s: string) => {
    while (renamed.has(s)) s = renamed.get(s)!;
    return s;
  };
  const merge = async ([story, ...others]: string[]): Promise<string> => {
    if (!others.length) return story;
    const partitions = await storyPartitions(c, cfg, [story, ...others]);
    const kept = new Set(partitions.get(story));
    for (const other of others) {
      renamed.set(other, story);
      const moved = partitions.get(other) ?? [];
      await relabelStory(c, cfg, moved, other, story);
      if (moved.some((k) => !kept.has(k))) {
        await notePartitions(c, cfg, story, [...kept, ...moved]);
        for (const k of moved) kept.add(k);
      }
    }
    return story;
  };
  return { current, merge };
}

/** Adds key partitions to a story's item (ADD to a string set: idempotent under redelivery). */
async function notePartitions(c: AwsClients, cfg: StoreConfig, story: string, keys: string[]) {
  await c.ddb.send(new UpdateCommand({
    TableName: cfg.articlesTable, Key: { id: storyItemId(story) }, UpdateExpression: 'ADD #keys :k',
    ExpressionAttributeNames: { '#keys': 'keys' }, ExpressionAttributeValues: { ':k': new Set(keys) },
  }));
}

/** The stored articles of `story`, from the key partitions it lies in: each id with the partition it is in. */
async function storyMembers(c: AwsClients, cfg: StoreConfig, partitions: string[], story: string): Promise<{ id: string; key: string }[]> {
  const members = new Map<string, string>();
  for (const key of partitions) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await c.ddb.send(new QueryCommand({
        TableName: cfg.articlesTable, IndexName: STORY_KEY_INDEX, KeyConditionExpression: 'storyKey = :k',
        ...storyFilter, ExpressionAttributeValues: { ':k': key, ':s': story }, ProjectionExpression: 'id',
        ScanIndexForward: false, ExclusiveStartKey: start,
      }));
      for (const item of page.Items ?? []) members.set(item.id as string, key);
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return [...members].map(([id, key]) => ({ id, key }));
}

/** Moves every stored article of story `from` (in its key partitions) to story `to`. */
async function relabelStory(c: AwsClients, cfg: StoreConfig, partitions: string[], from: string, to: string) {
  await relabel(c, cfg, (await storyMembers(c, cfg, partitions, from)).map((m) => m.id), to);
}

/**
 * Sets the story of these articles to `to`, in order. The article named `to` itself becomes its story's
 * first article (no `storyOf`: its story is its id). The article items only: tag items are read through
 * their articles (articleItems.ts, TagItem). An item that a run of its upload is rewriting keeps, as `prev`,
 * the committed content readers see until that run commits: its story is set too, so that the article is
 * listed under its story's new name meanwhile (a story is a label over uploads, not a run's content). That
 * second write only for such items, known from the first one's return value (which costs no capacity).
 */
async function relabel(c: AwsClients, cfg: StoreConfig, ids: string[], to: string) {
  const names = { '#v': 'view', '#st': 'story' };
  for (const id of ids) {
    // A view leaves out a story that is its article's own id (articleItems.ts, StoredView).
    const own = id === to;
    try {
      const out = await c.ddb.send(new UpdateCommand({
        TableName: cfg.articlesTable, Key: { id },
        UpdateExpression: own ? 'REMOVE #v.#st, storyOf, storyId' : 'SET #v.#st = :s, storyOf = :s REMOVE storyId',
        ConditionExpression: 'attribute_exists(#v)', ExpressionAttributeNames: names, ...(own ? {} : { ExpressionAttributeValues: { ':s': to } }), ReturnValues: 'ALL_NEW',
      }));
      const prev = out.Attributes?.prev as { view?: { story?: string } } | undefined;
      if (prev?.view && (prev.view.story ?? id) !== to) {
        await c.ddb.send(new UpdateCommand({
          TableName: cfg.articlesTable, Key: { id }, UpdateExpression: own ? 'REMOVE #p.#v.#st' : 'SET #p.#v.#st = :s',
          ConditionExpression: 'attribute_exists(#p.#v)', ExpressionAttributeNames: { ...names, '#p': 'prev' }, ...(own ? {} : { ExpressionAttributeValues: { ':s': to } }),
        }));
      }
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
}

/**
 * The story hand-over. Each of `leaving` names its story (its id; its key `storyKey`) and is about to
 * leave it (its item deleted, or rewritten under another key or into another story): the story's other
 * articles, in any of its partitions, pass to the smallest of their ids, which then names the story as if
 * it had come first, and its story item lists their partitions. Articles in `gone` (deleted with it) are
 * neither heirs nor relabelled. A Query of each partition per leaving article; none when nothing leaves.
 *
 * Called before the leaving item changes, so that a crash in between leaves the item as it was and the
 * redelivery hands over again; a repeated hand-over finds nothing left to move (the others already carry
 * the new name). The heir is relabelled last: a hand-over cut short leaves the heir still in the old story,
 * and the repeat picks it again (the smallest of what is left: the others already moved to it).
 */
export async function handOverStories(
  c: AwsClients, cfg: StoreConfig, leaving: StoryLeaving[], gone: ReadonlySet<string> = new Set(),
): Promise<void> {
  const listed = new Map<string, Set<string>>();
  const partitions = leaving.length ? await storyPartitions(c, cfg, leaving.map((l) => l.id), listed) : new Map<string, string[]>();
  const handOver = async ({ id, storyKey, newKey }: StoryLeaving) => {
    // Still its story's first article under a new key that the story's item lists: placed again, it matched
    // copies of its story and brought the new partition (placeStories), so the story keeps both; nothing leaves.
    if (newKey !== undefined && listed.get(id)?.has(newKey)) return;
    const rest = (await storyMembers(c, cfg, [...new Set([storyKey, ...(partitions.get(id) ?? [])])], id)).filter((m) => m.id !== id && !gone.has(m.id));
    const heir = heirOf(rest.map((m) => m.id));
    if (!heir) return;
    const keys = [...new Set(rest.map((m) => m.key))];
    // Before the relabel: a repeat after a crash finds the heir still in the old story and notes them again.
    if (keys.some((k) => k !== rest.find((m) => m.id === heir)!.key)) await notePartitions(c, cfg, heir, keys);
    await relabel(c, cfg, [...rest.map((m) => m.id).filter((m) => m !== heir), heir], heir);
  };
  // Stories apart from each other (each leaving article names its own): several at once, as an upload's
  // removal hands over one per article that named its story, most of them stories of one article.
  for (let i = 0; i < leaving.length; i += HANDOVERS_AT_ONCE) await Promise.all(leaving.slice(i, i + HANDOVERS_AT_ONCE).map(handOver));
}

/**
 * An article about to leave the story it names, in the partition of `storyKey`. `newKey`: it is being
 * rewritten under this other key and still names its story (it may have taken the story along).
 */
export interface StoryLeaving {
  id: string;
  storyKey: string;
  newKey?: string;
}

/** Hand-overs run side by side (each a Query, and relabels when the story has other articles). */
const HANDOVERS_AT_ONCE = 16;

/**
 * The key partitions each story's articles lie in: its first article's key (the story's id is that
 * article's) and what its story item lists. One BatchGetItem for both kinds of item; none for a story
 * whose first article is gone and that never needed a story item.
 */
async function storyPartitions(
  c: AwsClients, cfg: StoreConfig, stories: string[], listed: Map<string, Set<string>> = new Map(),
): Promise<Map<string, string[]>> {
  const found = new Map<string, Set<string>>();
  const add = (story: string, keys: Iterable<string>) => {
    const set = found.get(story) ?? found.set(story, new Set()).get(story)!;
    for (const k of keys) set.add(k);
  };
  const unique = [...new Set(stories)];
  const ids = unique.flatMap((s) => [s, storyItemId(s)]);
  for (let i = 0; i < ids.length; i += 100) {
    let request: Record<string, unknown>[] | undefined = ids.slice(i, i + 100).map((id) => ({ id }));
    for (let round = 0; request?.length && round < 8; round++) {
      const out = await c.ddb.send(new BatchGetCommand({
        RequestItems: { [cfg.articlesTable]: { Keys: request, ProjectionExpression: 'id, storyKey, #keys', ExpressionAttributeNames: { '#keys': 'keys' } } },
      }));
      for (const item of out.Responses?.[cfg.articlesTable] ?? []) {
        const id = item.id as string;
        if (id.startsWith('story#')) {
          if (item.keys instanceof Set) {
            add(id.slice('story#'.length), item.keys as Set<string>);
            listed.set(id.slice('story#'.length), item.keys as Set<string>);
          }
        } else if (typeof item.storyKey === 'string') add(id, [item.storyKey]);
      }
      request = out.UnprocessedKeys?.[cfg.articlesTable]?.Keys as Record<string, unknown>[] | undefined;
    }
  }
  return new Map(unique.map((s) => [s, [...(found.get(s) ?? [])].sort()]));
}

/** The key partitions a story lies in (none: nothing of it is stored). */
export async function storyPartitionsOf(c: AwsClients, cfg: StoreConfig, story: string): Promise<string[]> {
  return (await storyPartitions(c, cfg, [story])).get(story) ?? [];
}

/**
 * How many stored articles each story has (Query with Select COUNT on each of its key partitions, filtered
 * on the story; 1 when none is known). `known`: partitions the caller has already read, by story.
 */
export async function storySizes(
  c: AwsClients, cfg: StoreConfig, stories: string[], known: Map<string, string[]> = new Map(),
): Promise<Map<string, number>> {
  const unique = [...new Set(stories)];
  const missing = unique.filter((s) => !known.has(s));
  const partitions = new Map([...known, ...(missing.length ? await storyPartitions(c, cfg, missing) : [])]);
  const sizes = new Map<string, number>();
  await Promise.all(unique.map(async (story) => {
    let n = 0;
    for (const key of partitions.get(story) ?? []) {
      let start: Record<string, unknown> | undefined;
      do {
        const out = await c.ddb.send(new QueryCommand({
          TableName: cfg.articlesTable, IndexName: STORY_KEY_INDEX, KeyConditionExpression: 'storyKey = :k',
          ...storyFilter, ExpressionAttributeValues: { ':k': key, ':s': story }, Select: 'COUNT', ExclusiveStartKey: start,
        }));
        n += out.Count ?? 0;
        start = out.LastEvaluatedKey;
      } while (start);
    }
    sizes.set(story, Math.max(1, n));
  }));
  return sizes;
}
