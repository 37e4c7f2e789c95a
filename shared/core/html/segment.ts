/**
 * Stage 3, segmentation: does the page hold several full articles?
 *
 * Live blogs, aggregator pages, infinite-scroll pages and "read also" pieces given in full mark each story
 * as its own unit: an `<article>` element, a schema.org Article item, or a live-blog entry. A unit counts as a
 * full article only when it has its own headline and enough prose (several sentences, low link density);
 * teaser cards (headline + a line + link) never do, they become `related` headlines of the main article.
 * Conservative on purpose: a page is split only when at least two separate units qualify.
 */
import type { RelatedHeadline } from '../model.js';
import { type Element, type ParentNode, elementsByTag, innerText, isElement, matchStringOf } from './dom.js';
import { type TextStats, collectHeadlines, measureText } from './clean.js';

/** schema.org types of one story in microdata. */
const ARTICLE_ITEMTYPE = /schema\.org\/(?:\w*Article|BlogPosting|LiveBlogPosting|Report)\b/i;
/** Live-blog entries and stacked-article wrappers named by class. */
const ENTRY_CLASS = /(?:^|[-_\s])(?:live-?blog-?(?:entry|post|item)|live-?(?:entry|post|update)|timeline-?(?:entry|item)|stacked-?article|article-?stack-?item)(?:$|[-_\s])/i;
/** Units that are comments or reviews, not stories. */
const NOT_A_STORY = /comment|reply|replies|review|testimonial|forum/i;
/** A full article: this much prose (non-space characters) in at least this many paragraphs. */
const MIN_UNIT_CHARS = 500;
const MIN_UNIT_PARAGRAPHS = 3;
const MIN_PARAGRAPH_CHARS = 40;
const MAX_UNIT_LINK_DENSITY = 0.25;
const UNIT_HEADINGS = new Set(['h1', 'h2', 'h3']);

export interface ArticleUnit {
  root: Element;
  /** The unit's own headline. */
  heading: string;
  headingElement: Element;
}

const isUnitCandidate = (el: Element) =>
  el.name === 'article' || ARTICLE_ITEMTYPE.test(el.attribs.itemtype ?? '') || ENTRY_CLASS.test(el.attribs.class ?? '');

/** The unit's headline: its first h1–h3 (or itemprop=headline) before any paragraph. */
function headlineOf(unit: Element): Element | null {
  const stack: Element[] = [...unit.children].filter(isElement).reverse();
  while (stack.length) {
    const el = stack.pop()!;
    if (el.name === 'p') return null;
    if (UNIT_HEADINGS.has(el.name) || el.attribs.itemprop === 'headline') return innerText(el) ? el : null;
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i];
      if (isElement(c)) stack.push(c);
    }
  }
  return null;
}

function proseParagraphs(unit: Element): number {
  let n = 0;
  for (const p of elementsByTag(unit, 'p')) if (innerText(p).length >= MIN_PARAGRAPH_CHARS) n++;
  return n;
}

function isFullArticle(unit: Element, stats: Map<Element, TextStats>): boolean {
  const s = stats.get(unit);
  if (!s || s.text < MIN_UNIT_CHARS || s.link / s.text > MAX_UNIT_LINK_DENSITY) return false;
  if (NOT_A_STORY.test(matchStringOf(unit))) return false;
  return proseParagraphs(unit) >= MIN_UNIT_PARAGRAPHS;
}

/**
 * The full articles of a page (two or more), or `[]` when the page is one article. Teaser units found on the
 * way are added to `related`.
 */
export function findArticleUnits(root: ParentNode, related: RelatedHeadline[], baseUrl?: string | null): ArticleUnit[] {
  const candidates: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (isUnitCandidate(child)) candidates.push(child);
      walk(child);
    }
  };
  walk(root);
  if (candidates.length < 2) return [];
  // measured only on pages that have units at all (the outermost ones cover the nested)
  const stats = new Map<Element, TextStats>();
  for (const c of candidates) if (!stats.has(c)) for (const [el, st] of measureText(c)) stats.set(el, st);

  const full = candidates.filter((c) => isFullArticle(c, stats) && headlineOf(c));
  // nested units: an outer unit holding two or more full inner ones is a wrapper (a live blog); otherwise the outer one wins
  const chosen = full.filter((unit) => {
    const inner = full.filter((o) => o !== unit && contains(unit, o));
    if (inner.length >= 2) return false;
    return !full.some((o) => o !== unit && contains(o, unit) && full.filter((x) => x !== o && contains(o, x)).length < 2);
  });
  if (chosen.length < 2) return [];
  // teaser units outside the chosen stories are related headlines
  for (const c of candidates) {
    if (chosen.some((u) => u === c || contains(u, c) || contains(c, u))) continue;
    collectHeadlines(c, baseUrl, related);
  }
  return chosen.map((root) => {
    const headingElement = headlineOf(root)!;
    return { root, heading: innerText(headingElement), headingElement };
  });
}

function contains(outer: Element, inner: Element): boolean {
  for (let p = inner.parent; p; p = p.parent) if (p === outer) return true;
  return false;
}
