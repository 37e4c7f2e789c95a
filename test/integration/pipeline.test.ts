/**
 * End to end on the local stack: the real handlers, the real AWS SDK, the emulators.
 * Upload → S3 event → queue → ingest → DynamoDB → API.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeS3Key } from '../../shared/service/events/s3Events.js';
import { s3Notification, startTestStack, type TestStack } from './helpers.js';

const fixture = (p: string) => readFileSync(new URL(`../fixtures/${p}`, import.meta.url));
const SEED = fixture('seeds/000_dd72ad476134ebc7.txt');
const SEED_EXPECTED = JSON.parse(fixture('seeds/000_dd72ad476134ebc7.expected.json').toString('utf8'));

describe('local pipeline, end to end', () => {
  let t: TestStack;
  const prefix = 'incoming/';
  const seedKey = `${prefix}مقال تجريبي (1)+final.txt`;

  beforeAll(async () => {
    t = await startTestStack();
    await t.put(seedKey, SEED);
    await t.stack.settle();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('processes the seed under a key with spaces, +, parentheses and Arabic letters into its two articles', async () => {
    // Act
    const status = await t.api(`/uploads/${encodeURIComponent(seedKey)}`);
    // Assess
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ key: seedKey, status: 'PROCESSED', format: 'text' });
    expect(status.body.articleIds).toHaveLength(2);
    const titles = [];
    for (const id of status.body.articleIds) {
      const article = await t.api(`/articles/${id}`);
      expect(article.status).toBe(200);
      expect(article.body.upload).toMatchObject({ bucket: t.stack.ready.bucket, key: seedKey });
      expect(article.body.text.length).toBeGreaterThan(500);
      titles.push(article.body.title);
    }
    expect(titles).toEqual(SEED_EXPECTED.articles.map((a: { title: string }) => a.title));
  });

  it('answers 401 without a token or with a wrong one, and reveals nothing else', async () => {
    for (const token of [null, 'wrong-token']) {
      const res = await t.api('/articles', { token });
      expect(res.status).toBe(401);
      expect(res.type).toContain('application/problem+json');
      expect(JSON.stringify(res.body)).not.toContain('article');
    }
  });

  it('ignores the same event delivered twice, and an older event arriving late', async () => {
    // Prepare
    const before = await t.api(`/articles?upload=${encodeURIComponent(seedKey)}&limit=100`);
    const status = await t.api(`/uploads/${encodeURIComponent(seedKey)}`);
    // Act: the event S3 sent, twice more, and one from before it
    const bucket = t.stack.ready.bucket;
    const sequencer = 'F'.repeat(20);
    t.stack.queue.send(s3Notification(bucket, encodeS3Key(seedKey), sequencer));
    t.stack.queue.send(s3Notification(bucket, encodeS3Key(seedKey), sequencer));
    t.stack.queue.send(s3Notification(bucket, encodeS3Key(seedKey), '0001'));
    await t.stack.settle();
    // Assess: same records, same ids, nothing duplicated
    const after = await t.api(`/articles?upload=${encodeURIComponent(seedKey)}&limit=100`);
    expect(after.body.items.map((a: { id: string }) => a.id).sort()).toEqual(before.body.items.map((a: { id: string }) => a.id).sort());
    expect(after.body.items).toHaveLength(2);
    const again = await t.api(`/uploads/${encodeURIComponent(seedKey)}`);
    expect(again.body.status).toBe('PROCESSED');
    expect(again.body.articleIds).toEqual(status.body.articleIds);
  });

  it('fails bad objects with a reason, keeps them, and processes the rest of the batch', async () => {
    // Prepare
    const uploads: [string, Uint8Array | string][] = [
      [`${prefix}batch/empty.txt`, ''],
      [`${prefix}batch/binary.bin`, Buffer.from([0, 159, 146, 150, 0, 1, 2, 3, 0, 0, 0, 7])],
      [`${prefix}batch/truncated.html.gz`, gzipSync(Buffer.from('<html><body><p>'.padEnd(5000, 'x'))).subarray(0, 40)],
      [`${prefix}batch/good.html`, fixture('samples/en-news-page.html')],
    ];
    // Act
    await Promise.all(uploads.map(([key, body]) => t.put(key, body)));
    await t.stack.settle();
    // Assess
    const reasons: Record<string, string> = {};
    for (const [key] of uploads) {
      const s = await t.api(`/uploads/${encodeURIComponent(key)}`);
      reasons[key.split('/').pop()!] = s.body.status === 'FAILED' ? s.body.error : s.body.status;
    }
    expect(reasons['empty.txt']).toMatch(/empty/);
    expect(reasons['binary.bin']).toMatch(/binary/);
    expect(reasons['truncated.html.gz']).toMatch(/truncated/);
    expect(reasons['good.html']).toBe('PROCESSED');
    const kept = await t.s3.send(new (await import('@aws-sdk/client-s3')).HeadObjectCommand({ Bucket: t.stack.ready.bucket, Key: `${prefix}batch/binary.bin` }));
    expect(kept.ContentLength).toBe(12);
    expect(t.stack.deadLetterQueue.depth).toBe(0);
  });

  it('reads a JSON Lines export: one article per good line, the malformed line counted', async () => {
    // Act
    const key = `${prefix}exports/pages.jsonl`;
    await t.put(key, fixture('samples/scraper-export.jsonl'));
    await t.stack.settle();
    // Assess
    const s = await t.api(`/uploads/${encodeURIComponent(key)}`);
    expect(s.body).toMatchObject({ status: 'PROCESSED', format: 'jsonl', documents: 2 });
    expect(s.body.articleIds).toHaveLength(2);
    expect(s.body.documentErrors).toHaveLength(1);
    const langs = await Promise.all(s.body.articleIds.map(async (id: string) => (await t.api(`/articles/${id}`)).body.lang));
    expect(langs.sort()).toEqual(['es', 'fr']);
  });

  it('an upload that gives no article is PROCESSED with articleCount 0 and a warning that says why', async () => {
    // Act
    const empty = `${prefix}exports/no-words.jsonl`;
    const partial = `${prefix}exports/partial.jsonl`;
    await t.put(empty, Buffer.from(`${JSON.stringify({ title: 'Only a title', text: '…' })}\n`));
    await t.put(partial, Buffer.from(`${JSON.stringify({ title: 'A', text: 'Le musée municipal rouvre ses portes samedi après deux ans de travaux, avec une nouvelle aile.' })}\n${JSON.stringify({ title: 'B', text: '—' })}\n`));
    await t.stack.settle();
    // Assess
    const e = await t.api(`/uploads/${encodeURIComponent(empty)}`);
    expect(e.body).toMatchObject({ status: 'PROCESSED', articleCount: 0, articleIds: [], warnings: [expect.stringMatching(/^no article: its text has no words/)] });
    const p = await t.api(`/uploads/${encodeURIComponent(partial)}`);
    expect(p.body).toMatchObject({ status: 'PROCESSED', articleCount: 1, warnings: [expect.stringMatching(/1 of 2 documents gave no article/)] });
  });

  it('filters by language and upload, pages with a cursor, and answers problems as problem+json', async () => {
    // Act
    const ar = await t.api('/articles?lang=ar&limit=1');
    const next = await t.api(`/articles?lang=ar&limit=1&cursor=${encodeURIComponent(ar.body.nextCursor)}`);
    const wrongQuery = await t.api(`/articles?lang=en&limit=1&cursor=${encodeURIComponent(ar.body.nextCursor)}`);
    const missing = await t.api('/articles/0123456789abcdef0123456789abcdef');
    const badLimit = await t.api('/articles?limit=1000');
    // Assess
    expect(ar.status).toBe(200);
    expect(ar.body.items).toHaveLength(1);
    expect(ar.body.items[0].lang).toBe('ar');
    expect(ar.body.items[0]).not.toHaveProperty('text');
    expect(ar.body.items[0]).not.toHaveProperty('paragraphs');
    expect(next.body.items).toHaveLength(1);
    expect(next.body.items[0].id).not.toBe(ar.body.items[0].id);
    expect(wrongQuery.status).toBe(400);
    expect(missing.status).toBe(404);
    expect(missing.type).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ status: 404, title: 'Not Found' });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.detail).toMatch(/limit/);
  });

  it('removes the records of a deleted object', async () => {
    // Prepare
    const key = `${prefix}to-delete.html`;
    await t.put(key, fixture('samples/en-news-page.html'));
    await t.stack.settle();
    const before = await t.api(`/articles?upload=${encodeURIComponent(key)}`);
    expect(before.body.items.length).toBeGreaterThan(0);
    // Act
    await t.remove(key);
    await t.stack.settle();
    // Assess
    const after = await t.api(`/articles?upload=${encodeURIComponent(key)}`);
    expect(after.body.items).toHaveLength(0);
    expect((await t.api(`/uploads/${encodeURIComponent(key)}`)).body.status).toBe('DELETED');
  });
});

describe('local stack restart', () => {
  it('keeps records across a restart on the same data folder', async () => {
    // Prepare
    const first = await startTestStack();
    const key = 'incoming/restart/sample.txt';
    await first.put(key, fixture('samples/ar-news-scrape.txt'));
    await first.stack.settle();
    const ids = (await first.api(`/uploads/${encodeURIComponent(key)}`)).body.articleIds;
    const ports = first.stack.ports;
    await first.stop(false);
    // Act: a new stack on the same folder (and ports, as `npm start` uses fixed ones)
    const second = await startTestStack({ dataDir: first.dataDir, token: 'restart-token', ports });
    try {
      // Assess
      const status = await second.api(`/uploads/${encodeURIComponent(key)}`, { token: 'restart-token' });
      expect(status.body.status).toBe('PROCESSED');
      expect(status.body.articleIds).toEqual(ids);
      const article = await second.api(`/articles/${ids[0]}`, { token: 'restart-token' });
      expect(article.status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});

describe('bodies too large for an item', () => {
  it('are kept in S3 behind the record, served whole, and removed with the record', async () => {
    // Prepare: one long article (over DynamoDB's 400 KB item limit once paragraphs and text are counted)
    const t = await startTestStack();
    try {
      const paragraph = 'The council published the full minutes of the meeting, including every question asked by residents and every answer given by the officials present. ';
      const page = `<html lang="en"><body><article><h1>The complete minutes</h1>${Array.from({ length: 1400 }, (_, i) => `<p>${paragraph}(${i})</p>`).join('')}</article></body></html>`;
      const key = 'incoming/long/minutes.html';
      await t.put(key, page);
      await t.stack.settle();
      const [id] = (await t.api(`/uploads/${encodeURIComponent(key)}`)).body.articleIds;
      const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
      const head = async () => ((await t.s3.send(new ListObjectsV2Command({ Bucket: t.stack.ready.bucket, Prefix: 'bodies/' }))).Contents ?? []).some((o) => o.Key!.includes(id));
      // Act
      const record = await t.api(`/articles/${id}`);
      const storedBefore = await head();
      await t.remove(key);
      await t.stack.settle();
      // Assess
      expect(record.body.paragraphs).toHaveLength(1400);
      expect(record.body).not.toHaveProperty('bodyRef');
      expect(storedBefore).toBe(true);
      expect(await head()).toBe(false);
      expect((await t.api(`/articles/${id}`)).status).toBe(404);
    } finally {
      await t.stop();
    }
  });
});
