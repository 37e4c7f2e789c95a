/**
 * Plain-text scrapes → articles. The staged pipeline:
 *
 * 1. repair glued runs (repairGlue.ts): lines become segments at the boundaries the text shows;
 * 2. classify each segment as body or boilerplate (classifyLines.ts, jusText-style);
 * 3. give metadata lines their role (textMetadata.ts): date, source, tags, byline, read-also, related;
 * 4. cut the scrape into the pages it joins (pageBreaks.ts), each page into articles, and build each
 *    one's title, headings, paragraphs and related headlines (segmentText.ts).
 *
 * `hints` (from JSON exports and the like) are defaults that the text refines.
 */
import type { DocumentHints, ExtractedArticle } from '../model.js';
import { markerKey } from '../meta/lexicon.js';
import { classifySegments, isLinkRun, reclassify, segmentsOf, type ClassifiedSegment } from './classifyLines.js';
import { opensWithBylineLabel } from './markers.js';
import { repairText } from './repairGlue.js';
import { unspacedChars } from './scripts.js';
import type { Role, RoledSegment } from './roles.js';
import { articleEnd, buildBlocks, findArticleStarts, mainRegion, rescueInRegion } from './segmentText.js';
import { jointLines, pageStarts } from './pageBreaks.js';
import { chooseTitle } from './titleChoice.js';
import { markdownText } from './markdown.js';
import { unwrapText } from './unwrap.js';
import {
  bylineDateOf, bylineNames, dateLineOf, namesBefore, publisherFromDisclaimer, sourceLineOf, tagEvidenceFrom, tagLineOf, type DateLine, type TagEvidence,
} from './textMetadata.js';
import { lazy } from '../lazy.js';

/** Below this many body characters the page is read again with the relaxed classifier. */
const MIN_BODY = 400;

export function extractFromText(text: string, hints: DocumentHints = {}): ExtractedArticle[] {
  const { strict, relaxed, starts } = readPages(text, hints.fetchedAt);
  if (!strict.length) return [];
  // repetition is counted over the whole scrape: a menu printed by every page is a menu on each
  const repeats = repeatCounter(strict);
  const bounds = [0, ...starts, strict.length];
  const out: ExtractedArticle[] = [];
  for (let p = 0; p + 1 < bounds.length; p++) {
    // the document's own fields (a JSON record's title, url, date) describe its first page
    const pageHints = p === 0 ? hints : { fetchedAt: hints.fetchedAt };
    const [from, to] = [bounds[p], bounds[p + 1]];
    out.push(...extractPageOrList(strict.slice(from, to), () => relaxed().slice(from, to), pageHints, repeats));
  }
  return out;
}

/** The scrape as roled segments, and the segments that open its pages (stages 1 to 4 up to the articles). */
function readPages(text: string, fetchedAt?: Date) {
  // hard-wrapped dumps become paragraphs first: every later stage reads whole lines as blocks
  const lines = unwrapText(text);
  const classified = classifySegments(segmentsOf(repairText(lines)));
  const strict = assignRoles(classified, fetchedAt);
  // the relaxed classification (Readability's retry with flags off) is built once, when asked for
  let relaxedRoles: (RoledSegment & SegmentMeta)[] | undefined;
  const relaxed = () => (relaxedRoles ??= assignRoles(reclassify(classified, { relaxed: true }), fetchedAt));
  const starts = strict.length ? pageStarts(strict, jointLines(lines), { relaxed }) : [];
  return { unwrapped: lines !== text, strict, relaxed, starts };
}

/**
 * The input lines (0-based) where a page of the scrape after the first starts, for cutting a big upload
 * into regions at page breaks (format/textRegions.ts); null when segments do not keep the input's lines
 * (a hard-wrapped text is unwrapped first, a lone CR is a line break of its own).
 */
export function pageStartLines(text: string): number[] | null {
  if (/\r(?!\n)/u.test(text)) return null;
  const { unwrapped, strict, starts } = readPages(markdownText(text));
  return unwrapped ? null : starts.map((i) => strict[i].line);
}

/**
 * A page's articles; a page left with almost no body is read again with the relaxed classification,
 * so a list-shaped body (release notes, short items) survives: degrade, don't fail.
 */
function extractPageOrList(
  strict: (RoledSegment & SegmentMeta)[], relaxed: () => (RoledSegment & SegmentMeta)[], hints: DocumentHints,
  repeats: (s: ClassifiedSegment) => number,
): ExtractedArticle[] {
  const { articles, headline } = readPage(strict, hints, repeats);
  if (bodyLength(articles) >= MIN_BODY) return articles;
  const listed = readPage(relaxed(), hints, repeats).articles;
  if (bodyLength(listed) <= bodyLength(articles)) return articles;
  // the first pass's headline stays the title, the relaxed body starting after it; a first pass that found
  // no body at all only guessed its title (no body to stand above): the relaxed reading chooses its own
  const first = articles[0];
  if (first?.title && first.blocks.length && listed[0]) {
    // the headline line the page prints (a record's own title may stand in for it as the title)
    const at = listed[0].blocks.findIndex((b) => b.text === (headline ?? first.title));
    // lines just above the headline are the page header; further down it was a heading of the body
    listed[0] = { ...listed[0], title: first.title, blocks: at >= 0 && at <= 3 ? listed[0].blocks.slice(at + 1) : listed[0].blocks.filter((_, i) => i !== at) };
  } else if (listed[0]) listed[0] = withoutLeadingMenu(listed[0]);
  return listed;
}

/** Words a menu entry has at most ("News", "Contact us"); a relaxed reading's leading run of them is the page's menu. */
const MENU_ENTRY_WORDS = 2;

/**
 * The relaxed reading of a page the strict one found nothing in counts every short line as text, the menu
 * above the first story too: its leading bare entries go, and an untitled article takes the first
 * headline-shaped line after them as its title.
 */
function withoutLeadingMenu(article: ExtractedArticle): ExtractedArticle {
  const isEntry = (t: string) => !ENDS_SENTENCE.test(t) && (t.match(WORD_G) ?? []).length <= MENU_ENTRY_WORDS;
  let lead = 0;
  while (lead < article.blocks.length - 1 && isEntry(article.blocks[lead].text)) lead++;
  if (!lead) return article;
  const blocks = article.blocks.slice(lead);
  if (article.title.trim() || blocks.length < 2 || ENDS_SENTENCE.test(blocks[0].text)) return { ...article, blocks };
  return { ...article, title: blocks[0].text, blocks: blocks.slice(1) };
}
const ENDS_SENTENCE = /[.!?。！？؟]$/u;
const WORD_G = /[\p{L}\p{N}]+/gu;

/** Body size with unspaced-script characters weighted as words (a Japanese line of 100 characters is a paragraph). */
const bodyLength = (articles: ExtractedArticle[]) =>
  articles.reduce((n, a) => n + a.blocks.reduce((m, b) => m + b.text.length + 2 * unspacedChars(b.text), 0), 0);

/** The articles of one page of the scrape, and the line it prints as its first article's headline. */
function readPage(
  segs: (RoledSegment & SegmentMeta)[], hints: DocumentHints, repeats: (s: ClassifiedSegment) => number,
): { articles: ExtractedArticle[]; headline?: string } {
  const firstBody = mainBodyStart(segs);
  if (firstBody < 0) {
    // no body at all: a title-only record when the page has a headline, else nothing
    const t = hints.title ?? segs.find((s) => s.role === 'boilerplate' && s.cf !== 'bad')?.text;
    return { articles: t ? [articleOf(t, [], [], segs, 0, segs.length - 1, -1, hints)] : [] };
  }
  const starts = findArticleStarts(segs).filter((s) => s > firstBody);
  const out: ExtractedArticle[] = [];
  const bounds = [0, ...starts, segs.length];
  const picked = chooseTitle(segs, 0, firstBody, repeats);
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k];
    const to = bounds[k + 1] - 1;
    const chosen = k === 0 ? picked : null;
    const titleIdx = k === 0 ? chosen?.index ?? -1 : from;
    rescueInRegion(segs, Math.max(from, titleIdx + 1), to);
    // the first article's body starts after its title (or at the main body when it has none)
    const blocksFrom = k > 0 ? from + 1 : titleIdx >= 0 ? titleIdx + 1 : firstBody;
    const { blocks, related } = buildBlocks(segs, blocksFrom, articleEnd(segs, blocksFrom, to), titleIdx, chosen?.text);
    const title = k === 0 && hints.title ? hints.title : chosen ? chosen.text : titleIdx >= 0 ? segs[titleIdx].text : '';
    if (!title && !blocks.length) continue;
    out.push(articleOf(title, blocks, related, segs, from, to, titleIdx, k === 0 ? hints : { fetchedAt: hints.fetchedAt }));
  }
  return { articles: tagsToTheirArticle(out), headline: picked?.text };
}

/**
 * A page's tag line describes the article it tags, which is not always the one above it: a page
 * that appends a "read also" story prints the main story's tags at its very end. Tags that the
 * article above them never mentions go to the article of the page that mentions the most of them.
 */
export function tagsToTheirArticle(articles: ExtractedArticle[]): ExtractedArticle[] {
  if (articles.length < 2 || !articles.some((a) => a.tags.length)) return articles;
  const texts = articles.map((a) => markerKey(`${a.title}\n${a.blocks.map((b) => b.text).join('\n')}`));
  const holds = (i: number, tags: string[]) => tags.filter((t) => texts[i].includes(markerKey(t))).length;
  const out = articles.map((a) => ({ ...a, tags: [...a.tags] }));
  articles.forEach((a, i) => {
    // the tags' own article mentions some of them: they stay
    if (!a.tags.length || holds(i, a.tags) > 0) return;
    let best = i;
    for (let j = 0; j < articles.length; j++) if (holds(j, a.tags) > holds(best, a.tags)) best = j;
    if (best === i) return;
    out[i].tags = out[i].tags.filter((t) => !a.tags.includes(t));
    out[best].tags = [...new Set([...out[best].tags, ...a.tags])];
  });
  return out;
}

/**
 * Where the main body starts: the first body segment of the page's main region, else the first
 * body segment followed by a real run of body text.
 */
export function mainBodyStart(segs: RoledSegment[]): number {
  const [a, b] = mainRegion(segs, 0, segs.length - 1);
  let firstInRegion = -1;
  for (let i = a; i <= b; i++) {
    if (segs[i].role !== 'body') continue;
    if (firstInRegion < 0) firstInRegion = i;
    // a glued run of menu labels the classifier let through is not where the text starts
    if (!isLinkRun(segs[i])) return i;
  }
  if (firstInRegion >= 0) return firstInRegion;
  let first = -1;
  for (let i = 0; i < segs.length; i++) {
    if (segs[i].role !== 'body') continue;
    if (first < 0) first = i;
    let chars = 0;
    for (let j = i; j < Math.min(segs.length, i + 6); j++) if (segs[j].role === 'body') chars += segs[j].features.length;
    if (chars >= 250) return i;
  }
  return first;
}

export function repeatCounter(segs: RoledSegment[]): (s: ClassifiedSegment) => number {
  const counts = new Map<string, number>();
  for (const s of segs) if (s.key && s.text.length <= 220) counts.set(s.key, (counts.get(s.key) ?? 0) + 1);
  return (s) => (s.key ? counts.get(s.key) ?? 1 : 1);
}

const hasDigit = lazy(() => /[\p{Nd}〇一二三四五六七八九十]/u);
const HAS_COLON = /[:：]/u;

interface SegmentMeta {
  date?: DateLine;
  source?: string;
  tags?: string[];
  authors?: string[];
}

/** Gives every segment its role; metadata lines keep what they say. */
export function assignRoles(segs: ClassifiedSegment[], now?: Date): (RoledSegment & SegmentMeta)[] {
  // tag lists are split with evidence from the page's prose
  let evidence: TagEvidence | undefined;
  const tagEvidence = () => (evidence ??= tagEvidenceFrom(segs.filter((s) => s.cls === 'good').map((s) => s.text).join('\n')));
  const roled = segs.map((s) => roleOf(s, now, tagEvidence));
  // a bare "Tags" label: its tags follow one per line
  for (let i = 0; i < roled.length; i++) {
    const s = roled[i];
    if (s.features.label !== 'tags' || s.role === 'tags') continue;
    s.role = 'tags';
    s.tags = [];
    for (let j = i + 1; j < roled.length && j <= i + 30; j++) {
      const t = roled[j];
      if (t.features.chars > 40 || t.features.sentences > 0 || t.features.marker || t.role !== 'boilerplate') break;
      t.role = 'tags';
      s.tags.push(t.text);
    }
  }
  return roled;
}

function roleOf(s: ClassifiedSegment, now?: Date, evidence?: () => TagEvidence): RoledSegment & SegmentMeta {
  const meta: SegmentMeta = {};
  let role: Role = s.cls === 'good' ? 'body' : 'boilerplate';
  const f = s.features;
  // dates are written with digits (any script's); a line without one is not a date line
  const date = f.chars <= 120 && hasDigit().test(s.text) ? dateLineOf(s.text, now) : null;
  // a source label opens the line, or closes a glued run of short links ("…شارك المقالالمصدر: X")
  const source = date ? null : f.label === 'source' || (f.chars <= 300 && s.cf !== 'good' && HAS_COLON.test(s.text)) ? sourceLineOf(s.text) : null;
  const tags = date || source || f.label !== 'tags' ? null : tagLineOf(s.text, evidence?.());
  // a byline that carries the date ("By Jane Doe | March 3, 2025") is the date line and the byline
  const authors = source || tags || f.chars > 100 || !opensWithBylineLabel(s.text) ? null : bylineNames(date ? namesBefore(s.text, date) : s.text);
  if (date) {
    role = 'date';
    meta.date = date;
    if (authors?.length) meta.authors = authors;
  } else if (source) { role = 'source'; meta.source = source; } else if (tags) {
    role = 'tags'; meta.tags = tags;
  } else if (authors?.length) {
    role = 'byline';
    meta.authors = authors;
    const bylineDate = hasDigit().test(s.text) ? bylineDateOf(s.text, now) : null;
    if (bylineDate) {
      meta.date = bylineDate;
      meta.authors = bylineNames(namesBefore(s.text, bylineDate)) ?? authors;
    }
  } else if (f.marker === 'readAlso') role = 'readAlso';
  else if (f.marker === 'related') role = 'related';
  return { ...s, ...meta, role };
}

function articleOf(
  title: string, blocks: ExtractedArticle['blocks'], related: ExtractedArticle['related'],
  segs: (RoledSegment & SegmentMeta)[], from: number, to: number, titleIdx: number, hints: DocumentHints,
): ExtractedArticle {
  const span = segs.slice(from, to + 1);
  // the date and byline next to the title first, then anywhere in the article
  const near = titleIdx >= 0 ? segs.slice(Math.max(from, titleIdx - 2), Math.min(to + 1, titleIdx + 6)) : span;
  const dates = [...near, ...span].filter((s) => s.date).map((s) => s.date as DateLine);
  const date = dates.find((d) => !d.updated) ?? dates[0];
  const authors = [...near, ...span].find((s) => s.authors)?.authors;
  const tags = span.flatMap((s) => s.tags ?? []);
  let source = span.find((s) => s.source)?.source ?? null;
  if (!source) for (const s of span) if (s.features.marker === 'disclaimer' || s.features.hitCategories.includes('disclaimer')) source = publisherFromDisclaimer(s.text) ?? source;
  return {
    title: title.trim(),
    blocks,
    published: date?.iso ?? hints.published ?? null,
    publishedText: date?.text ?? (hints.published ? hints.published : null),
    authors: authors ?? hints.authors ?? [],
    source: source ?? hints.source ?? null,
    url: hints.url ?? null,
    tags,
    related,
    lang: hints.lang ?? null,
  };
}
