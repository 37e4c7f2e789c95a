/**
 * Classified segments → articles: where each article starts and ends, its title, its in-body
 * headings and paragraphs, and the "related" headlines cut from it.
 *
 * Article boundaries: after an article's body has ended (an end zone of tags, source, share,
 * read-also, copyright or disclaimer lines), a title-like line followed by a substantial body opens
 * the next article; so does a title-like line followed by its own date line once a body exists.
 */
import type { BodyBlock, RelatedHeadline } from '../model.js';
import type { ClassifiedSegment } from './classifyLines.js';
import { LABEL_WORDS } from '../meta/boilerplateMarkers.js';
import { opensWithMarker, startsWithOrdinal } from './markers.js';
import { escapeRe } from './repairGlue.js';
import { STOPWORDS } from './stopwords.js';

/** What a segment is, once metadata lines are known. */
export type Role = 'body' | 'boilerplate' | 'date' | 'source' | 'tags' | 'byline' | 'readAlso' | 'related';

export interface RoledSegment extends ClassifiedSegment {
  role: Role;
}

export interface ArticleSpan {
  /** Index (into the segment list) of the title segment, or -1 when none was found. */
  title: number;
  /** First and last segment (inclusive) that belong to the article, metadata and end zone included. */
  start: number;
  end: number;
  blocks: BodyBlock[];
  related: RelatedHeadline[];
}

export const SEGMENT_LIMITS = {
  /** Body characters an article needs before a later title can open another one. */
  minBody: 300,
  /** Body characters right after a new title (in its first eight segments) for it to open an article. */
  minArticleBody: 400,
  /** How far after a candidate title its body must start (segments). */
  bodyLookahead: 4,
  /** How far before the first body segment a title is looked for (segments). */
  titleLookback: 30,
  /** Headline-like segments read after a "related" marker. */
  maxRelated: 12,
};

const WORDISH = /[\p{L}\p{N}]+/gu;
const SENTENCE_END = /[.!。！…;:،,]$/u;

/** A line that could be a headline: a few words, no sentence-ending period, not a marker. */
const titleLikeMemo = new WeakMap<ClassifiedSegment['features'], boolean>();

export function isTitleLike(s: ClassifiedSegment): boolean {
  const memo = titleLikeMemo.get(s.features);
  if (memo !== undefined) return memo;
  const v = titleLikeUncached(s);
  titleLikeMemo.set(s.features, v);
  return v;
}

function titleLikeUncached(s: ClassifiedSegment): boolean {
  const f = s.features;
  if (f.marker || f.label || f.letters < 3) return false;
  if (f.chars > 220 || f.hits > 0) return false;
  const words = (s.text.match(WORDISH) ?? []).length;
  const unspaced = f.length > f.chars; // weighted: the line has unspaced-script characters
  if (unspaced ? f.chars < 4 : words < 2) return false;
  if (!unspaced && words > 30) return false;
  return !SENTENCE_END.test(s.text) && !opensWithMarker(s.text, s.key || undefined);
}

/** A headline in a related list: title-like, or a question. */
const isHeadline = (s: ClassifiedSegment) => isTitleLike(s) || (/[?؟？]$/u.test(s.text) && s.features.chars < 220);

/** Body characters of good segments in [from, to). */
function bodyCharsBetween(segs: RoledSegment[], from: number, to: number): number {
  let n = 0;
  for (let i = Math.max(0, from); i < Math.min(to, segs.length); i++) if (segs[i].role === 'body') n += segs[i].features.length;
  return n;
}

/** The first body segment at or after `from` within `lookahead` segments, skipping metadata. */
function bodyStartsAfter(segs: RoledSegment[], from: number, lookahead: number): number {
  for (let i = from, seen = 0; i < segs.length && seen < lookahead; i++) {
    const r = segs[i].role;
    if (r === 'body') return i;
    if (r === 'date' || r === 'byline') continue;
    seen++;
  }
  return -1;
}

const END_ZONE: ReadonlySet<string> = new Set(['tags', 'source', 'readAlso']);
const isEndZoneComments = (s: RoledSegment) => isCommentsHeader(s);
const END_MARKERS: ReadonlySet<string> = new Set(['share', 'copyright', 'disclaimer', 'skip', 'newsletter']);

function isEndZone(s: RoledSegment): boolean {
  if (END_ZONE.has(s.role) || isEndZoneComments(s)) return true;
  const f = s.features;
  return (f.marker !== null && END_MARKERS.has(f.marker)) || f.hitCategories.some((c) => END_MARKERS.has(c));
}

/** Finds article starts: indices of title segments of the second and later articles. */
export function findArticleStarts(segs: RoledSegment[]): number[] {
  const starts: number[] = [];
  // prefix sums of body characters keep this linear
  const prefix = [0];
  for (const s of segs) prefix.push(prefix[prefix.length - 1] + (s.role === 'body' ? s.features.length : 0));
  const bodyCharsBetween = (_: RoledSegment[], from: number, to: number) =>
    prefix[Math.min(Math.max(to, 0), segs.length)] - prefix[Math.min(Math.max(from, 0), segs.length)];
  let articleFrom = 0;
  let endZone = false;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (s.role === 'body') {
      // a body segment after an end zone does not reset it unless it is prose that continues the article
      if (!endZone) continue;
    }
    if (isEndZone(s) && bodyCharsBetween(segs, articleFrom, i) >= SEGMENT_LIMITS.minBody) endZone = true;
    if (!isTitleLike(s) || isEndZone(s) || bodyCharsBetween(segs, articleFrom, i) < SEGMENT_LIMITS.minBody) continue;
    // a headline has a few words and no date or time in it (comment headers do: "Name · March 10, 2017 at 2:56 AM")
    if ((s.text.match(WORDISH) ?? []).length < 3 || /\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b/u.test(s.text)) continue;
    const body = bodyStartsAfter(segs, i + 1, SEGMENT_LIMITS.bodyLookahead);
    if (body < 0) continue;
    const datedTitle = segs.slice(i + 1, body).some((x) => x.role === 'date');
    if (!endZone && !datedTitle) continue;
    if (bodyCharsBetween(segs, body, body + 8) < SEGMENT_LIMITS.minArticleBody) continue;
    starts.push(i);
    articleFrom = i;
    endZone = false;
  }
  return starts;
}

/**
 * Picks the first article's title among the segments before its body: a headline-shaped line
 * (four or more words), close to the body, best followed by its byline or date line, and often
 * printed twice (breadcrumb or social card and the headline itself).
 */
export function pickTitle(segs: RoledSegment[], from: number, bodyStart: number, repeats: (s: ClassifiedSegment) => number): number {
  let best = -1;
  let bestScore = -Infinity;
  const lo = Math.max(from, bodyStart - SEGMENT_LIMITS.titleLookback);
  const vocab = bodyVocabulary(segs, bodyStart);
  for (let i = bodyStart; i >= lo; i--) {
    const s = segs[i];
    if (i === bodyStart && s.features.sentences > 0) continue;
    if (!isTitleLike(s) || s.role === 'date' || s.role === 'byline' || opensWithAuthor(s.text)) continue;
    const distance = bodyStart - i;
    const words = (s.text.match(WORDISH) ?? []).length;
    const unspaced = s.features.length > s.features.chars;
    let score = -0.06 * distance;
    if (unspaced ? s.features.chars >= 8 : words >= 4) score += 2;
    else if (unspaced ? s.features.chars >= 5 : words === 3) score += 0.5;
    else score -= 2;
    const r = repeats(s);
    if (r === 2 || r === 3) score += 1.5;
    for (let j = i + 1; j <= Math.min(segs.length - 1, i + 3); j++) {
      if (segs[j].role === 'date' || segs[j].role === 'byline') { score += 1.5; break; }
    }
    // a headline names what the article is about: its content words recur in the opening paragraphs
    score += 4 * overlapWithBody(s.text, vocab);
    if (/\d{1,2}:\d{2}/u.test(s.text)) score -= 1; // clock times belong to players, tickers and timestamps
    if (s.gluedBefore || s.gluedAfter) score -= 0.5;
    if (score > bestScore) { best = i; bestScore = score; }
  }
  return best;
}

const CONTENT_TOKEN = /[\p{L}\p{M}\p{N}]{3,}/gu;
const UNSPACED_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Myanmar}\p{Script=Hangul}]/u;

/** Content tokens (and character bigrams of unspaced scripts) of the opening body text. */
function bodyVocabulary(segs: RoledSegment[], bodyStart: number): Set<string> {
  const vocab = new Set<string>();
  let chars = 0;
  for (let i = bodyStart; i < segs.length && chars < 3000; i++) {
    if (segs[i].role !== 'body') continue;
    chars += segs[i].text.length;
    for (const t of contentUnits(segs[i].text)) vocab.add(t);
  }
  return vocab;
}

function contentUnits(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(CONTENT_TOKEN)) {
    const w = m[0];
    if (UNSPACED_CHAR.test(w)) { const cs = [...w]; for (let i = 0; i + 1 < cs.length; i++) out.push(cs[i] + cs[i + 1]); } else if (!STOPWORDS.has(w)) out.push(w);
  }
  return out;
}

/** Share of a candidate's content units found in the body vocabulary. */
export function overlapWithBody(text: string, vocab: Set<string>): number {
  const units = contentUnits(text);
  if (!units.length || !vocab.size) return 0;
  let hit = 0;
  for (const u of units) if (vocab.has(u)) hit++;
  return hit / units.length;
}

const AUTHOR_OPENING = new RegExp(`^(?:${[...new Set(LABEL_WORDS.author)].sort((a, b) => b.length - a.length).map(escapeRe).join('|')})\\s+\\p{Lu}`, 'u');
/** "By Jane Doe, Senior Editor …": a byline, even a long one, is not a headline. */
const opensWithAuthor = (text: string) => AUTHOR_OPENING.test(text);

/** Body blocks of one article: paragraphs, headings and the related headlines cut from it. */
export function buildBlocks(segs: RoledSegment[], from: number, to: number, title: number): { blocks: BodyBlock[]; related: RelatedHeadline[] } {
  const blocks: BodyBlock[] = [];
  const related: RelatedHeadline[] = [];
  const titleKey = title >= 0 ? normKey(segs[title].text) : '';
  for (let i = from; i <= to; i++) {
    const s = segs[i];
    if (s.role === 'related' || s.role === 'readAlso') {
      // headlines follow the marker until prose resumes
      let j = i + 1;
      while (j <= to && related.length < SEGMENT_LIMITS.maxRelated && isHeadline(segs[j]) && segs[j].features.sentences <= 1
        && !(segs[j].gluedAfter === false && segs[j + 1]?.role === 'body' && isHeading(segs, j, to))) {
        if (segs[j].role !== 'boilerplate' || segs[j].cf !== 'bad' || !segs[j].features.marker) related.push({ title: segs[j].text, url: null });
        j++;
      }
      i = j - 1;
      continue;
    }
    if (s.role !== 'body' || i === title) continue;
    if (titleKey && normKey(s.text) === titleKey) continue;
    blocks.push({ kind: isHeading(segs, i, to) ? 'heading' : 'paragraph', text: s.text });
  }
  return { blocks, related };
}

/** A short title-like line that introduces the body paragraph after it. */
export function isHeading(segs: RoledSegment[], i: number, to: number): boolean {
  const s = segs[i];
  const next = segs[i + 1];
  if (!next || i + 1 > to || next.role !== 'body' || next.features.sentences === 0) return false;
  if (!isTitleLike(s) || s.features.chars > 120 || /[?؟？]$/u.test(s.text)) return false;
  if (startsWithOrdinal(s.text)) return true;
  // glued to its paragraph, or standing between paragraphs
  const prev = segs[i - 1];
  return s.gluedAfter || !prev || prev.role !== 'body' || prev.features.sentences > 0;
}

const normKey = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();

/**
 * The main text region of an article span: the contiguous run of segments with the most body in
 * it and the least marked boilerplate (maximum-sum subarray, as in Finn et al.'s Body Text
 * Extraction). Prose counts for, marked boilerplate against, short unmarked lines slightly against.
 */
export function mainRegion(segs: RoledSegment[], from: number, to: number): [number, number] {
  let best = -Infinity;
  let bestRange: [number, number] = [from, from - 1];
  let sum = 0;
  let start = from;
  for (let i = from; i <= to; i++) {
    const w = regionWeight(segs[i]);
    if (sum <= 0) { sum = w; start = i; } else sum += w;
    if (sum > best) { best = sum; bestRange = [start, i]; }
  }
  return best > 0 ? bestRange : [from, from - 1];
}

function regionWeight(s: RoledSegment): number {
  const f = s.features;
  if (s.role === 'body') return f.length;
  if (f.marker || f.label || f.hits > 0 || s.role !== 'boilerplate') return -Math.max(40, Math.min(f.length, 200));
  if (f.repeats >= 2) return -Math.max(20, Math.min(f.length, 100));
  return -Math.min(f.length, 60) * 0.5;
}

/** Unmarked lines inside the main region are part of it (list items, code, captions, headings). */
export function rescueInRegion(segs: RoledSegment[], from: number, to: number): void {
  const [a, b] = mainRegion(segs, from, to);
  for (let i = a; i <= b; i++) {
    const s = segs[i];
    const f = s.features;
    if (s.role !== 'boilerplate' || f.marker || f.label || f.hits > 0 || f.hitWords > 0 || f.repeats >= 2 || f.letters < 2) continue;
    if (opensWithMarker(s.text, s.key || undefined)) continue;
    s.role = 'body';
  }
}

/** A comments header: "Comments", "There are 13 comments", "التعليقات (5)" — a comment word in a short line. */
export function isCommentsHeader(s: ClassifiedSegment): boolean {
  if (s.features.marker === 'comments') return true;
  return s.features.chars <= 60 && /\p{N}/u.test(s.text) && COMMENT_WORDS.some((w) => s.key.includes(w));
}
const COMMENT_WORDS = ['comment', 'تعليق', 'commentaire', 'comentario', 'kommentar', 'comentário', 'comment', 'commenti', 'комментар', 'yorum', 'نظر', '评论', '評論', 'コメント'];

/**
 * Where an article's text ends: the first hard end marker (tags or source line, comments header,
 * copyright line, disclaimer) after most of the body. Body after it is comments or other content;
 * a following article is found separately (findArticleStarts).
 */
export function articleEnd(segs: RoledSegment[], from: number, to: number): number {
  let total = 0;
  for (let i = from; i <= to; i++) if (segs[i].role === 'body') total += segs[i].features.length;
  let before = 0;
  for (let i = from; i <= to; i++) {
    const s = segs[i];
    if (s.role === 'body') { before += s.features.length; continue; }
    if (before < SEGMENT_LIMITS.minBody || before < total * 0.25) continue;
    const f = s.features;
    const hard = s.role === 'tags' || s.role === 'source' || isCommentsHeader(s)
      || f.marker === 'copyright' || f.marker === 'disclaimer' || f.hitCategories.includes('copyright') || f.hitCategories.includes('disclaimer');
    if (hard) return i;
  }
  return to;
}
