/**
 * A held-out scraper export built the way the lead's held-out check is: records a scraper already extracted, in four
 * shapes (full bodies, briefs of 18–40 words, bodies hard-wrapped at 72 columns, bodies that quote HTML
 * in their prose), generated from the corpus's ground-truth texts (../shared/corpus/<page>/expected.json)
 * with a seeded choice, so nothing is hand-picked. A record comes back whole when one article carries
 * its text (body F1 ≥ 0.9), its title, its url and its date.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractUpload } from '../../shared/core/extractUpload.js';
import type { ArticleRecord, UploadExtraction } from '../../shared/core/model.js';
import { norm, pageF1 } from './metric.js';
import { CORPUS } from '../support/referencePaths.js';

export type RecordShape = 'full' | 'brief' | 'wrapped' | 'quotesHtml';
export const RECORD_SHAPES: readonly RecordShape[] = ['full', 'brief', 'wrapped', 'quotesHtml'];

export interface ExportRecord {
  shape: RecordShape;
  page: string;
  url: string;
  title: string;
  published: string;
  text: string;
  /** The body as the page wrote it (before any wrapping): what the article must carry. */
  truth: string;
}

interface Expected { title: string | null; text: string | null; published: string | null }

/** Small deterministic PRNG (mulberry32): the same seed builds the same export. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Lao}]/u;
const isUnspaced = (text: string) => (text.match(new RegExp(UNSPACED, 'gu'))?.length ?? 0) > text.length / 4;
const paragraphsOf = (text: string) => text.split(/\n\s*\n/u).map((p) => p.replace(/\s+/gu, ' ').trim()).filter(Boolean);
const wordsOf = (text: string) => text.split(/\s+/u).filter(Boolean);

/** The opening sentences of a body, 18–40 words, ending at a sentence end when the text has one there. */
export function briefOf(text: string): string | null {
  const words = wordsOf(paragraphsOf(text).join(' '));
  if (words.length < 18) return null;
  for (let n = Math.min(40, words.length); n >= 18; n--) if (/[.!?…]["”’»)]?$/u.test(words[n - 1])) return words.slice(0, n).join(' ');
  return `${words.slice(0, 30).join(' ')}.`;
}

const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF01-\uFF60]/u;
const cols = (s: string) => [...s].reduce((n, ch) => n + (WIDE.test(ch) ? 2 : 1), 0);

/** Greedy wrap at `width` terminal columns, as a mail or wire system does: at spaces, or between two CJK characters. */
export function hardWrap(paragraph: string, width = 72): string[] {
  // units: a CJK character, a space-separated word (with the space before it)
  const units = paragraph.match(/\s*(?:[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\uFF01-\uFF60]|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\uFF01-\uFF60]+)/gu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const unit of units) {
    const bare = unit.trimStart();
    if (line && cols(line) + cols(unit) > width) {
      lines.push(line);
      line = bare;
    } else line = line ? line + unit : bare;
  }
  if (line) lines.push(line);
  return lines;
}

/** A short run of the page's own markup (a tag with its attributes and a little content), as a code sample quotes it. */
function markupSample(html: string, rand: () => number): string {
  const tags = [...html.matchAll(/<(p|div|a|span|h[1-6]|li|img|meta|link)\b[^<>]{0,120}>[^<>]{0,60}/giu)].map((m) => m[0].replace(/\s+/gu, ' ').trim());
  const picked = tags.length ? tags[Math.floor(rand() * tags.length)] : '<html><body><p>';
  return `<html><head><title>${picked.replace(/<[^>]*>/gu, '').slice(0, 20) || 'Test'}</title></head><body>${picked}</body></html>`;
}

/** The export's records: `perShape` of each shape, pages chosen by the seed among those with a title and a body. */
export function buildHeldOutExport(options: { corpus?: string; seed?: number; perShape?: number } = {}): ExportRecord[] {
  const corpus = options.corpus ?? CORPUS;
  const rand = prng(options.seed ?? 10);
  const perShape = options.perShape ?? 20;
  const pages = readdirSync(corpus).filter((p) => existsSync(join(corpus, p, 'expected.json'))).sort().map((name) => {
    const exp = JSON.parse(readFileSync(join(corpus, name, 'expected.json'), 'utf8')) as Expected;
    return { name, exp };
  }).filter(({ exp }) => exp.title?.trim() && exp.text && wordsOf(exp.text).length >= 20);
  const pick = () => pages.splice(Math.floor(rand() * pages.length), 1)[0];
  const records: ExportRecord[] = [];
  let day = 0;
  for (const shape of RECORD_SHAPES) {
    for (let n = 0; n < perShape && pages.length; n++) {
      let page = pick();
      while (shape === 'brief' && page && isUnspaced(page.exp.text!)) page = pick();
      if (!page) break;
      const text = page.exp.text!;
      let body: string;
      const truth = paragraphsOf(text).join('\n\n');
      if (shape === 'brief') body = briefOf(text) ?? text;
      else if (shape === 'wrapped') {
        // half the dumps keep a blank line between paragraphs, half only end a paragraph with a short line
        const sep = n % 2 ? '\n' : '\n\n';
        body = paragraphsOf(text).map((p) => hardWrap(p).join('\n')).join(sep);
      } else if (shape === 'quotesHtml') {
        const html = existsSync(join(corpus, page.name, 'source.html')) ? readFileSync(join(corpus, page.name, 'source.html'), 'utf8') : '';
        const paras = paragraphsOf(text);
        const at = Math.min(1, paras.length - 1);
        paras.splice(at, 0, `The page starts with this markup: ${markupSample(html, rand)}`);
        body = paras.join('\n\n');
      } else body = paragraphsOf(text).join('\n\n');
      day++;
      const published = `2025-${String(1 + (day % 12)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`;
      records.push({ shape, page: page.name, url: `https://news.example/${shape}/${page.name}`, title: page.exp.title!.replace(/\s+/gu, ' ').trim(), published, text: body, truth: shape === 'wrapped' ? truth : body });
    }
  }
  return records;
}

export interface RecordCheck { record: ExportRecord; whole: boolean; f1: number; title: boolean; url: boolean; date: boolean }
export interface ExportScore { records: number; whole: number; emptyArticles: number; status: 'ok' | 'failed'; error?: string; checks: RecordCheck[] }

/** The JSON Lines upload of the export, the record's fields named as scrapers name them. */
export const exportJsonl = (records: ExportRecord[]) =>
  records.map((r) => JSON.stringify({ url: r.url, title: r.title, published: r.published, text: r.text })).join('\n');

/** Runs the core over the export and checks each record against its best article (the one with its url). */
export function scoreHeldOutExport(records: ExportRecord[]): ExportScore {
  let extraction: UploadExtraction;
  try {
    extraction = extractUpload(Buffer.from(exportJsonl(records)), { upload: { bucket: 'local', key: 'held-out.jsonl' } });
  } catch (error) {
    return { records: records.length, whole: 0, emptyArticles: 0, status: 'failed', error: (error as Error).message, checks: [] };
  }
  const byUrl = new Map<string, ArticleRecord[]>();
  for (const a of extraction.articles) byUrl.set(a.url ?? '', [...(byUrl.get(a.url ?? '') ?? []), a]);
  const checks = records.map((record) => {
    const own = byUrl.get(record.url) ?? [];
    // the record's whole body, over all the articles it was split into; title and date from its first
    const f1 = pageF1(record.truth, own.map((a) => a.text).join('\n\n'));
    const first = own[0];
    const title = !!first && norm(first.title) === norm(record.title);
    const date = !!first && (first.published ?? '').slice(0, 10) === record.published;
    const url = own.length > 0;
    return { record, f1, title, url, date, whole: f1 >= 0.9 && title && url && date };
  });
  return {
    records: records.length,
    whole: checks.filter((c) => c.whole).length,
    emptyArticles: extraction.articles.filter((a) => !a.text.trim() || a.wordCount === 0).length,
    status: 'ok',
    checks,
  };
}
