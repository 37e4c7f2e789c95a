/**
 * Last pass over the body blocks: metadata lines and widget leftovers at the edges of the body.
 *
 * Inside the article container, news pages often keep the date line ("Wednesday, 28 August 2013, last
 * updated 14:00") and the byline above the first paragraph, and comment-policy or opinion disclaimers and
 * copyright lines below the last one. These are metadata and boilerplate, not body. Only the edges are
 * trimmed, and only short blocks: a paragraph in the middle of a story that mentions comments stays.
 * Marker phrases come from the shared multilingual tables (shared/meta/boilerplateMarkers.ts).
 */
import { AD_LABELS, COMMENTS, COPYRIGHT, DISCLAIMER, MARKERS, markerKey } from '../meta/boilerplateMarkers.js';
import { parseDateLine } from '../meta/dates.js';
import type { BodyBlock } from '../model.js';

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

/** Whole-block labels: a block that is only "Advertisement", "Share", "Read more", "إعلان"… */
const WHOLE_BLOCK_MARKERS = new Set(keys([
  ...MARKERS.ad, ...MARKERS.share, ...MARKERS.readAlso, ...MARKERS.related, ...MARKERS.newsletter, ...MARKERS.comments,
  ...MARKERS.skip, ...MARKERS.app, ...MARKERS.cookie,
]));
const AD_KEYS = new Set(keys(flatten(AD_LABELS)));
/** A block opened by one of these on its own line is a list of other headlines. */
const RELATED_KEYS = new Set(keys([...MARKERS.readAlso, ...MARKERS.related, ...MARKERS.mostRead]));
const URL_OR_HANDLE = /https?:\/\/|www\.|(?:^|\s)@\w/;
/** Phrases that mark a tail block as a disclaimer, a copyright line or a comment-section notice. */
const TAIL_PHRASES = paddedAll([...flatten(DISCLAIMER), ...flatten(COPYRIGHT), ...flatten(COMMENTS)].filter((p) => p.length >= 6 || /[^\x00-\x7f]{2,}/.test(p) && p.length >= 4));

const wordsOf = (s: string) => s.split(/\s+/).filter(Boolean);
function mentions(text: string, phrases: readonly string[]): boolean {
  const hay = padded(text);
  return phrases.some((needle) => hay.includes(needle));
}

/** A short line that is the article's date (and perhaps a weekday or "last updated"). */
export function isDateLine(text: string, now?: Date): boolean {
  if (text.length > META_LINE_MAX_CHARS || !/\p{N}{2}/u.test(text)) return false;
  const d = parseDateLine(text, { now });
  if (!d) return false;
  const rest = text.replace(d.text, ' ');
  return wordsOf(rest.replace(/[\p{P}\p{S}\p{N}]+/gu, ' ')).length <= DATE_LINE_MAX_OTHER_WORDS;
}

const isBylineLine = (text: string) => text.length <= META_LINE_MAX_CHARS && BYLINE_LINE.test(text) && wordsOf(text).length <= BYLINE_MAX_WORDS;
const isWidgetLabel = (text: string) => text.length <= 60 && WHOLE_BLOCK_MARKERS.has(markerKey(text));

/** Drops metadata lines from the head, widget labels anywhere, and disclaimers from the tail. */
/** "Related stories" on the first line of a multi-line block, headlines below. */
function isRelatedList(text: string): boolean {
  const lines = text.split('\n');
  return lines.length >= 2 && lines[0].length <= 60 && RELATED_KEYS.has(markerKey(lines[0]));
}

/** "Follow us:" blocks: most lines are links or handles. */
function isLinkList(text: string): boolean {
  const lines = text.split('\n');
  return lines.length >= 2 && lines.filter((l) => URL_OR_HANDLE.test(l)).length * 2 >= lines.length;
}

export function trimBlocks(blocks: BodyBlock[], options: { now?: Date } = {}): BodyBlock[] {
  let out = blocks.filter((b) => !(b.text.length <= 40 && AD_KEYS.has(markerKey(b.text))) && !isRelatedList(b.text));
  let start = 0;
  while (start < Math.min(HEAD_BLOCKS, out.length - 1)) {
    const t = out[start].text;
    if (isDateLine(t, options.now) || isBylineLine(t) || isWidgetLabel(t)) start++;
    else break;
  }
  let end = out.length;
  while (end > start + 1) {
    const t = out[end - 1].text;
    if (isWidgetLabel(t) || isLinkList(t) || (t.length <= TAIL_BLOCK_MAX_CHARS && mentions(t, TAIL_PHRASES))) end--;
    else break;
  }
  out = out.slice(start, end);
  return out;
}
