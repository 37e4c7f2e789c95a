/**
 * Repairs glued runs in plain-text scrapes. A scraper that keeps no markup joins neighbouring blocks
 * and inline links with nothing between them ("Relatedعنوان…", "إعلانوقال", "ShareTweetEmail",
 * "…last sentence.Advertisement"). Each rule below cuts only at a boundary the text itself shows:
 *
 * 1. a switch of script between two letters (Latin ↔ Arabic ↔ Cyrillic ↔ Hebrew ↔ Greek);
 * 2. sentence punctuation followed directly by a letter (`؟` `!` always; `.` and `:` only between
 *    Arabic letters or between a lower-case word and a capitalised one, so "Node.js", "U.S.",
 *    "St.Louis", "10:30" and URLs stay whole);
 * 3. Arabic letters that only end words (ة, ى, tanween) followed by a letter, unless the page
 *    writes that pattern so often that it is its orthography (poorly encoded Persian uses ى inside words);
 * 4. lower → upper case (and ACRONYMWord) inside a token, only when page evidence supports it: both
 *    halves occur as tokens elsewhere on the page, or one half is a known marker word. "iPhone",
 *    "McDonald", "JavaScript", "YouTube" stay whole;
 * 5. a known label glued onto a word at a segment start ("إعلانوقال"), or left alone after
 *    the last sentence of a paragraph ("… نهاية الجملة. اعلان");
 * 6. page evidence in caseless spaced scripts (Arabic, Hebrew): a token that occurs once and is
 *    the concatenation of two tokens that each occur elsewhere on the page ("…للدفاعفي").
 *
 * The output is segments: the pieces of one line between cuts. Nothing is deleted; the classifier
 * decides what is boilerplate.
 */
import { AD_LABELS, escapeRe, MARKERS, markerKey, READ_ALSO, RELATED, SHARE, SOCIAL_NAMES } from '../meta/lexicon.js';
import { AR_LETTER, AR_MARK, CASELESS_SPACED_TOKEN_RE, HE_LETTER, tokenCounts } from './scripts.js';
import { stopwords } from './stopwords.js';
import { lazy } from '../lazy.js';

/** What the whole page tells the per-line rules. */
export interface GlueContext {
  /** token → occurrences on the page (case kept). */
  vocab: Map<string, number>;
  /** Rule 3 is off when the page writes "ة/ى + letter" so often that it is spelling, not glue. */
  arabicFinalsAreGlue: boolean;
}

const LATIN = '\\p{Script=Latin}';
const CYRL = '\\p{Script=Cyrillic}';
const GREEK = '\\p{Script=Greek}';
/** Rule 1: letters of two different spaced scripts touching. */
const scriptSwitch = lazy(() => new RegExp(
  [
    `[${LATIN}](?=[${AR_LETTER}${HE_LETTER}${CYRL}${GREEK}])`,
    `[${AR_LETTER}${AR_MARK}](?=[${LATIN}${CYRL}${GREEK}${HE_LETTER}])`,
    `[${CYRL}](?=[${LATIN}${AR_LETTER}${HE_LETTER}${GREEK}])`,
    `[${HE_LETTER}](?=[${LATIN}${AR_LETTER}${CYRL}])`,
    `[${GREEK}](?=[${LATIN}${AR_LETTER}${CYRL}])`,
  ].join('|'),
  'gu',
));

/** Rule 2: sentence punctuation glued to the next sentence. */
const punctGlue = lazy(() => new RegExp(
  [
    `[${AR_LETTER}${AR_MARK}\\p{Ll}\\p{Lu}][؟?!](?=[${AR_LETTER}])`, // "…إيران؟جمعيات"
    `\\p{Ll}{2}[?!](?=\\p{Lu}\\p{Ll})`, // "…really?The"
    `[${AR_LETTER}${AR_MARK}][.:](?=[${AR_LETTER}])`, // "…إيران.كشفت"
    `(?<![\\p{L}\\p{N}.@/])\\p{L}*\\p{Ll}{2}[.:](?=\\p{Lu}\\p{Ll})`, // "…sentence.The", not "www.Example"
  ].join('|'),
  'gu',
));

/** Rule 3: letters that only end Arabic words, then a letter. */
const arabicFinalGlue = lazy(() => new RegExp(
  [
    `[ةى][${AR_MARK}]?(?=[${AR_LETTER}])`, // "…الخاصةونقل"
    `[\\u064C\\u064D](?=[${AR_LETTER}])`, // tanween damm/kasr, then a letter
    `\\u064B(?=[${AR_LETTER}](?<![اى]))`, // tanween fath not followed by its alef
    `\\u064B[اى](?=[${AR_LETTER}])`, // "…أيضًالماذا"
    `[اى]\\u064B(?=[${AR_LETTER}])`, // "…ثانياًالمجلس"
  ].join('|'),
  'gu',
));

/** Rule 4 candidates: "wordWord" and "ACRONYMWord". */
const caseGlue = lazy(() => /\p{Ll}{2}(?=\p{Lu}\p{Ll})|\p{Lu}(?=\p{Lu}\p{Ll}{2})/gu);

/**
 * Marker words that justify a case split on their own ("AdvertisementThe", "ShareTweet"): labels a
 * scraper glues, not footer words like "Press" that also end real compounds ("WordPress").
 */
const CAMEL_MARKER_CATEGORIES = ['ad', 'related', 'readAlso', 'mostRead', 'share', 'social', 'newsletter', 'comments', 'skip'] as const;
const camelMarkers = lazy((): ReadonlySet<string> => new Set(
  CAMEL_MARKER_CATEGORIES.flatMap((c) => MARKERS[c]).map(markerKey).filter((k) => k.length >= 3 && !k.includes(' ')),
));

/** Labels that scrapers glue onto the following word (rule 5), longest first. */
const glueLabels = lazy((): readonly string[] => [
  ...Object.values(AD_LABELS).flat(),
  ...Object.values(RELATED).flat(),
  ...Object.values(READ_ALSO).flat(),
  ...Object.values(SHARE).flat(),
  ...SOCIAL_NAMES,
].filter((l) => CASELESS_SPACED_TOKEN_RE.test(l.replace(/\s/gu, ''))).sort((a, b) => b.length - a.length));

/** Ad labels that may trail a paragraph after its last sentence. */
const AD_WORDS: readonly string[] = Object.values(AD_LABELS).flat().sort((a, b) => b.length - a.length);
const adKeys = lazy((): ReadonlySet<string> => new Set(AD_WORDS.map(markerKey)));
/** The words after the last sentence end of a segment (looked at in its last 48 characters only). */
const TRAILING_WORDS = /[.!?؟…"”»)\]]\s+([^.!?؟…"”»)\]]{1,40})$/u;
// Leading labels need a capitalised sentence after them; short ones ("Ad", "PR") start real phrases too.
const leadingAd = lazy(() => new RegExp(`^(?:${AD_WORDS.filter((w) => w.length >= 5).map(escapeRe).join('|')})\\s+(?=\\p{Lu})`, 'u'));

/**
 * Arabic pronoun and plural suffixes: a label or token followed by one of these is one inflected
 * word ("إعلانات", "إعلانها"), not glue.
 */
const CLITIC_SUFFIXES: ReadonlySet<string> = new Set([
  'ه', 'ها', 'هم', 'هن', 'هما', 'ك', 'كم', 'كن', 'كما', 'نا', 'ني', 'ي', 'ة', 'ات', 'اتها', 'اتهم', 'ان', 'ين', 'ون', 'ية', 'يه', 'يها', 'وا', 'تم', 'تن', 'ما',
]);

const arabicFinalAny = lazy(() => new RegExp(`[ةى][${AR_MARK}]?[${AR_LETTER}]`, 'gu'));

/** Page-level evidence for the per-line rules. */
export function buildGlueContext(text: string): GlueContext {
  const vocab = tokenCounts(text);
  let finals = 0;
  let arabicTokens = 0;
  for (const _ of text.matchAll(arabicFinalAny())) finals++;
  if (finals) for (const [t, n] of vocab) if (CASELESS_SPACED_TOKEN_RE.test(t)) arabicTokens += n;
  // Glue is a few places per page; a spelling habit is everywhere. 2% of Arabic tokens is far above glue.
  return { vocab, arabicFinalsAreGlue: finals <= Math.max(12, arabicTokens * 0.02) };
}

/**
 * Cut positions: the end of each match. The rules consume the left context and look ahead at the
 * right one (a consuming pattern scans much faster than a lookbehind tried at every position).
 */
const positions = (re: RegExp, s: string): number[] => Array.from(s.matchAll(re), (m) => (m.index ?? 0) + m[0].length);

const wordTail = lazy(() => /[\p{L}\p{M}\p{N}]+$/u);
const wordHead = lazy(() => /^[\p{L}\p{M}\p{N}]+/u);

/** The token (letters, marks, digits) around `at`, bounded so pathological runs stay linear. */
function wordAround(s: string, at: number, limit = 40): [number, number] | null {
  const before = wordTail().exec(s.slice(Math.max(0, at - limit - 1), at))?.[0].length ?? 0;
  const after = wordHead().exec(s.slice(at, at + limit + 1))?.[0].length ?? 0;
  if (before > limit || after > limit) return null;
  return [at - before, at + after];
}

/**
 * Rule 4: keeps a case cut only with evidence. The glued word is not itself a known name
 * ("LinkedIn") nor a recurring word of the page ("WordPress" five times is a word, not glue), and
 * a half is a glue-prone label, or the right half starts a sentence ("…adaptationWe need"), or the
 * glued word occurs once while both halves occur elsewhere.
 */
function caseCuts(line: string, ctx: GlueContext): number[] {
  const cands = positions(caseGlue(), line);
  if (!cands.length) return [];
  const out: number[] = [];
  for (let i = 0; i < cands.length; i++) {
    const at = cands[i];
    const w = wordAround(line, at);
    if (!w) continue;
    const word = line.slice(w[0], w[1]);
    if (/\p{N}/u.test(word) || camelMarkers().has(markerKey(word))) continue; // codes, tokens, "LinkedIn"
    const prevCut = i > 0 && cands[i - 1] > w[0] ? cands[i - 1] : w[0];
    const nextCut = i + 1 < cands.length && cands[i + 1] < w[1] ? cands[i + 1] : w[1];
    const left = line.slice(prevCut, at);
    const right = line.slice(at, nextCut);
    const once = (ctx.vocab.get(word) ?? 0) <= 1;
    const marker = camelMarkers().has(markerKey(left)) || camelMarkers().has(markerKey(right));
    const sentenceStart = once && right.length >= 2 && stopwords().has(right.toLowerCase());
    const seen = once && (ctx.vocab.get(left) ?? 0) > 0 && (ctx.vocab.get(right) ?? 0) > 0;
    if (marker || sentenceStart || seen) out.push(at);
  }
  return out;
}

/** Rule 6: a once-seen caseless token that is two page tokens glued. Returns the cut offset or -1. */
export function evidenceSplit(token: string, vocab: Map<string, number>): number {
  if (token.length < 6 || token.length > 30 || (vocab.get(token) ?? 0) > 1) return -1;
  if (!CASELESS_SPACED_TOKEN_RE.test(token)) return -1;
  let best = -1;
  let bestScore = 0;
  for (let i = 4; i <= token.length - 2; i++) {
    const left = token.slice(0, i);
    const right = token.slice(i);
    if (CLITIC_SUFFIXES.has(right)) continue;
    const l = vocab.get(left) ?? 0;
    const r = vocab.get(right) ?? 0;
    // a two-letter right half must be a frequent function word on this page
    if (!l || !r || (right.length < 3 && r < 3)) continue;
    const score = Math.min(l, r);
    if (score > bestScore) { best = i; bestScore = score; }
  }
  return best;
}

const caselessRun = lazy(() => new RegExp(`[${AR_LETTER}${AR_MARK}${HE_LETTER}]{6,30}`, 'gu'));
const hasCaseless = lazy(() => new RegExp(`[${AR_LETTER}${HE_LETTER}]`, 'u'));

function evidenceCuts(line: string, ctx: GlueContext): number[] {
  const out: number[] = [];
  if (!hasCaseless().test(line)) return out;
  for (const m of line.matchAll(caselessRun())) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    // whole tokens only: not part of a longer letter run (Latin, digits)
    if ((start > 0 && /[\p{L}\p{N}]/u.test(line[start - 1])) || (end < line.length && /[\p{L}\p{N}]/u.test(line[end]))) continue;
    const at = evidenceSplit(m[0], ctx.vocab);
    if (at > 0) out.push(start + at);
  }
  return out;
}

/** Rule 5, start of a segment: "إعلانوقال" → "إعلان" + "وقال". */
const glueLabelFirst = lazy((): ReadonlySet<string> => new Set(glueLabels().map((l) => l[0])));

function leadingLabelCut(seg: string, ctx: GlueContext): number {
  if (!glueLabelFirst().has(seg[0])) return -1;
  for (const label of glueLabels()) {
    if (!seg.startsWith(label)) continue;
    const rest = /^[\p{L}\p{M}]+/u.exec(seg.slice(label.length));
    if (!rest) return -1;
    const word = rest[0];
    if (word.length < 3 || CLITIC_SUFFIXES.has(word)) return -1;
    if ((ctx.vocab.get(label + word) ?? 0) > 1) return -1; // the page uses the joined form as a word
    return label.length;
  }
  return -1;
}

/** Splits one line at every boundary the rules find; returns the trimmed, non-empty segments. */
const NON_ASCII = /[^\u0000-\u007F]/u;
const hasArabic = lazy(() => new RegExp(`[${AR_LETTER}]`, 'u'));
const punctThenLetter = lazy(() => /[.:?!؟]\p{L}/u);

export function repairLine(line: string, ctx: GlueContext): string[] {
  const cuts = new Set<number>();
  // cheap tests first: most lines are single-script and have no glued punctuation
  const nonAscii = NON_ASCII.test(line);
  const arabic = nonAscii && hasArabic().test(line);
  if (nonAscii) for (const p of positions(scriptSwitch(), line)) cuts.add(p);
  if (punctThenLetter().test(line)) for (const p of positions(punctGlue(), line)) cuts.add(p);
  if (arabic && ctx.arabicFinalsAreGlue) for (const p of positions(arabicFinalGlue(), line)) cuts.add(p);
  for (const p of caseCuts(line, ctx)) cuts.add(p);
  if (nonAscii) for (const p of evidenceCuts(line, ctx)) cuts.add(p);
  const sorted = [...cuts].filter((p) => p > 0 && p < line.length).sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const p of sorted) { pieces.push(line.slice(from, p)); from = p; }
  pieces.push(line.slice(from));
  const out: string[] = [];
  for (const piece of pieces) for (const s of splitLabels(piece.trim(), ctx)) if (s) out.push(s);
  return out;
}

/** Rule 5 applied to one piece: a glued or stranded label becomes its own segment. */
function splitLabels(seg: string, ctx: GlueContext): string[] {
  if (!seg) return [];
  const lead = leadingLabelCut(seg, ctx);
  if (lead > 0) return [seg.slice(0, lead), ...splitLabels(seg.slice(lead).trim(), ctx)];
  const leadAd = leadingAd().exec(seg);
  if (leadAd && leadAd[0].length < seg.length) return [leadAd[0].trim(), ...splitLabels(seg.slice(leadAd[0].length), ctx)];
  const trail = TRAILING_WORDS.exec(seg.slice(-48));
  if (trail && adKeys().has(markerKey(trail[1])) && trail[1].length < seg.length) {
    const at = seg.length - trail[1].length;
    return [seg.slice(0, at).trim(), seg.slice(at).trim()];
  }
  return [seg];
}

/** One line of the input with its segments. */
export interface RepairedLine {
  /** Index of the line in the input. */
  line: number;
  segments: string[];
}

/** Normalises whitespace and repairs every line of a plain-text scrape. */
export function repairText(text: string): RepairedLine[] {
  const clean = text.replace(/\r\n?/gu, '\n').replace(/[\u00A0\u2007\u202F\t\f\v]+/gu, ' ').replace(/[\u200B\uFEFF]/gu, '');
  const ctx = buildGlueContext(clean);
  const out: RepairedLine[] = [];
  const lines = clean.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/ {2,}/gu, ' ').trim();
    if (!line) continue;
    out.push({ line: i, segments: repairLine(line, ctx) });
  }
  return out;
}
