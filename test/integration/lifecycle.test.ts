/**
 * The stack as a process: `npm start` goes when it is told to or when its parent goes (nothing left holding
 * the ports), and a kill in the middle of an ingest loses nothing: the queues are kept in the data folder,
 * so on restart what was queued, in flight or dead-lettered is still there and every upload ends final.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReadyInfo } from '../../shared/service/localStackInfo.js';
import { messageKey } from '../../infra/local/queue.js';
import { encodeS3Key } from '../../shared/service/events/s3Events.js';
import { corpusTextDump, startTestStack, type TestStack } from './helpers.js';

const root = resolve(import.meta.dirname, '../..');

/** Ports free right now, for a stack that must come back on the same ones. */
/**
 * `n` free ports below the kernel's ephemeral range, which every other test's `listen(0)` draws from:
 * ports this test releases and binds again must not be handed to another test's server in between.
 */
async function freePorts(n: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < n) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    if (ports.includes(port)) continue;
    const free = await new Promise<boolean>((done) => {
      const server = createServer().once('error', () => done(false)).listen(port, '127.0.0.1', () => server.close(() => done(true)));
    });
    if (free) ports.push(port);
  }
  return ports;
}

interface Started {
  child: ChildProcess;
  ready: ReadyInfo;
  exited: Promise<number | null>;
  output: () => string;
}

/** Starts the stack as a user does (`npm start`, or the node command under it) and waits for its ready line. */
async function start(command: string[], dataDir: string, ports: number[]): Promise<Started> {
  const [s3, dynamodb, api] = ports;
  const child = spawn(command[0], [...command.slice(1), '--data', dataDir], {
    cwd: root,
    env: { ...process.env, SIFT_S3_PORT: String(s3), SIFT_DYNAMODB_PORT: String(dynamodb), SIFT_API_PORT: String(api) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const ready = await new Promise<ReadyInfo>((done, fail) => {
    const read = (chunk: Buffer) => {
      out += chunk;
      const line = /^SIFT_READY (.*)$/m.exec(out);
      if (line) done(JSON.parse(line[1]) as ReadyInfo);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((code) => fail(new Error(`the stack exited (${code}) before it was ready:\n${out}`)));
  });
  return { child, ready, exited, output: () => out };
}

/** Resolves once nothing listens on the port any more (a bare connection, so no keep-alive holds the server). */
async function released(port: number): Promise<void> {
  for (;;) {
    const listening = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1', () => { socket.destroy(); done(true); }).on('error', () => done(false));
    });
    if (!listening) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the stack as a process', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  let t: TestStack | undefined;
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sift-life-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    await t?.stop(false);
    t = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGKILL'] as const)('`kill -%s` of `npm start` stops the whole stack, and a restart on the same ports works', async (signal) => {
    // Prepare
    const dir = dataDir();
    const ports = await freePorts(3);
    const first = await start(['npm', 'start', '--'], dir, ports);
    children.push(first.child);
    // Act: the signal goes to npm only, as `kill PID` of the command a person typed.
    first.child.kill(signal);
    await first.exited;
    await Promise.all(ports.map(released));
    const second = await start(['npm', 'start', '--'], dir, ports);
    children.push(second.child);
    // Assess
    expect(second.ready.api).toBe(`http://127.0.0.1:${ports[2]}`);
    expect((await fetch(`${second.ready.api}/uploads`, { headers: { authorization: `Bearer ${second.ready.token}` } })).status).toBe(200);
  });

  it('a SIGKILL mid-ingest loses nothing: after a restart the queued and dead-lettered messages are there and every upload ends final', async () => {
    // Prepare: a dead-lettered upload from an earlier run (every DynamoDB call failing until its receives ran out).
    const dir = dataDir();
    // A first start queues S3's s3:TestEvent; it is acknowledged here, under a visibility timeout longer than a
    // cold worker start, so the 100 ms one below cannot see it received again and dead-lettered beside `stuck`.
    t = await startTestStack({ dataDir: dir, visibilityTimeoutMs: 60_000 });
    await t.stack.settle();
    await t.stop(false);
    t = await startTestStack({ dataDir: dir, visibilityTimeoutMs: 100 });
    const stuck = 'incoming/life/stuck.txt';
    t.stack.setFaults('dynamodb=1');
    await t.put(stuck, corpusTextDump(2_000));
    await t.stack.settle();
    t.stack.setFaults(null);
    await t.stop(false);
    t = undefined;
    // The stack as `npm start` runs it, given a long upload and two short ones, killed while it works on them.
    const big = 'incoming/life/big dump.txt';
    const small = ['incoming/life/one.txt', 'incoming/life/two.txt'];
    const killed = await start(['node', '--import', 'tsx', 'infra/local/main.ts'], dir, [0, 0, 0]);
    children.push(killed.child);
    const s3 = (await import('@aws-sdk/client-s3'));
    const client = new s3.S3Client({
      endpoint: killed.ready.s3Endpoint, region: killed.ready.region, forcePathStyle: true,
      credentials: { accessKeyId: killed.ready.accessKeyId, secretAccessKey: killed.ready.secretAccessKey },
    });
    await client.send(new s3.PutObjectCommand({ Bucket: killed.ready.bucket, Key: big, Body: corpusTextDump(1_000_000) }));
    for (const key of small) await client.send(new s3.PutObjectCommand({ Bucket: killed.ready.bucket, Key: key, Body: corpusTextDump(3_000) }));
    client.destroy();
    const headers = { authorization: `Bearer ${killed.ready.token}` };
    // Wait for the ingest of the big upload to have begun (its status written), then kill.
    while ((await fetch(`${killed.ready.api}/uploads/${encodeURIComponent(big)}`, { headers })).status === 404) await new Promise((r) => setTimeout(r, 50));
    // Act
    killed.child.kill('SIGKILL');
    await killed.exited;
    t = await startTestStack({ dataDir: dir });
    const queued = t.stack.queue.peekAll().map((m) => messageKey(m.body));
    const deadLettered = t.stack.deadLetterQueue.peekAll().map((m) => messageKey(m.body));
    await t.stack.settle(180_000);
    // Assess
    expect(queued).toContain(encodeS3Key(big));
    expect(deadLettered).toEqual([encodeS3Key(stuck)]);
    expect(t.stack.deadLetterQueue.depth).toBe(1);
    for (const key of [big, ...small]) {
      const status = (await t.api(`/uploads/${encodeURIComponent(key)}`)).body;
      expect(status, key).toMatchObject({ status: 'PROCESSED' });
      const stored = (await t.api(`/articles?upload=${encodeURIComponent(key)}&limit=100`)).body.items.map((a: { id: string }) => a.id);
      expect(new Set(stored).size, key).toBe(stored.length);
      if (status.articleCount <= 100) expect(stored.sort(), key).toEqual([...status.articleIds].sort());
    }
    // The dead-lettered upload waited for an operator, and ends final once redriven.
    expect((await t.api(`/uploads/${encodeURIComponent(stuck)}`)).body?.status).not.toBe('PROCESSED');
    expect((await t.api('/_local/dlq/redrive', { method: 'POST' })).body.moved).toBe(1);
    await t.stack.settle();
    expect((await t.api(`/uploads/${encodeURIComponent(stuck)}`)).body.status).toBe('PROCESSED');
  });
});
