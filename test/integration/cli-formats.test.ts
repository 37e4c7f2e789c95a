/** Every input format and every kind of bad input, through the command line (CONTRACT.md section 2). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatSamples } from '../unit/formats/builders.js';

const root = new URL('../..', import.meta.url).pathname;
const extract = (...args: string[]) => spawnSync('npm', ['run', '--silent', 'extract', '--', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

describe('npm run extract, every format and every bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sift-cli-formats-'));
  const samples = formatSamples();
  for (const s of samples) writeFileSync(join(dir, s.name), s.bytes);
  // One process for all files, as users run it: also shows a bad file does not stop the others.
  const run = extract(...samples.map((s) => join(dir, s.name)));
  const out = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one line per file, in order, and exits 1 because some failed', () => {
    // stderr carries only the warnings of files that were read (what their lines' `warnings` say), nothing else
    const warned = out.flatMap((l) => (l.warnings ?? []).map((w: string) => `${l.file}: warning: ${w}`));
    expect(run.stderr.split('\n').filter(Boolean)).toEqual(warned);
    expect(run.status).toBe(1);
    expect(out.map((l) => l.file)).toEqual(samples.map((s) => join(dir, s.name)));
  });

  it.each(samples.map((s, i) => [s.name, i] as const))('%s', (_name, i) => {
    const { expected } = samples[i];
    const line = out[i];
    if ('error' in expected) {
      expect(line).toMatchObject({ status: 'failed' });
      expect(line.error).toMatch(expected.error);
      return;
    }
    expect(line).toMatchObject({ status: 'ok', format: expected.format });
    expect(line.articles).toHaveLength(expected.articles);
    if (expected.encoding) expect(line.articles.map((a: { encoding: string }) => a.encoding)).toEqual(Array(expected.articles).fill(expected.encoding));
    expect(line.documentErrors ?? []).toHaveLength(expected.documentErrors ?? 0);
    for (const a of line.articles) expect(a.title.trim()).not.toBe('');
  });

  it('forces a format with --format, and exits 0 when every file was read', () => {
    const r = extract('--format', 'warc', join(dir, 'crawl.warc.gz'));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).articles.map((a: { url: string }) => a.url)).toEqual([0, 1, 2].map((i) => `https://news.example/story/${i}`));
  });
});
