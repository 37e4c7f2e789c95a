import { deflateRawSync } from 'node:zlib';
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
    expect(unpackBody(visibleVersion(v2, 'G1')!.body, []).text).toBe('first body');
    expect(visibleVersion(v2, 'G2')?.view.title).toBe('second');
    expect(unpackBody(visibleVersion(v2, 'G2')!.body, [])).toEqual({ text: 'second body', paragraphs: ['second body'] });
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

  it("filters language and upload on the view's own fields: match holds only the normalised source and tags, and is left out when both are empty", () => {
    expect(itemsOf({ ...record('m', ['Ferries ']), source: 'Island Post' }).article.match).toEqual({ source: 'island post', tags: ['ferries'] });
    expect(itemsOf({ ...record('m'), source: 'Island Post' }).article.match).toEqual({ source: 'island post' });
    expect(itemsOf(record('m')).article).not.toHaveProperty('match');
  });

  const full: ArticleRecord = {
    ...record('full', ['Ferries']), upload: { bucket: 'b', key: 'k', versionId: 'v1', index: 3 }, headings: ['A heading'], publishedText: '1 January 2024',
    authors: ['A. Writer'], source: 'Island Post', url: 'https://example.test/a', related: [{ title: 'Other', url: 'https://example.test/b' }] as ArticleRecord['related'],
    images: [{ url: 'https://example.test/i.jpg', caption: null, credit: 'C' }] as ArticleRecord['images'], contentHash: hash, story: 'b'.repeat(32),
    summary: 'In short', profile: 'p', contentField: 'text',
  };
  const viewOf = ({ text: _t, paragraphs: _p, ...view }: ArticleRecord) => view;

  it('keeps as attributes only what DynamoDB filters or updates, and reads the whole view back, in the record\'s order', () => {
    for (const r of [full, record('bare'), { ...record('dated'), publishedText: '2024-01-01' }, { ...full, published: null, publishedText: null }]) {
      const item = itemsOf(r, undefined, 'G1').article;
      expect(Object.keys(item.view).sort()).toEqual(['contentHash', 'lang', 'packed', 'upload', ...(r.story === r.id ? [] : ['story']), ...(r.tags.length ? ['tags'] : [])].sort());
      expect(item.view.upload).toEqual({ key: 'k' });
      const shown = visibleVersion(item, 'G1')!.view;
      expect(shown).toEqual(viewOf(r));
      expect(Object.keys(shown)).toEqual(Object.keys(viewOf(r)));
      const next = keepingCommitted(itemsOf(record('next'), undefined, 'G2').article, item, 'G1');
      expect(visibleVersion(next, 'G1')!.view).toEqual(viewOf(r));
    }
  });

  it('reads a view stored whole (items written before), and lets an attribute an update set win over the packed one', () => {
    const legacy = { ...stored, view: { ...viewOf(full), contentHash: hash } };
    expect(visibleVersion(legacy, 'G1')!.view).toEqual(viewOf(full));
    const { profile: _p, images: _i, contentField: _c, ...older } = viewOf(full);
    expect(visibleVersion({ ...stored, view: older }, 'G1')!.view).toEqual({ ...viewOf(full), profile: null, images: [], contentField: null });
    const item = itemsOf(full, undefined, 'G1').article;
    expect(visibleVersion({ ...item, view: { ...item.view, title: 'set' } }, 'G1')!.view.title).toBe('set');
    expect(visibleVersion({ ...item, view: { ...item.view, story: full.id } }, 'G1')!.view.story).toBe(full.id);
  });
});

describe('bodies kept in the item', () => {
  const long = { ...record('long'), text: Array.from({ length: 40 }, (_, i) => `Paragraph ${i} of the report on the harbour and its ferries.`).join('\n\n') };
  long.paragraphs = long.text.split('\n\n');

  it('are packed (text and paragraphs deflated together), a fraction of their size, and read back whole', () => {
    const item = itemsOf(long, undefined, 'G1').article;
    expect(item.text).toBeUndefined();
    expect(item.packedBody!.length).toBeLessThan(Buffer.byteLength(long.text) / 3);
    expect(unpackBody(visibleVersion(item, 'G1')!.body, [])).toEqual({ text: long.text, paragraphs: long.paragraphs });
  });

  it('hold the paragraphs and where the headings stand, the text rebuilt from them and the view\'s headings', () => {
    const blocks = { ...long, headings: ['Head one', 'Head two'], paragraphs: ['First.', 'Second.', 'Third.'], text: 'Head one\n\nFirst.\n\nSecond.\n\nHead two\n\nThird.' };
    const item = itemsOf(blocks, undefined, 'G1').article;
    // the headings are the view's: the body does not hold them again
    expect(JSON.stringify(unpackBody({ packed: item.packedBody }, []))).not.toContain('Head one');
    const shown = visibleVersion(item, 'G1')!;
    expect(unpackBody(shown.body, shown.view.headings)).toEqual({ text: blocks.text, paragraphs: blocks.paragraphs });
    // a block holding the separator reads back the same; a text that is not its blocks joined keeps itself
    for (const odd of [{ ...blocks, paragraphs: ['First.\n\nSecond.', 'Third.'] }, { ...blocks, text: `${blocks.text}\n\nMore.` }]) {
      const kept = itemsOf(odd, undefined, 'G1').article;
      expect(unpackBody(visibleVersion(kept, 'G1')!.body, odd.headings)).toEqual({ text: odd.text, paragraphs: odd.paragraphs });
    }
  });

  it('of items written before (text and paragraphs as they are) read as they are, and are kept as prev the same way', () => {
    const { packedBody: _packed, ...legacy } = itemsOf(long, undefined, 'G1').article;
    const old = { ...legacy, text: long.text, paragraphs: long.paragraphs };
    expect(unpackBody(visibleVersion(old, 'G1')!.body, [])).toEqual({ text: long.text, paragraphs: long.paragraphs });
    const packedBefore = { ...legacy, packedBody: Uint8Array.from(deflateRawSync(JSON.stringify({ text: long.text, paragraphs: long.paragraphs }))) };
    expect(unpackBody(visibleVersion(packedBefore, 'G1')!.body, ['ignored'])).toEqual({ text: long.text, paragraphs: long.paragraphs });
    const next = keepingCommitted(itemsOf(record('next'), undefined, 'G2').article, old, 'G1');
    expect(unpackBody(visibleVersion(next, 'G1')!.body, []).text).toBe(long.text);
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


// Items stay in the table across releases: bytes packed by this version must inflate to the same view and
// body in every later one (PACK_DICTIONARY is frozen; changing it, or the packed shape, breaks this test).
describe('the stored format: an item packed by this version reads back the same in later ones', () => {
  const PACKED_VIEW = 'q8YWSUnYowXkjeTMHIXEgoKi/LLUYoWSjFSFpNKU9NQStBgLyy8BOTIWNeKMDIxMdQ2MdQ2MsUShb2JRcoaCsY4CSBVqfHol5qUqBOWngsyDR6xzZkmlgl9qeTFGbOWllhfrpVYk5hbkpOonosU3UnQYGpEbvgZ6RnoGSrUA';
  const PACKED_BODY = 'q0ZTEJKRqlCWX5KqUJ5YrFCcWpaap1CSr1BSnq+npAOWzE2szC9SKM5MzytWyM9TcCvKTEms1FOKRTXYMLYWAA==';

  it('inflates a view and a body packed with the frozen dictionary', () => {
    // Prepare: the item as DynamoDB gives it back
    const item = {
      id: 'a'.repeat(32),
      view: { lang: 'en', upload: { key: 'k.html' }, tags: ['Budget'], contentHash: Uint8Array.from(Buffer.from('c'.repeat(64), 'hex')), packed: Uint8Array.from(Buffer.from(PACKED_VIEW, 'base64')) },
      packedBody: Uint8Array.from(Buffer.from(PACKED_BODY, 'base64')),
    };
    // Act
    const seen = visibleVersion(item, undefined)!;
    const body = unpackBody(seen.body, seen.view.headings);
    // Assess
    expect(seen.view).toMatchObject({
      id: 'a'.repeat(32), upload: { bucket: 'b', key: 'k.html', index: 0 }, title: 'Council approves the budget', headings: ['Voting'],
      published: '2025-03-03', publishedText: 'March 3, 2025', authors: ['Jane Roe'], source: 'City News', url: 'https://news.example/a',
      lang: 'en', dir: 'ltr', tags: ['Budget'], wordCount: 12, contentHash: 'c'.repeat(64), story: 'a'.repeat(32), format: 'html', encoding: 'utf-8',
    });
    expect(body).toEqual({ text: 'The vote was seven to two.\n\nVoting\n\nThe mayor signs on Friday.', paragraphs: ['The vote was seven to two.', 'The mayor signs on Friday.'] });
  });
});
