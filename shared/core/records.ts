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

/** Bumped whenever extraction output can change, so stored records can be compared and reprocessed. */
export const EXTRACTOR_VERSION = '0.2.0';

export const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Deterministic article id: bucket, key, version and position, hashed. */
export function articleId(upload: UploadRef, index: number): string {
  return sha256Hex([upload.bucket, upload.key, upload.versionId ?? '', String(index)].join('\n')).slice(0, 32);
}

/** Text as compared for hashing: Unicode NFC, whitespace runs folded. */
export const normaliseForHash = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

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
  let n = 0;
  const re = spacedWord();
  if (!UNSPACED_RE.test(text)) {
    // every word is one: count the matches without building them (a global regex's test allocates nothing)
    re.lastIndex = 0;
    while (re.test(text)) n++;
    return n;
  }
  for (const m of text.matchAll(re)) n += UNSPACED_RE.test(m[0]) ? segmenterWords(m[0]) : 1;
  return n;
}

/** The words of a text in order, as `countWords` counts them. */
export function wordsOf(text: string): string[] {
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
  const text = blocks.map((b) => b.text).join('\n\n');
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
