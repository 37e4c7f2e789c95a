/**
 * Plain-text scrapes → articles. (Placeholder: first line is the title, every other line a paragraph.)
 */
import type { DocumentHints, ExtractedArticle } from '../model.js';

export function extractFromText(text: string, hints: DocumentHints = {}): ExtractedArticle[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (!lines.length) return [];
  const [title, ...rest] = lines;
  return [{
    title: hints.title ?? title,
    blocks: rest.map((t) => ({ kind: 'paragraph' as const, text: t })),
    published: hints.published ?? null, publishedText: hints.published ?? null,
    authors: hints.authors ?? [], source: hints.source ?? null, url: hints.url ?? null,
    tags: [], related: [],
  }];
}
