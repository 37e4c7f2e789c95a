import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '../../../shared/core/model.js';
import { articleId, countWords, segmenterWords, toArticleRecord } from '../../../shared/core/records.js';

const article = (over: Partial<ExtractedArticle> = {}): ExtractedArticle => ({
  title: ' A title ', blocks: [{ kind: 'paragraph', text: 'First paragraph here.' }, { kind: 'heading', text: 'A heading' }, { kind: 'paragraph', text: 'Second one.' }],
  published: '2025-06-20', publishedText: '20 June 2025', authors: ['Ann', 'ann', ' '], source: 'Gazette', url: null,
  tags: ['x', 'X', 'y'], related: [], ...over,
});
const ctx = { upload: { bucket: 'b', key: 'k', versionId: 'v' }, format: 'text' as const, encoding: 'utf-8' };

describe('toArticleRecord', () => {
  it('builds the contract record: text in reading order, headings apart, lists deduplicated', () => {
    const r = toArticleRecord(article(), 0, ctx);
    expect(r.text).toBe('First paragraph here.\n\nA heading\n\nSecond one.');
    expect(r.paragraphs).toEqual(['First paragraph here.', 'Second one.']);
    expect(r.headings).toEqual(['A heading']);
    expect(r.title).toBe('A title');
    expect(r.authors).toEqual(['Ann']);
    expect(r.tags).toEqual(['x', 'y']);
    expect(r.upload).toEqual({ bucket: 'b', key: 'k', versionId: 'v', index: 0 });
    expect(r.wordCount).toBe(7);
    expect(r.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same id on every run, and another id for another position, key or version', () => {
    const a = toArticleRecord(article(), 1, ctx);
    expect(toArticleRecord(article({ title: 'changed' }), 1, ctx).id).toBe(a.id);
    expect(articleId({ bucket: 'b', key: 'k', versionId: 'v' }, 2)).not.toBe(a.id);
    expect(articleId({ bucket: 'b', key: 'k2', versionId: 'v' }, 1)).not.toBe(a.id);
    expect(articleId({ bucket: 'b', key: 'k' }, 1)).not.toBe(a.id);
  });
});

describe('countWords', () => {
  it('counts words in scripts with and without spaces', () => {
    expect(countWords('قالت الحكومة اليوم')).toBe(3);
    expect(countWords('Hello, world!')).toBe(2);
    expect(countWords('今日は晴れです')).toBeGreaterThan(1);
  });

  it('keeps words whole across in-word punctuation, as Unicode word rules do, and splits at hyphens', () => {
    expect(countWords("Don't say l'État paid 3,000 or 2.5 % to the U.S. in 2024.")).toBe(12);
    expect(countWords('a well-known e-mail')).toBe(5);
    expect(countWords('Zprávy — dne: 12:30')).toBe(4);
    expect(countWords('  \n\t ')).toBe(0);
  });

  it('counts the same text the same whatever was counted before (one regex shared by every call)', () => {
    const spaced = 'The council met on Tuesday and put the vote off.';
    const first = countWords(spaced);
    countWords('東京都は今日 Tokyo');
    countWords('one two');
    expect([first, countWords(spaced), countWords(spaced)]).toEqual([10, 10, 10]);
  });

  it('counts as the word pattern reads a text (Intl.Segmenter inside runs of scripts without spaces), whatever its characters', () => {
    // the reference: every match of the word pattern is a word, one holding Han, kana, Thai… is split by Intl.Segmenter
    const pattern = /[\p{L}\p{M}\p{N}\p{Pc}]+(?:['’.,·][\p{L}\p{M}\p{N}\p{Pc}]+)*/gu;
    const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;
    const reference = (text: string) => [...text.matchAll(pattern)].reduce((n, m) => n + (unspaced.test(m[0]) ? segmenterWords(m[0]) : 1), 0);
    const pieces = ['a', 'Z', '9', '_', ' ', "'", '’', '.', ',', '·', '-', 'é', 'e\u0301', 'ب', '٣', 'ʼ', 'Ⅻ', '‿', '\u00a0', '\n',
      '\ud835\udc00', '\ud83d\ude00', '\ud800', '\udc00', '..', "''", 'Ωμέγα', 'Привет', '東京', 'ก', '\u{20000}'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      expect(countWords(text)).toBe(reference(text));
    }), { numRuns: 5000 });
  });

  it('agrees with Intl.Segmenter on text in scripts without spaces, mixed with spaced words', () => {
    for (const text of ['東京都は今日、新しい計画を発表した。 Tokyo announced a plan.', 'วันนี้รัฐบาลประกาศแผนใหม่ แล้ว news 2024', '今天政府宣布了新计划。']) {
      expect(countWords(text), text).toBe(segmenterWords(text));
    }
  });
});
