/**
 * Body or boilerplate, per segment, the way jusText does it for HTML paragraphs, on plain text:
 *
 * 1. context-free: a marker from the multilingual tables (ad label, share bar, footer run, cookie,
 *    disclaimer, copyright, social names), a metadata label, repetition on the page, or no letters
 *    make a segment `bad`; otherwise its length and stopword density make it `short`, `neargood`,
 *    `good` or `bad` (jusText's LENGTH_LOW/HIGH and STOPWORDS_LOW/HIGH);
 * 2. with context: `short` and `neargood` segments take the class of their neighbours (jusText's
 *    revision: a short line between good paragraphs is a heading or caption of the body, a short
 *    line among bad ones is navigation).
 *
 * Link density, jusText's third feature, is gone in plain text; marker tables and repetition on the
 * page stand in for it.
 */
import type { LabelKind, MarkerCategory } from '../meta/lexicon.js';
import { markerKey, SOCIAL_NAMES } from '../meta/lexicon.js';
import { containedMarkers, exactMarker, labelOf } from './markers.js';
import type { RepairedLine } from './repairGlue.js';
import { PhraseIndex } from './phraseIndex.js';
import { UNSPACED_RE } from './scripts.js';
import { hasProclitic, particleChars, SEGMENTED_SCRIPT_RE, segmentedStopwords, stopwords } from './stopwords.js';
import { lazy } from '../lazy.js';

/** jusText's defaults, calibrated with its stoplists; ours are shorter, so the density bounds are lower. */
const THRESHOLDS = {
  /** Shorter than this (effective characters) is `short`. */
  lengthLow: 70,
  /** Longer than this with dense stopwords is `good` outright. */
  lengthHigh: 200,
  stopLow: 0.2,
  stopHigh: 0.25,
  /** An unspaced-script character carries about a word: it counts this many characters. */
  unspacedWeight: 3,
};

export type ContextFreeClass = 'good' | 'neargood' | 'short' | 'bad';
export type SegmentClass = 'good' | 'bad';

export interface Segment {
  index: number;
  /** The input line it came from. */
  line: number;
  text: string;
  /** It shares its input line with the previous / next segment (glue was cut there). */
  gluedBefore: boolean;
  gluedAfter: boolean;
}

export interface SegmentFeatures {
  chars: number;
  /** Length with unspaced-script characters weighted as words. */
  length: number;
  words: number;
  stopDensity: number;
  /** Sentence-ending punctuation marks inside the segment. */
  sentences: number;
  endsSentence: boolean;
  marker: MarkerCategory | null;
  /** Marker phrases contained (footer runs, cookie banners): multi-word phrases, and single words. */
  hits: number;
  hitWords: number;
  /** Share of the characters covered by contained markers. */
  hitCoverage: number;
  hitCategories: MarkerCategory[];
  label: LabelKind | null;
  /** How often the same text occurs on the page. */
  repeats: number;
  letters: number;
  /** A consent or cookie banner: a paragraph that opens with a cookie phrase. */
  banner: boolean;
}

export interface ClassifiedSegment extends Segment {
  /** markerKey of the text (empty for long segments). */
  key: string;
  features: SegmentFeatures;
  cf: ContextFreeClass;
  cls: SegmentClass;
}

export function segmentsOf(lines: RepairedLine[]): Segment[] {
  const out: Segment[] = [];
  for (const l of lines) {
    l.segments.forEach((text, i) => out.push({
      index: out.length, line: l.line, text, gluedBefore: i > 0, gluedAfter: i < l.segments.length - 1,
    }));
  }
  return out;
}

const wordRe = lazy(() => /[\p{L}\p{M}\p{N}'’]+/gu);
const UNSPACED_G = new RegExp(UNSPACED_RE.source, 'gu');
const SENTENCE_END_G = /[.!?؟。！？…।။](?=\s|$|["'”»)\]])/gu;
const ENDS_SENTENCE = /[.!?؟。！？…।။:："'”»)\]]$/u;
const letterG = lazy(() => /\p{L}+/gu);
const socialIndex = lazy(() => new PhraseIndex<true>(
  SOCIAL_NAMES.map((n) => markerKey(n).replace(/\s/gu, '')).filter((k) => k.length >= 4).map((k): [string, true] => [k, true]),
));

/** Share of a segment's letters spelled by social network names ("facebooktwitteryoutube…"). */
export function socialCoverage(text: string, key = markerKey(text)): number {
  const letters = key.replace(/[^\p{L}]/gu, '');
  if (!letters || letters.length > 300) return 0;
  let covered = 0;
  let until = 0;
  for (const h of socialIndex().findAll(letters)) {
    if (h.start < until) continue; // overlapping names count once
    covered += h.end - h.start;
    until = h.end;
  }
  return covered / letters.length;
}

export function featuresOf(text: string, repeats = 1, key = text.length <= 400 ? markerKey(text) : ''): SegmentFeatures {
  const words = text.toLowerCase().match(wordRe()) ?? [];
  let unspaced = 0;
  let particles = 0;
  let spacedWords = 0;
  let stop = 0;
  const anyUnspaced = UNSPACED_RE.test(text);
  const [stopSet, particleSet] = [stopwords(), particleChars()];
  for (const w of words) {
    if (anyUnspaced && UNSPACED_RE.test(w)) {
      for (const ch of w.matchAll(UNSPACED_G)) { unspaced++; if (particleSet.has(ch[0])) particles++; }
    } else {
      spacedWords++;
      if (stopSet.has(w) || hasProclitic(w)) stop++;
    }
  }
  if (unspaced) for (const ch of text) if (particleSet.has(ch) && !/\p{L}/u.test(ch)) particles++; // 、。 between words
  // Thai and Burmese words are found by a dictionary (segmentedStopwords); Khmer, Lao, Tibetan stay neutral
  const hasParticleScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text);
  let stopDensity: number;
  if (unspaced > spacedWords) {
    stopDensity = hasParticleScript ? Math.min(1, (particles / Math.max(1, unspaced)) * 1.6)
      : SEGMENTED_SCRIPT_RE.test(text) ? segmentedStopDensity(text) : THRESHOLDS.stopHigh;
  }
  else stopDensity = spacedWords ? stop / spacedWords : 0;
  const sentences = (text.match(SENTENCE_END_G) ?? []).length;
  const len = text.length + (THRESHOLDS.unspacedWeight - 1) * unspaced;
  const hits = containedMarkers(text, 400, key);
  return {
    chars: text.length,
    length: len,
    words: spacedWords + unspaced / 2,
    stopDensity,
    sentences,
    endsSentence: ENDS_SENTENCE.test(text),
    marker: key ? exactMarker(text, key) : null,
    hits: hits.phrases,
    hitWords: hits.words,
    hitCoverage: text.length ? hits.covered / text.length : 0,
    hitCategories: [...hits.categories],
    label: labelOf(text)?.kind ?? null,
    repeats,
    letters: text.length - text.replace(letterG(), '').length, // counted without an array of matches
    banner: text.length > 400 && text.length <= BANNER_MAX && isNoticeParagraph(text),
  };
}

let wordSegmenter: Intl.Segmenter | undefined;

/** Function-word share of the words a dictionary finds in Thai or Burmese text (ICU's word breaks). */
function segmentedStopDensity(text: string): number {
  wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  let words = 0;
  let stop = 0;
  const stopSet = segmentedStopwords();
  for (const w of wordSegmenter.segment(text)) {
    if (!w.isWordLike || !SEGMENTED_SCRIPT_RE.test(w.segment)) continue;
    words++;
    if (stopSet.has(w.segment)) stop++;
  }
  return words ? stop / words : THRESHOLDS.stopHigh;
}

/** Longest paragraph read as a notice when it opens with a notice phrase (longer ones are prose about the subject). */
const BANNER_MAX = 1200;

/**
 * A consent banner, or a copyright or disclaimer notice printed as a paragraph ("版权说明：凡注明…",
 * "Copyright © … All rights reserved. Reproduction …"): it opens with such a phrase, and a notice
 * names its subject more than once, where prose about copyright law mentions it in passing.
 */
function isNoticeParagraph(text: string): boolean {
  const head = containedMarkers(text.slice(0, 120), 400).categories;
  if (head.has('cookie')) return true;
  if (!head.has('copyright') && !head.has('disclaimer')) return false;
  return containedMarkers(text, BANNER_MAX).phrases >= 2;
}

/** Marker evidence strong enough to call a segment boilerplate whatever its length. */
export function isMarkedBoilerplate(f: SegmentFeatures, text: string): boolean {
  if (f.marker || f.label || f.banner) return true;
  if (f.letters < 2) return true;
  if (f.hits > 0) {
    // cookie banners, disclaimers and copyright lines are whole sentences; other phrases sit in short runs
    const strong = f.hitCategories.some((c) => c === 'cookie' || c === 'disclaimer' || c === 'copyright' || c === 'skip');
    if (strong && f.chars < 400 && f.sentences <= 3) return true;
    if (f.chars < 120 || f.hits >= 3 || f.hitCoverage >= 0.3) return true;
  }
  if (f.hitWords > 0 && f.chars < 120 && (f.hitCoverage >= 0.3 || f.hitWords >= 3) && f.sentences === 0) return true;
  // glued runs of network names ("facebooktwitteryoutube"): few spaces, many letters
  return f.chars <= 300 && f.letters >= 8 && f.words <= 4 && socialCoverage(text) >= 0.5;
}

/** A long line of capitalised labels and no sentence in it: "World Business Arts Travel Food Style Puzzles Opinion …". */
export function isLinkRun(s: { text: string; features: SegmentFeatures }): boolean {
  const words = s.text.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’&-]*/gu) ?? [];
  // labels may hold an exclamation ("Act Now!"); prose has a sentence every dozen words or so
  if (words.length < 8 || s.features.sentences * 12 > words.length || /[.。]$/u.test(s.text)) return false;
  let caps = 0;
  let cased = 0;
  for (const w of words) {
    if (/^\p{Lu}/u.test(w)) { caps++; cased++; } else if (/^\p{Ll}/u.test(w)) cased++;
  }
  return cased >= 8 && caps >= 0.6 * cased;
}

/** Stopword bounds for one page. */
export interface StopBounds { low: number; high: number }

/**
 * Stopword density of prose differs by language (Arabic attaches its function words to the next
 * word, so fewer stand alone): the bounds follow the page's own long segments, capped at jusText's.
 */
function pageStopBounds(features: SegmentFeatures[]): StopBounds {
  const long = features.filter((f) => f.length >= THRESHOLDS.lengthHigh && !f.marker).map((f) => f.stopDensity).sort((a, b) => a - b);
  if (long.length < 3) return { low: THRESHOLDS.stopLow, high: THRESHOLDS.stopHigh };
  const median = long[Math.floor(long.length / 2)];
  return { low: Math.min(THRESHOLDS.stopLow, 0.6 * median), high: Math.min(THRESHOLDS.stopHigh, 0.75 * median) };
}

export function contextFreeClass(f: SegmentFeatures, text: string, bounds: StopBounds = { low: THRESHOLDS.stopLow, high: THRESHOLDS.stopHigh }): ContextFreeClass {
  if (isMarkedBoilerplate(f, text)) return 'bad';
  if (f.repeats >= 2 && f.length < 100) return 'bad'; // menus and widgets repeat; prose does not
  // a long run of capitalised names and no sentence: a glued menu, a country or language picker
  if (f.length >= THRESHOLDS.lengthHigh && isLinkRun({ text, features: f })) return 'bad';
  if (f.length < THRESHOLDS.lengthLow) return 'short';
  // punctuated sentences are prose even where stopwords are few (names, numbers, agglutinated words)
  const prose = f.endsSentence && f.sentences + (f.chars > 150 ? 1 : 0) >= 1;
  if (f.length >= THRESHOLDS.lengthHigh) {
    if (f.stopDensity >= bounds.high || (prose && f.stopDensity >= bounds.low / 2)) return 'good';
    return f.stopDensity >= bounds.low || prose ? 'neargood' : 'bad';
  }
  if (f.stopDensity >= bounds.low || (prose && f.stopDensity >= bounds.low / 2)) return 'neargood';
  return 'bad';
}

/** jusText's neighbour: the nearest class before/after `i` that is not short (nor neargood when ignored); edges are bad. */
function neighbour(classes: string[], i: number, step: 1 | -1, ignoreNeargood: boolean): 'good' | 'bad' | 'neargood' {
  for (let j = i + step; j >= 0 && j < classes.length; j += step) {
    const c = classes[j];
    if (c === 'short' || (ignoreNeargood && c === 'neargood')) continue;
    return c as 'good' | 'bad' | 'neargood';
  }
  return 'bad';
}

/** jusText's context-sensitive revision of short and neargood segments. */
/** Length of a run of neargood paragraphs that makes it body on its own. */
const RUN_LENGTH = 250;

export function reviseWithContext(cf: ContextFreeClass[], lengths: number[] = cf.map(() => 0), unpunctuated?: boolean[]): SegmentClass[] {
  const classes: string[] = [...cf];
  const shortClasses = new Map<number, SegmentClass>();
  for (let i = 0; i < classes.length; i++) {
    if (classes[i] !== 'short') continue;
    const prev = neighbour(cf, i, -1, true);
    const next = neighbour(cf, i, 1, true);
    let c: SegmentClass;
    if (prev === 'good' && next === 'good') c = 'good';
    else if (prev === 'bad' && next === 'bad') c = 'bad';
    else if (prev === 'bad' && neighbour(cf, i, -1, false) === 'neargood') c = 'good';
    else if (next === 'bad' && neighbour(cf, i, 1, false) === 'neargood') c = 'good';
    else c = 'bad';
    shortClasses.set(i, c);
  }
  for (const [i, c] of shortClasses) classes[i] = c;
  // A run of neargood paragraphs is prose even between boilerplate (jusText would drop a body of
  // short paragraphs bounded by ad labels): runs long enough count as good.
  for (let i = 0; i < classes.length;) {
    if (classes[i] !== 'neargood' && cf[i] !== 'neargood') { i++; continue; }
    let j = i;
    let len = 0;
    let near = 0;
    // a lone label (an ad slot, "Photo") or a short heading inside the run does not break it
    const inRun = (k: number) => cf[k] === 'neargood' || cf[k] === 'good' || (cf[k] === 'short' && classes[k] === 'good')
      || ((lengths[k] < 20 || cf[k] === 'short') && k + 1 < cf.length && (cf[k + 1] === 'neargood' || cf[k + 1] === 'good'));
    let shorts = 0;
    let headlines = 0;
    while (j < classes.length && inRun(j)) {
      len += cf[j] === 'bad' ? 0 : lengths[j]; if (cf[j] === 'short') shorts++;
      if (cf[j] === 'neargood') { near++; if (unpunctuated?.[j]) headlines++; }
      j++;
    }
    // headline, blurb, headline, blurb…: a teaser list, not an article with a heading per paragraph;
    // and a run of headlines without a sentence among them is a list of other stories, not prose
    const teasers = (shorts >= 3 && shorts >= 0.6 * near) || (headlines >= 3 && headlines >= 0.6 * near);
    if (near >= 2 && len >= RUN_LENGTH && !teasers) for (let k = i; k < j; k++) if (cf[k] === 'neargood') classes[k] = 'good';
    i = Math.max(j, i + 1);
  }
  const nearClasses = new Map<number, SegmentClass>();
  for (let i = 0; i < classes.length; i++) {
    if (classes[i] !== 'neargood') continue;
    const prev = neighbour(classes, i, -1, true);
    const next = neighbour(classes, i, 1, true);
    nearClasses.set(i, prev === 'bad' && next === 'bad' ? 'bad' : 'good');
  }
  for (const [i, c] of nearClasses) classes[i] = c;
  return classes as SegmentClass[];
}

/** A line opening with a clock time or a numeric date: tickers, archives and comment headers list them. */
const STARTS_WITH_TIME = /^(?:\d{1,2}[:h.]\d{2}(?!\d)|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?!\d))/u;

/** …or closing with one: "Headline Source 3/9(Thu) 15:47" in ranking and teaser lists. */
const ENDS_WITH_TIME = /(?:\d{1,2}[/.]\d{1,2}(?:\s?\([^)]{1,4}\))?\s+)?\d{1,2}:\d{2}(?:\s?[AaPp][Mm])?$/u;

/** A line of a dated headline list (ticker, archive, ranking): it opens or closes with a time or a numeric date. */
export const isDatedListLine = (text: string): boolean => STARTS_WITH_TIME.test(text) || ENDS_WITH_TIME.test(text);

export interface ClassifyOptions {
  /**
   * The degraded pass (Readability's retry with flags off): short lines count as near-good, for pages
   * whose body is a list of short items and leaves nothing after the normal pass.
   */
  relaxed?: boolean;
}

/** Sentences a run needs to be kept as a brief by the relaxed pass when nothing else is, and its share of the page's text. */
const BRIEF_MIN_SENTENCES = 2;
const BRIEF_MIN_SHARE = 0.5;

/**
 * Degrade, don't fail: a relaxed pass that keeps nothing (a brief of a few short sentences between the
 * page's chrome is shorter than a run that stands on its own) keeps the page's longest run of near-good
 * lines holding two sentences or more, instead of the page being read out whole.
 */
function keepLongestProseRun(cf: ContextFreeClass[], features: SegmentFeatures[], cls: SegmentClass[]): void {
  let best: [number, number] | null = null;
  let bestLength = 0;
  for (let i = 0; i < cf.length;) {
    if (cf[i] !== 'neargood') { i++; continue; }
    let j = i;
    let length = 0;
    let sentences = 0;
    for (; j < cf.length && cf[j] === 'neargood'; j++) {
      length += features[j].length;
      sentences += Math.max(features[j].sentences, features[j].endsSentence ? 1 : 0);
    }
    if (sentences >= BRIEF_MIN_SENTENCES && length > bestLength) { best = [i, j]; bestLength = length; }
    i = j;
  }
  // a run that is a small part of the page's text is not its text: a page of formulas or list items is read whole
  let text = 0;
  for (let i = 0; i < cf.length; i++) if (cf[i] !== 'bad') text += features[i].length;
  if (best && bestLength >= BRIEF_MIN_SHARE * text) for (let k = best[0]; k < best[1]; k++) cls[k] = 'good';
}

const LIST_ITEM = /^(?:[-+*•·▪►◦‣–—]|\d{1,2}[.)])\s/u;

/** A line of words that states no sentence: a headline, not prose (nor a formula, a list of numbers or code). */
function isHeadlineLike(text: string, f: SegmentFeatures): boolean {
  // a bulleted item is a list's, and a list of short items may well be the text (release notes, key points)
  if (f.sentences > 0 || f.endsSentence || f.chars >= 200 || LIST_ITEM.test(text)) return false;
  const visible = text.replace(/\s+/gu, '').length;
  return f.letters >= 0.85 * visible && f.words >= 5;
}

/** Features, context-free class and final class for every segment of a page. */
export function classifySegments(segments: Segment[], options: ClassifyOptions = {}): ClassifiedSegment[] {
  const counts = new Map<string, number>();
  const keys = segments.map((s) => (s.text.length <= 400 ? markerKey(s.text) : ''));
  for (const k of keys) if (k && k.length <= 200) counts.set(k, (counts.get(k) ?? 0) + 1);
  const features = segments.map((s, i) => featuresOf(s.text, keys[i] ? counts.get(keys[i]) ?? 1 : 1, keys[i]));
  return classifyWithFeatures(segments, keys, features, options);
}

/** Classifies again with other options, reusing the features of a first pass. */
export function reclassify(classified: ClassifiedSegment[], options: ClassifyOptions): ClassifiedSegment[] {
  return classifyWithFeatures(classified, classified.map((s) => s.key), classified.map((s) => s.features), options);
}

function classifyWithFeatures(segments: Segment[], keys: string[], features: SegmentFeatures[], options: ClassifyOptions): ClassifiedSegment[] {
  const bounds = pageStopBounds(features);
  const cf = segments.map((s, i) => contextFreeClass(features[i], s.text, bounds));
  // dated headline lists (news tickers, archive teasers): three or more lines opening with a time or date
  const dated = segments.map((s, i) => isDatedListLine(s.text) && features[i].sentences <= 1 && features[i].length < 200);
  if (dated.filter(Boolean).length >= 3) dated.forEach((d, i) => { if (d) cf[i] = 'bad'; });
  if (options.relaxed) cf.forEach((c, i) => { if (c === 'short' && features[i].letters >= 3 && !features[i].marker) cf[i] = 'neargood'; });
  const cls = reviseWithContext(cf, features.map((f) => f.length), segments.map((s, i) => isHeadlineLike(s.text, features[i])));
  if (options.relaxed && !cls.includes('good')) keepLongestProseRun(cf, features, cls);
  return segments.map((s, i) => ({
    index: s.index, line: s.line, text: s.text, gluedBefore: s.gluedBefore, gluedAfter: s.gluedAfter,
    key: keys[i], features: features[i], cf: cf[i], cls: cls[i],
  }));
}
