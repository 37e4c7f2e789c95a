import { describe, expect, it } from 'vitest';
import { extractUpload } from '../../../shared/extractUpload.js';
import { paragraphsOfRecord } from '../../../shared/recordBody.js';

const upload = { bucket: 'b', key: 'export.jsonl', etag: 'e' };
const jsonl = (records: object[]) => Buffer.from(records.map((r) => JSON.stringify(r)).join('\n') + '\n');
const words = (s: string) => s.match(/[\p{L}\p{N}]+/gu) ?? [];

const briefs = [
  { title: 'Council approves new bridge', url: 'https://a.example/1', text: 'The city council on Tuesday approved funding for a new pedestrian bridge over the river, with construction expected to begin next spring and finish within two years.' },
  { title: 'Le musée rouvre ses portes', url: 'https://b.example/2', text: 'Le musée municipal rouvre ses portes samedi après deux ans de travaux, avec une nouvelle aile consacrée à la photographie et des horaires élargis le week-end.' },
];

describe('records of a scraper export keep what the scrape said', () => {
  it('keeps a brief of 18–40 words whole, in more than one language', () => {
    const { articles } = extractUpload(jsonl(briefs), { upload });
    for (const b of briefs) {
      const a = articles.find((x) => x.url === b.url);
      expect(a?.title).toBe(b.title);
      expect(words(a!.text).length).toBeGreaterThanOrEqual(0.9 * words(b.text).length);
    }
  });

  it('reads a text field that quotes HTML as text, and says which field was used', () => {
    const recs = [
      { title: 'Writing your first page', url: 'https://c.example/3', text: 'A web page starts with <html> and holds paragraphs written as <p>Hello</p>; links use <a href="x">. In this tutorial we write a small page by hand and explain each tag as it appears on the screen, one step at a time.' },
      { title: 'Layouts with div', url: 'https://c.example/4', body: 'Wrap each section in a <div class="box"> and close it with </div>. Older pages used tables for layout, but a div with a little CSS is simpler to read, easier to change and better for screen readers.' },
    ];
    const { articles } = extractUpload(jsonl(recs), { upload });
    expect(articles.map((a) => a.title)).toEqual(recs.map((r) => r.title));
    for (const a of articles) expect(a.text).toMatch(/<div|<html>/);
  });

  it('rejoins a body hard-wrapped at 72 columns', () => {
    const para = 'The regional water authority said on Monday that reservoirs had reached their lowest level in a decade after a dry summer, and asked households to cut their use by a fifth until the autumn rains arrive.';
    const wrapped = para.replace(/(.{1,72})(\s|$)/g, '$1\n').trim();
    expect(paragraphsOfRecord(`${wrapped}\n\n${wrapped}`)).toEqual([para, para]);
    const { articles } = extractUpload(jsonl([{ title: 'Water levels fall', url: 'https://d.example/5', text: wrapped }]), { upload });
    expect(articles).toHaveLength(1);
    expect(words(articles[0].text).length).toBeGreaterThanOrEqual(0.9 * words(para).length);
  });

  it('never writes an article with no text', () => {
    const { articles } = extractUpload(jsonl([...briefs, { title: 'Only a title', url: 'https://e.example/6', text: 'Short.' }]), { upload });
    for (const a of articles) expect(a.text.trim()).not.toBe('');
  });
});
