/**
 * A big plain-text upload in regions: cut near every `regionBytes`, at a page break when one is near, so
 * each region is extracted on its own (memory stays at one region) and the pieces of a split upload
 * (pipeline/pieces.ts) are whole regions. Every reader finds the same cuts from the same bytes:
 *
 * - region k ≥ 1 starts near its target k·R, when k·R + R/2 ≤ size (so the last region is R/2 … 1.5 R);
 * - the cut near target t is chosen from the bytes [t − reach, t + reach) alone (reach ≤ R/4, so cuts stay
 *   in order): a page start the text extractor finds there (`pageLines`, given by the caller: it lives
 *   above this layer), else the start of a paragraph (a line after a blank one), else any line start,
 *   else t itself on a character boundary; the one nearest t wins.
 *
 * UTF-8 (and ASCII) only: there an LF byte always ends a line, and a window decodes on its own.
 */
import { isUtf8 } from 'node:buffer';
import { bomOf, utf16WithoutBom, withoutPartialUtf8Tail } from '../decode/decodeBytes.js';
import { SNIFF } from '../settings.js';

/** The most bytes a cut looks at on each side of its target (a window holds a dozen typical pages). */
const MAX_CUT_REACH = 64 * 1024;
/** Bytes of the head that decide whether a text upload is read in regions (the same for every reader). */
const HEAD_BYTES = SNIFF.headBytes;

/** The input lines (0-based) where a new page starts in a stretch of text; null when the reader cannot tell. */
export type PageLines = (text: string) => number[] | null;

export interface TextRegionOptions {
  regionBytes: number;
  pageLines?: PageLines;
}

export interface TextRegion {
  /** 0-based; a region is document `index + 1` of the upload. */
  index: number;
  /** Offset of its first byte in the upload. */
  start: number;
  bytes: Uint8Array;
}

export const cutReach = (regionBytes: number) => Math.max(1, Math.min(MAX_CUT_REACH, Math.floor(regionBytes / 4)));

/** Regions of an upload of `size` bytes: 1 + the targets k·R (k ≥ 1) with k·R + R/2 ≤ size. */
export function regionCount(size: number, regionBytes: number): number {
  if (size <= 0) return 0;
  return 1 + Math.max(0, Math.floor((size - Math.floor(regionBytes / 2)) / regionBytes));
}

const lenientUtf8 = new TextDecoder('utf-8');

/** Whether a text upload with this head is read in regions: UTF-8 (with or without its BOM), judged on its first 64 KiB. */
export function readsInRegions(head: Uint8Array): boolean {
  const sample = head.length > HEAD_BYTES ? withoutPartialUtf8Tail(head.subarray(0, HEAD_BYTES)) : head;
  const bom = bomOf(sample)?.encoding;
  // validated, not decoded (the same test as a fatal TextDecoder's, without building the string)
  return !((bom && bom !== 'utf-8') || utf16WithoutBom(sample)) && isUtf8(sample);
}

const isBlankByte = (b: number) => b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0c || b === 0x0b;

/**
 * Where the region near `target` starts. `window` is the upload's bytes [max(0, target − reach),
 * min(size, target + reach)); `atEnd` when it reaches the end of the upload (its last line is whole).
 */
export function cutNear(window: Uint8Array, windowStart: number, target: number, atEnd: boolean, pageLines?: PageLines): number {
  const rel = target - windowStart;
  // only whole lines are read: from the first line start in the window to its last LF
  const begin = windowStart === 0 ? 0 : window.indexOf(0x0a) + 1;
  const end = atEnd ? window.length : window.lastIndexOf(0x0a) + 1;
  const starts: number[] = [];
  if (begin > 0 || windowStart === 0) {
    for (let p = begin; p < end;) {
      starts.push(p);
      const lf = window.indexOf(0x0a, p);
      if (lf < 0) break;
      p = lf + 1;
    }
  }
  const nearest = (candidates: number[]) => {
    let best = -1;
    for (const p of candidates) if (p > 0 && (best < 0 || Math.abs(p - rel) < Math.abs(best - rel))) best = p;
    return best;
  };
  if (starts.length > 1) {
    const pages = pageLines?.(lenientUtf8.decode(window.subarray(begin, end)));
    const atPage = nearest((pages ?? []).filter((i) => i > 0 && i < starts.length).map((i) => starts[i]));
    if (atPage > 0) return windowStart + atPage;
    const paragraphs = starts.filter((p, i) => i > 0 && blankLine(window, starts[i - 1], p - 1));
    const atParagraph = nearest(paragraphs);
    if (atParagraph > 0) return windowStart + atParagraph;
    const atLine = nearest(starts.slice(1));
    if (atLine > 0) return windowStart + atLine;
  }
  // one line across the whole window: cut at the target, between two characters
  let p = Math.max(1, Math.min(rel, window.length));
  while (p < window.length && (window[p] & 0xc0) === 0x80) p++;
  return windowStart + p;
}

/** The bytes [from, lf) hold only blanks. */
function blankLine(bytes: Uint8Array, from: number, lf: number): boolean {
  for (let i = from; i < lf; i++) if (!isBlankByte(bytes[i])) return false;
  return true;
}

/** Which regions a reader gives, and what it is fed. */
export interface RegionSpan {
  /** Offset in the upload of the first byte pushed. */
  from: number;
  /** First region to give, and the last one (to the end of the upload when undefined). */
  first: number;
  last?: number;
  /** The upload's size when known (a piece of it); otherwise the end of what is pushed. */
  size?: number;
}

/** Pushed the upload's bytes in order, gives each region once its end cut is known. */
export class TextRegionReader {
  private parts: Uint8Array[] = [];
  private bufStart: number;
  private bufEnd: number;
  private next: number;
  private regionStart: number | null;
  /** Every region asked for was given: the rest of the bytes are not needed. */
  finished = false;

  constructor(private readonly options: TextRegionOptions, private readonly span: RegionSpan) {
    this.bufStart = this.bufEnd = span.from;
    this.next = span.first;
    this.regionStart = span.first === 0 ? 0 : null;
  }

  push(chunk: Uint8Array): TextRegion[] {
    if (this.finished || !chunk.length) return [];
    this.parts.push(chunk);
    this.bufEnd += chunk.length;
    return this.take(false);
  }

  end(): TextRegion[] {
    return this.finished ? [] : this.take(true);
  }

  private take(ended: boolean): TextRegion[] {
    const out: TextRegion[] = [];
    const R = this.options.regionBytes;
    const size = this.span.size ?? (ended ? this.bufEnd : undefined);
    while (!this.finished) {
      if (this.regionStart === null) {
        const cut = this.cutAt(this.next * R, size, ended);
        if (cut === null) break;
        this.regionStart = cut;
        continue;
      }
      const t = (this.next + 1) * R;
      const half = Math.floor(R / 2);
      // the next target opens a region when R/2 of the upload lies past it (unknown until then, or the end)
      const opens = size !== undefined ? t + half <= size : this.bufEnd >= t + half ? true : null;
      if (opens === null) break;
      let end: number;
      if (opens) {
        const cut = this.cutAt(t, size, ended);
        if (cut === null) break;
        end = cut;
      } else {
        if (!ended && this.bufEnd < size!) break;
        end = Math.min(this.bufEnd, size!);
      }
      out.push({ index: this.next, start: this.regionStart, bytes: this.bytes(this.regionStart, end) });
      this.drop(end);
      if (!opens || this.next === this.span.last) {
        this.finished = true;
        this.parts = [];
        break;
      }
      this.next++;
      this.regionStart = end;
    }
    return out;
  }

  /** The cut near `t`, once its window is in the buffer (or no more bytes come); null while it is not. */
  private cutAt(t: number, size: number | undefined, ended: boolean): number | null {
    const reach = cutReach(this.options.regionBytes);
    const wanted = size === undefined ? t + reach : Math.min(t + reach, size);
    if (this.bufEnd < wanted && !ended) return null;
    const to = Math.min(wanted, this.bufEnd);
    const from = Math.max(0, t - reach, this.bufStart);
    return cutNear(this.bytes(from, to), from, t, size === undefined ? ended : to >= size, this.options.pageLines);
  }

  private bytes(from: number, to: number): Uint8Array {
    if (this.parts.length > 1) this.parts = [Buffer.concat(this.parts)];
    return (this.parts[0] ?? new Uint8Array()).subarray(from - this.bufStart, to - this.bufStart);
  }

  /** Forgets the bytes before `at`. */
  private drop(at: number) {
    const rest = this.bytes(at, this.bufEnd);
    this.parts = rest.length ? [rest] : [];
    this.bufStart = at;
  }
}
