/**
 * Stage 4, page metadata: what the page says about its article, read before any cleaning (JSON-LD lives in
 * scripts, bylines in headers).
 *
 * Sources, strongest first: JSON-LD (NewsArticle and kin, `@graph`, arrays, nested author/publisher),
 * OpenGraph / article:*, Twitter cards, Dublin Core, parsely / sailthru, itemprop, `<time datetime>`, then
 * the visible text around the headline (date lines, bylines). Container hints (JSON export, WARC headers)
 * are defaults that the page refines. Dates go through the shared multilingual `parseDate`, bounded by the
 * fetch time.
 */
import { bylinePrefix, PUBLISHER_WORDS, markerKey } from '../meta/lexicon.js';
import { type ParsedDate, parseDate, parseDateLine } from '../meta/dates.js';
import type { DocumentHints } from '../model.js';
import { SIMILARITY } from '../settings.js';
import type { PageIndex } from './clean.js';
import { decodeLeftoverEntities } from './entities.js';
import { type Element, innerText, isElement, nextElementInOrder, normaliseSpace, textLength } from './dom.js';
import { stripSiteName, textSimilarity, titleFromDocumentTitle } from './title.js';
import { lazy } from '../lazy.js';

/** schema.org types that describe one article (Readability's list, widened to any *Article). */
const ARTICLE_TYPE = /^(?:\w*Article|Report|BlogPosting|LiveBlogPosting|SocialMediaPosting|DiscussionForumPosting|APIReference|Review)$/;
const PAGE_TYPE = /^(?:WebPage|ItemPage|CollectionPage)$/;
const PUBLISHER_TYPE = /^(?:Organization|NewsMediaOrganization|WebSite|Corporation)$/;

/** Readability's order: Dublin Core, OpenGraph, Weibo, plain `title`, Twitter, parsely. */
const TITLE_KEYS = ['dc:title', 'dc.title', 'dcterm:title', 'dcterms:title', 'dcterms.title', 'og:title', 'weibo:article:title', 'weibo:webpage:title', 'title', 'twitter:title', 'parsely-title', 'sailthru.title', 'headline'];
const PUBLISHED_KEYS = [
  'article:published_time', 'og:published_time', 'og:article:published_time', 'published_time', 'datepublished', 'article.published',
  'publishdate', 'publish-date', 'publish_date', 'pubdate', 'publication_date', 'dc.date.issued', 'dcterms.issued', 'dc.date.created',
  'dcterms.created', 'dc.date', 'dcterms.date', 'parsely-pub-date', 'sailthru.date', 'date', 'datecreated', 'originalpublicationdate',
  'article:post_date', 'cxenseparse:recs:publishtime', 'release_date', 'created',
];
const AUTHOR_KEYS = ['author', 'article:author', 'parsely-author', 'dc.creator', 'dcterms.creator', 'sailthru.author', 'byl', 'citation_author'];
const TAG_KEYS = ['article:tag', 'news_keywords', 'keywords', 'parsely-tags', 'sailthru.tags', 'article:section'];
const SUMMARY_KEYS = ['og:description', 'description', 'twitter:description', 'dc.description', 'dcterms.abstract'];

/** Where a byline stops naming the writers: "Edited by …", "Photos by …", "Additional reporting by …". */
const CREDIT_TAIL = /\s+(?:edited|photos?|photographs|illustrations?|graphics|video|additional reporting|translated|updated|published)\s+(?:by\b|on\b|at\b).*$/iu;
/** Degrees and titles written after a name ("Jane Roe, MD"). */
const CREDENTIAL = /^(?:ma|md|phd|ph\.d|mba|ms|msc|bsc|ba|rn|do|jr|sr|esq|mph)\.?$/i;
const AUTHOR_SPLIT = /\s*(?:[,;،、/|]|\s\(?(?:and|und|et|y|e|en|och|og|i|и|ve|dan|with|avec|mit|con|com)\s|&|\sو\s*)\s*/u;
/** Bylines that name a desk, not a person ("Staff", "Editorial team", "فريق التحرير"). */
const NOT_A_PERSON =
  /\b(?:staff|team|desk|editors?|editorial|newsroom|redaktion|rédaction|redacción|redazione|agency|agencies|wire|contributors?|admin|administrator|webmaster|guest)\b|فريق|هيئة التحرير|المحرر|التحرير|وكالات|محرر|編集部|编辑部/iu;
const URLISH = /^(?:https?:|www\.|\/)|\.(?:com|net|org|co|io)\b|@/i;
const MAX_AUTHOR_CHARS = 60;
const MAX_AUTHOR_WORDS = 6;
/** How far after the headline a date line or byline is looked for. */
const HEADER_ZONE_ELEMENTS = 40;
/** Every date the shared parser accepts has a year: four digits, or a numeric d/m/yy form. */
const yearish = lazy(() => /\p{N}{4}|\p{N}{1,2}[./-]\p{N}{1,2}[./-]\p{N}{2}/u);
const DATE_LINE_MAX_CHARS = 160;
const INLINE_TAGS = new Set(['span', 'a', 'b', 'strong', 'em', 'i', 'time', 'small', 'br', 'abbr', 'font', 'sup', 'sub', 'u']);

export interface JsonLdArticle {
  headline: string | null;
  name: string | null;
  datePublished: string | null;
  dateModified: string | null;
  authors: string[];
  publisher: string | null;
  keywords: string[];
  section: string | null;
  body: string | null;
  description: string | null;
  url: string | null;
  lang: string | null;
}

export interface PageMetadata {
  title: string | null;
  published: ParsedDate | null;
  authors: string[];
  source: string | null;
  url: string | null;
  tags: string[];
  summary: string | null;
  lang: string | null;
  dir: 'rtl' | 'ltr' | null;
  /** Names the site goes by (og:site_name, publisher, host): never a title, never an author. */
  siteNames: string[];
  /** JSON-LD `articleBody`, a cross-check for the body finder. */
  jsonLdBody: string | null;
  /**
   * The URLs that say which site the page is (source profiles match their hosts), most authoritative first:
   * canonical link, og:url, the container's URL (WARC target URI, JSON record `url`).
   */
  siteUrls: string[];
}

// ---- JSON-LD ----

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);
const asArray = (v: Json | undefined): Json[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const typesOf = (o: JsonObject): string[] => asArray(o['@type']).filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/:]/, ''));

function stringOf(v: Json | undefined): string | null {
  if (typeof v === 'string') return normaliseSpace(decodeLeftoverEntities(v)) || null;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return stringOf(v[0]);
  if (isObject(v)) return stringOf(v.name ?? v['@value'] ?? v['@id']);
  return null;
}

/** Every object in the JSON-LD blocks: arrays, `@graph` and nested values flattened. */
function jsonLdObjects(blocks: string[]): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (v: Json, depth: number) => {
    if (depth > 6) return;
    if (Array.isArray(v)) { for (const x of v) visit(x, depth + 1); return; }
    if (!isObject(v)) return;
    out.push(v);
    if (v['@graph']) visit(v['@graph'], depth + 1);
    if (isObject(v.mainEntity)) visit(v.mainEntity, depth + 1);
  };
  for (const block of blocks) {
    const text = block.replace(/^\s*(?:<!--|(?:\/\/\s*)?<!\[CDATA\[)|(?:-->|(?:\/\/\s*)?\]\]>)\s*$/g, '').trim();
    if (!text) continue;
    try {
      visit(JSON.parse(text) as Json, 0);
    } catch {
      // broken JSON-LD is common (trailing commas, raw newlines); it is a hint, not a requirement
    }
  }
  return out;
}

function personNames(v: Json | undefined, byId: Map<string, JsonObject>): string[] {
  const names: string[] = [];
  for (const item of asArray(v)) {
    if (typeof item === 'string') { names.push(item); continue; }
    if (!isObject(item)) continue;
    const ref = typeof item['@id'] === 'string' && !item.name ? byId.get(item['@id']) : undefined;
    const o = ref ?? item;
    if (typesOf(o).some((t) => PUBLISHER_TYPE.test(t))) continue; // an organisation is a source, not an author
    const name = stringOf(o.name);
    if (name) names.push(name);
  }
  return names;
}

export function readJsonLd(blocks: string[]): { article: JsonLdArticle | null; siteNames: string[] } {
  const objects = jsonLdObjects(blocks);
  const byId = new Map<string, JsonObject>();
  for (const o of objects) if (typeof o['@id'] === 'string') byId.set(o['@id'], o);
  const siteNames: string[] = [];
  for (const o of objects) {
    if (typesOf(o).some((t) => PUBLISHER_TYPE.test(t))) {
      const n = stringOf(o.name);
      if (n) siteNames.push(n);
    }
  }
  const article = objects.find((o) => typesOf(o).some((t) => ARTICLE_TYPE.test(t)))
    ?? objects.find((o) => typesOf(o).some((t) => PAGE_TYPE.test(t)) && (o.headline || o.datePublished));
  if (!article) return { article: null, siteNames };
  let publisher: string | null = null;
  for (const p of asArray(article.publisher)) {
    const o = isObject(p) && typeof p['@id'] === 'string' && !p.name ? byId.get(p['@id']) : p;
    publisher = stringOf(o ?? null);
    if (publisher && !/^https?:/.test(publisher)) break;
    publisher = null;
  }
  if (publisher) siteNames.unshift(publisher);
  const keywords: string[] = [];
  for (const k of asArray(article.keywords)) if (typeof k === 'string') keywords.push(...splitList(k));
  const mainEntity = article.mainEntityOfPage;
  return {
    article: {
      headline: stringOf(article.headline) ?? stringOf(article.alternativeHeadline),
      name: stringOf(article.name),
      datePublished: stringOf(article.datePublished) ?? stringOf(article.dateCreated) ?? stringOf(article.uploadDate),
      dateModified: stringOf(article.dateModified),
      authors: personNames(article.author, byId).concat(personNames(article.creator, byId)),
      publisher,
      keywords,
      section: stringOf(article.articleSection),
      body: typeof article.articleBody === 'string' ? article.articleBody : null,
      description: stringOf(article.description),
      url: stringOf(article.url) ?? (typeof mainEntity === 'string' ? mainEntity : isObject(mainEntity) ? stringOf(mainEntity['@id']) : null),
      lang: stringOf(article.inLanguage),
    },
    siteNames,
  };
}

// ---- meta tags ----

/** `<meta>` values by lower-cased name/property/itemprop/http-equiv, every value kept in order. */
function metaValues(metas: Element[]): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const el of metas) {
    const a = el.attribs;
    const content = a.content ?? a.value;
    if (content === undefined) continue;
    const value = normaliseSpace(decodeLeftoverEntities(content));
    if (!value) continue;
    for (const key of [a.property, a.name, a.itemprop, a['http-equiv']]) {
      if (!key) continue;
      for (const k of key.toLowerCase().split(/\s+/)) {
        if (!values.has(k)) values.set(k, []);
        values.get(k)!.push(value);
      }
    }
  }
  return values;
}

const first = (meta: Map<string, string[]>, keys: string[]): string | null => {
  for (const k of keys) {
    const v = meta.get(k)?.[0];
    if (v) return v;
  }
  return null;
};

function splitList(text: string): string[] {
  return text.split(/\s*[,;،、|]\s*/u).map((t) => normaliseSpace(t)).filter((t) => t && t.length <= 80);
}

// ---- authors ----

/** A byline → people: "By", desk labels, site names, URLs and dates removed. */
export function cleanAuthors(raw: string[], siteNames: string[]): string[] {
  const out: string[] = [];
  const sites = siteNames.map((s) => markerKey(s));
  for (const value of raw) {
    let text = normaliseSpace(value);
    if (!/\s/.test(text) && URLISH.test(text)) continue; // a profile URL, not a name
    if (sites.includes(markerKey(text))) continue;
    // a byline line often carries a section before "by", and a date, a handle or a URL after the names
    text = text.replace(/\([^)]*(?:https?:|www\.|@)[^)]*\)|https?:\/\/\S+|(?:^|\s)@\w+/giu, ' ');
    const date = /\p{N}/u.test(text) ? parseDate(text) : null;
    if (date) text = text.slice(0, Math.max(0, text.indexOf(date.text))) || text;
    const innerBy = /^.{0,40}?\s(?:by|par|von|por)\s+(?=\p{Lu})/u.exec(text);
    if (innerBy) text = text.slice(innerBy[0].length);
    text = text.replace(bylinePrefix(), '').replace(CREDIT_TAIL, '');
    // a byline often ends in a role or separator: "Jane Doe | Reporter", "Jane Doe -"
    text = text.replace(/\s*(?:\||–|—|-)\s*(?:\d.*)?$/u, '');
    for (let part of text.split(AUTHOR_SPLIT)) {
      part = part.replace(bylinePrefix(), '').replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '').trim();
      if (!part || part.length > MAX_AUTHOR_CHARS || part.split(/\s+/).length > MAX_AUTHOR_WORDS) continue;
      if ((part.match(/\p{L}/gu) ?? []).length < 2 || CREDENTIAL.test(part)) continue;
      if (/\d/.test(part) || URLISH.test(part) || NOT_A_PERSON.test(part)) continue;
      const key = markerKey(part);
      if (sites.some((s) => s && (s === key || key.includes(s)))) continue;
      if (PUBLISHER_WORDS.some((w) => markerKey(w) === key)) continue;
      if (!out.some((o) => markerKey(o) === key)) out.push(part);
    }
  }
  return out;
}

// ---- dates ----

/** Date lines in the visible text just after the headline (or marked as date/byline by class). */
function dateFromText(h1: Element | null, bounds: { now?: Date; locale?: string | null }): ParsedDate | null {
  if (!h1) return null;
  let node: Element | null = nextElementInOrder(h1, true);
  for (let seen = 0; node && seen < HEADER_ZONE_ELEMENTS; seen++, node = nextElementInOrder(node)) {
    if (node.name === 'script' || node.name === 'style') continue;
    if (node.name === 'time' && node.attribs.datetime && !isModifiedTime(node)) {
      const d = parseDate(node.attribs.datetime, bounds);
      if (d) return { iso: d.iso, text: innerText(node) || d.text };
    }
    const hasBlockChild = node.children.some((c) => isElement(c) && !INLINE_TAGS.has(c.name));
    if (hasBlockChild) continue;
    const length = textLength(node);
    if (!length || length > DATE_LINE_MAX_CHARS) continue;
    const text = innerText(node);
    if (!yearish().test(text)) continue;
    const line = parseDateLine(text, bounds);
    if (!line) continue;
    // an "Updated …" line is the modified date: never taken for the published one
    if (line.kind === 'published') return { iso: line.iso, text: line.text };
  }
  return null;
}

/** A `<time>` the page marks as the modification time (schema.org dateModified, an "updated" class). */
const isModifiedTime = (el: Element) => el.attribs.itemprop === 'dateModified' || MODIFIED_CLASS.test(el.attribs.class ?? '');
const MODIFIED_CLASS = /modif|updat/i;

/**
 * The same instant as `found` written with the publisher's own offset, when `found` is in UTC and another
 * published value gives an offset: "2024-03-06T02:00Z" and "2024-03-05T21:00-05:00" are one time, and the
 * page's calendar day is the 5th.
 */
function withPublisherOffset(found: ParsedDate, others: (string | null | undefined)[], bounds: { now?: Date; locale?: string | null }): ParsedDate {
  if (!/(?:Z|[+-]00:?00)$/.test(found.iso)) return found;
  const at = Date.parse(found.iso);
  for (const c of others) {
    const d = c ? parseDate(c, bounds) : null;
    if (d && /[+-]\d{2}:?\d{2}$/.test(d.iso) && !/[+-]00:?00$/.test(d.iso) && Math.abs(Date.parse(d.iso) - at) < 60_000) return { ...d, text: c!.trim() };
  }
  return found;
}

// ---- the whole page ----

/** Reads the page's metadata from the index gathered while cleaning (scripts and meta tags included). */
export function readMetadata(index: PageIndex, hints: DocumentHints = {}): PageMetadata {
  const meta = metaValues(index.metas);
  const ld = readJsonLd(index.jsonLd);
  const art = ld.article;
  const html = index.html?.attribs ?? {};
  const body = index.body?.attribs ?? {};

  const lang = normaliseSpace(html.lang ?? html['xml:lang'] ?? '') || localeLang(first(meta, ['og:locale']))
    || first(meta, ['content-language', 'language', 'dc.language']) || art?.lang || hints.lang || null;
  const dirAttr = (html.dir ?? body.dir ?? '').toLowerCase();
  const dir = dirAttr === 'rtl' || dirAttr === 'ltr' ? dirAttr : null;

  const baseUrl = hints.url ?? null;
  const canonical = resolve(index.canonical, baseUrl);
  const ogUrl = resolve(first(meta, ['og:url']), baseUrl);
  const url = canonical ?? resolve(first(meta, ['og:url', 'twitter:url']), baseUrl) ?? resolve(art?.url, baseUrl) ?? baseUrl;

  const host = hostOf(url);
  // names a title part or a byline may be stripped for: what the page itself calls its site, and its host
  const siteNames = [first(meta, ['og:site_name']), ...ld.siteNames, hints.source]
    .filter((s): s is string => !!s && !/^https?:/.test(s));
  if (host) siteNames.push(host, host.split('.').slice(-2, -1)[0] ?? '');
  const source = first(meta, ['og:site_name']) ?? art?.publisher ?? first(meta, ['application-name']) ?? hints.source ?? null;

  const h1s = index.h1.map((h) => innerText(h)).filter(Boolean);
  const headings = [...h1s, ...index.h2.map((h) => innerText(h))];
  const title = pickTitle(index.title, meta, art, h1s, headings, siteNames) ?? hints.title ?? null;

  const bounds = { now: hints.fetchedAt, locale: lang };
  let published: ParsedDate | null = null;
  const marked = index.datePublished[0] ?? index.times.find((t) => t.attribs.pubdate !== undefined);
  const candidates = [
    art?.datePublished, ...PUBLISHED_KEYS.map((k) => meta.get(k)?.[0]),
    marked ? marked.attribs.datetime ?? marked.attribs.content ?? innerText(marked) : undefined,
  ];
  const offsetSources = [...candidates, ...index.times.filter((t) => !isModifiedTime(t)).map((t) => t.attribs.datetime)];
  for (const c of candidates) {
    if (!c) continue;
    const d = parseDate(c, bounds);
    if (d) { published = withPublisherOffset({ iso: d.iso, text: c.trim() }, offsetSources, bounds); break; }
  }
  if (!published) {
    const h1 = index.h1.find((h) => title && textSimilarity(title, innerText(h)) > 0.5) ?? index.h1[0] ?? null;
    published = dateFromText(h1, bounds);
  }
  if (!published) {
    const firstTime = index.times.find((t) => t.attribs.datetime && !isModifiedTime(t))?.attribs.datetime;
    const d = firstTime ? parseDate(firstTime, bounds) : null;
    if (d) published = { iso: d.iso, text: firstTime!.trim() };
  }
  if (!published && hints.published) {
    const d = parseDate(hints.published, bounds);
    published = d ? { iso: d.iso, text: hints.published } : null;
  }

  const rawAuthors = [
    ...(art?.authors ?? []),
    ...AUTHOR_KEYS.flatMap((k) => meta.get(k) ?? []).filter((a) => !/^https?:/.test(a)),
  ];
  if (!rawAuthors.length) {
    const el = index.authors.find((a) => a.name !== 'meta' && a.name !== 'link');
    if (el) rawAuthors.push(innerText(el));
  }
  let authors = cleanAuthors(rawAuthors, siteNames);
  if (!authors.length && hints.authors?.length) authors = cleanAuthors(hints.authors, siteNames);

  const tags: string[] = [];
  for (const k of TAG_KEYS) for (const v of meta.get(k) ?? []) tags.push(...(k === 'article:tag' || k === 'article:section' ? [v] : splitList(v)));
  tags.push(...(art?.keywords ?? []));
  const summary = first(meta, SUMMARY_KEYS) ?? art?.description ?? null;

  return {
    title, published, authors, source, url, tags: uniqueStrings(tags), summary, lang, dir,
    siteNames: uniqueStrings(siteNames.filter(Boolean)), jsonLdBody: art?.body ?? null,
    siteUrls: [canonical, ogUrl, baseUrl].filter((u): u is string => !!u),
  };
}

/**
 * The headline: JSON-LD headline, then OpenGraph/Twitter/Dublin Core/parsely, then `<title>` (Readability's
 * separator heuristics), with any site-name part removed.
 */
function pickTitle(
  titleText: string, meta: Map<string, string[]>, art: JsonLdArticle | null, h1s: string[], headings: string[], siteNames: string[],
): string | null {
  const docTitle = normaliseSpace(titleText);
  const fromDoc = docTitle ? titleFromDocumentTitle(docTitle, headings, h1s) : '';
  let ldTitle: string | null = null;
  if (art) {
    // some sites put their own name in `name` and the headline in `headline`: take the one the page title confirms
    if (art.headline && art.name && art.headline !== art.name) {
      ldTitle = textSimilarity(art.name, fromDoc || docTitle) > SIMILARITY.sameTitle && textSimilarity(art.headline, fromDoc || docTitle) <= SIMILARITY.sameTitle ? art.name : art.headline;
    } else ldTitle = art.headline ?? art.name;
  }
  // each candidate with the text it came from (Readability's heuristics may already have cut `<title>`)
  const candidates: [string | null, string | null][] = [[ldTitle, ldTitle], [first(meta, TITLE_KEYS), first(meta, TITLE_KEYS)], [fromDoc, docTitle], [h1s[0], h1s[0]]];
  for (const [c, from] of candidates) {
    if (!c) continue;
    const stripped = stripSiteName(normaliseSpace(c), siteNames);
    const cut = stripped !== normaliseSpace(from ?? c);
    // a title that carried a site part may carry a section part too ("Headline | Section | Site")
    if (stripped && !siteNames.some((s) => normaliseSpace(s).toLowerCase() === stripped.toLowerCase())) return cut ? visibleHeadline(stripped, h1s) : stripped;
  }
  return null;
}

/** What may join a headline to a section or site part: separators, spaces, and the punctuation around them. */
const JOINER = /^[\s\-_|｜–—:·•»«›‹/\\~]+$/u;
const VISIBLE_EXTRA_MAX_CHARS = 40;
const VISIBLE_MIN_CHARS = 8;

/**
 * The page's own headline when the meta title, its site part removed, is still that headline plus a separated
 * section part ("Headline _Section", "Section | Headline"): the visible h1 wins.
 */
function visibleHeadline(title: string, h1s: string[]): string {
  for (const raw of h1s) {
    const h1 = normaliseSpace(raw);
    if (h1.length < VISIBLE_MIN_CHARS || h1.length >= title.length) continue;
    const at = title.indexOf(h1);
    if (at < 0) continue;
    const before = title.slice(0, at), after = title.slice(at + h1.length);
    const extra = before.length + after.length;
    if (extra > VISIBLE_EXTRA_MAX_CHARS) continue;
    // the rest is one or two separated parts: each side is empty or opens/closes with a separator
    const sideOk = (side: string, separatorAt: 'start' | 'end') => !side.trim() ? true
      : JOINER.test(separatorAt === 'start' ? side.slice(0, 1) : side.slice(-1)) && /[\-_|｜–—:·•»«›‹/\\~]/u.test(separatorAt === 'start' ? side.trimStart().slice(0, 1) : side.trimEnd().slice(-1));
    if (sideOk(after, 'start') && sideOk(before, 'end')) return h1;
  }
  return title;
}

function localeLang(locale: string | null): string | null {
  const m = /^([a-z]{2,3})(?:[_-]|$)/i.exec(locale ?? '');
  return m ? m[1].toLowerCase() : null;
}

function resolve(href: string | null | undefined, base: string | null): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!h || h.startsWith('#') || /^(?:javascript|data|mailto):/i.test(h)) return null;
  try {
    return new URL(h, base ?? undefined).href;
  } catch {
    return /^https?:\/\//i.test(h) ? h : null;
  }
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

function uniqueStrings(items: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    const t = normaliseSpace(item);
    const k = t.toLowerCase();
    if (t && !seen.has(k)) { seen.add(k); out.push(t); }
  }
  return out;
}
