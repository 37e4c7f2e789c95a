/**
 * Scores Sift in-process on the development corpus and on annotated seeds, with the lead's scorers'
 * semantics (/work/shared/tools/score-set.mjs, score-seed.mjs): body = every article's `text` joined
 * by blank lines; real pages only (manifest kind = real); title exact after `norm`; date on the day.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractUpload } from '../../shared/core/extractUpload.js';
import { detectLanguage } from '../../shared/core/meta/language.js';
import type { ArticleRecord, ScrapeFormat } from '../../shared/core/model.js';
import { aggregate, type Aggregate, type Counts, mean, norm, pageF1, tpFpFn } from './metric.js';
import { CORPUS } from '../support/referencePaths.js';

export type InputKind = 'source.txt' | 'source.naive.txt' | 'source.html';
export const INPUT_KINDS: readonly InputKind[] = ['source.txt', 'source.naive.txt', 'source.html'];

export interface PageScore {
  name: string;
  lang: string;
  status: 'ok' | 'failed';
  error?: string;
  articles: number;
  counts: Counts | null;
  f1: number | null;
  title: 0 | 1 | null;
  date: 0 | 1 | null;
  bytes: number;
}

export interface SetScore extends Aggregate {
  input: InputKind;
  pages: PageScore[];
  failed: number;
  title: number;
  date: number;
  byLang: Record<string, Aggregate & { pages: number }>;
  seconds: number;
  bytes: number;
}

interface ManifestPage { name: string; lang: string | null; kind: 'real' | 'synthetic' }

export interface ScoreOptions {
  corpus?: string;
  /** `auto` runs the core exactly as the command line does (format sniffed from the content). */
  format?: ScrapeFormat | 'auto';
  only?: RegExp;
}

/** Real pages of the corpus that have this input kind. */
export function corpusPages(corpus = CORPUS, input: InputKind = 'source.txt'): ManifestPage[] {
  const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as { pages: ManifestPage[] };
  return manifest.pages.filter((p) => p.kind === 'real' && existsSync(join(corpus, p.name, input)))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

const primaryLang = (lang: string | null | undefined) => (lang ? lang.toLowerCase().split(/[-_]/u)[0] : null);

export function scoreCorpus(input: InputKind, options: ScoreOptions = {}): SetScore {
  const corpus = options.corpus ?? CORPUS;
  const pages: PageScore[] = [];
  let seconds = 0;
  let bytes = 0;
  for (const page of corpusPages(corpus, input)) {
    if (options.only && !options.only.test(page.name)) continue;
    const exp = JSON.parse(readFileSync(join(corpus, page.name, 'expected.json'), 'utf8')) as {
      title: string | null; published: string | null; text: string | null; lang: string | null;
    };
    const file = join(corpus, page.name, input);
    const data = readFileSync(file);
    bytes += data.length;
    let articles: ArticleRecord[] = [];
    let status: PageScore['status'] = 'ok';
    let error: string | undefined;
    const t0 = performance.now();
    try {
      articles = extractUpload(data, { upload: { bucket: 'local', key: file }, format: options.format ?? 'auto' }).articles;
    } catch (e) {
      status = 'failed';
      error = (e as Error).message;
    }
    seconds += (performance.now() - t0) / 1000;
    const body = articles.map((a) => a.text || '').join('\n\n');
    const counts = exp.text ? tpFpFn(exp.text, body) : null;
    const lang = primaryLang(page.lang) ?? primaryLang(exp.lang) ?? (exp.text ? detectLanguage(exp.text) : 'und');
    pages.push({
      name: page.name, lang, status, error, articles: articles.length, counts, bytes: data.length,
      f1: counts ? (2 * counts[0]) / (2 * counts[0] + counts[1] + counts[2] || 1) : null,
      title: exp.title ? (articles.some((a) => norm(a.title) === norm(exp.title)) ? 1 : 0) : null,
      date: exp.published ? (articles.some((a) => (a.published ?? '').slice(0, 10) === exp.published!.slice(0, 10)) ? 1 : 0) : null,
    });
  }
  const rows = pages.flatMap((p) => (p.counts ? [p.counts] : []));
  const byLang: SetScore['byLang'] = {};
  for (const lang of [...new Set(pages.map((p) => p.lang))].sort()) {
    const langRows = pages.filter((p) => p.lang === lang && p.counts).map((p) => p.counts as Counts);
    if (langRows.length) byLang[lang] = { ...aggregate(langRows), pages: langRows.length };
  }
  return {
    input, pages, ...aggregate(rows), byLang, seconds, bytes,
    failed: pages.filter((p) => p.status === 'failed').length,
    title: mean(pages.flatMap((p) => (p.title === null ? [] : [p.title]))),
    date: mean(pages.flatMap((p) => (p.date === null ? [] : [p.date]))),
  };
}

interface GoldArticle {
  title: string; published: string | null; source: string | null; sourceMayBeNull?: boolean;
  headings: string[]; paragraphs: string[]; tags: string[]; related: string[];
}

export interface SeedScore {
  seed: string;
  articles: number;
  expectedArticles: number;
  titles: number;
  dates: number;
  sources: number;
  headings: [number, number];
  related: [number, number];
  tags: [number, number];
  bodyF1: number[];
  leaks: string[];
  /** Every field right and body F1 ≥ 0.97 (score-seed.mjs --strict). */
  ok: boolean;
}

/** Every field of a seed against its `*.expected.json`, as score-seed.mjs scores it. */
export function scoreSeed(seedPath: string): SeedScore {
  const gold = JSON.parse(readFileSync(seedPath.replace(/\.[^.]+$/u, '.expected.json'), 'utf8')) as {
    articles: GoldArticle[]; mustNotContain: string[];
  };
  const src = readFileSync(seedPath, 'utf8');
  const pred = extractUpload(readFileSync(seedPath), { upload: { bucket: 'local', key: seedPath } }).articles;
  // the gold body in reading order: headings where they start in the scrape, paragraphs in order
  const goldBody = (a: GoldArticle) => {
    let at = -1;
    const ps = a.paragraphs.map((t): [number, string] => { const i = src.indexOf(t.slice(0, 40), at + 1); if (i >= 0) at = i; return [at, t]; });
    return [...a.headings.map((t): [number, string] => [src.indexOf(t), t]), ...ps].sort((x, y) => x[0] - y[0]).map(([, t]) => t).join('\n');
  };
  const used = new Set<number>();
  const s: SeedScore = {
    seed: seedPath, articles: pred.length, expectedArticles: gold.articles.length, titles: 0, dates: 0, sources: 0,
    headings: [0, 0], related: [0, 0], tags: [0, 0], bodyF1: [], leaks: [], ok: false,
  };
  for (const g of gold.articles) {
    let best = -1;
    let bestF = -1;
    pred.forEach((p, i) => { if (!used.has(i)) { const f = pageF1(goldBody(g), p.text); if (f > bestF) { bestF = f; best = i; } } });
    used.add(best);
    const p = best >= 0 ? pred[best] : undefined;
    s.bodyF1.push(Math.max(0, bestF));
    if (p && norm(p.title) === norm(g.title)) s.titles++;
    if ((p?.published ?? null)?.slice(0, 10) === g.published?.slice(0, 10) || (g.published === null && !p?.published)) s.dates++;
    const ph = new Set((p?.headings ?? []).map(norm));
    s.headings = [s.headings[0] + g.headings.filter((h) => ph.has(norm(h))).length, s.headings[1] + g.headings.length];
    const pr = new Set((p?.related ?? []).map((r) => norm(r.title)));
    s.related = [s.related[0] + g.related.filter((r) => pr.has(norm(r))).length, s.related[1] + g.related.length];
    const pt = new Set((p?.tags ?? []).map(norm));
    s.tags = [s.tags[0] + g.tags.filter((t) => pt.has(norm(t))).length, s.tags[1] + g.tags.length];
    if (g.source === null || (p?.source && norm(p.source).includes(norm(g.source))) || (g.sourceMayBeNull && !p?.source)) s.sources++;
  }
  const everything = pred.map((a) => `${a.title}\n${a.text}`).join('\n');
  s.leaks = gold.mustNotContain.filter((b) => everything.includes(b));
  const n = gold.articles.length;
  s.ok = pred.length === n && s.titles === n && s.dates === n && s.sources === n && s.headings[0] === s.headings[1]
    && s.related[0] === s.related[1] && s.tags[0] === s.tags[1] && !s.leaks.length && Math.min(...s.bodyF1) >= 0.97;
  return s;
}
