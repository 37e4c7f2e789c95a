import { describe, expect, it } from 'vitest';
import { SqsEventSource } from '../../../infra/local/eventSource.js';
import { LocalQueue } from '../../../infra/local/queue.js';

function clock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

describe('LocalQueue (SQS model)', () => {
  it('hides a received message for the visibility timeout, then delivers it again with a higher receive count', () => {
    // Prepare
    const c = clock();
    const q = new LocalQueue({ name: 'q', visibilityTimeoutMs: 100, now: c.now });
    q.send('m');
    // Act
    const [first] = q.receive(10);
    const during = q.receive(10);
    c.advance(101);
    const [second] = q.receive(10);
    // Assess
    expect(first.receiveCount).toBe(1);
    expect(during).toHaveLength(0);
    expect(second.receiveCount).toBe(2);
    expect(second.receiptHandle).not.toBe(first.receiptHandle);
  });

  it('ignores a delete with an expired receipt handle, as SQS does', () => {
    const c = clock();
    const q = new LocalQueue({ name: 'q', visibilityTimeoutMs: 100, now: c.now });
    q.send('m');
    const [first] = q.receive(1);
    c.advance(101);
    const [second] = q.receive(1);
    expect(q.delete(first.messageId, first.receiptHandle!)).toBe(false);
    expect(q.delete(second.messageId, second.receiptHandle!)).toBe(true);
    expect(q.depth).toBe(0);
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives', () => {
    // Prepare
    const c = clock();
    const dlq = new LocalQueue({ name: 'dlq', visibilityTimeoutMs: 100, now: c.now });
    const q = new LocalQueue({ name: 'q', visibilityTimeoutMs: 100, maxReceiveCount: 3, deadLetter: dlq, now: c.now });
    q.send('poison');
    // Act
    const receives: number[] = [];
    for (let i = 0; i < 5; i++) {
      receives.push(q.receive(1).length);
      c.advance(101);
    }
    // Assess
    expect(receives).toEqual([1, 1, 1, 0, 0]);
    expect(q.depth).toBe(0);
    expect(dlq.peekAll().map((m) => m.body)).toEqual(['poison']);
  });

  it('respects the batch size', () => {
    const q = new LocalQueue({ name: 'q', visibilityTimeoutMs: 100 });
    for (let i = 0; i < 7; i++) q.send(String(i));
    expect(q.receive(5)).toHaveLength(5);
    expect(q.receive(5)).toHaveLength(2);
  });

  it('redrives dead letters back to the source queue', () => {
    const dlq = new LocalQueue({ name: 'dlq', visibilityTimeoutMs: 100 });
    const q = new LocalQueue({ name: 'q', visibilityTimeoutMs: 100 });
    dlq.send('a');
    dlq.send('b');
    expect(dlq.moveAllTo(q)).toBe(2);
    expect(q.receive(10).map((m) => m.body).sort()).toEqual(['a', 'b']);
  });
});

describe('SqsEventSource (event source mapping model)', () => {
  const waitFor = async (cond: () => boolean) => {
    for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  };

  it('deletes what succeeded and retries only the reported failures', async () => {
    // Prepare
    const q = new LocalQueue({ name: 'q', visibilityTimeoutMs: 30 });
    const seen: string[] = [];
    let failedOnce = false;
    const source = new SqsEventSource(q, async (event) => {
      const failures = [];
      for (const r of event.Records) {
        seen.push(`${r.body}#${r.attributes.ApproximateReceiveCount}`);
        if (r.body === 'flaky' && !failedOnce) {
          failedOnce = true;
          failures.push({ itemIdentifier: r.messageId });
        }
      }
      return { batchItemFailures: failures };
    }, { batchSize: 10, concurrency: 1, idleWaitMs: 5 });
    // Act
    q.send('ok');
    q.send('flaky');
    source.start();
    await waitFor(() => q.depth === 0);
    await source.stop();
    // Assess
    expect(seen.sort()).toEqual(['flaky#1', 'flaky#2', 'ok#1']);
  });

  it('treats a thrown error as a failure of the whole batch', async () => {
    const q = new LocalQueue({ name: 'q', visibilityTimeoutMs: 20 });
    let calls = 0;
    const source = new SqsEventSource(q, async () => {
      calls++;
      if (calls === 1) throw new Error('crash mid-batch');
    }, { batchSize: 10, concurrency: 1, idleWaitMs: 5 });
    q.send('a');
    q.send('b');
    source.start();
    await waitFor(() => q.depth === 0);
    await source.stop();
    expect(calls).toBe(2);
  });
});

describe('LocalQueue warnings and invocation timeout', () => {
  it('reports each redelivery and dead-lettering with the upload key and receive count', () => {
    // Prepare
    const c = clock();
    const warnings: { event: string; key?: string; receiveCount: number }[] = [];
    const dlq = new LocalQueue({ name: 'dlq', visibilityTimeoutMs: 100, now: c.now });
    const q = new LocalQueue({ name: 'q', visibilityTimeoutMs: 100, maxReceiveCount: 2, deadLetter: dlq, now: c.now, onWarn: (w) => warnings.push(w) });
    q.send(JSON.stringify({ Records: [{ s3: { object: { key: 'uploads/a.html' } } }] }));
    // Act
    for (let i = 0; i < 3; i++) { q.receive(10); c.advance(101); }
    // Assert
    expect(warnings.map((w) => [w.event, w.key, w.receiveCount])).toEqual([
      ['redelivered', 'uploads/a.html', 2],
      ['deadLettered', 'uploads/a.html', 2],
    ]);
    expect(dlq.depth).toBe(1);
  });

  it('keeps the messages of an invocation that outlives its timeout, as Lambda does', async () => {
    // Prepare
    const q = new LocalQueue({ name: 'q', visibilityTimeoutMs: 60_000 });
    q.send('slow');
    const errors: unknown[] = [];
    const source = new SqsEventSource(q, () => new Promise((r) => setTimeout(() => r({ batchItemFailures: [] }), 300)), {
      batchSize: 1, concurrency: 1, timeoutMs: 20, onError: (e) => errors.push(e),
    });
    // Act
    source.start();
    await new Promise((r) => setTimeout(r, 100));
    await source.stop();
    await new Promise((r) => setTimeout(r, 300));
    // Assert
    expect((errors[0] as Error).message).toMatch(/timed out/);
    expect(q.depth).toBe(1);
  });
});
