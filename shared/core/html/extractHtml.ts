/**
 * HTML pages → articles, on one htmlparser2 tree walked directly.
 *
 *   1. parse and clean (always): scripts, styles, hidden nodes… never enter the tree; meta tags, JSON-LD and headings are indexed
 *   2. metadata: JSON-LD, meta tags, date lines and bylines near the headline (page chrome still in place)
 *   3. clean (first attempt): page chrome and widget boxes; "related" boxes → `related`
 *   4. segment: two or more full stories on the page → one article each
 *   5. find the body (Readability-style scoring), retrying with relaxed rules when it comes out too short
 *   6. read the body out as heading/paragraph blocks; trim metadata lines and disclaimers at its edges
 *
 * A page whose host a source profile names (options.profiles) takes that profile's selectors after step 2:
 * its body, and each field it sets, replace 3–6; what it leaves out is read the generic way. A body
 * selector that finds nothing leaves the page to 3–6 untouched (the article then says `profileMiss`).
 *
 * No CSS selectors on the hot path: one indexed walk replaces them (cheerio's selector engine over the
 * whole tree cost more than all the other stages together on real news pages).
 */
import { type Document, cloneNode } from 'domhandler';
import type { ArticleImage, BodyBlock, DocumentHints, ExtractedArticle, RelatedHeadline } from '../model.js';
import { blocksOf } from './blocks.js';
import { takeCaptionLines, takeFigures } from './figures.js';
import { type TextStats, emptyIndex, parseCleaned, removeBoilerplate } from './clean.js';
import { type Element, type ParentNode, appendChildNode, elementsByTag, innerText, newElement, textLength } from './dom.js';
import type { GrabOptions } from './bodyMeasures.js';
import { ATTEMPTS, CHAR_THRESHOLD, grabArticle } from './findBody.js';
import { type PageMetadata, cleanAuthors, readMetadata } from './htmlMetadata.js';
import { type ArticleUnit, findArticleUnits } from './segment.js';
import { parseDateLine, parseDate } from '../meta/dates.js';
import { SIMILARITY } from '../settings.js';
import { textSimilarity } from './title.js';
import { trimBlocks } from './trimBlocks.js';
import type { ProfileFields } from './applyProfile.js';
import type { ProfileSet } from './profiles.js';

export interface HtmlExtractOptions {
  /** Source profiles in force (built by buildProfileSet); none: every page goes the generic way. */
  profiles?: ProfileSet;
}

/** A JSON-LD `articleBody` this much longer than what the page yielded means the body finder missed it. */
const JSONLD_BODY_RATIO = 4;
const JSONLD_BODY_MIN_CHARS = 500;
/** A story unit whose body finder result is this short is read out whole instead. */
const UNIT_MIN_CHARS = 200;
/** Small pages (the ones whose body may come out short) keep a copy of their tree for the retry ladder. */
const SMALL_PAGE_CHARS = 40_000;

export function extractFromHtml(html: string, hints: DocumentHints = {}, options: HtmlExtractOptions = {}): ExtractedArticle[] {
  // 1–2: one parse, always-safe cleaning, metadata
  const index = emptyIndex();
  const doc = parseCleaned(html, index);
  const meta = readMetadata(index, hints);
  const fallbackTitle = (meta.title ?? hints.title) ? null : firstHeading(doc);
  const profiled = options.profiles?.size
    ? options.profiles.apply(doc, meta.siteUrls, { siteNames: meta.siteNames, now: hints.fetchedAt, locale: meta.lang, metas: index.metas })
    : null;
  if (profiled?.kind === 'applied') return [profiledArticle(profiled.name, profiled.fields, doc, meta, hints, fallbackTitle)];
  const miss = profiled?.kind === 'missed' ? { profileMiss: profiled.name } : {};
  // the cleaned tree's measures hold while nothing changed it (a profile that missed may have)
  const measured = profiled ? undefined : index.stats;
  return extractGeneric(html, doc, meta, hints, fallbackTitle, measured).map((a) => ({ ...a, ...miss }));
}

/** A page read with its profile: the profile's fields, the generic reading of the rest. */
function profiledArticle(
  name: string, fields: ProfileFields, doc: Document, meta: PageMetadata, hints: DocumentHints, fallbackTitle: string | null,
): ExtractedArticle {
  // "related" boxes are not a profile field: they come out of the same boilerplate pass as on the generic path
  const related: RelatedHeadline[] = [];
  removeBoilerplate(doc, related, { baseUrl: meta.url, linkDense: true });
  const title = fields.title ?? meta.title ?? hints.title ?? fallbackTitle ?? '';
  const published = fields.published ?? meta.published;
  return {
    title,
    blocks: dropLeadingTitle(fields.blocks, title),
    published: published?.iso ?? null,
    publishedText: published?.text ?? null,
    authors: fields.authors.length ? fields.authors : meta.authors,
    source: meta.source,
    url: meta.url,
    tags: fields.tags.length ? fields.tags : meta.tags,
    related,
    lang: meta.lang,
    dir: meta.dir,
    summary: meta.summary,
    profile: name,
  };
}

function extractGeneric(
  html: string, doc: Document, meta: PageMetadata, hints: DocumentHints, fallbackTitle: string | null, measured?: Map<Element, TextStats>,
): ExtractedArticle[] {
  // small pages are the ones that retry: keep a copy of the tree rather than parse again
  const pristine = html.length < SMALL_PAGE_CHARS ? cloneNode(doc, true) : null;
  const pageChars = pristine ? textLength(pristine) : CHAR_THRESHOLD;

  // 3: page chrome and widgets
  const related: RelatedHeadline[] = [];
  removeBoilerplate(doc, related, { baseUrl: meta.url, linkDense: true }, measured);

  // 4: several full stories?
  const units = findArticleUnits(doc, related, meta.url);
  if (units.length >= 2) {
    // the page's own metadata (url, tags, related…) belongs to the story its title names, else the first
    const named = units.findIndex((u) => !!meta.title && textSimilarity(meta.title, u.heading) > SIMILARITY.sameTitle);
    const main = named >= 0 ? named : 0;
    return units.map((unit, i) => unitArticle(unit, i === main, meta, related, hints));
  }

  // 5–6: one story
  const body = findBodyWithRetries(html, doc, meta, pristine, pageChars);
  let blocks = body.blocks;
  let images = body.images;
  if (meta.jsonLdBody && meta.jsonLdBody.length >= JSONLD_BODY_MIN_CHARS && meta.jsonLdBody.length > charsOf(blocks) * JSONLD_BODY_RATIO) {
    blocks = meta.jsonLdBody.split(/\n\s*\n|\r?\n/).map((t) => t.trim()).filter(Boolean).map((text) => ({ kind: 'paragraph' as const, text }));
  }
  const title = meta.title ?? hints.title ?? fallbackTitle ?? '';
  if (!title && !blocks.length) return [];
  ({ blocks, images } = takeCaptionLines(trimBlocks(dropLeadingTitle(blocks, title), { now: hints.fetchedAt }), images));
  const authors = meta.authors.length ? meta.authors : body.byline ? cleanAuthors([body.byline], meta.siteNames) : [];
  return [{
    title,
    blocks,
    images,
    published: meta.published?.iso ?? null,
    publishedText: meta.published?.text ?? null,
    authors,
    source: meta.source,
    url: meta.url,
    tags: meta.tags,
    related,
    lang: meta.lang,
    dir: meta.dir,
    summary: meta.summary,
  }];
}

interface BodyAttempt {
  blocks: BodyBlock[];
  images: ArticleImage[];
  byline: string | null;
  length: number;
}

/**
 * Readability's ladder: the first attempt on the cleaned tree with every rule on; when the body is shorter
 * than CHAR_THRESHOLD, try again on the page before chrome removal with one more rule relaxed; keep the
 * longest. Small pages come with that tree (`pristine`); a big one is parsed once more at its first retry,
 * never again: each retry takes a copy, the last the tree itself.
 */
function findBodyWithRetries(html: string, doc: ParentNode, meta: PageMetadata, pristine: Document | null, pageChars: number): BodyAttempt {
  let best: BodyAttempt | null = null;
  // a page with less text than the threshold can never pass it: the first attempt (page chrome removed) and
  // the last (nothing removed) bound what the ladder can yield, so the middle rungs are skipped
  const rungs = pageChars < CHAR_THRESHOLD ? [0, ATTEMPTS.length - 1] : ATTEMPTS.map((_, i) => i);
  let cleaned = pristine;
  for (const [k, i] of rungs.entries()) {
    const opts: GrabOptions = { ...ATTEMPTS[i], title: meta.title };
    let tree = doc;
    if (i > 0) {
      if (!cleaned) {
        cleaned = parseCleaned(html);
      }
      tree = k === rungs.length - 1 ? cleaned : cloneNode(cleaned, true);
    }
    const root = bodyElement(tree);
    if (!root) break;
    const result = grabArticle(root, opts);
    const images = takeFigures(result.content, meta.url);
    const blocks = blocksOf(result.content);
    const attempt = { blocks, images, byline: result.byline, length: charsOf(blocks) };
    if (!best || attempt.length > best.length) best = attempt;
    if (attempt.length >= CHAR_THRESHOLD) return attempt;
  }
  return best ?? { blocks: [], images: [], byline: null, length: 0 };
}

/** One story of a multi-story page: its own headline, body, date and byline; page metadata only for the main one. */
function unitArticle(unit: ArticleUnit, isMain: boolean, meta: PageMetadata, related: RelatedHeadline[], hints: DocumentHints): ExtractedArticle {
  const pristine = cloneNode(unit.root, true);
  const result = grabArticle(unit.root, { ...ATTEMPTS[0], title: unit.heading });
  let images = takeFigures(result.content, meta.url);
  let blocks = blocksOf(result.content);
  if (charsOf(blocks) < UNIT_MIN_CHARS) {
    const whole = cloneNode(pristine, true);
    images = takeFigures(whole, meta.url);
    blocks = blocksOf(whole);
  }
  const bounds = { now: hints.fetchedAt, locale: meta.lang };
  let published = null as { iso: string; text: string } | null;
  const time = elementsByTag(pristine, 'time')[0];
  const timeValue = time ? time.attribs.datetime || innerText(time) : '';
  if (timeValue) published = parseDate(timeValue, bounds);
  if (!published) {
    for (const b of blocks.slice(0, 4)) {
      if (b.text.length > 160) continue;
      const d = parseDateLine(b.text, bounds);
      if (d) { published = { iso: d.iso, text: d.text }; break; }
    }
  }
  if (!published && isMain && meta.published) published = meta.published;
  const byline = result.byline ? cleanAuthors([result.byline], meta.siteNames) : [];
  return {
    title: unit.heading,
    ...takeCaptionLines(trimBlocks(dropLeadingTitle(blocks, unit.heading), { now: hints.fetchedAt }), images),
    published: published?.iso ?? null,
    publishedText: published?.text ?? null,
    authors: byline.length ? byline : isMain ? meta.authors : [],
    source: meta.source,
    url: isMain ? meta.url : null,
    tags: isMain ? meta.tags : [],
    related: isMain ? related : [],
    lang: meta.lang,
    dir: meta.dir,
    summary: isMain ? meta.summary : null,
  };
}

/** Characters of body text, blocks joined by one separator. */
const charsOf = (blocks: BodyBlock[]) => blocks.reduce((n, b) => n + b.text.length + 1, 0) - (blocks.length ? 1 : 0);

function bodyElement(doc: ParentNode): Element | null {
  return elementsByTag(doc, 'body')[0] ?? elementsByTag(doc, 'html')[0] ?? wrapAll(doc);
}

function wrapAll(doc: ParentNode): Element | null {
  if (!doc.children.length) return null;
  const body = newElement('body');
  for (const child of [...doc.children]) appendChildNode(body, child);
  appendChildNode(doc, body);
  return body;
}

/** Pages without any title metadata: the first h1, else the first short h2. */
function firstHeading(doc: ParentNode): string | null {
  for (const tag of ['h1', 'h2']) {
    for (const h of elementsByTag(doc, tag)) {
      const t = innerText(h);
      if (t && t.length <= 200) return t;
    }
  }
  return null;
}

/** The title is not repeated in the body (contract): drop a first block that is the headline. */
function dropLeadingTitle(blocks: BodyBlock[], title: string): BodyBlock[] {
  if (!title || !blocks.length) return blocks;
  const head = blocks[0];
  if (head.text.length <= title.length * 1.3 && textSimilarity(title, head.text) > 0.9 && textSimilarity(head.text, title) > 0.9) return blocks.slice(1);
  return blocks;
}
