/**
 * The format decision, made once from an upload's first bytes: the streaming core uses it before the rest
 * arrives, and the piece planner to tell whether an upload splits, so both read the same documents.
 */
import { isUtf8 } from 'node:buffer';
import { bomOf, decodeText, looksBinary, utf16WithoutBom, withoutPartialUtf8Tail } from '../decode/decodeBytes.js';
import { BadInputError } from '../errors.js';
import type { ScrapeFormat } from '../model.js';
import type { DecodedBytes } from './documents.js';
import { DETECT_CHARS, detectFormat, HEAD_CHARS } from './detectFormat.js';
import { SNIFF } from '../settings.js';
import { opensWithWarcMagic } from './warc.js';

/** Bytes looked at before the format is decided. */
export const SNIFF_BYTES = SNIFF.headBytes;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The head as text for choosing the format, without the charset work of a real decode (the documents are
 * decoded once, when read): a byte order mark or UTF-16's NULs decide as in decodeText; otherwise UTF-8 when
 * it is valid, else latin1, which maps every byte to one character, so the ASCII that formats are told by
 * (`<html`, `{`, `WARC/`) and the control bytes that mark binary data read the same as in any legacy charset.
 * `whole`: the text is the whole head as decodeText reads it (valid UTF-8, no mark), so the document need not
 * be decoded again.
 */
function sniffText(head: Uint8Array, complete: boolean): { text: string; whole: boolean } {
  if (bomOf(head) || utf16WithoutBom(head)) return { text: decodeText(head).text, whole: false };
  if (!isUtf8(head)) return { text: Buffer.from(head.buffer, head.byteOffset, head.length).toString('latin1'), whole: false };
  // valid UTF-8: a cut head is only read in its first DETECT_CHARS characters (looksBinary, detectFormat), so
  // only the bytes that hold them are decoded (a whole upload pushed at once was decoded twice, here and when read)
  if (complete) return { text: strictUtf8.decode(head), whole: true };
  // most heads are told by their first HEAD_CHARS characters (see decidedBy): two bytes a character is ample for markup
  const quick = utf8Prefix(head, HEAD_CHARS * 2);
  const short = strictUtf8.decode(quick);
  if (quick.length === head.length || decidedBy(short)) return { text: short, whole: false };
  // mostly one byte a character (markup, JSON): a quarter more bytes than characters; else as many as can take
  const first = utf8Prefix(head, DETECT_CHARS * 1.25);
  const text = strictUtf8.decode(first);
  return { text: text.length >= DETECT_CHARS || first.length === head.length ? text : strictUtf8.decode(utf8Prefix(head, DETECT_CHARS * 3 + 3)), whole: false };
}

/**
 * Whether the start of a cut head, `text`, gives the same format as a longer one would: detectFormat reads
 * only the first HEAD_CHARS characters after leading blanks, unless the text opens like JSON (`{`, `[`), and
 * looksBinary fewer.
 */
function decidedBy(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  return start.length >= HEAD_CHARS && start[0] !== '{' && start[0] !== '[';
}

/** The first `max` bytes or fewer of valid UTF-8, cut before a character's lead byte (one UTF-16 unit is at most 3 bytes). */
function utf8Prefix(bytes: Uint8Array, max: number): Uint8Array {
  if (bytes.length <= max) return bytes;
  let end = max;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** Format from content: WARC header, then (after a binary check) JSON, HTML or text; the name is a hint. */
export function chooseFormat(head: Uint8Array, complete: boolean, requested: ScrapeFormat | 'auto' | undefined, key: string): ScrapeFormat {
  return sniffFormat(head, complete, requested, key).format;
}

/**
 * chooseFormat, and the head decoded as decodeText would decode it when the sniff had to decode all of it
 * (a complete head of valid UTF-8): a document of exactly those bytes is not decoded again (SplitOptions.decoded).
 */
export function sniffFormat(
  head: Uint8Array, complete: boolean, requested: ScrapeFormat | 'auto' | undefined, key: string,
): { format: ScrapeFormat; decoded?: DecodedBytes } {
  const forced = requested && requested !== 'auto' ? requested : null;
  if (forced === 'warc' || (!forced && startsWithWarc(head))) return { format: 'warc' };
  const { text, whole } = sniffText(complete ? head : withoutPartialUtf8Tail(head), complete);
  if (looksBinary(text)) throw new BadInputError(binaryReason(head));
  if (complete && !text.trim()) throw new BadInputError('the upload holds only whitespace: no text to read');
  const format = forced ?? detectFormat(text, key, complete);
  return whole ? { format, decoded: { bytes: head, text } } : { format };
}

/** A WARC file, its byte order mark and leading blank lines aside. */
function startsWithWarc(head: Uint8Array): boolean {
  let i = bomOf(head)?.length ?? 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  return opensWithWarcMagic(head.subarray(i));
}

/** Common binary formats by their magic bytes, so the reason says what the file is. */
const BINARY_KINDS: { magic: number[]; what: string }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (Sift reads gzip, not ZIP: unzip it first)' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd-compressed data (Sift reads gzip: recompress it with gzip)' },
  { magic: [0x42, 0x5a, 0x68], what: 'bzip2-compressed data (Sift reads gzip: recompress it with gzip)' },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a], what: 'xz-compressed data (Sift reads gzip: recompress it with gzip)' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive' },
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], what: 'an executable' },
];

function binaryReason(head: Uint8Array): string {
  const kind = BINARY_KINDS.find((k) => k.magic.every((b, i) => head[i] === b));
  return `not a recognised scrape format: binary data${kind ? ` (${kind.what})` : ''}`;
}
