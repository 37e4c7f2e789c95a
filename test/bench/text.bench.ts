/**
 * `npm run bench -- text`: the plain-text path's throughput on one core over the corpus `source.txt`
 * (and `source.naive.txt`) files: MB/s and pages/s of extractFromText, the first pass untimed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractFromText } from '../../shared/text/extractText.js';

const CORPUS = resolve(process.env.SIFT_CORPUS ?? '../shared/corpus');
const ROUNDS = Number(process.env.SIFT_BENCH_ROUNDS ?? 5);

function load(input: string): string[] {
  return readdirSync(CORPUS).filter((n) => existsSync(join(CORPUS, n, input))).sort()
    .map((n) => readFileSync(join(CORPUS, n, input), 'utf8'));
}

/**
 * Wall time and CPU time of this process: on a busy machine the wall clock counts other processes'
 * turns, CPU seconds count ours (the closer measure of one-core throughput).
 */
function measure(pages: string[]): { mbps: number; pps: number; cpuMbps: number; bytes: number } {
  const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p, 'utf8'), 0);
  for (const p of pages) extractFromText(p); // warm-up: JIT and lazily built tables
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let r = 0; r < ROUNDS; r++) for (const p of pages) extractFromText(p);
  const cpu = process.cpuUsage(c0);
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { mbps: (bytes * ROUNDS) / 1e6 / seconds, pps: (pages.length * ROUNDS) / seconds, cpuMbps: (bytes * ROUNDS) / 1e6 / cpuSeconds, bytes };
}

/** One long line without breaks: the worst case for the per-line rules (must stay linear). */
function singleLine(pages: string[], targetBytes = 2_000_000): string {
  let s = '';
  for (let i = 0; s.length < targetBytes; i++) s += pages[i % pages.length].replace(/\s+/gu, ' ');
  return s;
}

export default async function bench(): Promise<void> {
  for (const input of ['source.txt', 'source.naive.txt']) {
    const pages = load(input);
    const m = measure(pages);
    console.log(`extractFromText ${input}: ${pages.length} pages, ${(m.bytes / 1e6).toFixed(2)} MB, ` +
      `${m.mbps.toFixed(2)} MB/s wall, ${m.cpuMbps.toFixed(2)} MB per CPU-second, ${m.pps.toFixed(0)} pages/s (one core, ${ROUNDS} rounds)`);
  }
  const line = singleLine(load('source.txt'));
  const t0 = performance.now();
  extractFromText(line);
  const s = (performance.now() - t0) / 1000;
  console.log(`extractFromText one ${(line.length / 1e6).toFixed(1)} MB line: ${s.toFixed(2)} s, ${(line.length / 1e6 / s).toFixed(2)} MB/s`);
}
