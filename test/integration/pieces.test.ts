/**
 * Big uploads in pieces, end to end on the local stack, with a tiny piece size (SIFT_PIECE_BYTES is read
 * when an upload is planned): a JSON Lines export and a per-record `.warc.gz` must end exactly as a
 * whole-file run of the same bytes does (same article at every index, ids from the index), whatever
 * the work items' duplication or lateness.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleId } from '../../shared/core/records.js';
import { listUploadArticles } from '../../shared/service/storage/articleStore.js';
import { storeConfigFromEnv } from '../../shared/service/storage/storeConfig.js';
import { awsClients } from '../../shared/service/storage/awsClients.js';
import { getUpload } from '../../shared/service/storage/uploadStore.js';
import { commitItems, countItems, countsInOrder, pieceMessage, rangesOf } from '../../shared/service/pipeline/pieces.js';
import { englishPage, gzipPerRecord, metadataRecord, requestRecord, responseRecord, warcinfoRecord } from '../unit/formats/builders.js';
import { startTestStack, type TestStack } from './helpers.js';

const PIECE_BYTES = 8192;

const jsonlPages = Array.from({ length: 60 }, (_, i) => ({ uri: `https://news.example/jsonl/${i}`, body: englishPage(i) }));
const JSONL = Buffer.from(`${jsonlPages.map((p, i) => (i === 31 ? '{"url": "broken' : JSON.stringify({ url: p.uri, html: p.body }))).join('\n')}\n`);
const warcPages = Array.from({ length: 30 }, (_, i) => ({ uri: `https://news.example/warc/${i}`, body: englishPage(100 + i) }));
const WARC_GZ = gzipPerRecord([warcinfoRecord(), ...warcPages.flatMap((p) => [requestRecord(p.uri), responseRecord(p), metadataRecord(p.uri)])]);

/** The crawl with one member in the middle corrupted: a whole-file read fails, pieces lose only that stretch. */
const CORRUPT_WARC_GZ = (() => {
  // Corrupt the middle of the 15th page's response member, so exactly that page is lost.
  const members = [warcinfoRecord(), ...warcPages.flatMap((p) => [requestRecord(p.uri), responseRecord(p), metadataRecord(p.uri)])].map((r) => gzipSync(r));
  const target = 1 + 15 * 3 + 1;
  const at = members.slice(0, target).reduce((n, m) => n + m.length, 0) + Math.floor(members[target].length / 2);
  const bytes = Buffer.concat(members);
  bytes.fill(0x55, at, at + 40);
  return bytes;
})();
/** Big enough to split, and not one line of it readable. */
const ALL_BROKEN = Buffer.from(Array.from({ length: 400 }, (_, i) => `{"url": "https://x.example/${i}", "html": "never closed`).join('\n'));

const UPLOADS = [
  { name: 'export.jsonl', bytes: JSONL, articles: 59, documentErrors: 1, format: 'jsonl' },
  { name: 'crawl.warc.gz', bytes: WARC_GZ, articles: 30, documentErrors: 0, format: 'warc' },
];

describe('big uploads in pieces', () => {
  let t: TestStack;
  const sent: string[] = [];
  const whole = (name: string) => `incoming/whole/${name}`;
  const pieced = (name: string) => `incoming/pieces/${name}`;

  /** Each article of an upload as `index|title|contentHash`, by index; and its ids. */
  async function articlesOf(key: string) {
    const views: { id: string; title: string; contentHash: string; upload: { index: number } }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: typeof views; nextCursor: string | null } } = await t.api(`/articles?upload=${encodeURIComponent(key)}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      views.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    views.sort((a, b) => a.upload.index - b.upload.index);
    return { byIndex: views.map((v) => `${v.upload.index}|${v.title}|${v.contentHash}`), ids: views.map((v) => v.id), indexes: views.map((v) => v.upload.index) };
  }

  const bad = (name: string) => `incoming/bad/${name}`;

  beforeAll(async () => {
    delete process.env.SIFT_PIECE_BYTES;
    // Every work item the pipeline sends is delivered twice (none is sent for the uploads read whole).
    t = await startTestStack({
      concurrency: 3,
      // An invocation that hangs (seen under heavy machine load after the fault run, not yet explained) is
      // ended as Lambda would end it, and its batch redelivered, well inside each test's settle window.
      invocationTimeoutMs: 20_000,
      deliverWorkItems: (bodies, send) => {
        for (const body of bodies) {
          sent.push(body);
          send(body);
          send(body);
        }
      },
    });
    // The reference: the same bytes read whole (the default piece size is far above them).
    await Promise.all(UPLOADS.map((u) => t.put(whole(u.name), u.bytes)));
    await t.stack.settle();
    // Then in pieces, with every work item the pipeline sends delivered twice.
    process.env.SIFT_PIECE_BYTES = String(PIECE_BYTES);
    await Promise.all(UPLOADS.map((u) => t.put(pieced(u.name), u.bytes)));
    await t.put(bad('corrupt.warc.gz'), CORRUPT_WARC_GZ);
    await t.put(bad('broken.jsonl'), ALL_BROKEN);
    await t.stack.settle();
  }, 60_000);
  afterAll(async () => {
    delete process.env.SIFT_PIECE_BYTES;
    await t?.stop();
  });

  it.each(UPLOADS)('$name: PROCESSED from its pieces, with the articles of a whole-file run at the same indexes', async (u) => {
    // Act
    const reference = (await t.api(`/uploads/${encodeURIComponent(whole(u.name))}`)).body;
    const status = (await t.api(`/uploads/${encodeURIComponent(pieced(u.name))}`)).body;
    // Assess
    expect(reference).toMatchObject({ status: 'PROCESSED', articleCount: u.articles, format: u.format });
    expect(status).toMatchObject({ status: 'PROCESSED', articleCount: u.articles, format: u.format, encoding: 'utf-8', documents: reference.documents });
    expect(status.documentErrors ?? []).toHaveLength(u.documentErrors);
    const upload = { bucket: t.stack.ready.bucket, key: pieced(u.name) };
    const expectedIds = Array.from({ length: u.articles }, (_, i) => articleId(upload, i));
    expect(status.articleIds).toEqual(expectedIds);
    const mine = await articlesOf(pieced(u.name));
    const theirs = await articlesOf(whole(u.name));
    expect(mine.indexes).toEqual(expectedIds.map((_, i) => i));
    expect(mine.ids).toEqual(expectedIds);
    expect(mine.byIndex).toEqual(theirs.byIndex);
  });

  it.each(UPLOADS)('$name: the status item shows the plan, every count and every commit', async (u) => {
    // Act
    const s = (await getUpload(awsClients(process.env), storeConfigFromEnv(process.env), pieced(u.name)))!;
    // Assess
    expect(s.pieces).toBe(Math.ceil(u.bytes.length / (u.format === 'warc' ? PIECE_BYTES / 4 : PIECE_BYTES)));
    expect(s.pieces).toBeGreaterThan(3);
    const counts = countsInOrder(s.pieceCounts, s.pieces!)!;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(u.articles);
    expect(s.piecesCommitted).toEqual(Array.from({ length: s.pieces! }, (_, k) => k));
    expect(s.pieceReports).toBeUndefined();
    // The whole-file reference was not split.
    expect((await getUpload(awsClients(process.env), storeConfigFromEnv(process.env), whole(u.name)))!.pieces).toBeUndefined();
  });

  it('keeps the rest of an upload when one stretch of it is bad: that stretch becomes document errors', async () => {
    // Act
    const s = (await t.api(`/uploads/${encodeURIComponent(bad('corrupt.warc.gz'))}`)).body;
    // Assess
    expect(s).toMatchObject({ status: 'PROCESSED', format: 'warc' });
    expect(s.articleCount).toBeGreaterThanOrEqual(27);
    expect(s.articleCount).toBeLessThan(30);
    expect(s.documentErrors?.length).toBeGreaterThanOrEqual(1);
    const { indexes } = await articlesOf(bad('corrupt.warc.gz'));
    expect(indexes).toEqual(Array.from({ length: s.articleCount }, (_, i) => i));
  });

  it('fails an upload none of whose pieces holds a readable document, with the first problem as its reason', async () => {
    // Act
    const s = (await t.api(`/uploads/${encodeURIComponent(bad('broken.jsonl'))}`)).body;
    const item = (await getUpload(awsClients(process.env), storeConfigFromEnv(process.env), bad('broken.jsonl')))!;
    // Assess
    expect(item.pieces).toBeGreaterThan(1);
    expect(s).toMatchObject({ status: 'FAILED', articleCount: 0 });
    expect(s.error).toMatch(/^no document in the JSON Lines upload could be read; first problem: the line at byte 0 is not valid JSON/);
    expect(await listUploadArticles(awsClients(process.env), storeConfigFromEnv(process.env), bad('broken.jsonl'))).toEqual([]);
  });

  it('ends as the fault-free run did under SDK faults and handler crashes (every phase retried by the queue)', async () => {
    // Act
    const key = (name: string) => `incoming/faults/${name}`;
    t.stack.setFaults('dynamodb=0.1,s3=0.1,crash=0.05');
    try {
      await Promise.all(UPLOADS.map((u) => t.put(key(u.name), u.bytes)));
      await t.stack.settle(40_000);
    } finally {
      t.stack.setFaults(null);
    }
    // Assess
    for (const u of UPLOADS) {
      const s = (await t.api(`/uploads/${encodeURIComponent(key(u.name))}`)).body;
      expect(s, u.name).toMatchObject({ status: 'PROCESSED', articleCount: u.articles });
      expect((await articlesOf(key(u.name))).byIndex).toEqual((await articlesOf(whole(u.name))).byIndex);
    }
    expect(t.stack.deadLetterQueue.depth).toBe(0);
  });

  it('lets a newer version of the key win over the pieces of an older one, leaving only its records', async () => {
    // Act: the JSON Lines export, then at once the crawl under the same key
    const key = 'incoming/replaced/upload.bin';
    await t.put(key, JSONL);
    await new Promise((r) => setTimeout(r, 150));
    await t.put(key, WARC_GZ);
    await t.stack.settle();
    // Assess
    const s = (await t.api(`/uploads/${encodeURIComponent(key)}`)).body;
    expect(s).toMatchObject({ status: 'PROCESSED', format: 'warc', articleCount: 30 });
    const { byIndex } = await articlesOf(key);
    expect(byIndex).toEqual((await articlesOf(whole('crawl.warc.gz'))).byIndex);
  });

  it('drops work items that come after the upload ended, or belong to an older version', async () => {
    // Prepare
    const before = await Promise.all(UPLOADS.map(async (u) => ({
      status: await getUpload(awsClients(process.env), storeConfigFromEnv(process.env), pieced(u.name)), articles: await articlesOf(pieced(u.name)),
    })));
    expect(sent.length).toBeGreaterThan(0);
    // Act: every work item again, and a plan of an older sequencer
    const replays = sent.slice();
    for (const u of UPLOADS) {
      const s = (await getUpload(awsClients(process.env), storeConfigFromEnv(process.env), pieced(u.name)))!;
      const base = { bucket: s.bucket, key: s.key, sequencer: '0'.repeat(31) + '1', size: u.bytes.length, format: u.format as 'jsonl' | 'warc', gzipMembers: u.format === 'warc' };
      const old = countItems(base, rangesOf(s.pieces!, u.bytes.length));
      replays.push(...old.map(pieceMessage), ...commitItems(old[0], countsInOrder(s.pieceCounts, s.pieces!)!).map(pieceMessage));
    }
    for (const body of replays) t.stack.queue.send(body);
    await t.stack.settle();
    // Assess: nothing changed
    const after = await Promise.all(UPLOADS.map(async (u) => ({
      status: await getUpload(awsClients(process.env), storeConfigFromEnv(process.env), pieced(u.name)), articles: await articlesOf(pieced(u.name)),
    })));
    expect(after).toEqual(before);
    expect(t.stack.deadLetterQueue.depth).toBe(0);
  });
});
