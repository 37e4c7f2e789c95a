/**
 * The patterns dates are matched with, built from the vocabulary in dateTables.ts and the lexicon's
 * date-line markers: spellings made tolerant of the ways writers vary them (Arabic letter variants and
 * marks, optional accents, flexible spaces), many words joined as one prefix tree, and the date shapes
 * that read a year, month and day from a match. Everything is built on first use, not at module load.
 */

import { DATE_LINE_MARKERS, byLength, escapeRe } from './lexicon.js';
import { lazy } from '../lazy.js';
import type { Ymd } from './calendars.js';
import { ARABIC_ZONES, type Calendar, MONTHS, TIME_CONNECTORS, WEEKDAYS, ZONES } from './dateTables.js';

/** Arabic-script letters that writers swap freely, and the marks they add or drop. */
const ARABIC_CLASS: Record<string, string> = {
  'ا': '[اأإآٱ]', 'أ': '[اأإآٱ]', 'إ': '[اأإآٱ]', 'آ': '[اأإآٱ]',
  'ي': '[يىی]', 'ى': '[يىی]', 'ی': '[يىی]', 'ه': '[هةۀە]', 'ة': '[هةۀە]', 'ك': '[كک]', 'ک': '[كک]',
};
const ARABIC_MARKS = '[\\u064B-\\u065F\\u0670\\u0640\\u06C0\\u0654]*';

/**
 * A spelling as a tolerant pattern: Arabic letter classes and optional marks, optional accents on
 * Latin letters ("fevrier" for "février"), dotless/dotted i, flexible spaces; `i` flag does case.
 */
function tolerant(word: string): string {
  return tolerantTokens(word).join('');
}

/** `tolerant`, one pattern per written character (the prefix tree's edges). */
function tolerantTokens(word: string): string[] {
  const out: string[] = [];
  for (const ch of word.normalize('NFC').toLowerCase()) {
    if (ch === ' ' || ch === '\u200c') out.push('[\\s\\u200c]*');
    else if (ARABIC_CLASS[ch]) out.push(ARABIC_CLASS[ch] + ARABIC_MARKS);
    else if (/\p{Script=Arabic}/u.test(ch)) out.push(escapeRe(ch) + ARABIC_MARKS);
    else if (ch === 'i' || ch === 'ı') out.push('[iıİI]');
    else {
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out.push(base !== ch && base.length === 1 ? `[${base}${ch}]` : escapeRe(ch));
    }
  }
  return out;
}

/** Canonical key of a written month name: no marks, case, spaces, dots or letter variants. */
export function foldKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/(?![\u0e00-\u0e7f])[\p{M}\u0640\s.\u200c]/gu, '') // Thai vowel signs are letters that tell months apart
    .toLowerCase()
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/[ىی]/g, 'ي')
    .replace(/[ةۀە]/g, 'ه')
    .replace(/ک/g, 'ك')
    .replace(/ı/g, 'i')
    .replace(/ς/g, 'σ');
}

/**
 * One alternation of many words as a prefix tree ("ju(?:n(?:e|)|l(?:y|)|…)"): the regex engine then
 * tests a handful of first letters per position instead of hundreds of words, which keeps a 1 MB scan fast.
 * Longer continuations come first, so "septiembre" wins over "sept" before the boundary check.
 */
interface TrieNode { end: boolean; next: Map<string, TrieNode> }

function trieAlternation(words: string[][]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const tokens of words) {
    let node = root;
    for (const t of tokens) {
      let child = node.next.get(t);
      if (!child) node.next.set(t, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => {
    const alts = [...node.next].map(([t, child]) => t + emit(child));
    if (!alts.length) return '';
    if (node.end) alts.push('');
    return alts.length === 1 ? alts[0] : `(?:${alts.join('|')})`;
  };
  return `(?:${emit(root)})`;
}

interface MonthInfo { month: number; cal: Calendar }

/** Date shapes. Each yields year, month, day from its groups; `g` over the digit-folded text. */
interface Shape { re: RegExp; read(m: RegExpExecArray, dayFirst: boolean): Ymd | null }

export const num = (s: string | undefined) => (s === undefined ? NaN : parseInt(s, 10));

/**
 * The month table and every pattern built from the lexicon, made on first use (not at module load: a cold
 * start that parses no date does not pay for them). One clash check runs then, as it ran at load before.
 */
export const datePatterns = lazy(() => {
  const MONTH_BY_KEY = new Map<string, MonthInfo>();
  const monthPatterns: string[][] = [];
  for (const [lang, { cal = 'gregorian', names }] of Object.entries(MONTHS)) {
    names.forEach((spellings, i) => {
      for (const spelling of spellings) {
        const dotRequired = spelling.endsWith('.');
        const word = dotRequired ? spelling.slice(0, -1) : spelling;
        const key = foldKey(word);
        const prev = MONTH_BY_KEY.get(key);
        // Two languages giving one spelling different months would silently misparse: fail at load.
        if (prev && (prev.month !== i + 1 || prev.cal !== cal)) throw new Error(`month table clash: ${lang} ${spelling}`);
        MONTH_BY_KEY.set(key, { month: i + 1, cal });
        monthPatterns.push([...tolerantTokens(word), ...(dotRequired ? ['\\.'] : [])]);
      }
    });
  }
  const MONTH = trieAlternation(monthPatterns);
  /** Month, optional abbreviation dot, optional second name of a dual form ("حزيران/يونيو", "يونيو/ حزيران", "آب (أغسطس)"). */
  const MONTH_GROUP = `(${MONTH})(?!\\p{L})\\.?(?:\\s{0,2}[/\\\\(–-]\\s{0,2}(${MONTH})(?!\\p{L})\\.?\\)?)?`;
  const WEEKDAY = `(?:${WEEKDAYS.map(tolerant).sort(byLength).join('|')})`;
  const ZONE_ABBR = Object.keys(ZONES).filter((z) => z !== 'Z').sort(byLength).join('|');
  const ARABIC_ZONE = `(?:ب?توقيت\\s{0,2}(${ARABIC_ZONES.map(([n]) => tolerant(n)).sort(byLength).join('|')})|(ت\\s?\\.\\s?غ\\.?))`;
  /** Zone: "GMT", "UTC+3", "GMT+03:00", "+0300", "Z", "(EDT)", "بتوقيت غرينتش". Abbreviations are checked for upper case after matching. */
  const ZONE = `(?:\\(?(${ZONE_ABBR})(?:\\s?([+-])(\\d{1,2})(?::?(\\d{2}))?)?\\)?(?![\\p{L}\\d])|([+-])(\\d{2}):?(\\d{2})(?!\\d)|(Z)(?![\\p{L}\\d])|${ARABIC_ZONE})`;
  const AMPM = `(a\\.?\\s?m\\.?|p\\.?\\s?m\\.?|صباحاً|صباحا|مساءً|مساء|ص|م)(?![\\p{L}])`;
  const TIME = `(\\d{1,2})[:h.](\\d{2})(?!\\d)(?::(\\d{2})(?:[.,]\\d{1,9})?)?`;
  const ORDINAL = '(?:st|nd|rd|th|er|re|ème|eme|e|º|ª|°)?';
  const SEP = '[\\s,،.\\-/]{0,4}';
  const YEAR_SUFFIX = '(?:\\s{0,2}(?:г\\.|года|yılı)(?!\\p{L}))?';

  function monthOf(written: string): MonthInfo | undefined {
    return MONTH_BY_KEY.get(foldKey(written.replace(/\.$/, '')));
  }

  const SHAPES: Shape[] = [
    // ISO and friends, year first: 2025-06-20, 2025/06/20, 2025.06.20, Korean 2025. 6. 20.
    {
      re: /(?<![\d.])(\d{4})(?:-(\d{1,2})-(\d{1,2})|\/(\d{1,2})\/(\d{1,2})|\.\s?(\d{1,2})\.\s?(\d{1,2}))(?!\d)/gu,
      read: (m) => ({ y: num(m[1]), mo: num(m[2] ?? m[4] ?? m[6]), d: num(m[3] ?? m[5] ?? m[7]) }),
    },
    // Numeric day/month/year or month/day/year: 20/06/2025, 20.06.2025, 2/26/2015.
    {
      re: /(?<![\p{Script=Latin}\d.:/-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d])/gu,
      read: (m, dayFirst) => {
        const a = num(m[1]), b = num(m[3]);
        const mdy = a <= 12 && b <= 12 ? !dayFirst : b > 12;
        return mdy ? { y: num(m[4]), mo: a, d: b } : { y: num(m[4]), mo: b, d: a };
      },
    },
    // Chinese, Japanese, Korean: 2025年6月20日, 2025년 6월 20일.
    {
      re: /(\d{4})\s{0,2}[年년]\s{0,2}(\d{1,2})\s{0,2}[月월]\s{0,2}(\d{1,2})\s{0,2}[日일号號]?/gu,
      read: (m) => ({ y: num(m[1]), mo: num(m[2]), d: num(m[3]) }),
    },
    // Day month year: "20 June 2025", "20th, June 2025", "20. Juni 2025", "20 de junio de 2025", "28 آب/اغسطس 2013".
    {
      re: new RegExp(
        `(?<![\\d:])(\\d{1,2})${ORDINAL}${SEP}(?:(?:de|of)\\s{1,2})?${MONTH_GROUP}${SEP}(?:(?:de|del|of|عام|سنة)\\s{1,2})?(\\d{4})(?!\\d)${YEAR_SUFFIX}`,
        'giu',
      ),
      read: (m) => ymdFromNames(num(m[4]), m[2], m[3], num(m[1])),
    },
    // Month day year: "June 20, 2025", "Jun 20th 2025", "Sept. 3, 2025".
    {
      re: new RegExp(`(?<!\\p{L})${MONTH_GROUP}\\s{0,3}(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)[\\s,،.]{1,4}(\\d{4})(?!\\d)`, 'giu'),
      read: (m) => ymdFromNames(num(m[4]), m[1], m[2], num(m[3])),
    },
    // Year month day with a dot after the year (Hungarian "2025. június 20.").
    {
      re: new RegExp(`(?<!\\d)(\\d{4})\\.\\s{0,2}${MONTH_GROUP}\\s{0,2}(\\d{1,2})(?!\\d)\\.?`, 'giu'),
      read: (m) => ymdFromNames(num(m[1]), m[2], m[3], num(m[4])),
    },
  ];

  /** Month from the first name of a (possibly dual) month group; both names must agree when two are given. */
  function ymdFromNames(y: number, first: string, second: string | undefined, d: number): Ymd | null {
    const a = monthOf(first);
    if (!a) return null;
    if (second !== undefined) {
      const b = monthOf(second);
      if (b && b.month !== a.month && a.cal === b.cal) return null;
    }
    return { y, mo: a.month, d, cal: a.cal };
  }

  const TIME_AFTER = new RegExp(
    `(?:T|[\\s,،\\-–—|@]{0,4}(?:(?:${TIME_CONNECTORS.map(tolerant).sort(byLength).join('|')})(?!\\p{L})[\\s,]{0,3}){0,2})${TIME}(?:\\s{0,2}${AMPM})?`,
    'iuy',
  );
  const ZONE_AFTER = new RegExp(`\\s{0,2}${ZONE}`, 'iuy');
  /** Time (and zone) or weekday written just before a date: "3:15 PM EDT, Tue June 3, 2025", "الأربعاء، 28 …". */
  const BEFORE = new RegExp(
    `(?:${TIME}(?:\\s{0,2}${AMPM})?(?:\\s{0,2}${ZONE})?[\\s,،\\-–—|]{0,4}(?:on\\s)?)?(?:(?:يوم\\s)?${WEEKDAY}(?!\\p{L})\\.?[\\s,،]{0,3})?$`,
    'iu',
  );
  const WEEKDAY_BEFORE = new RegExp(`(?:يوم\\s)?${WEEKDAY}(?!\\p{L})\\.?[\\s,،]{0,3}$`, 'iu');
  return { SHAPES, TIME_AFTER, ZONE_AFTER, BEFORE, WEEKDAY_BEFORE };
});

/** Date-line marker patterns, made on first use. */
export const markerPatterns = lazy(() => ({
  MARKER_RE: new RegExp(
    `(?<![\\p{L}\\p{M}])(${DATE_LINE_MARKERS.map((m) => tolerant(m.text)).sort(byLength).join('|')})(?![\\p{L}\\p{M}])`,
    'iu',
  ),
  MARKER_BY_KEY: new Map(DATE_LINE_MARKERS.map((m) => [foldKey(m.text), m])),
  CJK_MARKER_RE: new RegExp(
    `(${DATE_LINE_MARKERS.filter((m) => /[\p{Script=Han}\p{Script=Hangul}\p{Script=Katakana}\p{Script=Hiragana}]/u.test(m.text))
      .map((m) => escapeRe(m.text))
      .sort(byLength)
      .join('|')})`,
    'u',
  ),
}));
