/**
 * Metadata written as text lines: date lines ("تاريخ النشر: …", "Published …", "Publié le …"),
 * source lines ("المصدر: …", "Source: …"), tag lines ("كلمات دلالية: …", "Tags: …"), bylines, and a
 * publisher named in an opinion disclaimer. Dates go through the shared multilingual `parseDate`.
 */
import { alternation, escapeRe, LABEL_WORDS, markerKey, PUBLISHER_WORDS } from '../meta/lexicon.js';
import { isImageCredit, opensWithCreditLabel } from '../meta/credits.js';
import { parseDate, type ParsedDate } from '../meta/dates.js';
import { bylineOf, innerSourceLabel, labelOf } from './markers.js';
import { lazy } from '../lazy.js';

const dateLabelStart = lazy(() => new RegExp(
  `^(?:${alternation([...LABEL_WORDS.date, ...LABEL_WORDS.updated])})(?:\\s*[:：]|\\s)\\s*`,
  'iu',
));
const updatedStart = lazy(() => new RegExp(`^(?:${alternation(LABEL_WORDS.updated)})`, 'iu'));
/** What stands between a byline's names and the date it carries: a separator or a short lower-case word ("on")… */
const NAMES_DATE_JOINER = /(?:\s+\p{Ll}{1,4}|\s*[,|•·—–-])\s*$/u;
/** …or a date label ("Updated", "Published"), in any case. */
const namesDateLabel = lazy(() => new RegExp(`\\s+(?:${alternation([...LABEL_WORDS.date, ...LABEL_WORDS.updated])})\\s*[:：]?\\s*$`, 'iu'));

/** A byline's text before the date it carries ("By Jane Doe on March 10", "By Jane Doe Updated Jul 24, 2018"). */
export function namesBefore(text: string, date: DateLine): string {
  const at = text.lastIndexOf(date.written);
  if (at <= 0) return text;
  let names = text.slice(0, at).trimEnd();
  for (let cut = names; ; names = cut) {
    cut = names.replace(NAMES_DATE_JOINER, '').replace(namesDateLabel(), '').trimEnd();
    if (cut === names) return names;
  }
}

export interface DateLine extends ParsedDate {
  /** "Updated …" lines are a fallback: the first publication date wins. */
  updated: boolean;
  /** The date as the line writes it: `text` of a labelled line is all after its label ("Posted by Jane Doe on March 10"). */
  written: string;
}

/**
 * A date line: a labelled date, or a short segment that is mostly a date ("November 2, 2023 3:53 PM EDT",
 * "الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00"). Long prose that mentions a date is not a date line.
 */
export function dateLineOf(text: string, now?: Date): DateLine | null {
  if (text.length > 120) return null;
  const labelled = dateLabelStart().exec(text);
  const value = labelled ? text.slice(labelled[0].length) : text;
  if (!labelled && (text.length > 70 || /[.!?؟]$/u.test(text))) return null;
  const parsed = parseDate(value, { now });
  if (!parsed) return null;
  // unlabelled: the date must be most of the line, not a date inside a sentence, or open a dateline
  if (!labelled && parsed.text.length < value.replace(/\s+/gu, ' ').length * 0.4 && !opensDateline(value, parsed.text)) return null;
  return { ...parsed, text: labelled ? value.trim() : parsed.text, written: parsed.text, updated: !!labelled && updatedStart().test(text) };
}

/**
 * The line opens with the date and goes on with the dateline's other fields, after a separator or a
 * label ("2018年6月18日 10:01 発信地：カノ", "12 March 2019 | Kano, Nigeria"), not with a sentence
 * ("June 5, 2018 marks the end of an era").
 */
function opensDateline(line: string, date: string): boolean {
  const trimmed = line.trim();
  if (!trimmed.startsWith(date)) return false;
  const rest = trimmed.slice(date.length).trim();
  return DATELINE_SEPARATOR.test(rest) || DATELINE_LABEL.test(rest);
}
const DATELINE_SEPARATOR = /^[|•·—–\-/[(]/u;
const DATELINE_LABEL = /^[^\s:：]{1,12}[:：]/u;

/** The date a byline gives after its names ("Par Jean Dupont — 24 novembre 2017 à 18:42"), or null. */
export function bylineDateOf(text: string, now?: Date): DateLine | null {
  const m = bylineDateTail().exec(text);
  const after = m ? dateLineOf(m[1], now) : null;
  if (after) return after;
  // …or right after them with no separator ("By JANE DOE JULY 29, 2016"): a date that ends the line
  // (a time zone the date reader left may follow it)
  const d = parseDate(text, { now });
  const at = d ? text.lastIndexOf(d.text) : -1;
  const rest = d && at > 0 ? text.slice(at + d.text.length).trim() : null;
  return rest !== null && (rest.length <= BYLINE_DATE_TAIL_CHARS || CLOCK_TAIL.test(rest)) ? { ...d!, written: d!.text, updated: false } : null;
}
const BYLINE_DATE_TAIL_CHARS = 6;
/** A clock time (and zone) after a byline's date that the date reader did not take: ": 12:41 PM ET". */
const CLOCK_TAIL = /^[\s:,|–—-]*\d{1,2}[:.h]\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s+\p{Lu}{1,5})?$/u;
const bylineDateTail = lazy(() => /(?:[|•·]|\s[—–-])\s*([^|•·]*\p{Nd}[^|•·]*)$/u);

/** The value of a source line ("Source: Agency", "المصدر: وكالة الأنباء", glued after other labels too). */
export function sourceLineOf(text: string): string | null {
  // "Image source: Getty Images", "Credit: Jane Doe", "Source: Supplied": a picture's credit, not the article's source
  if (opensWithCreditLabel(text)) return null;
  const l = labelOf(text);
  const value = l?.kind === 'source' ? l.value : innerSourceLabel(text);
  if (!value) return null;
  const v = value.replace(/[.;،,]+$/u, '').trim();
  return v && v.length <= 60 && !isImageCredit(v) ? v : null;
}

/** A publisher named in an opinion disclaimer: "… لشبكة الجزيرة." → "الجزيرة". */
const publisherRe = lazy(() => new RegExp(
  `(?:^|[\\s(])(?:ل|ب|و)?(?:${PUBLISHER_WORDS.map(escapeRe).join('|')})\\s+([\\p{L}\\p{M}][\\p{L}\\p{M}\\p{N}&'’.-]*(?:\\s[\\p{Lu}\\p{Lo}][\\p{L}\\p{M}\\p{N}&'’-]*)?)\\s*[.)]?\\s*$`,
  'u',
));
export function publisherFromDisclaimer(text: string): string | null {
  if (text.length > 300) return null;
  const m = publisherRe().exec(text.trim());
  return m ? m[1].replace(/[.]+$/u, '') : null;
}

export function bylineNames(text: string): string[] | null {
  return bylineOf(text);
}

/** Tag line: the tag list after its label, or null. */
export function tagLineOf(text: string, evidence: TagEvidence = NO_EVIDENCE): string[] | null {
  const l = labelOf(text);
  if (!l || l.kind !== 'tags' || !l.value) return null;
  return splitTags(l.value, evidence);
}

/** What the rest of the page says about words of a tag list. */
export interface TagEvidence {
  /** The word heads a construct elsewhere on the page: it is followed directly by a definite word there. */
  headsConstruct(word: string): boolean;
}
const NO_EVIDENCE: TagEvidence = { headsConstruct: () => false };

/**
 * Page evidence for tag splitting, from the page's prose: words seen directly before a definite
 * word ("برنامج التخصيب") head a construct, so in a tag list they bind to the definite run after them.
 */
export function tagEvidenceFrom(prose: string): TagEvidence {
  const heads = new Set<string>();
  let prev = '';
  for (const m of prose.matchAll(/[\p{L}\p{M}]+/gu)) {
    const w = m[0];
    if (prev && !isDefinite(prev) && isDefinite(w)) heads.add(prev);
    prev = w;
  }
  return { headsConstruct: (w) => heads.has(w) };
}

const TAG_SEPARATORS = /\s*(?:[,،;؛|•·#/]|\s[-–—]\s)\s*/u;

/**
 * Splits a tag list. With separators, on them. Without (link texts joined by spaces), tag units
 * are learnt from the page's own repetition: tag widgets print the same list more than once, in
 * other orders, and each reordered run reveals where units start and end. What repetition cannot
 * resolve falls back to single words, except runs of definite words in languages that mark
 * definiteness with a prefix (Arabic "ال"), which form one noun phrase.
 */
export function splitTags(value: string, evidence: TagEvidence = NO_EVIDENCE): string[] {
  const v = value.trim();
  if (!v) return [];
  const parts = v.split(TAG_SEPARATORS).map((t) => t.trim()).filter(Boolean);
  const units = parts.length > 1 ? parts : segmentUnseparated(v.split(/\s+/u), evidence);
  return dedupe(units);
}

function dedupe(items: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of items) {
    const k = markerKey(t);
    if (k && !seen.has(k)) { seen.add(k); out.push(t); }
  }
  return out;
}

/** Definite prefixes per language: a run of words carrying one is a noun phrase with its adjectives. */
const DEFINITE_PREFIXES = ['ال']; // ar (and Arabic-script loans in fa/ur); other languages mark it with a separate word
const isDefinite = (w: string) => DEFINITE_PREFIXES.some((p) => w.startsWith(p) && w.length > p.length + 1);

export function segmentUnseparated(tokens: string[], evidence: TagEvidence = NO_EVIDENCE): string[] {
  const n = tokens.length;
  if (n <= 1) return tokens;
  const cuts = new Set<number>([0, n]);
  const period = repeatedBlock(tokens);
  const known = new Array<boolean>(n).fill(false); // positions covered by block-aligned runs
  if (period) {
    const block = tokens.slice(0, period);
    const blockCuts = new Set<number>([0, period]);
    const runs: [number, number, number][] = []; // [start in tokens, start in block, length]
    for (let j = period; j < n;) {
      const [s, k] = longestMatch(tokens, j, block);
      if (k >= 2) { runs.push([j, s, k]); blockCuts.add(s); blockCuts.add(s + k); j += k; } else j++;
    }
    runs.push([0, 0, period]);
    for (const [start, s, k] of runs) {
      for (let i = 0; i < k; i++) {
        known[start + i] = true;
        if (blockCuts.has(s + i)) cuts.add(start + i);
      }
      cuts.add(start + k);
    }
  }
  // Unknown stretches: single words, definite runs kept together
  for (let i = 1; i < n; i++) {
    if (known[i] && known[i - 1]) continue;
    if (isDefinite(tokens[i]) && isDefinite(tokens[i - 1]) && !cuts.has(i)) continue;
    // a construct head seen on the page binds to the definite run after it ("برنامج" + "الصواريخ …")
    if (isDefinite(tokens[i]) && !isDefinite(tokens[i - 1]) && evidence.headsConstruct(tokens[i - 1]) && !cuts.has(i)) continue;
    cuts.add(i);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) out.push(tokens.slice(sorted[i], sorted[i + 1]).join(' '));
  return out;
}

/** The shortest prefix that repeats right after itself (a tag list printed twice), or 0. */
function repeatedBlock(tokens: string[]): number {
  for (let p = 2; p * 2 <= tokens.length; p++) {
    let same = true;
    for (let i = 0; i < p && same; i++) same = tokens[i] === tokens[p + i];
    if (same) return p;
  }
  return 0;
}

/** The longest run of `tokens` from `j` that equals a contiguous part of `block`: [start in block, length]. */
function longestMatch(tokens: string[], j: number, block: string[]): [number, number] {
  let best: [number, number] = [0, 0];
  for (let s = 0; s < block.length; s++) {
    let k = 0;
    while (j + k < tokens.length && s + k < block.length && tokens[j + k] === block[s + k]) k++;
    if (k > best[1]) best = [s, k];
  }
  return best;
}
