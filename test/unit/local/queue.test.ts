import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  describe('kept in a journal file', () => {
    const dir = () => mkdtempSync(join(tmpdir(), 'sift-queue-'));

    it('restores waiting, in-flight and dead-lettered messages with their receive counts; in-flight ones visible at once', () => {
      // Prepare
      const c = clock();
      const folder = dir();
      const open = () => {
        const dlq = new LocalQueue({ name: 'dlq', visibilityTimeoutMs: 100, now: c.now, journal: join(folder, 'dlq.jsonl') });
        const q = new LocalQueue({ name: 'q', visibilityTimeoutMs: 60_000, maxReceiveCount: 2, deadLetter: dlq, now: c.now, journal: join(folder, 'q.jsonl') });
        return { q, dlq };
      };
      const before = open();
      before.q.send('dead');
      for (let i = 0; i < 2; i++) { before.q.receive(1); c.advance(60_001); }
      before.q.send('in flight');
      before.q.send('done');
      before.q.receive(10);
      before.q.send('waiting');
      const done = before.q.peekAll().find((m) => m.body === 'done')!;
      before.q.delete(done.messageId, done.receiptHandle!);
      // Act: no stop, no flush: as after a kill.
      const after = open();
      // Assert
      expect(after.dlq.peekAll().map((m) => m.body)).toEqual(['dead']);
      expect(after.q.peekAll().map((m) => [m.body, m.receiveCount]).sort()).toEqual([['in flight', 1], ['waiting', 0]]);
      expect(after.q.receive(10).map((m) => m.body).sort()).toEqual(['in flight', 'waiting']);
    });

    it('ignores a last line cut short by a kill mid-write', () => {
      const file = join(dir(), 'q.jsonl');
      const q = new LocalQueue({ name: 'q', visibilityTimeoutMs: 100, journal: file });
      q.send('kept');
      appendFileSync(file, '{"put":{"messageId":"x","bo');
      expect(new LocalQueue({ name: 'q', visibilityTimeoutMs: 100, journal: file }).peekAll().map((m) => m.body)).toEqual(['kept']);
    });

    it('stays about as long as the queue: compacted once it holds far more changes than messages', () => {
      const file = join(dir(), 'q.jsonl');
      const q = new LocalQueue({ name: 'q', visibilityTimeoutMs: 100, journal: file });
      for (let i = 0; i < 3000; i++) {
        q.send(`m${i}`);
        const [m] = q.receive(1);
        q.delete(m.messageId, m.receiptHandle!);
      }
      q.send('last');
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      expect(lines.length).toBeLessThan(1100);
      expect(new LocalQueue({ name: 'q', visibilityTimeoutMs: 100, journal: file }).peekAll().map((m) => m.body)).toEqual(['last']);
    });

    it('keeps a redrive: the messages leave the dead-letter queue and wait in the target', () => {
      const folder = dir();
      const dlq = new LocalQueue({ name: 'dlq', visibilityTimeoutMs: 100, journal: join(folder, 'dlq.jsonl') });
      const q = new LocalQueue({ name: 'q', visibilityTimeoutMs: 100, journal: join(folder, 'q.jsonl') });
      dlq.send('a');
      dlq.send('b');
      dlq.moveAllTo(q);
      expect(new LocalQueue({ name: 'dlq', visibilityTimeoutMs: 100, journal: join(folder, 'dlq.jsonl') }).depth).toBe(0);
      expect(new LocalQueue({ name: 'q', visibilityTimeoutMs: 100, journal: join(folder, 'q.jsonl') }).peekAll().map((m) => m.body)).toEqual(['a', 'b']);
    });
  });
});
