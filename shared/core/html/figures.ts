/**
 * Figures out of the body: captions, photo credits and gallery counters go to the record's `images`,
 * not to `text` (news truths leave them out, and a figure shown twice, inline and in a lightbox,
 * would otherwise be read twice).
 *
 * - `takeFigures` works on the kept body tree: every short caption element (`<figcaption>`, an element
 *   named or marked as a caption next to a picture) is removed and read as caption + credit, with the
 *   picture of its figure; pictures of figures without a caption are listed too.
 * - `takeCaptionLines` works on the body blocks: a block that repeats a caption already taken, a gallery
 *   counter ("Image 1 of 5", "1of4…") and a bare credit line ("Photo: NAME/AGENCY", "(Image: AGENCY)")
 *   leave the body.
 * Label words come from the one lexicon (CREDIT_LABELS, CAPTION_OPENERS, COUNTER_OF).
 */
import { CAPTION_OPENER_WORDS, COUNTER_OF_WORDS, CREDIT_WORDS, alternation } from '../meta/lexicon.js';
import type { ArticleImage, BodyBlock } from '../model.js';
import { resolveUrl } from './clean.js';
import { lazy } from '../lazy.js';
import { type Element, type ParentNode, descendants, elementsByTag, innerText, isElement, matchStringOf, removeNode, textLength } from './dom.js';

/** A caption longer than this, or holding several paragraphs, is a content wrapper (or an unclosed tag), not a caption. */
const CAPTION_MAX_CHARS = 400;
/** A bare credit or counter line in the body is at most this long. */
const CREDIT_LINE_MAX_CHARS = 120;
const CREDIT_LINE_MAX_WORDS = 14;
/** A repeat of a caption may differ from it by spacing and punctuation (and a separator before the credit). */
const REPEAT_LENGTH_SLACK = 8;

/** Class/id words of caption and credit elements ("media-caption__text", "wp-caption-text", "image-credit"). */
const CAPTION_CLASS = /(?:^|[-_\s])(?:(?:wp-|img-|image-|photo-|media-|figure-|lead-asset-)?caption(?:-?text)?|figcaption|legende|bildunterschrift|didascalia)(?:$|[-_\s])/i;
const CREDIT_CLASS = /(?:^|[-_\s])(?:(?:photo|image|img|media|picture|foto)-?)?(?:credits?|copyright|source|author|byline)(?:$|[-_\s])/i;
const CAPTION_ITEMPROPS = new Set(['caption']);
/** `description` is a caption only as a property of a picture's own item; the article's description is its standfirst. */
const MEDIA_ITEMTYPE = /(?:Image|Video|Media|Audio)Object$/;
const CREDIT_ITEMPROPS = new Set(['copyrightHolder', 'creditText', 'author', 'copyrightNotice']);
const PICTURE_TAGS = new Set(['img', 'picture', 'video', 'amp-img']);
const PROSE_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li']);

/** The caption, credit and counter patterns built from the lexicon, made on first use (not at module load). */
const patterns = lazy(() => {
  const credit = alternation(CREDIT_WORDS);
  const opener = alternation(CAPTION_OPENER_WORDS);
  const of = alternation(COUNTER_OF_WORDS);
  /** "Image 1 of 5", "3/10", "Foto 2 de 7": a whole counter. */
  const COUNTER = new RegExp(`^(?:(?:${credit}|${opener})\\s*)?\\d{1,3}\\s*(?:${of})\\s*\\d{1,3}$`, 'iu');
  /** A counter glued in front of a caption ("1of4Firefighters …"), or labelled ("Image 1 of 5 Firefighters …"). */
  const COUNTER_PREFIX = new RegExp(`^(?:\\d{1,3}(?:${of})\\d{1,3}|(?:${credit})\\s+\\d{1,3}\\s*(?:${of})\\s*\\d{1,3})(?=[\\s\\p{Lu}\\p{Lo}"“«(])\\s*`, 'iu');
  /** A caption opened by a screen-reader label ("Media caption …"). */
  const OPENER_PREFIX = new RegExp(`^(?:${opener})\\s*[:：]?\\s+(?=\\S)`, 'iu');
  /** A credit line: a label and a colon, or "©", or the whole line in parentheses with a label. */
  const CREDIT_LINE = new RegExp(`^(?:(?:${credit})\\s*[:：]\\s*\\S|©\\s*\\S|\\(\\s*(?:(?:${credit})\\s*[:：]?\\s*|©\\s*)[^()]+\\)$)`, 'iu');
  /** A credit at the end of a caption: "… (Photo: Agency)", "… Photo: NAME/AGENCY", "… © Agency", "… Credit Jane Doe". */
  const CREDIT_TAIL = new RegExp(`\\s*(?:\\(\\s*(?:(?:${credit})\\s*[:：]?\\s*|©\\s*)([^()]{2,100})\\)|(?:(?<=[.!?。])\\s*|\\s[-–—|]\\s*|\\s)(?:(?:${credit})\\s*[:：]|©)\\s*([^:：]{2,100}))\\s*$`, 'iu');

  /** A credit named without a label at the end of a caption: "… (AP)", "… (John Minchillo / AP)", "… Benoit Tessier/Reuters". */
  const NAME = `\\p{Lu}[\\p{L}\\p{M}.'’-]*`;
  const NAME_CREDIT_TAIL = new RegExp(`\\s*(?:\\(\\s*(${NAME}(?:\\s*(?:\\s|\\/|&|\\+|,)\\s*${NAME}){0,5})\\s*\\)|(?<=\\s)((?:${NAME}\\s)?${NAME}\\s?\\/\\s?${NAME}(?:\\s${NAME}){0,2}))$`, 'u');
  /** A caption whose credit label is glued to the name by markup ("Credit" in its own span): "CreditJane Doe". */
  const GLUED_CREDIT = new RegExp(`^(?:${credit})(?=\\p{Lu})`, 'u');
  const CREDIT_LABEL_PREFIX = new RegExp(`^\\(?\\s*(?:(?:${credit})\\s*[:：]?\\s*|©\\s*)`, 'iu');
  return { COUNTER, COUNTER_PREFIX, OPENER_PREFIX, CREDIT_LINE, CREDIT_TAIL, NAME_CREDIT_TAIL, GLUED_CREDIT, CREDIT_LABEL_PREFIX };
});

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;
const keyOf = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();

/** A caption split into its text and its credit, labels and counters dropped. */
export function splitCaption(raw: string): { caption: string | null; credit: string | null } {
  const { COUNTER, COUNTER_PREFIX, OPENER_PREFIX, CREDIT_LINE, CREDIT_TAIL, NAME_CREDIT_TAIL, GLUED_CREDIT } = patterns();
  let text = raw.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 2; i++) text = text.replace(COUNTER_PREFIX, '').replace(OPENER_PREFIX, '');
  if (COUNTER.test(text)) return { caption: null, credit: null };
  const lone = text.match(CREDIT_LINE);
  if (lone && text.length <= CREDIT_LINE_MAX_CHARS) return { caption: null, credit: stripCreditLabel(text) };
  const glued = text.match(GLUED_CREDIT);
  if (glued && text.length <= CREDIT_LINE_MAX_CHARS) return { caption: null, credit: text.slice(glued[0].length).trim() };
  // a labelled credit needs a colon, "©" or parentheses; a named one a parenthesis or a slash
  const tail = (/[:：©(]/u.test(text) ? text.match(CREDIT_TAIL) : null) ?? (/[()/]/.test(text) ? text.match(NAME_CREDIT_TAIL) : null);
  if (tail && tail.index !== undefined && tail.index > 0) {
    const caption = text.slice(0, tail.index).trim();
    return { caption: caption || null, credit: (tail[1] ?? tail[2]).trim() || null };
  }
  return { caption: text || null, credit: null };
}

const stripCreditLabel = (s: string) => s.replace(patterns().CREDIT_LABEL_PREFIX, '').replace(/\)\s*$/, '').trim() || s;

function isCaptionElement(el: Element): boolean {
  if (el.name === 'figcaption') return true;
  const itemprop = el.attribs.itemprop;
  if (itemprop && CAPTION_ITEMPROPS.has(itemprop) && hasNearbyPicture(el)) return true;
  if (itemprop === 'description' && (figureOf(el) || isMediaItemProperty(el))) return true;
  return CAPTION_CLASS.test(matchStringOf(el)) && hasNearbyPicture(el);
}

/** The item the element is a property of (its nearest ancestor with itemscope) is a picture or video. */
function isMediaItemProperty(el: Element): boolean {
  for (let p = el.parent; p && isElement(p); p = p.parent) {
    if (p.attribs.itemscope !== undefined) return MEDIA_ITEMTYPE.test((p.attribs.itemtype ?? '').trim());
  }
  return false;
}

const isCreditElement = (el: Element) => CREDIT_ITEMPROPS.has(el.attribs.itemprop ?? '') || CREDIT_CLASS.test(matchStringOf(el));

/** A picture in the caption's figure, or beside it (its parent or grandparent holds one). */
function hasNearbyPicture(el: Element): boolean {
  if (figureOf(el)) return true;
  let scope: ParentNode | null = el.parent;
  for (let depth = 0; scope && isElement(scope) && depth < 2; depth++, scope = scope.parent) {
    if (elementsByTag(scope, PICTURE_TAGS).length) return true;
  }
  return false;
}

function figureOf(el: Element): Element | null {
  for (let p = el.parent; p && isElement(p); p = p.parent) if (p.name === 'figure') return p;
  return null;
}

/** Short, and not a wrapper of several paragraphs: a caption. */
function isCaptionSized(el: Element): boolean {
  const length = textLength(el);
  if (!length || length > CAPTION_MAX_CHARS) return false;
  return elementsByTag(el, PROSE_TAGS).length < 2;
}

/** The picture's address: the first image of the figure (lazy-loading attributes first). */
function pictureUrl(scope: ParentNode | null, baseUrl: string | null | undefined): string | null {
  if (!scope) return null;
  for (const img of elementsByTag(scope, PICTURE_TAGS)) {
    const a = img.attribs;
    const src = a['data-src'] || a['data-original'] || a['data-lazy-src'] || a.src || a.poster || (a.srcset || a['data-srcset'] || '').trim().split(/\s+/)[0];
    const url = src ? resolveUrl(src, baseUrl) : null;
    if (url) return url;
  }
  return null;
}

/** Removes caption and credit elements from the body tree and returns the figures they describe. */
export function takeFigures(root: ParentNode, baseUrl?: string | null): ArticleImage[] {
  const images: ArticleImage[] = [];
  const byFigure = new Map<Element, ArticleImage>();
  const entryFor = (scope: Element | null): ArticleImage => {
    const known = scope && byFigure.get(scope);
    if (known) return known;
    const entry: ArticleImage = { url: pictureUrl(scope, baseUrl), caption: null, credit: null };
    if (scope) byFigure.set(scope, entry);
    images.push(entry);
    return entry;
  };
  for (const el of descendants(root)) {
    if (!el.parent || !isCaptionElement(el) || !isCaptionSized(el) || isInside(el, root) === false) continue;
    const scope = figureOf(el) ?? (isElement(el.parent) ? el.parent : null);
    const entry = entryFor(scope);
    // a credit element inside the caption is the credit; the rest is the caption
    const credits = descendants(el).filter((d) => isCreditElement(d) && textLength(d) > 0);
    const creditText = credits.map((c) => innerText(c)).filter(Boolean).join(' ');
    for (const c of credits) if (c.parent) removeNode(c);
    const split = splitCaption(innerText(el));
    removeNode(el);
    entry.caption ??= split.caption;
    entry.credit ??= creditText ? splitCaption(creditText).credit ?? stripCreditLabel(creditText) : split.credit;
  }
  // credits of a figure outside its caption, and pictures of figures without one
  for (const figure of elementsByTag(root, 'figure')) {
    for (const el of descendants(figure)) {
      if (!el.parent || !isCreditElement(el) || !isCaptionSized(el)) continue;
      const entry = entryFor(figure);
      entry.credit ??= stripCreditLabel(innerText(el));
      removeNode(el);
    }
    if (!byFigure.has(figure) && pictureUrl(figure, baseUrl)) entryFor(figure);
  }
  return mergeRepeats(images.filter((i) => i.url || i.caption || i.credit));
}

/** Still attached below `root` (an earlier removal may have taken it with its parent). */
function isInside(el: Element, root: ParentNode): boolean {
  for (let p: ParentNode | null = el.parent; p; p = p.parent) if (p === root) return true;
  return false;
}

/** One entry per picture and per caption: a figure repeated in a lightbox or gallery is kept once. */
function mergeRepeats(images: ArticleImage[]): ArticleImage[] {
  const out: ArticleImage[] = [];
  for (const img of images) {
    const same = out.find((o) => (img.url && o.url === img.url) || (img.caption && o.caption && keyOf(o.caption) === keyOf(img.caption))
      || (!img.url && !img.caption && !o.url && !o.caption && !!img.credit && !!o.credit && keyOf(o.credit) === keyOf(img.credit)));
    if (!same) { out.push({ ...img }); continue; }
    same.url ??= img.url;
    same.caption ??= img.caption;
    same.credit ??= img.credit;
  }
  return out;
}

/**
 * Body blocks that belong to the figures: repeats of a caption already taken, gallery counters and bare
 * credit lines. Returns the body without them and the figures with what they said.
 */
export function takeCaptionLines(blocks: BodyBlock[], images: ArticleImage[]): { blocks: BodyBlock[]; images: ArticleImage[] } {
  const known = new Set<string>();
  // lengths of the taken texts: only a block of about that length can repeat one (keyOf is not cheap)
  const lengths: number[] = [];
  const know = (s: string) => { known.add(keyOf(s)); lengths.push(s.length); };
  for (const img of images) {
    if (img.caption) know(img.caption);
    if (img.credit) know(img.credit);
    if (img.caption && img.credit) know(`${img.caption} ${img.credit}`);
  }
  const mayRepeat = (text: string) => lengths.some((n) => Math.abs(n - text.length) <= REPEAT_LENGTH_SLACK);
  const { COUNTER, CREDIT_LINE } = patterns();
  const found: ArticleImage[] = [];
  const kept = blocks.filter((b) => {
    if (b.kind !== 'paragraph') return true;
    const text = b.text.trim();
    if (known.size && mayRepeat(text) && known.has(keyOf(text))) return false;
    if (text.length > CREDIT_LINE_MAX_CHARS || wordCount(text) > CREDIT_LINE_MAX_WORDS) return true;
    if (COUNTER.test(text)) return false;
    if (!CREDIT_LINE.test(text)) return true;
    found.push({ url: null, caption: null, credit: stripCreditLabel(text) });
    return false;
  });
  return { blocks: kept, images: found.length ? mergeRepeats([...images, ...found]) : images };
}
