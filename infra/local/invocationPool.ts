/**
 * Lambda's execution environments, locally: each concurrent invocation of the ingest handler runs in its own
 * worker thread, off the stack's event loop, so the API (and the emulators) keep answering while an ingest
 * works. A worker is reused by later invocations (a warm container); one that runs past the function timeout,
 * or past its memory, is terminated and replaced, and its invocation counts as failed — none of its messages
 * is deleted, so they reappear after the visibility timeout, as in AWS.
 */
import { Worker } from 'node:worker_threads';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { nodeHeap } from '../pipelineDefaults.js';
import { InvocationTimeout } from './eventSource.js';
import type { FaultCounters, FaultRates } from './faults.js';

/** What the handler's context says of the invocation (Lambda's `Context`): its memory and when its time runs out. */
export interface LocalFunction {
  memoryMb: number;
  /** Epoch milliseconds at which the invocation is stopped. */
  deadline: number;
}

/** What a worker is given when it starts. */
export interface WorkerSetup {
  /** The handler module's file URL, and the name of the handler it exports. */
  module: string;
  exportName: string;
  /**
   * The export makes the handler from the worker's runtime (`createIngestHandler`): the fault injector on its
   * SDK clients and the bridge to the main thread's queue, passed as values instead of set in modules.
   */
  factory?: boolean;
  /** Wrap the handler in the SIFT_FAULTS crash injector (the ingest handler only). */
  crashable: boolean;
}

export type ToWorker =
  | { type: 'invoke'; id: number; event: SQSEvent; env: Record<string, string>; faults: FaultRates | null; function: LocalFunction }
  | { type: 'enqueued'; id: number; error?: string };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'enqueue'; id: number; url: string; bodies: string[] }
  | { type: 'result'; id: number; response: SQSBatchResponse; counters?: FaultCounters }
  | { type: 'error'; id: number; message: string; counters?: FaultCounters };

export interface InvocationPoolOptions extends WorkerSetup {
  /** The function timeout: past it the worker is terminated and the invocation fails (Lambda's "Task timed out"). */
  timeoutMs: number;
  /** The function's memory size: the worker gets the deployed function's V8 heap (nodeHeap), past which it dies and the invocation fails. */
  memoryMb: number;
  /** The V8 semi-space the deployed function sets (else Lambda's runtime derives it from the memory). */
  semiSpaceMb?: number;
  /** The environment and fault rates of the stack at the time of each invocation. */
  env: () => Record<string, string>;
  faults: () => FaultRates | null;
  /** Where work items the handler sends to a `local://` queue go (the main thread owns the queue). */
  enqueue: (url: string, bodies: string[]) => Promise<void>;
  /** Told what a worker's fault injector did, after each invocation. */
  onCounters?: (counters: FaultCounters) => void;
}

interface Environment {
  worker: Worker;
  ready: Promise<void>;
  /** The invocation in progress: settles it with the worker's answer, or with the worker's death. */
  current?: { id: number; resolve: (r: SQSBatchResponse) => void; reject: (e: Error) => void };
  dead: boolean;
}

export class InvocationPool {
  private readonly idle: Environment[] = [];
  private readonly all = new Set<Environment>();
  private nextId = 0;

  constructor(private readonly options: InvocationPoolOptions) {}

  /** Runs one invocation in an idle worker (a new one if none is idle). */
  async invoke(event: SQSEvent): Promise<SQSBatchResponse> {
    let env = this.idle.pop();
    while (env?.dead) env = this.idle.pop();
    env ??= this.spawn();
    await env.ready;
    if (env.dead) throw new Error('the invocation worker died while starting');
    const id = this.nextId++;
    const result = new Promise<SQSBatchResponse>((resolve, reject) => { env.current = { id, resolve, reject }; });
    // The timeout runs from the handler's start, as Lambda's does (init has its own limit there).
    const deadline = Date.now() + this.options.timeoutMs;
    const timer = setTimeout(() => {
      env.current?.reject(new InvocationTimeout(this.options.timeoutMs));
      env.current = undefined;
      this.kill(env);
    }, this.options.timeoutMs);
    const fn = { memoryMb: this.options.memoryMb, deadline };
    env.worker.postMessage({ type: 'invoke', id, event, env: this.options.env(), faults: this.options.faults(), function: fn } satisfies ToWorker);
    try {
      return await result;
    } finally {
      clearTimeout(timer);
      if (!env.dead) this.idle.push(env);
    }
  }

  /** Terminates every worker; an invocation still running fails. */
  async close(): Promise<void> {
    await Promise.all([...this.all].map((env) => this.kill(env)));
    this.idle.length = 0;
  }

  private spawn(): Environment {
    const { module, exportName, factory, crashable, memoryMb } = this.options;
    const heap = nodeHeap(memoryMb, this.options.semiSpaceMb);
    const worker = new Worker(new URL('./invocationWorker.mjs', import.meta.url), {
      workerData: { module, exportName, factory, crashable } satisfies WorkerSetup,
      // the deployed function's heap (its NODE_OPTIONS)
      resourceLimits: { maxOldGenerationSizeMb: heap.oldSpaceMb, maxYoungGenerationSizeMb: heap.youngGenerationMb },
    });
    let started!: () => void;
    const env: Environment = { worker, dead: false, ready: new Promise<void>((resolve) => { started = resolve; }) };
    this.all.add(env);
    worker.on('message', (message: FromWorker) => this.onMessage(env, message, started));
    // A worker that dies (out of memory, a crash in its loader) fails what it was running, as a dead runtime does.
    const die = (reason: string) => {
      env.dead = true;
      this.all.delete(env);
      started();
      env.current?.reject(new Error(reason));
      env.current = undefined;
    };
    worker.on('error', (error: Error & { code?: string }) => die(
      error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `Runtime exited: out of memory (${memoryMb} MB)` : `Runtime exited: ${error.message}`,
    ));
    worker.on('exit', (code) => die(`Runtime exited with status ${code}`));
    return env;
  }

  private onMessage(env: Environment, message: FromWorker, started: () => void) {
    switch (message.type) {
      case 'ready':
        started();
        return;
      case 'enqueue':
        this.options.enqueue(message.url, message.bodies).then(
          () => env.worker.postMessage({ type: 'enqueued', id: message.id } satisfies ToWorker),
          (error: Error) => env.worker.postMessage({ type: 'enqueued', id: message.id, error: error.message } satisfies ToWorker),
        );
        return;
      default:
        if (message.counters) this.options.onCounters?.(message.counters);
        if (env.current?.id !== message.id) return; // the answer of an invocation that already timed out
        if (message.type === 'result') env.current.resolve(message.response);
        else env.current.reject(new Error(message.message));
        env.current = undefined;
    }
  }

  private async kill(env: Environment) {
    env.dead = true;
    this.all.delete(env);
    await env.worker.terminate();
  }
}
