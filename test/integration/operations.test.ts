/** Operating the local stack: reprocess, dead-letter inspection and redrive. */
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TABLE_NAMES } from '../../infra/local/localStack.js';
import { reprocessMessage } from '../../shared/pipeline/reprocess.js';
import { itemsOf } from '../../shared/storage/articleItems.js';
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
    const stray = { ...current, id: 'f'.repeat(32), upload: { ...current.upload, index: 7 }, extractorVersion: '0.0.1' };
    await ddb.send(new PutCommand({ TableName: LOCAL_TABLE_NAMES.articles, Item: itemsOf(stray).article as never }));
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
