/**
 * Sends Sift's own work items (pieces of big uploads) to the ingest queue. In Lambda that is SQS
 * (SendMessageBatch, 10 per request, failed entries retried); the queue URL comes from `INGEST_QUEUE_URL`.
 *
 * The local stack has no SQS: its queue is an in-process model. Rather than give the pipeline a second
 * code path, the local stack sets `INGEST_QUEUE_URL` to a `local://` URL and hands the handler the sender
 * behind it (its runtime's `localQueue`), so the handler builds its `enqueue` from the environment exactly as
 * in Lambda, and only the transport behind the URL differs (as only the endpoints differ for S3 and DynamoDB).
 */
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';

export type Enqueue = (bodies: string[]) => Promise<void>;

const SEND_BATCH_MAX = 10;
const MAX_ROUNDS = 5;

let sqs: SQSClient | undefined;

/** SendMessageBatch in groups of 10; entries SQS reports as failed are sent again, then it throws. */
export async function sendWorkItems(client: SQSClient, queueUrl: string, bodies: string[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += SEND_BATCH_MAX) {
    let entries = bodies.slice(i, i + SEND_BATCH_MAX).map((body, j) => ({ Id: String(i + j), MessageBody: body }));
    for (let round = 0; entries.length; round++) {
      if (round >= MAX_ROUNDS) throw new Error(`SQS did not accept ${entries.length} work items after ${round} rounds`);
      if (round) await new Promise((r) => setTimeout(r, 100 * 2 ** round));
      const out = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      const failed = new Set((out.Failed ?? []).map((f) => f.Id));
      entries = entries.filter((e) => failed.has(e.Id));
    }
  }
}

/** The `enqueue` of the pipeline context for a queue URL: SQS, or for a `local://` URL the runtime's local sender. */
export function workQueueFor(queueUrl: string, localQueue?: Enqueue): Enqueue {
  if (queueUrl.startsWith('local://')) {
    return localQueue ?? (async () => { throw new Error(`no local queue is given for ${queueUrl}`); });
  }
  return (bodies) => sendWorkItems((sqs ??= new SQSClient({})), queueUrl, bodies);
}
