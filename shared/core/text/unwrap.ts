/**
 * Hard-wrapped text (mail archives, wire feeds, plain-text dumps cut at 72 columns) rejoined into its
 * paragraphs before lines are classified, so the classifier sees paragraphs, not fragments.
 *
 * The wrap width is read from the text itself: a wrapper breaks a line when the next word would not fit,
 * so a wrapped line is "full" for width W when W lies between its own width and its width plus the next
 * line's first word. The width most lines are full for is the text's wrap width; a text is wrapped when
 * enough lines are full for it and few lines are longer. Then a line break is a wrap (and is removed)
 * only where the line is full and the next line goes on with the same block: real short lines
 * (headlines, datelines, signatures, a paragraph's last line), list items, indented starts and blank
 * lines stay where they are. Nothing else changes: the output has the same characters, with some line
 * breaks turned into spaces (or removed between two characters of a script written without spaces).
 */
import { UNSPACED_RE } from './scripts.js';
import { lazy } from '../lazy.js';

/** No prose is wrapped narrower or wider than this (columns); outside it, line lengths say nothing. */
const WRAP_WIDTH_RANGE = { min: 40, max: 200 } as const;

/** A text is read as wrapped when at least this many lines are full for one width… */
const MIN_FULL_LINES = 2;
/** …they are at least this share of the lines nearly that wide (headlines and short lines say nothing)… */
const MIN_FULL_SHARE = 0.5;
/** …and lines wider than the width (URLs, one unwrapped paragraph) are at most this share of the full ones. */
const MAX_OVER_SHARE = 0.2;
/** …and at least this share of the full lines end mid-sentence (a wrapper cuts where the width falls, prose lines end at a sentence). */
const MIN_MID_SENTENCE_SHARE = 0.5;
/** A line this close to the width that goes on in lower case is a wrap even when the next word would have fit (balanced wrappers like fmt). */
const LOOSE_FULL_SHARE = 0.8;

/** Scripts written without spaces (and their full-width punctuation): a wrap next to one joins with nothing between. */
const noSpaceJoin = lazy(() => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\uFF00-\uFFEF]/u);
/** East Asian wide characters take two columns in a fixed-width dump. */
const wideRe = lazy(() => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF01-\uFF60\uFFE0-\uFFE6]/u);
const combiningRe = lazy(() => /\p{M}/u);
const SENTENCE_END = /[.!?…。！？؟।]["'”’»)\]」』]*$/u;
const startsUpper = lazy(() => /^\p{Lu}/u);
const startsContinuing = lazy(() => /^(?:\p{Ll}|\p{N}|[,;:)\]}%’”»-])/u);
const casedLetter = lazy(() => /[\p{Lu}\p{Ll}]/u);
/** A list item, a quoted reply line or a table row starts its own line. */
const ownLineStart = lazy(() => /^(?:[-*•·▪◦–—+>|]\s|\d{1,3}[.)]\s|\(\p{L}\)\s|\p{L}[.)]\s)/u);
/** Column-aligned runs (tables, code, signatures laid out with spaces) are not prose. */
const ALIGNED = /\S {3,}\S|\t/u;

type Measure = (s: string) => number;

/** Code points (what most wrappers count: Python's textwrap, fold on UTF-8 aware systems). */
const codePoints: Measure = (s) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};
/** Letters as a reader sees them: combining marks (Thai vowels, Arabic harakat, Devanagari signs) take no column. */
const glyphs: Measure = (s) => {
  let n = 0;
  const combining = combiningRe();
  for (const ch of s) if (!combining.test(ch)) n++;
  return n;
};
/** Terminal columns: East Asian wide characters count two. */
const columns: Measure = (s) => {
  let n = 0;
  const [combining, wide] = [combiningRe(), wideRe()];
  for (const ch of s) if (!combining.test(ch)) n += wide.test(ch) ? 2 : 1;
  return n;
};

interface Line { text: string; indent: number; blank: boolean }

const firstWordOf = (text: string): string => {
  const first = [...text][0] ?? '';
  if (noSpaceJoin().test(first)) return first; // a wrapper may break anywhere between these
  const m = /^\S+/u.exec(text);
  return m ? m[0] : '';
};

const proseLike = (text: string) => !ALIGNED.test(text) && (/\S\s+\S/u.test(text) || UNSPACED_RE.test(text));

interface Wrap { width: number; measure: Measure }

/** The wrap width of the text under one way of measuring, with how many lines are full for it; null when too few are. */
function wrapWidth(lines: Line[], measure: Measure): { width: number; full: number } | null {
  const { min, max } = WRAP_WIDTH_RANGE;
  const delta = new Int32Array(max + 3);
  const widths: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const w = line.blank ? 0 : measure(line.text) + line.indent;
    widths.push(w);
    const next = lines[i + 1];
    if (line.blank || !next || next.blank || w > max || !proseLike(line.text)) continue;
    // full for W in [w, w + 1 + next word]: the next word would have made the line longer than W
    const from = Math.max(min, w);
    const to = Math.min(max, w + 1 + measure(firstWordOf(next.text)));
    if (from > to) continue;
    delta[from]++;
    delta[to + 1]--;
  }
  let best = 0;
  let bestCount = 0;
  for (let W = min, run = 0; W <= max; W++) {
    run += delta[W];
    if (run > bestCount) [best, bestCount] = [W, run];
  }
  if (bestCount < MIN_FULL_LINES) return null;
  let wide = 0;
  let over = 0;
  let midSentence = 0;
  for (let i = 0; i < lines.length; i++) {
    const w = widths[i];
    if (w >= LOOSE_FULL_SHARE * best) wide++;
    // a longer line the wrapper could have broken (one with a space in it; a long URL or an unspaced run it cannot)
    if (w > best + 1 && /\S\s+\S/u.test(lines[i].text)) over++;
    const next = lines[i + 1];
    if (w <= best && next && !next.blank && w + 1 + measure(firstWordOf(next.text)) >= best && !SENTENCE_END.test(lines[i].text)) midSentence++;
  }
  // two full lines that end mid-sentence at least: one such line is as often a headline over its byline
  if (bestCount < MIN_FULL_SHARE * (wide - over) || over > MAX_OVER_SHARE * bestCount) return null;
  if (midSentence < MIN_MID_SENTENCE_SHARE * bestCount || midSentence < MIN_FULL_LINES) return null;
  return { width: best, full: bestCount };
}

/** How the text is wrapped (its width and how it measures lines), or null when it is not hard-wrapped. */
export function detectWrap(text: string): Wrap | null {
  const lines = linesOf(text);
  if (lines.length < MIN_FULL_LINES + 1) return null;
  let found: Wrap | null = null;
  let most = 0;
  for (const measure of [codePoints, glyphs, columns]) {
    const r = wrapWidth(lines, measure);
    if (r && r.full > most) [found, most] = [{ width: r.width, measure }, r.full];
  }
  return found;
}

function linesOf(text: string): Line[] {
  return text.split('\n').map((raw) => {
    const text = raw.replace(/[ \t\r\u00A0\u3000]+$/u, '');
    const indent = /^[ \t\u00A0\u3000]*/u.exec(text)![0].length;
    return { text: text.slice(indent), indent, blank: !text.trim() };
  });
}

/** Is the break after `line` a wrap, for a text wrapped at `wrap`? */
function isWrap(line: Line, next: Line, wrap: Wrap): boolean {
  if (line.blank || next.blank || next.indent > line.indent || ownLineStart().test(next.text) || !proseLike(line.text)) return false;
  const w = wrap.measure(line.text) + line.indent;
  if (w > wrap.width + 1) return false;
  const first = firstWordOf(next.text);
  // one column of slack: some wrappers keep lines under the width, not at most at it
  const greedyFull = w + (noSpaceJoin().test(first) ? 0 : 1) + wrap.measure(first) >= wrap.width - 1;
  const continues = startsContinuing().test(next.text) && !SENTENCE_END.test(line.text);
  if (!greedyFull && !(continues && w >= LOOSE_FULL_SHARE * wrap.width)) return false;
  // a sentence that ends with the line, then a short line that starts a new one: a headline, a dateline,
  // a signature or a new paragraph's one line, not the rest of this paragraph
  if (SENTENCE_END.test(line.text) && (startsUpper().test(next.text) || !casedLetter().test(next.text[0] ?? ''))) {
    const nextWidth = wrap.measure(next.text) + next.indent;
    if (nextWidth < LOOSE_FULL_SHARE * wrap.width) return false;
  }
  return true;
}

/**
 * What goes between two pieces of one line of prose: nothing when a script written without spaces meets
 * the wrap on either side (CJK runs into Latin words and punctuation without a space), else a space.
 */
const joinerOf = (before: string, after: string) => (noSpaceJoin().test(before.slice(-1)) || noSpaceJoin().test(after[0] ?? '') ? '' : ' ');

/** Lines known to be one paragraph, joined as prose (trimmed, no space put inside a CJK run). */
export function joinLines(lines: string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.replace(/\s+/gu, ' ').trim();
    if (!line) continue;
    out = out ? out + joinerOf(out, line) + line : line;
  }
  return out;
}

/** The text with its wrap line breaks removed; text that is not hard-wrapped comes back unchanged. */
export function unwrapText(text: string): string {
  const normalised = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const wrap = detectWrap(normalised);
  if (!wrap) return text;
  const raw = normalised.split('\n');
  const lines = linesOf(normalised);
  // each output line as its pieces: joining trims only the last piece, never the whole paragraph so far
  const out: string[][] = [[raw[0]]];
  for (let i = 0; i + 1 < raw.length; i++) {
    if (!isWrap(lines[i], lines[i + 1], wrap)) {
      out.push([raw[i + 1]]);
      continue;
    }
    const pieces = out[out.length - 1];
    pieces[pieces.length - 1] = pieces[pieces.length - 1].replace(/[ \t\u00A0\u3000]+$/u, '');
    pieces.push(joinerOf(lines[i].text, lines[i + 1].text), lines[i + 1].text);
  }
  return out.map((pieces) => pieces.join('')).join('\n');
}
