/**
 * `npm run bench -- html`: Sift's HTML extractor (and the whole core, `extractUpload`, on each page as an upload)
 * against Readability 0.6 + linkedom on the same corpus pages, in the same run: pages/s, MB/s, peak memory, and
 * htmlparser2's parse alone as the floor. Buffer.from(page) is inside the whole core's time (under 1 % of it).
 *
 * Rounds are interleaved (each round runs every contender over all pages) so that load on a shared machine
 * hits all contenders alike; the first round warms up and is not timed. Memory: peak RSS and peak heap seen
 * while a contender runs, and its peak heap above the heap it started from (RSS never shrinks, so only the
 * heap growth is a fair per-contender number). A full GC runs before every timed pass.
 *
 * Speeds are per CPU second of this process (wall-clock speeds in brackets).
 *
 * Source profiles: "profiles, none matching" is the generic path with 20 profiles loaded for other
 * hosts (the host lookup is all it adds); "a matching profile" reads every page with a five-selector profile
 * through cheerio on the parsed tree (pages whose body selector finds nothing go the generic way as well).
 *
 * Environment: SIFT_CORPUS (default ../shared/corpus), SIFT_BENCH_ROUNDS (timed rounds, default 3).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Readability } from '@mozilla/readability';
import { parseDocument } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { extractUpload } from '../../shared/core/extractUpload.js';
import { extractFromHtml } from '../../shared/core/html/extractHtml.js';
import { buildProfileSet } from '../../shared/core/html/profiles.js';
import { CORPUS } from '../support/referencePaths.js';

const ROUNDS = Number(process.env.SIFT_BENCH_ROUNDS ?? 3);

interface Page { name: string; html: string; bytes: number; real: boolean }
interface Contender { name: string; run: (html: string) => unknown }
/** `seconds` is CPU time of this process (user + system): on a shared, loaded machine it is steadier than wall time. */
interface Tally { seconds: number; wall: number; peakRss: number; peakHeap: number; heapGrowth: number }

const CONTENDERS: Contender[] = [
  { name: 'htmlparser2 parse only (floor)', run: (html) => parseDocument(html) },
  { name: 'Sift extractFromHtml', run: (html) => extractFromHtml(html) },
  {
    // the whole core on the page as an upload: decode, format, extract, records
    name: 'Sift extractUpload (whole core)',
    run: (html) => extractUpload(Buffer.from(html, 'utf8'), { upload: { bucket: 'bench', key: 'incoming/page.html' } }),
  },
  {
    name: 'Readability 0.6 + linkedom',
    run: (html) => {
      const { document } = parseHTML(html);
      return new Readability(document as never).parse();
    },
  },
];

function loadPages(): Page[] {
  const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { pages?: { name: string; kind: string }[] };
  const kinds = new Map((manifest.pages ?? []).map((p) => [p.name, p.kind]));
  return readdirSync(CORPUS).filter((n) => existsSync(join(CORPUS, n, 'source.html'))).sort().map((name) => {
    const html = readFileSync(join(CORPUS, name, 'source.html'), 'utf8');
    return { name, html, bytes: Buffer.byteLength(html), real: kinds.get(name) === 'real' };
  });
}

// a full collection before each timed pass, so one contender's garbage is not collected on another's clock
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function runOnce(c: Contender, pages: Page[], tally: Tally): void {
  gc();
  const startHeap = process.memoryUsage().heapUsed;
  let peakHeap = startHeap;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const p of pages) {
    c.run(p.html);
    const m = process.memoryUsage();
    if (m.rss > tally.peakRss) tally.peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  }
  tally.wall += (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  tally.seconds += (cpu.user + cpu.system) / 1e6;
  tally.peakHeap = Math.max(tally.peakHeap, peakHeap);
  tally.heapGrowth = Math.max(tally.heapGrowth, peakHeap - startHeap);
}

function benchSet(label: string, pages: Page[]): void {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  const bytes = pages.reduce((n, p) => n + p.bytes, 0);
  console.log(`${label}: ${pages.length} pages, ${(bytes / 1e6).toFixed(1)} MB, ${ROUNDS} timed rounds (+1 warm-up), interleaved`);
  const fresh = (): Tally => ({ seconds: 0, wall: 0, peakRss: 0, peakHeap: 0, heapGrowth: 0 });
  const tallies = CONTENDERS.map(fresh);
  for (const c of CONTENDERS) runOnce(c, pages, fresh());
  for (let r = 0; r < ROUNDS; r++) CONTENDERS.forEach((c, i) => runOnce(c, pages, tallies[i]));
  CONTENDERS.forEach((c, i) => {
    const t = tallies[i];
    const pps = (pages.length * ROUNDS) / t.seconds;
    console.log(`  ${c.name.padEnd(32)} ${pps.toFixed(1).padStart(7)} pages/s ${(bytes * ROUNDS / 1e6 / t.seconds).toFixed(2).padStart(6)} MB/s` +
      ` (wall ${((pages.length * ROUNDS) / t.wall).toFixed(1)} pages/s)` +
      `  peak RSS ${mb(t.peakRss)}, peak heap ${mb(t.peakHeap)} (+${mb(t.heapGrowth)} during its run)`);
  });
  console.log(`  Sift / Readability: ${(tallies[3].seconds / tallies[1].seconds).toFixed(2)}x pages/s; ` +
    `Sift / parse floor: extractFromHtml ${(tallies[0].seconds / tallies[1].seconds).toFixed(2)}, whole core ${(tallies[0].seconds / tallies[2].seconds).toFixed(2)}`);
}

/** Appended after the three contenders above, whose positions the summary line reads. */
async function addProfileContenders(): Promise<void> {
  const others = await buildProfileSet(Array.from({ length: 20 }, (_, i) => ({
    origin: `p${i}.json`, content: { name: `site-${i}`, hosts: [`news.site-${i}.example`, `*.site-${i}.example`], title: 'h1', body: 'article p' },
  })));
  const matching = await buildProfileSet([{
    origin: 'bench.json',
    content: { name: 'bench', hosts: ['*.bench.example'], title: 'h1', body: 'p', published: 'time@datetime', authors: '[rel=author]', tags: 'a[rel=tag]' },
  }]);
  const url = 'https://news.bench.example/a/1';
  CONTENDERS.push(
    { name: 'Sift, profiles, none matching', run: (html) => extractFromHtml(html, { url: 'https://www.elsewhere.example/a/1' }, { profiles: others }) },
    { name: 'Sift, a matching profile', run: (html) => extractFromHtml(html, { url }, { profiles: matching }) },
  );
}

export default async function bench(): Promise<void> {
  await addProfileContenders();
  const all = loadPages();
  benchSet('real pages', all.filter((p) => p.real));
  benchSet('all pages (synthetic included)', all);
}
