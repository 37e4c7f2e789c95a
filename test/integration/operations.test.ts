/** Operating the local stack: reprocess, dead-letter inspection and redrive. */
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TABLE_NAMES } from '../../infra/local/localStack.js';
import type { ArticleRecord } from '../../shared/core/model.js';
import { reprocessMessage, reprocessSequencer } from '../../shared/service/pipeline/reprocess.js';
import { articleId } from '../../shared/core/records.js';
import { putArticles } from '../../shared/service/storage/articleStore.js';
import { storeConfigFromEnv } from '../../shared/service/storage/storeConfig.js';
import { awsClients } from '../../shared/service/storage/awsClients.js';
import { getUpload } from '../../shared/service/storage/uploadStore.js';
import { itemsOf } from '../../shared/service/storage/articleItems.js';
import { startTestStack, type TestStack } from './helpers.js';

const page = readFileSync(new URL('../fixtures/samples/en-news-page.html', import.meta.url));

describe('operations on the local stack', () => {
  let t: TestStack;
  let ddb: DynamoDBDocumentClient;

  beforeAll(async () => {
    t = await startTestStack({ visibilityTimeoutMs: 300 });
    ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }));
  });
  afterAll(async () => {
    ddb?.destroy();
    await t?.stop();
  });

  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.stack.ready.api}${path}`, {
      method, headers: { authorization: `Bearer ${t.stack.ready.token}` }, ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: await res.json() as any };
  };

  it('reprocess replaces an upload\'s records with what the extractor finds now, removing what it no longer finds', async () => {
    // Prepare: an upload, then records as an older extractor might have left them
    const key = 'incoming/ops/page.html';
    await t.put(key, page);
    await t.stack.settle();
    const before = (await t.api(`/uploads/${encodeURIComponent(key)}`)).body;
    const [id] = before.articleIds;
    const current = (await t.api(`/articles/${id}`)).body;
    await ddb.send(new UpdateCommand({ TableName: LOCAL_TABLE_NAMES.articles, Key: { id }, UpdateExpression: 'SET #v.#t = :t', ExpressionAttributeNames: { '#v': 'view', '#t': 'title' }, ExpressionAttributeValues: { ':t': 'old title' } }));
    // (an older Sift put every article in byUpload: indexAll)
    const stray = { ...current, id: 'f'.repeat(32), upload: { ...current.upload, index: 7 }, extractorVersion: '0.0.1' };
    await ddb.send(new PutCommand({ TableName: LOCAL_TABLE_NAMES.articles, Item: itemsOf(stray, undefined, undefined, true).article as never }));
    expect((await t.api(`/articles?upload=${encodeURIComponent(key)}`)).body.items).toHaveLength(2);
    // Act
    const sent = await admin('POST', '/_local/ingest-queue', { messages: [reprocessMessage(t.stack.ready.bucket, key)] });
    await t.stack.settle();
    // Assess
    expect(sent.body.sent).toBe(1);
    const after = await t.api(`/articles?upload=${encodeURIComponent(key)}`);
    expect(after.body.items.map((a: any) => a.id)).toEqual([id]);
    expect(after.body.items[0].title).toBe(current.title);
    const status = (await t.api(`/uploads/${encodeURIComponent(key)}`)).body;
    expect(status).toMatchObject({ status: 'PROCESSED', articleIds: [id] });
    expect(status.updatedAt > before.updatedAt).toBe(true);
  });

  it('a new run of an upload becomes visible all at once: readers see the old records until the status flips', async () => {
    // Prepare: an upload of three pages, committed
    const key = 'incoming/ops/three.jsonl';
    const lines = [0, 1, 2].map((i) => JSON.stringify({
      url: `https://example.org/${i}`, title: `Harbour story ${i}`, date: `2024-05-0${i + 1}`,
      text: `The harbour authority met on day ${i} to discuss the new quay, and residents asked many questions about noise.\nA second paragraph explains what the works will cost and how long they will last, according to the authority.`,
    }));
    await t.put(key, lines.join('\n'));
    await t.stack.settle();
    const status = (await getUpload(awsClients(process.env), storeConfigFromEnv(process.env), key))!;
    const committed = status.committed!;
    const before = await Promise.all(status.articleIds.map(async (id) => (await t.api(`/articles/${id}`)).body as ArticleRecord));
    expect(before).toHaveLength(3);
    // Act 1: a newer run writes changed records and one more, but has not committed
    const gen = reprocessSequencer(committed);
    const upload = { bucket: before[0].upload.bucket, key };
    const changed = [...before.map((r) => ({ ...r, title: `${r.title} (revised)`, tags: ['revised'] })),
      { ...before[0], id: articleId(upload, 3), upload: { ...upload, index: 3 }, title: 'A fourth story', tags: ['revised'] }];
    const { retired } = await putArticles(awsClients(process.env), storeConfigFromEnv(process.env), changed, { gen, committed });
    // Assess: nothing of the new run shows yet, by id, by upload, or by its new tag
    const listed = (await t.api(`/articles?upload=${encodeURIComponent(key)}`)).body.items.map((a: ArticleRecord) => a.title).sort();
    expect(listed).toEqual(before.map((r) => r.title).sort());
    expect((await t.api(`/articles/${before[1].id}`)).body.title).toBe(before[1].title);
    expect((await t.api(`/articles/${articleId(upload, 3)}`)).status).toBe(404);
    expect((await t.api('/articles?tag=revised')).body.items).toHaveLength(0);
    // Act 2: the commit (what finishing the run writes: the run, and its articles listed newest first)
    await awsClients(process.env).ddb.send(new UpdateCommand({
      TableName: LOCAL_TABLE_NAMES.uploads, Key: { key }, UpdateExpression: 'SET committed = :g, #s = :g, #ids = :ids',
      ExpressionAttributeNames: { '#s': 'sequencer', '#ids': 'articleIds' },
      ExpressionAttributeValues: { ':g': gen, ':ids': [...changed].sort((a, b) => ((b.published ?? '') + b.id).localeCompare((a.published ?? '') + a.id)).map((r) => r.id) },
    }));
    // Assess: all of the new run at once
    const after = (await t.api(`/articles?upload=${encodeURIComponent(key)}`)).body.items.map((a: ArticleRecord) => a.title).sort();
    expect(after).toEqual([...before.map((r) => `${r.title} (revised)`), 'A fourth story'].sort());
    expect((await t.api('/articles?tag=revised')).body.items).toHaveLength(4);
    expect(retired).toEqual([]);
    // Act 3: an older run of the key, late, writes its records: they must not replace the newer run's
    await putArticles(awsClients(process.env), storeConfigFromEnv(process.env), before.map((r) => ({ ...r, title: 'stale' })), { gen: committed, committed: gen });
    // Assess
    const still = (await t.api(`/articles?upload=${encodeURIComponent(key)}`)).body.items.map((a: ArticleRecord) => a.title);
    expect(still).not.toContain('stale');
    expect(still).toHaveLength(4);
  });

  it('a reprocess request for a key never ingested changes nothing', async () => {
    await admin('POST', '/_local/ingest-queue', { messages: [reprocessMessage(t.stack.ready.bucket, 'incoming/ops/never.html')] });
    await t.stack.settle();
    expect((await t.api(`/uploads/${encodeURIComponent('incoming/ops/never.html')}`)).status).toBe(404);
  });

  it('dead-letters a message that keeps failing, lists it, and redrives it once the fault is gone', async () => {
    // Prepare: DynamoDB fails every call, so the message is received maxReceiveCount times, then dead-lettered
    t.stack.setFaults('dynamodb=1');
    const key = 'incoming/ops/redrive.html';
    await t.put(key, page);
    await t.stack.settle(60_000);
    t.stack.setFaults(null);
    // Act
    const listed = await admin('GET', '/_local/dlq');
    const redriven = await admin('POST', '/_local/dlq/redrive');
    await t.stack.settle();
    // Assess
    expect(listed.body.messages).toHaveLength(1);
    expect(JSON.parse(listed.body.messages[0].body).Records[0].s3.object.key).toBe('incoming/ops/redrive.html');
    expect(redriven.body.moved).toBe(1);
    expect(t.stack.deadLetterQueue.depth).toBe(0);
    expect((await t.api(`/uploads/${encodeURIComponent(key)}`)).body.status).toBe('PROCESSED');
  });

  it('refuses operator routes without the token', async () => {
    const res = await fetch(`${t.stack.ready.api}/_local/dlq`);
    expect(res.status).toBe(401);
  });
});
