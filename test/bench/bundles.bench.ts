/**
 * The Lambda bundles as `cdk synth` builds them (esbuild, minified ESM, everything bundled): size, gzip size,
 * and cold import time in a fresh Node process (median of several, timed inside the process).
 * `npm run bench -- bundles`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ESM_REQUIRE_BANNER } from '../../infra/constructs/defaults.js';

const HANDLERS = { ingest: 'lambdas/ingest/handler.ts', api: 'lambdas/api/handler.ts' };
const RUNS = 7;

/** Milliseconds a fresh `node` takes to import `file` (measured inside it, so Node's start-up is excluded), median of RUNS. */
function importMs(file: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});console.log(performance.now()-t)`;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    times.push(Number(execFileSync('node', ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, AWS_REGION: 'us-east-1' } }).trim()));
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

export default async function bundlesBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sift-bundles-'));
  try {
    for (const [name, entry] of Object.entries(HANDLERS)) {
      const outfile = join(dir, name, 'index.mjs');
      await build({
        entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node22',
        mainFields: ['module', 'main'], banner: { js: ESM_REQUIRE_BANNER }, minify: true, sourcemap: true,
        sourcesContent: false, charset: 'utf8', logLevel: 'warning',
      });
      const bytes = statSync(outfile).size;
      const gz = gzipSync(readFileSync(outfile)).length;
      console.log(`${name}: ${(bytes / 1024).toFixed(0)} KB minified (${(gz / 1024).toFixed(0)} KB gzip), cold import ${importMs(outfile).toFixed(0)} ms (median of ${RUNS} fresh processes)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
