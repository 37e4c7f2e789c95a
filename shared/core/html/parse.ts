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
import { Parser, Tokenizer } from 'htmlparser2';
import { MAX_TREE_DEPTH } from './dom.js';

/** The tokenizer state the fast paths below read and move (htmlparser2 declares it private). */
interface TokenizerState {
  buffer: string;
  index: number;
  offset: number;
  decodeEntities: boolean;
  /** Where the next `&` is at or after `index` (`buffer.length` when there is none), for `ampBuffer`. */
  ampAt: number;
  ampBuffer: string | undefined;
}
type TokenizerMethods = Record<'stateText' | 'stateInAttributeValueDoubleQuotes' | 'stateInAttributeValueSingleQuotes' | 'fastForwardTo', (c: number) => unknown>;

const LT = 0x3c, AMP = 0x26, DOUBLE_QUOTE = 0x22, SINGLE_QUOTE = 0x27;

/**
 * htmlparser2's tokenizer, skipping runs that change nothing with `indexOf` instead of one call per character:
 * text up to the next `<` or `&`, a quoted attribute value up to its quote or the next `&`, and the tokenizer's
 * own fast-forwards (script and style text, comments). Each step of its per-character loop costs far more
 * than the scan, above all in code not yet optimised. Same tokens, same
 * positions: the characters skipped are the ones those states pass over without acting.
 */
class RunSkippingTokenizer extends Tokenizer {
  // declared here so that every instance has one shape from the start (see keepShapes)
  ampAt = 0;
  ampBuffer: string | undefined = undefined;
}
{
  const base = Tokenizer.prototype as unknown as TokenizerMethods;
  const own = RunSkippingTokenizer.prototype as unknown as TokenizerMethods;
  /** The position just before the next `&` after `from`, cached per buffer (a page without any would be scanned once per run). */
  const nextAmp = (t: TokenizerState, from: number): number => {
    if (t.ampBuffer !== t.buffer || t.ampAt <= from) {
      const at = t.buffer.indexOf('&', from + 1);
      t.ampAt = at < 0 ? t.buffer.length : at;
      t.ampBuffer = t.buffer;
    }
    return t.ampAt;
  };
  /** Moves the tokenizer to the character before `stop` (its loop steps onto `stop`); a run to the end ends at the last character. */
  const skipTo = (t: TokenizerState, stop: number) => { t.index = t.offset + Math.min(stop, t.buffer.length) - 1; };
  own.stateText = function (this: TokenizerState, c: number) {
    if (c === LT || c === AMP || !this.decodeEntities) return base.stateText.call(this, c);
    const at = this.index - this.offset;
    const lt = this.buffer.indexOf('<', at + 1);
    skipTo(this, Math.min(lt < 0 ? this.buffer.length : lt, nextAmp(this, at)));
  };
  const inQuoted = (quote: number, state: 'stateInAttributeValueDoubleQuotes' | 'stateInAttributeValueSingleQuotes') => {
    const mark = String.fromCharCode(quote);
    own[state] = function (this: TokenizerState, c: number) {
      if (c === quote || c === AMP || !this.decodeEntities) return base[state].call(this, c);
      const at = this.index - this.offset;
      const end = this.buffer.indexOf(mark, at + 1);
      skipTo(this, Math.min(end < 0 ? this.buffer.length : end, nextAmp(this, at)));
    };
  };
  inQuoted(DOUBLE_QUOTE, 'stateInAttributeValueDoubleQuotes');
  inQuoted(SINGLE_QUOTE, 'stateInAttributeValueSingleQuotes');
  own.fastForwardTo = function (this: TokenizerState, c: number) {
    const at = this.buffer.indexOf(String.fromCharCode(c), this.index - this.offset + 1);
    if (at >= 0) {
      this.index = this.offset + at;
      return true;
    }
    this.index = this.offset + this.buffer.length - 1;
    return false;
  };
}

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
    super(handler, { Tokenizer: RunSkippingTokenizer });
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
  keptPlain ??= keepShapes(new DepthTrackingHandler());
  new DepthBoundedParser(handler, html, maxDepth).end(html);
  return handler.root;
}

/**
 * One of each construct the parser meets, one after another, to build the shapes keepShapes keeps alive:
 * the tokenizer's states and the node kinds, not a page.
 */
const SHAPE_CONSTRUCTS = [
  '<!doctype html>', // a directive
  '<html lang=x><head>', // an unquoted attribute value
  '<title>x &amp; x</title>', // raw text holding an entity
  '<meta name="x" content="y">', // a void element, double-quoted values
  '<script type="application/ld+json">{}</script><style>x{}</style>', // script and style text
  '</head><body><!-- x -->', // a comment
  '<p class="x" id="y" hidden>x</p>', // an attribute without a value
  "<div class='x'>x &amp; x &#39;&#x2014; <a href=\"?a=1&amp;b\">x</a><br><img src=x></div>", // entities in text and values, void elements
  '</body></html>',
];
const SHAPE_SAMPLE = SHAPE_CONSTRUCTS.join('');
let keptPlain: object | undefined;

/**
 * A parser, tokenizer, handler and small tree kept alive for their shapes. V8 throws away optimised code that
 * assumed an object shape once no live object has it, and between two documents nothing of a page is alive: a
 * full GC there (any that falls between documents; the bench forces one before each pass) deoptimised 113 of
 * the extractor's functions ("weak objects" in --trace-deopt; 27 parser internals remain), and the next 20
 * pages ran about six times slower. Callers keep the result (one per handler class; this module keeps the
 * plain handler's).
 */
export function keepShapes(handler: DepthTrackingHandler): object {
  const parser = new DepthBoundedParser(handler, SHAPE_SAMPLE, MAX_TREE_DEPTH);
  parser.end(SHAPE_SAMPLE);
  return parser;
}
