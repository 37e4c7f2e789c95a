/**
 * Pieces of a big upload (docs/big-uploads.md §2), the pure part: which uploads split, into which byte
 * ranges, what a work item carries, and the index arithmetic that keeps record ids those of a whole-file run.
 *
 * Two phases per piece, both on the ingest queue: `count` (extract the range, count its articles, discard
 * them) then, once every piece is counted, `commit` (extract the range again with `firstIndex` = the
 * articles of the earlier pieces, and write the records). The core is pure, so both runs give the same
 * articles; nothing is staged between them.
 */
import { constants, inflateRawSync } from 'node:zlib';
import {
  bomOf, chooseFormat, EXTRACT_LIMITS, gzipMemberHeaderLength, isGzip, opensWithWarcMagic, readsInRegions,
  regionCount, type ScrapeFormat, utf16WithoutBom,
} from '../../core/index.js';
import type { PieceFormat, PieceWorkItem } from '../events/pieceItems.js';
import type { PieceReport } from '../storage/uploadStore.js';

/** Plain JSON Lines and WARC pieces: ≈ 15 s of extraction each (see the doc's table). */
export const DEFAULT_PIECE_BYTES = 64 * 1024 * 1024;
/** A `.warc.gz` piece is this fraction of a plain one: ≈ 4.7 : 1 compression, so ≈ 75 MiB of HTML. */
const GZIP_PIECE_DIVISOR = 4;
/**
 * A plain-text piece is this fraction of a plain one: 2 MiB, one region, ≈ 5 s of extraction a phase (text
 * costs ≈ 2 s per MB on one core, against ≈ 0.2 s for JSON Lines of HTML), so a piece stays far inside the
 * function's time on a busy machine too.
 */
const TEXT_PIECE_DIVISOR = 32;
/** Pieces of one text upload at most (bigger pieces past it): the status item keeps a report per piece. */
const MAX_TEXT_PIECES = 64;

/** How an upload is read in pieces, decided from its first bytes. */
export interface Splittable {
  format: PieceFormat;
  /** A `.warc.gz` of one gzip member per record. */
  gzipMembers: boolean;
}

/** The plain-piece size, from `SIFT_PIECE_BYTES` (read by the handler for each message, so tests can set it). */
export function pieceBytesFromEnv(env: NodeJS.ProcessEnv): number {
  const n = Number(env.SIFT_PIECE_BYTES);
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : DEFAULT_PIECE_BYTES;
}

export const pieceSizeFor = (s: Splittable, pieceBytes: number) =>
  Math.max(1, Math.floor(pieceBytes / (s.format === 'text' ? TEXT_PIECE_DIVISOR : s.gzipMembers ? GZIP_PIECE_DIVISOR : 1)));

/** The smallest piece of any format: an upload no bigger than this is never worth a look. */
export const smallestPiece = (pieceBytes: number) => Math.min(
  pieceSizeFor({ format: 'warc', gzipMembers: true }, pieceBytes), pieceSizeFor({ format: 'text', gzipMembers: false }, pieceBytes),
);

/** The region size of a text plan: the core's, or the piece size when that is smaller (a test's tiny pieces). */
export const regionBytesFor = (pieceSize: number) => Math.min(EXTRACT_LIMITS.textRegionBytes, pieceSize);

export interface ByteRange {
  start: number;
  end: number;
}

/** `n = ceil(size / pieceSize)` ranges of near-equal length covering [0, size) exactly, in order. */
export function planRanges(size: number, pieceSize: number): ByteRange[] {
  if (size <= 0) return [];
  return rangesOf(Math.ceil(size / Math.max(1, pieceSize)), size);
}

/** The `n` ranges of a plan: every piece recomputes them the same way from its work item's `pieces` and `size`. */
export function rangesOf(n: number, size: number): ByteRange[] {
  return Array.from({ length: n }, (_, k) => ({ start: Math.floor((k * size) / n), end: Math.floor(((k + 1) * size) / n) }));
}

/** A text plan: pieces of whole regions, about `pieceSize` each (fewer, bigger ones past MAX_TEXT_PIECES). */
export function planTextRanges(size: number, pieceSize: number, regionBytes: number): ByteRange[] {
  const regions = regionCount(size, regionBytes);
  const perPiece = Math.max(1, Math.round(pieceSize / regionBytes), Math.ceil(regions / MAX_TEXT_PIECES));
  return regions ? textRangesOf(Math.ceil(regions / perPiece), size, regionBytes) : [];
}

/**
 * The `n` ranges of a text plan: piece k holds regions [⌊k·m/n⌋, ⌊(k+1)·m/n⌋) of the m, its range running
 * from its first region's target to the next piece's (the cuts near them are found by the pieces).
 */
export function textRangesOf(n: number, size: number, regionBytes: number): ByteRange[] {
  const m = regionCount(size, regionBytes);
  const at = (k: number) => Math.floor((k * m) / n);
  return Array.from({ length: n }, (_, k) => ({ start: at(k) * regionBytes, end: at(k + 1) === m ? size : at(k + 1) * regionBytes }));
}

/** The ranges of the plan a work item belongs to. */
const rangesOfItem = (item: Pick<PieceWorkItem, 'format' | 'pieces' | 'size' | 'regionBytes'>): ByteRange[] =>
  (item.format === 'text' ? textRangesOf(item.pieces, item.size, item.regionBytes ?? EXTRACT_LIMITS.textRegionBytes) : rangesOf(item.pieces, item.size));

/**
 * Whether the upload's first bytes (`head`, up to SNIFF_BYTES) describe an upload that splits by byte range,
 * with the same format decision the core makes (so a piece run and a whole-file run read the same documents):
 * - plain WARC, plain JSON Lines (UTF-16 JSON Lines does not: lines are cut on LF bytes);
 * - `.warc.gz` whose first member is one whole WARC record followed by another member;
 * - UTF-8 plain text (format/textRegions.ts: pieces of whole regions, cut at page breaks);
 * - not: one-member gzip (needs a re-chunk step, not built), text in another encoding, HTML, JSON.
 */
export function sniffSplittable(head: Uint8Array, key: string): Splittable | null {
  if (!head.length) return null;
  if (isGzip(head)) return perRecordGzip(head) ? { format: 'warc', gzipMembers: true } : null;
  if ((bomOf(head)?.encoding ?? utf16WithoutBom(head))?.startsWith('utf-16')) return null;
  let format: ScrapeFormat;
  try {
    format = chooseFormat(head, false, 'auto', key);
  } catch {
    return null; // binary data: read whole, which says what it is
  }
  // a WARC piece is found by its record starts; leading blank lines are left to the whole-file reader
  if (format === 'warc') return opensWithWarcMagic(head) ? { format: 'warc', gzipMembers: false } : null;
  if (format === 'jsonl') return { format: 'jsonl', gzipMembers: false };
  // text in another encoding is read whole
  return format === 'text' && readsInRegions(head) ? { format: 'text', gzipMembers: false } : null;
}

/** The first gzip member inflates to `WARC/…`, ends inside `head`, and another member follows it. */
function perRecordGzip(head: Uint8Array): boolean {
  const b = Buffer.from(head.buffer, head.byteOffset, head.length);
  const h = gzipMemberHeaderLength(b);
  if (h === null || h < 0) return false;
  try {
    const out = inflateRawSync(b.subarray(h), { info: true, finishFlush: constants.Z_SYNC_FLUSH }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    const next = h + out.engine.bytesWritten + 8;
    return opensWithWarcMagic(out.buffer) && next + 3 <= b.length && isGzip(b.subarray(next));
  } catch {
    return false;
  }
}

export { parsePieceItem, pieceMessage,  type PieceWorkItem } from '../events/pieceItems.js';

/** The count work items of a plan. */
export function countItems(base: Omit<PieceWorkItem, 'phase' | 'piece' | 'pieces' | 'start' | 'end' | 'firstIndex'>, ranges: ByteRange[]): PieceWorkItem[] {
  return ranges.map((r, piece) => ({ ...base, phase: 'count', piece, pieces: ranges.length, start: r.start, end: r.end }));
}

/** Articles per piece, in piece order, once every piece reported; null while some have not. */
export function countsInOrder(counts: Record<string, number> | undefined, pieces: number): number[] | null {
  const out: number[] = [];
  for (let k = 0; k < pieces; k++) {
    const n = counts?.[String(k)];
    if (typeof n !== 'number') return null;
    out.push(n);
  }
  return out;
}

/** Index of each piece's first article: the articles of the pieces before it (prefix sums). */
export function firstIndexes(counts: number[]): number[] {
  let sum = 0;
  return counts.map((n) => {
    const first = sum;
    sum += n;
    return first;
  });
}

/** The commit work items, once every piece is counted: same ranges as the count items, with `firstIndex`. */
export function commitItems(count: PieceWorkItem, counts: number[]): PieceWorkItem[] {
  const firsts = firstIndexes(counts);
  return rangesOfItem(count).map((r, piece) => ({ ...count, phase: 'commit', piece, pieces: count.pieces, start: r.start, end: r.end, firstIndex: firsts[piece] }));
}

/**
 * Entries (errors, hosts) kept per piece of a list the status shows `listed` of: enough for the status's first
 * `listed` in most uploads, small enough for 64 pieces in one item.
 */
const keptPerPiece = (pieces: number, listed: number) => Math.max(5, Math.ceil((2 * listed) / Math.max(1, pieces)));
const MAX_ERROR_CHARS = 300;

export function capReport(report: PieceReport, pieces: number, listed: number, listedHosts = listed): PieceReport {
  const hostsKept = keptPerPiece(pieces, listedHosts);
  return {
    ...report,
    ...(report.hosts ? { hosts: report.hosts.slice(0, hostsKept), hostsTruncated: Boolean(report.hostsTruncated) || report.hosts.length > hostsKept } : {}),
    documentErrors: report.documentErrors.slice(0, keptPerPiece(pieces, listed))
      .map((e) => ({ position: e.position, error: e.error.length > MAX_ERROR_CHARS ? `${e.error.slice(0, MAX_ERROR_CHARS - 1)}…` : e.error })),
  };
}

/** The upload's summary from its pieces' reports, in piece order. */
export function mergeReports(reports: PieceReport[], listed: number) {
  const encodings = new Map<string, number>();
  for (const r of reports) for (const [e, n] of Object.entries(r.encodings)) encodings.set(e, (encodings.get(e) ?? 0) + n);
  let encoding = 'utf-8';
  let most = 0;
  for (const [e, n] of encodings) if (n > most) [encoding, most] = [e, n];
  const documentsWithoutArticles: Record<string, number> = {};
  for (const r of reports) for (const [why, n] of Object.entries(r.documentsWithoutArticles ?? {})) documentsWithoutArticles[why] = (documentsWithoutArticles[why] ?? 0) + n;
  return {
    documentsWithoutArticles,
    skipped: reports.reduce((s, r) => s + (r.skipped ?? 0), 0),
    documents: reports.reduce((s, r) => s + r.documents, 0),
    documentErrorCount: reports.reduce((s, r) => s + r.documentErrorCount, 0),
    documentErrors: reports.flatMap((r) => r.documentErrors).slice(0, listed),
    encoding,
    hosts: [...new Set(reports.flatMap((r) => r.hosts ?? []))].sort(),
    // a piece that kept only some of its hosts, or reported none (written before hosts were kept), leaves the list incomplete
    hostsTruncated: reports.some((r) => r.hostsTruncated || (!r.hosts && r.documents > 0)),
  };
}
