/**
 * The depth-bounded parse: the same tree as htmlparser2's `parseDocument` on real pages, and on pages nested
 * thousands of levels deep a tree no deeper than MAX_TREE_DEPTH that keeps every word and puts what follows
 * the deep part where it belongs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { MAX_TREE_DEPTH, elementsByTag, isElement, rawText } from '../../../shared/core/html/dom.js';
import { type PageIndex, emptyIndex, parseCleaned, removeNonContent } from '../../../shared/core/html/clean.js';
import { extractFromHtml } from '../../../shared/core/html/extractHtml.js';
import { parseHtml } from '../../../shared/core/html/parse.js';
import { page, prose } from './helpers.js';
import { CORPUS } from '../../support/referencePaths.js';


/** The tree as text (tags, attributes, text), iteratively so that any depth works. */
function shape(root: AnyNode): string {
  const out: string[] = [];
  const stack: (AnyNode | string)[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n === 'string') { out.push(n); continue; }
    if (isElement(n)) {
      out.push(`<${n.name}${Object.entries(n.attribs).map(([k, v]) => ` ${k}="${v}"`).join('')}>`);
      stack.push(`</${n.name}>`);
    } else if (n.type === 'text') out.push(JSON.stringify((n as { data: string }).data));
    else if (n.type === 'comment') out.push(`<!--${(n as { data: string }).data}-->`);
    if ('children' in n && n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out.join('');
}

/** The index as text: its elements by their place in the tree (or by their shape when removed from it), its measures. */
function indexShape(index: PageIndex, doc: AnyNode): string {
  const place = new Map<AnyNode, number>();
  const stack: AnyNode[] = [doc];
  while (stack.length) {
    const n = stack.pop()!;
    place.set(n, place.size);
    if ('children' in n && n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  const ref = (el: AnyNode | null) => (el ? place.get(el) ?? shape(el) : null);
  const { stats, ...rest } = index;
  return JSON.stringify({
    ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : ref(x))) : typeof v === 'object' ? ref(v) : v])),
    stats: [...stats].map(([el, s]) => [ref(el), s.text, s.link, s.anchors]),
  });
}

/** Every prev/next/parent link agrees with the children arrays. */
function linked(root: AnyNode): boolean {
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    const kids = 'children' in n && n.children ? n.children : [];
    for (let i = 0; i < kids.length; i++) {
      if (kids[i].parent !== n || kids[i].prev !== (kids[i - 1] ?? null) || kids[i].next !== (kids[i + 1] ?? null)) return false;
      stack.push(kids[i]);
    }
  }
  return true;
}

function maxDepth(root: AnyNode): number {
  let deepest = 0;
  const stack: [AnyNode, number][] = [[root, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    deepest = Math.max(deepest, d);
    if ('children' in n && n.children) for (const c of n.children) if (isElement(c)) stack.push([c, d + 1]);
  }
  return deepest;
}

const corpusPages = () => readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(CORPUS, d.name)).filter((f) => f.endsWith('.html')).map((f) => join(CORPUS, d.name, f)));

describe('parseHtml', () => {
  it('gives exactly parseDocument’s tree on every corpus page', () => {
    const pages = corpusPages();
    expect(pages.length).toBeGreaterThan(50);
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      expect(shape(parseHtml(html)), file).toBe(shape(parseDocument(html)));
    }
  });

  it('gives exactly parseDocument’s tree on snippets that end text, attribute values and raw text anywhere', () => {
    // the tokenizer skips runs with indexOf: entities, quotes and end tags at every position, cut off anywhere
    const bits = ['<', '>', '&', '&amp;', '&am', '&#38;', '&notit;', '"', "'", '=', ' ', '\n', 'word', '<p>', '</p>', '<div class="a&amp;b">',
      "<a href='?a=1&b=2'>", '</a>', '<script>', '</script>', '<style>', '</style>', '<title>', '</title>', '<!--', '-->', '<!DOCTYPE html>',
      '<![CDATA[', ']]>', '<br/>', '<img alt="q">', '<textarea>', '</textarea>', '</', 'x=', '"&', "&'"];
    let seed = 1;
    const next = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    for (let k = 0; k < 3000; k++) {
      let html = '';
      for (let i = 1 + next(30); i > 0; i--) html += bits[next(bits.length)];
      expect(shape(parseHtml(html)), html).toBe(shape(parseDocument(html)));
    }
  });

  it.each([
    ['nested div', (n: number, inner: string) => `${'<div>'.repeat(n)}${inner}${'</div>'.repeat(n)}`],
    ['nested span, Arabic', (n: number, inner: string) => `${'<span class="x">'.repeat(n)}${inner}${'</span>'.repeat(n)}`],
    ['unclosed font and b', (n: number, inner: string) => `${'<font><b>'.repeat(n / 2)}${inner}`],
    ['mixed tags', (n: number, inner: string) => `${'<div><section><em>'.repeat(n / 3)}${inner}${'</em></section></div>'.repeat(n / 3)}`],
  ])('%s 6,000 levels deep: bounded depth, every word kept', (what, nest) => {
    const words = what.includes('Arabic') ? prose('ar', 2) : prose('en', 2);
    const html = page(`${nest(6000, `${words}<br><script>var deep = 1;</script>`)}<p id="after">After the deep part.</p>`);
    const doc = parseHtml(html);
    expect(maxDepth(doc)).toBeLessThanOrEqual(MAX_TREE_DEPTH + 1);
    const text = rawText(doc);
    for (const sentence of words.replace(/<\/?p>/g, '\n').split('\n').filter(Boolean)) expect(text).toContain(sentence);
    if (!what.startsWith('unclosed')) {
      const after = elementsByTag(doc, 'p').find((p) => p.attribs.id === 'after')!;
      expect((after.parent as { name?: string }).name).toBe('body');
    }
    expect(elementsByTag(doc, 'script').map(rawText)).toEqual(['var deep = 1;']);
  });

  it('an article nested 20,000 levels deep is still read out', () => {
    const html = page(`${'<div>'.repeat(20_000)}<h1>Council budget</h1>${prose('fr', 4)}${'</div>'.repeat(20_000)}`, '<title>Council budget</title>');
    const [article] = extractFromHtml(html);
    expect(article.title).toBe('Council budget');
    expect(article.blocks.map((b) => b.text).join(' ')).toContain('Le conseil municipal');
  });
});

describe('parseCleaned', () => {
  const twoSteps = (html: string) => {
    const doc = parseHtml(html);
    const index = emptyIndex();
    removeNonContent(doc, index);
    return { doc, index };
  };
  const edgePages = [
    page('<p>before<!-- note -->after<script>var x;</script>tail<span hidden>gone <b>bold</b></span>end</p>'
      + '<div style="display:none"><script type="application/ld+json">{"hidden":1}</script><h1>Hidden</h1></div><h1>Shown</h1>'
      + '<svg><title>Icon</title><path d="M0"/></svg><a href="/x">link <em>text</em></a><noscript><meta name="x" content="y"></noscript>',
    '<title></title><title>Second title</title><script type="application/ld+json">{"@type":"NewsArticle"}</script><link rel="canonical" href="/c">'),
    page(`${'<div>'.repeat(MAX_TREE_DEPTH + 20)}deep words<script>var deep = 1;</script>${'</div>'.repeat(MAX_TREE_DEPTH + 20)}<p>After</p>`),
  ];

  it('gives exactly the tree and the index of parseHtml then removeNonContent, on every corpus page and edge cases', () => {
    for (const [what, html] of [...corpusPages().map((f) => [f, readFileSync(f, 'utf8')]), ...edgePages.map((h, i) => [`edge ${i}`, h])]) {
      const expected = twoSteps(html);
      const index = emptyIndex();
      const doc = parseCleaned(html, index);
      expect(shape(doc), what).toBe(shape(expected.doc));
      expect(indexShape(index, doc), what).toBe(indexShape(expected.index, expected.doc));
      expect(linked(doc), what).toBe(true);
      expect(shape(parseCleaned(html)), what).toBe(shape(expected.doc));
    }
  });
});
