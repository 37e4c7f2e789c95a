/**
 * Ingest invocations run as Lambda runs them, off the stack's event loop: the API keeps answering while a
 * CPU-heavy upload is processed, and the upload still ends as it would have in process.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { INGEST_DEFAULTS } from '../../infra/pipelineDefaults.js';
import { encodeS3Key } from '../../shared/service/events/s3Events.js';
import { messageKey } from '../../infra/local/queue.js';
import { corpusTextDump, startTestStack, type TestStack } from './helpers.js';

describe('ingest invocations in worker threads', () => {
  let t: TestStack | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('answers status calls while a CPU-heavy upload is being processed, and the upload ends PROCESSED once', async () => {
    // Prepare
    t = await startTestStack({ visibilityTimeoutMs: 600_000 });
    const key = 'incoming/big/dump.txt';
    await t.put(key, corpusTextDump(2_000_000));
    // Act: ask for the status, one call after another, until the upload is final.
    const answers: string[] = [];
    for (;;) {
      const status = await t.api(`/uploads/${encodeURIComponent(key)}`);
      answers.push(status.status === 404 ? 'NONE' : status.body.status);
      if (status.status === 200 && status.body.status !== 'PENDING') break;
    }
    await t.stack.settle();
    // Assess: answers kept coming while the handler worked. Had the handler run on the API's event loop, a call
    // would be answered only at the handler's awaits (a few dozen for this upload, measured with `invocations:
    // 'in-process'`), not throughout its CPU-bound parsing.
    expect(answers.at(-1)).toBe('PROCESSED');
    expect(answers.filter((a) => a === 'PENDING').length).toBeGreaterThanOrEqual(100);
    expect(t.stack.queue.stats).toMatchObject({ redelivered: 0, deadLettered: 0 });
  });

  it('stops an invocation past the function timeout: its message reappears, and its last receive ends the upload FAILED, not PENDING and dead-lettered', async () => {
    // Prepare: a timeout far below what the upload needs (and above the few table writes of giving up), and a
    // visibility timeout well above it (a new worker's start included), as in AWS, so a receive is not handed out
    // again while it still runs.
    t = await startTestStack({ invocationTimeoutMs: 1000, visibilityTimeoutMs: 4000 });
    const key = 'incoming/big/too slow.txt';
    // Act
    await t.put(key, corpusTextDump(2_000_000));
    await t.stack.settle();
    // Assess: every receive but the last was cut short; the last one gave up before the heavy work.
    expect(t.stack.queue.stats.redelivered).toBeGreaterThanOrEqual(INGEST_DEFAULTS.maxReceiveCount - 1);
    expect(t.stack.deadLetterQueue.peekAll().map((m) => messageKey(m.body))).not.toContain(encodeS3Key(key));
    const status = (await t.api(`/uploads/${encodeURIComponent(key)}`)).body;
    expect(status).toMatchObject({ status: 'FAILED', articleIds: [] });
    expect(status.error).toMatch(new RegExp(`gave up on this upload after ${INGEST_DEFAULTS.maxReceiveCount} deliveries`));
  });
});
