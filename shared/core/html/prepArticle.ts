/**
 * The clean-up of the kept body (Readability's _prepArticle): forms, share bars, footers and asides out;
 * link-heavy lists, image galleries and small boxes of other content removed conditionally from one walk's
 * profile of each subtree; data tables and code kept; single-cell layout tables unwrapped.
 */
import {
  classWeight, CODE_TAG, type GrabOptions, HASH_LINK_WEIGHT, HASH_URL, hasSingleTagInside, hasText,
  isPhrasingContent, TextMeasures,
} from './bodyMeasures.js';
import {
  type AnyNode, descendants, type Element, elementChildren, elementsByTag, hasAncestorTag, innerText, isElement,
  isTextNode, matchStringOf, type ParentNode, removeNode, replaceNode, setTag, textLength,
} from './dom.js';
import { AD_WORDS, DIV_TO_P_ELEMS, HEADING_TAGS, LOADING_WORDS, SHARE_CLASS } from './vocabulary.js';

const TEXTISH_TAGS = new Set(['span', 'li', 'td', ...DIV_TO_P_ELEMS]);
const LIST_TAGS = new Set(['ul', 'ol']);
const FIGURE_TAG = new Set(['figure']);
const DATA_TABLE_DESCENDANTS = new Set(['caption', 'colgroup', 'col', 'tfoot', 'thead', 'th']);
const MEDIA_TAGS = new Set(['img', 'embed', 'object', 'iframe']);
const SHARE_ELEMENT_MAX_CHARS = 500;

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

export function prepArticle(content: Element, opts: GrabOptions, measures: TextMeasures): void {
  const { all, byTag } = bucketByTag(content);
  const tagged = (tag: string) => (byTag.get(tag) ?? []).filter((el) => isAttached(el, content));
  const dataTables = new Set(tagged('table').filter(isDataTable));
  const clean = (tag: string) => { for (const el of tagged(tag)) removeNode(el); };

  cleanConditionally(tagged('form'), content, 'form', opts, dataTables, measures);
  cleanConditionally(tagged('fieldset'), content, 'fieldset', opts, dataTables, measures);
  clean('footer'); clean('aside'); clean('link');
  // share bars inside the article (short boxes named share/sharedaddy)
  for (const el of all) {
    if (el.parent !== content && SHARE_CLASS.test(matchStringOf(el)) && isAttached(el, content) && textLength(el) < SHARE_ELEMENT_MAX_CHARS) removeNode(el);
  }
  // headers that are styled as something else (class weight below zero)
  for (const h of [...tagged('h1'), ...tagged('h2')]) if (classWeight(h, opts) < 0) removeNode(h);
  cleanConditionally(tagged('table'), content, 'table', opts, dataTables, measures);
  cleanConditionally(tagged('ul'), content, 'ul', opts, dataTables, measures);
  cleanConditionally(tagged('div'), content, 'div', opts, dataTables, measures);
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
function cleanConditionally(nodes: Element[], root: Element, tag: string, opts: GrabOptions, dataTables: Set<Element>, measures: TextMeasures): void {
  if (!opts.cleanConditionally) return;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i];
    if (!isAttached(node, root)) continue;
    if (shouldRemove(node, tag, opts, dataTables, measures)) removeNode(node);
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

function profileOf(node: Element, dataTables: Set<Element>, measures: TextMeasures): SubtreeProfile {
  const pr: SubtreeProfile = { length: 0, links: 0, headings: 0, textish: 0, lists: 0, commas: 0, p: 0, img: 0, li: 0, input: 0, hasDataTable: false };
  // link weight, and how many heading / textish / list elements enclose the text (nested ones count again, as in Readability)
  const visit = (n: AnyNode, link: number, headings: number, textish: number, lists: number) => {
    if (isTextNode(n)) {
      const len = measures.length(n);
      if (!len) return;
      pr.length += len;
      pr.links += len * link;
      pr.headings += len * headings;
      pr.textish += len * textish;
      pr.lists += len * lists;
      pr.commas += measures.commas(n);
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

function shouldRemove(node: Element, tag: string, opts: GrabOptions, dataTables: Set<Element>, measures: TextMeasures): boolean {
  if (tag === 'table' && dataTables.has(node)) return false;
  for (let p = node.parent; p && isElement(p); p = p.parent) if (p.name === 'table' && dataTables.has(p)) return false;
  if (hasAncestorTag(node, CODE_TAG)) return false;
  const pr = profileOf(node, dataTables, measures);
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
