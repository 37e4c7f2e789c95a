/**
 * `npm run bench -- formats`: a ~100 MB `.warc.gz` built from the corpus pages (each page repeated under
 * varied URIs, one gzip member per record, with request and metadata records as crawlers write them),
 * streamed from disk through `extractUploadStream`: MB/s compressed and decompressed, documents/s,
 * articles/s, and peak memory (RSS high-water mark and sampled RSS), which must stay under 512 MB.
 *
 * Environment: SIFT_CORPUS (default ../shared/corpus), SIFT_BENCH_WARC_MB (target size, default 100).
 */
import { closeSync, createReadStream, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { extractUploadStream, type UploadSummary } from '../../shared/core/extractUpload.js';
import { metadataRecord, requestRecord, responseRecord, warcinfoRecord } from '../unit/formats/builders.js';
import { CORPUS } from '../support/referencePaths.js';

const TARGET_MB = Number(process.env.SIFT_BENCH_WARC_MB ?? 100);
const PEAK_LIMIT_MB = 512;
const MB = 1024 * 1024;

function corpusPages(): Buffer[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(CORPUS, d.name, 'source.html')))
    .map((d) => readFileSync(join(CORPUS, d.name, 'source.html')));
}

/** Writes the WARC.gz record by record, so building it costs no more memory than one record. */
function buildWarcGz(file: string, pages: Buffer[], targetBytes: number) {
  const fd = openSync(file, 'w');
  let written = writeSync(fd, gzipSync(warcinfoRecord()));
  let responses = 0;
  for (let n = 0; written < targetBytes; n++) {
    const page = pages[n % pages.length];
    const uri = `https://news-${n % 97}.example/${Math.floor(n / pages.length)}/story-${n}.html`;
    for (const record of [requestRecord(uri), responseRecord({ uri, body: page }), metadataRecord(uri)]) written += writeSync(fd, gzipSync(record));
    responses++;
  }
  closeSync(fd);
  return { bytes: written, responses };
}

export default async function bench() {
  const pages = corpusPages();
  const dir = mkdtempSync(join(tmpdir(), 'sift-bench-warc-'));
  const file = join(dir, 'crawl.warc.gz');
  try {
    const t0 = performance.now();
    const built = buildWarcGz(file, pages, TARGET_MB * MB);
    console.log(`built ${file}: ${(built.bytes / MB).toFixed(1)} MB compressed, ${built.responses} responses from ${pages.length} corpus pages (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let sampledPeak = rssBefore;
    const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)), 50);
    let decompressed = 0;
    const counting = async function* () {
      for await (const chunk of createReadStream(file, { highWaterMark: 1 * MB })) yield chunk as Buffer;
    };
    let summary: UploadSummary | undefined;
    let articles = 0;
    const start = performance.now();
    for await (const event of extractUploadStream(counting(), {
      upload: { bucket: 'bench', key: 'crawl.warc.gz' },
      // A whole 100 MB crawl in one go: above the per-piece default (docs/big-uploads.md splits real ones).
      limits: { maxDecompressedBytes: 8 * 1024 * MB, maxDocuments: 10_000_000, maxUploadBytes: 4 * 1024 * MB },
      batchSize: 25,
    })) {
      if (event.kind === 'articles') articles += event.articles.length; // records are dropped here, as the Lambda writes and forgets them
      else summary = event.summary;
    }
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
    decompressed = await decompressedSize(file);
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    const s = summary!;
    console.log(`streamed in ${seconds.toFixed(1)} s: ${s.documents} documents (${s.skipped} other records skipped, ${s.documentErrorCount} errors), ${articles} articles`);
    console.log(`  compressed    ${(built.bytes / MB / seconds).toFixed(2)} MB/s`);
    console.log(`  decompressed  ${(decompressed / MB / seconds).toFixed(2)} MB/s  (${(decompressed / MB).toFixed(0)} MB)`);
    console.log(`  documents/s   ${(s.documents / seconds).toFixed(1)}`);
    console.log(`  articles/s    ${(articles / seconds).toFixed(1)}`);
    console.log(`  peak memory   ${maxRssMb.toFixed(0)} MB RSS high-water mark (process.resourceUsage().maxRSS), ${(sampledPeak / MB).toFixed(0)} MB sampled during the run, ${(rssBefore / MB).toFixed(0)} MB before it`);
    console.log(`  limit         ${maxRssMb < PEAK_LIMIT_MB ? 'OK' : 'OVER'}: peak must stay under ${PEAK_LIMIT_MB} MB`);
    if (maxRssMb >= PEAK_LIMIT_MB) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Decompressed size, counted in a second streaming pass (outside the timed run). */
async function decompressedSize(file: string): Promise<number> {
  const { createGunzip } = await import('node:zlib');
  let n = 0;
  for await (const chunk of createReadStream(file).pipe(createGunzip())) n += (chunk as Buffer).length;
  return n;
}
