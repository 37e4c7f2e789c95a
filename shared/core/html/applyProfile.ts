/**
 * A source profile's selectors, read with cheerio on the tree the extractor already parsed: `load()` takes
 * a domhandler Document as it is (no second parse, no copy). This is the only module that imports cheerio,
 * dynamically, in `loadProfileEngine` (shared/core/html/profiles.ts calls it when a profile exists): the generic
 * path never loads it. This module itself is imported statically, so inside a bundle only cheerio's own modules
 * are evaluated on demand (a dynamic import makes esbuild wrap the imported module and everything it imports).
 */
import type { Document } from 'domhandler';
import type { CheerioAPI } from 'cheerio/slim';
import type { BodyBlock } from '../model.js';
import { parseDate } from '../meta/dates.js';
import { ProfileError, type SelectorField, SELECTOR_FIELDS, splitSelector } from '../profiles/profile.js';
import type { SourceProfile } from '../profiles/profileSchema.js';
import { blocksOf } from './blocks.js';
import { type Element, type ParentNode, innerText, isElement, normaliseSpace } from './dom.js';
import { cleanAuthors } from './htmlMetadata.js';
import { HEADING_TAGS } from './vocabulary.js';

interface Selector {
  css: string;
  attr: string | null;
}

/** A profile with its selectors split and checked. */
export interface CompiledProfile {
  profile: SourceProfile;
  selectors: Partial<Record<SelectorField, Selector>>;
  drop: string[];
}

/** What a profile found on a page; null fields (and empty lists) are left to the generic extractor. */
export interface ProfileFields {
  title: string | null;
  blocks: BodyBlock[];
  published: { iso: string; text: string } | null;
  authors: string[];
  tags: string[];
}

export interface ProfilePage {
  /** Names that are the site, never an author (the page metadata's). */
  siteNames: string[];
  now?: Date;
  locale?: string | null;
  /** The page's `<meta>` elements, which cleaning removed from the tree before profiles run. */
  metas?: Element[];
}

type Load = typeof import('cheerio/slim').load;

/** The selector engine: cheerio, loaded. */
export interface ProfileEngine {
  /** Splits and checks every selector of a profile; throws ProfileError naming the field that cheerio cannot read. */
  compileProfile(profile: SourceProfile, origin: string): CompiledProfile;
  /** The profile's fields on a page, or null when its body selector finds no text (see applyProfile below). */
  applyProfile(compiled: CompiledProfile, doc: Document, page: ProfilePage): ProfileFields | null;
}

/** Loads cheerio: the engine the profiles are compiled and applied with. */
export async function loadProfileEngine(): Promise<ProfileEngine> {
  const { load } = await import('cheerio/slim');
  return {
    compileProfile: (profile, origin) => compileProfile(load, profile, origin),
    applyProfile: (compiled, doc, page) => applyProfile(load, compiled, doc, page),
  };
}

function compileProfile(load: Load, profile: SourceProfile, origin: string): CompiledProfile {
  const $ = load('');
  const check = (field: string, css: string) => {
    try {
      $.root().find(css);
    } catch (error) {
      throw new ProfileError(origin, field, `is not a selector cheerio can read: ${(error as Error).message}`);
    }
  };
  const selectors: CompiledProfile['selectors'] = {};
  for (const field of SELECTOR_FIELDS) {
    const value = profile[field];
    if (!value) continue;
    const s = splitSelector(value);
    // the container is an element, not a value
    if (field === 'article' && s.attr) throw new ProfileError(origin, field, 'selects a container: it takes no "@attr"');
    if (!s.css) throw new ProfileError(origin, field, 'has an "@attr" but no selector before it');
    check(field, s.css);
    selectors[field] = s;
  }
  const drop = profile.drop ?? [];
  drop.forEach((css, i) => check(`drop[${i}]`, css));
  return { profile, selectors, drop };
}

/**
 * The profile's fields on a page, or null when its body selector (inside its container) finds no text:
 * the page then goes the generic way untouched. On a hit, `drop` elements (inside the container) are
 * removed from the tree first.
 */
function applyProfile(load: Load, compiled: CompiledProfile, doc: Document, page: ProfilePage): ProfileFields | null {
  const $ = load(doc);
  const { selectors: s } = compiled;
  const scope = s.article ? $(s.article.css).first() : $.root();
  if (!scope.length) return null;
  const body = s.body!;
  const hasText = (els: Element[]) => els.some((el) => (body.attr ? normaliseSpace(el.attribs[body.attr] ?? '') : innerText(el)));
  if (!hasText(elements($, scope, body.css))) return null;

  for (const css of compiled.drop) scope.find(css).remove();
  const blocks = bodyBlocks(outermost(elements($, scope, body.css)), body.attr);
  if (!blocks.length) return null;

  const bounds = { now: page.now, locale: page.locale };
  // The container bounds the body strictly (a decoy column beside it must not leak in); a value field is
  // looked for inside it first, then on the whole page: the contract's own example reads a date from a
  // <meta> in <head> while its container is `main article`.
  // The cleaning pass took <meta> tags out of the tree (the page index keeps them): they are searched last.
  let $metas: CheerioAPI | null = null;
  const values = (sel: Selector | undefined) => {
    if (!sel) return [];
    const inside = valuesOf(elements($, scope, sel.css), sel.attr);
    if (inside.length) return inside;
    const onPage = s.article ? valuesOf(elements($, $.root(), sel.css), sel.attr) : [];
    if (onPage.length || !page.metas?.length) return onPage;
    $metas ??= load(page.metas);
    return valuesOf(elements($metas, $metas.root(), sel.css), sel.attr);
  };
  let published: ProfileFields['published'] = null;
  for (const text of values(s.published)) {
    const date = parseDate(text, bounds);
    if (date) { published = { iso: date.iso, text }; break; }
  }
  return {
    title: values(s.title)[0] ?? null,
    blocks,
    published,
    authors: cleanAuthors(values(s.authors), page.siteNames),
    tags: [...new Set(values(s.tags))],
  };
}

const elements = ($: CheerioAPI, scope: ReturnType<CheerioAPI>, css: string): Element[] =>
  scope.find(css).toArray().filter(isElement) as Element[];

/** Matches inside other matches are read with them, once. */
function outermost(els: Element[]): Element[] {
  const set = new Set(els);
  return els.filter((el) => {
    for (let p = el.parent; p; p = p.parent) if (set.has(p as Element)) return false;
    return true;
  });
}

function bodyBlocks(els: Element[], attr: string | null): BodyBlock[] {
  const out: BodyBlock[] = [];
  for (const el of els) {
    if (attr) {
      const text = normaliseSpace(el.attribs[attr] ?? '');
      if (text) out.push({ kind: 'paragraph', text });
    } else if (HEADING_TAGS.has(el.name)) {
      const text = innerText(el);
      if (text) out.push({ kind: 'heading', text });
    } else {
      // a container gives its paragraphs and headings; a paragraph (or inline element) gives itself
      out.push(...blocksOf({ children: [el] } as unknown as ParentNode));
    }
  }
  return out;
}

function valuesOf(els: Element[], attr: string | null): string[] {
  return els.map((el) => normaliseSpace(attr ? el.attribs[attr] ?? '' : innerText(el))).filter(Boolean);
}
