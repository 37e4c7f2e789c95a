/**
 * The first article's title on a plain-text page, where no `<title>` or `<h1>` says which line it is.
 *
 * The genre's layout: navigation, teaser lists and share bars above; then the headline, often with
 * its byline, date line, standfirst and a picture caption; then the body, the densest run of long
 * paragraphs. So a headline is a short line of a few words without a sentence-final period, close
 * above the body, whose content words recur in the body's opening paragraphs. Lines that look like
 * headlines but are something else are left out or held back:
 *
 * - breadcrumbs ("News > World > Headline"): their last crumb is the headline, not the whole line;
 * - datelines, bylines, captions, credits, file names, list items and form labels;
 * - menu entries (lines repeated all over the page, among other repeated lines) and teaser runs
 *   (several headline-shaped lines in a row: other stories);
 *
 * and a line printed twice near the body (breadcrumb or kicker and the headline itself) is a strong
 * candidate.
 */
import { alternation, CAPTION_WORDS, escapeRe, LABEL_WORDS, MEDIA_KIND_WORDS, markerKey } from '../meta/lexicon.js';
import { parseDate } from '../meta/dates.js';
import type { ClassifiedSegment } from './classifyLines.js';
import { opensWithMarker } from './markers.js';
import { UNSPACED_RE, unspacedChars } from './scripts.js';
import type { RoledSegment } from './roles.js';
import { stopwords } from './stopwords.js';
import { lazy } from '../lazy.js';

/** How far above the body (segments) a title is looked for. */
const TITLE_LOOKBACK = 30;

/** Score weights of the evidence for and against a candidate headline (see titleCandidates). */
const TITLE_WEIGHTS = {
  /** A headline's length (4 to 25 words); three words are weak, one or two a label. */
  size: 2,
  /** Per non-filler segment between the candidate and the body (capped at 20). */
  distance: 0.15,
  /** Printed twice near the body (breadcrumb, kicker or social card, and the headline). */
  repeat: 1.5,
  /** Printed among the page's first lines, as the document's title. */
  head: 2.5,
  /** Its byline or date line follows (less for each line between). */
  meta: 1.5,
  /** A menu entry: repeated, among repeated lines. */
  menu: 2,
  /** Under another headline-shaped line that names the body: a standfirst. */
  dek: 1,
  /** A short line over a longer headline: a kicker. */
  kicker: 1,
  /** It holds, whole, a part printed on a line next to it. */
  whole: 0.75,
  /** Per headline-shaped line beyond two in a row around it: a teaser list. */
  teasers: 0.75,
  /** Content words shared with the body's first 8000 characters, and with its lead (600). */
  overlapBody: 3,
  overlapLead: 2,
  /** Glued to a neighbour in the scrape. */
  glued: 0.5,
  /** Ends in a picture credit ("… Photo: Jane Roe/Agency"): a caption. */
  captionCredit: 3,
};

export interface TitleCandidate {
  index: number;
  /** The headline the line holds: the line, or the last crumb of a breadcrumb. */
  text: string;
  score: number;
  /** Score components, for tests and debugging. */
  parts: Record<string, number>;
}

const wordish = lazy(() => /[\p{L}\p{N}]+/gu);
/** Sentence-final punctuation a headline does not end with ("!" and "?" it may, "…" rarely). */
const NOT_HEADLINE_END = /(?:[^.]\.|[;:،,؛])$/u;
const ELLIPSIS_END = /(?:…|\.\.\.)$/u;
/** A list item: a bullet or an item number, then a space. */
const LIST_ITEM = /^(?:[-+*•·▪►◦‣–—]|\d{1,2}[.)])\s/u;
/** A file name or address: a picture, a document, a URL. */
const FILE_OR_URL = /(?:\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|mp[34]|mov|pdf|docx?)$)|^(?:https?:\/\/|www\.)/iu;
/** Breadcrumb separators: arrows always, a slash when spaced and repeated. */
const CRUMB_ARROW = /\s[>»›→]\s/u;
/** The same, for lines that quote with guillemets (« … »): there » closes a quote. */
const CRUMB_ARROW_NO_GUILLEMET = /\s[>›→]\s/u;
const CRUMB_SLASH = /\s\/\s/u;
/** A credit at the end of a caption: "… - Jane Doe/Agency", "(Photo: Agency)". */
const CREDIT_END = /(?:\s[-–—|]\s[^-–—|/]{2,60}\/[^/]{2,60}|\([^()]{0,40}\/[^()]{0,40}\))$/u;
/**
 * A caption's credit at its end: a caption label, a colon and a name ("… Photo: Jane Roe/Agency",
 * "… Foto: EFE", "(Image : AFP)"): a picture's caption, printed between a headline and its text. A label
 * opening the line is a story kind ("VIDEO: …"), not a credit.
 */
const captionCreditEnd = lazy(() => new RegExp(`\\S.{8,}[\\s(\\[|–—-](?:${alternation(CAPTION_WORDS)})\\s?[:：]\\s?[^:：.!?]{2,60}\\)?$`, 'iu'));
/** A sentence ending inside the line: a word, its full stop (or ! ?), then a capital. */
const innerSentence = lazy(() => /\p{Ll}{3}[.!?](?=\s+["“«]?\p{Lu})/gu);
const CJK_G = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const UNSPACED_G = new RegExp(UNSPACED_RE.source, 'gu');
/** A clock time: players, tickers and timestamps have them, headlines rarely. */
const CLOCK = /\d{1,2}:\d{2}/u;

const authorOpening = lazy(() => new RegExp(`^(?:${alternation(LABEL_WORDS.author)})\\s+\\p{Lu}`, 'u'));
/** "By Jane Doe, Senior Editor …" ("by Jane Doe"): a byline, even a long one, is not a headline. */
export const opensWithAuthor = (text: string) => authorOpening().test(text) || authorOpening().test(text.charAt(0).toUpperCase() + text.slice(1));

const mediaKinds = lazy((): ReadonlySet<string> => new Set(MEDIA_KIND_WORDS.map(markerKey)));

/** The headline a breadcrumb ends with, or null when the line is not a breadcrumb. */
export function breadcrumbTail(text: string): string | null {
  if (text.length > 300) return null;
  let parts = text.split(/[«‹]/u.test(text) ? CRUMB_ARROW_NO_GUILLEMET : CRUMB_ARROW);
  if (parts.length < 3) parts = text.split(CRUMB_SLASH);
  if (parts.length < 3) return null;
  const tail = parts[parts.length - 1].trim();
  const head = parts.slice(0, -1).map((p) => p.trim());
  // crumbs are section names: a few words each
  if (head.some((p) => !p || (p.match(wordish()) ?? []).length > 5)) return null;
  return tail || null;
}

/** A media-kind prefix ("VIDEO:", "動画：") the headline may carry. */
function mediaKindPrefix(text: string): boolean {
  const m = /^([^:：]{1,20})[:：]\s*\S/u.exec(text);
  return !!m && mediaKinds().has(markerKey(m[1]));
}

/** The line opens with a date or a time (a dateline: "2024年3月5日 9:30 東京発", "March 3, 2024 — …"). */
function opensWithDate(text: string): boolean {
  if (!/\p{N}/u.test(text.slice(0, 40))) return false;
  const d = parseDate(text.slice(0, 80));
  return !!d && text.indexOf(d.text) <= 2;
}

interface Shape {
  text: string;
  /** Words; in scripts without spaces an estimate (two characters a word in Chinese and Japanese, four in Thai). */
  size: number;
  unspaced: boolean;
  crumb: boolean;
  penalty: number;
}

const shapeMemo = new WeakMap<ClassifiedSegment['features'], Shape | null>();

/** Whether a line can be a headline at all, and the headline text it holds. */
export function headlineShape(s: ClassifiedSegment): Shape | null {
  const memo = shapeMemo.get(s.features);
  if (memo !== undefined) return memo;
  const v = shapeOf(s);
  shapeMemo.set(s.features, v);
  return v;
}

function shapeOf(s: ClassifiedSegment): Shape | null {
  const f = s.features;
  if (f.label || f.letters < 3 || f.chars > 300) return null;
  let text = s.text.trim();
  let crumb = false;
  const tail = breadcrumbTail(text);
  if (tail) { text = tail; crumb = true; } else if (f.marker || f.hits > 0) return null;
  if (text.length > 220) return null;
  let penalty = 0;
  const unspacedCount = unspacedChars(text);
  const unspaced = unspacedCount >= text.length * 0.4;
  const words = (text.match(wordish()) ?? []).length;
  if (!unspaced && !/\s/u.test(text)) return null; // one token: a name, a file, a handle
  if (LIST_ITEM.test(text) || FILE_OR_URL.test(text)) return null;
  if (NOT_HEADLINE_END.test(text) && !ELLIPSIS_END.test(text)) return null;
  if (ELLIPSIS_END.test(text)) penalty += 0.75;
  // a network's name may open a headline ("Telegram adds …"); widget and caption words may not
  if (opensWithMarker(text, undefined, { social: false }) && !mediaKindPrefix(text)) return null;
  if (opensWithDate(text)) return null;
  if (CREDIT_END.test(text)) penalty += 2;
  if (captionCreditEnd().test(text)) penalty += TITLE_WEIGHTS.captionCredit;
  // a headline is one sentence; a line that runs on into another is a standfirst or teaser blurb
  penalty += 1.5 * (text.match(innerSentence()) ?? []).length;
  // cased scripts capitalise a headline's first word; "filed under Tech Policy …" is a category line
  if (/^\p{Ll}[\p{Ll}\s]/u.test(text)) penalty += 1.5;
  if (CLOCK.test(text)) penalty += 1;
  // a word is about two characters in Chinese and Japanese, four or five in Thai, Lao, Khmer, Burmese
  const cjk = (text.match(CJK_G) ?? []).length;
  const size = unspaced ? cjk / 2 + (unspacedCount - cjk) / 4 + (text.replace(UNSPACED_G, ' ').match(wordish()) ?? []).length : words;
  if (!unspaced && words > 30) return null;
  return { text, size, unspaced, crumb, penalty };
}

/** Roles that are metadata or markers: they sit between a headline and its body without pushing it away. */
function isFiller(s: RoledSegment): boolean {
  if (s.role !== 'boilerplate' && s.role !== 'body') return true;
  const f = s.features;
  return !!f.marker || !!f.label || (f.hits > 0 && f.chars < 120) || f.letters < 2 || (f.words <= 2 && f.chars < 25);
}

/**
 * The line is the first of a hard-wrapped paragraph: the next line carries on in lower case
 * ("… the council voted on Tuesday to close the" / "old bridge to lorries for the winter. …").
 */
function wrapsOn(s: RoledSegment, next: RoledSegment | undefined): boolean {
  if (!next || next.role === 'date' || next.role === 'byline' || s.gluedAfter || opensWithAuthor(next.text)) return false;
  return next.features.chars >= 40 && /^\p{Ll}/u.test(next.text);
}

/** The line carries on a hard-wrapped paragraph: it opens in lower case after a long line that ends mid-sentence. */
function continues(prev: RoledSegment | undefined, s: RoledSegment): boolean {
  if (!prev || s.gluedBefore || prev.features.chars < 40 || prev.features.endsSentence) return false;
  return /^\p{Ll}/u.test(s.text) && !opensWithAuthor(s.text);
}

/** Headline-shaped lines of some length (not menu words): what teaser runs are made of. */
function isHeadlineSized(s: RoledSegment): boolean {
  if (s.role !== 'boilerplate' && s.role !== 'body') return false;
  if (s.role === 'body' && s.features.sentences > 0) return false;
  const sh = headlineShape(s);
  return !!sh && sh.size >= 4 && !opensWithAuthor(s.text);
}

/** Two lines opening with the same two words: one widget's entries ("Share on X", "Share on Y"), not teasers. */
function sameOpening(a: RoledSegment, b: RoledSegment | undefined): boolean {
  if (!b) return false;
  const wa = a.key.split(' ', 2).join(' ');
  return wa.length >= 3 && wa === b.key.split(' ', 2).join(' ');
}

/** The page's own title printed at its top (a scrape often starts with the document title, site name appended). */
function matchesPageHead(segs: RoledSegment[], i: number, key: string): boolean {
  if (key.length < 8) return false;
  for (let j = 0; j < Math.min(HEAD_LINES, segs.length); j++) {
    if (j === i) continue;
    const k = segs[j].key;
    if (k === key) return true;
    if (k.startsWith(key) && /^\s*[-|–—:·•]/u.test(k.slice(key.length))) return true;
  }
  return false;
}
const HEAD_LINES = 5;

/** A menu entry: the line repeats on the page, and so do lines around it. */
function inMenu(segs: RoledSegment[], i: number, repeats: (s: ClassifiedSegment) => number): boolean {
  let n = 0;
  for (let j = i - 2; j <= i + 2; j++) {
    if (j === i || j < 0 || j >= segs.length) continue;
    const t = segs[j];
    if (repeats(t) >= 2 && !t.features.marker && t.features.hits === 0 && t.role === 'boilerplate') n++;
  }
  return n >= 2;
}

/** Whether another line with the same headline stands within `span` segments of `i`. */
function repeatedNearby(segs: RoledSegment[], i: number, key: string, span: number): boolean {
  for (let j = Math.max(0, i - span); j <= Math.min(segs.length - 1, i + span); j++) {
    if (j === i) continue;
    const t = segs[j];
    if (t.key === key) return true;
    if (t.text.length <= 300 && t.text.length > key.length) {
      const tail = breadcrumbTail(t.text);
      if (tail && markerKey(tail) === key) return true;
    }
  }
  return false;
}

/**
 * Where the body region starts for title search: a list directly above the first body segment
 * (release notes, key points) belongs to the body, so the headline is looked for above the list.
 */
function regionTop(segs: RoledSegment[], bodyStart: number): number {
  const bullet = /^([-+*•·▪►◦‣])\s/u.exec(segs[bodyStart]?.text ?? '')?.[1];
  if (!bullet) return bodyStart;
  let i = bodyStart;
  while (i > 0 && segs[i - 1].text.startsWith(`${bullet} `)) i--;
  return i;
}

/** Scores every candidate headline before the body (best first). */
function titleCandidates(
  segs: RoledSegment[], from: number, bodyStart: number, repeats: (s: ClassifiedSegment) => number,
): TitleCandidate[] {
  if (bodyStart < 0 || bodyStart >= segs.length) return [];
  const top = regionTop(segs, bodyStart);
  const lo = Math.max(from, top - TITLE_LOOKBACK);
  const vocab = bodyVocabulary(segs, bodyStart, 8000);
  const lead = bodyVocabulary(segs, bodyStart, 600);
  const out: TitleCandidate[] = [];
  const order = top === bodyStart ? [bodyStart] : [];
  for (let i = top - 1; i >= lo; i--) order.push(i);
  let gap = 0; // non-filler segments between the candidate and the body
  for (const i of order) {
    const s = segs[i];
    if (i + 1 < top && !isFiller(segs[i + 1])) gap++;
    if (i === bodyStart && s.features.sentences > 0) continue;
    if (s.role !== 'boilerplate' && s.role !== 'body') continue;
    if (opensWithAuthor(s.text)) continue;
    const shape = headlineShape(s);
    if (!shape || wrapsOn(s, segs[i + 1]) || continues(segs[i - 1], s)) continue;
    const parts: Record<string, number> = {};
    const W = TITLE_WEIGHTS;
    const { size, unspaced } = shape;
    if (unspaced) parts.size = size >= 4 ? W.size : size >= 2.5 ? W.size / 4 : -W.size;
    else parts.size = size >= 4 && size <= 25 ? W.size : size > 25 ? W.size / 2 : size === 3 ? W.size / 4 : -W.size;
    parts.distance = -W.distance * Math.min(gap, 20);
    const key = markerKey(shape.text);
    if (repeats(s) >= 2 && inMenu(segs, i, repeats)) parts.menu = -W.menu;
    else if (key && repeatedNearby(segs, i, key, 12)) parts.repeat = W.repeat;
    if (matchesPageHead(segs, i, key)) parts.head = W.head;
    // right under another headline-shaped line of some length that names the body: the standfirst under its headline
    const prev = segs[i - 1];
    const prevShape = prev && prev.role === 'boilerplate' ? headlineShape(prev) : null;
    if (prevShape && !prevShape.penalty && prevShape.size >= 6 && !opensWithAuthor(prev.text) && !sameOpening(prev, segs[i - 2])
      && overlapScore(prevShape.text, vocab) >= 0.3) parts.dek = -W.dek;
    // a short kicker over a longer headline ("Analysis", "Our picks this weekend")
    const next = segs[i + 1];
    const nextShape = next && next.role === 'boilerplate' ? headlineShape(next) : null;
    if (nextShape && shape.size <= 5 && nextShape.size >= shape.size + 2 && !opensWithAuthor(next.text)) parts.kicker = -W.kicker;
    // the whole headline, where a line next to it holds a part of it (a headline printed in two lines, and whole)
    if (key.length >= 12) {
      for (let j = Math.max(0, i - 3); j <= Math.min(segs.length - 1, i + 3); j++) {
        const k = segs[j].key;
        if (j !== i && k.length >= 8 && k.length <= key.length * 0.7 && k.includes(' ') && key.includes(k)) { parts.whole = W.whole; break; }
      }
    }
    // the byline or date line follows the headline
    for (let j = i + 1, seen = 0; j < segs.length && seen < 3; j++) {
      if (segs[j].role === 'date' || segs[j].role === 'byline') { parts.meta = W.meta * (1 - seen / 6); break; }
      if (!isFiller(segs[j])) seen++;
    }
    // one of several headline-shaped lines in a row: a teaser list
    let run = 1;
    const inRun = (j: number) => isHeadlineSized(segs[j]) && !sameOpening(segs[j], segs[j - 1]) && !sameOpening(segs[j], segs[j + 1]);
    for (let j = i - 1; j >= Math.max(0, i - 8) && inRun(j); j--) run++;
    for (let j = i + 1; j < Math.min(segs.length, i + 9) && inRun(j); j++) run++;
    if (run >= 3) parts.teasers = -W.teasers * (run - 2);
    // a headline names what the article is about: its content words recur in the opening paragraphs
    parts.overlap = W.overlapBody * overlapScore(shape.text, vocab) + W.overlapLead * overlapScore(shape.text, lead);
    if (shape.penalty) parts.shape = -shape.penalty;
    if (s.gluedBefore || s.gluedAfter) parts.glued = -W.glued;
    const score = Object.values(parts).reduce((a, b) => a + b, 0);
    out.push({ index: i, text: shape.text, score, parts });
  }
  return out.sort((a, b) => b.score - a.score || b.index - a.index);
}

/**
 * Picks the first article's title among the segments before its body (see the module comment):
 * the index of its line, or -1.
 */
export function pickTitle(segs: RoledSegment[], from: number, bodyStart: number, repeats: (s: ClassifiedSegment) => number): number {
  return chooseTitle(segs, from, bodyStart, repeats)?.index ?? -1;
}

/** The best candidate (line and headline text), or null. */
export function chooseTitle(
  segs: RoledSegment[], from: number, bodyStart: number, repeats: (s: ClassifiedSegment) => number,
): TitleCandidate | null {
  const [best] = titleCandidates(segs, from, bodyStart, repeats);
  return best ?? null;
}

const contentToken = lazy(() => /[\p{L}\p{M}\p{N}]{2,}/gu);
const UNSPACED_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Myanmar}\p{Script=Hangul}]/u;

/** Content tokens (and character bigrams of unspaced scripts) of the opening body text. */
export function bodyVocabulary(segs: RoledSegment[], bodyStart: number, maxChars = 3000): Set<string> {
  const vocab = new Set<string>();
  let chars = 0;
  for (let i = bodyStart; i < segs.length && chars < maxChars; i++) {
    if (segs[i].role !== 'body') continue;
    chars += segs[i].text.length;
    for (const t of contentUnits(segs[i].text)) vocab.add(t);
  }
  return vocab;
}

export function contentUnits(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(contentToken())) {
    const w = m[0];
    if (UNSPACED_CHAR.test(w)) { const cs = [...w]; for (let i = 0; i + 1 < cs.length; i++) out.push(cs[i] + cs[i + 1]); } else if (w.length >= 3 && !stopwords().has(w)) out.push(stem(w));
  }
  return out;
}

/** A crude stem for any language that inflects at the end: the first five letters ("admits", "admitted"). */
const stem = (w: string) => (w.length > 5 ? [...w].slice(0, 5).join('') : w);

/** Share of a candidate's content units found in the body vocabulary. */
export function overlapWithBody(text: string, vocab: Set<string>): number {
  const units = contentUnits(text);
  if (!units.length || !vocab.size) return 0;
  let hit = 0;
  for (const u of units) if (vocab.has(u)) hit++;
  return hit / units.length;
}

/** Overlap, discounted when only one or two units match (a menu word that the body happens to use). */
function overlapScore(text: string, vocab: Set<string>): number {
  const units = [...new Set(contentUnits(text))];
  if (!units.length || !vocab.size) return 0;
  let hit = 0;
  for (const u of units) if (vocab.has(u)) hit++;
  const unspaced = UNSPACED_CHAR.test(text);
  return (hit / units.length) * Math.min(1, hit / (unspaced ? 4 : 3));
}

