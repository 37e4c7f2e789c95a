/**
 * Stage 1, cleaning: removes what is never the article before any scoring.
 *
 * - `removeNonContent`: scripts, styles, templates, embeds, form controls, comments and hidden nodes.
 *   Always safe; done on every attempt.
 * - `removeBoilerplate`: page chrome (nav, header/footer/aside/forms outside the article, ARIA landmarks),
 *   widget containers named by class, id or aria-label (share, ads, cookie, newsletter, comments,
 *   "related"/"read also" boxes, in several languages) and link-dense blocks. Done on the first attempt
 *   only: when the result is too short the extractor retries without it (Readability's flags habit).
 *
 * Both change the tree they are given. Text lengths are measured once per pass (`measureText`) instead of
 * re-reading subtrees in the loop. `parseCleaned` does `removeNonContent`'s work while the page is parsed.
 */
import { MARKERS, markerKey } from '../meta/boilerplateMarkers.js';
import type { RelatedHeadline } from '../model.js';
import type { Document } from 'domhandler';
import {
  type AnyNode, Element, type ParentNode, MAX_TREE_DEPTH, attr, capDepth, innerText, isElement, isTextNode, matchStringOf, relinkChildren, removeNode,
} from './dom.js';
import {
  ARTICLE_TAGS, BOILERPLATE_ROLES, BOILERPLATE_WORDS, CHROME_TAGS_ANYWHERE, CHROME_TAGS_OUTSIDE_ARTICLE, HEADING_TAGS,
  NON_CONTENT_TAGS, PHRASING_ELEMS, RELATED_LABELS, RELATED_WORDS, WIDGET_LABELS, hasVocabularyWord,
  DOMINANT_SHARE,
} from './vocabulary.js';
import { lazy } from '../lazy.js';
import { DepthTrackingHandler, keepShapes, parseHtml, parseWith } from './parse.js';

/** Inline styles that hide a node. */
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;
/** A container this long with this few links reads like content: a widget word in its class does not remove it
 * (wrappers such as `<div class="page has-ads">` or `<div class="article paywall">` hold the article). */
const CONTENT_LIKE_CHARS = 800;
const CONTENT_LIKE_LINK_DENSITY = 0.3;
const COMMENT_SECTION = /^(?:comments?|comment-?(?:list|section|area|thread|s-area|s-section|s-wrapper|s-container)|commentlist|disqus_thread|respond|reader-?comments|user-?comments|kommentare|commentaires|comentarios|ta3liqat|talkback)$/i;
/** Link-dense blocks: lists of links (menus, tag clouds, teaser lists) rather than prose. */
const LINK_DENSE_TAGS = new Set(['ul', 'ol', 'dl', 'div', 'section', 'table', 'menu']);
const LINK_DENSE_RATIO = 0.8;
const LINK_DENSE_MIN_ANCHORS = 3;
/** Widget labels are short: a box whose whole text is "Share" or "Advertisement". */
const WIDGET_TEXT_MAX = 60;
/** A "related" teaser headline: long enough to be a headline, short enough not to be a paragraph. */
const HEADLINE_MIN_CHARS = 12;
const HEADLINE_MAX_CHARS = 250;
const RELATED_MAX = 40;

export interface TextStats {
  /** Non-space characters below the element. */
  text: number;
  /** Non-space characters inside links below the element. */
  link: number;
  /** Links (`<a href>`) below the element. */
  anchors: number;
}

const countNonSpace = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c !== 160) n++;
  }
  return n;
};

/** One bottom-up pass: text, link text and link counts of every element below `root`. */
export function measureText(root: ParentNode): Map<Element, TextStats> {
  const stats = new Map<Element, TextStats>();
  measureInto(root, stats);
  return stats;
}

/** `measureText` of `node`'s subtree into `stats` (`node` itself included when an element); returns `node`'s. */
function measureInto(node: ParentNode, stats: Map<Element, TextStats>): TextStats {
  // bottom-up, so an unclosed <a> (htmlparser2 does not repair it) counts only for its ancestors.
  // Plain counters and an indexed loop: twice as fast as accumulating into the object (measured on the corpus)
  let text = 0, link = 0, anchors = 0;
  const kids = node.children;
  for (let i = 0; i < kids.length; i++) {
    const child = kids[i];
    if (isTextNode(child)) text += countNonSpace(child.data);
    else if (isElement(child)) {
      const s = measureInto(child, stats);
      const isLink = child.name === 'a' && child.attribs.href !== undefined;
      text += s.text;
      link += isLink ? s.text : s.link;
      anchors += s.anchors + (isLink ? 1 : 0);
    }
  }
  const own: TextStats = { text, link, anchors };
  if (isElement(node)) stats.set(node, own);
  return own;
}

/** What `removeNonContent` removes, with everything below it. */
const isNonContent = (el: Element): boolean => NON_CONTENT_TAGS.has(el.name) || isHidden(el);

export function isHidden(el: Element): boolean {
  const a = el.attribs;
  if (a.hidden !== undefined) return true;
  if (a['aria-hidden'] === 'true' && !(a.class ?? '').includes('fallback-image')) return true;
  if (a.style && HIDDEN_STYLE.test(a.style)) return true;
  return a.role === 'dialog' && a['aria-modal'] === 'true';
}

/**
 * What the metadata reader needs from the page, gathered during the cleaning walk so the tree is walked
 * once (CSS selectors over the whole tree cost more than the rest of the extraction).
 */
export interface PageIndex {
  html: Element | null;
  body: Element | null;
  metas: Element[];
  /** Texts of `<script type="application/ld+json">`. */
  jsonLd: string[];
  /** The first `<title>` element's text. */
  title: string;
  canonical: string | null;
  /** Visible h1 and h2 elements, in order. */
  h1: Element[];
  h2: Element[];
  /** Visible `<time>` elements, and elements marked with itemprop datePublished / author, or rel=author. */
  times: Element[];
  datePublished: Element[];
  authors: Element[];
  /** `measureText` of the cleaned tree, measured in the same walk: valid until the tree is changed (removeBoilerplate takes it). */
  stats: Map<Element, TextStats>;
}

export const emptyIndex = (): PageIndex => ({
  html: null, body: null, metas: [], jsonLd: [], title: '', canonical: null, h1: [], h2: [], times: [], datePublished: [], authors: [],
  stats: new Map(),
});

const JSON_LD_TYPE = /^\s*application\/ld\+json\s*$/i;

/** What the index takes from a removed element's tag and attributes. */
function indexRemoved(el: Element, index: PageIndex): void {
  switch (el.name) {
    case 'meta': index.metas.push(el); break;
    case 'link': if (!index.canonical && /(?:^|\s)canonical(?:\s|$)/i.test(el.attribs.rel ?? '')) index.canonical = el.attribs.href ?? null; break;
    default: break;
  }
}

/** Does the index want a removed element's text (a JSON-LD script, the first title)? */
const wantsText = (el: Element, index: PageIndex): boolean =>
  el.name === 'script' ? JSON_LD_TYPE.test(el.attribs.type ?? '') : el.name === 'title' && !index.title;

/** A removed element's text into the index (`wantsText` said so). */
function indexRemovedText(el: Element, text: string, index: PageIndex): void {
  if (el.name === 'script') index.jsonLd.push(text);
  else if (!index.title) index.title = text;
}

function indexKept(el: Element, index: PageIndex): void {
  switch (el.name) {
    case 'html': index.html ??= el; break;
    case 'body': index.body ??= el; break;
    case 'h1': index.h1.push(el); break;
    case 'h2': index.h2.push(el); break;
    case 'time': index.times.push(el); break;
    default: break;
  }
  const itemprop = el.attribs.itemprop;
  if (itemprop) {
    if (/(?:^|\s)datePublished(?:\s|$)/.test(itemprop)) index.datePublished.push(el);
    if (/(?:^|\s)author(?:\s|$)/.test(itemprop)) index.authors.push(el);
  }
  if (el.attribs.rel === 'author') index.authors.push(el);
}

const textOf = (el: Element): string => {
  let out = '';
  for (const c of el.children) if (isTextNode(c)) out += c.data;
  return out;
};

/**
 * Removes scripts, styles, templates, embeds, controls, comments and hidden nodes below `root`. With an
 * `index`, also records what metadata reading needs (meta tags and JSON-LD before they go).
 */
export function removeNonContent(root: ParentNode, index?: PageIndex): void {
  // with an index, the kept tree is also measured (index.stats), bottom-up as measureText does
  const stats = index?.stats;
  const walk = (node: ParentNode, depth: number): TextStats | null => {
    const kids = node.children;
    let text = 0, link = 0, anchors = 0;
    let removed = false;
    for (let i = 0; i < kids.length; i++) {
      const child = kids[i];
      if (child.type === 'comment' || child.type === 'directive' || child.type === 'cdata') { child.parent = null; removed = true; continue; }
      if (!isElement(child)) {
        if (stats && isTextNode(child)) text += countNonSpace(child.data);
        continue;
      }
      if (isNonContent(child)) {
        if (index) {
          indexRemoved(child, index);
          if (wantsText(child, index)) indexRemovedText(child, textOf(child), index);
        }
        child.parent = null;
        removed = true;
        continue;
      }
      if (index) indexKept(child, index);
      // deeper than this the tree is malformed: flatten instead of recursing (no stack overflow anywhere later)
      let s: TextStats | null;
      if (depth + 1 >= MAX_TREE_DEPTH) {
        capDepth(child, 0);
        s = stats ? measureInto(child, stats) : null;
      } else s = walk(child, depth + 1);
      if (s) {
        const isLink = child.name === 'a' && child.attribs.href !== undefined;
        text += s.text;
        link += isLink ? s.text : s.link;
        anchors += s.anchors + (isLink ? 1 : 0);
      }
    }
    if (removed) {
      node.children = kids.filter((c) => c.parent === node);
      relinkChildren(node);
    }
    if (!stats) return null;
    const own: TextStats = { text, link, anchors };
    if (isElement(node)) stats.set(node, own);
    return own;
  };
  walk(root, 0);
}

/**
 * The page parsed and cleaned in one go: exactly the tree and the index that `parseHtml` then
 * `removeNonContent` give, built while parsing. Comments, the doctype and whatever lies below a removed
 * element are never made into nodes (the parser still reads them, so it nests the rest alike), and each kept
 * element is measured as it closes. A page nesting MAX_TREE_DEPTH kept levels, where removeNonContent
 * flattens the tree instead, is parsed again the two-step way.
 */
export function parseCleaned(html: string, index?: PageIndex): Document {
  keptCleaning ??= keepShapes(new CleaningHandler(emptyIndex()));
  const handler = new CleaningHandler(index);
  const doc = parseWith(handler, html);
  if (!handler.deep) return doc;
  if (index) Object.assign(index, emptyIndex());
  const plain = parseHtml(html);
  removeNonContent(plain, index);
  return plain;
}

/** One CleaningHandler with its parser and tree, alive for their shapes (keepShapes). */
let keptCleaning: object | undefined;

class CleaningHandler extends DepthTrackingHandler {
  /** Open elements at and below the removed one being read: not built, but counted, so the parse bounds depth alike. */
  private skipped = 0;
  private removed: Element | null = null;
  /** The removed element's text, when the index wants it. */
  private removedText: string | null = null;
  /** Set when a kept element sits MAX_TREE_DEPTH levels down. */
  deep = false;
  /** Text, link text and link counts of the open kept elements, three numbers each, the document's first (measureInto's sums). */
  private readonly sums: number[] = [0, 0, 0];

  constructor(private readonly index?: PageIndex) {
    super();
  }

  override get openElements(): number {
    return this.tagStack.length - 1 + this.skipped;
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    if (this.skipped) { this.skipped++; return; }
    const el = new Element(name, attribs);
    const index = this.index;
    if (isNonContent(el)) {
      this.skipped = 1;
      this.lastNode = null; // the text before and the text after stay two nodes, as removeNonContent leaves them
      if (index) {
        indexRemoved(el, index);
        this.removed = el;
        this.removedText = wantsText(el, index) ? '' : null;
      }
      return;
    }
    if (this.tagStack.length >= MAX_TREE_DEPTH) this.deep = true;
    this.addNode(el);
    this.tagStack.push(el);
    if (index) {
      indexKept(el, index);
      this.sums.push(0, 0, 0);
    }
  }

  override onclosetag(): void {
    if (this.skipped) {
      if (--this.skipped === 0) {
        if (this.removed && this.removedText !== null) indexRemovedText(this.removed, this.removedText, this.index!);
        this.removed = this.removedText = null;
      }
      return;
    }
    const el = this.tagStack[this.tagStack.length - 1] as Element;
    super.onclosetag();
    if (!this.index) return;
    const sums = this.sums;
    const n = sums.length;
    const text = sums[n - 3], link = sums[n - 2], anchors = sums[n - 1];
    sums.length = n - 3;
    this.index.stats.set(el, { text, link, anchors });
    const isLink = el.name === 'a' && el.attribs.href !== undefined;
    sums[n - 6] += text;
    sums[n - 5] += isLink ? text : link;
    sums[n - 4] += anchors + (isLink ? 1 : 0);
  }

  override ontext(data: string): void {
    if (this.skipped) {
      if (this.skipped === 1 && this.removedText !== null) this.removedText += data;
      return;
    }
    super.ontext(data);
    if (this.index) this.sums[this.sums.length - 3] += countNonSpace(data);
  }

  // comments and the doctype are not built (removeNonContent drops them); the text around them stays two nodes
  override oncomment(): void {
    this.lastNode = null;
  }

  override onprocessinginstruction(): void {
    this.lastNode = null;
  }
}

const linkDensity = (s: TextStats | undefined) => (s && s.text ? s.link / s.text : 0);
const isContentLike = (s: TextStats | undefined) =>
  !!s && s.text >= CONTENT_LIKE_CHARS && linkDensity(s) < CONTENT_LIKE_LINK_DENSITY;

/** The first heading (or aria-label) of a box: how "Read also" boxes name themselves. */
function boxLabel(el: Element): string {
  const aria = attr(el, 'aria-label');
  if (aria) return aria;
  const stack: AnyNode[] = [...el.children];
  let seen = 0;
  while (stack.length && seen < 40) {
    const n = stack.shift()!;
    if (!isElement(n)) continue;
    seen++;
    if (HEADING_TAGS.has(n.name) || /(?:^|[-_\s])(?:title|heading|header|label)(?:$|[-_\s])/i.test(n.attribs.class ?? '')) {
      const t = innerText(n);
      if (t && t.length < 80) return t;
    }
    stack.unshift(...n.children);
  }
  return '';
}

/** An absolute http(s) address for a link or picture, or null for script, mail and in-page links. */
export const resolveUrl = (href: string, base: string | null | undefined): string | null => {
  if (!href || /^(?:javascript|mailto|tel|data):/i.test(href) || href.startsWith('#')) return null;
  try {
    return new URL(href, base || undefined).href;
  } catch {
    return /^https?:\/\//i.test(href) ? href : null;
  }
};

/** Headline-like links of a teaser box, as `related` entries. */
export function collectHeadlines(box: Element, baseUrl: string | null | undefined, into: RelatedHeadline[]): void {
  const walk = (node: ParentNode) => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (child.name === 'a' && child.attribs.href !== undefined) {
        const title = innerText(child);
        if (title.length >= HEADLINE_MIN_CHARS && title.length <= HEADLINE_MAX_CHARS && into.length < RELATED_MAX) {
          const url = resolveUrl(child.attribs.href, baseUrl);
          if (!into.some((r) => r.title === title || (url && r.url === url))) into.push({ title, url });
        }
        continue;
      }
      walk(child);
    }
  };
  walk(box);
}

export interface BoilerplateOptions {
  baseUrl?: string | null;
  /** Also drop link-dense blocks (lists of links). */
  linkDense?: boolean;
}

/**
 * Removes page chrome and widget boxes below `root`; the headlines of "related" boxes go to `related`.
 */
export function removeBoilerplate(root: ParentNode, related: RelatedHeadline[], options: BoilerplateOptions = {}, measured?: Map<Element, TextStats>): void {
  // `measured`: measureText(root) already taken (removeNonContent's index), the tree unchanged since
  const stats = measured ?? measureText(root);
  let pageText = 0;
  for (const child of root.children) if (isElement(child)) pageText += stats.get(child)?.text ?? 0;
  const walk = (node: ParentNode, inArticle: boolean) => {
    for (const el of [...node.children]) {
      if (!isElement(el)) continue;
      const verdict = judge(el, inArticle, stats, pageText, options);
      if (verdict === 'related') collectHeadlines(el, options.baseUrl, related);
      if (verdict) { removeNode(el); continue; }
      walk(el, inArticle || ARTICLE_TAGS.has(el.name) || el.attribs.itemprop === 'articleBody');
    }
  };
  walk(root, false);
}

type Verdict = 'related' | 'boilerplate' | null;

/** "Read also" / "Related" markers of the shared multilingual tables, folded for lookup. */
const readMoreKeys = lazy(() => new Set([...MARKERS.readAlso, ...MARKERS.related].map((m) => markerKey(m))));
const READ_MORE_LINE_MAX = 250;

/** A line that opens with a "read also" marker and a colon: "READ MORE: …", "اقرأ أيضا: …", "Lire aussi : …". */
function isReadMoreLine(text: string): boolean {
  const colon = text.search(/[:：]/);
  return colon > 0 && colon <= 40 && readMoreKeys().has(markerKey(text.slice(0, colon)));
}

const dominant = (s: TextStats | undefined, pageText: number) => !!s && s.text >= pageText * DOMINANT_SHARE;

/** A comment thread: a class token or the id is exactly a comment-section name (not "comments-open"). */
function isCommentSection(el: Element): boolean {
  if (COMMENT_SECTION.test(el.attribs.id ?? '')) return true;
  const cls = el.attribs.class;
  return !!cls && cls.split(/\s+/).some((t) => COMMENT_SECTION.test(t));
}

function judge(el: Element, inArticle: boolean, stats: Map<Element, TextStats>, pageText: number, options: BoilerplateOptions): Verdict {
  const name = el.name;
  if (name === 'html' || name === 'body' || ARTICLE_TAGS.has(name) || el.attribs.itemprop === 'articleBody' || el.attribs.role === 'main') return null;
  // inline elements are words of a sentence: a link styled as "popup" or a span named "ad-label" stays
  if (name === 'a' || PHRASING_ELEMS.has(name)) return null;
  const s = stats.get(el);
  // a widget is never most of the page: such a box is a layout wrapper whatever its class says
  const contentLike = isContentLike(s) || dominant(s, pageText);
  const match = matchStringOf(el);
  const label = attr(el, 'aria-label');
  // "related" boxes first: an <aside class="related"> gives headlines, not just chrome
  if (!contentLike && ((match && hasVocabularyWord(match, RELATED_WORDS)) || (label && RELATED_LABELS.test(label)))) return 'related';
  // comment threads can be long and read like prose (and outweigh the story), so length does not protect them;
  // the name must be exactly a comment-section name, so wrappers such as "comments-open" are not hit
  if (isCommentSection(el)) return 'boilerplate';
  const role = el.attribs.role;
  if (role && BOILERPLATE_ROLES.has(role) && !contentLike) return 'boilerplate';
  if (CHROME_TAGS_ANYWHERE.has(name) && !contentLike) return 'boilerplate';
  if (CHROME_TAGS_OUTSIDE_ARTICLE.has(name) && !inArticle && !contentLike) return 'boilerplate';
  // asides and footers inside the article are pull-outs and tag lists (Readability drops them too)
  if ((name === 'aside' || name === 'footer') && inArticle && !contentLike) return 'boilerplate';
  if (!contentLike) {
    if (match && hasVocabularyWord(match, BOILERPLATE_WORDS)) return 'boilerplate';
    if (label && WIDGET_LABELS.test(label)) return 'boilerplate';
  }
  if (!s || !s.text) return null;
  if (s.text <= WIDGET_TEXT_MAX && WIDGET_LABELS.test(innerText(el))) return 'boilerplate';
  // "Read more: <a>Other headline</a>" lines inside the story
  if (s.anchors && s.text <= READ_MORE_LINE_MAX && linkDensity(s) >= 0.5 && isReadMoreLine(innerText(el))) return 'related';
  const density = linkDensity(s);
  if (LINK_DENSE_TAGS.has(name) && s.anchors >= LINK_DENSE_MIN_ANCHORS) {
    // a box headed "Read also" / "اقرأ أيضا" whose links are its substance
    if (density >= 0.4 && RELATED_LABELS.test(boxLabel(el))) return 'related';
    if (options.linkDense && density >= LINK_DENSE_RATIO) return 'boilerplate';
  }
  return null;
}
