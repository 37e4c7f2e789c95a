import { describe, expect, it } from 'vitest';
import { extractDocumentsStream, extractUpload, extractUploadStream } from '../../../shared/core/extractUpload.js';
import { documentsInRange, type RangeItem, rangeStart } from '../../../shared/core/format/ranges.js';
import { cutNear, cutReach, readsInRegions, regionCount, type TextRegion, TextRegionReader } from '../../../shared/core/format/textRegions.js';
import type { ArticleRecord } from '../../../shared/core/model.js';
import { firstIndexes, planTextRanges } from '../../../shared/service/pipeline/pieces.js';
import { pageStartLines } from '../../../shared/core/text/extractText.js';
import { chunks, corpusTextDump } from '../../support/uploadBytes.js';

const upload = { bucket: 'b', key: 'incoming/dump.txt' };

describe('regions of a big text upload', () => {
  it('counts a region per target with half a region after it', () => {
    expect([0, 1, 149, 150, 249, 250, 350].map((n) => regionCount(n, 100))).toEqual([0, 1, 1, 2, 2, 3, 4]);
  });

  it('cuts at the page start nearest the target, else a paragraph start, else a line start, else between characters', () => {
    // Prepare: a window starting mid-line, with lines at known offsets
    const text = 'tail of a line\nfirst\n\nsecond paragraph\nthird line\nlast line\n';
    const bytes = Buffer.from(text);
    const at = (s: string) => text.indexOf(s);
    // Act / Assess
    expect(cutNear(bytes, 100, 100 + at('third'), false, () => [2])).toBe(100 + at('second'));
    expect(cutNear(bytes, 100, 100 + at('third'), false, () => null)).toBe(100 + at('second'));
    expect(cutNear(Buffer.from('a\nb\nc\nd\n'), 100, 104, false)).toBe(104);
    expect(cutNear(Buffer.from('éééé'), 100, 103, true)).toBe(104);
  });

  it('reads UTF-8 and ASCII in regions, not UTF-16 or another encoding', () => {
    expect(readsInRegions(Buffer.from('plain words\n'))).toBe(true);
    expect(readsInRegions(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('mots à lire\n')]))).toBe(true);
    expect(readsInRegions(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('words', 'utf16le')]))).toBe(false);
    expect(readsInRegions(Buffer.from([0x6d, 0xe9, 0x74, 0xe9, 0x6f, 0x20, 0x0a]))).toBe(false);
  });

  it('covers the upload exactly, in order, whatever the chunks, with the cuts of any piece that reads them', () => {
    // Prepare
    const bytes = corpusTextDump(120_000);
    const R = 20_000;
    const whole = (size: number) => {
      const reader = new TextRegionReader({ regionBytes: R, pageLines: pageStartLines }, { from: 0, first: 0 });
      const out: TextRegion[] = [];
      for (let i = 0; i < bytes.length; i += size) out.push(...reader.push(bytes.subarray(i, i + size)));
      return [...out, ...reader.end()].map((r) => [r.index, r.start, r.bytes.length]);
    };
    // Act
    const regions = whole(4096);
    // Assess
    expect(regions).toHaveLength(regionCount(bytes.length, R));
    expect(regions[0][1]).toBe(0);
    for (let k = 1; k < regions.length; k++) {
      expect(regions[k][1]).toBe(regions[k - 1][1] + regions[k - 1][2]);
      expect(Math.abs(regions[k][1] - k * R)).toBeLessThanOrEqual(cutReach(R));
      expect(bytes[regions[k][1] - 1]).toBe(0x0a);
    }
    expect(regions.at(-1)![1] + regions.at(-1)![2]).toBe(bytes.length);
    expect(whole(bytes.length)).toEqual(regions);
    expect(whole(777)).toEqual(regions);
    // each region read alone, from its own window, as a piece reads it
    for (let k = 0; k < regions.length; k++) {
      const from = Math.max(0, k * R - cutReach(R));
      const reader = new TextRegionReader({ regionBytes: R, pageLines: pageStartLines }, { from, first: k, last: k, size: bytes.length });
      const got = [...reader.push(bytes.subarray(from)), ...reader.end()].map((r) => [r.index, r.start, r.bytes.length]);
      expect(got).toEqual([regions[k]]);
    }
  });

  it('a text no bigger than a region reads as before: one document, the same articles', () => {
    const bytes = corpusTextDump(30_000);
    const key = (a: ArticleRecord) => `${a.id}|${a.title}|${a.contentHash}`;
    const regions = extractUpload(bytes, { upload, limits: { textRegionBytes: 64_000 } });
    const whole = extractUpload(bytes, { upload, limits: { textRegionBytes: 1 << 30 } });
    expect(regions.documents).toBe(1);
    expect(regions.articles.map(key)).toEqual(whole.articles.map(key));
  });

  it('pieces of whole regions give the records of a whole-file run, whatever the piece size', async () => {
    // Prepare
    const bytes = corpusTextDump(100_000);
    const R = 16_000;
    const key = (r: ArticleRecord) => `${r.id}|${r.upload.index}|${r.title}|${r.contentHash}`;
    const whole: ArticleRecord[] = [];
    let documents = 0;
    for await (const e of extractUploadStream(chunks(bytes, 5000), { upload, limits: { textRegionBytes: R } })) {
      if (e.kind === 'articles') whole.push(...e.articles);
      else documents = e.summary.documents;
    }
    expect(documents).toBe(regionCount(bytes.length, R));
    expect(whole.length).toBeGreaterThan(5);
    for (const pieceSize of [R, 2 * R, 3 * R]) {
      // Act: count each piece, then extract it again after the articles of the pieces before it
      const ranges = planTextRanges(bytes.length, pieceSize, R);
      const items = (k: number) => {
        const o = { format: 'text' as const, ...ranges[k], size: bytes.length, regionBytes: R, pageLines: pageStartLines };
        return documentsInRange(chunks(bytes.subarray(rangeStart(o)), 3001), o);
      };
      const run = async (k: number, firstIndex: number) => {
        const out: ArticleRecord[] = [];
        for await (const e of extractDocumentsStream(items(k), { upload, format: 'text', firstIndex })) if (e.kind === 'articles') out.push(...e.articles);
        return out;
      };
      const counts: number[] = [];
      for (let k = 0; k < ranges.length; k++) counts.push((await run(k, 0)).length);
      const firsts = firstIndexes(counts);
      const pieced: ArticleRecord[] = [];
      for (let k = 0; k < ranges.length; k++) pieced.push(...(await run(k, firsts[k])));
      const docs: RangeItem[] = [];
      for (let k = 0; k < ranges.length; k++) for await (const d of items(k)) docs.push(d);
      // Assess
      expect(ranges.length).toBe(Math.ceil(documents / (pieceSize / R)));
      expect(docs.map((i) => i.position)).toEqual(Array.from({ length: documents }, (_, i) => i + 1));
      expect(docs.map((i) => (i.kind === 'document' ? i.doc.content : '')).join('')).toBe(bytes.toString('utf8'));
      expect(pieced.map(key), `${pieceSize}-byte pieces`).toEqual(whole.map(key));
    }
  });
});
