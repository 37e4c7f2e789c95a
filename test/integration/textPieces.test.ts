/**
 * A big plain-text upload in pieces of whole regions, end to end on the local stack, with a small piece
 * size (SIFT_PIECE_BYTES, read when the upload is planned): it ends PROCESSED with the articles the core
 * gives for the same bytes read whole in regions of the same size, at the same indexes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractUpload } from '../../shared/core/extractUpload.js';
import { regionCount } from '../../shared/core/format/textRegions.js';
import { articleId } from '../../shared/core/records.js';
import { storeConfigFromEnv } from '../../shared/service/storage/storeConfig.js';
import { awsClients } from '../../shared/service/storage/awsClients.js';
import { getUpload } from '../../shared/service/storage/uploadStore.js';
import { pieceSizeFor } from '../../shared/service/pipeline/pieces.js';
import { corpusTextDump, startTestStack, type TestStack } from './helpers.js';

/** Text pieces of 16 KiB: one region each. */
const PIECE_BYTES = 32 * 16 * 1024;
const REGION = pieceSizeFor({ format: 'text', gzipMembers: false }, PIECE_BYTES);
const DUMP = Buffer.from(corpusTextDump(90_000));
const KEY = 'incoming/text/dump.txt';

describe('a big text upload in pieces', () => {
  let t: TestStack;

  beforeAll(async () => {
    process.env.SIFT_PIECE_BYTES = String(PIECE_BYTES);
    t = await startTestStack({ concurrency: 3 });
    await t.put(KEY, DUMP);
    await t.stack.settle();
  }, 120_000);
  afterAll(async () => {
    delete process.env.SIFT_PIECE_BYTES;
    await t?.stop();
  });

  it('ends PROCESSED from its pieces, with the articles of a whole-file read in the same regions', async () => {
    // Act
    const status = (await t.api(`/uploads/${encodeURIComponent(KEY)}`)).body;
    const item = (await getUpload(awsClients(process.env), storeConfigFromEnv(process.env), KEY))!;
    const reference = extractUpload(DUMP, { upload: { bucket: t.stack.ready.bucket, key: KEY }, limits: { textRegionBytes: REGION } });
    const views: { title: string; contentHash: string; upload: { index: number } }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: typeof views; nextCursor: string | null } } = await t.api(`/articles?upload=${encodeURIComponent(KEY)}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      views.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    views.sort((a, b) => a.upload.index - b.upload.index);
    // Assess
    expect(item.pieces).toBe(regionCount(DUMP.length, REGION));
    expect(item.pieces).toBeGreaterThan(3);
    expect(status).toMatchObject({ status: 'PROCESSED', format: 'text', encoding: 'utf-8', documents: reference.documents, articleCount: reference.articles.length });
    const upload = { bucket: t.stack.ready.bucket, key: KEY, ...(status.versionId ? { versionId: status.versionId } : {}) };
    expect(status.articleIds).toEqual(reference.articles.map((_, i) => articleId(upload, i)));
    expect(views.map((v) => `${v.upload.index}|${v.title}|${v.contentHash}`)).toEqual(reference.articles.map((a, i) => `${i}|${a.title}|${a.contentHash}`));
    expect(t.stack.queue.stats).toMatchObject({ deadLettered: 0 });
  });
});
