/**
 * Who may talk to the local S3 and DynamoDB endpoints, with the real SDK: requests signed with the stack's
 * key pair work; unsigned, wrongly signed, tampered, expired and browser requests get AWS's refusals; no key
 * writes outside the data folder; a key too long for a file name is stored, one too long for S3 is refused,
 * and the stack goes on answering.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { dirname, join, relative, resolve } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TABLE_NAMES } from '../../infra/local/localStack.js';
import { Sha256 } from '../support/sha256.js';
import { startTestStack, type TestStack } from './helpers.js';

/** An HTTP request sent exactly as given (fetch would resolve `..` in the path). */
function raw(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c) => { text += c; }).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Every file under a folder, as paths relative to it. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(root, p)).isFile());
}

describe('local emulator access', () => {
  let t: TestStack;
  let s3Port: number;
  let dynamoPort: number;
  let dynamo: DynamoDBClient;
  const sdkS3 = (credentials: { accessKeyId: string; secretAccessKey: string }) => new S3Client({
    endpoint: t.stack.ready.s3Endpoint, region: 'us-east-1', forcePathStyle: true, credentials, maxAttempts: 1,
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const sdkDynamo = (credentials: { accessKeyId: string; secretAccessKey: string }) => new DynamoDBClient({
    endpoint: `http://127.0.0.1:${dynamoPort}`, region: 'us-east-1', credentials, maxAttempts: 1,
  });
  const localPair = () => ({ accessKeyId: t.stack.ready.accessKeyId, secretAccessKey: t.stack.ready.secretAccessKey });
  /** A request signed by the SDK's signer with the local pair and sent byte for byte. */
  const signedRaw = async (method: string, path: string, body = '', sentPath = path) => {
    const signer = new SignatureV4({ service: 's3', region: 'us-east-1', sha256: Sha256, credentials: localPair(), uriEscapePath: false });
    const host = `127.0.0.1:${s3Port}`;
    const signed = await signer.sign(new HttpRequest({
      method, hostname: '127.0.0.1', port: s3Port, path,
      headers: { host, 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'), 'content-length': String(Buffer.byteLength(body)) },
      body,
    })) as HttpRequest;
    return raw(s3Port, method, sentPath, signed.headers, body);
  };
  const keys = async (prefix: string) => (await t.s3.send(new ListObjectsV2Command({ Bucket: t.stack.ready.bucket, Prefix: prefix }))).Contents?.map((o) => o.Key!) ?? [];
  const errorOf = async (send: () => Promise<unknown>) => {
    try {
      await send();
      return 'no error';
    } catch (error) {
      return (error as Error).name;
    }
  };

  beforeAll(async () => {
    t = await startTestStack();
    s3Port = t.stack.ports.s3;
    dynamoPort = t.stack.ports.dynamodb;
    dynamo = sdkDynamo(localPair());
  });
  afterAll(async () => {
    dynamo.destroy();
    await t.stop();
  });

  it('works for the real SDK with the stack\'s key pair, generated for its data folder', async () => {
    await t.put('incoming/access/signed.txt', 'signed and accepted');
    const got = await t.s3.send(new GetObjectCommand({ Bucket: t.stack.ready.bucket, Key: 'incoming/access/signed.txt' }));
    expect(await got.Body!.transformToString()).toBe('signed and accepted');
    expect((await dynamo.send(new ScanCommand({ TableName: LOCAL_TABLE_NAMES.uploads, Limit: 1 }))).$metadata.httpStatusCode).toBe(200);
    expect(t.stack.ready.secretAccessKey).not.toBe('S3RVER');
    expect(t.stack.ready.secretAccessKey.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses unsigned requests as S3 and DynamoDB do', async () => {
    const put = await raw(s3Port, 'PUT', `/${t.stack.ready.bucket}/incoming/access/unsigned.txt`, { 'content-length': '1' }, 'x');
    expect(put.status).toBe(403);
    expect(put.body).toContain('<Code>AccessDenied</Code>');
    const list = await raw(s3Port, 'GET', `/${t.stack.ready.bucket}?list-type=2`);
    expect(list.status).toBe(403);
    const scan = await raw(dynamoPort, 'POST', '/', { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.Scan' }, JSON.stringify({ TableName: LOCAL_TABLE_NAMES.articles }));
    expect(scan.status).toBe(403);
    expect(JSON.parse(scan.body).__type).toMatch(/#MissingAuthenticationTokenException$/);
    // The emulators' own signature schemes (s3rver's SigV2 with its built-in key) do not pass either.
    const v2 = await raw(s3Port, 'GET', `/${t.stack.ready.bucket}`, { authorization: 'AWS S3RVER:c2lnbmF0dXJl', date: new Date().toUTCString() });
    expect(v2.status).toBe(400);
    expect(await keys('incoming/access/unsigned')).toEqual([]);
  });

  it('refuses a wrong secret, an unknown key id, a tampered and an expired presigned URL', async () => {
    const wrongSecret = sdkS3({ accessKeyId: t.stack.ready.accessKeyId, secretAccessKey: 'S3RVER' });
    const unknownKey = sdkS3({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
    const put = (client: S3Client) => () => client.send(new PutObjectCommand({ Bucket: t.stack.ready.bucket, Key: 'incoming/access/wrong.txt', Body: 'x' }));
    expect(await errorOf(put(wrongSecret))).toBe('SignatureDoesNotMatch');
    expect(await errorOf(put(unknownKey))).toBe('InvalidAccessKeyId');
    const scan = (client: DynamoDBClient) => () => client.send(new ScanCommand({ TableName: LOCAL_TABLE_NAMES.articles }));
    expect(await errorOf(scan(sdkDynamo({ accessKeyId: t.stack.ready.accessKeyId, secretAccessKey: 'S3RVER' })))).toBe('InvalidSignatureException');
    expect(await errorOf(scan(sdkDynamo({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' })))).toBe('UnrecognizedClientException');
    // wrongly signed DynamoDB calls are refused with 403, as S3's are
    const refusedScan = await scan(sdkDynamo({ accessKeyId: t.stack.ready.accessKeyId, secretAccessKey: 'S3RVER' }))().catch((e: { $metadata?: { httpStatusCode?: number } }) => e);
    expect((refusedScan as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(403);
    [wrongSecret, unknownKey].forEach((c) => c.destroy());
    expect(await keys('incoming/access/wrong')).toEqual([]);

    const url = await getSignedUrl(t.s3, new GetObjectCommand({ Bucket: t.stack.ready.bucket, Key: 'incoming/access/signed.txt' }), { expiresIn: 60 });
    expect((await fetch(url)).status).toBe(200);
    const tampered = url.replace(/X-Amz-Signature=([0-9a-f])/, (_, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`);
    const refused = await fetch(tampered);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const expired = await getSignedUrl(t.s3, new GetObjectCommand({ Bucket: t.stack.ready.bucket, Key: 'incoming/access/signed.txt' }), {
      expiresIn: 1, signingDate: new Date(Date.now() - 60_000),
    });
    const late = await fetch(expired);
    expect(late.status).toBe(403);
    expect(await late.text()).toMatch(/<Code>AccessDenied<\/Code><Message>Request has expired/);
  });

  it('checks a presigned upload\'s signature and signed length, as S3 does', async () => {
    const size = 95_492;
    const created = await t.api('/uploads', { method: 'POST', body: { name: 'exact size.txt', size, contentType: 'text/plain' } });
    expect(created.status).toBe(201);
    const send = (url: string, body: string) => fetch(url, { method: 'PUT', headers: created.body.headers, body });
    const short = await send(created.body.url, 'x'.repeat(100));
    expect(short.status).toBe(403);
    expect(await short.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const tampered = await send(created.body.url.replace(/X-Amz-Signature=([0-9a-f])/, (_: string, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`), 'y'.repeat(size));
    expect(tampered.status).toBe(403);
    expect(await keys(created.body.key)).toEqual([]);
    const exact = await send(created.body.url, `${'The harbour opened a new ferry terminal on Monday. '.repeat(2000)}`.slice(0, size));
    expect(exact.status).toBe(200);
    expect(await keys(created.body.key)).toEqual([created.body.key]);
  });

  it('refuses a signed body that does not match its signed SHA-256', async () => {
    const path = `/${t.stack.ready.bucket}/incoming/access/hash.txt`;
    const signer = new SignatureV4({ service: 's3', region: 'us-east-1', sha256: Sha256, credentials: localPair(), uriEscapePath: false });
    const signed = await signer.sign(new HttpRequest({
      method: 'PUT', hostname: '127.0.0.1', port: s3Port, path,
      headers: { host: `127.0.0.1:${s3Port}`, 'x-amz-content-sha256': createHash('sha256').update('original').digest('hex'), 'content-length': '8' },
    })) as HttpRequest;
    const swapped = await raw(s3Port, 'PUT', path, signed.headers, 'replaced');
    expect(swapped.status).toBe(400);
    expect(swapped.body).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
    expect(await keys('incoming/access/hash')).toEqual([]);
  });

  it('keeps every key inside the data folder: dot segments, NUL bytes, bucket names', async () => {
    const hostile = ['incoming/../../../../proof', 'incoming/./a/../../b', 'incoming//double', 'incoming/nul\0byte', '/absolute'];
    for (const key of hostile) await t.put(key, `content of ${JSON.stringify(key)}`);
    const bucketDir = join(t.dataDir, 's3', t.stack.ready.bucket);
    // Nothing where a file system would take the key to lead (`/tmp/proof` for the first), and no S3 file
    // anywhere in the data folder but under the bucket's folder.
    for (const key of hostile) expect(existsSync(`${resolve(bucketDir, key.replace(/\0/g, ''))}._S3rver_object`), key).toBe(false);
    const s3Files = filesUnder(join(t.dataDir, 's3')).map((p) => join(t.dataDir, 's3', p));
    expect(s3Files.filter((p) => relative(bucketDir, p).startsWith('..'))).toEqual([]);
    expect(filesUnder(t.dataDir).filter((p) => p.includes('_S3rver_') && !p.startsWith(`s3/${t.stack.ready.bucket}/`))).toEqual([]);
    // (A NUL cannot be written in XML 1.0, so a listing that would hold it is not asked for, as with S3.)
    const listed = (await t.s3.send(new ListObjectsV2Command({ Bucket: t.stack.ready.bucket, Prefix: 'incoming/.' }))).Contents!.map((o) => o.Key);
    expect(listed).toEqual(['incoming/../../../../proof', 'incoming/./a/../../b']);
    expect(await keys('incoming//')).toEqual(['incoming//double']);
    expect(await keys('/')).toEqual(['/absolute']);
    for (const key of hostile) {
      const got = await t.s3.send(new GetObjectCommand({ Bucket: t.stack.ready.bucket, Key: key }));
      expect(await got.Body!.transformToString()).toBe(`content of ${JSON.stringify(key)}`);
    }
    // A bucket name that is a path: refused, signed or not.
    // (S3 signs the path decoded and encoded again: `%2E%2E` is signed as `..`.)
    for (const [signedPath, sentPath] of [['/../escape.txt', '/%2E%2E/escape.txt'], ['/..%2F..%2Fescape/x.txt', '/..%2F..%2Fescape/x.txt']]) {
      const response = await signedRaw('PUT', signedPath, 'x', sentPath);
      expect(response.status).toBe(400);
      expect(response.body).toContain('<Code>InvalidBucketName</Code>');
    }
    expect(existsSync(join(t.dataDir, 'escape.txt._S3rver_object'))).toBe(false);
    expect(existsSync(join(dirname(t.dataDir), 'escape'))).toBe(false);
    expect(readdirSync(join(t.dataDir, 's3'))).toEqual([t.stack.ready.bucket]);
  });

  it('stores keys with segments too long for a file name, refuses keys too long for S3, and keeps answering', async () => {
    const long = `incoming/access/${'é'.repeat(300)}/${'x'.repeat(400)}.txt`;
    await t.put(long, 'a long key');
    const got = await t.s3.send(new GetObjectCommand({ Bucket: t.stack.ready.bucket, Key: long }));
    expect(await got.Body!.transformToString()).toBe('a long key');
    expect(await keys('incoming/access/é')).toEqual([long]);

    const tooLong = `incoming/${'y'.repeat(1020)}`;
    expect(await errorOf(() => t.put(tooLong, 'x'))).toBe('KeyTooLongError');
    // The presigned upload flow with a name whose UTF-8 is longer than a file name.
    const created = await t.api('/uploads', { method: 'POST', body: { name: `${'ü'.repeat(180)}.txt`, size: 5, contentType: 'text/plain' } });
    expect(created.status).toBe(201);
    expect((await fetch(created.body.url, { method: 'PUT', headers: created.body.headers, body: 'hello' })).status).toBe(200);
    await t.stack.settle();
    expect((await t.api(`/uploads/${encodeURIComponent(created.body.key)}`)).status).toBe(200);
    expect((await t.api('/articles?limit=1')).status).toBe(200);
    expect(await keys(created.body.key)).toEqual([created.body.key]);
  });

  it('pages a listing in S3\'s key order, long and escaped keys included', async () => {
    const written = ['incoming/pages/a-b', 'incoming/pages/a/x', 'incoming/pages/z', `incoming/pages/${'é'.repeat(150)}`, 'incoming/pages/../up', 'incoming/pages//empty'];
    for (const key of written) await t.put(key, 'x');
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await t.s3.send(new ListObjectsV2Command({ Bucket: t.stack.ready.bucket, Prefix: 'incoming/pages/', MaxKeys: 2, ContinuationToken: token }));
      seen.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.NextContinuationToken;
      pages += 1;
    } while (token);
    expect(seen).toEqual([...written].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect(pages).toBe(3);
    expect(await errorOf(() => t.s3.send(new ListObjectsV2Command({ Bucket: t.stack.ready.bucket, ContinuationToken: 'not-a-token' })))).toBe('InvalidArgument');
  });

  it('refuses browser requests: preflights, Origin, cross-site fetches, and answers with no CORS header', async () => {
    const preflight = { origin: 'https://evil.example', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization,x-amz-date' };
    for (const port of [s3Port, dynamoPort]) {
      const options = await raw(port, 'OPTIONS', `/${t.stack.ready.bucket}/incoming/x`, preflight);
      expect(options.status).toBe(403);
      expect(options.headers['access-control-allow-origin']).toBeUndefined();
    }
    const scan = await raw(dynamoPort, 'POST', '/', {
      origin: 'https://evil.example', 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.Scan',
    }, JSON.stringify({ TableName: LOCAL_TABLE_NAMES.articles }));
    expect(scan.status).toBe(403);
    expect(scan.headers['access-control-allow-origin']).toBeUndefined();
    const form = await raw(s3Port, 'POST', `/${t.stack.ready.bucket}`, {
      origin: 'null', 'content-type': 'multipart/form-data; boundary=b',
    }, '--b\r\nContent-Disposition: form-data; name="key"\r\n\r\nincoming/form.txt\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\nx\r\n--b--\r\n');
    expect(form.status).toBe(403);
    // The same form without Origin (a non-browser client): a POST-policy upload with no signature is refused too.
    const unsignedForm = await raw(s3Port, 'POST', `/${t.stack.ready.bucket}`, { 'content-type': 'multipart/form-data; boundary=b' },
      '--b\r\nContent-Disposition: form-data; name="key"\r\n\r\nincoming/form.txt\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\nx\r\n--b--\r\n');
    expect(unsignedForm.status).toBe(403);
    const rebound = await raw(s3Port, 'GET', `/${t.stack.ready.bucket}`, { host: `evil.example:${s3Port}` });
    expect(rebound.status).toBe(403);
    expect(await keys('incoming/form')).toEqual([]);
  });
});
