/**
 * Pieces of a big upload, read in parallel (docs/big-uploads.md): the documents that START in the byte
 * range [start, end) of the object, the last one read to its end past `end`. Every document belongs to
 * exactly one piece whatever the piece size, because each piece finds the same boundaries:
 *
 * - JSON Lines: a line starts at byte 0 or right after an LF;
 * - WARC: a record starts at byte 0 or right after an LF with `WARC/` (a false start inside a payload
 *   fails to parse and is dropped: only errors after the first good record count);
 * - `.warc.gz` with one gzip member per record: a member starts where a gzip header (1f 8b 08) inflates
 *   to `WARC/`; members are then walked exactly (header, deflate stream, 8-byte trailer);
 * - plain text: the piece is whole regions (textRegions.ts), `start` and `end` their targets; the cut near
 *   each is found from the bytes around it, as the whole-file reader finds it.
 *
 * `chunks` are the object's bytes from `rangeStart(options)` (an S3 GetObject with
 * `Range: bytes=${rangeStart(options)}-`): one byte before `start`, so a boundary exactly at `start`
 * can be recognised (for text, the cut's reach before it). Reading stops (and the source is released)
 * once past the piece.
 */
import { constants, inflateRawSync } from 'node:zlib';
import { formatMiB, GZIP_MEMBER_START, gzipMemberHeaderLength } from '../decode/gunzip.js';
import { EXTRACT_LIMITS } from '../settings.js';
import { type SplitItem, type SplitOptions, JsonLinesSplitter, regionDocument, warcItem } from './documents.js';
import { LineSplitter } from './lines.js';
import { cutReach, type PageLines, regionCount, type TextRegion, TextRegionReader } from './textRegions.js';
import { opensWithWarcMagic, PAGE_RECORD_TYPES, WarcReader } from './warc.js';

export interface RangeOptions {
  format: 'jsonl' | 'warc' | 'text';
  start: number;
  end: number;
  /** Text: the object's size, the plan's region size, and the page finder the whole-file reader uses. */
  size?: number;
  regionBytes?: number;
  pageLines?: PageLines;
  /** The object is a `.warc.gz` of one gzip member per record (the usual crawler output). */
  gzipMembers?: boolean;
  fetchedAt?: Date;
  maxDocumentBytes?: number;
}

/** A document (or error) of a piece, with the byte offset in the object where it starts. */
export type RangeItem = SplitItem & { offset: number };

export const rangeFrom = (start: number) => Math.max(0, start - 1);

/** Where a piece's ranged GET starts. */
export const rangeStart = (o: Pick<RangeOptions, 'format' | 'start' | 'regionBytes'>) =>
  (o.format === 'text' ? Math.max(0, o.start - cutReach(o.regionBytes ?? EXTRACT_LIMITS.textRegionBytes)) : rangeFrom(o.start));

const DEFAULT_MAX_DOCUMENT = EXTRACT_LIMITS.maxDocumentBytes;

export async function* documentsInRange(chunks: AsyncIterable<Uint8Array>, options: RangeOptions): AsyncGenerator<RangeItem> {
  const split: SplitOptions = { fetchedAt: options.fetchedAt, maxDocumentBytes: options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT, maxWholeBytes: 0 };
  const source = bytesFrom(chunks, rangeStart(options));
  if (options.format === 'text') yield* textInRange(source, options, split);
  else if (options.format === 'jsonl') yield* jsonLinesInRange(source, options, split);
  else if (options.gzipMembers) yield* warcMembersInRange(source, options, split);
  else yield* warcInRange(source, options, split);
}

interface Positioned {
  chunk: Uint8Array;
  /** Object offset of chunk[0]. */
  at: number;
}

async function* bytesFrom(chunks: AsyncIterable<Uint8Array>, from: number): AsyncGenerator<Positioned> {
  let at = from;
  for await (const chunk of chunks) {
    yield { chunk, at };
    at += chunk.length;
  }
}

/** Skips to the first position p ≥ start where a boundary begins (p = 0, or byte p-1 is LF). */
async function* fromLineStart(source: AsyncGenerator<Positioned>, start: number): AsyncGenerator<Positioned> {
  let found = start === 0;
  for await (const { chunk, at } of source) {
    if (found) {
      yield { chunk, at };
      continue;
    }
    const lf = chunk.indexOf(0x0a, Math.max(0, start - 1 - at));
    if (lf < 0) continue;
    found = true;
    if (lf + 1 < chunk.length) yield { chunk: chunk.subarray(lf + 1), at: at + lf + 1 };
  }
}

async function* jsonLinesInRange(source: AsyncGenerator<Positioned>, o: RangeOptions, split: SplitOptions): AsyncGenerator<RangeItem> {
  let base = -1;
  const lines = new JsonLinesSplitter(split, (e) => ({ position: base + e.offset, label: `the line at byte ${base + e.offset}` }));
  const splitter = new LineSplitter(split.maxDocumentBytes);
  for await (const { chunk, at } of fromLineStart(source, o.start)) {
    if (base < 0) base = at;
    for (const e of splitter.push(chunk)) {
      if (base + e.offset >= o.end) return;
      for (const item of lines.line(e)) yield { ...item, offset: base + e.offset };
    }
  }
  for (const e of splitter.end()) {
    if (base + e.offset >= o.end) return;
    for (const item of lines.line(e)) yield { ...item, offset: base + e.offset };
  }
}

/** The regions of a text piece: from the cut near `start` to the cut near `end` (or the end of the object). */
async function* textInRange(source: AsyncGenerator<Positioned>, o: RangeOptions, split: SplitOptions): AsyncGenerator<RangeItem> {
  const regionBytes = o.regionBytes ?? EXTRACT_LIMITS.textRegionBytes;
  const size = o.size ?? Number.MAX_SAFE_INTEGER;
  const first = Math.round(o.start / regionBytes);
  const last = o.end >= size ? regionCount(size, regionBytes) - 1 : Math.round(o.end / regionBytes) - 1;
  const reader = new TextRegionReader({ regionBytes, pageLines: o.pageLines }, { from: rangeStart(o), first, last, size: o.size });
  const stop = Math.min(size, o.end + cutReach(regionBytes));
  const regions: TextRegion[] = [];
  for await (const { chunk, at } of source) {
    regions.push(...reader.push(chunk.subarray(0, Math.max(0, stop - at))));
    if (reader.finished || at + chunk.length >= stop) break;
  }
  regions.push(...reader.end());
  // the download ends before any extraction: a GET left paused for the seconds a region takes was dropped
  // by the server on a busy machine (the piece is small: its bytes are held anyway)
  for (const r of regions) yield { ...regionDocument(split, r), offset: r.start };
}


async function* warcInRange(source: AsyncGenerator<Positioned>, o: RangeOptions, split: SplitOptions): AsyncGenerator<RangeItem> {
  const reader = new WarcReader({ keep: (t) => PAGE_RECORD_TYPES.has(t), maxBlockBytes: split.maxDocumentBytes });
  let base = -1;
  let synced = false;
  let pending = Buffer.alloc(0);
  let atLineStart = true; // pending[0] starts a line only before any trimming
  const emit = function* (events: ReturnType<WarcReader['push']>): Generator<RangeItem | 'stop'> {
    for (const e of events) {
      const offset = base + (e.kind === 'record' ? e.record.offset : e.offset);
      if (offset >= o.end) return yield 'stop';
      if (e.kind === 'error' && !synced) continue; // a false start before the first real record
      synced = true;
      yield { ...warcItem(e, split, offset), offset };
    }
  };
  for await (const { chunk, at } of fromLineStart(source, o.start)) {
    let data: Uint8Array = chunk;
    if (base < 0) {
      // Find the first line that starts with `WARC/` (lines in between belong to the previous piece's record).
      pending = Buffer.concat([pending, chunk]);
      const found = pending.indexOf('\nWARC/');
      const start = atLineStart && opensWithWarcMagic(pending) ? 0 : found < 0 ? -1 : found + 1;
      if (start < 0) {
        if (atLineStart && pending.length < 5) continue; // too short to tell yet
        pending = pending.subarray(Math.max(0, pending.length - 5));
        atLineStart = false;
        continue;
      }
      base = at + chunk.length - pending.length + start;
      data = pending.subarray(start);
    }
    if (base >= o.end) return;
    for (const item of emit(reader.push(data))) {
      if (item === 'stop') return;
      yield item;
    }
  }
  if (base < 0) return;
  for (const item of emit(reader.end())) {
    if (item === 'stop') return;
    yield item;
  }
}

/** True when a gzip member at `p` inflates to the start of a WARC record. */
function opensWarcRecord(b: Buffer, p: number): boolean {
  const h = gzipMemberHeaderLength(b, p);
  if (h === null || h < 0) return false;
  try {
    // This member alone (raw deflate after its header): a corrupt member further on must not spoil the test.
    const head = inflateRawSync(b.subarray(p + h, p + 64 * 1024), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 64 * 1024 });
    return opensWithWarcMagic(head);
  } catch {
    return false; // not deflate data: a false gzip magic inside another member
  }
}

async function* warcMembersInRange(source: AsyncGenerator<Positioned>, o: RangeOptions, split: SplitOptions): AsyncGenerator<RangeItem> {
  const reader = new WarcReader({ keep: (t) => PAGE_RECORD_TYPES.has(t), maxBlockBytes: split.maxDocumentBytes });
  let buf = Buffer.alloc(0);
  let bufAt = rangeFrom(o.start); // object offset of buf[0]
  let synced = false;
  let ended = false;
  const it = source[Symbol.asyncIterator]();
  const more = async () => {
    const r = await it.next();
    if (r.done) return (ended = true), false;
    buf = buf.length ? Buffer.concat([buf, r.value.chunk]) : Buffer.from(r.value.chunk);
    return true;
  };
  try {
    // 1. The first member that starts at or after `start` and opens a WARC record.
    let p = o.start - bufAt;
    while (!synced) {
      if (bufAt + p >= o.end) return;
      const magic = buf.indexOf(GZIP_MEMBER_START, p);
      if (magic < 0 || buf.length - magic < 64 * 1024) {
        if (await more()) continue;
        if (magic < 0) return;
      }
      if (opensWarcRecord(buf, magic)) {
        synced = true;
        p = magic;
      } else {
        p = magic + 1;
      }
    }
    // 2. Walk members exactly while they start inside the piece.
    while (bufAt + p < o.end) {
      const h = gzipMemberHeaderLength(buf, p);
      if (h === null) {
        if (await more()) continue;
        if (p < buf.length) yield memberError(bufAt + p, 'the file ends inside a gzip member header');
        return;
      }
      if (h < 0) {
        yield memberError(bufAt + p, 'bytes that are not a gzip member where one should start');
        return;
      }
      let inflated: { buffer: Buffer; engine: { bytesWritten: number } };
      try {
        inflated = inflateRawSync(buf.subarray(p + h), { info: true, maxOutputLength: split.maxDocumentBytes + 64 * 1024 }) as never;
      } catch (error) {
        if (/unexpected end of file/i.test(String(error)) && (await more())) continue;
        yield memberError(bufAt + p, ended ? 'the file ends inside a gzip member (truncated)' : `a gzip member that cannot be inflated (${(error as Error).message}${/maxOutputLength|larger/i.test(String(error)) ? `; over ${formatMiB(split.maxDocumentBytes)}` : ''})`);
        return;
      }
      const memberEnd = p + h + inflated.engine.bytesWritten + 8;
      if (memberEnd > buf.length && !ended && (await more())) continue;
      const offset = bufAt + p;
      for (const e of reader.push(inflated.buffer)) yield { ...warcItem(e, split, offset), offset };
      // Drop what is consumed, so the buffer holds one member at most.
      buf = buf.subarray(memberEnd);
      bufAt += memberEnd;
      p = 0;
      if (!buf.length && !(await more())) break;
    }
    for (const e of reader.end()) yield { ...warcItem(e, split, bufAt), offset: bufAt };
  } finally {
    await it.return?.(undefined);
  }
}

const memberError = (offset: number, what: string): RangeItem => ({ kind: 'error', position: offset, offset, error: `WARC.gz at byte ${offset}: ${what}` });
