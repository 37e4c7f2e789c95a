import { describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '../../../shared/core/model.js';
import { toArticleRecord } from '../../../shared/core/records.js';

const ctx = { upload: { bucket: 'b', key: 'k', versionId: 'v' }, format: 'text' as const, encoding: 'gb18030' };
const article = (over: Partial<ExtractedArticle>): ExtractedArticle => ({
  title: 't', blocks: [{ kind: 'paragraph', text: 'Body.' }], published: null, publishedText: null, authors: [], source: null, url: null,
  tags: [], related: [], ...over,
});
const wf = (s: string) => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

describe('records hold only well-formed Unicode that cannot reorder a neighbour', () => {
  it('strips bidi overrides from titles and authors (regression: "Eve \\u202enimda" rendered as "Eve admin")', () => {
    const r = toArticleRecord(article({ title: 'Eve \u202enimda', authors: ['Eve \u202enimda', '\u2067x'] }), 0, ctx);
    expect(r.title).toBe('Eve nimda');
    expect(r.authors).toEqual(['Eve nimda', 'x']);
  });
  it('closes open embeddings and isolates at the end of each paragraph', () => {
    const r = toArticleRecord(article({ blocks: [{ kind: 'paragraph', text: 'a \u202eb \u2067c' }, { kind: 'paragraph', text: 'd\u202c' }] }), 0, ctx);
    expect(r.paragraphs).toEqual(['a \u202eb \u2067c\u2069\u202c', 'd']);
  });
  it('replaces lone surrogates (regression: GB18030 title "\\udc00\\udc04T")', () => {
    const r = toArticleRecord(article({ title: '\udc00\udc04T', blocks: [{ kind: 'paragraph', text: 'x\ud800y' }] }), 0, ctx);
    expect(r.title).toBe('\ufffd\ufffdT');
    expect(wf(r.text)).toBe(true);
  });
});
