/**
 * Lookups over the marker tables (shared/core/meta/boilerplateMarkers.ts) for one segment of text:
 * whole-segment markers, label prefixes ("Tags:", "المصدر:"), and marker phrases contained in a
 * short segment (a glued footer run holds several).
 */
import {
  alternation, CAPTION_WORDS, LABEL_WORDS, type LabelKind, type MarkerCategory, MARKERS, markerKey, ORDINAL_WORDS,
} from '../meta/lexicon.js';
import { PhraseIndex } from './phraseIndex.js';
import { UNSPACED_RE } from './scripts.js';
import { lazy } from '../lazy.js';

const exactMarkers = lazy((): ReadonlyMap<string, MarkerCategory> => {
  const m = new Map<string, MarkerCategory>();
  // later categories do not override earlier ones: the order is the precedence
  const order: MarkerCategory[] = ['readAlso', 'related', 'ad', 'mostRead', 'share', 'skip', 'cookie', 'newsletter', 'app',
    'disclaimer', 'copyright', 'comments', 'social', 'footer', 'nav'];
  for (const c of order) for (const w of MARKERS[c]) { const k = markerKey(w); if (k && !m.has(k)) m.set(k, c); }
  return m;
});

/** The category when the whole segment is one marker ("Advertisement", "إقرأ أيضاً:", "Share"). */
export function exactMarker(text: string, key?: string): MarkerCategory | null {
  if (text.length > 60) return null;
  return exactMarkers().get(key ?? markerKey(text)) ?? null;
}

/** Categories whose phrases are found inside longer segments (a glued footer run, a cookie banner). */
const CONTAINED: MarkerCategory[] = ['skip', 'share', 'cookie', 'newsletter', 'app', 'disclaimer', 'copyright', 'footer', 'mostRead'];

/** A phrase (several words, a long word or a symbol such as ©) matches anywhere: glued runs have no word boundaries. */
const isPhrase = (k: string) => k.includes(' ') || k.length >= 12 || /[^\p{L}\p{N} ]/u.test(k) || (UNSPACED_RE.test(k) && k.length >= 4);

const containedIndex = lazy(() => new PhraseIndex<MarkerCategory>(
  CONTAINED.flatMap((category) => MARKERS[category].map((w): [string, MarkerCategory] => [markerKey(w), category])),
));

export interface MarkerHits {
  /** Distinct marker phrases found (multi-word phrases and symbols such as ©). */
  phrases: number;
  /** Distinct single marker words found ("Share", "Privacy"): weak alone, prose uses them too. */
  words: number;
  categories: Set<MarkerCategory>;
  /** Characters covered by marker phrases and words. */
  covered: number;
}

const isWordChar = (ch: string | undefined) => !!ch && /[\p{L}\p{N}]/u.test(ch);

/**
 * Marker phrases inside a segment. Only short segments are searched: prose that mentions "privacy"
 * is prose. `key` is the segment's markerKey when the caller has it.
 */
export function containedMarkers(text: string, maxLength = 400, key = markerKey(text)): MarkerHits {
  const hits: MarkerHits = { phrases: 0, words: 0, categories: new Set(), covered: 0 };
  if (text.length > maxLength) return hits;
  const seen = new Set<string>();
  for (const h of containedIndex().findAll(key)) {
    if (seen.has(h.phrase)) continue;
    const phrase = isPhrase(h.phrase);
    if (!phrase && (isWordChar(key[h.start - 1]) || isWordChar(key[h.end]))) continue;
    seen.add(h.phrase);
    if (phrase) hits.phrases++;
    else hits.words++;
    hits.covered += h.phrase.length;
    hits.categories.add(h.value);
  }
  return hits;
}

const labelPatterns = lazy((): { kind: LabelKind; re: RegExp }[] => (['updated', 'date', 'source', 'tags', 'author'] as LabelKind[]).map((kind) => {
  const words = alternation(LABEL_WORDS[kind]);
  // "Label:" anywhere at the start; "Label value" without a colon only for author and date labels
  return { kind, re: new RegExp(`^(?:${words})\\s*(?:[:：]|\\s[-–—|]\\s)\\s*`, 'iu') };
}));

/** A labelled metadata segment: "Tags: a, b", "المصدر: وكالة", "Published: 2 June 2025". */
const bareLabels = lazy((): ReadonlyMap<string, LabelKind> => new Map(
  (['tags', 'source'] as LabelKind[]).flatMap((kind) => LABEL_WORDS[kind].map((w): [string, LabelKind] => [markerKey(w), kind])),
));

const LABEL_SEPARATOR = /[:：]|\s[-–—|]\s/u;

/** A labelled metadata segment, or a bare tags/source label on its own line (its values follow). */
export function labelOf(text: string): { kind: LabelKind; value: string } | null {
  if (text.length > 1500) return null;
  // a label sits at the start and is followed by a colon or a dash: most lines fail this cheaply
  if (text.length > 40 && !LABEL_SEPARATOR.test(text.slice(0, 60))) return null;
  if (text.length <= 40) {
    const bare = bareLabels().get(markerKey(text));
    if (bare) return { kind: bare, value: '' };
  }
  for (const { kind, re } of labelPatterns()) {
    const m = re.exec(text);
    if (m) return { kind, value: text.slice(m[0].length).trim() };
  }
  return null;
}

/** A label that may appear glued inside a run ("…شاركالمصدر: وكالة"): the value after it. */
const innerSourceRe = lazy(() => new RegExp(`(?:${alternation(LABEL_WORDS.source)})\\s*[:：]\\s*([^\\n]{1,60})$`, 'iu'));
export function innerSourceLabel(text: string): string | null {
  if (text.length > 300) return null;
  const m = innerSourceRe().exec(text);
  return m ? m[1].trim() : null;
}

const ordinalRe = lazy(() => new RegExp(`^(?:${alternation(ORDINAL_WORDS)})\\s*[:：,،.\\-–—]`, 'u'));
/** "أولاً: …", "First, …", "第一、…": an ordinal heading opener. */
export const startsWithOrdinal = (text: string): boolean => ordinalRe().test(text) || /^[一二三四五六七八九十]、/u.test(text);

/** Byline: "By Jane Doe", "بقلم فلان", "Par Jean Dupont" — a label word and a short name, no sentence. */
const bylineRe = lazy(() => new RegExp(`^(?:${alternation(LABEL_WORDS.author)})[\\s:：]+(.{2,80})$`, 'iu'));
const bylineLabelRe = lazy(() => new RegExp(`^(?:${alternation(LABEL_WORDS.author)})[\\s:：]`, 'iu'));
/** The line opens with an author label ("By", "Par", "بقلم" …): a byline, if names follow. */
export const opensWithBylineLabel = (text: string) => bylineLabelRe().test(text);
export function bylineOf(text: string): string[] | null {
  if (text.length > 100) return null;
  const m = bylineRe().exec(text);
  if (!m) return null;
  // a date or a role may follow the names: "Jane Doe — 24 November 2017", "Jane Doe | Reporter"
  // a date or time after a short word may close it too: "Jane Doe at 12:55 AM", "Jean Dupont à 18h42"
  // a social handle glued after a name ("Jane Doe@janedoe") is not part of it
  const names = m[1].replace(/(?:[|•·]|\s[—–-]\s).*$/u, '').replace(BYLINE_TIME_TAIL, '').replace(SOCIAL_HANDLE_G, ' ').trim();
  const words = names.split(/\s+/u);
  if (words.length > 8 || /[.!?؟。]$/u.test(names)) return null;
  // a name is capitalised in cased scripts; a lower-case run is a sentence ("by the way …")
  if (/^\p{Ll}/u.test(names)) return null;
  return names.split(/\s*(?:,|،|\band\b|\bet\b|\by\b|\bund\b|\be\b|و(?=\s))\s*/u).map((n) => n.trim())
    .filter((n) => n.length > 1 && !isRole(n));
}

const SOCIAL_HANDLE_G = /@[\p{L}\p{N}_.]+/gu;
const LOWER_CASE_WORD = /^\p{Ll}{2,}$/u;
/** A short word, then a date or a time, at the end of a byline. */
const BYLINE_TIME_TAIL = /\s+\p{Ll}{1,5}\s+\p{N}[\p{N}\s:.,/hHAaPpMm-]*$/u;
/** Lower-case words a personal name holds in cased scripts: particles ("de", "van", "bin", "al-"). */
const NAME_PARTICLES: ReadonlySet<string> = new Set(['de', 'da', 'das', 'do', 'dos', 'du', 'des', 'del', 'della', 'di', 'la', 'le', 'van', 'von', 'der', 'den', 'ter', 'ten', 'zu', 'bin', 'binti', 'ibn', 'ben', 'bint', 'al', 'el', 'y', 'e']);
/**
 * The part of a byline after a comma that names a role, not a person ("Jane Doe, Software Engineer on
 * the Play team"): in a cased script it holds a lower-case word that is not a name particle.
 */
function isRole(part: string): boolean {
  for (const w of part.split(/\s+/u)) if (LOWER_CASE_WORD.test(w) && !NAME_PARTICLES.has(w)) return true;
  return false;
}

/** Categories whose phrases, opening a line, make it a widget ("Share on Facebook", "Continue reading …"). */
const OPENING_CATEGORIES: MarkerCategory[] = ['ad', 'readAlso', 'related', 'share', 'skip', 'newsletter', 'app', 'comments', 'social', 'mostRead', 'cookie'];
const openingKeys = (categories: MarkerCategory[]): ReadonlySet<string> => new Set([
  ...categories.flatMap((c) => MARKERS[c]).map(markerKey).filter((k) => k.length >= 4 || /[^\p{Script=Latin}]/u.test(k)),
  ...CAPTION_WORDS.map(markerKey),
]);
const openingKeysAll = lazy(() => openingKeys(OPENING_CATEGORIES));
const openingKeysNoSocial = lazy(() => openingKeys(OPENING_CATEGORIES.filter((c) => c !== 'social')));

/**
 * The segment opens with a widget marker or a caption label (its first one to four words).
 * `social: false` lets a network's name open the line (a headline about the network).
 */
export function opensWithMarker(text: string, key?: string, options: { social?: boolean } = {}): boolean {
  const keys = options.social === false ? openingKeysNoSocial() : openingKeysAll();
  const words = (key ?? markerKey(text.slice(0, 80))).slice(0, 80).replace(/[:：,،|/\-–—•·]+/gu, ' ').split(/\s+/u).filter(Boolean);
  for (let n = 1; n <= Math.min(4, words.length - 1); n++) if (keys.has(words.slice(0, n).join(' '))) return true;
  return false;
}
