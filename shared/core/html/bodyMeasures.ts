/**
 * What the body search (findBody.ts) and its clean-up (prepArticle.ts) both measure: Readability's class and
 * id weight, the collapsed text length of a text node, commas, and the shape tests of a subtree.
 */
import { type AnyNode, type Element, type Text, elementChildren, isElement, isTextNode } from './dom.js';
import { COMMAS, NEGATIVE_CLASS, PHRASING_ELEMS, POSITIVE_CLASS } from './vocabulary.js';

/** Link text of in-page anchors (`#section`) weighs less: tables of contents are part of the article. */
export const HASH_LINK_WEIGHT = 0.3;
export const HASH_URL = /^#.+/;
export const CODE_TAG = new Set(['code']);

/** The switches of Readability's retry ladder (ATTEMPTS in findBody.ts), and the title the body must not repeat. */
export interface GrabOptions {
  stripUnlikelys: boolean;
  weightClasses: boolean;
  cleanConditionally: boolean;
  /** The article's title: an h1/h2 repeating it is dropped from the body. */
  title?: string | null;
}

export function classWeight(el: Element, opts: GrabOptions): number {
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

const COMMA = new RegExp(COMMAS.source);
/** Commas of a text; most text nodes have none, and the test that says so builds nothing. */
const commaCount = (text: string) => (COMMA.test(text) ? text.match(COMMAS)!.length : 0);

export function isPhrasingContent(node: AnyNode): boolean {
  if (isTextNode(node)) return true;
  if (!isElement(node)) return false;
  if (PHRASING_ELEMS.has(node.name)) return true;
  return (node.name === 'a' || node.name === 'del' || node.name === 'ins') && node.children.every(isPhrasingContent);
}

export function hasSingleTagInside(el: Element, tag: string): boolean {
  const kids = elementChildren(el);
  if (kids.length !== 1 || kids[0].name !== tag) return false;
  return !el.children.some((c) => isTextNode(c) && c.data.trim());
}

/** Any visible character below the node? Stops at the first one. */
export function hasText(node: AnyNode): boolean {
  if (isTextNode(node)) return textNodeLength(node.data) > 0;
  if ('children' in node && node.children) for (const child of node.children) if (hasText(child)) return true;
  return false;
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

/**
 * Collapsed lengths and commas of text nodes, each measured once per body search: its walk before scoring,
 * the one after, and prepArticle's profile of every conditionally cleaned subtree (nested, so the same text
 * again for each enclosing box) read the same nodes. Text nodes are moved, never edited, meanwhile.
 */
export class TextMeasures {
  /** One instance alive for its shape (see keepShapes in parse.ts): the code that reads it stays optimised across full GCs. */
  static readonly kept: TextMeasures = new TextMeasures();
  private readonly lengths = new Map<Text, number>();
  private readonly commaCounts = new Map<Text, number>();

  length(node: Text): number {
    let n = this.lengths.get(node);
    if (n === undefined) this.lengths.set(node, (n = textNodeLength(node.data)));
    return n;
  }

  commas(node: Text): number {
    let n = this.commaCounts.get(node);
    if (n === undefined) this.commaCounts.set(node, (n = commaCount(node.data)));
    return n;
  }
}
