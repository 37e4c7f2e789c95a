/**
 * Operator actions for `sift reprocess` and `sift dlq list|redrive`: on a deployed stack, the SQS API on the
 * stack's queues; on the local stack, its `/_local/` operator routes (the same actions on its in-process queues).
 */
import type { ApiClient } from './apiClient.js';
import type { Target } from './target.js';

interface DeadLetter {
  messageId: string;
  body: string;
  sentAt?: string;
}

export interface QueueOperations {
  /** Puts messages on the ingest queue; returns how many were accepted. */
  enqueue(bodies: string[]): Promise<number>;
  /** What waits in the dead-letter queue (a deployed queue is sampled: SQS has no exact listing). */
  deadLetters(): Promise<DeadLetter[]>;
  /** Moves the dead letters back to the ingest queue; returns a count, or SQS's move-task handle. */
  redrive(): Promise<string>;
}

const SQS_BATCH = 10;

export function localOperations(api: ApiClient): QueueOperations {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await api.request(method, path, {}, body);
    if (res.status !== 200) throw new Error(`the local stack answered ${res.status} to ${method} ${path}`);
    return res.body as Record<string, unknown>;
  };
  return {
    async enqueue(bodies) {
      let sent = 0;
      for (let i = 0; i < bodies.length; i += 500) sent += (await call('POST', '/_local/ingest-queue', { messages: bodies.slice(i, i + 500) })).sent as number;
      return sent;
    },
    async deadLetters() {
      return (await call('GET', '/_local/dlq')).messages as DeadLetter[];
    },
    async redrive() {
      return `${(await call('POST', '/_local/dlq/redrive')).moved as number} message(s) moved back to the ingest queue`;
    },
  };
}

export async function awsOperations(target: Target): Promise<QueueOperations> {
  const { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient, StartMessageMoveTaskCommand } = await import('@aws-sdk/client-sqs');
  const { ingest, deadLetter } = target.queues ?? {};
  if (!ingest || !deadLetter) throw new Error(`${target.description} does not name its queues (outputs IngestQueueUrl, DeadLetterQueueUrl)`);
  const sqs = new SQSClient({ region: target.s3.region as string | undefined, credentials: target.s3.credentials });
  return {
    async enqueue(bodies) {
      let sent = 0;
      for (let i = 0; i < bodies.length; i += SQS_BATCH) {
        const entries = bodies.slice(i, i + SQS_BATCH).map((MessageBody, j) => ({ Id: String(j), MessageBody }));
        const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: ingest, Entries: entries }));
        if (out.Failed?.length) throw new Error(`SQS refused ${out.Failed.length} message(s): ${out.Failed[0].Message ?? out.Failed[0].Code}`);
        sent += out.Successful?.length ?? 0;
      }
      return sent;
    },
    async deadLetters() {
      // Receiving with a zero visibility timeout looks without taking: the messages stay where they are.
      const seen = new Map<string, DeadLetter>();
      for (let round = 0; round < 10; round++) {
        const out = await sqs.send(new ReceiveMessageCommand({
          QueueUrl: deadLetter, MaxNumberOfMessages: 10, VisibilityTimeout: 0, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['SentTimestamp'],
        }));
        const fresh = (out.Messages ?? []).filter((m) => m.MessageId && !seen.has(m.MessageId));
        if (!fresh.length) break;
        for (const m of fresh) {
          const sent = m.Attributes?.SentTimestamp;
          seen.set(m.MessageId!, { messageId: m.MessageId!, body: m.Body ?? '', ...(sent ? { sentAt: new Date(Number(sent)).toISOString() } : {}) });
        }
      }
      return [...seen.values()];
    },
    async redrive() {
      const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: deadLetter, AttributeNames: ['QueueArn'] }));
      const task = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: attributes.Attributes!.QueueArn! }));
      return `SQS move task ${task.TaskHandle} started: the dead letters go back to the ingest queue`;
    },
  };
}

/** The object key a dead letter is about, for listing. */
export function deadLetterKey(body: string): string {
  try {
    const record = (JSON.parse(body) as { Records?: { s3?: { object?: { key?: string } } }[] }).Records?.[0];
    const key = record?.s3?.object?.key;
    return key ? decodeURIComponent(key.replace(/\+/g, ' ')) : '(not an S3 notification)';
  } catch {
    return '(not JSON)';
  }
}
