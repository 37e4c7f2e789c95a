/**
 * Bytes → text. Order matters and follows what goes wrong in practice
 * (trafilatura#231: a stored page's meta charset is often a lie about already-UTF-8 bytes):
 * 1. gzip by magic bytes (multi-member too), bounded in decompressed size (gunzip.ts);
 * 2. a byte order mark;
 * 3. UTF-16 without a mark, by its NUL bytes (ASCII-range text has one in every other byte);
 * 4. strict UTF-8, then UTF-8 that is valid but for a few stray bytes (replaced, with a warning): no
 *    legacy charset gives many valid multi-byte sequences and only a handful of invalid ones;
 * 5. the declared charset (caller's HTTP header, then meta / XML declaration in the first bytes);
 * 6. statistical detection (chardet), overruled by the charsets of the language the page declares
 *    (`lang`) when it guessed one of another script, then windows-1252 as the last resort (it maps every byte).
 * Text that does not look like the language it declares comes with a warning, so mojibake is never silent.
 */
import chardet from 'chardet';
import { BadInputError } from '../errors.js';
import { gunzipBounded, isGzip } from './gunzip.js';
import { LANGUAGE_CHARSETS } from './languageCharsets.js';
import { lazy } from '../lazy.js';

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
  /** Set when the text may not be what the author wrote (bytes replaced, letters of the wrong script). */
  warning?: string;
}

const SNIFF_BYTES = 4096;
/** chardet reads this much; more costs time and rarely changes its answer. */
const DETECT_BYTES = 64 * 1024;

/** Names people (and chardet) write, mapped to the name the decoder knows and records carry. */
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

/**
 * UTF-32, which chardet may name and WHATWG's TextDecoder does not decode: decoded here (4-byte units; a unit
 * that is no Unicode scalar value becomes U+FFFD).
 */
const UTF32: Record<string, boolean> = { 'utf-32': true, 'utf-32le': true, 'utf-32be': false };

/**
 * Charset names people write, mapped to what the decoder knows; null when unknown or empty. Decoding is
 * Node's own TextDecoder (ICU: every WHATWG encoding, the legacy CJK ones included), so no encoding tables
 * ship in the bundle.
 */
export function normaliseCharset(name: string | null | undefined): string | null {
  if (!name) return null;
  const n = name.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!n) return null;
  const resolved = CHARSET_ALIASES[n] ?? n;
  if (resolved in UTF32) return resolved === 'utf-32' ? 'utf-32le' : resolved;
  return decoderOf(resolved) ? resolved : null;
}

type Decoder = InstanceType<typeof TextDecoder>;
const decoders = new Map<string, Decoder | null>();
/** One replacing (non-fatal) TextDecoder per encoding, null for one it does not know. */
function decoderOf(encoding: string): Decoder | null {
  let decoder = decoders.get(encoding);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(encoding);
    } catch {
      decoder = null; // RangeError: not an encoding WHATWG / ICU knows
    }
    decoders.set(encoding, decoder);
  }
  return decoder;
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    chunk.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
    if (chunk.length === 8192) { parts.push(String.fromCodePoint(...chunk)); chunk = []; }
  }
  if (bytes.length % 4) chunk.push(0xfffd);
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

/** The charset a document declares about itself in its first bytes (meta tag or XML declaration). */
function sniffDeclaredCharset(bytes: Uint8Array): string | null {
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

/** Text decoding alone (no decompression): BOM, UTF-16, UTF-8, declared charset, detection. */
export function decodeText(bytes: Uint8Array, declaredCharset?: string | null): Omit<DecodedText, 'gzipped'> {
  const bom = bomOf(bytes);
  if (bom) return { text: new TextDecoder(bom.encoding).decode(bytes.subarray(bom.length)), encoding: bom.encoding };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // not strictly UTF-8: almost UTF-8, or what the transport or the document declares
  }
  const nearly = nearlyUtf8(bytes);
  if (nearly) return nearly;
  const declared = normaliseCharset(declaredCharset) ?? normaliseCharset(sniffDeclaredCharset(bytes));
  if (declared && declared !== 'utf-8') return { text: decodeWith(bytes, declared), encoding: declared };
  const language = LANGUAGE_CHARSETS[sniffDeclaredLanguage(bytes) ?? ''];
  const guessed = detectCharset(bytes);
  const encoding = language && !language.charsets.includes(guessed) ? language.charsets[0] : guessed;
  const text = decodeWith(bytes, encoding);
  const warning = language ? scriptMismatch(text, language.letters, encoding) : undefined;
  return warning ? { text, encoding, warning } : { text, encoding };
}

/** Bytes in `encoding` (a name `normaliseCharset` returned) as text, undecodable bytes as U+FFFD. */
function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding in UTF32) return decodeUtf32(bytes, UTF32[encoding]!);
  return (decoderOf(encoding) ?? decoderOf('windows-1252')!).decode(bytes);
}

/** chardet's guess (never UTF-8 here: UTF-8 already failed), windows-1252 when it has none. */
function detectCharset(bytes: Uint8Array): string {
  const detected = normaliseCharset(chardet.detect(bytes.subarray(0, DETECT_BYTES)));
  return detected && detected !== 'utf-8' ? detected : 'windows-1252';
}

/**
 * Invalid UTF-8 sequences at most this share of the valid multi-byte ones still read as UTF-8 (stray
 * bytes of a damaged or spliced file). Legacy 8-bit text forms valid multi-byte sequences only by chance,
 * fewer than one per two invalid ones (EUC-KR and EUC-JP, the worst cases measured; Persian in windows-1256 one per 28).
 */
const MAX_STRAY_PER_MULTIBYTE = 1 / 10;
/** Fewer valid multi-byte sequences than this are too little evidence for UTF-8. */
const MIN_MULTIBYTE_FOR_UTF8 = 20;

/** UTF-8 with its stray invalid bytes replaced by U+FFFD, when that is what the bytes are; null otherwise. */
function nearlyUtf8(bytes: Uint8Array): Omit<DecodedText, 'gzipped'> | null {
  let multibyte = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need > 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok) { multibyte++; i += need + 1; } else { invalid++; i++; }
  }
  if (multibyte < MIN_MULTIBYTE_FOR_UTF8 || invalid > multibyte * MAX_STRAY_PER_MULTIBYTE) return null;
  const text = new TextDecoder('utf-8').decode(bytes);
  return { text, encoding: 'utf-8', warning: `${invalid} invalid UTF-8 byte${invalid === 1 ? '' : 's'} replaced by U+FFFD (the rest of the text is valid UTF-8)` };
}

/**
 * Share of the letters of the page's text (markup aside) that must be in the declared language's script.
 * Low on purpose: real pages mix in Latin menus, names and numbers; mojibake leaves next to none.
 */
const MIN_SCRIPT_SHARE = 0.15;
const letter = lazy(() => /\p{L}/gu);

/** A warning when the decoded text's letters are mostly not in the script of the language the page declares. */
function scriptMismatch(text: string, letters: string, encoding: string): string | undefined {
  const sample = withoutMarkup(text.slice(0, DETECT_BYTES));
  const all = sample.match(letter())?.length ?? 0;
  const own = sample.match(new RegExp(`[${letters}]`, 'gu'))?.length ?? 0;
  if (!all || own / all >= MIN_SCRIPT_SHARE) return undefined;
  return `decoded as ${encoding}, but only ${Math.round((100 * own) / all)}% of the letters are in the script of the language the page declares: the text may be garbled (declare the charset)`;
}

/** Text outside tags, scripts and styles (one pass with indexOf: linear whatever the markup). */
function withoutMarkup(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) { out += html.slice(i); break; }
    out += `${html.slice(i, lt)} `;
    const gt = html.indexOf('>', lt);
    if (gt < 0) break;
    const tag = html.slice(lt + 1, Math.min(gt, lt + 8)).toLowerCase();
    const raw = tag.startsWith('script') ? '</script' : tag.startsWith('style') ? '</style' : null;
    const end = raw ? lower.indexOf(raw, gt) : gt;
    i = (end < 0 ? html.length : end) + 1;
  }
  return out;
}

/** The language a document declares about itself in its first bytes (`<html lang>`, Content-Language meta). */
function sniffDeclaredLanguage(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES)).toString('latin1');
  // Bounded input (4 KiB), no nested quantifiers.
  const m = /<html[^>]{0,512}?\blang\s*=\s*["']?\s*([a-z]{2,3})\b/i.exec(head)
    ?? /<meta[^>]{0,256}?http-equiv\s*=\s*["']?content-language["']?[^>]{0,256}?content\s*=\s*["']?\s*([a-z]{2,3})\b/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

/** Share of 2-byte units with a NUL in one half (and not the other) that marks UTF-16 without a byte order mark… */
const MIN_UTF16_NUL_SHARE = 0.3;
/** …when at most this share has it in the other half (U+xx00 characters of other scripts). */
const MAX_UTF16_OTHER_NUL_SHARE = 0.02;

/**
 * UTF-16 without a byte order mark: ASCII-range characters (markup, digits, spaces, Latin text) put a NUL
 * in every other byte, in the high half (little-endian: odd positions) or the low one (big-endian). A
 * NUL in the other half is as good as absent in real text, so a sample with many on one side only is UTF-16.
 */
export function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 8) return null;
  let even = 0, odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0 && bytes[i + 1] !== 0) even++;
    else if (bytes[i + 1] === 0 && bytes[i] !== 0) odd++;
  }
  const pairs = n / 2;
  if (odd / pairs >= MIN_UTF16_NUL_SHARE && even / pairs <= MAX_UTF16_OTHER_NUL_SHARE) return 'utf-16le';
  if (even / pairs >= MIN_UTF16_NUL_SHARE && odd / pairs <= MAX_UTF16_OTHER_NUL_SHARE) return 'utf-16be';
  return null;
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
