/**
 * Small helpers over the htmlparser2 (domhandler) tree. The extractor works on that tree directly:
 * one parse per page, no DOM emulation, and cheerio wraps the same nodes where selectors read better.
 * Functions that change the tree say so in their name (remove…, replace…, set…).
 */
import { Element, Text } from 'domhandler';
import type { AnyNode, ChildNode, ParentNode } from 'domhandler';
import { foldHtmlSpaces } from '../spaces.js';

export { Element, Text };
export type { AnyNode, ChildNode, ParentNode };

export const isElement = (node: AnyNode | null | undefined): node is Element =>
  !!node && (node.type === 'tag' || node.type === 'script' || node.type === 'style');
export const isTextNode = (node: AnyNode | null | undefined): node is Text => !!node && node.type === 'text';

const tagOf = (node: AnyNode | null | undefined): string => (isElement(node) ? node.name : '');

export const attr = (el: Element, name: string): string => el.attribs[name] ?? '';

/** Class and id joined, the string Readability matches its vocabularies against. */
export const matchStringOf = (el: Element): string => {
  const c = el.attribs.class, i = el.attribs.id;
  return c && i ? `${c} ${i}` : c || i || '';
};

/** Whitespace as HTML collapses it (spaces.ts), trimmed. */
export const normaliseSpace = (text: string): string => foldHtmlSpaces(text).trim();

/** All text below a node, as stored (no whitespace folding). */
export function rawText(node: AnyNode): string {
  if (isTextNode(node)) return node.data;
  if (!('children' in node) || !node.children) return '';
  let out = '';
  for (const child of node.children) out += rawText(child);
  return out;
}

const isSpaceCode = (c: number) =>
  c <= 32 || c === 160 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/**
 * `innerText(node).length` without building the string: non-space characters plus one per inner
 * whitespace run. The scoring loops call it often, on big subtrees.
 */
export function textLength(node: AnyNode): number {
  let length = 0;
  let started = false;
  let pendingSpace = false;
  const visit = (n: AnyNode) => {
    if (n.type === 'text') {
      const d = (n as Text).data;
      for (let i = 0; i < d.length; i++) {
        if (isSpaceCode(d.charCodeAt(i))) {
          if (started) pendingSpace = true;
        } else {
          if (pendingSpace) { length++; pendingSpace = false; }
          length++;
          started = true;
        }
      }
      return;
    }
    const kids = (n as ParentNode).children;
    if (kids) for (let i = 0; i < kids.length; i++) visit(kids[i]);
  };
  visit(node);
  return length;
}

/** The text a reader sees below a node, whitespace folded. */
export const innerText = (node: AnyNode): string => normaliseSpace(rawText(node));

export const elementChildren = (node: ParentNode): Element[] => node.children.filter(isElement);

/** Every element below `root` (not root itself) in document order whose tag is in `tags`. */
export function elementsByTag(root: ParentNode, tags: ReadonlySet<string> | string): Element[] {
  const out: Element[] = [];
  const want = typeof tags === 'string' ? new Set([tags]) : tags;
  const walk = (node: ParentNode) => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (want.has(child.name)) out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** Every element below `root` in document order. */
export function descendants(root: ParentNode): Element[] {
  const out: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const child of node.children) if (isElement(child)) { out.push(child); walk(child); }
  };
  walk(root);
  return out;
}

export function hasAncestorTag(node: AnyNode, tags: ReadonlySet<string>, maxDepth = -1): boolean {
  let depth = 0;
  for (let p = node.parent; p && isElement(p); p = p.parent) {
    if (maxDepth > 0 && depth >= maxDepth) return false;
    if (tags.has(p.name)) return true;
    depth++;
  }
  return false;
}

export function ancestors(node: AnyNode, maxDepth = 0): Element[] {
  const out: Element[] = [];
  for (let p = node.parent; p && isElement(p); p = p.parent) {
    out.push(p);
    if (maxDepth && out.length === maxDepth) break;
  }
  return out;
}

/**
 * The index of a child in its parent's array. Edits mostly walk siblings in order, so the last index found
 * for a parent (and its neighbours) is tried first: a pass over 100,000 siblings stays linear.
 */
const lastIndex = new WeakMap<ParentNode, number>();
function indexInParent(parent: ParentNode, node: ChildNode): number {
  const kids = parent.children;
  const hint = lastIndex.get(parent);
  if (hint !== undefined) {
    for (const i of [hint, hint + 1, hint - 1]) {
      if (kids[i] === node) {
        lastIndex.set(parent, i);
        return i;
      }
    }
  }
  const i = kids.indexOf(node);
  if (i >= 0) lastIndex.set(parent, i);
  return i;
}

export function removeNode(node: ChildNode): void {
  const parent = node.parent;
  if (!parent) return;
  const i = indexInParent(parent, node);
  if (i >= 0) parent.children.splice(i, 1);
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = node.prev = node.next = null;
}

/** Re-links prev/next/parent of a parent's children after the array was edited. */
export function relinkChildren(parent: ParentNode): void {
  const kids = parent.children;
  for (let i = 0; i < kids.length; i++) {
    kids[i].parent = parent;
    kids[i].prev = i > 0 ? kids[i - 1] : null;
    kids[i].next = i < kids.length - 1 ? kids[i + 1] : null;
  }
}

/**
 * Moves `nodes` (children of `from`, in order) to the end of `to` in one pass over each array: moving them
 * one by one would splice `from`'s array once per node (quadratic on pages with many siblings).
 */
export function moveChildren(from: ParentNode, to: ParentNode, nodes: readonly ChildNode[] = from.children): void {
  const moving = new Set(nodes);
  const moved = from.children.filter((c) => moving.has(c));
  from.children = from.children.filter((c) => !moving.has(c));
  to.children = to.children.concat(moved); // not push(...moved): spreading 100,000 arguments overflows the stack
  relinkChildren(from);
  relinkChildren(to);
}

export function appendChildNode(parent: ParentNode, child: ChildNode): void {
  if (child.parent) removeNode(child);
  parent.children.push(child);
  child.parent = parent;
  const prev = parent.children[parent.children.length - 2] ?? null;
  child.prev = prev;
  child.next = null;
  if (prev) prev.next = child;
}

export function replaceNode(old: ChildNode, replacement: ChildNode): void {
  const parent = old.parent;
  if (!parent) return;
  if (replacement.parent) removeNode(replacement);
  const i = indexInParent(parent, old);
  parent.children[i] = replacement;
  replacement.parent = parent;
  replacement.prev = old.prev;
  replacement.next = old.next;
  if (old.prev) old.prev.next = replacement;
  if (old.next) old.next.prev = replacement;
  old.parent = old.prev = old.next = null;
}

/** Replaces a node by its children (unwrap). */
function unwrapNode(node: Element): void {
  const parent = node.parent;
  if (!parent) return;
  const i = parent.children.indexOf(node);
  parent.children.splice(i, 1, ...node.children);
  node.children = [];
  relinkChildren(parent);
  node.parent = node.prev = node.next = null;
}

export const newElement = (name: string, attribs: Record<string, string> = {}): Element => new Element(name, attribs);

/** Renames an element in place (Readability's _setNodeTag), keeping children and attributes. */
export function setTag(el: Element, name: string): void {
  el.name = name;
}

/**
 * The next element in document order after `node`, optionally skipping its subtree (Readability's
 * _getNextNode); with `within`, never leaves that subtree.
 */
export function nextElementInOrder(node: AnyNode, skipChildren = false, within?: AnyNode): Element | null {
  if (!skipChildren && 'children' in node && node.children) {
    const first = node.children.find(isElement);
    if (first) return first;
  }
  for (let n: AnyNode | null = node; n && n.type !== 'root' && n !== within; n = n.parent) {
    for (let s = n.next; s; s = s.next) if (isElement(s)) return s;
  }
  return null;
}

/** Deeper than this, a tree is malformed (unclosed inline tags), and recursive walks would overflow the stack. */
export const MAX_TREE_DEPTH = 400;

/**
 * Flattens whatever sits deeper than `maxDepth` into one text node (iteratively, so it works on any depth).
 * Real pages nest a few dozen levels; thousands mean unclosed `<font>`/`<b>` runs whose structure carries nothing.
 */
export function capDepth(root: ParentNode, maxDepth = MAX_TREE_DEPTH): void {
  const stack: [ParentNode, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (depth + 1 < maxDepth) { stack.push([child, depth + 1]); continue; }
      // gather the text below iteratively and keep it as the element's only child
      let text = '';
      const pending: AnyNode[] = [...child.children].reverse();
      while (pending.length) {
        const n = pending.pop()!;
        if (isTextNode(n)) text += n.data;
        else if ('children' in n && n.children && (!isElement(n) || (n.name !== 'script' && n.name !== 'style'))) {
          for (let i = n.children.length - 1; i >= 0; i--) pending.push(n.children[i]);
        }
      }
      const t = new Text(text);
      child.children = [t];
      t.parent = child;
    }
  }
}
