import { describe, expect, it } from 'vitest';
import { documentsInRange, type RangeItem, rangeFrom } from '../../../shared/core/format/ranges.js';
import { englishPage, gzipPerRecord, metadataRecord, requestRecord, responseRecord, warcinfoRecord } from './builders.js';
import { chunks } from '../../support/uploadBytes.js';

/** Reads the object as pieces of `pieceSize` bytes, each from its own range, as parallel workers would. */
async function readInPieces(bytes: Buffer, pieceSize: number, options: { format: 'jsonl' | 'warc'; gzipMembers?: boolean }) {
  const items: RangeItem[] = [];
  for (let start = 0; start < bytes.length; start += pieceSize) {
    const end = Math.min(bytes.length, start + pieceSize);
    for await (const item of documentsInRange(chunks(bytes.subarray(rangeFrom(start)), 997), { ...options, start, end })) items.push(item);
  }
  return items;
}

const summary = (items: RangeItem[]) => items.map((i) => `${i.offset}:${i.kind}:${i.kind === 'document' ? i.doc.hints.url : ''}`);

describe('documentsInRange: pieces of a big upload', () => {
  const pages = Array.from({ length: 12 }, (_, i) => ({ uri: `https://news.example/${i}`, body: englishPage(i) }));
  const jsonl = Buffer.from(pages.map((p, i) => (i === 5 ? '{"broken' : JSON.stringify({ url: p.uri, html: p.body }))).join('\n') + '\n');
  const records = [warcinfoRecord(), ...pages.flatMap((p) => [requestRecord(p.uri), responseRecord(p), metadataRecord(p.uri)])];
  const warc = Buffer.concat(records);
  const warcGz = gzipPerRecord(records);

  it.each([
    ['jsonl', jsonl, { format: 'jsonl' as const }],
    ['warc', warc, { format: 'warc' as const }],
    ['warc.gz', warcGz, { format: 'warc' as const, gzipMembers: true }],
  ])('%s: every document in exactly one piece, whatever the piece size', async (_name, bytes, options) => {
    const whole = await readInPieces(bytes, bytes.length, options);
    expect(whole.filter((i) => i.kind === 'document')).toHaveLength(options.format === 'jsonl' ? 11 : 12);
    for (const size of [97, 1000, 4096, 7777, 30_000]) expect(summary(await readInPieces(bytes, size, options))).toEqual(summary(whole));
  });

  it('names a malformed line by its byte offset (line numbers are unknown inside a piece)', async () => {
    const errors = (await readInPieces(jsonl, 5000, { format: 'jsonl' })).filter((i) => i.kind === 'error');
    expect(errors).toEqual([expect.objectContaining({ error: expect.stringMatching(/^the line at byte \d+ is not valid JSON/) })]);
  });
});
