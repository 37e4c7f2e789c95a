import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { developmentSet, joinedScrapes, scoreMulti } from '../eval/multi.js';
import { scoreCorpus, scoreSeed } from '../eval/score.js';
import { CORPUS, CORPUS_MULTI, referenceMissing, SEEDS } from '../support/referencePaths.js';

/**
 * Quality floors, pinned slightly under what Sift scores now (`npm run eval`), so quality cannot
 * drop silently. Raise a floor when a change lifts the score; never lower one to make a change pass.
 * Measured 2026-11-29 (format auto, as the command line runs): source.txt F1 0.911, title 0.605 (49 of
 * the 81 titles are a line of source.txt at all; all 49 found); source.naive.txt F1 0.882, title 0.481;
 * source.html F1 0.982 (HTML path); seed 000: every field right (score-seed --strict passes).
 */
export const FLOORS = {
  /** 2026-12-02, second session: F1 0.932 (P 0.926 R 0.939), title 0.605; naive F1 0.890. */
  text: { f1: 0.925, title: 0.6 },
  naive: { f1: 0.88 },
  /**
   * The HTML path's current score; the HTML engineer raises it. Precision and recall are pinned apart
   * (2026-12-02: P 0.985 R 0.967; captions moved to `images` cost recall on set A's Readability truths).
   */
  html: { f1: 0.975, precision: 0.98, recall: 0.96 },
  /**
   * Plain-text scrapes that join several pages (2026-12-02): the development set ../shared/corpus-multi
   * (count 0.950, F1 0.907, titles 0.974 of the 78 a line holds), and 60 files joined from the corpus by
   * test/eval/multi.ts (other pages, bare / blank-line / read-also joints, cut footers: count 0.733, F1 0.853).
   */
  multi: { count: 0.93, f1: 0.9, reachableTitles: 0.95 },
  joined: { count: 0.73, f1: 0.84 },
};

describe.skipIf(referenceMissing(CORPUS))('quality floors: corpus real pages', () => {
  it('source.txt: body F1 and title accuracy', () => {
    // Act
    const s = scoreCorpus('source.txt');
    // Assess
    expect(s.f1).toBeGreaterThanOrEqual(FLOORS.text.f1);
    expect(s.title).toBeGreaterThanOrEqual(FLOORS.text.title);
  });

  it('source.naive.txt: body F1', () => {
    // Act
    const s = scoreCorpus('source.naive.txt');
    // Assess
    expect(s.f1).toBeGreaterThanOrEqual(FLOORS.naive.f1);
  });

  it('source.html: body F1, precision and recall', () => {
    // Act
    const s = scoreCorpus('source.html');
    // Assess
    expect(s.f1).toBeGreaterThanOrEqual(FLOORS.html.f1);
    expect(s.precision).toBeGreaterThanOrEqual(FLOORS.html.precision);
    expect(s.recall).toBeGreaterThanOrEqual(FLOORS.html.recall);
  });
});

describe.skipIf(referenceMissing(CORPUS_MULTI))('quality floors: scrapes that join several pages', () => {
  it('corpus-multi: every article found, bodies and titles', () => {
    // Act
    const s = scoreMulti(developmentSet());
    // Assess
    expect(s.count).toBeGreaterThanOrEqual(FLOORS.multi.count);
    expect(s.f1).toBeGreaterThanOrEqual(FLOORS.multi.f1);
    expect(s.reachableTitles).toBeGreaterThanOrEqual(FLOORS.multi.reachableTitles);
  });

  it('pages joined from the corpus in other ways: every article found, bodies', () => {
    // Act
    const s = scoreMulti(joinedScrapes());
    // Assess
    expect(s.count).toBeGreaterThanOrEqual(FLOORS.joined.count);
    expect(s.f1).toBeGreaterThanOrEqual(FLOORS.joined.f1);
  });
});

describe.skipIf(referenceMissing(SEEDS))('quality floors: annotated seeds', () => {
  it('seed 000 comes out as its expected file says', () => {
    // Prepare
    const seed = join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith('000_') && f.endsWith('.txt')) ?? '');
    // Act
    const s = scoreSeed(seed);
    // Assess
    expect({ articles: s.articles, titles: s.titles, dates: s.dates, sources: s.sources, headings: s.headings, related: s.related, leaks: s.leaks })
      .toEqual({ articles: 2, titles: 2, dates: 2, sources: 2, headings: [4, 4], related: [3, 3], leaks: [] });
    expect(s.tags).toEqual([12, 12]);
    expect(Math.min(...s.bodyF1)).toBeGreaterThanOrEqual(0.97);
  });
});
