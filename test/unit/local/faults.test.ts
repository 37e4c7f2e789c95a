import { describe, expect, it } from 'vitest';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { crashingHandler, faultInjector, type FaultState, newFaultCounters, parseFaults } from '../../../infra/local/faults.js';

const offline = { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, endpoint: 'http://127.0.0.1:9' };

describe('parseFaults', () => {
  it('reads SIFT_FAULTS and rejects what it cannot read', () => {
    expect(parseFaults('dynamodb=0.1,s3=0.05,crash=0.02')).toEqual({ dynamodb: 0.1, s3: 0.05, crash: 0.02 });
    expect(parseFaults('')).toBeNull();
    expect(() => parseFaults('sqs=0.1')).toThrow(/SIFT_FAULTS/);
    expect(() => parseFaults('s3=2')).toThrow(/SIFT_FAULTS/);
  });
});

describe('faultInjector', () => {
  it('makes the SDK see real throttling and 5xx responses, and retry them', async () => {
    // Prepare
    const state: FaultState = { rates: { dynamodb: 1, s3: 1, crash: 0 }, counters: newFaultCounters() };
    const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ ...offline, maxAttempts: 3, retryStrategy: undefined }));
    const s3 = new S3Client({ ...offline, forcePathStyle: true, maxAttempts: 2 });
    faultInjector(state)({ ddb, s3 });
    // Act
    const ddbError = await ddb.send(new GetCommand({ TableName: 't', Key: { id: 'a' } })).catch((e) => e);
    const s3Error = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })).catch((e) => e);
    // Assess
    expect(['ThrottlingException', 'InternalServerError']).toContain(ddbError.name);
    expect(ddbError.$metadata.attempts).toBe(3);
    expect(['SlowDown', 'InternalError']).toContain(s3Error.name);
    expect(s3Error.$metadata.httpStatusCode).toBeGreaterThanOrEqual(500);
    expect(state.counters.injected).toEqual({ dynamodb: 3, s3: 2 });
  });

  it('lets calls through when the rate is zero', async () => {
    const state: FaultState = { rates: null, counters: newFaultCounters() };
    const s3 = new S3Client({ ...offline, forcePathStyle: true, maxAttempts: 1 });
    faultInjector(state)({ ddb: DynamoDBDocumentClient.from(new DynamoDBClient(offline)), s3 });
    const error = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })).catch((e) => e);
    expect(error.code ?? error.name).toMatch(/ECONNREFUSED|Error/);
    expect(state.counters.injected.s3).toBe(0);
  });
});

describe('crashingHandler', () => {
  it('handles part of the batch, then fails the whole invocation', async () => {
    const state: FaultState = { rates: { dynamodb: 0, s3: 0, crash: 1 }, counters: newFaultCounters() };
    const handled: string[] = [];
    const handler = crashingHandler(async (e) => {
      handled.push(...e.Records.map((r) => r.messageId));
      return { batchItemFailures: [] };
    }, state, () => 0.6);
    const records = ['a', 'b', 'c', 'd', 'e'].map((messageId) => ({ messageId }) as never);
    await expect(handler({ Records: records })).rejects.toThrow(/injected crash after 3 of 5/);
    expect(handled).toEqual(['a', 'b', 'c']);
    expect(state.counters.crashes).toBe(1);
  });
});
