/**
 * Pair sets for the story fingerprint, built from the development corpus (../shared/corpus): every page
 * extracted twice by the real core (its HTML and its text scrape), and edits of its text made by rules
 * that know nothing of the page. Positives are copies of one story; negatives are different stories that
 * look alike (one site's pages under the same boilerplate, a live blog and its later update, short texts
 * from one template).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { extractUpload } from '../../../shared/core/extractUpload.js';
import { wordsOf } from '../../../shared/core/records.js';
import { CORPUS } from '../../support/referencePaths.js';


export interface CorpusArticle {
  name: string;
  origin: string;
  html: string;
  /** The same page's text scrape run through the core, when the corpus has one. */
  scrape: string | null;
  paragraphs: string[];
}

export interface StoryPair {
  kind: string;
  same: boolean;
  a: string;
  b: string;
}

function textOf(bytes: Buffer, key: string): string {
  const out = extractUpload(bytes, { upload: { bucket: 'pairs', key } });
  return out.articles.map((a) => a.text).join('\n\n');
}

/**
 * The corpus's real pages with a body of at least `minWords` words once extracted. Synthetic test pages
 * share one filler text (they are copies of one story), so they are left out, as is a page whose text
 * another page already has.
 */
export function corpusArticles(minWords = 120): CorpusArticle[] {
  const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { pages: { name: string; kind: string }[] };
  const real = new Set(manifest.pages.filter((p) => p.kind === 'real').map((p) => p.name));
  const seen = new Set<string>();
  const out: CorpusArticle[] = [];
  for (const name of readdirSync(CORPUS).sort()) {
    if (!real.has(name)) continue;
    const html = join(CORPUS, name, 'source.html');
    if (!existsSync(html)) continue;
    let text: string;
    try {
      text = textOf(readFileSync(html), `${name}.html`);
    } catch {
      continue;
    }
    if (text.split(/\s+/).length < minWords) continue;
    const opening = text.replace(/\s+/g, ' ').slice(0, 200);
    if (seen.has(opening)) continue;
    seen.add(opening);
    const txt = join(CORPUS, name, 'source.txt');
    let scrape: string | null = null;
    if (existsSync(txt)) {
      try {
        scrape = textOf(readFileSync(txt), `${name}.txt`);
      } catch {
        scrape = null;
      }
    }
    out.push({ name, origin: name.split('--')[0], html: text, scrape, paragraphs: text.split(/\n\n+/).filter((p) => p.trim()) });
  }
  return out;
}

/** A small deterministic generator, so the pair sets are the same on every run. */
export function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
const wordsIn = (text: string) => wordsOf(text);

/**
 * `rate` of the words (as a word segmenter finds them, so scripts without spaces too) replaced by words of
 * `donor`. Segmented a line at a time: V8's segmenter is slow on long strings.
 */
export function changeWords(text: string, donor: string, rate: number, rnd: () => number): string {
  const pool = wordsIn(donor);
  return text.split('\n').map((line) => [...segmenter.segment(line)]
    .map((s) => (s.isWordLike && rnd() < rate ? pool[Math.floor(rnd() * pool.length)] : s.segment)).join('')).join('\n');
}

const join2 = (ps: string[]) => ps.join('\n\n');

export function buildPairs(articles: CorpusArticle[]): StoryPair[] {
  const rnd = seeded(13);
  const pairs: StoryPair[] = [];
  const n = articles.length;
  // Boilerplate a site repeats on every page: a few short lines (the opening words of an unrelated page's paragraphs).
  const boilerplateOf = (i: number) => articles[(i + n / 2) % n | 0].paragraphs.slice(0, 3).map((p) => wordsIn(p).slice(0, 12).join(' '));
  for (let i = 0; i < n; i++) {
    const a = articles[i];
    const other = articles[(i + 1) % n];
    const ps = a.paragraphs;
    if (a.scrape) pairs.push({ kind: 'html vs text scrape', same: true, a: a.html, b: a.scrape });
    const boiler = boilerplateOf(i);
    pairs.push({ kind: 'other boilerplate', same: true, a: a.html, b: join2([...boiler.slice(0, 1), ...ps, ...boiler.slice(1)]) });
    const at = 1 + Math.floor(rnd() * Math.max(1, ps.length - 1));
    pairs.push({ kind: 'paragraph added', same: true, a: a.html, b: join2([...ps.slice(0, at), other.paragraphs[0], ...ps.slice(at)]) });
    if (ps.length >= 4) {
      const cut = Math.floor(rnd() * ps.length);
      pairs.push({ kind: 'paragraph cut', same: true, a: a.html, b: join2(ps.filter((_, j) => j !== cut)) });
    }
    pairs.push({ kind: 'words changed (5%)', same: true, a: a.html, b: changeWords(a.html, other.html, 0.05, rnd) });
    // Hard negatives.
    for (const d of [1, 2, 3]) {
      const b = articles[(i + d) % n];
      if (b.origin !== a.origin) continue;
      pairs.push({ kind: 'one site, shared boilerplate', same: false, a: join2([...boiler, ...ps]), b: join2([...boiler, ...b.paragraphs]) });
    }
    if (ps.length >= 6) {
      // The live blog as first scraped: its opening entries, up to a third of the words it has when scraped again.
      const total = wordsIn(a.html).length;
      let words = 0;
      const early = ps.findIndex((p) => (words += wordsIn(p).length) > total / 3);
      if (early > 0) pairs.push({ kind: 'live blog and its update', same: false, a: join2(ps.slice(0, early)), b: join2(ps) });
    }
    // Short texts of one template: the same 30 frame words, a different dozen facts.
    const frame = wordsIn(a.html).slice(0, 30);
    const facts = (src: string) => wordsIn(src).slice(40, 52);
    const t1 = [...frame.slice(0, 15), ...facts(other.html), ...frame.slice(15)].join(' ');
    const t2 = [...frame.slice(0, 15), ...facts(articles[(i + 2) % n].html), ...frame.slice(15)].join(' ');
    pairs.push({ kind: 'short template texts', same: false, a: t1, b: t2 });
  }
  return pairs;
}
