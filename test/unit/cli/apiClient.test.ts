import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { ApiClient, ApiRequestError, encodeRfc3986, Sha256 } from '../../../cli/apiClient.js';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
}

function stubFetch(status = 200, body: unknown = { items: [], nextCursor: null }) {
  const sent: Sent[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    sent.push({ url, method: init.method ?? 'GET', headers: init.headers as Record<string, string> });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { sent, fetchFn };
}

const hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** An independent SigV4 (execute-api) reference: path segments encoded twice, as AWS requires for every service but S3. */
function referenceSignature(o: { method: string; host: string; path: string; query: Record<string, string>; amzDate: string; secret: string; region: string; token?: string }) {
  const canonicalPath = o.path.split('/').map((seg) => encodeRfc3986(seg)).join('/');
  const canonicalQuery = Object.entries(o.query).map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)])
    .sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join('&');
  const headers: [string, string][] = [['accept', 'application/json'], ['host', o.host], ['x-amz-date', o.amzDate]];
  if (o.token) headers.push(['x-amz-security-token', o.token]);
  headers.sort(([a], [b]) => (a < b ? -1 : 1));
  const signedHeaders = headers.map(([k]) => k).join(';');
  const canonical = [o.method, canonicalPath, canonicalQuery, ...headers.map(([k, v]) => `${k}:${v}`), '', signedHeaders, hex('')].join('\n');
  const day = o.amzDate.slice(0, 8);
  const scope = `${day}/${o.region}/execute-api/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', o.amzDate, scope, hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${o.secret}`, day), o.region), 'execute-api'), 'aws4_request');
  return { signedHeaders, signature: createHmac('sha256', key).update(toSign).digest('hex'), scope };
}

describe('SigV4 signing', () => {
  it('the node:crypto hash gives the AWS test suite signature (get-vanilla)', async () => {
    const signer = new SignatureV4({
      service: 'service', region: 'us-east-1', sha256: Sha256, applyChecksum: false,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    });
    const signed = await signer.sign(
      { method: 'GET', protocol: 'https:', hostname: 'example.amazonaws.com', path: '/', query: {}, headers: { host: 'example.amazonaws.com' } },
      { signingDate: new Date('2015-08-30T12:36:00Z') },
    );
    expect(signed.headers.authorization).toBe('AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, '
      + 'SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
  });

  it('signs API requests for execute-api: stage path, encoded key, sorted query, session token', async () => {
    const { sent, fetchFn } = stubFetch(200, { key: 'incoming/a b.txt', status: 'PENDING', articleIds: [], updatedAt: 'x' });
    const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret/key', sessionToken: 'session+token' });
    const api = new ApiClient('https://abc.execute-api.eu-west-1.amazonaws.com/prod/', { kind: 'sigv4', region: 'eu-west-1', credentials }, fetchFn);
    await api.getUpload('incoming/a b.txt');
    await api.listArticles({ lang: 'ar', from: '2024-01-01', source: "Al-Qamar (O'Neil)", limit: 5 });

    expect(sent[0].url).toBe('https://abc.execute-api.eu-west-1.amazonaws.com/prod/uploads/incoming%2Fa%20b.txt');
    expect(sent[1].url).toBe('https://abc.execute-api.eu-west-1.amazonaws.com/prod/articles?from=2024-01-01&lang=ar&limit=5&source=Al-Qamar%20%28O%27Neil%29');
    for (const [i, req] of sent.entries()) {
      const url = new URL(req.url);
      const amzDate = req.headers['x-amz-date'];
      expect(amzDate).toMatch(/^\d{8}T\d{6}Z$/);
      expect(req.headers['x-amz-security-token']).toBe('session+token');
      expect(req.headers).not.toHaveProperty('host');
      const ref = referenceSignature({
        method: 'GET', host: url.host, path: url.pathname, query: Object.fromEntries(url.searchParams),
        amzDate, secret: 'secret/key', region: 'eu-west-1', token: 'session+token',
      });
      expect(req.headers.authorization, `request ${i}`)
        .toBe(`AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${ref.scope}, SignedHeaders=${ref.signedHeaders}, Signature=${ref.signature}`);
    }
  });
});

describe('ApiClient', () => {
  it('sends the bearer token locally and turns problems into errors a person can read', async () => {
    const ok = stubFetch();
    const local = new ApiClient('http://127.0.0.1:4571', { kind: 'bearer', token: 'tok' }, ok.fetchFn);
    await local.listArticles({ lang: 'ar' });
    expect(ok.sent[0]).toMatchObject({ url: 'http://127.0.0.1:4571/articles?lang=ar', headers: { authorization: 'Bearer tok' } });

    const bad = stubFetch(400, { type: 'about:blank', status: 400, title: 'Bad Request', detail: "'lang' must be a 2- or 3-letter language code" });
    const error = await new ApiClient('http://h', { kind: 'bearer', token: 't' }, bad.fetchFn).listArticles({ lang: 'arabic' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 400, message: "the API answered 400: 'lang' must be a 2- or 3-letter language code" });

    const denied = stubFetch(401, { status: 401, detail: 'a valid bearer token is required' });
    await expect(new ApiClient('http://h', { kind: 'bearer', token: 't' }, denied.fetchFn).listArticles({}))
      .rejects.toThrow('the API refused the credentials (401: a valid bearer token is required)');
  });

  it('answers null for a 404 on one article or upload', async () => {
    const missing = stubFetch(404, { status: 404, detail: 'no article' });
    const api = new ApiClient('http://h', { kind: 'bearer', token: 't' }, missing.fetchFn);
    expect(await api.getArticle('0'.repeat(32))).toBeNull();
    expect(await api.getUpload('incoming/x')).toBeNull();
  });

  it('says the local stack is not running when nothing listens', async () => {
    const refused = (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    }) as unknown as typeof fetch;
    await expect(new ApiClient('http://127.0.0.1:9', { kind: 'bearer', token: 't' }, refused).listArticles({}))
      .rejects.toThrow('cannot reach the API at http://127.0.0.1:9 (ECONNREFUSED); is the local stack running? Start it with `npm start`');
  });
});
