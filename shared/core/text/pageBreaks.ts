/**
 * Where one page of a scrape ends and the next begins.
 *
 * Crawler dumps and aggregator exports join several pages' text scrapes in one file, each page with
 * its own chrome: menus and a headline above its text, related lists, footer links and a copyright
 * line below it. So between two pages' prose there is a stretch of furniture, and evidence of a page
 * end and a page start in it. No one clue is required; they are weighed together (PAGE_EVIDENCE):
 *
 * - the end of a page: a copyright line, footer links;
 * - the start of a page: a "skip to content" link, the page's first lines printed again as a block
 *   (another page of the same site), a headline with its own date line or byline;
 * - a joint: a form feed or a rule line, a lone "see also"-style marker;
 * - a change of language or script between the prose before and after;
 * - the length of the stretch;
 *
 * and the prose on both sides must be an article's, not a caption or a teaser: some body before the
 * stretch since the page began, an article-sized run after it. Inside one page, stretches between
 * paragraphs are short (a caption, an ad label, a share bar) or lead to comments, teasers and footers
 * that carry little page-start evidence. The weights were fitted on ../shared/corpus-multi and on
 * scrapes joined from the corpus in other ways (test/eval/multi.ts), and every single-page scrape of
 * the corpus stays one page.
 */
import { detectLanguage } from '../meta/language.js';
import { type MarkerCategory, markerKey, PAGE_TOP_WORDS } from '../meta/lexicon.js';
import type { RoledSegment } from './roles.js';
import { isTitleLike } from './segmentText.js';
import { lazy } from '../lazy.js';

/** Evidence weights; a stretch whose evidence sums to `threshold` or more is a page break. */
const PAGE_EVIDENCE = {
  /** A copyright line: the last line a page prints. */
  copyright: 2.5,
  /** Two or more footer links (about, contact, privacy…): weak, menus above a page hold them too. */
  footer: 0.5,
  /** A "skip to content" link: the first line a page prints. */
  skip: 1.5,
  /** Three or more lines of the previous page's header printed again. */
  repeatedChrome: 2,
  /** A form feed: a page break by definition. */
  formFeed: 3,
  /** A rule line ("* * *", "-----"): between documents, or between an essay's sections. */
  rule: 1,
  /** A headline with its own date line or byline right above the prose: an article starts. */
  headed: 1.5,
  /** A lone "see also", "read also" or "related" marker. */
  marker: 0.5,
  /** Another language (or script) in the prose after the stretch. */
  languageChange: 2.5,
  /** A long stretch of furniture, and a very long one. */
  longStretch: 1,
  veryLongStretch: 1.5,
  threshold: 3,
  /** More evidence needed when the body after the stretch is a list, not prose. */
  listBody: 2,
};

const PAGE_LIMITS = {
  /** Non-body lines a stretch needs to be looked at, unless it holds a joint. */
  minStretch: 3,
  /** Non-body lines of a long stretch, and a very long one. */
  longStretch: 15,
  veryLongStretch: 40,
  /** Body characters the current page needs before another page can start. */
  minBodyBefore: 300,
  /** Body characters, and long paragraphs, of the prose run after the stretch (an article's body). */
  minBodyAfter: 400,
  minLongParagraphsAfter: 2,
  /** Segments after a page's closing lines where a "see also" line joining the next page is looked for. */
  jointMarkerReach: 8,
  /** Segments above the prose, and into it, where a headline's date line or byline is looked for. */
  headLookback: 8,
  headLookahead: 3,
  /** Characters of prose on each side that the language is read from. */
  languageSample: 1500,
  /** A page's opening lines, and how many of them, printed again in order, are its chrome again. */
  openingLines: 8,
  minRepeatedChrome: 3,
  /** Lines between two opening lines printed again that still make one block. */
  chromeGap: 3,
};

/** A line that only separates: a form feed, or a rule of one repeated symbol ("* * *", "-----", "═══"). */
const RULE_LINE = /^\s*(?:\f+|([-=_*~#·•.─━═])(?:\s?\1){2,})\s*$/u;

export type JointKind = 'formFeed' | 'rule';

/** Input lines (0-based) that are joints between documents: form feeds and rule lines. */
export function jointLines(text: string): Map<number, JointKind> {
  const joints = new Map<number, JointKind>();
  let line = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== 10) continue;
    const l = text.slice(start, i);
    // a form feed anywhere in a line breaks the page; rule lines are short
    if (l.includes('\f')) joints.set(line, 'formFeed');
    else if (l.length <= 80 && RULE_LINE.test(l)) joints.set(line, 'rule');
    line++;
    start = i + 1;
  }
  return joints;
}

const hasMarker = (s: RoledSegment, category: MarkerCategory) =>
  s.features.marker === category || s.features.hitCategories.includes(category);

const pageTopKeys = lazy(() => PAGE_TOP_WORDS.map(markerKey));

/** A "skip to content" link opens a page; a "back to top" link (the same table) closes one. */
const opensPage = (s: RoledSegment) =>
  (s.features.marker === 'skip' || (s.features.chars <= 80 && s.features.hits > 0 && s.features.hitCategories.includes('skip')))
  && !pageTopKeys().some((k) => s.key.includes(k));

/** A paragraph of prose: body text with a sentence in it, or long enough to be one; legal lines are not. */
const isProse = (s: RoledSegment) =>
  s.role === 'body' && s.features.length >= 60 && (s.features.sentences > 0 || s.features.length >= 100)
  && !hasMarker(s, 'copyright') && !hasMarker(s, 'disclaimer');

const isLongParagraph = (s: RoledSegment) =>
  s.role === 'body' && (s.features.length >= 150 || (s.features.sentences > 0 && s.features.length >= 100));

/** A run of prose: consecutive prose segments with little furniture between them. */
interface ProseRun {
  first: number;
  last: number;
  chars: number;
  long: number;
}

/** Prose runs; a joint line or a stretch of `minStretch` furniture lines ends a run. */
function proseRuns(
  segs: RoledSegment[], joints: ReadonlyMap<number, JointKind>, isText: (s: RoledSegment) => boolean = isProse,
): ProseRun[] {
  const runs: ProseRun[] = [];
  let run: ProseRun | null = null;
  let furniture = 0;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    // a joint line ends the run (form feeds and blank lines leave no segment of their own)
    if (run && jointBetween(joints, i > 0 ? segs[i - 1].line : -1, s.line)) { runs.push(run); run = null; }
    if (!isText(s)) { if (s.role !== 'body') furniture++; continue; }
    if (run && furniture >= PAGE_LIMITS.minStretch) { runs.push(run); run = null; }
    furniture = 0;
    run ??= { first: i, last: i, chars: 0, long: 0 };
    run.last = i;
    run.chars += s.features.length;
    if (isLongParagraph(s)) run.long++;
  }
  if (run) runs.push(run);
  return runs;
}

/** A joint line after input line `after`, up to `line` itself. */
function jointBetween(joints: ReadonlyMap<number, JointKind>, after: number, line: number): boolean {
  if (!joints.size) return false;
  for (let l = after + 1; l <= line; l++) if (joints.has(l)) return true;
  return false;
}

/** A run an article's body can start with: enough text, in long paragraphs. */
const isMajor = (r: ProseRun) => r.chars >= PAGE_LIMITS.minBodyAfter && r.long >= PAGE_LIMITS.minLongParagraphsAfter;

export interface PageStartOptions {
  /**
   * The same segments with short lines counted as text (the relaxed classification), read only
   * where a page seems to end with no prose after it: the next page's body may be a list.
   */
  relaxed?: () => RoledSegment[];
  trace?: (t: StretchTrace) => void;
}

/**
 * Indices of the segments that open a new page (the first page, at 0, is not listed). `joints` are
 * the input lines that are form feeds or rule lines (jointLines). Candidates are the stretches
 * between one article-sized prose run and the next; the short prose runs inside a stretch (teasers,
 * captions, a comment) are part of it. A body that is a list (found with `relaxed`) needs more
 * evidence before it than prose does.
 */
export function pageStarts(
  segs: RoledSegment[], joints: ReadonlyMap<number, JointKind> = new Map(), options: PageStartOptions = {},
): number[] {
  const runs = proseRuns(segs, joints);
  const starts = proseStarts(segs, runs, joints, options.trace);
  if (!options.relaxed) return starts;
  const lists = listStarts(segs, runs, starts, joints, options.relaxed, options.trace);
  return lists.length ? [...starts, ...lists].sort((x, y) => x - y) : starts;
}

/** Page starts before article-sized prose runs. */
function proseStarts(segs: RoledSegment[], runs: ProseRun[], joints: ReadonlyMap<number, JointKind>, trace?: PageStartOptions['trace']): number[] {
  const starts: number[] = [];
  let pageFrom = 0;
  let bodyBefore = 0;
  let prev: ProseRun | null = null;
  for (const run of runs) {
    if (prev && isMajor(run) && bodyBefore >= PAGE_LIMITS.minBodyBefore) {
      const start = weighStretch(segs, pageFrom, prev.last, run, joints, PAGE_EVIDENCE.threshold, trace);
      if (start >= 0) {
        starts.push(start);
        pageFrom = start;
        bodyBefore = 0;
      }
    }
    bodyBefore += run.chars;
    // the stretch starts where the page's last article-sized run ends: short runs after it (a
    // closing line, teasers, a comment) are part of the stretch
    if (isMajor(run) || !prev || prev.first < pageFrom) prev = run;
  }
  return starts;
}

/** Weighs the stretch between segment a and the run after it; the new page's first segment, or -1. */
function weighStretch(
  segs: RoledSegment[], pageFrom: number, a: number, run: ProseRun, joints: ReadonlyMap<number, JointKind>,
  threshold: number, trace?: PageStartOptions['trace'],
): number {
  const b = run.first;
  const joint = lastJointBetween(segs, a, b, joints);
  let furniture = 0;
  for (let i = a + 1; i < b; i++) if (segs[i].role !== 'body') furniture++;
  const parts = stretchEvidence(segs, pageFrom, a, b, run.last, furniture, joint?.kind, threshold);
  const score = Object.values(parts).reduce((x, y) => x + y, 0);
  trace?.({ after: a, before: b, furniture, parts, score, list: threshold > PAGE_EVIDENCE.threshold });
  return score >= threshold ? breakPoint(segs, a, b, joint?.at ?? -1) : -1;
}

/**
 * Page starts next to list-shaped bodies, which only the relaxed classification finds: a page whose
 * last prose is followed by a page end (copyright line, form feed, "skip" link) and then a list,
 * or a page that opens with a list and a page end before its first prose. These need more evidence
 * than prose does (PAGE_EVIDENCE.listBody).
 */
function listStarts(
  segs: RoledSegment[], runs: ProseRun[], starts: number[], joints: ReadonlyMap<number, JointKind>,
  relaxed: () => RoledSegment[], trace?: PageStartOptions['trace'],
): number[] {
  const isPageEnd = (i: number) => hasMarker(segs[i], 'copyright') || hasMarker(segs[i], 'skip') || joints.get(segs[i].line) === 'formFeed';
  const bounds = [0, ...starts, segs.length];
  const threshold = PAGE_EVIDENCE.threshold + PAGE_EVIDENCE.listBody;
  let lists: ProseRun[] | undefined;
  const out: number[] = [];
  for (let p = 0; p + 1 < bounds.length; p++) {
    const [from, to] = [bounds[p], bounds[p + 1]];
    const majors = runs.filter((r) => isMajor(r) && r.first >= from && r.last < to);
    if (!majors.length) continue;
    const first = majors[0].first;
    const last = majors[majors.length - 1].last;
    let tailEnd = -1;
    let headEnd = -1;
    for (let i = from; i < to; i++) {
      if (!isPageEnd(i)) continue;
      if (i > last && tailEnd < 0) tailEnd = i;
      if (i < first) headEnd = i;
    }
    if (tailEnd < 0 && headEnd < 0) continue;
    lists ??= proseRuns(relaxed(), joints, isListText).filter(isMajorList)
      .filter((r) => !runs.some((m) => isMajor(m) && m.first <= r.last && r.first <= m.last));
    // a list after the page's last prose and its page end: the next page is a list
    const after = tailEnd >= 0 ? lists.find((r) => r.first > tailEnd && r.last < to) : undefined;
    if (after) {
      const start = weighStretch(segs, from, last, after, joints, threshold, trace);
      if (start >= 0) { out.push(start); continue; }
    }
    // a list before the page's first prose, and a page end between them: the page before was a list
    const before = headEnd >= 0 ? lists.filter((r) => r.first >= from && r.last < headEnd).pop() : undefined;
    if (before) {
      const start = weighStretch(segs, from, before.last, majors[0], joints, threshold, trace);
      if (start >= 0) out.push(start);
    }
  }
  return out;
}

/** A line of a list body: any body line with words, legal lines aside. */
const isListText = (s: RoledSegment) => s.role === 'body' && s.features.letters >= 3 && !hasMarker(s, 'copyright') && !hasMarker(s, 'disclaimer');

/** A list body: enough text found by the relaxed classification. */
const isMajorList = (r: ProseRun) => r.chars >= PAGE_LIMITS.minBodyAfter;

/** What was weighed for one stretch between prose segments `after` and `before` (for tests and tuning). */
interface StretchTrace {
  after: number;
  before: number;
  furniture: number;
  parts: Partial<Record<keyof typeof PAGE_EVIDENCE, number>>;
  score: number;
  /** The body after the stretch is a list (found with the relaxed classification). */
  list: boolean;
}

/** The last joint line between segments a and b: its kind, and the first segment after it. */
function lastJointBetween(
  segs: RoledSegment[], a: number, b: number, joints: ReadonlyMap<number, JointKind>,
): { at: number; kind: JointKind } | null {
  if (!joints.size) return null;
  for (let line = segs[b].line - (segs[b].gluedBefore ? 0 : 1); line > segs[a].line; line--) {
    const kind = joints.get(line);
    if (!kind) continue;
    // the first segment that comes from a later input line
    for (let i = a + 1; i <= b; i++) if (segs[i].line > line) return { at: i, kind };
  }
  return null;
}

/** The evidence, summed, that a new page starts in the stretch between prose segments a and b. */
function stretchEvidence(
  segs: RoledSegment[], pageFrom: number, a: number, b: number, runEnd: number, furniture: number, joint: JointKind | undefined,
  threshold: number,
): StretchTrace['parts'] {
  const list = threshold > PAGE_EVIDENCE.threshold;
  const w = PAGE_EVIDENCE;
  const parts: StretchTrace['parts'] = {};
  const add = (k: keyof typeof PAGE_EVIDENCE) => { parts[k] = w[k]; score += w[k]; };
  let score = 0;
  let footers = 0;
  let copyright = false;
  let skip = false;
  let marker = false;
  for (let i = a + 1; i < b; i++) {
    const s = segs[i];
    if (s.role === 'body') continue;
    if (hasMarker(s, 'copyright')) copyright = true;
    if (hasMarker(s, 'footer')) footers++;
    if (opensPage(s)) skip = true;
    if (s.role === 'readAlso' || s.role === 'related') marker = true;
  }
  if (copyright) add('copyright');
  if (footers >= 2) add('footer');
  if (skip) add('skip');
  if (joint) add(joint);
  if (headed(segs, a, b)) add('headed');
  if (marker) add('marker');
  if (furniture >= PAGE_LIMITS.veryLongStretch) add('veryLongStretch');
  else if (furniture >= PAGE_LIMITS.longStretch) add('longStretch');
  // the costlier evidence only when the cheap one leaves the stretch undecided
  if (score < threshold && repeatedChrome(segs, pageFrom, a, b)) add('repeatedChrome');
  // a list's language says little (a list of language names closes many pages)
  if (score < threshold && !list && languageChanges(segs, pageFrom, a, b, runEnd)) add('languageChange');
  return parts;
}

/**
 * A headline with a date line or byline right after it opens the prose at b: above it, or as the
 * run's first lines (a headline with a question mark reads as prose).
 */
function headed(segs: RoledSegment[], a: number, b: number): boolean {
  const last = Math.min(segs.length - 1, b + PAGE_LIMITS.headLookahead);
  for (let j = Math.max(a + 2, b - PAGE_LIMITS.headLookback); j <= last; j++) {
    if (segs[j].role !== 'date' && segs[j].role !== 'byline') continue;
    for (let h = j - 1; h > a && h >= j - 3; h--) {
      const t = segs[h];
      if (t.role !== 'date' && t.role !== 'byline' && t.features.chars <= 220 && (isTitleLike(t) || /[?؟？!]$/u.test(t.text))) return true;
    }
  }
  return false;
}

/**
 * The current page's opening lines (its masthead and menu) are printed again in the stretch, in
 * their order: another page of the same site starts. Footers repeat some menu entries, but not the
 * page's first lines in a row.
 */
function repeatedChrome(segs: RoledSegment[], pageFrom: number, a: number, b: number): boolean {
  const opening: string[] = [];
  for (let i = pageFrom; i < segs.length && opening.length < PAGE_LIMITS.openingLines && !isProse(segs[i]); i++) {
    if (segs[i].key && segs[i].features.chars <= 100 && !opening.includes(segs[i].key)) opening.push(segs[i].key);
  }
  if (opening.length < PAGE_LIMITS.minRepeatedChrome) return false;
  // the page's first lines again, as a block: each found line close after the one before
  for (let i = a + 1; i < b; i++) {
    const first = opening.indexOf(segs[i].key);
    if (first < 0 || first >= PAGE_LIMITS.minRepeatedChrome - 1 || segs[i].role === 'body') continue;
    let next = first + 1;
    let found = 1;
    let at = i;
    for (let j = i + 1; j < b && j - at <= PAGE_LIMITS.chromeGap && next < opening.length; j++) {
      const k = opening.indexOf(segs[j].key, next);
      if (k < 0) continue;
      found++;
      next = k + 1;
      at = j;
    }
    if (found >= PAGE_LIMITS.minRepeatedChrome) return true;
  }
  return false;
}

/** The prose just before the stretch (since the page began) and the run after it are in different languages. */
function languageChanges(segs: RoledSegment[], pageFrom: number, a: number, b: number, runEnd: number): boolean {
  const before = proseSample(segs, a, pageFrom, -1);
  const after = proseSample(segs, b, runEnd, 1);
  const x = detectLanguage(before);
  const y = detectLanguage(after);
  return x !== 'und' && y !== 'und' && x !== y;
}

function proseSample(segs: RoledSegment[], from: number, limit: number, step: 1 | -1): string {
  const parts: string[] = [];
  let chars = 0;
  for (let i = from; step > 0 ? i <= limit : i >= limit; i += step) {
    if (!isProse(segs[i])) continue;
    parts.push(segs[i].text);
    chars += segs[i].text.length;
    if (chars >= PAGE_LIMITS.languageSample) break;
  }
  return parts.join('\n');
}

/**
 * Where in the stretch the new page starts: after a joint line; else at a "skip to content" link
 * after the page before's copyright line; else after that copyright line and the footer and legal
 * lines that go on after it; else where the last run of furniture before the body begins (the new
 * page's header).
 */
function breakPoint(segs: RoledSegment[], a: number, b: number, jointAt: number): number {
  if (jointAt > a) return jointAt;
  let end = -1;
  for (let i = a + 1; i < b && end < 0; i++) if (segs[i].role !== 'body' && hasMarker(segs[i], 'copyright')) end = i;
  for (let i = Math.max(end, a) + 1; i < b; i++) if (opensPage(segs[i])) return i;
  if (end >= 0) {
    const closing = (s: RoledSegment) => hasMarker(s, 'footer') || hasMarker(s, 'copyright') || hasMarker(s, 'disclaimer');
    while (end + 1 < b && closing(segs[end + 1])) end++;
    // a "see also" line just after the page's last lines joins the next page on
    for (let i = end + 1; i < Math.min(b, end + PAGE_LIMITS.jointMarkerReach); i++) {
      if (segs[i].role === 'readAlso' || segs[i].role === 'related') return i + 1;
    }
    return end + 1;
  }
  // the body segments between a and b are captions and teasers of the page before
  let i = b;
  while (i - 1 > a && segs[i - 1].role !== 'body') i--;
  return i;
}
