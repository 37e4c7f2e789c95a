/**
 * `npm run eval [-- --input source.txt] [--format auto|text|html] [--per-page] [--only REGEX]`:
 * scores Sift in-process on the development corpus for each input kind (real pages only) and on
 * the annotated seeds, then on plain-text scrapes that join several pages (per joint kind and
 * language). Same metric as the lead's scorers (test/eval/metric.ts).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ScrapeFormat } from '../../shared/core/model.js';
import { developmentSet, joinedScrapes, type MultiScore, scoreMulti } from './multi.js';
import { INPUT_KINDS, type InputKind, scoreCorpus, scoreSeed } from './score.js';
import { SEEDS } from '../support/referencePaths.js';

const { values: opt } = parseArgs({ options: {
  input: { type: 'string', multiple: true }, format: { type: 'string', default: 'auto' },
  'per-page': { type: 'boolean', default: false }, only: { type: 'string' },
} });
const fx = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));

for (const input of (opt.input as InputKind[] | undefined) ?? INPUT_KINDS) {
  const s = scoreCorpus(input, { format: opt.format as ScrapeFormat | 'auto', only: opt.only ? new RegExp(opt.only, 'u') : undefined });
  console.log(`\n## ${input} (${s.pages.length} real pages, ${s.failed} failed, format ${opt.format})`);
  console.log(`F1 ${fx(s.f1)} P ${fx(s.precision)} R ${fx(s.recall)}  title ${fx(s.title)}  date ${fx(s.date)}  ` +
    `${(s.bytes / 1e6 / s.seconds).toFixed(1)} MB/s, ${(s.pages.length / s.seconds).toFixed(0)} pages/s in-process`);
  console.log(Object.entries(s.byLang).map(([l, a]) => `${l} ${fx(a.f1)} (n=${a.pages})`).join('  '));
  if (opt['per-page']) {
    for (const p of s.pages) console.log(`${p.name}\t${p.status}\t${p.articles}\t${p.f1 === null ? '' : p.f1.toFixed(3)}\t${p.title ?? ''}\t${p.date ?? ''}${p.error ? `\t${p.error}` : ''}`);
  }
}

const printMulti = (name: string, s: MultiScore) => {
  console.log(`\n## ${name} (${s.files} files, ${s.articles} articles)`);
  console.log(`right article count ${fx(s.count)}  article body F1 ${fx(s.f1)}  titles ${fx(s.titles)} (${fx(s.reachableTitles)} of the ${s.reachable} the scrapes hold as a line)`);
  console.log(`by joint: ${Object.entries(s.byJoint).map(([k, v]) => `${k} count ${fx(v.count)} F1 ${fx(v.f1)} (n=${v.files})`).join('; ')}`);
  console.log(`by language: ${Object.entries(s.byLang).map(([k, v]) => `${k} F1 ${fx(v.f1)} titles ${fx(v.titles)} (n=${v.articles})`).join('; ')}`);
  if (opt['per-page']) {
    for (const f of s.perFile) console.log(`${f.file}\twant ${f.want}\tgot ${f.got}\tF1 ${f.f1.map((x) => x.toFixed(2)).join(' ')}\t${f.titles.join(' | ')}`);
  }
};
if (!opt.input) {
  const dev = developmentSet();
  if (dev.length) printMulti('multi-article scrapes: ../shared/corpus-multi', scoreMulti(dev));
  printMulti('multi-article scrapes joined from the corpus (test/eval/multi.ts)', scoreMulti(joinedScrapes()));
}

console.log('\n## seeds');
for (const f of readdirSync(SEEDS).filter((n) => !n.endsWith('.expected.json')).sort()) {
  const s = scoreSeed(join(SEEDS, f));
  console.log(`${f}: articles ${s.articles}/${s.expectedArticles} titles ${s.titles} dates ${s.dates} sources ${s.sources} ` +
    `minBodyF1 ${fx(Math.min(...s.bodyF1))} headings ${s.headings.join('/')} related ${s.related.join('/')} tags ${s.tags.join('/')} ` +
    `leaks ${s.leaks.length}${s.ok ? '  OK' : ''}`);
}
