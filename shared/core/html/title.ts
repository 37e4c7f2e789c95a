/**
 * Title helpers: Unicode-aware token similarity and site-name removal.
 *
 * Readability tokenizes with ASCII `\W`, so every Arabic, Cyrillic or CJK title has similarity 0 and it
 * keeps the site name on those pages (FIELD-NOTES §1a). Here tokens are runs of letters and digits of
 * any script; scripts written without spaces (Han, kana, Thai…) count each character as a token.
 */
import { SIMILARITY } from '../settings.js';
import { lazy } from '../lazy.js';

const wordRe = lazy(() => /[\p{L}\p{M}\p{N}_]+/gu);
const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/** Separators between a headline and a site name or section in `<title>` and og:title. */
const SEPARATOR = /\s+(?:--|::|[|\-–—·•»«›‹/\\:~])\s+|\s*[|｜]\s*/gu;
/** A site name glued to a headline in scripts written without spaces: "…需求-新华网", "…ニュース｜…". */
const GLUED_TAIL = /^(.*[^\s\-_|｜–—])\s*[-_|｜–—]\s*([^-_|｜–—\s][^-_|｜–—]{0,14})$/u;
const SEPARATOR_TEST = new RegExp(SEPARATOR.source, 'u');
const HIERARCHICAL_SEPARATOR = /\s[\\/>»]\s/;
const HIERARCHICAL_PART_SEPARATOR = /^\s*[\\/>»›]\s*$/;
const domainLike = lazy(() => /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,}$/iu);
/**
 * Words that make a short title part a publication's name in several languages ("… | Daily News",
 * "… - الجزيرة نت", "…-新华网"). Only used on a separated end part of at most a few words.
 */
const siteWords = lazy(() => /(?:^|[^\p{L}])(?:news|times|post|daily|tribune|herald|journal|gazette|online|magazine|media|network|press|radio|tv|blog|today|nachrichten|zeitung|noticias|diario|periódico|journal|actualités|новости|газета|haber|haberleri|berita|نت|نيوز|جريدة|صحيفة|موقع|شبكة|قناة|وكالة|أخبار|اخبار|خبرگزاری)(?:$|[^\p{L}])|(?:网|網|报|報|新闻|新聞|日报|日報|时报|時報|ニュース|新聞社|뉴스|일보|신문)$/iu);
const SITE_PART_MAX_WORDS = 4;
const SITE_PART_MAX_CHARS = 32;

function titleTokens(text: string): string[] {
  const out: string[] = [];
  for (const word of text.toLowerCase().match(wordRe()) ?? []) {
    if (NO_SPACE_SCRIPT.test(word)) out.push(...word);
    else out.push(word);
  }
  return out;
}

/** Share of B's text that also occurs in A (Readability's `_textSimilarity`, Unicode tokens). */
export function textSimilarity(a: string, b: string): number {
  const ta = titleTokens(a), tb = titleTokens(b);
  if (!ta.length || !tb.length) return 0;
  const inA = new Set(ta);
  const uniqB = tb.filter((t) => !inA.has(t));
  return 1 - uniqB.join(' ').length / tb.join(' ').length;
}

const normaliseTitle = (s: string) => titleTokens(s.normalize('NFKC')).join(' ');

const wordCount = (s: string) => (NO_SPACE_SCRIPT.test(s) ? Math.ceil(titleTokens(s).length / 2) : s.trim().split(/\s+/).length);

/** A short part that calls itself a publication ("Daily News", "الجزيرة نت"). */
const looksLikeSiteName = (part: string) =>
  part.trim().length <= SITE_PART_MAX_CHARS && part.trim().split(/\s+/).length <= SITE_PART_MAX_WORDS && siteWords().test(part.trim());

/** True when `part` names the site: equal to, inside or containing a known site name, or a bare domain. */
function isSiteName(part: string, siteNames: string[]): boolean {
  const p = normaliseTitle(part);
  if (!p) return true;
  if (domainLike().test(part.trim())) return true;
  const squashed = p.replace(/ /g, '');
  for (const name of siteNames) {
    const n = normaliseTitle(name);
    if (!n) continue;
    const ns = n.replace(/ /g, '');
    if (squashed === ns || (ns.length >= 3 && (squashed.includes(ns) || ns.includes(squashed)) && squashed.length <= ns.length + 12)) return true;
    if (textSimilarity(name, part) >= SIMILARITY.sameTitle && textSimilarity(part, name) >= SIMILARITY.sameTitle) return true;
  }
  return false;
}

/**
 * Removes a leading or trailing site name ("Headline – BBC News", "الجزيرة نت | Headline") when one of the
 * separated parts names the site. Does nothing when no part does, so headlines with dashes survive.
 */
export function stripSiteName(title: string, siteNames: string[]): string {
  const parts: string[] = [];
  const seps: string[] = [];
  let last = 0;
  for (const m of title.matchAll(SEPARATOR)) {
    parts.push(title.slice(last, m.index));
    seps.push(m[0]);
    last = m.index! + m[0].length;
  }
  parts.push(title.slice(last));
  if (parts.length < 2) {
    const glued = GLUED_TAIL.exec(title.trim());
    if (glued && NO_SPACE_SCRIPT.test(glued[1]) && (isSiteName(glued[2], siteNames) || looksLikeSiteName(glued[2]))) return glued[1].trim();
    return title.trim();
  }
  // breadcrumb titles ("Headline » Section » Site"): the headline is the longest part
  if (seps.length >= 2 && seps.every((sep) => HIERARCHICAL_PART_SEPARATOR.test(sep))) {
    return parts.reduce((a, b) => (wordCount(b) > wordCount(a) ? b : a)).trim();
  }
  let start = 0, end = parts.length;
  while (end - start > 1 && (isSiteName(parts[end - 1], siteNames) || (end === parts.length && looksLikeSiteName(parts[end - 1]) && wordCount(parts.slice(0, end - 1).join(' ')) >= 3))) end--;
  while (end - start > 1 && isSiteName(parts[start], siteNames)) start++;
  if (start === 0 && end === parts.length) return title.trim();
  let out = parts[start];
  for (let i = start + 1; i < end; i++) out += seps[i - 1] + parts[i];
  return out.trim();
}

/**
 * Readability's `<title>` heuristics with Unicode word counts: drop the last separated part (usually the
 * site), keep the original when that leaves too few words; prefer a lone h1 for absurd lengths.
 */
export function titleFromDocumentTitle(docTitle: string, headings: string[], h1s: string[]): string {
  const orig = docTitle.trim();
  let cur = orig;
  let hierarchical = false;
  if (SEPARATOR_TEST.test(cur) && /\s[|\-–—\\/>»]\s/.test(cur)) {
    hierarchical = HIERARCHICAL_SEPARATOR.test(cur);
    const all = [...orig.matchAll(/\s[|\-–—\\/>»]\s/g)];
    cur = orig.slice(0, all[all.length - 1].index);
    if (wordCount(cur) < 3) cur = orig.replace(/^[^|\-–—\\/>»]*[|\-–—\\/>»]/, '');
  } else if (cur.includes(': ')) {
    if (!headings.some((h) => h.trim() === cur)) {
      cur = orig.slice(orig.lastIndexOf(':') + 1);
      if (wordCount(cur) < 3) cur = orig.slice(orig.indexOf(':') + 1);
      else if (wordCount(orig.slice(0, orig.indexOf(':'))) > 5) cur = orig;
    }
  } else if (cur.length > 150 || cur.length < 15) {
    if (h1s.length === 1) cur = h1s[0];
  }
  cur = cur.trim().replace(/\s{2,}/g, ' ');
  const words = wordCount(cur);
  if (words <= 4 && (!hierarchical || words !== wordCount(orig.replace(/\s[|\-–—\\/>»]\s/g, '')) - 1)) cur = orig;
  return cur;
}
