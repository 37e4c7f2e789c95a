import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { InvocationTimeout } from '../../../infra/local/eventSource.js';
import { newFaultCounters } from '../../../infra/local/faults.js';
import { InvocationPool, type InvocationPoolOptions } from '../../../infra/local/invocationPool.js';

/** What the `echo` fixture answers besides its batch item failures. */
interface Echo { invocations: number; piece?: string }

const MODULE = new URL('./fixtures/handlers.ts', import.meta.url).href;
const event = (...bodies: string[]): SQSEvent => ({ Records: bodies.map((body, i) => ({ messageId: `m${i}`, body })) as SQSEvent['Records'] });

let pools: InvocationPool[] = [];
function pool(exportName: string, options: Partial<InvocationPoolOptions> = {}) {
  const p = new InvocationPool({
    module: MODULE, exportName, crashable: false, timeoutMs: 20_000, memoryMb: 256,
    env: () => ({ ...process.env }) as Record<string, string>, faults: () => null,
    enqueue: async () => undefined, ...options,
  });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.map((p) => p.close()));
  pools = [];
});

describe('InvocationPool (Lambda execution environments in worker threads)', () => {
  it('runs the handler in a worker and returns its partial batch response, reusing the warm worker', async () => {
    // Prepare
    const p = pool('echo');
    // Act
    const first = await p.invoke(event('ok', 'fail'));
    const second = await p.invoke(event('ok'));
    // Assess
    expect(first).toMatchObject({ batchItemFailures: [{ itemIdentifier: 'm1' }], invocations: 1 });
    expect(second).toMatchObject({ batchItemFailures: [], invocations: 2 });
  });

  it('gives each concurrent invocation its own worker', async () => {
    const p = pool('echo');
    const answers = await Promise.all([p.invoke(event('a')), p.invoke(event('b')), p.invoke(event('c'))]);
    expect(answers.map((a) => (a as unknown as Echo).invocations)).toEqual([1, 1, 1]);
  });

  it('hands each invocation the environment of the stack at that time', async () => {
    let piece = '1000';
    const p = pool('echo', { env: () => ({ ...process.env, SIFT_PIECE_BYTES: piece }) as Record<string, string> });
    const before = await p.invoke(event('a'));
    piece = '2000';
    const after = await p.invoke(event('a'));
    expect([(before as unknown as Echo).piece, (after as unknown as Echo).piece]).toEqual(['1000', '2000']);
  });

  it('stops an invocation past its timeout by terminating the worker, and serves the next one from a new worker', async () => {
    // Prepare: a handler that never yields would block any event loop it ran on.
    const p = pool('spinOrEcho', { timeoutMs: 300 });
    const warm = await p.invoke(event('a'));
    // Act
    const outcome = await p.invoke(event('spin')).catch((e: unknown) => e);
    const next = await p.invoke(event('a'));
    // Assess: the next invocation runs in a fresh environment (its module state starts again).
    expect(outcome).toBeInstanceOf(InvocationTimeout);
    expect((outcome as Error).message).toBe('Task timed out after 0.30 seconds');
    expect([warm, next].map((a) => (a as unknown as Echo).invocations)).toEqual([1, 1]);
  });

  it('fails an invocation that runs out of memory, as Lambda stops a function past its memory size', async () => {
    const p = pool('hoard', { memoryMb: 64 });
    const outcome = await p.invoke(event('a')).catch((e: unknown) => e);
    expect((outcome as Error).message).toMatch(/out of memory \(64 MB\)/);
  });

  it('fails an invocation whose handler throws, and keeps the worker for the next one', async () => {
    const p = pool('explode');
    await expect(p.invoke(event('a'))).rejects.toThrow('boom');
    await expect(p.invoke(event('a'))).rejects.toThrow('boom');
  });

  it('passes work items sent to a local:// queue to the main thread, which owns the queue', async () => {
    const got: string[][] = [];
    const p = pool('forwarding', {
      factory: true,
      env: () => ({ ...process.env, INGEST_QUEUE_URL: 'local://pool-test' }) as Record<string, string>,
      enqueue: async (url, bodies) => void got.push([url, ...bodies]),
    });
    await p.invoke(event('x', 'y'));
    expect(got).toEqual([['local://pool-test', 'x!', 'y!']]);
  });

  it('reports what its fault injector counted', async () => {
    const counted: unknown[] = [];
    const p = pool('echo', { onCounters: (c) => void counted.push(c) });
    await p.invoke(event('a'));
    expect(counted).toEqual([newFaultCounters()]);
  });
});
