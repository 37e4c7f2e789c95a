/**
 * Scraper exports (JSON and JSON Lines) → documents. Scrapers name their fields freely, so the common
 * names are tables, tried in order; the first non-empty value wins.
 */
import type { DocumentHints, ScrapeDocument } from '../model.js';

const HTML_FIELDS = ['html', 'raw_html', 'rawHtml', 'content_html', 'body_html', 'page_html', 'source_html'];
const TEXT_FIELDS = ['text', 'body', 'content', 'markdown', 'maintext', 'article', 'article_text', 'articleBody', 'fulltext', 'description'];
const URL_FIELDS = ['url', 'canonical_url', 'link', 'source_url', 'sourceURL', 'sourceUrl', 'page_url', 'href'];
const TITLE_FIELDS = ['title', 'headline', 'name'];
const DATE_FIELDS = ['date', 'published', 'published_at', 'publishedAt', 'publishedTime', 'date_publish', 'publish_date', 'datePublished', 'pubdate', 'time'];
const AUTHOR_FIELDS = ['authors', 'author', 'byline', 'creator'];
const SOURCE_FIELDS = ['source', 'site', 'site_name', 'siteName', 'source_domain', 'publisher', 'domain'];
const LANG_FIELDS = ['lang', 'language', 'locale'];
/** Objects beside the content where some tools put the page's fields (title, URL, language…). */
const METADATA_FIELDS = ['metadata', 'meta'];
/** Wrappers some tools put around the list of pages. */
const LIST_FIELDS = ['items', 'articles', 'results', 'data', 'pages', 'documents', 'records'];

/**
 * A field's role comes from its name: a text-named field is text even when its prose quotes markup
 * (a code sample with `<p>` or `<html>`). Only a value that is a whole HTML document goes the HTML way.
 */
const WHOLE_HTML_DOCUMENT = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>])/i;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function firstField(o: Json, fields: string[]): { field: string; value: string } | null {
  for (const f of fields) {
    const v = o[f];
    if (typeof v === 'string' && v.trim()) return { field: f, value: v };
  }
  return null;
}

function firstString(o: Json, fields: string[]): string | null {
  for (const f of fields) {
    const v = o[f];
    if (typeof v === 'string' && v.trim()) return v;
    if (isObject(v) && typeof v.name === 'string' && v.name.trim()) return v.name;
  }
  return null;
}

function authorsOf(o: Json): string[] {
  for (const f of AUTHOR_FIELDS) {
    const v = o[f];
    if (typeof v === 'string' && v.trim()) return [v.trim()];
    if (Array.isArray(v)) {
      const names = v.map((a) => (typeof a === 'string' ? a : isObject(a) && typeof a.name === 'string' ? a.name : ''))
        .map((s) => s.trim()).filter(Boolean);
      if (names.length) return names;
    }
    if (isObject(v) && typeof v.name === 'string') return [v.name];
  }
  return [];
}

/** One scraped page as a document, or null when the object carries no page content. */
export function documentFromObject(o: Json, fetchedAt?: Date): ScrapeDocument | null {
  const html = firstField(o, HTML_FIELDS);
  const used = html ?? firstField(o, TEXT_FIELDS);
  if (!used) return null;
  const content = used.value;
  // crawlers that return Markdown or text put the page's own fields in an object beside it
  const meta = METADATA_FIELDS.map((f) => o[f]).find(isObject) ?? {};
  const field = (fields: string[]) => firstString(o, fields) ?? firstString(meta, fields);
  const authors = authorsOf(o);
  const hints: DocumentHints = {
    url: field(URL_FIELDS),
    title: field(TITLE_FIELDS),
    published: field(DATE_FIELDS),
    authors: authors.length ? authors : authorsOf(meta),
    source: field(SOURCE_FIELDS),
    lang: field(LANG_FIELDS),
    fetchedAt,
    contentField: used.field,
  };
  const kind = html || WHOLE_HTML_DOCUMENT.test(content.slice(0, 4096)) ? 'html' : 'text';
  return { kind, content, hints };
}

/** The page objects inside a parsed JSON document: one object, an array, or a wrapper with a list. */
export function pageObjectsOf(value: unknown): Json[] {
  if (Array.isArray(value)) return value.filter(isObject);
  if (!isObject(value)) return [];
  for (const f of LIST_FIELDS) {
    const v = value[f];
    if (Array.isArray(v) && v.some(isObject)) return v.filter(isObject);
  }
  return [value];
}
