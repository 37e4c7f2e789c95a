/**
 * Markdown scrapes → the plain-text scrape the text path reads. Crawlers that turn pages into Markdown
 * (for search indexes and language models) keep the page's chrome as the HTML had it: a menu as a list
 * of links, the headline as `# …`, share bars as links, images as `![alt](src)`. Read as plain text, the
 * syntax came out in titles, bylines and paragraphs ("# Headline", "[Jane Doe](https://…)", "**bold**").
 *
 * The text is read as Markdown only when it shows the syntax (links with targets, ATX headings,
 * emphasis) often enough that prose would not; then each line keeps its place (a page break found in
 * the text is a line of the input) and loses its markup: links keep their text, images go, headings
 * and list markers their words, emphasis its content. A bullet stays on a list item of prose; a
 * menu's entries (a bullet and a link alone) become bare labels, as a plain dump prints them.
 */
import { lazy } from '../lazy.js';

/** How much of the text is looked at to tell Markdown, and how much syntax says it is. */
const MARKDOWN_SNIFF = {
  chars: 20_000,
  /** Inline links or images with a target: `[text](https://…)`, `![alt](/img.png)`. */
  minLinks: 3,
  /** ATX headings (`# Title`) count with a link or emphasis as evidence too. */
  minHeadingsWithLink: 1,
};

const LINK_G = lazy(() => /!?\[([^\]\n]{0,500})\]\(\s*<?([^)\s>]{0,2000})>?(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/gu);
/** An image: not the page's text (its alt is not printed), so it goes, inside a link too (a linked logo). */
const IMAGE_G = lazy(() => /!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)/gu);
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/u;
const LIST_MARKER = /^(\s*)(?:[*+-]|\d{1,3}[.)])[ \t]+/u;
const BLOCKQUOTE = /^ {0,3}(?:>[ \t]?)+/u;
const EMPHASIS_G = lazy(() => /(\*\*|__)(?=\S)([^\n]*?\S)\1|(?<![\p{L}\p{N}*])\*(?=\S)([^*\n]*?\S)\*(?![\p{L}\p{N}*])|(?<![\p{L}\p{N}_])_(?=\S)([^_\n]*?\S)_(?![\p{L}\p{N}_])/gu);
const CODE_SPAN_G = lazy(() => /`([^`\n]+)`/gu);
const AUTOLINK_G = lazy(() => /<((?:https?|mailto):[^>\s]+)>/gu);
const FENCE = /^ {0,3}(?:```|~~~)/u;
/** A line made only of links, images and separators: a menu's entry, a share bar, a logo. */
const LINKS_ONLY = /^(?:\s|[|•·,/–—-])*$/u;

/** Whether the text shows Markdown's syntax often enough to be read as Markdown. */
export function looksLikeMarkdown(text: string): boolean {
  const head = text.slice(0, MARKDOWN_SNIFF.chars);
  let links = 0;
  for (const m of head.matchAll(LINK_G())) if (m[2] && /^(?:https?:|\/|#|\.|mailto:)/u.test(m[2]) && ++links >= MARKDOWN_SNIFF.minLinks) return true;
  if (links < MARKDOWN_SNIFF.minHeadingsWithLink) return false;
  return head.split('\n', 2000).some((l) => HEADING.test(l));
}

/** The text without its Markdown syntax, line for line; text that is not Markdown comes back as it is. */
export function markdownText(text: string): string {
  if (!looksLikeMarkdown(text)) return text;
  let fenced = false;
  return text.split('\n').map((raw) => {
    if (FENCE.test(raw)) { fenced = !fenced; return ''; }
    return fenced ? raw : plainLine(raw);
  }).join('\n');
}

function plainLine(raw: string): string {
  let line = raw.replace(BLOCKQUOTE, '');
  const heading = HEADING.exec(line);
  if (heading) line = heading[2];
  let bullet = '';
  const marker = LIST_MARKER.exec(line);
  if (marker && !heading) { bullet = '- '; line = line.slice(marker[0].length); }
  line = line.replace(IMAGE_G(), '');
  const withoutLinks = line.replace(LINK_G(), '');
  line = line.replace(LINK_G(), (_, label: string) => label).replace(AUTOLINK_G(), '$1');
  line = line.replace(CODE_SPAN_G(), '$1').replace(EMPHASIS_G(), (_m, _d, a?: string, b?: string, c?: string) => a ?? b ?? c ?? '');
  line = line.replace(/\\([\\`*_{}[\]()#+\-.!|>])/gu, '$1').trim();
  // a menu's entry or a share bar: its links' words alone, with no bullet
  if (LINKS_ONLY.test(withoutLinks)) bullet = '';
  return line ? bullet + line : '';
}
