import type { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { sendWorkItems, workQueueFor } from '../../../shared/service/storage/workQueue.js';

/** A stand-in SQS client: records each SendMessageBatch, and fails the entries `fail` picks once. */
function fakeSqs(fail: (id: string, round: number) => boolean = () => false) {
  const batches: string[][] = [];
  let round = 0;
  const client = {
    async send(command: { input: { QueueUrl: string; Entries: { Id: string; MessageBody: string }[] } }) {
      const entries = command.input.Entries;
      batches.push(entries.map((e) => e.MessageBody));
      const failed = entries.filter((e) => fail(e.Id, round)).map((e) => ({ Id: e.Id, Code: 'InternalError', SenderFault: false }));
      round++;
      return { Successful: [], Failed: failed };
    },
  } as unknown as SQSClient;
  return { client, batches };
}

describe('work queue', () => {
  it('sends in batches of 10 and sends again the entries SQS reports as failed', async () => {
    // Prepare
    const bodies = Array.from({ length: 23 }, (_, i) => `item ${i}`);
    const { client, batches } = fakeSqs((id, round) => round === 0 && (id === '3' || id === '7'));
    // Act
    await sendWorkItems(client, 'https://sqs.example/q', bodies);
    // Assess
    expect(batches.map((b) => b.length)).toEqual([10, 2, 10, 3]);
    expect(batches[1]).toEqual(['item 3', 'item 7']);
    expect(new Set(batches.flat())).toEqual(new Set(bodies));
  });

  it('gives up with an error when SQS keeps refusing an entry', async () => {
    const { client } = fakeSqs((id) => id === '0');
    await expect(sendWorkItems(client, 'https://sqs.example/q', ['a'])).rejects.toThrow(/did not accept 1 work items/);
  }, 10_000);

  it('sends to the in-process queue the runtime gives for a local:// URL, and fails without one', async () => {
    const got: string[] = [];
    await workQueueFor('local://unit-test', async (bodies) => void got.push(...bodies))(['x', 'y']);
    expect(got).toEqual(['x', 'y']);
    await expect(workQueueFor('local://nobody')(['z'])).rejects.toThrow(/no local queue is given for local:\/\/nobody/);
  });
});
