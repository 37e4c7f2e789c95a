/**
 * The local stand-in for Lambda's SQS event source mapping: polls the queue, hands batches to the real
 * handler as `SQSEvent`s, deletes what succeeded and leaves the rest to reappear after the visibility
 * timeout (ReportBatchItemFailures semantics; a thrown error fails the whole batch).
 */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { LocalQueue, QueuedMessage } from './queue.js';

export type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

export interface EventSourceOptions {
  batchSize: number;
  /** How many batches run at once (Lambda scales pollers; a laptop wants few). */
  concurrency: number;
  /** Idle poll interval when the queue is empty. */
  idleWaitMs?: number;
  queueArn?: string;
  /**
   * The function timeout: an invocation still running after it counts as failed, as in Lambda, so none of its
   * messages is deleted and all reappear after the visibility timeout.
   */
  timeoutMs?: number;
  onError?: (error: unknown) => void;
}

function toSqsRecord(m: QueuedMessage, queueArn: string): SQSRecord {
  return {
    messageId: m.messageId,
    receiptHandle: m.receiptHandle!,
    body: m.body,
    attributes: {
      ApproximateReceiveCount: String(m.receiveCount),
      SentTimestamp: String(m.sentAt),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'us-east-1',
  };
}

export class SqsEventSource {
  private running = false;
  private loops: Promise<void>[] = [];
  private busy = 0;

  constructor(private readonly queue: LocalQueue, private readonly handler: SqsHandler, private readonly options: EventSourceOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    for (let i = 0; i < this.options.concurrency; i++) this.loops.push(this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    this.loops = [];
  }

  /** True when nothing is waiting, nothing is in flight and no batch is running. */
  get idle(): boolean {
    return this.busy === 0 && this.queue.depth === 0;
  }

  private async loop(): Promise<void> {
    const idleWait = this.options.idleWaitMs ?? 200;
    while (this.running) {
      const batch = this.queue.receive(this.options.batchSize);
      if (!batch.length) {
        await this.queue.waitForMessage(idleWait);
        continue;
      }
      this.busy++;
      try {
        await this.invoke(batch);
      } finally {
        this.busy--;
      }
    }
  }

  private async invoke(batch: QueuedMessage[]): Promise<void> {
    const arn = this.options.queueArn ?? `arn:aws:sqs:us-east-1:000000000000:${this.queue.name}`;
    let failed = new Set<string>(batch.map((m) => m.messageId));
    try {
      const response = await withTimeout(this.handler({ Records: batch.map((m) => toSqsRecord(m, arn)) }), this.options.timeoutMs);
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      this.options.onError?.(error);
    }
    for (const m of batch) if (!failed.has(m.messageId)) this.queue.delete(m.messageId, m.receiptHandle!);
  }
}

export class InvocationTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
    this.name = 'InvocationTimeout';
  }
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number | undefined): Promise<T> {
  if (timeoutMs === undefined) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InvocationTimeout(timeoutMs)), timeoutMs);
  });
  // A late result of a timed-out invocation is ignored, as Lambda ignores it.
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
