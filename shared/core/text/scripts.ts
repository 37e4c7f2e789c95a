/**
 * Character classes and token helpers shared by the text path. Regex sources are strings so the
 * modules can compose them; every regex uses the `u` flag and Unicode properties, never `\w`/`\W`.
 */

import { lazy } from '../lazy.js';

/** Arabic-script letters (not digits, not harakat): Arabic, Persian, Urdu, presentation forms. */
export const AR_LETTER = '\\u0620-\\u064A\\u066E-\\u06D3\\u06D5\\u06EE\\u06EF\\u06FA-\\u06FF\\u0750-\\u077F\\u08A0-\\u08C9\\uFB50-\\uFDFB\\uFE70-\\uFEFC';
/** Arabic harakat (short vowels, tanween, shadda, sukun) and the dagger alef. */
export const AR_MARK = '\\u064B-\\u065F\\u0670';
export const HE_LETTER = '\\u05D0-\\u05EA\\u05F0-\\u05F2';

/** Runs of letters, marks and digits: the page's tokens (the metric's tokens plus combining marks). */
const tokenRe = lazy(() => /[\p{L}\p{M}\p{N}_]+/gu);

/** Letters of scripts written without spaces between words: a "word" there is not a token. */
export const UNSPACED_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;
const UNSPACED_G = new RegExp(UNSPACED_RE.source, 'gu');

/** Scripts without letter case that write spaces: glue there leaves no case boundary, only page evidence. */
export const CASELESS_SPACED_TOKEN_RE = new RegExp(`^[${AR_LETTER}${AR_MARK}${HE_LETTER}]+$`, 'u');

/** Counts every token of the text (case kept): the page's vocabulary, for page-internal evidence. */
export function tokenCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(tokenRe())) {
    const t = m[0];
    if (t.length > 40) continue; // no word is that long; such runs are unspaced scripts or junk
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

/** Characters of unspaced scripts in `text`. */
export const unspacedChars = (text: string): number => {
  let n = 0;
  for (const _ of text.matchAll(UNSPACED_G)) n++;
  return n;
};
