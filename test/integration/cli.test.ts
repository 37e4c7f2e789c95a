/** The command line (CONTRACT.md section 2), run as users and the lead's scorers run it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const extract = (...args: string[]) => spawnSync('npm', ['run', '--silent', 'extract', '--', ...args], { cwd: root, encoding: 'utf8' });
const lines = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l));

describe('npm run extract', () => {
  it('prints one JSON line per file, in order, and exits 1 when any file failed', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'sift-cli-'));
    writeFileSync(join(dir, 'empty.txt'), '');
    // Act
    const r = extract('test/fixtures/samples/en-news-page.html', join(dir, 'empty.txt'), 'test/fixtures/samples/scraper-export.jsonl', join(dir, 'missing.txt'));
    // Assess
    expect(r.status).toBe(1);
    const out = lines(r.stdout);
    expect(out.map((l) => l.status)).toEqual(['ok', 'failed', 'ok', 'failed']);
    expect(out[0]).toMatchObject({ file: 'test/fixtures/samples/en-news-page.html', format: 'html' });
    expect(out[0].articles[0]).toMatchObject({ upload: { bucket: 'local', key: 'test/fixtures/samples/en-news-page.html', index: 0 } });
    expect(out[1].error).toMatch(/empty/);
    expect(out[2]).toMatchObject({ format: 'jsonl' });
    expect(out[2].articles).toHaveLength(2);
    expect(out[3].error).toMatch(/no such file/);
  });

  it('exits 0 when every file was processed, and forces a format with --format', () => {
    const r = extract('--format', 'text', 'test/fixtures/samples/en-news-page.html');
    expect(r.status).toBe(0);
    expect(lines(r.stdout)[0].format).toBe('text');
  });

  it('exits 2 on a usage error', () => {
    expect(extract().status).toBe(2);
    expect(extract('--format', 'pdf', 'x').status).toBe(2);
    expect(extract('--bogus', 'x').status).toBe(2);
  });
});
