/**
 * A web page on another origin, in a real headless Chromium, against the local stack: it tries to read and
 * write S3, DynamoDB and the API every way a page can (CORS fetches, no-cors fetches, a form post, a
 * DeleteObjects post), and nothing it tries can be read or changes anything.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TABLE_NAMES } from '../../infra/local/localStack.js';
import { startTestStack, type TestStack } from './helpers.js';

// Browser globals used inside page.evaluate callbacks (they run in Chromium; the project has no DOM lib).
declare const document: any;
declare const FormData: any;
declare const Blob: any;

const CHROMIUM = process.env.SIFT_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const MISSING_CHROMIUM = existsSync(CHROMIUM) ? null
  : `Chromium is not installed at ${CHROMIUM}; this test needs it. Install it with: apt-get update && apt-get install -y chromium (or set SIFT_CHROMIUM)`;

const SECRET = 'the content a page must not read';

interface Attempt { name: string; url: string; init?: Record<string, unknown> }
type Outcome = { name: string; outcome: 'refused' | 'opaque' | 'read'; status?: number; text?: string };

describe('a page on another origin', () => {
  let t: TestStack;
  let browser: Browser;
  let attacker: Server;
  let attackerOrigin: string;
  const responses: { url: string; status: number; allowOrigin: string | null }[] = [];
  const uploadsTableSize = async (client: DynamoDBClient) => (await client.send(new ScanCommand({ TableName: LOCAL_TABLE_NAMES.uploads, Select: 'COUNT' }))).Count;

  beforeAll(async () => {
    if (MISSING_CHROMIUM) return;
    t = await startTestStack();
    await t.put('incoming/xo/secret.txt', SECRET);
    await t.stack.settle();
    // The attacker's page: served from another origin (another host name and port).
    attacker = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>elsewhere</title><iframe name="sink"></iframe>');
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerOrigin = `http://localhost:${(attacker.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await t?.stop();
  });

  it('can neither read nor write S3, DynamoDB or the API', async () => {
    if (MISSING_CHROMIUM) throw new Error(MISSING_CHROMIUM);
    const { s3Endpoint, bucket, api } = t.stack.ready;
    const dynamo = `http://127.0.0.1:${t.stack.ports.dynamodb}`;
    const ddb = new DynamoDBClient({ endpoint: dynamo, region: 'us-east-1', credentials: { accessKeyId: t.stack.ready.accessKeyId, secretAccessKey: t.stack.ready.secretAccessKey } });
    const uploadsBefore = await uploadsTableSize(ddb);
    const page = await browser.newPage();
    page.on('response', (r) => {
      if (!r.url().startsWith(attackerOrigin)) responses.push({ url: r.url(), status: r.status(), allowOrigin: r.headers()['access-control-allow-origin'] ?? null });
    });
    await page.goto(`${attackerOrigin}/`);

    const object = `${s3Endpoint}/${bucket}/incoming/xo/secret.txt`;
    const amzJson = (target: string) => ({ 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${target}` });
    const attempts: Attempt[] = [
      { name: 's3 read object', url: object },
      { name: 's3 list bucket', url: `${s3Endpoint}/${bucket}?list-type=2` },
      { name: 's3 read object, no-cors', url: object, init: { mode: 'no-cors' } },
      { name: 's3 put object', url: `${s3Endpoint}/${bucket}/incoming/xo/put.txt`, init: { method: 'PUT', body: 'written by a page' } },
      { name: 's3 put object, no-cors', url: `${s3Endpoint}/${bucket}/incoming/xo/put.txt`, init: { method: 'POST', mode: 'no-cors', body: 'written by a page' } },
      { name: 's3 delete object', url: object, init: { method: 'DELETE' } },
      {
        name: 's3 delete objects, no-cors', url: `${s3Endpoint}/${bucket}?delete`,
        init: { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '<Delete><Object><Key>incoming/xo/secret.txt</Key></Object></Delete>' },
      },
      { name: 'dynamodb scan', url: dynamo, init: { method: 'POST', headers: amzJson('Scan'), body: JSON.stringify({ TableName: LOCAL_TABLE_NAMES.articles }) } },
      { name: 'dynamodb scan, no-cors', url: dynamo, init: { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ TableName: LOCAL_TABLE_NAMES.articles }) } },
      {
        name: 'dynamodb put item', url: dynamo,
        init: { method: 'POST', headers: amzJson('PutItem'), body: JSON.stringify({ TableName: LOCAL_TABLE_NAMES.uploads, Item: { key: { S: 'incoming/xo/forged' }, status: { S: 'PROCESSED' } } }) },
      },
      { name: 'api list articles', url: `${api}/articles?limit=5` },
      { name: 'api list uploads', url: `${api}/uploads?limit=5` },
      { name: 'api read upload', url: `${api}/uploads/${encodeURIComponent('incoming/xo/secret.txt')}` },
      { name: 'api create upload, no-cors', url: `${api}/uploads`, init: { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ name: 'page.txt', size: 4 }) } },
      { name: 'api redrive, no-cors', url: `${api}/_local/dlq/redrive`, init: { method: 'POST', mode: 'no-cors' } },
    ];
    const outcomes: Outcome[] = await page.evaluate(async (list: Attempt[]) => Promise.all(list.map(async ({ name, url, init }) => {
      try {
        const res = await fetch(url, init);
        if (res.type === 'opaque') return { name, outcome: 'opaque' as const };
        return { name, outcome: 'read' as const, status: res.status, text: (await res.text()).slice(0, 200) };
      } catch {
        return { name, outcome: 'refused' as const };
      }
    })), attempts);

    // A browser form post (multipart, as POST-object uploads are), into a frame, with and without a file.
    await page.evaluate(async ({ action }: { action: string }) => {
      const form = document.createElement('form');
      Object.assign(form, { method: 'POST', action, enctype: 'multipart/form-data', target: 'sink' });
      for (const [name, value] of [['key', 'incoming/xo/form.txt'], ['Content-Type', 'text/plain']]) {
        const input = document.createElement('input');
        Object.assign(input, { type: 'hidden', name, value });
        form.appendChild(input);
      }
      document.body.appendChild(form);
      const loaded = new Promise((resolve) => { document.querySelector('iframe').onload = resolve; });
      form.submit();
      await loaded;
      const data = new FormData();
      data.append('key', 'incoming/xo/form-data.txt');
      data.append('file', new Blob(['written by a form']), 'f.txt');
      await fetch(action, { method: 'POST', mode: 'no-cors', body: data });
    }, { action: `${s3Endpoint}/${bucket}` });
    await page.close();
    await t.stack.settle();

    // Nothing could be read: every CORS attempt failed, every no-cors one was opaque.
    expect(outcomes.filter((o) => o.outcome === 'read')).toEqual([]);
    expect(outcomes.filter((o) => !o.name.endsWith('no-cors')).every((o) => o.outcome === 'refused')).toBe(true);
    // What reached the emulators was refused by them (403), never with a CORS grant.
    const emulatorResponses = responses.filter((r) => r.url.startsWith(s3Endpoint) || r.url.startsWith(dynamo));
    expect(emulatorResponses.length).toBeGreaterThan(0);
    expect(emulatorResponses.filter((r) => r.status !== 403)).toEqual([]);
    expect(responses.filter((r) => r.allowOrigin !== null)).toEqual([]);
    // Nothing was written or removed.
    const keys = (await t.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'incoming/xo/' }))).Contents?.map((o) => o.Key);
    expect(keys).toEqual(['incoming/xo/secret.txt']);
    const kept = await t.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'incoming/xo/secret.txt' }));
    expect(await kept.Body!.transformToString()).toBe(SECRET);
    expect(await uploadsTableSize(ddb)).toBe(uploadsBefore);
    expect((await t.api('/uploads?limit=100')).body.items.map((u: { key: string }) => u.key)).toEqual(['incoming/xo/secret.txt']);
    ddb.destroy();
  });
});
