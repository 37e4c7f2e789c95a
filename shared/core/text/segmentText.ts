/**
 * Classified segments → articles: where each article starts and ends, its title, its in-body
 * headings and paragraphs, and the "related" headlines cut from it.
 *
 * Article boundaries: once an article has a body, a headline opens the next article only when it
 * is announced (its own date line or byline right after it, or a read-also / related marker, a tag
 * line or a share bar right before it) and a substantial body of its own follows; teasers, captions, comments and sidebar
 * headlines stay in the article they sit in (see findArticleStarts). The first article's title is
 * chosen in titleChoice.ts.
 */
import type { BodyBlock, RelatedHeadline } from '../model.js';
import type { MarkerCategory } from '../meta/lexicon.js';
import { type ClassifiedSegment, isDatedListLine, isMarkedBoilerplate } from './classifyLines.js';
import { opensWithMarker, startsWithOrdinal } from './markers.js';
import type { RoledSegment } from './roles.js';
import { bodyVocabulary, headlineShape, opensWithAuthor, overlapWithBody } from './titleChoice.js';
import { lazy } from '../lazy.js';

const SEGMENT_LIMITS = {
  /** Body characters an article needs before a later title can open another one. */
  minBody: 300,
  /** Body characters right after a new title (in its first eight segments) for it to open an article. */
  minArticleBody: 400,
  /** How far after a candidate title its body must start (segments). */
  bodyLookahead: 4,
  /** Headline-like segments read after a "related" marker. */
  maxRelated: 12,
  /**
   * Segments without body in a row, with page-end furniture among them, after which the article's text
   * has ended when less body follows than came before (a footer's disclaimer, a sidebar, a live feed).
   */
  furnitureGap: 6,
};

const wordish = lazy(() => /[\p{L}\p{N}]+/gu);
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
  const words = (s.text.match(wordish()) ?? []).length;
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

/**
 * Finds article starts: indices of title segments of the second and later articles.
 *
 * Pages show many headline-shaped lines after an article's body: teasers, related and most-read
 * lists, captions, comment headers, sidebar stories with a blurb. Only a headline that announces an
 * article of its own opens one: it is a real headline (headlineShape: no caption, byline, dateline,
 * breadcrumb or form label, not a lower-case fragment), it is announced (its own date line or
 * byline right after it, or a "read also" / "related" marker, a tag line or a share bar right before it), and a substantial body
 * follows: several long paragraphs, not a run of headline, date, headline, date.
 */
export function findArticleStarts(segs: RoledSegment[]): number[] {
  const starts: number[] = [];
  // prefix sums of body characters keep this linear
  const prefix = [0];
  for (const s of segs) prefix.push(prefix[prefix.length - 1] + (s.role === 'body' ? s.features.length : 0));
  const bodyChars = (from: number, to: number) =>
    prefix[Math.min(Math.max(to, 0), segs.length)] - prefix[Math.min(Math.max(from, 0), segs.length)];
  let articleFrom = 0;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (s.role === 'body' && s.features.sentences > 0) continue;
    if (!isTitleLike(s) || isEndZone(s) || bodyChars(articleFrom, i) < SEGMENT_LIMITS.minBody) continue;
    // a headline has a few words and no date or time in it (comment headers do: "Name · March 10, 2017 at 2:56 AM")
    if ((s.text.match(wordish()) ?? []).length < 3 || /\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b/u.test(s.text)) continue;
    if (!isArticleHeadline(s)) continue;
    const body = bodyStartsAfter(segs, i + 1, SEGMENT_LIMITS.bodyLookahead);
    if (body < 0) continue;
    const between = segs.slice(i + 1, body);
    // another headline between it and the body: a list of headlines (related box, teasers), not one article's
    if (between.some((x) => x.role === 'boilerplate' && isTitleLike(x))) continue;
    // "Reply", "Report" between a line and its date: a comment and its author, not a headline
    if (between.some((x) => x.features.marker === 'comments' || isCommentsHeader(x))) continue;
    const dated = between.some((x) => x.role === 'date' || x.role === 'byline');
    if (!dated && !announced(segs, i)) continue;
    // its own date line or byline is evidence enough for one long paragraph; an announced headline needs two
    if (bodyChars(body, body + 8) < SEGMENT_LIMITS.minArticleBody || !substantialBody(segs, body, dated ? 1 : 2)) continue;
    starts.push(i);
    articleFrom = i;
  }
  return starts;
}

/** A headline that can open an article: headline-shaped, without a caption's or fragment's marks. */
function isArticleHeadline(s: RoledSegment): boolean {
  const shape = headlineShape(s);
  return !!shape && !shape.crumb && shape.penalty < 1.5 && shape.size >= 3 && !opensWithAuthor(s.text);
}

/** A "read also" or "related" marker, a closing tag line or a share bar stands right before the headline (only other markers between). */
function announced(segs: RoledSegment[], i: number): boolean {
  for (let j = i - 1, seen = 0; j >= 0 && seen < 2; j--) {
    const t = segs[j];
    // a "read also" marker, or the tag line that closes the article before (a source line may be a picture credit)
    if (t.role === 'readAlso' || t.role === 'related' || t.role === 'tags') return true;
    // a share bar closes a story: on a section or briefs page the next story's headline follows it
    if (t.features.marker === 'share') return true;
    if (t.role === 'body') return false;
    if (!t.features.marker) seen++;
  }
  return false;
}

/**
 * The body after a new headline is an article's: two or more long paragraphs in its first segments,
 * and not a list in which headlines and date lines keep coming back (a teaser or ranking list).
 */
function substantialBody(segs: RoledSegment[], body: number, minLong: number): boolean {
  let long = 0;
  let interruptions = 0;
  for (let j = body; j < Math.min(segs.length, body + 6); j++) {
    const t = segs[j];
    if (t.role === 'body' && (t.features.length >= 150 || (t.features.sentences > 0 && t.features.length >= 100))) long++;
    else if (t.role === 'date' || (t.features.sentences === 0 && (headlineShape(t)?.size ?? 0) >= 3)) interruptions++;
  }
  return long >= minLong && interruptions <= 1;
}

/** Body blocks of one article: paragraphs, headings and the related headlines cut from it. */
export function buildBlocks(
  segs: RoledSegment[], from: number, to: number, title: number, titleText?: string,
): { blocks: BodyBlock[]; related: RelatedHeadline[] } {
  const blocks: BodyBlock[] = [];
  const related: RelatedHeadline[] = [];
  // the headline printed again (a breadcrumb's last crumb and the headline line) is not a block
  const titleKey = titleText ? normKey(titleText) : title >= 0 ? normKey(segs[title].text) : '';
  for (let i = from; i <= to; i++) {
    const s = segs[i];
    if (s.role === 'related' || s.role === 'readAlso') {
      // a teaser list first (headline, blurb, headline, blurb): other stories, not the article going on
      let j = i + 1;
      const pairs = teaserPairs(segs, j, to);
      for (let k = 0; k < pairs && related.length < SEGMENT_LIMITS.maxRelated; k++) related.push({ title: segs[j + 2 * k].text, url: null });
      j += 2 * pairs;
      // headlines follow the marker until prose resumes
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

/** A teaser's blurb: one or two short sentences. */
const isBlurb = (s: RoledSegment) => s.features.sentences >= 1 && s.features.sentences <= 2 && s.features.length < 200 && !s.features.marker;

/** Headline-and-blurb pairs from `from` on (two or more, else 0): a teaser list. */
function teaserPairs(segs: RoledSegment[], from: number, to: number): number {
  let n = 0;
  for (let k = from; k + 1 <= to && isHeadline(segs[k]) && segs[k].features.sentences <= 1 && isBlurb(segs[k + 1]); k += 2) n++;
  return n >= 2 ? n : 0;
}

/** A short title-like line that introduces the body paragraph after it. */
function isHeading(segs: RoledSegment[], i: number, to: number): boolean {
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
  const [a0, b0] = mainRegion(segs, from, to);
  // a bulleted list the region starts or ends in goes on past it (release notes, key points)
  const a = a0 <= b0 ? listEdge(segs, a0, -1, from) : a0;
  const b = a0 <= b0 ? listEdge(segs, b0, 1, to) : b0;
  // the lines between the headline and the first paragraph of prose are its furniture (captions,
  // "listen", font-size buttons, place names), not text; a list region has no prose and is kept whole
  let prose = a;
  while (prose <= b && !(segs[prose].role === 'body' && segs[prose].features.sentences > 0)) prose++;
  if (prose > b || BULLET.test(segs[a].text)) prose = a;
  let vocab: Set<string> | undefined;
  for (let i = prose; i <= b; i++) {
    const s = segs[i];
    const f = s.features;
    if (s.role === 'boilerplate' && i > prose && segs[i - 1].role !== 'boilerplate') {
      // a long run of bare short labels inside the region is a widget (share bar, gallery controls), not text
      let j = i;
      let labels = 0;
      let about = 0;
      while (j <= b && segs[j].role !== 'body') {
        if (isBareLabel(segs[j])) labels++;
        vocab ??= bodyVocabulary(segs, a, 8000);
        about += overlapWithBody(segs[j].text, vocab);
        j++;
      }
      // a list of the article's own things (materials, contents) shares its words; controls do not
      if (j - i >= 4 && labels >= 0.75 * (j - i) && about < 0.25 * (j - i)) { i = j - 1; continue; }
    }
    if (s.role !== 'boilerplate' || f.marker || f.label || f.hits > 0 || f.hitWords > 0 || f.repeats >= 2 || f.letters < 2) continue;
    if (isMarkedBoilerplate(f, s.text)) continue;
    // the classifier's dated lists (a live ticker after the text) stay out
    if (s.cf === 'bad' && f.length < 200 && isDatedListLine(s.text)) continue;
    if (opensWithMarker(s.text, s.key || undefined)) continue;
    s.role = 'body';
  }
}

const BULLET = /^([-+*•·▪►◦‣])\s/u;

/** A short line of bare words: no sentence or code punctuation, no list bullet (a button, a menu entry). */
const isBareLabel = (s: RoledSegment) => s.features.chars < 60 && !BULLET.test(s.text) && !/[.!?;:,{}()=<>"“”]/u.test(s.text);

/** The last index (stepping by `step` from `i`, within `limit`) of the bulleted list `segs[i]` is an item of (lists of other bullets right after it included). */
function listEdge(segs: RoledSegment[], i: number, step: 1 | -1, limit: number): number {
  if (!BULLET.test(segs[i].text)) return i;
  let j = i;
  while (j + step >= 0 && j + step < segs.length && (step < 0 ? j + step >= limit : j + step <= limit)) {
    const t = segs[j + step];
    if (!BULLET.test(t.text) || t.features.marker) break;
    j += step;
  }
  return j;
}

/** A comments header: "Comments", "There are 13 comments", "التعليقات (5)" — a comment word in a short line. */
export function isCommentsHeader(s: ClassifiedSegment): boolean {
  if (s.features.marker === 'comments') return true;
  return s.features.chars <= 60 && /\p{N}/u.test(s.text) && COMMENT_WORDS.some((w) => s.key.includes(w));
}
const COMMENT_WORDS = ['comment', 'تعليق', 'commentaire', 'comentario', 'kommentar', 'comentário', 'comment', 'commenti', 'комментар', 'yorum', 'نظر', '评论', '評論', 'コメント'];

/** A form field's label ("Name (*):", "E-mail:", "Comentario:"): two in a row are a comment or contact form. */
const isFormLabel = (s: RoledSegment) => s.features.chars <= 40 && /^[^.!?:：]+[:：]$/u.test(s.text.trim());

/** The next line with letters (input widgets between labels have none) is a form label too. */
function nextFormLabel(segs: RoledSegment[], i: number, to: number): boolean {
  for (let j = i + 1; j <= Math.min(to, i + 3); j++) if (segs[j].features.letters >= 2) return isFormLabel(segs[j]);
  return false;
}

/** A long paragraph of prose comes within the next two segments (the article goes on). */
function proseFollows(segs: RoledSegment[], i: number, to: number): boolean {
  for (let j = i + 1; j <= Math.min(to, i + 2); j++) {
    const t = segs[j];
    if (t.role === 'body' && t.features.sentences > 0 && t.features.length >= 150) return true;
  }
  return false;
}

/** Furniture that closes an article or a page: footer and copyright lines, menus, share bars, prompts, lists of other stories. */
const PAGE_END_CATEGORIES: readonly MarkerCategory[] = ['footer', 'copyright', 'nav', 'newsletter', 'mostRead', 'related', 'share', 'social'];

/**
 * Where an article's text ends: the first hard end marker (tags or source line, comments header,
 * copyright line, disclaimer) after most of the body, or a long stretch of page-end furniture after
 * which less body follows than came before. Body after it is comments or other content; a following
 * article is found separately (findArticleStarts).
 */
export function articleEnd(segs: RoledSegment[], from: number, to: number): number {
  let total = 0;
  for (let i = from; i <= to; i++) if (segs[i].role === 'body') total += segs[i].features.length;
  let before = 0;
  let gapFrom = -1;
  let pageEnding = false;
  for (let i = from; i <= to; i++) {
    const s = segs[i];
    const enough = before >= SEGMENT_LIMITS.minBody && before >= total * 0.25;
    // a comment or contact form, whatever role its labels were given
    if (enough && isFormLabel(s) && nextFormLabel(segs, i, to)) return i;
    if (s.role === 'body') {
      // body again after a long stretch of furniture, and less of it than the article had: a sidebar or footer text
      if (enough && pageEnding && i - gapFrom >= SEGMENT_LIMITS.furnitureGap && total - before < before) return gapFrom;
      gapFrom = -1;
      pageEnding = false;
      before += s.features.length;
      continue;
    }
    if (gapFrom < 0) gapFrom = i;
    if (PAGE_END_CATEGORIES.some((c) => s.features.marker === c || s.features.hitCategories.includes(c))) pageEnding = true;
    if (!enough) continue;
    const f = s.features;
    const credit = s.role === 'source' || f.marker === 'copyright' || f.hitCategories.includes('copyright');
    const hard = s.role === 'tags' || isCommentsHeader(s) || credit
      || f.marker === 'disclaimer' || f.hitCategories.includes('disclaimer');
    // a picture credit or caption inside the text ("© Agency", "… Credit: Reuters") when the prose goes on after it
    if (credit && f.chars <= 250 && proseFollows(segs, i, to)) continue;
    if (hard) return i;
  }
  return to;
}
