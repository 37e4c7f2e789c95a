import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractUpload } from '../../../shared/core/extractUpload.js';
import { paragraphsOfRecord } from '../../../shared/core/recordBody.js';
import { CORPUS_MULTI as MULTI, referenceMissing } from '../../support/referencePaths.js';

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

  it('says which field the text came from: html over text when both are present, null outside exports', () => {
    // Prepare
    const page = `<html><head><title>Bridge</title></head><body><article><h1>Bridge approved</h1><p>${briefs[0].text}</p><p>${briefs[0].text}</p></article></body></html>`;
    const recs = [{ ...briefs[0], html: page }, { title: briefs[1].title, url: briefs[1].url, body: briefs[1].text }, briefs[0]];
    // Act
    const fromExport = extractUpload(jsonl(recs), { upload }).articles;
    const fromText = extractUpload(Buffer.from(briefs[0].text), { upload: { ...upload, key: 'brief.txt' } }).articles;
    // Assess
    expect(fromExport.map((a) => a.contentField)).toEqual(['html', 'body', 'text']);
    expect(fromText.map((a) => a.contentField)).toEqual([null]);
  });

  it.skipIf(referenceMissing(MULTI))('every article a record is split into carries the record url and date (corpus-multi dumps as record texts)', () => {
    // Prepare: each multi-article dump as the text of one record
    const files = readdirSync(MULTI).filter((f) => f.endsWith('.txt')).sort();
    let split = 0;
    for (const f of files) {
      const record = { title: 'Weekly edition', url: `https://w.example/edition/${f}`, published: '2024-03-08', text: readFileSync(join(MULTI, f), 'utf8') };
      // Act
      const { articles } = extractUpload(jsonl([record]), { upload });
      // Assess
      if (articles.length > 1) split++;
      for (const a of articles) {
        expect(a.url, f).toBe(record.url);
        expect(a.published, f).toBe('2024-03-08');
        expect(a.contentField, f).toBe('text');
      }
      expect(articles[0].title, f).toBe('Weekly edition');
    }
    // measured 5 (2026-12-02): the rest are kept as one article, whole
    expect(split).toBeGreaterThanOrEqual(4);
  });
});
