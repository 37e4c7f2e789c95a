/**
 * Multi-article plain-text scrapes: several real pages' text scrapes in one file, as crawler dumps and
 * aggregator pages join them. Scored as ../shared/tools/score-multi.mjs scores them: each true article
 * is paired one-to-one with the predicted article whose body overlaps it most (greedy, best pairs
 * first); an unpaired true article scores 0. Reported per language (the page's) and per joint kind
 * (what stands between one page and the next).
 *
 * Besides the development set (../shared/corpus-multi), `joinedScrapes` builds more such files from
 * the corpus itself, with other pages and other joints (bare, blank lines, a "read also" line in the
 * page's language), and with pages cut short of their footer, as a truncated crawl leaves them: a check
 * that the rules describe the genre rather than the development files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractUpload } from '../../shared/core/extractUpload.js';
import { detectLanguage } from '../../shared/core/meta/language.js';
import { READ_ALSO } from '../../shared/core/meta/lexicon.js';
import { prng } from './heldOutExport.js';
import { mean, norm, pageF1 } from './metric.js';
import { corpusPages } from './score.js';
import { CORPUS, CORPUS_MULTI } from '../support/referencePaths.js';

/** A scrape that joins pages, and the articles it holds, in order. */
export interface JoinedScrape {
  file: string;
  text: string;
  articles: { page: string; title: string; text: string; lang: string }[];
  /** What stands between page k and page k+1. */
  joints: JointKind[];
}

export type JointKind = 'bare' | 'blank lines' | 'rule line' | 'form feed' | 'label';

export interface MultiScore {
  files: number;
  articles: number;
  /** Share of files with exactly the right number of articles. */
  count: number;
  f1: number;
  titles: number;
  /** Title accuracy over the titles the scrape holds as a line of its own. */
  reachableTitles: number;
  reachable: number;
  byLang: Record<string, { articles: number; f1: number; titles: number }>;
  byJoint: Record<string, { files: number; count: number; f1: number }>;
  perFile: { file: string; want: number; got: number; f1: number[]; titles: string[] }[];
}

/** The joint between two pages: the lines between the end of one page's text and the start of the next. */
export function jointKind(between: string): JointKind {
  if (between.includes('\f')) return 'form feed';
  const lines = between.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.some((l) => /^(?:([-=_*~#·•.])\s?){3,}$/u.test(l))) return 'rule line';
  if (lines.length) return 'label';
  return (between.match(/\n/gu) ?? []).length > 1 ? 'blank lines' : 'bare';
}

interface ExpectedPage { title: string | null; text: string | null; lang: string | null }

const expectedOf = (corpus: string, page: string): ExpectedPage =>
  JSON.parse(readFileSync(join(corpus, page, 'expected.json'), 'utf8')) as ExpectedPage;

const manifests = new Map<string, Map<string, { lang: string | null }>>();
/** The corpus manifest's pages by name, read once per corpus. */
const manifestOf = (corpus: string) => {
  let pages = manifests.get(corpus);
  if (!pages) manifests.set(corpus, pages = new Map(corpusPages(corpus, 'source.txt').map((p) => [p.name, p])));
  return pages;
};

/** A page's language: the manifest's, else its answer's, else read from its text. */
function languageOf(corpus: string, page: string): string {
  const manifest = manifestOf(corpus).get(page);
  const exp = expectedOf(corpus, page);
  const tag = manifest?.lang ?? exp.lang;
  return tag ? tag.toLowerCase().split(/[-_]/u)[0] : detectLanguage(exp.text ?? '');
}

/** The development set's files, with each joint's kind read from the file. */
export function developmentSet(dir = CORPUS_MULTI, corpus = CORPUS): JoinedScrape[] {
  if (!existsSync(join(dir, 'index.json'))) return [];
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { file: string; articles: { page: string; title: string; text: string }[] }[];
  return index.map((e) => {
    const text = readFileSync(join(dir, e.file), 'utf8');
    const joints: JointKind[] = [];
    let end = 0;
    e.articles.forEach((a, k) => {
      const src = readFileSync(join(corpus, a.page, 'source.txt'), 'utf8').trim();
      const at = text.indexOf(src.slice(0, 200), end);
      if (k > 0) joints.push(at > end ? jointKind(text.slice(end, at)) : 'bare');
      if (at >= 0) end = at + src.length;
    });
    const articles = e.articles.map((a) => ({ ...a, lang: languageOf(corpus, a.page) }));
    return { file: e.file, text, articles, joints };
  });
}

/** Cuts a page's scrape after its article's last paragraph and a few lines: its footer lost. */
function cutFooter(source: string, expected: string): string {
  const last = expected.trim().split('\n').filter((l) => l.trim()).pop() ?? '';
  const at = source.lastIndexOf(last.slice(0, 60));
  if (at < 0) return source;
  const lines = source.slice(at).split('\n');
  return source.slice(0, at) + lines.slice(0, 4).join('\n');
}

/**
 * Scrapes built from the corpus: `count` files of two or three real pages with a source.txt each,
 * joined bare, by blank lines or by a "read also" line in the first page's language; every third
 * page loses its footer.
 */
export function joinedScrapes(count = 60, seed = 17, corpus = CORPUS): JoinedScrape[] {
  if (!existsSync(corpus)) return [];
  const pages = corpusPages(corpus, 'source.txt').filter((p) => expectedOf(corpus, p.name).text);
  const next = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const out: JoinedScrape[] = [];
  for (let f = 0; f < count; f++) {
    const n = 2 + Math.floor(next() * 2);
    const chosen = new Set<string>();
    while (chosen.size < n) chosen.add(pick(pages).name);
    const names = [...chosen];
    const parts: string[] = [];
    const articles: JoinedScrape['articles'] = [];
    const joints: JointKind[] = [];
    names.forEach((name, k) => {
      const exp = expectedOf(corpus, name);
      let source = readFileSync(join(corpus, name, 'source.txt'), 'utf8').trim();
      if ((f + k) % 3 === 2) source = cutFooter(source, exp.text ?? '');
      const lang = languageOf(corpus, name);
      if (k > 0) {
        const kind = pick(['bare', 'blank lines', 'label'] as const);
        joints.push(kind);
        const labels = READ_ALSO[articles[k - 1].lang] ?? READ_ALSO.en;
        parts.push(kind === 'bare' ? '\n' : kind === 'blank lines' ? '\n\n\n' : `\n${pick(labels)}\n`);
      }
      parts.push(source);
      articles.push({ page: name, title: exp.title ?? '', text: exp.text ?? '', lang });
    });
    out.push({ file: `joined-${String(f).padStart(2, '0')}.txt`, text: parts.join(''), articles, joints });
  }
  return out;
}

/** Scores a set of joined scrapes with score-multi.mjs's pairing. */
export function scoreMulti(set: JoinedScrape[]): MultiScore {
  const counts: number[] = [];
  const f1s: number[] = [];
  const titles: number[] = [];
  const reachable: number[] = [];
  const byLang = new Map<string, { f1: number[]; titles: number[] }>();
  const byJoint = new Map<string, { count: number[]; f1: number[] }>();
  const perFile: MultiScore['perFile'] = [];
  for (const file of set) {
    const pred = extractUpload(Buffer.from(file.text, 'utf8'), { upload: { bucket: 'local', key: file.file }, format: 'auto' }).articles;
    counts.push(pred.length === file.articles.length ? 1 : 0);
    const pairs: [number, number, number][] = [];
    file.articles.forEach((g, gi) => pred.forEach((p, pi) => pairs.push([pageF1(g.text, p.text || ''), gi, pi])));
    pairs.sort((a, b) => b[0] - a[0]);
    const takenG = new Set<number>();
    const takenP = new Set<number>();
    const best = new Map<number, [number, number]>();
    for (const [f, gi, pi] of pairs) {
      if (takenG.has(gi) || takenP.has(pi)) continue;
      takenG.add(gi);
      takenP.add(pi);
      best.set(gi, [f, pi]);
    }
    const lines = new Set(file.text.split('\n').map((l) => norm(l)));
    const fileF1: number[] = [];
    file.articles.forEach((g, gi) => {
      const [f, pi] = best.get(gi) ?? [0, -1];
      const right = pi >= 0 && norm(pred[pi].title) === norm(g.title) ? 1 : 0;
      f1s.push(f);
      fileF1.push(f);
      titles.push(right);
      if (lines.has(norm(g.title))) reachable.push(right);
      const l = byLang.get(g.lang) ?? { f1: [], titles: [] };
      l.f1.push(f);
      l.titles.push(right);
      byLang.set(g.lang, l);
    });
    const kinds = file.joints.length ? [...new Set(file.joints)] : ['single page'];
    for (const kind of kinds) {
      const j = byJoint.get(kind) ?? { count: [], f1: [] };
      j.count.push(counts[counts.length - 1]);
      j.f1.push(...fileF1);
      byJoint.set(kind, j);
    }
    perFile.push({ file: file.file, want: file.articles.length, got: pred.length, f1: fileF1, titles: pred.map((p) => p.title) });
  }
  return {
    files: set.length,
    articles: f1s.length,
    count: mean(counts),
    f1: mean(f1s),
    titles: mean(titles),
    reachableTitles: mean(reachable),
    reachable: reachable.length,
    byLang: Object.fromEntries([...byLang].sort().map(([k, v]) => [k, { articles: v.f1.length, f1: mean(v.f1), titles: mean(v.titles) }])),
    byJoint: Object.fromEntries([...byJoint].sort().map(([k, v]) => [k, { files: v.count.length, count: mean(v.count), f1: mean(v.f1) }])),
    perFile,
  };
}
