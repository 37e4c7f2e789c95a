/**
 * The body of one invocation worker: a Lambda execution environment of the local stack. It loads the real
 * handler once (module state lives as long as the worker, as in a warm Lambda container) and runs one
 * invocation at a time on the event the main thread posts. Only the environment differs from Lambda: the
 * process environment and fault rates come with each event, and work items the handler sends to the local
 * ingest queue are handed to the main thread, which owns the queue.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { IngestRuntime } from '../../lambdas/ingest/handler.js';
import { crashingHandler, faultInjector, type FaultState, newFaultCounters } from './faults.js';
import type { FromWorker, LocalFunction, ToWorker, WorkerSetup } from './invocationPool.js';

const port = parentPort!;
const setup = workerData as WorkerSetup;
const post = (message: FromWorker) => port.postMessage(message);

const faults: FaultState = { rates: null, counters: newFaultCounters() };

const pendingSends = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
let nextSend = 0;
/** Work items for the `local://` queue go to the main thread, which owns the queue. */
const localQueue = (bodies: string[]) => new Promise<void>((resolve, reject) => {
  const id = nextSend++;
  pendingSends.set(id, { resolve, reject });
  post({ type: 'enqueue', id, url: process.env.INGEST_QUEUE_URL ?? '', bodies });
});
const runtime: IngestRuntime = { clientDecorators: [faultInjector(faults)], localQueue };

/** The environment the main thread has now (tests change it between invocations; Lambda's is fixed per version). */
function adoptEnv(env: Record<string, string>) {
  for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
  Object.assign(process.env, env);
}

type Handler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;
const loaded = (await import(setup.module)) as Record<string, unknown>;
const made = setup.factory ? (loaded[setup.exportName] as (runtime: IngestRuntime) => Handler)(runtime) : loaded[setup.exportName] as Handler;

/** Lambda's context object for one invocation: the handler reads its time left from it. */
function contextOf(fn: LocalFunction): Context {
  const name = 'sift-ingest-local';
  const unsupported = () => { throw new Error('the callback API is not supported: return a promise'); };
  return {
    callbackWaitsForEmptyEventLoop: false, functionName: name, functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`, memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: randomUUID(), logGroupName: `/aws/lambda/${name}`, logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, fn.deadline - Date.now()),
    done: unsupported, fail: unsupported, succeed: unsupported,
  };
}
const handler = setup.crashable ? crashingHandler(made, faults) : made;

port.on('message', async (message: ToWorker) => {
  if (message.type === 'enqueued') {
    const pending = pendingSends.get(message.id);
    pendingSends.delete(message.id);
    if (message.error) pending?.reject(new Error(message.error));
    else pending?.resolve();
    return;
  }
  adoptEnv(message.env);
  faults.rates = message.faults;
  let reply: FromWorker;
  try {
    reply = { type: 'result', id: message.id, response: await handler(message.event, contextOf(message.function)) };
  } catch (error) {
    reply = { type: 'error', id: message.id, message: (error as Error)?.message ?? String(error) };
  }
  // What the fault injector did during this invocation, for the stack's counters; then counting starts afresh.
  post({ ...reply, counters: faults.counters });
  faults.counters = newFaultCounters();
});
post({ type: 'ready' });
