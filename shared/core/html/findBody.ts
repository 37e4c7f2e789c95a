/**
 * Stage 2, finding the body: Readability.js's candidate scoring, ported to the htmlparser2 tree, with
 * Unicode-aware title matching and multilingual comma/ad vocabularies.
 *
 * Paragraph-like elements score their ancestors (commas, length); containers get a prior from their tag
 * and class/id words; link density discounts; the best container is widened to its siblings when they
 * score close to it; then the kept subtree is cleaned conditionally (link-heavy lists, image galleries,
 * forms). `grabArticle` changes the tree it is given: callers pass a fresh tree for each attempt.
 */
import {
  type AnyNode, type Element, type ParentNode, ancestors, appendChildNode, moveChildren, descendants, elementChildren, textLength, elementsByTag, hasAncestorTag, innerText,
  isElement, isTextNode, matchStringOf, newElement, nextElementInOrder, removeNode, replaceNode, setTag,
} from './dom.js';
import { textSimilarity } from './title.js';
import { SIMILARITY } from '../settings.js';
import {
  AD_WORDS, ALTER_TO_DIV_EXCEPTIONS, BYLINE_CLASS, COMMAS, DIV_TO_P_ELEMS, HEADING_TAGS, LOADING_WORDS, MAYBE_CANDIDATE, NEGATIVE_CLASS,
  PHRASING_ELEMS, POSITIVE_CLASS, SENTENCE_END, SHARE_CLASS, TAGS_TO_SCORE, UNLIKELY_CANDIDATES, UNLIKELY_ROLES,
  DOMINANT_SHARE,
} from './vocabulary.js';

/** Readability's calibration, kept as a set (its defaults). */
export const CHAR_THRESHOLD = 500;
const TOP_CANDIDATES = 5;
const MIN_ALTERNATIVE_TOP_CANDIDATES = 3;
const MIN_PARAGRAPH_CHARS = 25;
const SCORE_ANCESTOR_DEPTH = 5;
const SHARE_ELEMENT_MAX_CHARS = 500;
const BYLINE_MAX_CHARS = 100;
/** Link text of in-page anchors (`#section`) weighs less: tables of contents are part of the article. */
const HASH_LINK_WEIGHT = 0.3;
const HASH_URL = /^#.+/;
const TEXTISH_TAGS = new Set(['span', 'li', 'td', ...DIV_TO_P_ELEMS]);
const LIST_TAGS = new Set(['ul', 'ol']);
const TABLE_TAG = new Set(['table']);
const CODE_TAG = new Set(['code']);
const FIGURE_TAG = new Set(['figure']);
const EMPTY_CANDIDATE_TAGS = new Set(['div', 'section', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const DATA_TABLE_DESCENDANTS = new Set(['caption', 'colgroup', 'col', 'tfoot', 'thead', 'th']);
const MEDIA_TAGS = new Set(['img', 'embed', 'object', 'iframe']);

export interface GrabOptions {
  stripUnlikelys: boolean;
  weightClasses: boolean;
  cleanConditionally: boolean;
  /** The article's title: an h1/h2 repeating it is dropped from the body. */
  title?: string | null;
}

export interface GrabResult {
  content: Element;
  /** The byline element's text when one was found (and removed from the body). */
  byline: string | null;
}

export const ALL_FLAGS: GrabOptions = { stripUnlikelys: true, weightClasses: true, cleanConditionally: true };

/** Readability's retry ladder: each attempt relaxes one more rule when the body came out too short. */
export const ATTEMPTS: GrabOptions[] = [
  ALL_FLAGS,
  { stripUnlikelys: false, weightClasses: true, cleanConditionally: true },
  { stripUnlikelys: false, weightClasses: false, cleanConditionally: true },
  { stripUnlikelys: false, weightClasses: false, cleanConditionally: false },
];

// ---- measurements ----

function classWeight(el: Element, opts: GrabOptions): number {
  if (!opts.weightClasses) return 0;
  let weight = 0;
  const cls = el.attribs.class;
  if (cls) {
    if (NEGATIVE_CLASS.test(cls)) weight -= 25;
    if (POSITIVE_CLASS.test(cls)) weight += 25;
  }
  const id = el.attribs.id;
  if (id) {
    if (NEGATIVE_CLASS.test(id)) weight -= 25;
    if (POSITIVE_CLASS.test(id)) weight += 25;
  }
  // schema.org's own marker of the article body
  if (el.attribs.itemprop === 'articleBody') weight += 25;
  return weight;
}

function linkDensity(el: Element, length = textLength(el)): number {
  if (!length) return 0;
  let linkLength = 0;
  for (const a of elementsByTag(el, 'a')) {
    const href = a.attribs.href;
    linkLength += textLength(a) * (href && HASH_URL.test(href) ? HASH_LINK_WEIGHT : 1);
  }
  return linkLength / length;
}

const commaCount = (text: string) => (text.match(COMMAS) || []).length;

const isWhitespaceNode = (node: AnyNode) =>
  (isTextNode(node) && !node.data.trim()) || (isElement(node) && node.name === 'br');

function isPhrasingContent(node: AnyNode): boolean {
  if (isTextNode(node)) return true;
  if (!isElement(node)) return false;
  if (PHRASING_ELEMS.has(node.name)) return true;
  return (node.name === 'a' || node.name === 'del' || node.name === 'ins') && node.children.every(isPhrasingContent);
}

function hasSingleTagInside(el: Element, tag: string): boolean {
  const kids = elementChildren(el);
  if (kids.length !== 1 || kids[0].name !== tag) return false;
  return !el.children.some((c) => isTextNode(c) && c.data.trim());
}

function hasChildBlockElement(el: Element): boolean {
  return el.children.some((c) => isElement(c) && (DIV_TO_P_ELEMS.has(c.name) || hasChildBlockElement(c)));
}

/** Any visible character below the node? Stops at the first one. */
function hasText(node: AnyNode): boolean {
  if (isTextNode(node)) return textNodeLength(node.data) > 0;
  if ('children' in node && node.children) for (const child of node.children) if (hasText(child)) return true;
  return false;
}

function isWithoutContent(el: Element): boolean {
  if (hasText(el)) return false;
  const kids = elementChildren(el);
  return !kids.length || kids.every((k) => k.name === 'br' || k.name === 'hr');
}

// ---- the walk ----

/**
 * Finds the article body below `root` (usually `<body>`). Returns a new `<div>` holding the kept nodes.
 */
export function grabArticle(root: Element, opts: GrabOptions): GrabResult {
  const scores = new Map<Element, number>();
  const candidates: Element[] = [];
  const toScore: Element[] = [];
  let byline: string | null = null;
  let titleHeaderPending = !!opts.title;

  const initialize = (el: Element) => {
    let score = 0;
    switch (el.name) {
      case 'div': score += 5; break;
      case 'pre': case 'td': case 'blockquote': score += 3; break;
      case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': score -= 3; break;
      case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': score -= 5; break;
    }
    scores.set(el, score + classWeight(el, opts));
  };

  const removeAndNext = (el: Element): Element | null => {
    const next = nextElementInOrder(el, true, root);
    removeNode(el);
    return next;
  };

  // lengths before the walk: the layout-wrapper guard only needs them roughly
  const before = measureTextLengths(root);
  const pageLength = before.get(root)!;
  let node: Element | null = root;
  while (node) {
    const el: Element = node;
    const match = matchStringOf(el);
    if (!byline && isBylineElement(el, match, before)) {
      byline = innerText(el);
      node = removeAndNext(el);
      continue;
    }
    if (titleHeaderPending && (el.name === 'h1' || el.name === 'h2') && (before.get(el) ?? 0) < 400 && textSimilarity(opts.title!, innerText(el)) > SIMILARITY.sameTitle) {
      titleHeaderPending = false;
      node = removeAndNext(el);
      continue;
    }
    // the page's own article markers are never unlikely, whatever their class says ("js-social-anchor")
    if (opts.stripUnlikelys && el !== root && !isArticleMarked(el)) {
      if (UNLIKELY_CANDIDATES.test(match) && !MAYBE_CANDIDATE.test(match) && el.name !== 'body' && el.name !== 'a'
        && !hasAncestorTag(el, TABLE_TAG) && !hasAncestorTag(el, CODE_TAG) && (before.get(el) ?? 0) < pageLength * DOMINANT_SHARE) {
        node = removeAndNext(el);
        continue;
      }
      if (UNLIKELY_ROLES.has(el.attribs.role ?? '')) {
        node = removeAndNext(el);
        continue;
      }
    }
    if (EMPTY_CANDIDATE_TAGS.has(el.name) && el !== root && isWithoutContent(el)) {
      node = removeAndNext(el);
      continue;
    }
    if (TAGS_TO_SCORE.has(el.name)) toScore.push(el);

    if (el.name === 'div') {
      node = normaliseDiv(el, toScore);
    }
    node = nextElementInOrder(node, false, root);
  }

  // score paragraphs into their ancestors (lengths, link lengths and commas measured once for the whole tree)
  const lengths = measureLengths(root);
  for (const el of toScore) {
    if (!el.parent || !isElement(el.parent)) continue;
    const m = lengths.get(el);
    if (!m) continue;
    const length = m[0];
    if (length < MIN_PARAGRAPH_CHARS) continue;
    const ancestorList = ancestors(el, SCORE_ANCESTOR_DEPTH);
    if (!ancestorList.length) continue;
    const score = 1 + m[2] + 1 + Math.min(Math.floor(length / 100), 3);
    ancestorList.forEach((ancestor, level) => {
      if (!ancestor.parent || !isElement(ancestor.parent)) return;
      if (!scores.has(ancestor)) { initialize(ancestor); candidates.push(ancestor); }
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(ancestor, scores.get(ancestor)! + score / divider);
    });
  }

  // the best candidates, their scores discounted by link density
  const top: Element[] = [];
  for (const candidate of candidates) {
    const m = lengths.get(candidate);
    const scaled = scores.get(candidate)! * (1 - (m && m[0] ? m[1] / m[0] : 0));
    scores.set(candidate, scaled);
    for (let t = 0; t < TOP_CANDIDATES; t++) {
      const other = top[t];
      if (!other || scaled > scores.get(other)!) {
        top.splice(t, 0, candidate);
        if (top.length > TOP_CANDIDATES) top.pop();
        break;
      }
    }
  }

  let topCandidate: Element | null = top[0] ?? null;
  const bodyEl = root;
  if (!topCandidate || topCandidate === bodyEl || topCandidate.name === 'body') {
    // nothing scored: the whole page is the candidate
    const wrapper = newElement('div');
    moveChildren(bodyEl, wrapper);
    appendChildNode(bodyEl, wrapper);
    initialize(wrapper);
    topCandidate = wrapper;
  } else {
    topCandidate = widenCandidate(topCandidate, top, scores, bodyEl, initialize);
  }

  const content = joinSiblings(topCandidate, scores, bodyEl);
  prepArticle(content, opts);
  return { content, byline };
}

/** [text length, weighted link text length, commas] of every element below `root`, bottom-up in one pass. */
function measureLengths(root: Element): Map<Element, [number, number, number]> {
  const out = new Map<Element, [number, number, number]>();
  // links count for the elements that contain them, never for what they contain: htmlparser2 does not
  // repair an unclosed <a>, which can then wrap the rest of the page
  // plain counters and an indexed loop (see clean.ts measureInto)
  const visit = (el: Element): [number, number, number] => {
    let length = 0, links = 0, commas = 0;
    const kids = el.children;
    for (let i = 0; i < kids.length; i++) {
      const child = kids[i];
      if (isTextNode(child)) {
        length += textNodeLength(child.data);
        commas += commaCount(child.data);
      } else if (isElement(child)) {
        const sub = visit(child);
        length += sub[0];
        commas += sub[2];
        if (child.name === 'a') {
          const href = child.attribs.href;
          links += sub[0] * (href && HASH_URL.test(href) ? HASH_LINK_WEIGHT : 1);
        } else links += sub[1];
      }
    }
    const own: [number, number, number] = [length, links, commas];
    out.set(el, own);
    return own;
  };
  visit(root);
  return out;
}

/** The text lengths of `measureLengths` alone (all the walk before scoring reads), without link weights and commas. */
function measureTextLengths(root: Element): Map<Element, number> {
  const out = new Map<Element, number>();
  const visit = (el: Element): number => {
    let length = 0;
    const kids = el.children;
    for (let i = 0; i < kids.length; i++) {
      const child = kids[i];
      if (isTextNode(child)) length += textNodeLength(child.data);
      else if (isElement(child)) length += visit(child);
    }
    out.set(el, length);
    return length;
  };
  visit(root);
  return out;
}

const isArticleMarked = (el: Element) =>
  el.name === 'article' || el.name === 'main' || el.attribs.role === 'main' || el.attribs.itemprop === 'articleBody';

/** Readability's byline check: a short element marked as the author line. */
function isBylineElement(el: Element, match: string, lengths: Map<Element, number>): boolean {
  const itemprop = el.attribs.itemprop ?? '';
  if (!(el.attribs.rel === 'author' || itemprop.includes('author') || BYLINE_CLASS.test(match))) return false;
  const length = lengths.get(el) ?? textLength(el);
  return length > 0 && length < BYLINE_MAX_CHARS;
}

/**
 * Readability's div handling: phrasing runs become paragraphs; a div holding one paragraph is that paragraph;
 * a div without block children is a paragraph. Returns the node the walk continues from.
 */
function normaliseDiv(div: Element, toScore: Element[]): Element {
  let p: Element | null = null;
  for (const child of [...div.children]) {
    if (isPhrasingContent(child)) {
      if (p) appendChildNode(p, child);
      else if (!isWhitespaceNode(child)) {
        p = newElement('p');
        replaceNode(child, p);
        appendChildNode(p, child);
      }
    } else if (p) {
      while (p.children.length && isWhitespaceNode(p.children[p.children.length - 1])) removeNode(p.children[p.children.length - 1]);
      p = null;
    }
  }
  if (hasSingleTagInside(div, 'p') && linkDensity(div) < 0.25) {
    const inner = elementChildren(div)[0];
    replaceNode(div, inner);
    toScore.push(inner);
    return inner;
  }
  if (!hasChildBlockElement(div)) {
    setTag(div, 'p');
    toScore.push(div);
  }
  return div;
}

function widenCandidate(
  first: Element, top: Element[], scores: Map<Element, number>, bodyEl: Element, initialize: (el: Element) => void,
): Element {
  let topCandidate = first;
  const topScore = scores.get(first)!;
  // several near-equal candidates under one ancestor: the ancestor is the article (split layouts)
  const alternatives: Element[][] = [];
  for (let i = 1; i < top.length; i++) {
    if (scores.get(top[i])! / topScore >= 0.75) alternatives.push(ancestors(top[i]));
  }
  if (alternatives.length >= MIN_ALTERNATIVE_TOP_CANDIDATES) {
    for (let parent = topCandidate.parent; parent && isElement(parent) && parent !== bodyEl; parent = parent.parent) {
      const p: Element = parent;
      if (alternatives.filter((list) => list.includes(p)).length >= MIN_ALTERNATIVE_TOP_CANDIDATES) {
        topCandidate = p;
        break;
      }
    }
  }
  if (!scores.has(topCandidate)) initialize(topCandidate);

  // climb while the parent scores better (the article's paragraphs are spread over wrappers)
  let lastScore = scores.get(topCandidate)!;
  const threshold = lastScore / 3;
  for (let parent = topCandidate.parent; parent && isElement(parent) && parent !== bodyEl; parent = parent.parent) {
    const parentScore = scores.get(parent);
    if (parentScore === undefined) continue;
    if (parentScore < threshold) break;
    if (parentScore > lastScore) { topCandidate = parent; break; }
    lastScore = parentScore;
  }
  // a lone child says nothing: take the wrapper
  for (let parent = topCandidate.parent; parent && isElement(parent) && parent !== bodyEl && elementChildren(parent).length === 1; parent = parent.parent) {
    topCandidate = parent;
  }
  if (!scores.has(topCandidate)) initialize(topCandidate);
  return topCandidate;
}

/** Siblings of the best candidate that score close to it, or read like paragraphs, join the article. */
function joinSiblings(topCandidate: Element, scores: Map<Element, number>, bodyEl: Element): Element {
  const content = newElement('div');
  const topScore = scores.get(topCandidate) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const parent = topCandidate.parent;
  const siblings = parent && isElement(parent) && topCandidate !== bodyEl ? elementChildren(parent) : [topCandidate];
  const topClass = topCandidate.attribs.class ?? '';
  const appended: Element[] = [];
  for (const sibling of siblings) {
    let append = sibling === topCandidate;
    if (!append) {
      const bonus = topClass && (sibling.attribs.class ?? '') === topClass ? topScore * 0.2 : 0;
      const s = scores.get(sibling);
      if (s !== undefined && s + bonus >= threshold) append = true;
      else if (sibling.name === 'p') {
        const length = textLength(sibling);
        const density = linkDensity(sibling, length);
        if (length > 80 && density < 0.25) append = true;
        else if (length < 80 && length > 0 && density === 0 && SENTENCE_END.test(innerText(sibling))) append = true;
      }
    }
    if (append) {
      if (!ALTER_TO_DIV_EXCEPTIONS.has(sibling.name)) setTag(sibling, 'div');
      appended.push(sibling);
    }
  }
  for (const [from, nodes] of groupByParent(appended)) moveChildren(from, content, nodes);
  return content;
}

// ---- post-cleaning of the kept subtree (Readability's _prepArticle) ----

function isDataTable(table: Element): boolean {
  const a = table.attribs;
  if (a.role === 'presentation' || a.datatable === '0') return false;
  if (a.summary) return true;
  const caption = elementsByTag(table, 'caption')[0];
  if (caption && caption.children.length) return true;
  if (elementsByTag(table, DATA_TABLE_DESCENDANTS).length) return true;
  if (elementsByTag(table, 'table').length) return false;
  let rows = 0, columns = 0;
  for (const tr of elementsByTag(table, 'tr')) {
    const rowspan = Number.parseInt(tr.attribs.rowspan ?? '', 10);
    rows += rowspan || 1;
    let cols = 0;
    for (const cell of elementChildren(tr)) {
      if (cell.name !== 'td' && cell.name !== 'th') continue;
      cols += Number.parseInt(cell.attribs.colspan ?? '', 10) || 1;
    }
    columns = Math.max(columns, cols);
  }
  if (rows >= 10 || columns > 4) return true;
  return rows * columns > 10;
}

/** Is `el` still inside `root` (not in a subtree removed earlier)? */
function isAttached(el: Element, root: Element): boolean {
  for (let p: ParentNode | null = el.parent; p; p = p.parent) if (p === root) return true;
  return false;
}

/** Every element below `root` by tag, in document order: one walk instead of one per tag. */
function bucketByTag(root: Element): { all: Element[]; byTag: Map<string, Element[]> } {
  const all = descendants(root);
  const byTag = new Map<string, Element[]>();
  for (const el of all) {
    let list = byTag.get(el.name);
    if (!list) byTag.set(el.name, (list = []));
    list.push(el);
  }
  return { all, byTag };
}

function prepArticle(content: Element, opts: GrabOptions): void {
  const { all, byTag } = bucketByTag(content);
  const tagged = (tag: string) => (byTag.get(tag) ?? []).filter((el) => isAttached(el, content));
  const dataTables = new Set(tagged('table').filter(isDataTable));
  const clean = (tag: string) => { for (const el of tagged(tag)) removeNode(el); };

  cleanConditionally(tagged('form'), content, 'form', opts, dataTables);
  cleanConditionally(tagged('fieldset'), content, 'fieldset', opts, dataTables);
  clean('footer'); clean('aside'); clean('link');
  // share bars inside the article (short boxes named share/sharedaddy)
  for (const el of all) {
    if (el.parent !== content && SHARE_CLASS.test(matchStringOf(el)) && isAttached(el, content) && textLength(el) < SHARE_ELEMENT_MAX_CHARS) removeNode(el);
  }
  // headers that are styled as something else (class weight below zero)
  for (const h of [...tagged('h1'), ...tagged('h2')]) if (classWeight(h, opts) < 0) removeNode(h);
  cleanConditionally(tagged('table'), content, 'table', opts, dataTables);
  cleanConditionally(tagged('ul'), content, 'ul', opts, dataTables);
  cleanConditionally(tagged('div'), content, 'div', opts, dataTables);
  for (const h1 of tagged('h1')) setTag(h1, 'h2');
  // empty paragraphs
  for (const p of tagged('p')) {
    if (!hasText(p) && !elementsByTag(p, MEDIA_TAGS).length) removeNode(p);
  }
  // single-cell layout tables are their cell
  for (const table of tagged('table')) {
    let inner: Element = table;
    if (hasSingleTagInside(inner, 'tbody')) inner = elementChildren(inner)[0];
    if (!hasSingleTagInside(inner, 'tr')) continue;
    const row = elementChildren(inner)[0];
    if (!hasSingleTagInside(row, 'td')) continue;
    const cell = elementChildren(row)[0];
    setTag(cell, cell.children.every(isPhrasingContent) ? 'p' : 'div');
    replaceNode(table, cell);
  }
}

/** Readability's _cleanConditionally over the given nodes, innermost first. */
function cleanConditionally(nodes: Element[], root: Element, tag: string, opts: GrabOptions, dataTables: Set<Element>): void {
  if (!opts.cleanConditionally) return;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i];
    if (!isAttached(node, root)) continue;
    if (shouldRemove(node, tag, opts, dataTables)) removeNode(node);
  }
}

/** Everything `shouldRemove` asks about a subtree, gathered in one walk. */
interface SubtreeProfile {
  length: number;
  links: number;
  headings: number;
  textish: number;
  lists: number;
  commas: number;
  p: number;
  img: number;
  li: number;
  input: number;
  hasDataTable: boolean;
}

/** Collapsed text length of one text node: non-space characters plus one per inner whitespace run. */
function textNodeLength(data: string): number {
  let length = 0, started = false, pending = false;
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c <= 32 || c === 160 || c === 0x3000) { if (started) pending = true; } else {
      if (pending) { length++; pending = false; }
      length++; started = true;
    }
  }
  return length;
}

function profileOf(node: Element, dataTables: Set<Element>): SubtreeProfile {
  const pr: SubtreeProfile = { length: 0, links: 0, headings: 0, textish: 0, lists: 0, commas: 0, p: 0, img: 0, li: 0, input: 0, hasDataTable: false };
  // link weight, and how many heading / textish / list elements enclose the text (nested ones count again, as in Readability)
  const visit = (n: AnyNode, link: number, headings: number, textish: number, lists: number) => {
    if (isTextNode(n)) {
      const len = textNodeLength(n.data);
      if (!len) return;
      pr.length += len;
      pr.links += len * link;
      pr.headings += len * headings;
      pr.textish += len * textish;
      pr.lists += len * lists;
      pr.commas += commaCount(n.data);
      return;
    }
    if (!isElement(n)) return;
    const name = n.name;
    let l = link, h = headings, t = textish, ls = lists;
    switch (name) {
      case 'p': pr.p++; break;
      case 'img': pr.img++; break;
      case 'li': pr.li++; break;
      case 'input': pr.input++; break;
      case 'table': if (dataTables.has(n)) pr.hasDataTable = true; break;
      case 'a': { const href = n.attribs.href; l = href && HASH_URL.test(href) ? HASH_LINK_WEIGHT : 1; break; }
    }
    if (HEADING_TAGS.has(name)) h++;
    if (TEXTISH_TAGS.has(name)) t++;
    if (LIST_TAGS.has(name)) ls++;
    for (const child of n.children) visit(child, l, h, t, ls);
  };
  for (const child of node.children) visit(child, 0, 0, 0, 0);
  return pr;
}

function shouldRemove(node: Element, tag: string, opts: GrabOptions, dataTables: Set<Element>): boolean {
  if (tag === 'table' && dataTables.has(node)) return false;
  for (let p = node.parent; p && isElement(p); p = p.parent) if (p.name === 'table' && dataTables.has(p)) return false;
  if (hasAncestorTag(node, CODE_TAG)) return false;
  const pr = profileOf(node, dataTables);
  if (pr.hasDataTable) return false;
  const contentLength = pr.length;
  const isList = LIST_TAGS.has(tag) || (contentLength > 0 && pr.lists / contentLength > 0.9);

  const weight = classWeight(node, opts);
  if (weight < 0) return true;
  if (pr.commas >= 10) return false;

  const { p, img, input } = pr;
  const li = pr.li - 100;
  if (contentLength < 40) {
    const text = innerText(node);
    if (AD_WORDS.test(text) || LOADING_WORDS.test(text)) return true;
  }
  const headingDensity = contentLength ? pr.headings / contentLength : 0;
  const density = contentLength ? pr.links / contentLength : 0;
  const textishDensity = contentLength ? pr.textish / contentLength : 0;
  const isFigureChild = hasAncestorTag(node, FIGURE_TAG);

  const remove =
    (!isFigureChild && img > 1 && p / img < 0.5) ||
    (!isList && li > p) ||
    input > Math.floor(p / 3) ||
    (!isList && !isFigureChild && headingDensity < 0.9 && contentLength < 25 && (img === 0 || img > 2) && density > 0) ||
    (!isList && weight < 25 && density > 0.2) ||
    (weight >= 25 && density > 0.5) ||
    (img === 0 && textishDensity === 0);
  if (isList && remove) {
    // simple lists of images stay
    if (elementChildren(node).some((child) => elementChildren(child).length > 1)) return remove;
    if (img === pr.li) return false;
  }
  return remove;
}

/** Nodes grouped by their parent, each group in document order (for batch moves). */
function groupByParent(nodes: Element[]): Map<ParentNode, Element[]> {
  const groups = new Map<ParentNode, Element[]>();
  for (const node of nodes) if (node.parent) (groups.get(node.parent) ?? groups.set(node.parent, []).get(node.parent)!).push(node);
  return groups;
}
