/**
 * The ingest handler with a batch of piece work items: they run one at a time (CPU-bound extraction on one
 * thread), and one that would run past the invocation's deadline is sent back to the queue, not started.
 * The piece pipeline is replaced by a fake that records how many pieces run at once.
 */
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { pieceMessage, type PieceWorkItem } from '../../../shared/service/pipeline/pieces.js';
import { resetPieceTimes } from '../../../shared/service/pipeline/pieceTurns.js';
import { ENV } from '../../../shared/service/storage/tableSchema.js';

let running = 0;
let most = 0;
const ran: number[] = [];
vi.mock('../../../shared/service/pipeline/ingestPiece.js', () => ({
  ingestPieceItem: async (_ctx: unknown, item: { piece: number; pieces: number }) => {
    most = Math.max(most, ++running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running--;
    ran.push(item.piece);
    return { outcome: 'piece', phase: 'count', piece: item.piece, pieces: item.pieces, articles: 1 };
  },
}));

const QUEUE = 'local://pieces-test';
const sent: string[] = [];
Object.assign(process.env, { [ENV.articlesTable]: 'articles', [ENV.uploadsTable]: 'uploads', [ENV.bucket]: 'drop', AWS_REGION: 'us-east-1', INGEST_QUEUE_URL: QUEUE });
// the handler as the local stack makes it: its runtime's sender stands behind the local:// queue URL
const { createIngestHandler } = await import('../../../lambdas/ingest/handler.js');
const handler = createIngestHandler({ localQueue: async (bodies) => { sent.push(...bodies); } });

const item = (piece: number): PieceWorkItem => ({
  phase: 'count', bucket: 'drop', key: 'incoming/big.txt', sequencer: '0055AED6DCD90281E5', piece, pieces: 5,
  size: 5 * 4096, start: piece * 4096, end: (piece + 1) * 4096, format: 'text', gzipMembers: false, regionBytes: 4096,
});
const message = (piece: number): SQSRecord => ({
  messageId: `m${piece}`, receiptHandle: `m${piece}`, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:0:q', awsRegion: 'us-east-1',
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
  messageAttributes: {},
  body: pieceMessage(item(piece)),
});
const batch: SQSEvent = { Records: [0, 1, 2, 3, 4].map(message) };
const contextLeft = (ms: number) => ({ getRemainingTimeInMillis: () => ms, functionName: 'sift-ingest', awsRequestId: 'r' }) as unknown as Context;

describe('ingest handler: piece work items', () => {
  beforeEach(() => {
    running = most = 0;
    ran.length = sent.length = 0;
    resetPieceTimes();
  });

  it('runs the pieces of a batch one at a time, in order', async () => {
    expect(await handler(batch, contextLeft(120_000))).toEqual({ batchItemFailures: [] });
    expect(ran).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(1);
    expect(sent).toEqual([]);
  });

  it('sends back to the queue, unstarted, the pieces the time left would not see finished', async () => {
    // this environment ran a piece of 10 s before; 12 s left is not enough for another after the first
    // (which always runs), 30 s is
    resetPieceTimes(10_000);
    expect(await handler(batch, contextLeft(12_000))).toEqual({ batchItemFailures: [] });
    expect(ran).toEqual([0]);
    expect(sent).toEqual(batch.Records.slice(1).map((r) => r.body));
    ran.length = sent.length = 0;
    expect(await handler(batch, contextLeft(30_000))).toEqual({ batchItemFailures: [] });
    expect(ran).toEqual([0, 1, 2, 3, 4]);
    expect(sent).toEqual([]);
  });

  it('runs a piece in every invocation, whatever the longest piece seen (no piece goes round the queue for ever)', async () => {
    // a piece once took longer than a whole invocation: each invocation still runs one, and sends the rest on
    resetPieceTimes(600_000);
    for (let i = 0; i < 5; i++) {
      ran.length = sent.length = 0;
      expect(await handler({ Records: batch.Records.slice(i) }, contextLeft(120_000))).toEqual({ batchItemFailures: [] });
      expect(ran).toEqual([i]);
      expect(sent).toEqual(batch.Records.slice(i + 1).map((r) => r.body));
    }
  });

  it('runs every piece when the deadline is not known', async () => {
    resetPieceTimes(10_000);
    expect(await handler(batch)).toEqual({ batchItemFailures: [] });
    expect(ran).toEqual([0, 1, 2, 3, 4]);
  });
});
