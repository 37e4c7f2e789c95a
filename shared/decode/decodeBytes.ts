/**
 * Bytes → text. Order matters and follows what goes wrong in practice
 * (trafilatura#231: a stored page's meta charset is often a lie about already-UTF-8 bytes):
 * 1. gzip by magic bytes (multi-member too), bounded in decompressed size;
 * 2. a byte order mark;
 * 3. strict UTF-8;
 * 4. the declared charset (caller's HTTP header, then meta / XML declaration in the first bytes);
 * 5. statistical detection, then windows-1252 as the last resort (it maps every byte).
 */
import { gunzipSync } from 'node:zlib';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { BadInputError } from '../errors.js';

export const DEFAULT_MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;

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

const GZIP_MAGIC = [0x1f, 0x8b];
const SNIFF_BYTES = 4096;

export const isGzip = (bytes: Uint8Array): boolean =>
  bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];

/** Decompresses gzip data (all members), failing with a reason a person can act on. */
export function gunzipBounded(bytes: Uint8Array, maxBytes = DEFAULT_MAX_DECOMPRESSED_BYTES): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger|maxOutputLength/i.test(String(error))) {
      throw new BadInputError(`decompressed size exceeds the ${formatMiB(maxBytes)} limit`);
    }
    if (/unexpected end of file/i.test(String(error))) {
      throw new BadInputError(`gzip stream truncated: ${bytes.length} compressed bytes end before the stream does`);
    }
    throw new BadInputError(`gzip data is corrupt (${(error as Error).message})`);
  }
}

const formatMiB = (n: number) => `${Math.round(n / (1024 * 1024))} MiB`;

/** Charset names people write, mapped to what iconv-lite knows. */
export function normaliseCharset(name: string | null | undefined): string | null {
  if (!name) return null;
  const n = name.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!n) return null;
  const aliases: Record<string, string> = {
    utf8: 'utf-8', 'x-sjis': 'shift_jis', sjis: 'shift_jis', 'x-gbk': 'gbk', gb2312: 'gbk',
    'iso-8859-8-i': 'iso-8859-8', 'arabic': 'iso-8859-6', 'cp1256': 'windows-1256', 'latin1': 'windows-1252',
    'iso-8859-1': 'windows-1252', 'us-ascii': 'windows-1252', ascii: 'windows-1252',
  };
  const resolved = aliases[n] ?? n;
  return iconv.encodingExists(resolved) ? resolved : null;
}

/** The charset a document declares about itself in its first bytes (meta tag or XML declaration). */
export function sniffDeclaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, SNIFF_BYTES)).toString('latin1');
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head);
  if (meta) return meta[1];
  const xml = /^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.-]+)["']/i.exec(head);
  return xml ? xml[1] : null;
}

function decodeWithBom(bytes: Uint8Array): DecodedText | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(b.subarray(3)), encoding: 'utf-8', gzipped: false };
  }
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(b.subarray(2)), encoding: 'utf-16le', gzipped: false };
  }
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(b.subarray(2)), encoding: 'utf-16be', gzipped: false };
  }
  return null;
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
  const bom = decodeWithBom(bytes);
  if (bom) return bom;
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: fall through to what the document or transport declares
  }
  const declared = normaliseCharset(declaredCharset) ?? normaliseCharset(sniffDeclaredCharset(bytes));
  if (declared && declared !== 'utf-8') {
    return { text: iconv.decode(Buffer.from(bytes), declared), encoding: declared };
  }
  const detected = normaliseCharset(chardet.detect(bytes.subarray(0, 64 * 1024)));
  const encoding = detected && detected !== 'utf-8' ? detected : 'windows-1252';
  return { text: iconv.decode(Buffer.from(bytes), encoding), encoding };
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
