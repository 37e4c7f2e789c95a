import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStacksCommand, type Output } from '@aws-sdk/client-cloudformation';
import { afterAll, describe, expect, it } from 'vitest';
import { findOutput, localTarget, resolveTarget, STACK_OUTPUTS, stackTarget, targetFromOutputs, TargetError } from '../../../cli/target.js';

const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });

/** A CloudFormation client stand-in: answers DescribeStacks with the given outputs, or fails as the service does. */
function cloudFormation(region: string, answer: { outputs?: Output[]; error?: Error }) {
  const calls: unknown[] = [];
  return {
    calls,
    client: {
      config: { region: async () => region },
      async send(command: unknown) {
        expect(command).toBeInstanceOf(DescribeStacksCommand);
        calls.push((command as DescribeStacksCommand).input);
        if (answer.error) throw answer.error;
        return { Stacks: [{ StackName: 'sift', Outputs: answer.outputs ?? [] }] };
      },
    } as never,
  };
}

const OUTPUTS: Output[] = [
  { OutputKey: 'BucketName', OutputValue: 'sift-drop-123456789012' },
  { OutputKey: 'UploadPrefix', OutputValue: 'incoming/' },
  { OutputKey: 'ProfilesPrefix', OutputValue: 'profiles/' },
  { OutputKey: 'ApiUrl', OutputValue: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/' },
  { OutputKey: 'ArticlesTableName', OutputValue: 'sift-articles' },
  { OutputKey: 'IngestQueueUrl', OutputValue: 'https://sqs.eu-west-1.amazonaws.com/123456789012/sift-ingest' },
  { OutputKey: 'DeadLetterQueueUrl', OutputValue: 'https://sqs.eu-west-1.amazonaws.com/123456789012/sift-dlq' },
];

describe('deployed stack target', () => {
  it('reads the bucket, upload prefix and API URL from the stack outputs and signs with SigV4', async () => {
    const cfn = cloudFormation('eu-west-1', { outputs: OUTPUTS });
    const target = await stackTarget('sift', { cloudFormation: cfn.client, credentials });
    expect(cfn.calls).toEqual([{ StackName: 'sift' }]);
    expect(target).toMatchObject({
      local: false, bucket: 'sift-drop-123456789012', prefix: 'incoming/', profilesPrefix: 'profiles/',
      api: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod',
      auth: { kind: 'sigv4', region: 'eu-west-1' }, s3: { region: 'eu-west-1' },
      description: 'stack sift (eu-west-1)',
      queues: { ingest: 'https://sqs.eu-west-1.amazonaws.com/123456789012/sift-ingest', deadLetter: 'https://sqs.eu-west-1.amazonaws.com/123456789012/sift-dlq' },
    });
    expect(target.s3.endpoint).toBeUndefined();
    expect(STACK_OUTPUTS).toEqual({
      bucket: 'BucketName', prefix: 'UploadPrefix', profilesPrefix: 'ProfilesPrefix', api: 'ApiUrl', ingestQueue: 'IngestQueueUrl',
      deadLetterQueue: 'DeadLetterQueueUrl',
    });
  });

  it('finds outputs CDK named after a nested construct, and defaults the prefix', () => {
    const nested: Output[] = [
      { OutputKey: 'IngestBucketNameA1B2C3D4', OutputValue: 'drop' },
      { OutputKey: 'ApiApiUrl0F1E2D3C', OutputValue: 'https://x.execute-api.us-east-1.amazonaws.com/v1' },
    ];
    expect(findOutput(nested, 'BucketName')).toBe('drop');
    const target = targetFromOutputs('s', 'us-east-1', nested, credentials);
    expect(target.prefix).toBe('incoming/');
    expect(target.profilesPrefix).toBeUndefined(); // an older stack without the output: the CLI uses the default
    expect(target.api).toBe('https://x.execute-api.us-east-1.amazonaws.com/v1');
    expect(targetFromOutputs('s', 'us-east-1', [...nested, { OutputKey: 'UploadPrefix', OutputValue: 'drops' }], credentials).prefix).toBe('drops/');
  });

  it('says which outputs are missing, and when the stack does not exist', async () => {
    const partial = cloudFormation('eu-west-1', { outputs: [{ OutputKey: 'BucketName', OutputValue: 'b' }] });
    await expect(stackTarget('other', { cloudFormation: partial.client, credentials }))
      .rejects.toThrow(/stack other has no output ApiUrl \(its outputs: BucketName\)/);
    const gone = Object.assign(new Error('Stack with id nope does not exist'), { name: 'ValidationError' });
    const missing = cloudFormation('eu-west-1', { error: gone });
    const error = await stackTarget('nope', { cloudFormation: missing.client, credentials }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect((error as Error).message).toBe('stack nope does not exist in eu-west-1');
    const noRegion = { config: { region: async () => { throw new Error('Region is missing'); } }, send: async () => ({}) } as never;
    await expect(stackTarget('sift', { cloudFormation: noRegion, credentials })).rejects.toThrow(/no AWS region: pass --region/);
  });

  it('--stack wins over the local default', async () => {
    const cfn = cloudFormation('us-west-2', { outputs: OUTPUTS });
    const target = await resolveTarget({ stack: 'sift', root: '/nowhere' }, { cloudFormation: cfn.client, credentials });
    expect(target.local).toBe(false);
  });
});

describe('local stack target', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sift-target-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ready = {
    s3Endpoint: 'http://127.0.0.1:4569', bucket: 'sift-drop', prefix: 'incoming/', region: 'us-east-1',
    accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', api: 'http://127.0.0.1:4571', token: 'tok',
  };

  it('reads ready.json from the data folder: S3 endpoint, bucket, prefix, API and bearer token', async () => {
    writeFileSync(join(dir, 'ready.json'), JSON.stringify(ready));
    const target = await resolveTarget({ local: dir, root: '/nowhere' });
    expect(target).toMatchObject({
      local: true, bucket: 'sift-drop', prefix: 'incoming/', api: 'http://127.0.0.1:4571',
      auth: { kind: 'bearer', token: 'tok' },
      s3: { endpoint: 'http://127.0.0.1:4569', region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } },
    });
  });

  it('defaults to .sift/ in the repository, and explains how to start a stack when there is none', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sift-root-'));
    const saved = process.env.SIFT_DATA_DIR;
    delete process.env.SIFT_DATA_DIR;
    try {
      await expect(resolveTarget({ root })).rejects.toThrow(`no local stack found: ${join(root, '.sift', 'ready.json')} does not exist. Start one with \`npm start\``);
    } finally {
      if (saved !== undefined) process.env.SIFT_DATA_DIR = saved;
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('rejects a broken ready.json with a way out', () => {
    writeFileSync(join(dir, 'ready.json'), '{"bucket": "b"');
    expect(() => localTarget(dir)).toThrow(/is not valid JSON .*restart the local stack/);
    writeFileSync(join(dir, 'ready.json'), JSON.stringify({ ...ready, token: undefined }));
    expect(() => localTarget(dir)).toThrow(/lacks token/);
  });
});
