import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseS3Notification } from '../../../shared/service/events/s3Events.js';
import { extractDocumentsStream, extractUploadStream } from '../../../shared/core/extractUpload.js';
import { documentsInRange, rangeFrom } from '../../../shared/core/format/ranges.js';
import type { ArticleRecord } from '../../../shared/core/model.js';
import {
  capReport, commitItems, countItems, countsInOrder, DEFAULT_PIECE_BYTES, firstIndexes, mergeReports, parsePieceItem,
  pieceBytesFromEnv, pieceMessage, pieceSizeFor, planRanges, planTextRanges, rangesOf, smallestPiece, sniffSplittable, textRangesOf,
} from '../../../shared/service/pipeline/pieces.js';
import { englishPage, gzipPerRecord, metadataRecord, requestRecord, responseRecord, warcinfoRecord } from '../formats/builders.js';
import { chunks } from '../../support/uploadBytes.js';

const upload = { bucket: 'b', key: 'incoming/big' };

describe('planning pieces', () => {
  it('covers the object exactly, in order, with near-equal ranges no bigger than the piece size', () => {
    for (const [size, piece] of [[1, 1], [10, 3], [1000, 97], [64 * 1024 * 1024 + 1, 64 * 1024 * 1024], [999_999, 1_000_000], [123_457, 4096]]) {
      const ranges = planRanges(size, piece);
      expect(ranges).toHaveLength(Math.ceil(size / piece));
      expect(ranges[0].start).toBe(0);
      expect(ranges.at(-1)!.end).toBe(size);
      for (let k = 1; k < ranges.length; k++) expect(ranges[k].start).toBe(ranges[k - 1].end);
      const lengths = ranges.map((r) => r.end - r.start);
      expect(Math.max(...lengths)).toBeLessThanOrEqual(piece);
      expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
      expect(rangesOf(ranges.length, size)).toEqual(ranges);
    }
    expect(planRanges(0, 10)).toEqual([]);
  });

  it('plans text in pieces of whole regions, recomputed the same from a work item', () => {
    for (const [size, piece, region] of [[10_000, 2000, 1000], [10_000, 1000, 1000], [5_400, 3000, 1000], [1_000_000, 2000, 100]]) {
      const ranges = planTextRanges(size, piece, region);
      expect(ranges[0].start).toBe(0);
      expect(ranges.at(-1)!.end).toBe(size);
      for (let k = 1; k < ranges.length; k++) {
        expect(ranges[k].start).toBe(ranges[k - 1].end);
        expect(ranges[k].start % region).toBe(0);
      }
      expect(ranges.length).toBeLessThanOrEqual(64);
      expect(textRangesOf(ranges.length, size, region)).toEqual(ranges);
    }
    expect(planTextRanges(10_000, 2000, 1000)).toHaveLength(5);
    expect(planTextRanges(1_000_000, 2000, 100)).toHaveLength(64);
  });

  it('uses 64 MiB pieces for plain JSON Lines and WARC, 16 MiB for .warc.gz, 2 MiB (one region) for text, from SIFT_PIECE_BYTES when set', () => {
    expect(pieceBytesFromEnv({})).toBe(DEFAULT_PIECE_BYTES);
    expect(DEFAULT_PIECE_BYTES).toBe(64 * 1024 * 1024);
    expect(pieceSizeFor({ format: 'jsonl', gzipMembers: false }, DEFAULT_PIECE_BYTES)).toBe(64 * 1024 * 1024);
    expect(pieceSizeFor({ format: 'warc', gzipMembers: false }, DEFAULT_PIECE_BYTES)).toBe(64 * 1024 * 1024);
    expect(pieceSizeFor({ format: 'warc', gzipMembers: true }, DEFAULT_PIECE_BYTES)).toBe(16 * 1024 * 1024);
    expect(pieceSizeFor({ format: 'text', gzipMembers: false }, DEFAULT_PIECE_BYTES)).toBe(2 * 1024 * 1024);
    expect(smallestPiece(DEFAULT_PIECE_BYTES)).toBe(2 * 1024 * 1024);
    expect(pieceBytesFromEnv({ SIFT_PIECE_BYTES: '4096' })).toBe(4096);
    expect(pieceBytesFromEnv({ SIFT_PIECE_BYTES: 'lots' })).toBe(DEFAULT_PIECE_BYTES);
  });

  describe('which uploads split, from their first bytes', () => {
    const pages = [0, 1, 2].map((i) => ({ uri: `https://news.example/${i}`, body: englishPage(i) }));
    const records = [warcinfoRecord(), ...pages.flatMap((p) => [requestRecord(p.uri), responseRecord(p), metadataRecord(p.uri)])];
    const jsonl = pages.map((p) => JSON.stringify({ url: p.uri, html: p.body })).join('\n');
    it.each([
      ['plain JSON Lines', Buffer.from(jsonl), 'x.jsonl', { format: 'jsonl', gzipMembers: false }],
      ['JSON Lines named .json', Buffer.from(jsonl), 'x.json', { format: 'jsonl', gzipMembers: false }],
      ['JSON Lines with a UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(jsonl)]), 'x.jsonl', { format: 'jsonl', gzipMembers: false }],
      ['plain WARC', Buffer.concat(records), 'x.warc', { format: 'warc', gzipMembers: false }],
      ['.warc.gz, one member per record', gzipPerRecord(records), 'x.warc.gz', { format: 'warc', gzipMembers: true }],
      ['.warc gzipped whole', gzipSync(Buffer.concat(records)), 'x.warc.gz', null],
      ['.jsonl.gz', gzipSync(jsonl), 'x.jsonl.gz', null],
      ['UTF-16 JSON Lines', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(jsonl, 'utf16le')]), 'x.jsonl', null],
      ['a JSON document', Buffer.from(JSON.stringify({ items: pages }, null, 2)), 'x.json', null],
      ['HTML', Buffer.from(englishPage(1)), 'x.html', null],
      ['UTF-8 text', Buffer.from('Council approves plan\n\nThe council met. Café.'), 'x.txt', { format: 'text', gzipMembers: false }],
      ['text in another encoding', Buffer.from('Le conseil a voté. Caf\xe9.\n', 'latin1'), 'x.txt', null],
      ['UTF-16 text', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('The council met.\n', 'utf16le')]), 'x.txt', null],
      ['nothing', Buffer.alloc(0), 'x', null],
    ])('%s', (_name, bytes, key, expected) => {
      expect(sniffSplittable(bytes.subarray(0, 64 * 1024), key)).toEqual(expected);
    });
  });
});

describe('index arithmetic', () => {
  it('gives each piece the articles of the pieces before it', () => {
    expect(firstIndexes([3, 0, 5, 1])).toEqual([0, 3, 3, 8]);
    expect(firstIndexes([])).toEqual([]);
    expect(countsInOrder({ 0: 3, 1: 0, 2: 5 }, 3)).toEqual([3, 0, 5]);
    expect(countsInOrder({ 0: 3, 2: 5 }, 3)).toBeNull();
    expect(countsInOrder(undefined, 1)).toBeNull();
  });

  it('commit items carry the count items\' ranges and their first indexes', () => {
    const base = { bucket: 'b', key: 'k', sequencer: '01', size: 1000, format: 'jsonl' as const, gzipMembers: false };
    const counts = countItems(base, planRanges(1000, 300));
    const commits = commitItems(counts[2], [4, 0, 7, 1]);
    expect(commits.map((c) => [c.phase, c.piece, c.pieces, c.start, c.end, c.firstIndex])).toEqual([
      ['commit', 0, 4, 0, 250, 0], ['commit', 1, 4, 250, 500, 4], ['commit', 2, 4, 500, 750, 4], ['commit', 3, 4, 750, 1000, 11],
    ]);
  });

  it('pieces with first indexes from the counts give the records of a whole-file run, whatever the piece size', async () => {
    const pages = Array.from({ length: 9 }, (_, i) => ({ uri: `https://news.example/${i}`, body: englishPage(i) }));
    const records = [warcinfoRecord(), ...pages.flatMap((p) => [requestRecord(p.uri), responseRecord(p), metadataRecord(p.uri)])];
    const inputs = [
      { bytes: Buffer.from(pages.map((p, i) => (i === 4 ? '{"broken' : JSON.stringify({ url: p.uri, html: p.body }))).join('\n')), format: 'jsonl' as const, gzipMembers: false },
      { bytes: Buffer.concat(records), format: 'warc' as const, gzipMembers: false },
      { bytes: gzipPerRecord(records), format: 'warc' as const, gzipMembers: true },
    ];
    const key = (r: ArticleRecord) => `${r.id}|${r.upload.index}|${r.title}|${r.contentHash}`;
    for (const input of inputs) {
      const whole: ArticleRecord[] = [];
      for await (const e of extractUploadStream(chunks(input.bytes, 1000), { upload })) if (e.kind === 'articles') whole.push(...e.articles);
      expect(whole.length).toBeGreaterThan(5);
      for (const piece of [500, 3000, 9000]) {
        const ranges = planRanges(input.bytes.length, piece);
        const run = (k: number, firstIndex: number) => extractDocumentsStream(
          documentsInRange(chunks(input.bytes.subarray(rangeFrom(ranges[k].start)), 777), { ...input, ...ranges[k] }),
          { upload, format: input.format, firstIndex },
        );
        const counts: number[] = [];
        for (let k = 0; k < ranges.length; k++) {
          let n = 0;
          for await (const e of run(k, 0)) if (e.kind === 'articles') n += e.articles.length;
          counts.push(n);
        }
        const firsts = firstIndexes(counts);
        const pieced: ArticleRecord[] = [];
        for (let k = 0; k < ranges.length; k++) for await (const e of run(k, firsts[k])) if (e.kind === 'articles') pieced.push(...e.articles);
        expect(pieced.map(key), `${input.format}${input.gzipMembers ? '.gz' : ''} in ${piece}-byte pieces`).toEqual(whole.map(key));
      }
    }
  });
});

describe('piece reports', () => {
  it('keeps few errors per piece, and sums and orders them for the upload', () => {
    const errors = Array.from({ length: 40 }, (_, i) => ({ position: i, error: `e${i}`.padEnd(i === 0 ? 500 : 2, 'x') }));
    const capped = capReport({ documents: 50, documentErrorCount: 40, documentErrors: errors, encodings: { 'utf-8': 50 } }, 64, 50);
    expect(capped.documentErrors).toHaveLength(5);
    expect(capped.documentErrors[0].error.length).toBeLessThanOrEqual(300);
    expect(capped.documentErrorCount).toBe(40);
    const merged = mergeReports([
      { documents: 2, documentErrorCount: 1, documentErrors: [{ position: 1, error: 'a' }], encodings: { 'windows-1252': 2 }, documentsWithoutArticles: { 'no words': 1 }, skipped: 1 },
      // a report written before the no-article counts existed
      { documents: 5, documentErrorCount: 2, documentErrors: [{ position: 9, error: 'b' }, { position: 12, error: 'c' }], encodings: { 'utf-8': 5 } },
      { documents: 1, documentErrorCount: 0, documentErrors: [], encodings: { 'utf-8': 1 }, documentsWithoutArticles: { 'no words': 1, 'title only': 1 } },
    ], 2);
    expect(merged).toEqual({
      documents: 8, documentErrorCount: 3, documentErrors: [{ position: 1, error: 'a' }, { position: 9, error: 'b' }], encoding: 'utf-8',
      documentsWithoutArticles: { 'no words': 2, 'title only': 1 }, skipped: 1,
      // reports written before hosts were kept: the upload's host list is not known to be whole
      hosts: [], hostsTruncated: true,
    });
  });

  it('keeps a few hosts per piece, and unites them for the upload, saying when some were left out', () => {
    const report = (hosts: string[]) => ({ documents: hosts.length, documentErrorCount: 0, documentErrors: [], encodings: { 'utf-8': hosts.length }, hosts });
    const many = Array.from({ length: 20 }, (_, i) => `h${String(i).padStart(2, '0')}.example`);
    const capped = capReport(report(many), 64, 50, 100);
    expect(capped.hosts).toEqual(many.slice(0, 5));
    expect(capped.hostsTruncated).toBe(true);
    const whole = [capReport(report(['b.example', 'a.example']), 2, 50, 100), capReport(report(['a.example', 'c.example']), 2, 50, 100)];
    expect(mergeReports(whole, 50)).toMatchObject({ hosts: ['a.example', 'b.example', 'c.example'], hostsTruncated: false });
    expect(mergeReports([...whole, capped], 50)).toMatchObject({ hostsTruncated: true });
  });
});

describe('piece work items on the queue', () => {
  const item = { phase: 'commit' as const, bucket: 'b', key: 'incoming/a b.jsonl', sequencer: '0A', piece: 1, pieces: 3, size: 90, start: 30, end: 60, format: 'jsonl' as const, gzipMembers: false, firstIndex: 7 };

  it('round-trips through the message parser, told apart from S3 notifications', () => {
    expect(parseS3Notification(pieceMessage(item))).toEqual({ kind: 'piece', item });
    expect(parsePieceItem({ ...item, versionId: 'v1' })).toEqual({ ...item, versionId: 'v1' });
    expect(parsePieceItem({ ...item, format: 'text', regionBytes: 2048 })).toEqual({ ...item, format: 'text', regionBytes: 2048 });
  });

  it.each([
    ['an unknown phase', { phase: 'stage' }],
    ['a piece past the plan', { piece: 3 }],
    ['a range that ends before it starts', { start: 61 }],
    ['a commit without its first index', { firstIndex: undefined }],
    ['another format', { format: 'html' }],
    ['a text piece without its region size', { format: 'text' }],
    ['a negative offset', { start: -1 }],
  ])('rejects %s', (_name, change) => {
    expect(parseS3Notification(JSON.stringify({ siftPiece: { ...item, ...change } }))).toMatchObject({ kind: 'invalid' });
  });
});
