/**
 * HTML text → htmlparser2 (domhandler) tree, in time linear in the page whatever its nesting.
 *
 * htmlparser2 keeps its open-element stack with `unshift`/`shift`, so every tag costs a pass over the
 * elements still open: 80,000 unclosed-or-nested levels took 30 s, 200,000 near 5 minutes. Here the parser
 * stops opening elements `MAX_TREE_DEPTH` levels down (the depth past which the cleaner flattens a tree
 * anyway, dom.ts): deeper tags are dropped with their matching end tags and their text stays, as text
 * of the deepest element kept. Void elements and raw-text elements (script, style…) are still added there,
 * as leaves. Real pages nest a few dozen levels, so for them the tree is exactly `parseDocument`'s.
 */
import { type Document, DomHandler } from 'domhandler';
import { Parser } from 'htmlparser2';
import { MAX_TREE_DEPTH } from './dom.js';

/** Elements whose content htmlparser2's tokenizer reads as raw text (no tags inside): added as leaves at any depth. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'title', 'textarea', 'xmp']);

export class DepthTrackingHandler extends DomHandler {
  /** Elements open at this point of the parse (the document itself excluded). */
  get openElements(): number {
    return this.tagStack.length - 1;
  }
}

class DepthBoundedParser extends Parser {
  /** Start tags not opened, by name, whose end tags are still to come. */
  private readonly dropped = new Map<string, number>();
  private droppedOpen = 0;

  constructor(private readonly handler: DepthTrackingHandler, private readonly html: string, private readonly maxDepth: number) {
    super(handler);
  }

  override onopentagname(start: number, endIndex: number): void {
    if (this.handler.openElements >= this.maxDepth) {
      const name = this.html.slice(start, endIndex).toLowerCase();
      if (!this.isVoidElement(name) && !RAW_TEXT_ELEMENTS.has(name)) {
        this.dropped.set(name, (this.dropped.get(name) ?? 0) + 1);
        this.droppedOpen++;
        return; // its attributes find no open tag and are ignored; endOpenTag emits nothing
      }
    }
    super.onopentagname(start, endIndex);
  }

  override onclosetag(start: number, endIndex: number): void {
    if (this.droppedOpen) {
      const name = this.html.slice(start, endIndex).toLowerCase();
      const open = this.dropped.get(name);
      if (open) {
        this.dropped.set(name, open - 1);
        this.droppedOpen--;
        this.startIndex = endIndex + 1;
        return;
      }
    }
    super.onclosetag(start, endIndex);
  }
}

/** Parses a page (htmlparser2's defaults, as `parseDocument`), never nesting deeper than `maxDepth` elements. */
export function parseHtml(html: string, maxDepth = MAX_TREE_DEPTH): Document {
  return parseWith(new DepthTrackingHandler(), html, maxDepth);
}

/** `parseHtml` with another handler (one that builds less of the tree, clean.ts): the same parser events. */
export function parseWith(handler: DepthTrackingHandler, html: string, maxDepth = MAX_TREE_DEPTH): Document {
  new DepthBoundedParser(handler, html, maxDepth).end(html);
  return handler.root;
}
