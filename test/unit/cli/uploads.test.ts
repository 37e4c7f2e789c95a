import { describe, expect, it } from 'vitest';
import type { UploadStatus } from '../../../cli/apiClient.js';
import { oneLine, tableRow, uploadLine } from '../../../cli/output.js';
import { duplicateKeys, keyFor, type UploadDeps, uploadAndWait, type UploadResult } from '../../../cli/uploads.js';

/** A fake bucket + status table: each put is processed after `delay` polls, with a later updatedAt. */
function fakeStack(initial: Record<string, UploadStatus> = {}, opts: { delay?: number; fail?: string[]; missing?: string[]; neverFinish?: string[] } = {}) {
  const statuses = new Map(Object.entries(initial));
  const pending = new Map<string, { left: number; versionId: string }>();
  let clock = 1_000;
  let version = 0;
  const puts: string[] = [];
  const deps: UploadDeps = {
    async readFile(file) {
      if (opts.missing?.includes(file)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return new TextEncoder().encode(`body of ${file}`);
    },
    async put(key) {
      puts.push(key);
      const versionId = `v${++version}`;
      pending.set(key, { left: opts.delay ?? 1, versionId });
      statuses.set(key, { key, status: 'PENDING', articleIds: [], updatedAt: new Date(clock).toISOString() });
      return { versionId };
    },
    async status(key) {
      const p = pending.get(key);
      if (p && !opts.neverFinish?.includes(key) && --p.left < 0) {
        pending.delete(key);
        const failed = opts.fail?.includes(key);
        statuses.set(key, {
          key, status: failed ? 'FAILED' : 'PROCESSED', articleIds: failed ? [] : ['a'.repeat(32)], articleCount: failed ? 0 : 1,
          ...(failed ? { error: 'the upload is empty (0 bytes)' } : { format: 'text', encoding: 'utf-8' }),
          versionId: p.versionId, updatedAt: new Date(clock + 500).toISOString(),
        });
      }
      return statuses.get(key) ?? null;
    },
    async sleep(ms) {
      clock += ms;
    },
    now: () => clock,
  };
  return { deps, puts };
}

const options = { prefix: 'incoming/', timeoutMs: 10_000, pollMs: 100, concurrency: 3 };

describe('uploadAndWait', () => {
  it('keeps each file path under the prefix and reports in input order', async () => {
    const { deps, puts } = fakeStack({}, { delay: 2, fail: ['incoming/rel/b.txt'] });
    const seen: string[] = [];
    const progress: string[] = [];
    const results = await uploadAndWait(['/data/a.txt', 'rel/b.txt', 'c.html'], deps, {
      ...options, cwd: '/work', onResult: (r) => seen.push(r.key), onProgress: (p) => progress.push(`${p.uploaded}/${p.finished}/${p.total}`),
    });
    expect(puts.sort()).toEqual(['incoming/a.txt', 'incoming/c.html', 'incoming/rel/b.txt']);
    expect(results.map((r) => [r.key, r.status])).toEqual([
      ['incoming/a.txt', 'PROCESSED'], ['incoming/rel/b.txt', 'FAILED'], ['incoming/c.html', 'PROCESSED'],
    ]);
    expect(seen).toEqual(['incoming/a.txt', 'incoming/rel/b.txt', 'incoming/c.html']);
    expect(progress.at(-1)).toBe('3/3/3');
  });

  it('on a re-upload, waits for the new run instead of reporting the previous status', async () => {
    const old: UploadStatus = { key: 'incoming/a.txt', status: 'PROCESSED', articleIds: ['old'], updatedAt: '2000-01-01T00:00:00.000Z', versionId: 'v0' };
    const { deps } = fakeStack({ 'incoming/a.txt': old }, { delay: 3 });
    const [result] = await uploadAndWait(['a.txt'], deps, options);
    expect(result.status).toBe('PROCESSED');
    expect(result.status === 'PROCESSED' && result.upload.articleIds).toEqual(['a'.repeat(32)]);
    expect(result.status === 'PROCESSED' && result.upload.versionId).toBe('v1');
  });

  it('gives up at the timeout, and reports unreadable files without uploading them', async () => {
    const { deps, puts } = fakeStack({}, { neverFinish: ['incoming/slow.txt'], missing: ['gone.txt'] });
    const results = await uploadAndWait(['slow.txt', 'gone.txt'], deps, { ...options, timeoutMs: 1_000 });
    expect(puts).toEqual(['incoming/slow.txt']);
    expect(results.map((r) => r.status)).toEqual(['TIMEOUT', 'NOT_UPLOADED']);
    expect(uploadLine(results[0])).toBe('incoming/slow.txt: still PENDING when the wait ended; check later with: npm run sift -- status "incoming/slow.txt"');
    expect(uploadLine(results[1])).toBe('gone.txt: not uploaded: no such file: gone.txt');
  });

  it('keys files by their path relative to the folder the command ran in, by name when outside it', () => {
    expect(keyFor('incoming/', 'a/index.html', '/work')).toBe('incoming/a/index.html');
    expect(keyFor('incoming/', './b/./c/index.html', '/work')).toBe('incoming/b/c/index.html');
    expect(keyFor('incoming/', '/work/site/news 1.html', '/work')).toBe('incoming/site/news 1.html');
    expect(keyFor('incoming/', '/tmp/dir/news 1.html', '/work')).toBe('incoming/news 1.html');
    expect(keyFor('incoming/', '../other/page.html', '/work')).toBe('incoming/page.html');
  });

  it('finds files that would overwrite each other: same key, not same name', () => {
    expect(duplicateKeys('', ['a/index.html', 'b/index.html', 'y.txt'], '/work')).toEqual([]);
    expect(duplicateKeys('', ['a/x.txt', './a/x.txt', '/elsewhere/y.txt', '../y.txt'], '/work')).toEqual(['a/x.txt', 'y.txt']);
  });
});

describe('output for people', () => {
  it('removes escape sequences and bidi controls from record text before it reaches a terminal', () => {
    expect(oneLine('Breaking\u001b[2J\u001b]0;pwned\u0007 news\u202e gnitseT\n next')).toBe('Breaking[2J]0;pwned news gnitseT next');
  });

  it('prints a table row, shortened to the terminal width', () => {
    const item = { id: 'f'.repeat(32), title: 'A rather long headline about the harbour and the new ferry terminal', published: '2024-05-02T09:30:00+01:00', lang: 'en', source: null };
    expect(tableRow(item)).toBe(`${'f'.repeat(32)}  2024-05-02  en    A rather long headline about the harbour and the new ferry terminal`);
    const short = tableRow(item, 80);
    expect([...short]).toHaveLength(80);
    expect(short.endsWith('…')).toBe(true);
    expect(tableRow({ ...item, published: null })).toContain('  —           en  ');
  });

  it('summarises an upload outcome in one line', () => {
    const done: UploadResult = {
      file: 'x', key: 'incoming/x.jsonl', status: 'PROCESSED',
      upload: { key: 'incoming/x.jsonl', status: 'PROCESSED', articleIds: ['a', 'b'], articleCount: 2, format: 'jsonl', encoding: 'utf-8', documentErrors: [{ position: 3, error: 'no text' }], updatedAt: 't' },
    };
    expect(uploadLine(done)).toBe('incoming/x.jsonl: PROCESSED, 2 articles (jsonl, utf-8); 1 document skipped');
  });
});
