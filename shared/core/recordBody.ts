/**
 * A scraper-export record's text is already the article the scraper extracted: the text cleaner may
 * drop furniture from it, but never its whole body (a 30-word brief is an article, not boilerplate),
 * and the record's own fields (url, date, authors, lang) hold for every article it is split into.
 */
import type { BodyBlock, DocumentHints, ExtractedArticle } from './model.js';
import { parseDate } from './meta/dates.js';
import { UNSPACED_RE, unspacedChars } from './text/scripts.js';
import { joinLines, unwrapText } from './text/unwrap.js';
import { lazy } from './lazy.js';

const DAY_MS = 86_400_000;

/** Below this share of the record's words kept, the extraction lost the body: the record's text is used whole. */
export const MIN_RECORD_WORDS_KEPT = 0.9;
/** A record the text path split into several articles (an edition with sections) also lost each section's furniture. */
const MIN_SPLIT_RECORD_WORDS_KEPT = 0.6;

const hasWord = lazy(() => /[\p{L}\p{N}]/u);
const UNSPACED_G = new RegExp(UNSPACED_RE.source, 'gu');
/** Words as the share is counted: a character of a script written without spaces is one (a CJK paragraph is not one word). */
const wordsOf = (s: string) => {
  const unspaced = unspacedChars(s);
  const spaced = (unspaced ? s.replace(UNSPACED_G, ' ') : s).match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu)?.length ?? 0;
  return spaced + unspaced;
};

/**
 * The record text as paragraphs: blank lines split them; a hard-wrapped body is rejoined first (a
 * paragraph's last short line ends it), and the single line breaks left inside a block are read as wraps.
 */
export function paragraphsOfRecord(text: string): string[] {
  const unwrapped = unwrapText(text.replace(/\r\n?/g, '\n'));
  const blankSeparated = /\n[ \t]*\n/u.test(unwrapped);
  // without blank lines, the rejoined text's lines are its paragraphs
  const blocks = blankSeparated ? unwrapped.split(/\n\s*\n/u).map((b) => b.split('\n')) : unwrapped.split('\n').map((l) => [l]);
  return blocks.map(joinLines).filter(Boolean);
}

/** The articles of one record, with its whole body kept and its own fields inherited. */
export function keepRecordBody(text: string, hints: DocumentHints, articles: ExtractedArticle[], minShare = MIN_RECORD_WORDS_KEPT): ExtractedArticle[] {
  // with no share to keep, any word kept is enough: no count over the whole document on the hot path
  if (minShare === 0 && articles.some((a) => a.blocks.some((b) => hasWord().test(b.text)))) return inheritRecordFields(articles, hints);
  const total = wordsOf(text);
  // the titles of the extra articles were lines of the record's text too
  const kept = articles.reduce((n, a, i) => n + (i > 0 ? wordsOf(a.title) : 0) + a.blocks.reduce((m, b) => m + wordsOf(b.text), 0), 0);
  const share = articles.length > 1 ? Math.min(minShare, MIN_SPLIT_RECORD_WORDS_KEPT) : minShare;
  let out = articles;
  if (total > 0 && (kept === 0 || kept < share * total)) {
    const first = articles[0];
    const paragraphs = paragraphsOfRecord(text);
    const title = hints.title?.trim() || first?.title || '';
    const body = title && paragraphs[0] === title ? paragraphs.slice(1) : paragraphs;
    const blocks: BodyBlock[] = (body.length ? body : paragraphs).map((p) => ({ kind: 'paragraph', text: p }));
    out = [{
      title, blocks, related: [], tags: first?.tags ?? [],
      published: first?.published ?? null, publishedText: first?.publishedText ?? null,
      authors: first?.authors ?? [], source: first?.source ?? null, url: first?.url ?? hints.url ?? null,
      lang: first?.lang ?? null, dir: first?.dir ?? null, summary: first?.summary ?? null,
    }];
  }
  return inheritRecordFields(out, hints);
}

/**
 * A scraper's own fields win: every article a record is split into carries the record's url, date,
 * authors, source and lang as the record states them (the date only when it reads as one); what the
 * record leaves empty keeps what the text said. The first article takes the record's title too.
 */
export function inheritRecordFields(articles: ExtractedArticle[], hints: DocumentHints): ExtractedArticle[] {
  if (!articles.length) return articles;
  if (!hints.contentField) return inheritDocumentHints(articles, hints);
  const url = hints.url?.trim() || null;
  const date = hints.published?.trim() ? parseDate(hints.published, { now: hints.fetchedAt && new Date(hints.fetchedAt.getTime() + DAY_MS) }) : null;
  const authors = hints.authors?.map((a) => a.trim()).filter(Boolean) ?? [];
  const source = hints.source?.trim() || null;
  const lang = hints.lang?.trim() || null;
  const title = hints.title?.replace(/\s+/gu, ' ').trim() || null;
  return articles.map((a, i) => ({
    ...a,
    contentField: hints.contentField,
    title: i === 0 && title ? title : a.title,
    url: url ?? a.url,
    published: date ? date.iso : a.published,
    publishedText: date ? hints.published!.trim() : a.publishedText,
    authors: authors.length ? authors : a.authors,
    source: source ?? a.source,
    lang: lang ?? a.lang,
  }));
}

/** Outside a scraper export (a WARC record, a page), the page's own values stand; the extra articles carry what the first read from the container. */
function inheritDocumentHints(articles: ExtractedArticle[], hints: DocumentHints): ExtractedArticle[] {
  const first = articles[0];
  if (articles.length < 2) return articles;
  return articles.map((a, i) => i === 0 ? a : {
    ...a,
    url: hints.url ? first.url : a.url,
    published: hints.published && first.published ? first.published : a.published,
    publishedText: hints.published && first.published ? first.publishedText : a.publishedText,
    authors: hints.authors?.length ? first.authors : a.authors,
    source: hints.source && first.source ? first.source : a.source,
    lang: hints.lang && first.lang ? first.lang : a.lang,
  });
}
