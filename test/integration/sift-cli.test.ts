/**
 * `npm run sift` end to end against a local stack: the stack runs in this process on a temp data folder
 * (with the ready.json that `npm start` writes), the CLI runs as a child process exactly as a person runs it.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TABLE_NAMES } from '../../infra/local/localStack.js';
import { startTestStack, type TestStack } from './helpers.js';

const ROOT = join(import.meta.dirname, '../..');
const SAMPLES = join(ROOT, 'test/fixtures/samples');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI asynchronously: the stack's ingestion runs on this process's event loop meanwhile. */
function sift(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', 'sift', '--', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
  });
}

const jsonLines = (text: string) => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);

describe('sift CLI on the local stack', () => {
  let t: TestStack;
  let local: string[];
  let files: string;

  beforeAll(async () => {
    t = await startTestStack();
    // What infra/local/main.ts writes when the stack is ready.
    writeFileSync(join(t.dataDir, 'ready.json'), JSON.stringify(t.stack.ready));
    local = ['--local', t.dataDir];
    files = mkdtempSync(join(tmpdir(), 'sift-cli-files-'));
    for (const name of ['ar-news-scrape.txt', 'en-news-page.html', 'scraper-export.jsonl']) copyFileSync(join(SAMPLES, name), join(files, name));
    writeFileSync(join(files, 'empty.txt'), '');
  });

  afterAll(async () => {
    await t?.stop();
    rmSync(files, { recursive: true, force: true });
  });

  it('uploads files under the prefix, waits, and prints each final status and article count', async () => {
    const run = await sift('upload', ...local, join(files, 'ar-news-scrape.txt'), join(files, 'en-news-page.html'), join(files, 'scraper-export.jsonl'));
    expect(run.stderr).toMatch(/finished 3\/3/);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^incoming\/ar-news-scrape\.txt: PROCESSED, \d+ articles? \(text/);
    expect(lines[1]).toMatch(/^incoming\/en-news-page\.html: PROCESSED, 1 article \(html/);
    expect(lines[2]).toMatch(/^incoming\/scraper-export\.jsonl: PROCESSED, \d+ articles? \(jsonl/);
    // The stack agrees: the uploads are there under the prefix, processed.
    const status = await t.api(`/uploads/${encodeURIComponent('incoming/en-news-page.html')}`);
    expect(status.body.status).toBe('PROCESSED');
  });

  it('queries with filters, as a table and as JSON Lines', async () => {
    const ar = await sift('query', ...local, '--lang', 'ar', '--json');
    expect(ar.code).toBe(0);
    const items = jsonLines(ar.stdout);
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.every((i) => i.lang === 'ar' && i.dir === 'rtl')).toBe(true);
    expect(items.map((i) => i.upload.key)).toContain('incoming/ar-news-scrape.txt');
    expect(items[0]).not.toHaveProperty('text');

    const table = await sift('query', ...local);
    expect(table.code).toBe(0);
    const rows = table.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^ID\s+DATE\s+LANG\s+TITLE$/);
    expect(rows.some((r) => /^[0-9a-f]{32}  2024-05-02  en    City council approves new bicycle lanes$/.test(r))).toBe(true);

    const all = (await t.api('/articles?limit=100')).body.items as { id: string }[];
    const firstTwo = await sift('query', ...local, '--limit', '2', '--json');
    expect(jsonLines(firstTwo.stdout).map((i) => i.id)).toEqual(all.slice(0, 2).map((i) => i.id));
    expect(firstTwo.stderr).toMatch(/more match/);
    // --all follows the cursors: with pages of one article it still returns every one, in order, once.
    const everything = await sift('query', ...local, '--all', '--limit', '1', '--json');
    expect(jsonLines(everything.stdout).map((i) => i.id)).toEqual(all.map((i) => i.id));

    const bad = await sift('query', ...local, '--from', '2024-13-01');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/'from'/);
  });

  it('prints an upload status by key or by file name, and an article', async () => {
    const byKey = await sift('status', ...local, 'incoming/ar-news-scrape.txt');
    expect(byKey.code).toBe(0);
    expect(byKey.stdout).toMatch(/^key:\s+incoming\/ar-news-scrape\.txt$/m);
    expect(byKey.stdout).toMatch(/^status:\s+PROCESSED$/m);
    const byName = await sift('status', ...local, 'en-news-page.html', '--json');
    expect(byName.code).toBe(0);
    const status = JSON.parse(byName.stdout);
    expect(status).toMatchObject({ key: 'incoming/en-news-page.html', status: 'PROCESSED', format: 'html' });

    const article = await sift('article', ...local, status.articleIds[0]);
    expect(article.code).toBe(0);
    expect(article.stdout.split('\n')[0]).toBe('City council approves new bicycle lanes');
    expect(article.stdout).toMatch(/The Harbour Gazette/);
    const record = JSON.parse((await sift('article', ...local, status.articleIds[0], '--json')).stdout);
    expect(record).toMatchObject({ id: status.articleIds[0], title: 'City council approves new bicycle lanes' });
    expect(typeof record.text).toBe('string');

    const missing = await sift('status', ...local, 'incoming/never-uploaded.txt');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no upload with key/);
    expect((await sift('article', ...local, '0'.repeat(32))).code).toBe(1);
  });

  it('waits for the new run on a re-upload, and exits 1 when an upload fails or a file is missing', async () => {
    const statusNow = async () => (await t.api(`/uploads/${encodeURIComponent('incoming/en-news-page.html')}`)).body;
    const before = await statusNow();
    const again = await sift('upload', ...local, '--json', join(files, 'en-news-page.html'));
    expect(again.code).toBe(0);
    const [line] = jsonLines(again.stdout);
    expect(line).toMatchObject({ key: 'incoming/en-news-page.html', status: 'PROCESSED', articleIds: before.articleIds });
    expect(line.updatedAt > before.updatedAt).toBe(true);
    expect(line.updatedAt).toBe((await statusNow()).updatedAt);

    const failed = await sift('upload', ...local, join(files, 'empty.txt'), join(files, 'not-there.txt'));
    expect(failed.code).toBe(1);
    const [empty, absent] = failed.stdout.trim().split('\n');
    expect(empty).toMatch(/^incoming\/empty\.txt: FAILED: .*empty/);
    expect(absent).toMatch(/not-there\.txt: not uploaded: no such file/);
  });

  it('exits 2 on usage errors and 1 without a stack', async () => {
    const usage = await Promise.all([
      sift('upload', ...local),
      sift('frobnicate'),
      sift('query', ...local, '--limit', 'many'),
      sift('upload', ...local, '--lang', 'ar', 'x.txt'),
      sift('query', '--local', t.dataDir, '--stack', 'sift'),
      // Outside the folder the command runs in, a file keeps only its name: these two would share one key.
      sift('upload', ...local, join(files, 'empty.txt'), join(files, 'elsewhere', 'empty.txt')),
    ]);
    expect(usage.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(usage[5].stderr).toMatch(/two files would both be uploaded as 'empty\.txt'/);
    const none = await sift('query', '--local', join(files, 'no-stack-here'));
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no local stack found: .*ready\.json does not exist\. Start one with `npm start`/);
  });

  it('reprocesses uploads by prefix and waits for each to finish again', async () => {
    // Act
    const run = await sift('reprocess', ...local, '--prefix', 'incoming/en-');
    // Assess
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/asked for 1 upload/);
    expect(run.stdout.trim()).toMatch(/^incoming\/en-news-page\.html\tPROCESSED, 1 article/);
  });

  it('reprocesses the uploads that hold pages of a host (the hosts their statuses list, or their articles\' URLs on older statuses)', async () => {
    // Prepare: the JSON Lines upload's status as written before statuses kept hosts
    const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({
      endpoint: `http://127.0.0.1:${t.stack.ports.dynamodb}`, region: t.stack.ready.region,
      credentials: { accessKeyId: t.stack.ready.accessKeyId, secretAccessKey: t.stack.ready.secretAccessKey },
    }));
    const older = 'incoming/scraper-export.jsonl';
    await ddb.send(new UpdateCommand({ TableName: LOCAL_TABLE_NAMES.uploads, Key: { key: older }, UpdateExpression: 'REMOVE hosts, hostsTruncated' }));
    const statusOf = async (key: string) => JSON.parse((await sift('status', ...local, key, '--json')).stdout);
    // Act
    const page = await sift('reprocess', ...local, '--host', 'Gazette.Example');
    const byArticles = await sift('reprocess', ...local, '--host', 'example.org');
    const none = await sift('reprocess', ...local, '--host', 'nowhere.example');
    const bad = await sift('reprocess', ...local, '--host', 'https://gazette.example/news');
    // Assess
    expect(page.code).toBe(0);
    expect(page.stderr).toMatch(/1 upload\(s\) hold pages of gazette\.example \(1 without a full host list were checked by their articles\)/);
    expect(page.stdout.trim()).toMatch(/^incoming\/en-news-page\.html\tPROCESSED, 1 article/);
    expect(byArticles.code).toBe(0);
    expect(byArticles.stdout.trim().split('\n').map((l) => l.split('\t')[0])).toEqual([older]);
    // reprocessed, the older upload's status now lists its hosts
    expect((await statusOf(older)).hosts).toEqual(['example.org']);
    expect((await statusOf('incoming/en-news-page.html')).hosts).toEqual(['gazette.example']);
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/0 upload\(s\) hold pages of nowhere\.example[\s\S]*no uploads to reprocess/);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--host: "https://gazette.example/news" is not a host name');
    expect((await sift('reprocess', ...local, '--host', 'a.example', '--all')).code).toBe(2);
  });

  it('lists and redrives the dead-letter queue', async () => {
    // Prepare: a message that failed for good
    t.stack.deadLetterQueue.send(JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: t.stack.ready.bucket }, object: { key: 'incoming/stuck+one.txt' } } }] }));
    // Act
    const listed = await sift('dlq', 'list', ...local);
    const redriven = await sift('dlq', 'redrive', ...local);
    // Assess
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('incoming/stuck one.txt');
    expect(redriven.stdout).toMatch(/1 message\(s\) moved/);
    expect(t.stack.deadLetterQueue.depth).toBe(0);
  });

  it('refuses a reprocess with both keys and a prefix', async () => {
    expect((await sift('reprocess', ...local, 'k', '--prefix', 'p')).code).toBe(2);
    expect((await sift('dlq', 'empty', ...local)).code).toBe(2);
  });

  it('profile put checks and stores source profiles, list shows them, test compares profile and generic path side by side', async () => {
    // Prepare: a profile for a made-up site, a broken one, and one page of that site
    const good = join(files, 'courier.json');
    writeFileSync(good, JSON.stringify({ name: 'courier', hosts: ['*.courier.example'], title: 'h1.head', body: '.copy p', published: 'meta[name=pubdate]@content' }));
    const bad = join(files, 'broken.json');
    writeFileSync(bad, JSON.stringify({ name: 'broken', hosts: ['courier.example/news'], body: '.copy p' }));
    const page = join(files, 'courier-page.html');
    const para = (n: number) => `<p>Paragraph ${n}: the council agreed on the new harbour budget after a long evening of debate and questions.</p>`;
    writeFileSync(page, `<html><head><title>Local | Courier</title><link rel="canonical" href="https://www.courier.example/a/1">
      <meta name="pubdate" content="2025-02-03"></head><body><aside>${[1, 2, 3].map(para).join('')}</aside>
      <h1 class="head">Budget agreed</h1><div class="copy">${[4, 5].map(para).join('')}</div></body></html>`);
    // Act
    const put = await sift('profile', 'put', ...local, good, bad);
    const list = await sift('profile', 'list', ...local, '--json');
    const test = await sift('profile', 'test', ...local, page, '--json');
    // Assess
    expect(put.code).toBe(1);
    expect(put.stdout).toMatch(/^profiles\/courier\.json: stored profile courier/);
    expect(put.stderr).toContain('not stored');
    expect(put.stderr).toContain('field "hosts[0]"');
    expect(jsonLines(list.stdout)).toEqual([{ key: 'profiles/courier.json', name: 'courier', hosts: ['*.courier.example'] }]);
    expect(test.code).toBe(0);
    const [side] = jsonLines(test.stdout);
    expect(side.profile).toBe('courier');
    expect(side.profiled).toMatchObject({ title: 'Budget agreed', published: '2025-02-03' });
    expect(side.profiled.text).not.toContain('Paragraph 1');
    expect(side.generic.title).not.toBe('Budget agreed');
    expect((await sift('profile', 'remove', ...local)).code).toBe(2);
    expect((await sift('profile', 'put', ...local)).code).toBe(2);
  });

  it('profile test takes live URLs too: fetched from a local server, the URL after redirects is the page\'s URL when it names none', async () => {
    // Prepare: a profile for the loopback host, a server with one page (no canonical link) behind a redirect
    const profile = join(files, 'loopback.json');
    writeFileSync(profile, JSON.stringify({ name: 'loopback', hosts: ['127.0.0.1'], title: 'h1.head', body: '.copy p' }));
    const para = (n: number) => `<p>Paragraph ${n}: the ferry company added two evening crossings after a summer of full boats and long queues.</p>`;
    const html = `<html><head><title>Section | Site</title></head><body><aside>${[1, 2, 3].map(para).join('')}</aside>
      <h1 class="head">Evening crossings added</h1><div class="copy">${[4, 5].map(para).join('')}</div></body></html>`;
    const server = createServer((req, res) => {
      if (req.url === '/short') res.writeHead(302, { location: '/news/crossings' }).end();
      else if (req.url === '/news/crossings') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // Act
      const put = await sift('profile', 'put', ...local, profile);
      const test = await sift('profile', 'test', ...local, `${base}/short`, `${base}/nothing-here`, '--json');
      // Assess
      expect(put.code).toBe(0);
      expect(test.code).toBe(1);
      expect(test.stderr).toContain(`${base}/nothing-here: the server answered 404`);
      const [side] = jsonLines(test.stdout);
      expect(side.file).toBe(`${base}/short`);
      expect(side.profile).toBe('loopback');
      expect(side.profiled.title).toBe('Evening crossings added');
      expect(side.profiled.text).not.toContain('Paragraph 1');
      expect(side.generic.title).not.toBe('Evening crossings added');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
