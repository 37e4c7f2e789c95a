/** When a story passes on (storage/articleItems.ts): which item changes make an article leave the story it names, and to whom it passes. */
import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../../shared/core/model.js';
import { heirOf, itemsOf, namesStory, storyLeft } from '../../../shared/service/storage/articleItems.js';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const record = (text: string, story = A): ArticleRecord => ({
  id: A, upload: { bucket: 'b', key: 'k', index: 0 }, title: 'Harbour', text, paragraphs: [text], headings: [],
  published: '2024-01-01', publishedText: null, authors: [], source: null, url: null, lang: 'en', dir: 'ltr', tags: [], related: [], images: [],
  wordCount: 2, contentHash: 'h', story, summary: null, profile: null, contentField: null, format: 'text', encoding: 'utf-8', extractorVersion: '0',
});
const harbour = 'The harbour authority met the residents about the harbour quay and the harbour works, which the harbour board approved.';
const election = 'The election commission counted the ballots of the election twice, and the election result stood after the election appeal.';

describe('an article leaving the story it names', () => {
  const first = itemsOf(record(harbour), undefined, 'G1').article;

  it('leaves its key partition when deleted, rewritten under another key, or placed in another story', () => {
    const otherKey = itemsOf(record(election), undefined, 'G2').article;
    expect(otherKey.storyKey).not.toBe(first.storyKey);
    expect(storyLeft(first)).toBe(first.storyKey);
    expect(storyLeft(first, otherKey)).toBe(first.storyKey);
    expect(storyLeft(first, itemsOf(record(harbour, B), undefined, 'G2').article)).toBe(first.storyKey);
  });

  it('stays when rewritten under the same key in its own story (a redelivery, a reprocess giving the same text)', () => {
    expect(storyLeft(first, itemsOf(record(harbour), undefined, 'G2').article)).toBeUndefined();
  });

  it('leaves nothing behind when it names no story: a copy of another, by storyOf or the storyId of items written before', () => {
    const copy = itemsOf(record(harbour, B), undefined, 'G1').article;
    expect(storyLeft(copy)).toBeUndefined();
    expect(storyLeft({ id: A, storyKey: first.storyKey, storyId: B })).toBeUndefined();
    expect(storyLeft({ id: A, storyKey: first.storyKey, storyId: A })).toBe(first.storyKey);
    expect(storyLeft({ id: A })).toBeUndefined();
  });
});

describe('an article naming its story', () => {
  it('is one whose story is its own id: no storyOf, or a storyId of its own on items written before', () => {
    expect(namesStory(itemsOf(record(harbour), undefined, 'G1').article)).toBe(true);
    expect(namesStory(itemsOf(record(harbour, B), undefined, 'G1').article)).toBe(false);
    expect(namesStory({ id: A, storyId: A })).toBe(true);
    expect(namesStory({ id: A, storyId: B })).toBe(false);
  });
});

describe('the heir of a story', () => {
  it('is the smallest id left, whatever the order; none when none is left', () => {
    expect(heirOf(['c3', 'a9', 'b1'])).toBe('a9');
    expect(heirOf(['a9'])).toBe('a9');
    expect(heirOf([])).toBeUndefined();
  });
});
