import { describe, expect, it } from 'vitest';
import { documentFromObject, pageObjectsOf } from '../../../shared/core/format/scraperJson.js';

describe('scraper JSON mapping', () => {
  it('maps common field names to a document and its hints', () => {
    const doc = documentFromObject({ link: 'https://x.example/a', headline: 'H', date_publish: '2024-01-02', authors: [{ name: 'A' }, 'B'], raw_html: '<p>x</p>' });
    expect(doc).toMatchObject({ kind: 'html', content: '<p>x</p>', hints: { url: 'https://x.example/a', title: 'H', published: '2024-01-02', authors: ['A', 'B'] } });
  });

  it('treats text that is really HTML as HTML, and plain text as text', () => {
    expect(documentFromObject({ content: '<div><p>a</p></div>' })?.kind).toBe('text');
    expect(documentFromObject({ content: '<!doctype html><html><body><p>a</p></body></html>' })?.kind).toBe('html');
    expect(documentFromObject({ body: 'just words' })?.kind).toBe('text');
    expect(documentFromObject({ url: 'no content' })).toBeNull();
  });

  it('finds the page list inside common wrappers', () => {
    expect(pageObjectsOf({ items: [{ text: 'a' }, { text: 'b' }] })).toHaveLength(2);
    expect(pageObjectsOf([{ text: 'a' }, 3, null])).toHaveLength(1);
    expect(pageObjectsOf({ text: 'single' })).toHaveLength(1);
  });

  it('maps the other common names: body, published, byline, site_name, language', () => {
    const doc = documentFromObject({ url: 'https://x.example/b', body: 'words only', published: '2025-01-02T10:00:00Z', byline: 'Jane Doe', site_name: 'Example', language: 'en-GB' });
    expect(doc).toMatchObject({ kind: 'text', hints: { published: '2025-01-02T10:00:00Z', authors: ['Jane Doe'], source: 'Example', lang: 'en-GB' } });
  });

  it('ignores empty strings and non-string values', () => {
    expect(documentFromObject({ html: '   ', text: 42, content: 'real content' })).toMatchObject({ kind: 'text', content: 'real content' });
  });
});
