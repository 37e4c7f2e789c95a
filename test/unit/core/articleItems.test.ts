import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../../shared/core/model.js';
import { articleOfTagItem, itemsOf, keepingCommitted, LISTED_POSITIONS, unpackBody, visibleVersion } from '../../../shared/service/storage/articleItems.js';

const record = (title: string, tags: string[] = []): ArticleRecord => ({
  id: 'a'.repeat(32), upload: { bucket: 'b', key: 'k', index: 0 }, title, text: `${title} body`, paragraphs: [`${title} body`], headings: [],
  published: '2024-01-01', publishedText: null, authors: [], source: null, url: null, lang: 'en', dir: 'ltr', tags, related: [], images: [],
  wordCount: 2, contentHash: 'h', story: 'a'.repeat(32), summary: null, profile: null, contentField: null, format: 'text', encoding: 'utf-8', extractorVersion: '0',
});

describe('generations: what readers see while a run replaces records', () => {
  const v1 = itemsOf(record('first'), undefined, 'G1').article;

  it('shows an item of the committed run, and hides one of a run not yet committed', () => {
    expect(visibleVersion(v1, 'G1')?.view.title).toBe('first');
    expect(visibleVersion(v1, undefined)).toBeNull();
    expect(visibleVersion(v1, 'G0')).toBeNull();
  });

  it('keeps the committed content as prev when a new run overwrites it, and shows prev until the flip', () => {
    // Act
    const v2 = keepingCommitted(itemsOf(record('second'), undefined, 'G2').article, v1, 'G1');
    // Assess
    expect(visibleVersion(v2, 'G1')?.view.title).toBe('first');
    expect(unpackBody(visibleVersion(v2, 'G1')!.body).text).toBe('first body');
    expect(visibleVersion(v2, 'G2')?.view.title).toBe('second');
    expect(unpackBody(visibleVersion(v2, 'G2')!.body)).toEqual({ text: 'second body', paragraphs: ['second body'] });
  });

  it('keeps the committed prev when the same run writes the item again (a retried batch)', () => {
    const once = keepingCommitted(itemsOf(record('second'), undefined, 'G2').article, v1, 'G1');
    const twice = keepingCommitted(itemsOf(record('second'), undefined, 'G2').article, once, 'G1');
    expect(visibleVersion(twice, 'G1')?.view.title).toBe('first');
  });

  it('shows items written before generations existed, whatever is committed', () => {
    const legacy = itemsOf(record('old')).article;
    expect(visibleVersion(legacy, 'G9')?.view.title).toBe('old');
  });

  it('writes tag items with their keys and run only: readers go through the article, which keeps what they see', () => {
    const [tag] = itemsOf(record('first', ['Harbour', 'harbour ', 'Ferries']), undefined, 'G1').tags;
    expect(tag).toEqual({ id: `${'a'.repeat(32)}#tag#harbour`, tagKey: 'harbour', sortKey: `2024-01-01#${'a'.repeat(32)}`, gen: 'G1' });
    expect(articleOfTagItem(tag.id)).toBe('a'.repeat(32));
    const [again] = itemsOf(record('second', ['Harbour']), undefined, 'G2').tags;
    expect(keepingCommitted(again, tag, 'G1')).toEqual(again);
  });
});

describe('what an item stores of the view', () => {
  const hash = 'ab'.repeat(32);
  const stored = itemsOf({ ...record('hashed'), contentHash: hash }, undefined, 'G1').article;

  it('keeps the content hash as its 32 bytes and reads it back as hex, the prev copy too', () => {
    expect(stored.view.contentHash).toBeInstanceOf(Uint8Array);
    expect((stored.view.contentHash as Uint8Array).length).toBe(32);
    expect(visibleVersion(stored, 'G1')?.view.contentHash).toBe(hash);
    const next = keepingCommitted(itemsOf({ ...record('next'), contentHash: 'cd'.repeat(32) }, undefined, 'G2').article, stored, 'G1');
    expect(visibleVersion(next, 'G1')?.view.contentHash).toBe(hash);
    expect(visibleVersion(next, 'G2')?.view.contentHash).toBe('cd'.repeat(32));
  });

  it('reads a hex hash of an item written before as it is', () => {
    const legacy = { ...stored, view: { ...stored.view, contentHash: hash } };
    expect(visibleVersion(legacy, 'G1')?.view.contentHash).toBe(hash);
  });

  it("filters language and upload on the view's own fields: match holds only the normalised source and tags", () => {
    expect(itemsOf({ ...record('m', ['Ferries ']), source: 'Island Post' }).article.match).toEqual({ source: 'island post', tags: ['ferries'] });
  });
});

describe('bodies kept in the item', () => {
  const long = { ...record('long'), text: Array.from({ length: 40 }, (_, i) => `Paragraph ${i} of the report on the harbour and its ferries.`).join('\n\n') };
  long.paragraphs = long.text.split('\n\n');

  it('are packed (text and paragraphs deflated together), a fraction of their size, and read back whole', () => {
    const item = itemsOf(long, undefined, 'G1').article;
    expect(item.text).toBeUndefined();
    expect(item.packedBody!.length).toBeLessThan(Buffer.byteLength(long.text) / 3);
    expect(unpackBody(visibleVersion(item, 'G1')!.body)).toEqual({ text: long.text, paragraphs: long.paragraphs });
  });

  it('of items written before (text and paragraphs as they are) read as they are, and are kept as prev the same way', () => {
    const { packedBody: _packed, ...legacy } = itemsOf(long, undefined, 'G1').article;
    const old = { ...legacy, text: long.text, paragraphs: long.paragraphs };
    expect(unpackBody(visibleVersion(old, 'G1')!.body)).toEqual({ text: long.text, paragraphs: long.paragraphs });
    const next = keepingCommitted(itemsOf(record('next'), undefined, 'G2').article, old, 'G1');
    expect(unpackBody(visibleVersion(next, 'G1')!.body).text).toBe(long.text);
  });
});

describe('byUpload, sparse', () => {
  const at = (index: number) => ({ ...record('x'), upload: { bucket: 'b', key: 'k', index } });

  it('leaves the upload key off the articles its status lists, and puts it on those past the list and on a run that indexes all', () => {
    expect(itemsOf(at(0)).article.uploadKey).toBeUndefined();
    expect(itemsOf(at(LISTED_POSITIONS - 1)).article.uploadKey).toBeUndefined();
    expect(itemsOf(at(LISTED_POSITIONS)).article.uploadKey).toBe('k');
    expect(itemsOf(at(0), undefined, 'G1', true).article.uploadKey).toBe('k');
  });
});

