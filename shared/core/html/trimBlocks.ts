/**
 * Last pass over the body blocks: metadata lines and widget leftovers at the edges of the body.
 *
 * Inside the article container, news pages often keep the date line ("Wednesday, 28 August 2013, last
 * updated 14:00") and the byline above the first paragraph, and comment-policy or opinion disclaimers and
 * copyright lines below the last one. These are metadata and boilerplate, not body. Only the edges are
 * trimmed, and only short blocks: a paragraph in the middle of a story that mentions comments stays.
 * Marker phrases come from the shared multilingual tables (shared/core/meta/boilerplateMarkers.ts).
 */
import { AD_LABELS, COMMENTS, COPYRIGHT, DISCLAIMER, MARKERS, markerKey } from '../meta/boilerplateMarkers.js';
import {
  ABOUT_WORDS, LABEL_WORDS, READER_PROMPT_WORDS, RELEASE_BOILERPLATE_WORDS, SCRIPT_NOTICE_WORDS, alternation, escapeRe,
} from '../meta/lexicon.js';
import { findDateMarker, parseDateLine } from '../meta/dates.js';
import type { BodyBlock } from '../model.js';
import { RELATED_LABELS } from './vocabulary.js';
import { lazy } from '../lazy.js';

/** How many blocks at the top may be metadata lines. */
const HEAD_BLOCKS = 3;
const META_LINE_MAX_CHARS = 160;
/** Words a date line may carry besides the date (weekday, "updated", a city). */
const DATE_LINE_MAX_OTHER_WORDS = 6;
const TAIL_BLOCK_MAX_CHARS = 400;
const BYLINE_LINE = /^(?:by|par|von|por|di|door|av|przez|بقلم|كتب|كتبت|بواسطة|written by|reporting by)\s*[:：]?\s+\S/iu;
const BYLINE_MAX_WORDS = 8;

const flatten = (table: Record<string, readonly string[]>) => Object.values(table).flat();
const keys = (phrases: readonly string[]) => [...new Set(phrases.map((p) => markerKey(p)).filter(Boolean))];

/** Marker text padded and with punctuation as spaces, so phrases match whole words (CJK phrases match inside text). */
function padded(s: string): string {
  return ` ${markerKey(s).replace(/[\p{P}\p{S}]+/gu, ' ').replace(/\s+/g, ' ')} `;
}
const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
function paddedAll(phrases: string[]): string[] {
  return [...new Set(phrases.map((p) => (NO_SPACE_SCRIPT.test(p) ? padded(p).trim() : padded(p))).filter((p) => p.trim()))];
}

const URL_OR_HANDLE = /https?:\/\/|www\.|(?:^|\s)@\w/;

/**
 * The marker sets and patterns built from the lexicon, made on first use (not at module load: a cold start
 * pays for them only when a body is trimmed).
 */
const tables = lazy(() => {
  /** Whole-block labels: a block that is only "Advertisement", "Share", "Read more", "إعلان"… */
  const WHOLE_BLOCK_MARKERS = new Set(keys([
    ...MARKERS.ad, ...MARKERS.share, ...MARKERS.readAlso, ...MARKERS.related, ...MARKERS.newsletter, ...MARKERS.comments,
    ...MARKERS.skip, ...MARKERS.app, ...MARKERS.cookie,
  ]));
  const AD_KEYS = new Set(keys(flatten(AD_LABELS)));
  /** A block opened by one of these on its own line is a list of other headlines. */
  const RELATED_KEYS = new Set(keys([...MARKERS.readAlso, ...MARKERS.related, ...MARKERS.mostRead]));
  /** Phrases that mark a tail block as a disclaimer, a copyright line or a comment-section notice. */
  const TAIL_PHRASES = paddedAll([...flatten(DISCLAIMER), ...flatten(COPYRIGHT), ...flatten(COMMENTS)].filter((p) => p.length >= 6 || /[^\x00-\x7f]{2,}/.test(p) && p.length >= 4));
  const TAGS_LABEL = new RegExp(`^(?:${alternation(LABEL_WORDS.tags)})\\s*[:：]`, 'iu');
  const TAGS_HEADER_KEYS = new Set(keys(LABEL_WORDS.tags));
  const COMMENT_WORD = alternation(MARKERS.comments);
  /** "12 comments", "Comments (3)", "3 Kommentare", "التعليقات (5)". */
  const COMMENT_COUNTER = new RegExp(`^(?:\\d[\\d.,]*\\s*(?:${COMMENT_WORD})|(?:${COMMENT_WORD})\\s*[(\\[:：]?\\s*\\d[\\d.,]*\\s*[)\\]]?)$`, 'iu');
  const RELEASE_OPENER = new RegExp(`^(?:${alternation(RELEASE_BOILERPLATE_WORDS)})\\b|^#{3}\\s*$`, 'iu');
  /** "About ACME", "About ACME:" as its own line, or "About ACME: ACME is …" opening the company paragraph. */
  const ABOUT_OPENER = new RegExp(`^(?:${alternation(ABOUT_WORDS)})\\s*(?:\\p{Lu}|\\p{Lo})[^:：.!?]{0,60}(?:[:：]|$)`, 'u');
  /** A section heading "About ACME Corp." (a heading may end in an abbreviation's full stop). */
  const ABOUT_HEADING = new RegExp(`^(?:${alternation(ABOUT_WORDS)})\\s*(?:\\p{Lu}|\\p{Lo})[^:：!?]{0,60}[:：]?$`, 'u');
  /** One case-folding pattern for every notice and prompt phrase: a block is read once, not once per phrase. */
  const NOTICE_PATTERN = new RegExp(`(?:^|[^\\p{L}])(?:${alternation([...SCRIPT_NOTICE_WORDS, ...READER_PROMPT_WORDS], (w) => escapeRe(w).replace(/ /g, '\\s+'))})(?:$|[^\\p{L}])`, 'iu');
  /**
   * The longest word of each phrase: a block holding none of them cannot hold a phrase, so the full pattern
   * runs only on the few that do. The words are searched as plain text (one case-folding alternation without
   * the Unicode flag, several times faster than splitting the block into words).
   */
  const longestWord = (w: string) => w.toLowerCase().split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a));
  const NOTICE_KEYWORDS = new RegExp(alternation([...SCRIPT_NOTICE_WORDS, ...READER_PROMPT_WORDS].map(longestWord)), 'i');
  return { WHOLE_BLOCK_MARKERS, AD_KEYS, RELATED_KEYS, TAIL_PHRASES, TAGS_LABEL, TAGS_HEADER_KEYS, COMMENT_COUNTER, RELEASE_OPENER, ABOUT_OPENER, ABOUT_HEADING, NOTICE_PATTERN, NOTICE_KEYWORDS };
});

const wordsOf = (s: string) => s.split(/\s+/).filter(Boolean);
function mentions(text: string, phrases: readonly string[]): boolean {
  const hay = padded(text);
  return phrases.some((needle) => hay.includes(needle));
}

const twoDigits = lazy(() => /\p{N}{2}/u);

/** The date of a short line that is the article's date (and perhaps a weekday or "last updated"), else null. */
function dateOfDateLine(text: string, now?: Date): ReturnType<typeof parseDateLine> {
  if (text.length > META_LINE_MAX_CHARS || !twoDigits().test(text)) return null;
  const d = parseDateLine(text, { now });
  if (!d) return null;
  const rest = text.replace(d.text, ' ');
  return wordsOf(rest.replace(/[\p{P}\p{S}\p{N}]+/gu, ' ')).length <= DATE_LINE_MAX_OTHER_WORDS ? d : null;
}

/** A short line that is the article's date (and perhaps a weekday or "last updated"). */
const isDateLine = (text: string, now?: Date): boolean => dateOfDateLine(text, now) !== null;

const isBylineLine = (text: string) => text.length <= META_LINE_MAX_CHARS && BYLINE_LINE.test(text) && wordsOf(text).length <= BYLINE_MAX_WORDS;
type KeyOf = (text: string) => string;
/** markerKey once per text in one pass over the body: the same short block is looked up by several rules. */
function keyMemo(): KeyOf {
  const seen = new Map<string, string>();
  return (text) => {
    let key = seen.get(text);
    if (key === undefined) seen.set(text, key = markerKey(text));
    return key;
  };
}

const isWidgetLabel = (text: string, keyOf: KeyOf = markerKey) => text.length <= 60 && tables().WHOLE_BLOCK_MARKERS.has(keyOf(text));

/** Drops metadata lines from the head, widget labels anywhere, and disclaimers from the tail. */
/** "Related stories" on the first line of a multi-line block, headlines below. */
function isRelatedList(text: string): boolean {
  if (!text.includes('\n')) return false;
  const lines = text.split('\n');
  return lines.length >= 2 && lines[0].length <= 60 && tables().RELATED_KEYS.has(markerKey(lines[0]));
}

/** "Follow us:" blocks: most lines are links or handles. */
function isLinkList(text: string): boolean {
  if (!text.includes('\n')) return false;
  const lines = text.split('\n');
  return lines.length >= 2 && lines.filter((l) => URL_OR_HANDLE.test(l)).length * 2 >= lines.length;
}

// ---- page furniture inside the article container (genre rules; phrases from the lexicon) ----

/** Notices and prompts are one or two sentences: a block this short that carries one is the notice itself. */
const NOTICE_MAX_CHARS = 250;
/** A headline in a "more from" list: short, and not a sentence ending in a full stop. */
const LIST_HEADLINE_MAX_CHARS = 160;
const LIST_MAX_ITEMS = 12;
/** Press-release boilerplate is cut only from the second half of the body, and never most of it. */
const RELEASE_TAIL_FROM = 0.5;
const ABOUT_LINE_MAX_CHARS = 80;

const ENDS_SENTENCE = /[.。;:]["'”’»)]*$/u;

const isNotice = (text: string) => text.length <= NOTICE_MAX_CHARS && tables().NOTICE_KEYWORDS.test(text) && tables().NOTICE_PATTERN.test(text);
const isCommentCounter = (text: string) => text.length <= 40 && tables().COMMENT_COUNTER.test(text);
const isTagLine = (text: string) => text.length <= NOTICE_MAX_CHARS && tables().TAGS_LABEL.test(text);
/** A date line that says what it is ("Published …", "Updated …", "نشر في …"): never body, wherever it sits. */
function isLabelledDateLine(text: string, now?: Date): boolean {
  if (text.length > META_LINE_MAX_CHARS || !twoDigits().test(text) || !findDateMarker(text)) return false;
  return dateOfDateLine(text, now)?.marked === true;
}
const isListLabel = (text: string, key: string) => text.length <= 60 && (tables().RELATED_KEYS.has(key) || RELATED_LABELS.test(text));
const isListHeadline = (b: BodyBlock) => b.text.length <= LIST_HEADLINE_MAX_CHARS && !b.text.includes('\n') && !ENDS_SENTENCE.test(b.text);

/**
 * Furniture anywhere in the body: script and subscription notices, comment counters, tag lines,
 * labelled date lines, and "more from / you may also like" labels with the headline list under them.
 */
function dropFurniture(blocks: BodyBlock[], keyOf: KeyOf, now?: Date): BodyBlock[] {
  const { TAGS_HEADER_KEYS } = tables();
  const out: BodyBlock[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const t = blocks[i].text;
    // every furniture kind is short: paragraphs of prose go straight through
    if (t.length > NOTICE_MAX_CHARS) { out.push(blocks[i]); continue; }
    if (isNotice(t) || isCommentCounter(t) || isTagLine(t) || isLabelledDateLine(t, now)) continue;
    // a list label is a heading, or a short line over a headline or at the end (only those are read as one)
    const next = blocks[i + 1];
    const labelShaped = t.length <= 60 && (blocks[i].kind === 'heading' || !next || isListHeadline(next));
    const key = labelShaped ? keyOf(t) : '';
    const tagHeader = labelShaped && t.length <= 40 && TAGS_HEADER_KEYS.has(key);
    if (tagHeader || (labelShaped && isListLabel(t, key))) {
      // the label and the short lines under it (tags, headlines); prose after the label stays
      const fits = tagHeader ? (b: BodyBlock) => b.text.length <= 60 && !b.text.includes('\n') : isListHeadline;
      let j = i + 1;
      while (j < blocks.length && j - i <= LIST_MAX_ITEMS && fits(blocks[j])) j++;
      i = j - 1;
      continue;
    }
    out.push(blocks[i]);
  }
  return out;
}

/** Where a press release's closing boilerplate starts ("About ACME:", "Media contact", "###"), or the body's length. */
function releaseTailStart(blocks: BodyBlock[]): number {
  const { RELEASE_OPENER, ABOUT_HEADING, ABOUT_OPENER } = tables();
  const total = blocks.reduce((n, b) => n + b.text.length, 0);
  let before = 0;
  for (let i = 0; i < blocks.length; i++) {
    const t = blocks[i].text;
    if (i >= 2 && before >= total * RELEASE_TAIL_FROM) {
      if (RELEASE_OPENER.test(t)) return i;
      if (blocks[i].kind === 'heading' && t.length <= ABOUT_LINE_MAX_CHARS && ABOUT_HEADING.test(t)) return i;
      if (ABOUT_OPENER.test(t) && (t.length <= ABOUT_LINE_MAX_CHARS || /^[^:：]{1,70}[:：]\s*\S/u.test(t))) return i;
    }
    before += t.length;
  }
  return blocks.length;
}

export function trimBlocks(blocks: BodyBlock[], options: { now?: Date } = {}): BodyBlock[] {
  const { AD_KEYS, TAIL_PHRASES } = tables();
  const keyOf = keyMemo();
  let out = blocks.filter((b) => !(b.text.length <= 40 && AD_KEYS.has(keyOf(b.text))) && !isRelatedList(b.text));
  const kept = dropFurniture(out, keyOf, options.now);
  if (kept.length) out = kept;
  out = out.slice(0, Math.max(1, releaseTailStart(out)));
  let start = 0;
  while (start < Math.min(HEAD_BLOCKS, out.length - 1)) {
    const t = out[start].text;
    if (isDateLine(t, options.now) || isBylineLine(t) || isWidgetLabel(t, keyOf)) start++;
    else break;
  }
  let end = out.length;
  while (end > start + 1) {
    const t = out[end - 1].text;
    if (isWidgetLabel(t, keyOf) || isLinkList(t) || isDateLine(t, options.now) || isBylineLine(t) || (t.length <= TAIL_BLOCK_MAX_CHARS && mentions(t, TAIL_PHRASES))) end--;
    else break;
  }
  out = out.slice(start, end);
  return out;
}
