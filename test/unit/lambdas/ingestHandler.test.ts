/**
 * The ingest handler's partial-batch report under overlapping invocations in one process (the local stack
 * runs two at once): each batch reports exactly its own failed messages. The pipeline is replaced by a
 * controllable fake, as this is the handler's error path.
 */
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ENV } from '../../../shared/service/storage/tableSchema.js';

const gates = new Map<string, { promise: Promise<void>; open: () => void }>();
const gate = (key: string) => {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => { open = resolve; });
  gates.set(key, { promise, open });
};

vi.mock('../../../shared/service/pipeline/ingestObject.js', () => ({
  ingestObjectEvent: async (_ctx: unknown, event: { key: string }) => {
    await gates.get(event.key)?.promise;
    if (event.key.includes('transient')) throw new Error('throttled (simulated)');
    if (event.key.includes('failed')) return { outcome: 'failed', reason: 'the upload is binary data, not text' };
    if (event.key.includes('split')) return { outcome: 'split', pieces: 3, format: 'jsonl' };
    if (event.key.includes('deleted')) return { outcome: 'deleted', articles: 2 };
    if (event.key.includes('duplicate')) return { outcome: 'duplicate' };
    if (event.key.includes('no-article')) return { outcome: 'processed', articles: 0, documentErrors: 0, format: 'jsonl', warnings: ['no article: its text has no words', '1 document could not be read'] };
    return { outcome: 'processed', articles: 1, documentErrors: 0, format: 'text' };
  },
}));

// The handler reads its resources from the environment, as in Lambda; the fake pipeline never uses them.
Object.assign(process.env, { [ENV.articlesTable]: 'articles', [ENV.uploadsTable]: 'uploads', [ENV.bucket]: 'drop', AWS_REGION: 'us-east-1' });
const { handler } = await import('../../../lambdas/ingest/handler.js');

const message = (id: string, key: string): SQSRecord => ({
  messageId: id, receiptHandle: id, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:0:q', awsRegion: 'us-east-1',
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
  messageAttributes: {},
  body: JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', eventTime: '2025-01-01T00:00:00.000Z',
    s3: { bucket: { name: 'drop' }, object: { key, size: 10, sequencer: '0055AED6DCD90281E5' } } }] }),
});
const batch = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ingest handler: batch state per invocation', () => {
  beforeEach(() => gates.clear());

  it('keeps the first batch failure when a second invocation starts before the first one ends', async () => {
    gate('incoming/a-slow.txt');
    const first = handler(batch(message('a1', 'incoming/a-transient.txt'), message('a2', 'incoming/a-slow.txt')));
    await tick(); // a1 has failed, a2 is still working
    const second = handler(batch(message('b1', 'incoming/b-ok.txt')));
    expect(await second).toEqual({ batchItemFailures: [] });
    gates.get('incoming/a-slow.txt')!.open();
    expect(await first).toEqual({ batchItemFailures: [{ itemIdentifier: 'a1' }] });
  });

  it('does not report the first batch failures in the second batch response', async () => {
    gate('incoming/a-transient.txt');
    gate('incoming/b-ok.txt');
    const first = handler(batch(message('a1', 'incoming/a-transient.txt')));
    await tick();
    const second = handler(batch(message('b1', 'incoming/b-ok.txt')));
    await tick();
    gates.get('incoming/a-transient.txt')!.open();
    expect(await first).toEqual({ batchItemFailures: [{ itemIdentifier: 'a1' }] });
    gates.get('incoming/b-ok.txt')!.open();
    expect(await second).toEqual({ batchItemFailures: [] });
  });
});

/** The metric values the handler wrote to stdout as embedded-metric documents while `act` ran, by name, with their dimension sets. */
async function emittedWhile(act: () => Promise<unknown>) {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => (written.push(String(chunk)), true));
  try {
    await act();
  } finally {
    spy.mockRestore();
  }
  const values = new Map<string, number>();
  const dimensions = new Map<string, string[]>();
  for (const line of written.join('').split('\n').filter((l) => l.includes('"_aws"'))) {
    const doc = JSON.parse(line);
    for (const d of doc._aws.CloudWatchMetrics) for (const m of d.Metrics) {
      const v = doc[m.Name];
      values.set(m.Name, (values.get(m.Name) ?? 0) + (Array.isArray(v) ? v.reduce((a: number, b: number) => a + b, 0) : v));
      dimensions.set(m.Name, d.Dimensions.flat().sort());
    }
  }
  return { values, dimensions };
}

describe('ingest handler: metrics of uploads that lost something', () => {
  it('counts an upload without articles and its warnings, under the shared metric names', async () => {
    const { SIFT_METRICS } = await import('../../../shared/service/pipeline/metricNames.js');
    const { values } = await emittedWhile(() => handler(batch(message('c1', 'incoming/no-article.jsonl'), message('c2', 'incoming/c-ok.txt'))));
    expect(values.get(SIFT_METRICS.uploadsWithoutArticles)).toBe(1);
    expect(values.get(SIFT_METRICS.uploadWarnings)).toBe(2);
    expect(values.get(SIFT_METRICS.uploadsProcessed)).toBe(2);
  });

  it('emits only metrics named in the shared table (the one the alarms and the dashboard read), with their dimension sets', async () => {
    const { FAILURE_REASON_DIMENSION, SERVICE_METRICS, SIFT_METRICS } = await import('../../../shared/service/pipeline/metricNames.js');
    const keys = ['ok.txt', 'failed.bin', 'split.jsonl', 'deleted.txt', 'duplicate.txt', 'transient.txt'];
    const { values, dimensions } = await emittedWhile(() => handler(batch(...keys.map((k, i) => message(`d${i}`, `incoming/d-${k}`)))));
    for (const name of values.keys()) {
      expect([...SERVICE_METRICS, SIFT_METRICS.uploadsFailedByReason], name).toContain(name);
      expect(dimensions.get(name), name).toEqual(name === SIFT_METRICS.uploadsFailedByReason ? [FAILURE_REASON_DIMENSION, 'service'].sort() : ['service']);
    }
    expect(Object.fromEntries([SIFT_METRICS.uploadsProcessed, SIFT_METRICS.uploadsFailed, SIFT_METRICS.uploadsFailedByReason, SIFT_METRICS.uploadsSplit,
      SIFT_METRICS.uploadsDeleted, SIFT_METRICS.eventsSkipped, SIFT_METRICS.transientFailures].map((n) => [n, values.get(n)])))
      .toEqual({ UploadsProcessed: 1, UploadsFailed: 1, UploadsFailedByReason: 1, UploadsSplit: 1, UploadsDeleted: 1, EventsSkipped: 1, TransientFailures: 1 });
  });
});
