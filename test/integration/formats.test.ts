/**
 * Every input format and every kind of bad input, through the local stack: S3 upload → event → ingest →
 * DynamoDB → API. Each upload ends PROCESSED with its article count or FAILED with its reason, the
 * failed objects stay in the bucket, and nothing lands in the dead-letter queue.
 */
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSamples } from '../unit/formats/builders.js';
import { startTestStack, type TestStack } from './helpers.js';

describe('local stack, every format and every bad input', () => {
  let t: TestStack;
  const samples = formatSamples();
  const keyOf = (name: string) => `incoming/formats/${name}`;

  beforeAll(async () => {
    t = await startTestStack();
    await Promise.all(samples.map((s) => t.put(keyOf(s.name), s.bytes)));
    await t.stack.settle();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it.each(samples.map((s) => [s.name, s] as const))('%s', async (_name, sample) => {
    const status = await t.api(`/uploads/${encodeURIComponent(keyOf(sample.name))}`);
    expect(status.status).toBe(200);
    const { expected } = sample;
    if ('error' in expected) {
      expect(status.body).toMatchObject({ status: 'FAILED' });
      expect(status.body.error).toMatch(expected.error);
      return;
    }
    expect(status.body).toMatchObject({ status: 'PROCESSED', format: expected.format });
    expect(status.body.articleIds).toHaveLength(expected.articles);
    expect(status.body.documentErrors ?? []).toHaveLength(expected.documentErrors ?? 0);
    const first = await t.api(`/articles/${status.body.articleIds[0]}`);
    expect(first.status).toBe(200);
    expect(first.body.title.trim()).not.toBe('');
    if (expected.encoding) expect(first.body.encoding).toBe(expected.encoding);
  });

  it('keeps every failed object, and dead-letters nothing', async () => {
    for (const s of samples.filter((x) => 'error' in x.expected)) {
      const head = await t.s3.send(new HeadObjectCommand({ Bucket: t.stack.ready.bucket, Key: keyOf(s.name) }));
      expect(head.ContentLength).toBe(s.bytes.length);
    }
    expect(t.stack.deadLetterQueue.depth).toBe(0);
  });
});
