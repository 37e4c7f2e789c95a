/**
 * HTML pages → articles. (Placeholder: <title> and the text of every <p>.)
 */
import * as cheerio from 'cheerio';
import { parseDocument } from 'htmlparser2';
import type { DocumentHints, ExtractedArticle } from '../model.js';

export function extractFromHtml(html: string, hints: DocumentHints = {}): ExtractedArticle[] {
  const $ = cheerio.load(parseDocument(html));
  const title = hints.title ?? ($('h1').first().text().trim() || $('title').first().text().trim());
  const blocks = $('p').toArray().map((p) => ({ kind: 'paragraph' as const, text: $(p).text().replace(/\s+/g, ' ').trim() }))
    .filter((b) => b.text);
  if (!title && !blocks.length) return [];
  return [{
    title, blocks, published: hints.published ?? null, publishedText: hints.published ?? null,
    authors: hints.authors ?? [], source: hints.source ?? null,
    url: hints.url ?? $('link[rel=canonical]').attr('href') ?? null, tags: [], related: [],
    lang: $('html').attr('lang') ?? null,
  }];
}
