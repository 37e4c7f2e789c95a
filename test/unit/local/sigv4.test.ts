/**
 * The local emulators' SigV4 check against the SDK's own signer (@smithy/signature-v4): whatever the SDK
 * signs verifies, for S3 and DynamoDB, header and presigned forms; anything changed after signing does not.
 */
import { buildQueryString, HttpRequest } from '@smithy/core/protocols';
import { getCanonicalHeaders, SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest as SignedRequest } from '@smithy/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalPath, canonicalQuery, canonicalRequest, type IncomingSigned, parseAmzDate, queryPairs, SERVICES, sha256Hex,
  UNSIGNED_PAYLOAD, uriEncode, verify, type VerifyOptions,
} from '../../../infra/local/sigv4.js';
import { Sha256 } from '../../support/sha256.js';

const credentials = { accessKeyId: 'SIFTLOCAL', secretAccessKey: 'a-local-secret/with+odd=chars' };
const region = 'us-east-1';
const signedAt = new Date('2026-03-04T05:06:07Z');
const now = signedAt.getTime() + 1000;

const signer = (service: 's3' | 'dynamodb', secret = credentials.secretAccessKey, accessKeyId = credentials.accessKeyId) => new SignatureV4({
  service, region, sha256: Sha256, credentials: { accessKeyId, secretAccessKey: secret }, uriEscapePath: service !== 's3',
});

/** The request as it reaches the server: the SDK's node handler sends the path as is and the query built by buildQueryString. */
function onTheWire(request: SignedRequest): IncomingSigned {
  const query = buildQueryString(request.query ?? {});
  return { method: request.method, path: request.path, query, headers: Object.entries(request.headers) };
}

const s3Request = (key: string, extra: Partial<HttpRequest> = {}) => new HttpRequest({
  method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port: 4569,
  // The S3 client encodes each key segment with RFC 3986 (extendedEncodeURIComponent).
  path: `/sift-drop/${key.split('/').map(uriEncode).join('/')}`,
  headers: { host: '127.0.0.1:4569', 'x-amz-content-sha256': UNSIGNED_PAYLOAD },
  ...extra,
});

const dynamoRequest = (body: string) => new HttpRequest({
  method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4570, path: '/',
  headers: { host: '127.0.0.1:4570', 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.Scan', 'content-length': String(Buffer.byteLength(body)) },
  body,
});

const s3Options: VerifyOptions = { rules: SERVICES.s3, region, credentials, now };
const dynamoOptions = (body: string): VerifyOptions => ({ rules: SERVICES.dynamodb, region, credentials, now, bodySha256: sha256Hex(body) });

describe('canonical request', () => {
  it('is the SDK signer\'s, for S3 and for DynamoDB paths', () => {
    for (const [service, path] of [['s3', '/b/a%20b/%C3%A9t%C3%A9/%28x%29~y'], ['dynamodb', '/a/./b/../c%20d/']] as const) {
      const sdk = signer(service);
      const request = new HttpRequest({
        method: 'PUT', hostname: 'h', path, query: { 'list-type': '2', prefix: 'a b/ü', empty: '' },
        headers: { host: 'h', 'x-amz-date': '20260304T050607Z', 'x-amz-meta-note': '  two   spaces ' },
      });
      const headers = getCanonicalHeaders(request);
      // The signer's own canonical request (a protected method: what it signs).
      const expected = (sdk as unknown as { createCanonicalRequest(r: HttpRequest, h: object, p: string): string }).createCanonicalRequest(request, headers, 'PAYLOAD');
      const wire = onTheWire(request);
      const ours = canonicalRequest(
        'PUT', canonicalPath(wire.path, SERVICES[service])!, canonicalQuery(queryPairs(wire.query)!), wire.headers, Object.keys(headers).sort(), 'PAYLOAD',
      );
      expect(ours).toBe(expected);
    }
  });

  it('sorts the query by name, then value, and encodes as RFC 3986', () => {
    expect(canonicalQuery([['a-b', '1'], ['a', '2'], ['a', '1'], ['x', "!'()*"]])).toBe('a=1&a=2&a-b=1&x=%21%27%28%29%2A');
    expect(queryPairs('a=%E0%A4')).toBeNull();
    expect(parseAmzDate('20260304T050607Z')).toBe(signedAt.getTime());
    expect(parseAmzDate('2026-03-04')).toBeNaN();
  });
});

describe('verify', () => {
  it('accepts what the SDK signs: any key, header form and presigned form', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
      fc.string({ maxLength: 10 }),
      async (segments, prefix) => {
        const key = segments.join('/');
        const request = s3Request(key, { query: { prefix } });
        const signed = await signer('s3').sign(request, { signingDate: signedAt }) as HttpRequest;
        expect(verify(onTheWire(signed), s3Options)).toMatchObject({ ok: true, payloadHash: UNSIGNED_PAYLOAD });
        const presigned = await signer('s3').presign(s3Request(key), { signingDate: signedAt, expiresIn: 60 });
        expect(verify(onTheWire(presigned), s3Options)).toMatchObject({ ok: true });
      },
    ), { numRuns: 60 });
  });

  it('accepts a signed DynamoDB call and refuses it once its body is changed', async () => {
    const body = JSON.stringify({ TableName: 'sift-articles' });
    const signed = await signer('dynamodb').sign(dynamoRequest(body), { signingDate: signedAt }) as HttpRequest;
    expect(verify(onTheWire(signed), dynamoOptions(body))).toMatchObject({ ok: true });
    expect(verify(onTheWire(signed), dynamoOptions(body.replace('articles', 'uploads')))).toMatchObject({ ok: false, problem: 'mismatch' });
  });

  it('refuses a presigned PUT sent with another length than it was issued for', async () => {
    const put = s3Request('incoming/api/x.txt', { method: 'PUT', headers: { host: '127.0.0.1:4569', 'content-length': '95492', 'x-amz-content-sha256': UNSIGNED_PAYLOAD } });
    const presigned = await signer('s3').presign(put, { signingDate: signedAt, expiresIn: 900, signableHeaders: new Set(['content-length']) });
    const wire = onTheWire(presigned);
    expect(verify(wire, s3Options)).toMatchObject({ ok: true });
    const shorter = { ...wire, headers: wire.headers.map(([n, v]) => [n, n === 'content-length' ? '100' : v] as [string, string]) };
    expect(verify(shorter, s3Options)).toMatchObject({ ok: false, problem: 'mismatch' });
    expect(verify(wire, { ...s3Options, now: signedAt.getTime() + 901_000 })).toMatchObject({ ok: false, problem: 'expired' });
  });

  it('refuses the wrong secret, another key id, a tampered signature, a changed path or query', async () => {
    const request = s3Request('incoming/a.txt', { query: { 'list-type': '2' } });
    const check = async (sdk: SignatureV4) => verify(onTheWire(await sdk.sign(request, { signingDate: signedAt }) as HttpRequest), s3Options);
    expect(await check(signer('s3', 'another secret'))).toMatchObject({ ok: false, problem: 'mismatch' });
    expect(await check(signer('s3', credentials.secretAccessKey, 'AKIDEXAMPLE'))).toMatchObject({ ok: false, problem: 'unknownKey' });

    const wire = onTheWire(await signer('s3').sign(request, { signingDate: signedAt }) as HttpRequest);
    const tamper = (headers: [string, string][]) => headers.map(([n, v]) => [n, n === 'authorization' ? v.replace(/.$/, (c) => (c === '0' ? '1' : '0')) : v] as [string, string]);
    expect(verify({ ...wire, headers: tamper(wire.headers) }, s3Options)).toMatchObject({ ok: false, problem: 'mismatch' });
    expect(verify({ ...wire, path: '/sift-drop/incoming/b.txt' }, s3Options)).toMatchObject({ ok: false, problem: 'mismatch' });
    expect(verify({ ...wire, query: 'list-type=1' }, s3Options)).toMatchObject({ ok: false, problem: 'mismatch' });

    const presigned = onTheWire(await signer('s3').presign(s3Request('incoming/a.txt'), { signingDate: signedAt }));
    expect(verify({ ...presigned, query: presigned.query.replace(/X-Amz-Signature=./, 'X-Amz-Signature=f') }, s3Options)).toMatchObject({ ok: false });
    expect(verify({ ...presigned, path: '/sift-drop/incoming/b.txt' }, s3Options)).toMatchObject({ ok: false, problem: 'mismatch' });
  });

  it('refuses unsigned, malformed, stale, foreign-scoped requests and unsigned x-amz headers', async () => {
    expect(verify(onTheWire(s3Request('a')), s3Options)).toMatchObject({ ok: false, problem: 'missing' });
    const garbage = { ...onTheWire(s3Request('a')), headers: [['host', '127.0.0.1:4569'], ['authorization', 'AWS S3RVER:abc']] as [string, string][] };
    expect(verify(garbage, s3Options)).toMatchObject({ ok: false, problem: 'malformed' });

    const signed = onTheWire(await signer('s3').sign(s3Request('a'), { signingDate: signedAt }) as HttpRequest);
    expect(verify(signed, { ...s3Options, now: now + 16 * 60_000 })).toMatchObject({ ok: false, problem: 'skewed' });
    expect(verify(signed, { ...s3Options, region: 'eu-west-1' })).toMatchObject({ ok: false, problem: 'scope' });
    expect(verify(signed, { ...s3Options, rules: { ...SERVICES.s3, name: 'sqs' } })).toMatchObject({ ok: false, problem: 'scope' });
    expect(verify({ ...signed, headers: [...signed.headers, ['x-amz-acl', 'public-read']] }, s3Options)).toMatchObject({ ok: false, problem: 'unsignedHeaders' });
    const noHash = { ...signed, headers: signed.headers.filter(([n]) => n !== 'x-amz-content-sha256') };
    expect(verify(noHash, s3Options)).toMatchObject({ ok: false });
  });

  it('hands back the signed body hash of an S3 upload, for the store to check', async () => {
    const hash = sha256Hex('body');
    const put = s3Request('incoming/x', { method: 'PUT', headers: { host: '127.0.0.1:4569', 'x-amz-content-sha256': hash } });
    const signed = await signer('s3').sign(put, { signingDate: signedAt }) as HttpRequest;
    expect(verify(onTheWire(signed), s3Options)).toMatchObject({ ok: true, payloadHash: hash });
  });
});
