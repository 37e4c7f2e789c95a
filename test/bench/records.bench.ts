/**
 * `npm run bench -- records`: `countWords` (a regex pass, Intl.Segmenter only for runs of unspaced scripts)
 * against Intl.Segmenter's word-like segments over the whole text (the reference it replaced), on the article
 * texts Sift extracts from the corpus pages: characters/s of each (CPU time of this process) and how far the
 * counts differ, in total, per script and at the worst page.
 *
 * Environment: SIFT_CORPUS (default ../shared/corpus), SIFT_BENCH_ROUNDS (timed rounds, default 3).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFromHtml } from '../../shared/core/html/extractHtml.js';
import { countWords, segmenterWords } from '../../shared/core/records.js';
import { UNSPACED_RE } from '../../shared/core/text/scripts.js';
import { CORPUS } from '../support/referencePaths.js';

const ROUNDS = Number(process.env.SIFT_BENCH_ROUNDS ?? 3);

function cpuSeconds(run: () => void): number {
  run(); // warm-up
  const c0 = process.cpuUsage();
  for (let r = 0; r < ROUNDS; r++) run();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6 / ROUNDS;
}

export default async function recordsBench(): Promise<void> {
  const texts = readdirSync(CORPUS).filter((n) => existsSync(join(CORPUS, n, 'source.html'))).sort().flatMap((name) =>
    extractFromHtml(readFileSync(join(CORPUS, name, 'source.html'), 'utf8')).map((a) => ({ name, text: a.blocks.map((b) => b.text).join('\n\n') })));
  const chars = texts.reduce((n, t) => n + t.text.length, 0);
  const regex = cpuSeconds(() => { for (const t of texts) countWords(t.text); });
  const segmenter = cpuSeconds(() => { for (const t of texts) segmenterWords(t.text); });
  console.log(`${texts.length} article texts, ${(chars / 1e6).toFixed(2)} M characters, ${ROUNDS} timed rounds (+1 warm-up)`);
  console.log(`  countWords           ${(chars / regex / 1e6).toFixed(1).padStart(6)} M chars/s`);
  console.log(`  Intl.Segmenter alone ${(chars / segmenter / 1e6).toFixed(1).padStart(6)} M chars/s  (countWords ${(segmenter / regex).toFixed(1)}x faster)`);
  const groups = new Map<string, { ours: number; ref: number }>();
  let worst = { name: '', diff: 0 };
  for (const t of texts) {
    const ours = countWords(t.text);
    const ref = segmenterWords(t.text);
    const group = UNSPACED_RE.test(t.text.slice(0, 2000)) ? 'unspaced scripts (CJK, Thai …)' : 'spaced scripts';
    const g = groups.get(group) ?? { ours: 0, ref: 0 };
    g.ours += ours; g.ref += ref; groups.set(group, g);
    const diff = ref ? Math.abs(ours - ref) / ref : 0;
    if (ref >= 50 && diff > worst.diff) worst = { name: t.name, diff };
  }
  const pct = (a: number, b: number) => `${((100 * (a - b)) / b).toFixed(2)} %`;
  const all = [...groups.values()].reduce((s, g) => ({ ours: s.ours + g.ours, ref: s.ref + g.ref }), { ours: 0, ref: 0 });
  console.log(`  words: countWords ${all.ours}, Intl.Segmenter ${all.ref} (${pct(all.ours, all.ref)})`);
  for (const [name, g] of groups) console.log(`    ${name}: ${g.ours} vs ${g.ref} (${pct(g.ours, g.ref)})`);
  console.log(`  largest difference on one page (≥ 50 words): ${(100 * worst.diff).toFixed(1)} % (${worst.name})`);
}
