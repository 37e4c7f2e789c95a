/** Test helpers for the local stack: a started stack in a temp folder, an S3 client and an API client. */
import { expect } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../infra/local/localStack.js';
import { CORPUS } from '../support/referencePaths.js';

export interface TestStack {
  stack: LocalStack;
  dataDir: string;
  s3: S3Client;
  put(key: string, body: Uint8Array | string): Promise<void>;
  remove(key: string): Promise<void>;
  api<T = any>(path: string, init?: { token?: string | null; method?: string; body?: unknown }): Promise<{ status: number; body: T; type: string }>;
  stop(removeData?: boolean): Promise<void>;
}

export async function startTestStack(options: Partial<LocalStackOptions> = {}): Promise<TestStack> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sift-test-'));
  const stack = await startLocalStack({ visibilityTimeoutMs: 1500, logLevel: 'ERROR', concurrency: 2, ...options, dataDir });
  const r = stack.ready;
  const s3 = new S3Client({
    endpoint: r.s3Endpoint, region: r.region, forcePathStyle: true,
    credentials: { accessKeyId: r.accessKeyId, secretAccessKey: r.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    stack, dataDir, s3,
    async put(key, body) {
      await s3.send(new PutObjectCommand({ Bucket: r.bucket, Key: key, Body: body }));
    },
    async remove(key) {
      await s3.send(new DeleteObjectCommand({ Bucket: r.bucket, Key: key }));
    },
    async api(path, init = {}) {
      const token = init.token === undefined ? r.token : init.token;
      const res = await fetch(`${r.api}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, type: res.headers.get('content-type') ?? '' };
    },
    async stop(removeData = true) {
      s3.destroy();
      await stack.stop();
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An S3 notification body as S3 sends it to SQS (key URL-encoded, `+` for spaces). */
export function s3Notification(bucket: string, encodedKey: string, sequencer: string, eventName = 'ObjectCreated:Put') {
  return JSON.stringify({
    Records: [{
      eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: 'us-east-1', eventTime: new Date().toISOString(), eventName,
      s3: { s3SchemaVersion: '1.0', bucket: { name: bucket }, object: { key: encodedKey, sequencer } },
    }],
  });
}


/** A plain-text dump of real pages in many languages, repeated to about `bytes`: seconds of CPU-bound work. */
export function corpusTextDump(bytes: number): string {
  const pages = readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => { try { return [readFileSync(join(CORPUS, d.name, 'source.txt'), 'utf8')]; } catch { return []; } });
  const parts: string[] = [];
  for (let size = 0, i = 0; size < bytes; i++) {
    const page = pages[i % pages.length];
    parts.push(page);
    size += Buffer.byteLength(page);
  }
  return parts.join('\n\n');
}

/** Every page of an API list, through its cursors (at most `maxPages`; each page must answer 200). */
export async function listPages(t: TestStack, path: string, maxPages = 100): Promise<any[][]> {
  const pages: any[][] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: any } = await t.api(`${path}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.status, path).toBe(200);
    pages.push(page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor && pages.length < maxPages);
  return pages;
}
