/**
 * The story stage over records held in memory (the command line's one run): the same lookup the ingest
 * does against the table's key indexes, against an in-memory index instead. Pure.
 *
 * Stories are the connected groups of copies (an edge: `linked` keys and `sameStory`), so the same records
 * in any order give the same stories; a story is named after its first article, and when an article
 * joins two stories they become the older one.
 */
import type { ArticleRecord } from '../model.js';
import { fingerprintOf, matchingStories, type StoryCandidate, type StoryFingerprint } from './fingerprint.js';

/** Articles already placed, by key (what the table's `byStoryKey` index holds), looked up under each key word. */
export class StoryIndex {
  private byKey = new Map<string, StoryCandidate[]>();
  private byArticle = new Map<string, StoryCandidate>();
  /** A merged story's successor (union-find over story ids). */
  private mergedInto = new Map<string, string>();
  /** Order in which stories were named: the older survives a merge. */
  private named = new Map<string, number>();

  lookup(fp: StoryFingerprint): StoryCandidate[] {
    return fp.storyWords.flatMap((w) => this.byKey.get(w) ?? []).map((c) => ({ ...c, story: this.storyOf(c.story) }));
  }

  /** The story a story id stands for now, after merges. */
  storyOf(story: string): string {
    let s = story;
    while (this.mergedInto.has(s)) s = this.mergedInto.get(s)!;
    return s;
  }

  /** Places an article: joins (and merges) the stories it matches, or names a new one after itself. */
  place(article: string, fp: StoryFingerprint): string {
    const known = this.byArticle.get(article);
    const stories = matchingStories(article, fp, this.lookup(fp)).map((s) => this.storyOf(s));
    if (known) stories.push(this.storyOf(known.story));
    if (!stories.length) {
      this.named.set(article, this.named.size);
      stories.push(article);
    }
    const oldest = [...new Set(stories)].sort((a, b) => (this.named.get(a) ?? 0) - (this.named.get(b) ?? 0));
    for (const s of oldest.slice(1)) this.mergedInto.set(s, oldest[0]);
    const placed = { article, story: oldest[0], storyKey: fp.storyKey, storyWords: fp.storyWords, signature: fp.signature };
    if (known) this.byKey.set(known.storyKey, (this.byKey.get(known.storyKey) ?? []).filter((c) => c.article !== article));
    this.byArticle.set(article, placed);
    this.byKey.set(fp.storyKey, [...(this.byKey.get(fp.storyKey) ?? []), placed]);
    return oldest[0];
  }
}

/** Places one record in a story (its final story may still move by a merge: read it back with `storyOf`). */
export function placeRecord(record: ArticleRecord, index: StoryIndex, fp = fingerprintOf(record.text)): ArticleRecord {
  const story = index.place(record.id, fp);
  return story === record.story ? record : { ...record, story };
}

/**
 * Joins copies among records (in the order given: the first article of a story names it) and sets each
 * record's `copies`, the number of records its story has. `fingerprints`: the records' own, when the caller
 * made them already (the command line's worker threads do, beside the extraction).
 */
export function groupStories(records: ArticleRecord[], fingerprints?: StoryFingerprint[], index = new StoryIndex()): ArticleRecord[] {
  const placed = records.map((r, i) => placeRecord(r, index, fingerprints?.[i]));
  const final = placed.map((r) => ({ ...r, story: index.storyOf(r.story) }));
  const sizes = new Map<string, number>();
  for (const r of final) sizes.set(r.story, (sizes.get(r.story) ?? 0) + 1);
  return final.map((r) => ({ ...r, copies: sizes.get(r.story)! }));
}
