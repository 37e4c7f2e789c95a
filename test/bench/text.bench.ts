/**
 * `npm run bench -- text`: the plain-text path's throughput on one core over the corpus `source.txt`
 * (and `source.naive.txt`) files: MB/s and pages/s of extractFromText, the first pass untimed; and its
 * memory: text dumps of two sizes built from those pages, each streamed through the core in a process of
 * its own, peak RSS per MB of input, under the ingest function's V8 heap first (HEAPS).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INGEST_DEFAULTS, nodeHeap } from '../../infra/pipelineDefaults.js';
import { EXTRACT_LIMITS } from '../../shared/core/settings.js';
import { extractFromText } from '../../shared/core/text/extractText.js';
import { CORPUS } from '../support/referencePaths.js';

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

const MB = 1024 * 1024;
/** Dump sizes (MB): one region and the most one text document may be, near the one-document bound. */
const DUMP_MB = [2, Math.floor((EXTRACT_LIMITS.maxDocumentBytes / MB) * 0.9)];
/**
 * Heaps the dumps run under, each named by its node flags: the ingest function's (its NODE_OPTIONS, from
 * nodeHeap: the figure that decides whether an upload fits the function), the one Lambda's runtime would
 * pick for that memory if the function named none (an 88 MB semi-space), V8's default, which lets the heap
 * grow towards its limit before collecting (the high-water mark then says how lazy the collector was), and a
 * small one, which shows what the extraction holds at once: a process that finishes under it needs no more.
 */
const FUNCTION_HEAP = nodeHeap(INGEST_DEFAULTS.memoryMb, INGEST_DEFAULTS.semiSpaceMb).nodeFlags;
const HEAPS: { label: string; flags: string[] }[] = [
  { label: `the ingest function's (${FUNCTION_HEAP.join(' ')})`, flags: FUNCTION_HEAP },
  { label: `Lambda's runtime default for ${INGEST_DEFAULTS.memoryMb} MB (${nodeHeap(INGEST_DEFAULTS.memoryMb).nodeFlags.join(' ')})`, flags: nodeHeap(INGEST_DEFAULTS.memoryMb).nodeFlags },
  { label: 'V8 default', flags: [] },
  { label: '--max-old-space-size=256', flags: ['--max-old-space-size=256'] },
];

/** Pages joined by blank lines, as a scrape of many pages is, until the dump has `bytes`. */
function writeDump(file: string, pages: string[], bytes: number) {
  const fd = openSync(file, 'w');
  for (let written = 0, i = 0; written < bytes; i++) written += writeSync(fd, `${pages[i % pages.length]}\n\n\n`);
  closeSync(fd);
}

function memory(pages: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'sift-bench-text-'));
  const child = join(dirname(fileURLToPath(import.meta.url)), 'textMemory.child.ts');
  try {
    for (const heap of HEAPS) {
      const runs = DUMP_MB.map((mb) => {
        const file = join(dir, `dump-${mb}.txt`);
        if (!existsSync(file)) writeDump(file, pages, mb * MB);
        const args = [...heap.flags, '--import', 'tsx', child, file];
        return { mb, ...(JSON.parse(execFileSync('node', args, { encoding: 'utf8' }).trim().split('\n').pop()!) as { articles: number; seconds: number; maxRssMb: number }) };
      });
      const [small, big] = runs;
      const slope = (big.maxRssMb - small.maxRssMb) / (big.mb - small.mb);
      console.log(`text memory (heap: ${heap.label}): ${runs.map((r) => `${r.mb} MB → peak RSS ${r.maxRssMb.toFixed(0)} MB `
        + `(${(r.maxRssMb / r.mb).toFixed(1)} MB/MB, ${r.articles} articles, ${r.seconds.toFixed(1)} s)`).join('; ')}; `
        + `${slope.toFixed(1)} MB of RSS per further MB of input`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
  memory(load('source.txt'));
}
