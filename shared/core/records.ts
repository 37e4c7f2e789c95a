/**
 * ExtractedArticle → ArticleRecord: ids, text, hashes, counts, language. Pure and deterministic:
 * the same article from the same upload version at the same position gets the same id on every run,
 * which is what makes re-delivered events harmless.
 */
import { createHash } from 'node:crypto';
import type { ArticleRecord, ExtractedArticle, ScrapeFormat, UploadRef } from './model.js';
import { isImageCredit } from './meta/credits.js';
import { detectLanguage, directionOf, primaryLanguage } from './meta/language.js';
import { UNSPACED_RE } from './text/scripts.js';
import { safeBlock, safeLine } from './unicodeSafety.js';
import { lazy } from './lazy.js';
import { foldSpaces } from './spaces.js';

/** Bumped whenever extraction output can change, so stored records can be compared and reprocessed. */
export const EXTRACTOR_VERSION = '0.2.0';

/** What joins a record's blocks (headings and paragraphs, in their order) into its text. */
export const BLOCK_SEPARATOR = '\n\n';

export const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Deterministic article id: bucket, key, version and position, hashed. */
export function articleId(upload: UploadRef, index: number): string {
  return sha256Hex([upload.bucket, upload.key, upload.versionId ?? '', String(index)].join('\n')).slice(0, 32);
}

/** Text as compared for hashing: Unicode NFC, whitespace runs folded. */
export const normaliseForHash = (text: string) => foldSpaces(text.normalize('NFC')).trim();

/**
 * A word in a spaced script: letters, marks and digits, joined across the in-word punctuation Unicode's word
 * rules (UAX #29) do not break at: apostrophes ("don't", "l'État"), a period or comma between letters or
 * digits ("U.S", "3,000", "2.5"), connector punctuation ("foo_bar"). Hyphens, slashes and colons ("12:30") break, as there.
 */
const spacedWord = lazy(() => /[\p{L}\p{M}\p{N}\p{Pc}]+(?:['’.,·][\p{L}\p{M}\p{N}\p{Pc}]+)*/gu);

let wordSegmenter: Intl.Segmenter | undefined;
/** V8's Intl.Segmenter is quadratic in the string's length (100 KB: 2.5 s), so it runs on pieces cut at whitespace. */
const SEGMENT_PIECE = 1024;

/**
 * Words as a reader counts them. Spaced scripts by `spacedWord()` (one regex pass, about 7× faster than
 * Intl.Segmenter and within 1–2 % of it on the corpus: `npm run bench -- records`); runs of scripts written
 * without spaces (Han, kana, Thai, Khmer …) by a dictionary-based Intl.Segmenter, created on first need.
 */
export function countWords(text: string): number {
  // a text with no character of those scripts (nearly every one): one scan, no regex call per word
  const spaced = countSpacedWords(text);
  if (spaced >= 0) return spaced;
  let n = 0;
  for (const m of text.matchAll(spacedWord())) n += UNSPACED_RE.test(m[0]) ? segmenterWords(m[0]) : 1;
  return n;
}

/**
 * Characters of the BMP as `countWords` reads them, classified on first sight: 0 not yet, 1 a word character of
 * `spacedWord()` ([\p{L}\p{M}\p{N}\p{Pc}]), 2 not one, 3 one of a script written without spaces (UNSPACED_RE).
 */
let bmpClasses: Uint8Array | undefined;
const WORD_CHAR = /^[\p{L}\p{M}\p{N}\p{Pc}]$/u;

function bmpClassTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 128; c++) table[c] = (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95 ? 1 : 2;
  return table;
}

const classOf = (ch: string): number => (UNSPACED_RE.test(ch) ? 3 : WORD_CHAR.test(ch) ? 1 : 2);

function bmpClass(table: Uint8Array, c: number): number {
  let k = table[c];
  if (k === 0) table[c] = k = classOf(String.fromCharCode(c));
  return k;
}

/** Class (as bmpClasses) and code units of the character at `i`: a surrogate pair is classified by the patterns (rare). */
function charAt(table: Uint8Array, text: string, i: number): [kind: number, width: number] | number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return [classOf(text.slice(i, i + 2)), 2];
  }
  return bmpClass(table, c);
}

/**
 * The matches of `spacedWord()` in `text` counted in one scan of its code units, or -1 as soon as a character
 * of a script written without spaces shows up. A word starts at a word character and goes on through word
 * characters, and through one of ' ’ . , · when a word character follows it (the pattern's greedy reading).
 */
function countSpacedWords(text: string): number {
  const table = (bmpClasses ??= bmpClassTable());
  const length = text.length;
  let n = 0;
  let inWord = false;
  for (let i = 0; i < length;) {
    const at = charAt(table, text, i);
    const kind = typeof at === 'number' ? at : at[0];
    const width = typeof at === 'number' ? 1 : at[1];
    if (kind === 3) return -1;
    if (kind === 1) {
      if (!inWord) { n++; inWord = true; }
      i += width;
      continue;
    }
    const c = text.charCodeAt(i);
    if (inWord && (c === 39 || c === 0x2019 || c === 46 || c === 44 || c === 0xb7) && i + 1 < length) {
      const next = charAt(table, text, i + 1);
      const nextKind = typeof next === 'number' ? next : next[0];
      if (nextKind === 3) return -1;
      if (nextKind === 1) { i++; continue; }
    }
    inWord = false;
    i += width;
  }
  return n;
}

/** The words of a text in order, as `countWords` counts them. */
export function wordsOf(text: string): string[] {
  // no character of a script written without spaces (nearly every text): the pattern's matches are the words
  if (!UNSPACED_RE.test(text)) return text.match(spacedWord()) ?? [];
  const words: string[] = [];
  for (const m of text.matchAll(spacedWord())) {
    if (UNSPACED_RE.test(m[0])) eachSegmentWord(m[0], (w) => words.push(w));
    else words.push(m[0]);
  }
  return words;
}

/** Word-like segments by Intl.Segmenter (the reference `countWords` is measured against, and the unspaced-script counter). */
export function segmenterWords(text: string): number {
  let n = 0;
  eachSegmentWord(text, () => n++);
  return n;
}

function eachSegmentWord(text: string, visit: (word: string) => void) {
  wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  for (let from = 0; from < text.length;) {
    const to = pieceEnd(text, from);
    for (const s of wordSegmenter.segment(text.slice(from, to))) if (s.isWordLike) visit(s.segment);
    from = to;
  }
}

/** End of the piece starting at `from`: just after the last whitespace in the window, else the window's end (never inside a surrogate pair). */
function pieceEnd(text: string, from: number): number {
  const max = from + SEGMENT_PIECE;
  if (max >= text.length) return text.length;
  for (let i = max; i > from + SEGMENT_PIECE / 2; i--) if (/\s/.test(text[i - 1])) return i;
  const c = text.charCodeAt(max - 1);
  return c >= 0xd800 && c <= 0xdbff ? max - 1 : max;
}

export interface RecordContext {
  upload: UploadRef;
  format: ScrapeFormat;
  encoding: string;
  /** Position of the first article of this batch within the upload. */
  firstIndex?: number;
}

export function toArticleRecord(article: ExtractedArticle, index: number, ctx: RecordContext): ArticleRecord {
  // Only well-formed Unicode that cannot reorder a neighbour reaches a record (see unicodeSafety).
  const blocks = article.blocks.map((b) => ({ ...b, text: safeBlock(b.text) })).filter((b) => b.text.trim());
  const text = blocks.map((b) => b.text).join(BLOCK_SEPARATOR);
  const lang = detectLanguage(`${article.title}\n${text}`, primaryLanguage(article.lang));
  const id = articleId(ctx.upload, index);
  return {
    id,
    upload: { bucket: ctx.upload.bucket, key: ctx.upload.key, ...(ctx.upload.versionId ? { versionId: ctx.upload.versionId } : {}), index },
    title: safeLine(article.title).trim(),
    text,
    paragraphs: blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text),
    headings: blocks.filter((b) => b.kind === 'heading').map((b) => b.text),
    published: article.published,
    publishedText: article.publishedText === undefined || article.publishedText === null ? article.publishedText : safeLine(article.publishedText),
    authors: unique(article.authors),
    // a source is a publisher or site: an image credit that reached here (a scraper's field, page metadata) is none
    source: article.source === undefined || article.source === null ? article.source : isImageCredit(article.source) ? null : safeLine(article.source),
    url: article.url,
    lang,
    dir: article.dir ?? directionOf(lang),
    tags: unique(article.tags),
    related: article.related,
    images: (article.images ?? []).map((img) => ({
      url: img.url,
      caption: img.caption === null ? null : safeBlock(img.caption),
      credit: img.credit === null ? null : safeLine(img.credit),
    })),
    wordCount: countWords(text),
    contentHash: sha256Hex(normaliseForHash(text)),
    // A story of its own until the story stage finds the copies it joins (shared/core/story).
    story: id,
    summary: article.summary ? safeBlock(article.summary) : null,
    profile: article.profile ?? null,
    contentField: article.contentField ?? null,
    format: ctx.format,
    encoding: ctx.encoding,
    extractorVersion: EXTRACTOR_VERSION,
  };
}

function unique(items: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    const t = safeLine(item).trim();
    const k = t.normalize('NFKC').toLowerCase();
    if (t && !seen.has(k)) { seen.add(k); out.push(t); }
  }
  return out;
}
