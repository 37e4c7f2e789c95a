/**
 * Which kind of scrape a decoded upload is, from its content first; the file name is only a tie-breaker
 * (scrapers name files freely: `.txt` holding HTML and `.json` holding JSON Lines are common).
 * Sees the first bytes only (the streaming core decides before the rest arrives): `complete` says
 * whether `text` is the whole upload. Every pattern here runs on a bounded slice.
 */
import type { ScrapeFormat } from '../model.js';
import { SNIFF } from '../settings.js';

const HTML_SIGNS = /<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|title>|div[\s>]|p[\s>]|article[\s>]|section[\s>]|span[\s>]|a\s+href)/i;
const A_TAG = /<\/?[a-z][\w-]{0,30}[^<>]{0,500}>/i;
const JSONL_NAME = /\.(?:jsonl|ndjson|jl)$/i;
const HTML_NAME = /\.(?:html?|xhtml)$/i;
/** A pretty-printed JSON document breaks its first line early; a JSON Lines page rarely fits in this. */
const LONG_LINE = 8192;

/** Characters read to tell the format (a cut head needs only these decoded; looksBinary reads fewer). */
export const DETECT_CHARS = SNIFF.formatChars;
/** Characters after leading blanks that tell markup from text (a start like JSON reads on, up to DETECT_CHARS). */
export const HEAD_CHARS = 8192;

export function detectFormat(text: string, fileName = '', complete = true): ScrapeFormat {
  const start = text.slice(0, DETECT_CHARS).replace(/^\uFEFF/, '').trimStart();
  const name = fileName.replace(/\.gz$/i, '');
  if (start.startsWith('WARC/')) return 'warc';
  // `[` opens a JSON array only if a JSON value follows; text can start with a bracketed label ("[Docs] …").
  if (/^\[\s*(?:[{["\]\d-]|true\b|false\b|null\b)/.test(start)) return 'json';
  if (start.startsWith('{')) return jsonKind(start, name, complete && start.length === text.replace(/^\uFEFF/, '').trimStart().length);
  const head = start.slice(0, HEAD_CHARS);
  // A page starts with markup; text that quotes a few tags (a tutorial, code in an article) does not,
  // unless markup is most of what it holds.
  if (head.startsWith('<') && HTML_SIGNS.test(head.slice(0, 4096)) && A_TAG.test(head)) return 'html';
  if (HTML_SIGNS.test(head.slice(0, 4096)) && markupShare(head) > 0.3) return 'html';
  if (HTML_NAME.test(name) && head.startsWith('<')) return 'html';
  return 'text';
}

/** The share of characters inside tags, in a bounded slice. */
function markupShare(head: string): number {
  let inside = 0;
  for (const m of head.matchAll(/<\/?[a-z][\w-]{0,30}[^<>]{0,500}>/gi)) inside += m[0].length;
  return head.length ? inside / head.length : 0;
}

/**
 * `{` opens either one JSON document or JSON Lines. Pretty-printed JSON indents everything after its
 * first line, so two lines that start with `{` mean JSON Lines (even when a line is malformed); so does
 * the file name, or a first line too long to be pretty-printed (a compact one-line document reads the
 * same either way).
 */
function jsonKind(start: string, name: string, wholeUpload: boolean): ScrapeFormat {
  let objectLines = 0;
  for (let at = 0; at < start.length && objectLines < 2;) {
    if (start[at] === '{') objectLines++;
    const nl = start.indexOf('\n', at);
    if (nl < 0) break;
    at = nl + 1;
  }
  if (objectLines >= 2 || JSONL_NAME.test(name)) return 'jsonl';
  const nl = start.indexOf('\n');
  if (nl < 0) return wholeUpload ? 'json' : 'jsonl';
  return nl > LONG_LINE ? 'jsonl' : 'json';
}
