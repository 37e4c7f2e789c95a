/**
 * Stage 2, finding the body: Readability.js's candidate scoring, ported to the htmlparser2 tree, with
 * Unicode-aware title matching and multilingual comma/ad vocabularies.
 *
 * Paragraph-like elements score their ancestors (commas, length); containers get a prior from their tag
 * and class/id words; link density discounts; the best container is widened to its siblings when they
 * score close to it; then the kept subtree is cleaned conditionally (link-heavy lists, image galleries,
 * forms; prepArticle.ts). `grabArticle` changes the tree it is given: callers pass a fresh tree for each attempt.
 */
import {
  classWeight, CODE_TAG, type GrabOptions, HASH_LINK_WEIGHT, HASH_URL, hasSingleTagInside, hasText,
  isPhrasingContent, TextMeasures,
} from './bodyMeasures.js';
import { prepArticle } from './prepArticle.js';
import {
  ancestors, type AnyNode, appendChildNode, type Element, elementChildren, elementsByTag, hasAncestorTag,
  innerText, isElement, isTextNode, matchStringOf, moveChildren, newElement, nextElementInOrder,
  type ParentNode, removeNode, replaceNode, setTag, textLength,
} from './dom.js';
import { textSimilarity } from './title.js';
import { SIMILARITY } from '../settings.js';
import {
  ALTER_TO_DIV_EXCEPTIONS, BYLINE_CLASS, DIV_TO_P_ELEMS, DOMINANT_SHARE, MAYBE_CANDIDATE, SENTENCE_END,
  TAGS_TO_SCORE, UNLIKELY_CANDIDATES, UNLIKELY_ROLES,
} from './vocabulary.js';

/** Readability's calibration, kept as a set (its defaults). */
export const CHAR_THRESHOLD = 500;
const TOP_CANDIDATES = 5;
const MIN_ALTERNATIVE_TOP_CANDIDATES = 3;
const MIN_PARAGRAPH_CHARS = 25;
const SCORE_ANCESTOR_DEPTH = 5;
const BYLINE_MAX_CHARS = 100;
const TABLE_TAG = new Set(['table']);
const EMPTY_CANDIDATE_TAGS = new Set(['div', 'section', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

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

function linkDensity(el: Element, length = textLength(el)): number {
  if (!length) return 0;
  let linkLength = 0;
  for (const a of elementsByTag(el, 'a')) {
    const href = a.attribs.href;
    linkLength += textLength(a) * (href && HASH_URL.test(href) ? HASH_LINK_WEIGHT : 1);
  }
  return linkLength / length;
}

const isWhitespaceNode = (node: AnyNode) =>
  (isTextNode(node) && !node.data.trim()) || (isElement(node) && node.name === 'br');

function hasChildBlockElement(el: Element): boolean {
  return el.children.some((c) => isElement(c) && (DIV_TO_P_ELEMS.has(c.name) || hasChildBlockElement(c)));
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
  const measures = new TextMeasures();
  const before = measureTextLengths(root, measures);
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
  const lengths = measureLengths(root, measures);
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
  prepArticle(content, opts, measures);
  return { content, byline };
}

/** [text length, weighted link text length, commas] of every element below `root`, bottom-up in one pass. */
function measureLengths(root: Element, measures: TextMeasures): Map<Element, [number, number, number]> {
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
        length += measures.length(child);
        commas += measures.commas(child);
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
function measureTextLengths(root: Element, measures: TextMeasures): Map<Element, number> {
  const out = new Map<Element, number>();
  const visit = (el: Element): number => {
    let length = 0;
    const kids = el.children;
    for (let i = 0; i < kids.length; i++) {
      const child = kids[i];
      if (isTextNode(child)) length += measures.length(child);
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

/** Nodes grouped by their parent, each group in document order (for batch moves). */
function groupByParent(nodes: Element[]): Map<ParentNode, Element[]> {
  const groups = new Map<ParentNode, Element[]>();
  for (const node of nodes) if (node.parent) (groups.get(node.parent) ?? groups.set(node.parent, []).get(node.parent)!).push(node);
  return groups;
}
