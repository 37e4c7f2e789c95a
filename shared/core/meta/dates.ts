/**
 * Publication dates written by people, in many languages, to ISO 8601.
 *
 * One pass per date shape (ISO, numeric, CJK, "day month year", "month day year") over a copy of the
 * text whose digits are folded to ASCII (Arabic-Indic, Persian, fullwidth …; length-preserving, so match
 * offsets point into the original text). Each hit is then widened to a time and zone written right after
 * it ("20 June 2025, 10:30 GMT") or right before it ("3:15 PM EDT, Tue June 3, 2025") and to a leading
 * weekday, validated (real calendar date, inside the bounds) and returned with the span as written.
 *
 * Output choices (the contract: "`2025-06-20`, or a date-time with offset when the time is known"):
 * - date + time + zone → `2025-06-20T10:30:00+03:00` (`Z` for UTC/GMT); the local wall time is kept,
 *   never shifted to UTC, so the date part stays the one the page shows.
 * - date + time without zone → `2025-06-20` only: a date-time without offset is not an instant, and
 *   guessing the site's zone would be worse than saying less. The time stays in `text`.
 * - numeric `a/b/yyyy`: day-first unless impossible (`2/26/2015` → Feb 26), or when the locale says
 *   month-first (`DateBounds.locale` with region US, e.g. `en-US`). Plain `en` stays day-first.
 * - Unix timestamps (10 or 13 digits) only when they are the whole value (a JSON or meta field).
 * - Dates without a year ("13 June", "11月17日") are not dates here: the year would be a guess.
 * - Solar Hijri (Persian) and Thai Buddhist-era dates are converted to Gregorian.
 *
 * This module reads; the words it reads are in dateTables.ts, the patterns built from them (on first use)
 * in datePatterns.ts, and the conversion between calendars in calendars.ts.
 */

import type { DateMarker, DateMarkerKind } from './lexicon.js';
import { type Ymd, toGregorian } from './calendars.js';
import { ARABIC_ZONES, ZONES } from './dateTables.js';
import { datePatterns, foldKey, markerPatterns, num } from './datePatterns.js';

export { DATE_LINE_MARKERS,  type DateMarkerKind } from './lexicon.js';

export interface ParsedDate {
  /** `2025-06-20`, or a date-time with offset when the time is known. */
  iso: string;
  /** The date as the page wrote it. */
  text: string;
}

export interface DateBounds {
  /** Dates after this are implausible (the crawl or upload time). Default: now + 1 day. */
  now?: Date;
  /** Dates before this are implausible for news. Default: 1990-01-01. */
  min?: Date;
  /** BCP 47 tag of the page; region `US` (`en-US`) makes ambiguous `a/b/yyyy` month-first. */
  locale?: string | null;
}

/** Earliest plausible publication date when `bounds.min` is not given. */
export const DATE_FLOOR = new Date(Date.UTC(1990, 0, 1));

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------------
// Text normalisation
// ---------------------------------------------------------------------------------------------------

/** Zero of each decimal digit block folded to ASCII: Arabic-Indic, Persian, Devanagari, Bengali, Thai, Myanmar, fullwidth. */
const DIGIT_ZEROS = [0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0x1040, 0xff10];
const FOREIGN_DIGIT = /[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef\u0e50-\u0e59\u1040-\u1049\uff10-\uff19]/g;
/** Bidi controls and the Arabic letter mark count as spaces; fullwidth punctuation as ASCII. */
const ONE_FOR_ONE: Record<string, string> = {
  '\u200e': ' ', '\u200f': ' ', '\u061c': ' ', '\u202a': ' ', '\u202b': ' ', '\u202c': ' ', '\u202d': ' ', '\u202e': ' ',
  '\u2066': ' ', '\u2067': ' ', '\u2068': ' ', '\u2069': ' ', '\u2212': '-', '\uff1a': ':', '\uff0f': '/', '\uff0e': '.', '\u066b': '.',
};
const ONE_FOR_ONE_RE = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u2212\uff1a\uff0f\uff0e\u066b]/g;

/** Same length as the input, so offsets carry over to the original text. */
function foldDigits(text: string): string {
  return text
    .replace(FOREIGN_DIGIT, (ch) => {
      const c = ch.charCodeAt(0);
      for (const z of DIGIT_ZEROS) if (c >= z && c <= z + 9) return String(c - z);
      return ch;
    })
    .replace(ONE_FOR_ONE_RE, (ch) => ONE_FOR_ONE[ch] ?? ch);
}

// ---------------------------------------------------------------------------------------------------
// Time and zone
// ---------------------------------------------------------------------------------------------------

interface Clock { h: number; mi: number; s: number }

/** Hour, minute, second with an optional am/pm (Latin or Arabic ص/م); null when impossible. */
function readClock(h: string, mi: string, s: string | undefined, ampm: string | undefined): Clock | null {
  let hour = num(h);
  const min = num(mi), sec = s === undefined ? 0 : num(s);
  if (min > 59 || sec > 60) return null;
  if (ampm) {
    const pm = /^[pم]/iu.test(ampm);
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return hour > 23 ? null : { h: hour, mi: min, s: Math.min(sec, 59) };
}

/**
 * Offset in minutes from the ZONE groups at `i` (abbr, sign, h, m, sign, h, m, Z, arabicName, ت.غ);
 * undefined when there is none, or when an abbreviation is not in upper case ("est", "ist").
 */
function readZone(g: Array<string | undefined>, i: number): number | undefined {
  const [abbr, s1, h1, m1, s2, h2, m2, z, arName, tg] = g.slice(i, i + 10);
  const signed = (sign: string, h: string, m: string | undefined) => (sign === '+' ? 1 : -1) * (num(h) * 60 + (m ? num(m) : 0));
  if (abbr !== undefined) {
    if (abbr !== abbr.toUpperCase()) return undefined;
    const base = ZONES[abbr];
    return s1 && h1 ? base + signed(s1, h1, m1) : base;
  }
  if (s2 && h2) return signed(s2, h2, m2);
  if (z === 'Z') return 0;
  if (arName !== undefined) return ARABIC_ZONES.find(([n]) => foldKey(n) === foldKey(arName))?.[1];
  if (tg !== undefined) return 0;
  return undefined;
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

function formatIso(ymd: Ymd, clock: Clock | null, offset: number | undefined): string {
  const date = `${pad(ymd.y, 4)}-${pad(ymd.mo)}-${pad(ymd.d)}`;
  if (!clock || offset === undefined || Math.abs(offset) > 14 * 60) return date;
  const tz = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${date}T${pad(clock.h)}:${pad(clock.mi)}:${pad(clock.s)}${tz}`;
}

// ---------------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------------

interface Hit { start: number; end: number; ymd: Ymd }

/** Candidate dates in the folded text, in order, overlaps resolved (earliest, then longest). */
function scan(folded: string, dayFirst: boolean): Hit[] {
  const hits: Hit[] = [];
  const { SHAPES } = datePatterns();
  for (const shape of SHAPES) {
    shape.re.lastIndex = 0;
    for (let m = shape.re.exec(folded); m; m = shape.re.exec(folded)) {
      const ymd = shape.read(m, dayFirst);
      if (ymd) hits.push({ start: m.index, end: m.index + m[0].length, ymd });
      if (m[0].length === 0) shape.re.lastIndex++;
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const h of hits) if (!kept.length || h.start >= kept[kept.length - 1].end) kept.push(h);
  return kept;
}

function isDayFirst(locale: string | null | undefined): boolean {
  return !/^[a-z]{2,3}[-_]us\b/i.test(locale ?? '');
}

/** A trimmed span end: no trailing separators or dots that are not part of an abbreviation. */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start && (/[\s,،\-–—|/]/u.test(text[end - 1]) || (text[end - 1] === '.' && /\p{Nd}/u.test(text[end - 2] ?? '')))) end--;
  return end;
}

function withinBounds(ymd: Ymd, clock: Clock | null, offset: number | undefined, bounds: DateBounds): boolean {
  const min = (bounds.min ?? DATE_FLOOR).getTime();
  const max = (bounds.now ?? new Date()).getTime() + DAY_MS;
  const dayStart = Date.UTC(ymd.y, ymd.mo - 1, ymd.d);
  if (dayStart + DAY_MS <= min) return false;
  const instant = clock && offset !== undefined ? dayStart + ((clock.h * 60 + clock.mi) - offset) * 60_000 : dayStart;
  return instant <= max;
}

/** Whole-value Unix timestamps (seconds or milliseconds), as JSON and meta fields carry them. */
function parseTimestamp(text: string, bounds: DateBounds): ParsedDate | null {
  const t = text.trim();
  if (!/^\d{10}(?:\d{3})?$/.test(t)) return null;
  const ms = t.length === 13 ? Number(t) : Number(t) * 1000;
  const d = new Date(ms);
  const ymd = { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate() };
  const clock = { h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
  return withinBounds(ymd, clock, 0, bounds) ? { iso: formatIso(ymd, clock, 0), text: t } : null;
}

/**
 * All dates written in `text`, in order of appearance, each widened to the time, zone and weekday
 * written next to it. Dates outside the bounds or impossible on the calendar are left out.
 */
export function findDates(text: string, bounds: DateBounds = {}, limit = Infinity): ParsedDate[] {
  if (typeof text !== 'string' || !text) return [];
  const ts = parseTimestamp(text, bounds);
  if (ts) return [ts];
  const folded = foldDigits(text);
  const { TIME_AFTER, ZONE_AFTER, BEFORE, WEEKDAY_BEFORE } = datePatterns();
  const out: ParsedDate[] = [];
  let prevEnd = 0;
  for (const hit of scan(folded, isDayFirst(bounds.locale))) {
    if (out.length >= limit) break;
    const ymd = toGregorian(hit.ymd);
    if (!ymd) continue;
    let { start, end } = hit;
    let clock: Clock | null = null;
    let offset: number | undefined;

    TIME_AFTER.lastIndex = end;
    const t = TIME_AFTER.exec(folded);
    if (t) {
      clock = readClock(t[1], t[2], t[3], t[4]);
      if (clock) end = t.index + t[0].length;
    }
    ZONE_AFTER.lastIndex = end;
    const z = ZONE_AFTER.exec(folded);
    if (z) {
      const zoneOffset = readZone([...z], 1);
      // A zone right after the date is part of how it was written ("20th, June 2025 GMT") even without a time.
      if (zoneOffset !== undefined && (clock || !z[8])) {
        offset = zoneOffset;
        end = z.index + z[0].length;
      }
    }
    // A leading weekday, and when no time followed, a time written before: "3:15 PM EDT, Tue June 3, 2025".
    const from = Math.max(prevEnd, start - 60);
    const b = (clock ? WEEKDAY_BEFORE : BEFORE).exec(folded.slice(from, start));
    if (b && b[0].trim() && !opensMidWord(text, from + b.index)) {
      if (!clock && b[1] !== undefined) {
        clock = readClock(b[1], b[2], b[3], b[4]);
        if (clock && offset === undefined) offset = readZone([...b], 5);
      }
      start = from + b.index;
    }
    if (!withinBounds(ymd, clock, offset, bounds)) continue;
    end = trimEnd(text, start, end);
    out.push({ iso: formatIso(ymd, clock, offset), text: text.slice(start, end).trim() });
    prevEnd = end;
  }
  return out;
}

/**
 * The text at i starts inside a word: "MON" ending "SOLOMON" is no weekday. A lower-case letter before
 * a capital is a word boundary that a scrape lost ("The GrayzoneThu, 14 May 2020").
 */
function opensMidWord(text: string, i: number): boolean {
  const [prev, first] = [text[i - 1], text[i]];
  if (!prev || !first || !LETTER.test(first) || !LETTER_OR_MARK.test(prev)) return false;
  return !(LOWER.test(prev) && UPPER.test(first));
}
const LETTER = /\p{L}/u;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;

/** The first date written in `text` (a date line, a meta or JSON-LD value, a `<time datetime>`), or null. */
export function parseDate(text: string, bounds: DateBounds = {}): ParsedDate | null {
  return findDates(text, bounds, 1)[0] ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Date-line markers
// ---------------------------------------------------------------------------------------------------

export interface MarkerHit { marker: DateMarker; index: number; length: number }

/**
 * The first date-line marker in `line` ("Published", "نُشر في", "آخر تحديث", "发布时间" …), or null.
 * CJK markers have no word boundaries, so they match inside text; callers should also want a date.
 */
export function findDateMarker(line: string): MarkerHit | null {
  const { MARKER_RE, CJK_MARKER_RE, MARKER_BY_KEY } = markerPatterns();
  const a = MARKER_RE.exec(line);
  const b = CJK_MARKER_RE.exec(line);
  const m = a && b ? (b.index < a.index ? b : a) : (a ?? b);
  if (!m) return null;
  const marker = MARKER_BY_KEY.get(foldKey(m[1]));
  return marker ? { marker, index: m.index, length: m[0].length } : null;
}

/**
 * The date of a date line and what kind it is: "Updated 3:15 PM EDT, Tue June 3, 2025" →
 * `{ kind: 'updated', marked: true, … }`. Each date takes the kind of the nearest marker before it
 * (`published` when there is none, `marked: false`). When a line gives both ("Published 3 June 2025,
 * updated 4 June 2025" in any order), the published one is returned.
 */
export function parseDateLine(line: string, bounds: DateBounds = {}): (ParsedDate & { kind: DateMarkerKind; marked: boolean }) | null {
  const dates = findDates(line, bounds, 4);
  if (!dates.length) return null;
  const kinds: Array<ParsedDate & { kind: DateMarkerKind; marked: boolean }> = [];
  let from = 0;
  let kind: DateMarkerKind = 'published';
  let marked = false;
  for (const date of dates) {
    const at = line.indexOf(date.text, from);
    const head = line.slice(from, at < 0 ? from : at);
    for (let rest = head, m = findDateMarker(rest); m; rest = rest.slice(m.index + m.length), m = findDateMarker(rest)) {
      kind = m.marker.kind;
      marked = true;
    }
    kinds.push({ ...date, kind, marked });
    if (at >= 0) from = at + date.text.length;
  }
  return kinds.find((d) => d.kind === 'published') ?? kinds[0];
}
