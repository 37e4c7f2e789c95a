/**
 * The kept body subtree → body blocks in reading order.
 *
 * Every block element that holds text becomes one block: paragraphs, list items, quotes, table cells,
 * preformatted text; h1–h6 become `heading` blocks. `<br>` is a line break inside a block; `<pre>` keeps its
 * lines. Inline elements (links, emphasis, spans) are read through.
 *
 * Figure captions and credits are not read here: `takeFigures` (figures.ts) takes them out of the tree first,
 * into the record's `images`; a `<figcaption>` still present (one too long to be a caption) is read as body.
 */
import type { BodyBlock } from '../model.js';
import { type ParentNode, isElement, normaliseSpace } from './dom.js';
import { BLOCK_TAGS, HEADING_TAGS } from './vocabulary.js';

const HORIZONTAL_SPACES = /[^\S\n]+|[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g;
/** Marks a hard line break while text is gathered (folded to `\n` at the end). */
const BREAK = '\u0000';
const SKIP_TAGS = new Set(['script', 'style', 'template', 'noscript', 'head', 'title', 'svg', 'button', 'select', 'option', 'textarea']);

/** Folds one gathered block: hard breaks kept as `\n`, other whitespace runs as one space. */
function finish(raw: string, pre: boolean): string {
  if (pre) {
    return raw.split(/\u0000|\n/).map((line) => line.replace(HORIZONTAL_SPACES, (m) => m.replace(/[^\t ]/g, ' ')).replace(/\s+$/, ''))
      .filter((line, i, lines) => line.trim() || (i > 0 && i < lines.length - 1 && lines[i - 1].trim()))
      .join('\n').replace(/^\n+|\n+$/g, '');
  }
  if (!raw.includes(BREAK)) return normaliseSpace(raw);
  return raw.split(BREAK).map(normaliseSpace).filter(Boolean).join('\n');
}

/** Reads the body below `root` as heading and paragraph blocks. */
export function blocksOf(root: ParentNode): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  let parts: string[] = [];
  let pre = false;
  const flush = (kind: BodyBlock['kind'] = 'paragraph') => {
    if (parts.length) {
      const text = finish(parts.join(''), pre);
      if (text) blocks.push({ kind, text });
      parts = [];
    }
    pre = false;
  };
  const walk = (node: ParentNode, inPre: boolean) => {
    for (const child of node.children) {
      if (child.type === 'text') {
        parts.push((child as { data: string }).data);
        if (inPre) pre = true;
        continue;
      }
      if (!isElement(child) || SKIP_TAGS.has(child.name)) continue;
      const name = child.name;
      if (name === 'br') { parts.push(inPre ? '\n' : BREAK); continue; }
      if (name === 'img') continue;
      if (HEADING_TAGS.has(name)) {
        flush();
        walk(child, inPre);
        flush('heading');
      } else if (BLOCK_TAGS.has(name)) {
        flush();
        walk(child, inPre || name === 'pre');
        flush();
      } else walk(child, inPre);
    }
  };
  walk(root, false);
  flush();
  return blocks;
}
