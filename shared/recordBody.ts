/**
 * A scraper-export record's text is already the article the scraper extracted: the text cleaner may
 * drop furniture from it, but never its whole body (a 30-word brief is an article, not boilerplate),
 * and the record's own fields (url, date, authors, lang) hold for every article it is split into.
 */
import type { BodyBlock, DocumentHints, ExtractedArticle } from './model.js';

/** Below this share of the record's words kept, the extraction lost the body: the record's text is used whole. */
export const MIN_RECORD_WORDS_KEPT = 0.6;

const HAS_WORD = /[\p{L}\p{N}]/u;
const wordsOf = (s: string) => s.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu)?.length ?? 0;

/** The record text as paragraphs: blank lines split them; single line breaks inside are hard wraps. */
export function paragraphsOfRecord(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean);
}

/** The articles of one record, with its whole body kept and its own fields inherited. */
export function keepRecordBody(text: string, hints: DocumentHints, articles: ExtractedArticle[], minShare = MIN_RECORD_WORDS_KEPT): ExtractedArticle[] {
  // with no share to keep, any word kept is enough: no count over the whole document on the hot path
  if (minShare === 0 && articles.some((a) => a.blocks.some((b) => HAS_WORD.test(b.text)))) return inheritRecordFields(articles, hints);
  const total = wordsOf(text);
  const kept = articles.reduce((n, a) => n + a.blocks.reduce((m, b) => m + wordsOf(b.text), 0), 0);
  let out = articles;
  if (total > 0 && (kept === 0 || kept < minShare * total)) {
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

/** Every article a record is split into carries the record's url, date, authors and lang (as the first article read them). */
export function inheritRecordFields(articles: ExtractedArticle[], hints: DocumentHints): ExtractedArticle[] {
  const first = articles[0];
  if (!first || articles.length < 2) return articles;
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
