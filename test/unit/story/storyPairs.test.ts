/**
 * Precision and recall of the story fingerprint on pairs built from the corpus (storyPairs.ts), with
 * floors: same story in another format or boilerplate and edited copies on one side; one site's other
 * stories, a live blog and its later update, and short texts of one template on the other.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf, sameStory } from '../../../shared/core/story/fingerprint.js';
import { groupStories, placeRecord, StoryIndex } from '../../../shared/core/story/groupStories.js';
import type { ArticleRecord } from '../../../shared/core/model.js';
import { buildPairs, changeWords, corpusArticles, type CorpusArticle, seeded, type StoryPair } from './storyPairs.js';

/**
 * Floors the measured values must keep. Measured: decision precision 1.000, recall 0.989 (the misses are
 * text scrapes the text extractor read with much more or less than the HTML page); with the lookup by key
 * in either order, precision 1.000, recall 0.981. An article is found under each of its key words, and two
 * are linked when each one's key is among the other's (fingerprint.ts): with one word (an equal key) the
 * lookup recall was 0.918; the misses left are copies whose text scrape's extra lines or edits bring other
 * words to the top four. At most two unrelated corpus articles share a key.
 */
const FLOORS = { precision: 0.99, recall: 0.97, lookupRecall: 0.96, recallPerKind: 0.9, maxSharingAKey: 2 };

let articles: CorpusArticle[] = [];
let pairs: StoryPair[] = [];
beforeAll(() => {
  articles = corpusArticles();
  pairs = buildPairs(articles);
}, 600_000);

const asRecord = (id: string, text: string) => ({ id, story: id, text }) as ArticleRecord;

const fingerprints = new Map<string, ReturnType<typeof fingerprintOf>>();
const fingerprint = (text: string) => fingerprints.get(text) ?? fingerprints.set(text, fingerprintOf(text)).get(text)!;

function score(decide: (p: StoryPair) => boolean) {
  const kinds = new Map<string, { same: boolean; hit: number; n: number }>();
  let tp = 0, fp = 0, fn = 0;
  for (const p of pairs) {
    const joined = decide(p);
    const k = kinds.get(p.kind) ?? { same: p.same, hit: 0, n: 0 };
    k.n++;
    if (joined) k.hit++;
    kinds.set(p.kind, k);
    if (joined && p.same) tp++;
    else if (joined) fp++;
    else if (p.same) fn++;
  }
  return { precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn), kinds, falseMerges: fp };
}

describe('story fingerprint on corpus pairs', () => {
  it('has enough pairs of every kind', () => {
    const counts = new Map<string, number>();
    for (const p of pairs) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
    expect(counts.size).toBe(8);
    for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(50);
  });

  it('joins copies and keeps different stories apart (the decision on the signatures)', { timeout: 300_000 }, () => {
    const s = score((p) => sameStory(fingerprint(p.a), fingerprint(p.b)));
    console.log(`story pairs: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}; `
      + [...s.kinds].map(([k, v]) => `${k} ${v.hit}/${v.n}`).join(', '));
    expect(s.precision).toBeGreaterThanOrEqual(FLOORS.precision);
    expect(s.recall).toBeGreaterThanOrEqual(FLOORS.recall);
    for (const [kind, v] of s.kinds) if (v.same) expect(v.hit / v.n, kind).toBeGreaterThanOrEqual(FLOORS.recallPerKind);
  });

  it('finds the earlier copy by key, whichever of the two comes first (lookup and decision)', { timeout: 300_000 }, () => {
    for (const order of ['ab', 'ba'] as const) {
      const s = score((p) => {
        const index = new StoryIndex();
        const [x, y] = order === 'ab' ? [p.a, p.b] : [p.b, p.a];
        const first = placeRecord(asRecord('first', x), index, fingerprint(x));
        const second = placeRecord(asRecord('second', y), index, fingerprint(y));
        return index.storyOf(second.story) === index.storyOf(first.story);
      });
      console.log(`story lookup (${order}): precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}`);
      expect(s.precision).toBeGreaterThanOrEqual(FLOORS.precision);
      expect(s.recall).toBeGreaterThanOrEqual(FLOORS.lookupRecall);
    }
  });
});

describe('story keys', () => {
  it('are specific: few unrelated articles share one (a shared key is one partition, read up to its newest 100)', () => {
    const byKey = new Map<string, string[]>();
    for (const a of articles) byKey.set(fingerprint(a.html).storyKey, [...(byKey.get(fingerprint(a.html).storyKey) ?? []), a.name]);
    const largest = Math.max(...[...byKey.values()].map((names) => names.length));
    console.log(`story keys: ${byKey.size} keys for ${articles.length} articles, at most ${largest} articles on one`);
    expect(largest).toBeLessThanOrEqual(FLOORS.maxSharingAKey);
  });
});

describe('grouping does not depend on the order uploads arrive in', () => {
  /** For 12 pages: the HTML extraction, the text scrape, a copy with a paragraph cut and one with words changed. */
  function uploads(): ArticleRecord[] {
    const rnd = seeded(7);
    return articles.slice(0, 12).flatMap((a, i) => {
      const donor = articles[(i + 20) % articles.length].html;
      const texts = [a.html, a.scrape ?? a.html, a.paragraphs.slice(1).join('\n\n'), changeWords(a.html, donor, 0.04, rnd)];
      return texts.map((t, j) => asRecord(`${a.name}#${j}`, t));
    });
  }
  const partition = (records: ArticleRecord[]) => {
    const groups = new Map<string, string[]>();
    for (const r of records) groups.set(r.story, [...(groups.get(r.story) ?? []), r.id]);
    return [...groups.values()].map((g) => g.sort().join(' ')).sort();
  };

  it('gives the same stories for the same uploads in five orders, up to the choice of id', () => {
    const records = uploads();
    const expected = partition(groupStories(records));
    for (let seed = 1; seed <= 5; seed++) {
      const rnd = seeded(seed);
      const shuffled = records.map((r) => ({ r, k: rnd() })).sort((x, y) => x.k - y.k).map((x) => x.r);
      expect(partition(groupStories(shuffled))).toEqual(expected);
    }
    // and the stories are the pages: no two pages merged, and most copies joined their page (measured: 33
    // of 36; a copy joins when its key word is its page's)
    for (const group of expected) expect(new Set(group.split(' ').map((id) => id.split('#')[0])).size).toBe(1);
    expect(records.length - expected.length).toBeGreaterThanOrEqual(Math.ceil(0.9 * (records.length - 12)));
  });

  it('is idempotent: the same upload placed again keeps its story', () => {
    const index = new StoryIndex();
    const records = uploads();
    const first = records.map((r) => placeRecord(r, index)).map((r) => index.storyOf(r.story));
    const again = records.map((r) => placeRecord(r, index)).map((r) => index.storyOf(r.story));
    expect(again).toEqual(first);
  });

  it('counts the copies of each story on its records', () => {
    const grouped = groupStories(uploads());
    for (const r of grouped) expect(r.copies).toBe(grouped.filter((x) => x.story === r.story).length);
  });
});
