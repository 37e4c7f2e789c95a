/**
 * Bytes → text. Order matters and follows what goes wrong in practice
 * (trafilatura#231: a stored page's meta charset is often a lie about already-UTF-8 bytes):
 * 1. gzip by magic bytes (multi-member too), bounded in decompressed size (gunzip.ts);
 * 2. a byte order mark;
 * 3. strict UTF-8;
 * 4. the declared charset (caller's HTTP header, then meta / XML declaration in the first bytes);
 * 5. statistical detection (chardet), then windows-1252 as the last resort (it maps every byte).
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { BadInputError } from '../errors.js';
import { gunzipBounded, isGzip } from './gunzip.js';

export { DEFAULT_MAX_DECOMPRESSED_BYTES, gunzipBounded, isGzip } from './gunzip.js';

export interface DecodeOptions {
  /** A charset the transport declared (HTTP Content-Type). */
  declaredCharset?: string | null;
  maxDecompressedBytes?: number;
}

export interface DecodedText {
  text: string;
  /** The encoding actually used, lower case WHATWG-style name. */
  encoding: string;
  gzipped: boolean;
}

const SNIFF_BYTES = 4096;
/** chardet reads this much; more costs time and rarely changes its answer. */
const DETECT_BYTES = 64 * 1024;

/** Names people (and chardet) write, mapped to the name iconv-lite knows and records carry. */
const CHARSET_ALIASES: Record<string, string> = {
  utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
  'x-sjis': 'shift_jis', sjis: 'shift_jis', 'shift-jis': 'shift_jis', 'ms_kanji': 'shift_jis', 'windows-31j': 'shift_jis',
  // GB18030 is a superset of GBK and GB2312, as in WHATWG: decoding with it never loses a character.
  'x-gbk': 'gb18030', gbk: 'gb18030', gb2312: 'gb18030', 'euc-cn': 'gb18030', 'hz-gb-2312': 'gb18030',
  'iso-8859-8-i': 'iso-8859-8', arabic: 'iso-8859-6', 'iso_8859-6': 'iso-8859-6', 'iso-8859-6-i': 'iso-8859-6',
  cp1256: 'windows-1256', 'x-cp1256': 'windows-1256', cp1252: 'windows-1252',
  // WHATWG decodes these labels as windows-1252, a superset that maps 0x80–0x9F to the characters authors meant.
  latin1: 'windows-1252', 'iso-8859-1': 'windows-1252', 'iso8859-1': 'windows-1252', 'us-ascii': 'windows-1252', ascii: 'windows-1252',
  'utf-16': 'utf-16le', ucs2: 'utf-16le', 'ucs-2': 'utf-16le',
};

/** Charset names people write, mapped to what iconv-lite knows; null when unknown or empty. */
export function normaliseCharset(name: string | null | undefined): string | null {
  if (!name) return null;
  const n = name.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!n) return null;
  const resolved = CHARSET_ALIASES[n] ?? n;
  return iconv.encodingExists(resolved) ? resolved : null;
}

/** The charset a document declares about itself in its first bytes (meta tag or XML declaration). */
export function sniffDeclaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES)).toString('latin1');
  // Bounded input (4 KiB) and no nested quantifiers: these cannot backtrack badly.
  const meta = /<meta[^>]{0,512}?charset\s*=\s*["']?\s*([\w:.-]{1,40})/i.exec(head);
  if (meta) return meta[1];
  const xml = /^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([\w.-]{1,40})["']/i.exec(head);
  return xml ? xml[1] : null;
}

/** The charset in a Content-Type value (`text/html; charset="windows-1256"`), or null. */
export function charsetOfContentType(contentType: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*["']?([^"';\s]{1,40})/i.exec(contentType ?? '');
  return m ? m[1] : null;
}

/** Byte order marks, longest first. */
const BOMS: { bytes: number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** The encoding a byte order mark announces, and the mark's length; null without one. */
export function bomOf(bytes: Uint8Array): { encoding: string; length: number } | null {
  const bom = BOMS.find((b) => b.bytes.every((v, i) => bytes[i] === v));
  return bom ? { encoding: bom.encoding, length: bom.bytes.length } : null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes an upload's bytes into text, or throws BadInputError. */
export function decodeBytes(input: Uint8Array, options: DecodeOptions = {}): DecodedText {
  if (input.length === 0) throw new BadInputError('the upload is empty (0 bytes)');
  const gzipped = isGzip(input);
  const bytes = gzipped ? gunzipBounded(input, options.maxDecompressedBytes) : input;
  if (bytes.length === 0) throw new BadInputError('the upload is empty after decompression');
  const decoded = decodeText(bytes, options.declaredCharset);
  return { ...decoded, gzipped };
}

/** Text decoding alone (no decompression): BOM, strict UTF-8, declared charset, detection. */
export function decodeText(bytes: Uint8Array, declaredCharset?: string | null): Omit<DecodedText, 'gzipped'> {
  const bom = bomOf(bytes);
  if (bom) return { text: new TextDecoder(bom.encoding).decode(bytes.subarray(bom.length)), encoding: bom.encoding };
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: fall through to what the transport or the document declares
  }
  const declared = normaliseCharset(declaredCharset) ?? normaliseCharset(sniffDeclaredCharset(bytes));
  const encoding = declared && declared !== 'utf-8' ? declared : detectCharset(bytes);
  return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), encoding), encoding };
}

/** chardet's guess (never UTF-8 here: strict UTF-8 already failed), windows-1252 when it has none. */
function detectCharset(bytes: Uint8Array): string {
  const detected = normaliseCharset(chardet.detect(bytes.subarray(0, DETECT_BYTES)));
  return detected && detected !== 'utf-8' ? detected : 'windows-1252';
}

/**
 * Bytes cut at an arbitrary point may end inside a UTF-8 sequence; this drops that incomplete tail
 * (at most 3 bytes) so a strict decoder judges the bytes, not the cut.
 */
export function withoutPartialUtf8Tail(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}

/** True when text looks like binary data rather than a document (control characters, NULs). */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, SNIFF_BYTES);
  if (!sample.length) return false;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 9 || (c > 13 && c < 32) || c === 0xfffd)) control++;
  }
  return control / sample.length > 0.05;
}
