/**
 * The whole pipeline on one machine, in one process: S3 and DynamoDB emulators that the real SDK talks to,
 * the ingest queue with its dead-letter queue, the event source mapping, and the API — wired around the same
 * handlers that run in Lambda. Only the environment differs from AWS (endpoints, table and bucket names).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { encodeS3Key } from '../../shared/service/events/s3Events.js';
import { ARTICLES_TABLE, DEFAULT_BODIES_PREFIX, DEFAULT_PROFILES_PREFIX, DEFAULT_UPLOAD_PREFIX, ENV, INGEST_ENV, UPLOADS_TABLE } from '../../shared/service/storage/tableSchema.js';
import { INGEST_DEFAULTS } from '../pipelineDefaults.js';
import type { ClientDecorator } from '../../shared/service/storage/awsClients.js';
import { adminRoutes } from './adminRoutes.js';
import { startApiServer } from './apiServer.js';
import {
  addFaultCounters, crashingHandler, type FaultCounters, faultInjector, type FaultState, newFaultCounters, parseFaults,
} from './faults.js';
import { InvocationPool } from './invocationPool.js';
import { ensureBucket, ensureLanguageRegistry, ensureTables, LOCAL_ACCESS_KEY_ID, LOCAL_REGION, startDynamo, startS3 } from './emulators.js';
import type { ReadyInfo } from '../../shared/service/localStackInfo.js';
import type { Credentials } from './sigv4.js';
import { SqsEventSource } from './eventSource.js';
import { LocalQueue, messageKey, type QueueWarning } from './queue.js';

/** Log levels at which the stack's WARN lines (redeliveries, dead letters) are written. */
const WARN_LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN']);

export interface LocalStackOptions {
  /** Where the emulators keep their data; records survive a restart with the same folder. */
  dataDir: string;
  /** 0 picks a free port. */
  ports?: { s3?: number; dynamodb?: number; api?: number };
  bucket?: string;
  prefix?: string;
  /** The bearer token the API expects; by default one generated once and kept in the data folder. */
  token?: string;
  /**
   * The ingest queue's visibility timeout; by default the deployed queue's (INGEST_DEFAULTS: 6 × the function
   * timeout plus the batching window), so long work is not handed out twice. Tests pass a short one.
   */
  visibilityTimeoutMs?: number;
  /** The ingest invocation timeout; by default the deployed function's (INGEST_DEFAULTS.timeoutSeconds). */
  invocationTimeoutMs?: number;
  concurrency?: number;
  /**
   * Where ingest invocations run: `workers` (the default) gives each concurrent invocation its own worker thread
   * with the deployed function's timeout and memory, as Lambda does, so the API answers while ingests run;
   * `in-process` runs the handler on the stack's own event loop, for tests and benchmarks that hook its SDK clients.
   */
  invocations?: 'workers' | 'in-process';
  logLevel?: string;
  /** Fault injection, as SIFT_FAULTS (the default) says: `dynamodb=0.1,s3=0.1,crash=0.02`. */
  faults?: string;
  /**
   * More decorators for the SDK clients of the handlers that run on the stack's own event loop (the API, and
   * ingest with `invocations: 'in-process'`): a test's or a bench's hooks, given to the handlers as values.
   */
  clientDecorators?: readonly ClientDecorator[];
  /**
   * How the work items the handler sends reach the ingest queue; by default each once. A test may deliver
   * them twice, as SQS's at-least-once delivery may.
   */
  deliverWorkItems?: (bodies: readonly string[], send: (body: string) => void) => void;
}

export interface LocalStack {
  ready: ReadyInfo;
  /** The ports in use, to start again on the same ones (the handlers' SDK clients live as long as the process). */
  ports: { s3: number; dynamodb: number; api: number };
  queue: LocalQueue;
  deadLetterQueue: LocalQueue;
  /** Fault injection: what it did so far, and a switch (a SIFT_FAULTS string, or null for none). */
  faults: FaultCounters;
  setFaults(spec: string | null): void;
  /** Resolves once every queued message has been handled (or dead-lettered). */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Process-wide, as the handlers' SDK clients are (see faults.ts). */
const FAULTS: FaultState = { rates: null, counters: newFaultCounters() };
const injectFaults = faultInjector(FAULTS);

export const LOCAL_TABLE_NAMES = { articles: 'sift-articles', uploads: 'sift-uploads' };

function tokenFor(dataDir: string, given?: string, name = 'api-token'): string {
  const file = join(dataDir, name);
  const kept = existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
  if (given) {
    // Kept even when given, so that `cat .sift/api-token` gives the token in use.
    if (kept !== given) writeFileSync(file, `${given}\n`, { mode: 0o600 });
    return given;
  }
  if (kept) return kept;
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

/** S3 gives each event of a key an increasing sequencer; s3rver's is a millisecond clock, so two events can tie. */
function sequencerClock() {
  let last = 0n;
  return () => {
    const now = BigInt(Date.now()) * 1000n;
    last = now > last ? now : last + 1n;
    return last.toString(16).toUpperCase();
  };
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const dataDir = options.dataDir;
  mkdirSync(dataDir, { recursive: true });
  const bucket = options.bucket ?? 'sift-drop';
  const prefix = options.prefix ?? DEFAULT_UPLOAD_PREFIX;
  const token = tokenFor(dataDir, options.token);
  // The emulators accept only requests signed with this pair; the secret is generated once per data folder.
  const credentials: Credentials = { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: tokenFor(dataDir, undefined, 'aws-secret-key') };

  const s3 = await startS3(dataDir, options.ports?.s3 ?? 0, credentials);
  const dynamo = await startDynamo(dataDir, options.ports?.dynamodb ?? 0, credentials);
  await ensureTables(dynamo.endpoint, credentials, [
    { schema: ARTICLES_TABLE, name: LOCAL_TABLE_NAMES.articles },
    { schema: UPLOADS_TABLE, name: LOCAL_TABLE_NAMES.uploads },
  ]);
  await ensureLanguageRegistry(dynamo.endpoint, credentials, LOCAL_TABLE_NAMES.articles);
  const firstStart = !existsSync(join(dataDir, 's3', bucket));
  await ensureBucket(s3.endpoint, credentials, bucket);

  // The handlers learn their resources from the environment, exactly as in Lambda.
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    // Generated once and kept like the token: a cursor cannot be forged from a value written in the source.
    SIFT_CURSOR_SECRET: tokenFor(dataDir, process.env.SIFT_CURSOR_SECRET, 'cursor-secret'),
    [ENV.articlesTable]: LOCAL_TABLE_NAMES.articles,
    [ENV.uploadsTable]: LOCAL_TABLE_NAMES.uploads,
    [ENV.bucket]: bucket,
    [ENV.uploadPrefix]: prefix,
    [ENV.bodiesPrefix]: DEFAULT_BODIES_PREFIX,
    // source profiles, as in AWS: objects under their own prefix, outside the upload prefix (never ingested)
    [ENV.profilesPrefix]: DEFAULT_PROFILES_PREFIX,
    POWERTOOLS_LOG_LEVEL: options.logLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
    // Embedded metrics are for CloudWatch; on a laptop they would only flood stdout.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  });
  FAULTS.rates = parseFaults(options.faults ?? process.env.SIFT_FAULTS);
  // The handlers' runtime on this event loop: faults injected into their clients, and the options' hooks.
  const clientDecorators = [injectFaults, ...(options.clientDecorators ?? [])];
  const { createApiHandler } = await import('../../lambdas/api/handler.js');
  const api: (e: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> = createApiHandler({ clientDecorators });

  const visibilityTimeoutMs = options.visibilityTimeoutMs ?? INGEST_DEFAULTS.visibilityTimeoutSeconds * 1000;
  const logLevel = process.env.POWERTOOLS_LOG_LEVEL!;
  const onWarn = (warning: QueueWarning) => {
    if (!WARN_LEVELS.has(logLevel.toUpperCase())) return;
    process.stderr.write(`${JSON.stringify({ level: 'WARN', message: `message ${warning.event}`, timestamp: new Date().toISOString(), ...warning })}\n`);
  };
  // Both queues are kept in the data folder, so what was queued or dead-lettered survives a restart (or a kill).
  const journal = (name: string) => join(dataDir, 'queues', `${name}.jsonl`);
  const deadLetterQueue = new LocalQueue({ name: 'sift-ingest-dlq', visibilityTimeoutMs, onWarn, journal: journal('sift-ingest-dlq') });
  const queue = new LocalQueue({
    name: 'sift-ingest', visibilityTimeoutMs, maxReceiveCount: INGEST_DEFAULTS.maxReceiveCount, deadLetter: deadLetterQueue, onWarn,
    journal: journal('sift-ingest'),
  });
  // Work items of big uploads go back to the ingest queue: the handler sends them to INGEST_QUEUE_URL, as in
  // Lambda; locally that URL names this in-process queue, whose sender the handler is given (its runtime).
  const queueUrl = `local://${queue.name}`;
  const deliver = options.deliverWorkItems ?? ((bodies, send) => bodies.forEach(send));
  const sendWorkItems = async (bodies: readonly string[]) => deliver(bodies, (body) => queue.send(body));
  process.env.INGEST_QUEUE_URL = queueUrl;
  process.env[INGEST_ENV.maxReceives] = String(INGEST_DEFAULTS.maxReceiveCount);

  // The bucket notification: ObjectCreated:* and ObjectRemoved:* under the prefix, keys URL-encoded as S3 sends them.
  const nextSequencer = sequencerClock();
  s3.instance.on('event', (event: { Records: { eventName: string; s3: { bucket: { name: string }; object: { key: string; sequencer?: string } } }[] }) => {
    for (const record of event.Records) {
      const { key } = record.s3.object;
      if (record.s3.bucket.name !== bucket || !key.startsWith(prefix)) continue;
      if (!/^ObjectCreated:|^ObjectRemoved:/.test(record.eventName)) continue;
      const sent = { ...record, s3: { ...record.s3, object: { ...record.s3.object, key: encodeS3Key(key), sequencer: nextSequencer() } } };
      queue.send(JSON.stringify({ Records: [sent] }));
    }
  });
  if (firstStart) queue.send(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: bucket, Time: new Date().toISOString() }));

  let stopping = false;
  const timeoutMs = options.invocationTimeoutMs ?? INGEST_DEFAULTS.timeoutSeconds * 1000;
  const pool = (options.invocations ?? 'workers') === 'workers'
    ? new InvocationPool({
      module: new URL('../../lambdas/ingest/handler.ts', import.meta.url).href, exportName: 'createIngestHandler', factory: true, crashable: true,
      timeoutMs, memoryMb: INGEST_DEFAULTS.memoryMb, semiSpaceMb: INGEST_DEFAULTS.semiSpaceMb,
      env: () => Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined)),
      faults: () => FAULTS.rates,
      enqueue: async (url, bodies) => {
        if (url !== queueUrl) throw new Error(`no local queue is given for ${url}`);
        await sendWorkItems(bodies);
      },
      onCounters: (counters) => addFaultCounters(FAULTS.counters, counters),
    })
    : undefined;
  const ingest = pool
    ? (event: SQSEvent) => pool.invoke(event)
    : crashingHandler(
      (await import('../../lambdas/ingest/handler.js')).createIngestHandler({ clientDecorators, localQueue: sendWorkItems }) as (e: SQSEvent) => Promise<SQSBatchResponse>,
      FAULTS,
    );
  const eventSource = new SqsEventSource(queue, ingest, {
    batchSize: INGEST_DEFAULTS.batchSize,
    concurrency: options.concurrency ?? 2,
    // The pool enforces the timeout itself, by terminating the worker.
    timeoutMs: pool ? undefined : timeoutMs,
    // An invocation cut short by stop() is no news: its messages stay queued for the next start.
    onError: (error) => stopping || process.stderr.write(`ingest batch failed: ${(error as Error).message}\n`),
  });
  eventSource.start();
  await requeueUnfinished(s3.endpoint, bucket, prefix, dynamo.endpoint, credentials, queue, deadLetterQueue, nextSequencer);
  const apiServer = await startApiServer(api, token, options.ports?.api ?? 0, adminRoutes(queue, deadLetterQueue));

  const ready: ReadyInfo = {
    s3Endpoint: s3.endpoint, bucket, prefix, region: LOCAL_REGION,
    accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey,
    api: apiServer.url, token,
  };
  const portOf = (url: string) => Number(new URL(url).port);
  return {
    ready, queue, deadLetterQueue,
    faults: FAULTS.counters,
    setFaults: (spec) => {
      FAULTS.rates = parseFaults(spec ?? undefined);
      Object.assign(FAULTS.counters, newFaultCounters());
    },
    ports: { s3: portOf(s3.endpoint), dynamodb: portOf(dynamo.endpoint), api: portOf(apiServer.url) },
    async settle(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!eventSource.idle) {
        if (Date.now() > deadline) throw new Error(`the ingest queue did not settle in ${timeoutMs} ms (depth ${queue.depth})`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      stopping = true;
      // Invocations still running are cut short, as a container that goes away: their messages stay queued.
      const polling = eventSource.stop();
      await pool?.close();
      await polling;
      await apiServer.close();
      await s3.close();
      await dynamo.close();
    },
  };
}

/**
 * An object without a final status and without a message about it in either queue (a data folder from before
 * the queues were kept, or a journal removed by hand) would wait forever: enqueue an ObjectCreated event for
 * each, as S3 would have sent. One with a message waits for it; one in the dead-letter queue waits for a redrive.
 */
async function requeueUnfinished(
  s3Endpoint: string, bucket: string, prefix: string, dynamoEndpoint: string, credentials: Credentials, queue: LocalQueue,
  deadLetterQueue: LocalQueue, sequencer: () => string,
): Promise<void> {
  // Work items name the key as it is; S3 events URL-encoded.
  const queued = new Set([...queue.peekAll(), ...deadLetterQueue.peekAll()].map((m) => messageKey(m.body)));
  const hasMessage = (key: string) => queued.has(key) || queued.has(encodeS3Key(key));
  const s3 = new S3Client({ endpoint: s3Endpoint, region: LOCAL_REGION, credentials, forcePathStyle: true });
  const ddb = new DynamoDBClient({ endpoint: dynamoEndpoint, region: LOCAL_REGION, credentials });
  try {
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        const status = await ddb.send(new GetItemCommand({ TableName: LOCAL_TABLE_NAMES.uploads, Key: { key: { S: object.Key! } } }));
        const state = status.Item?.status?.S;
        if ((state && state !== 'PENDING') || hasMessage(object.Key!)) continue;
        queue.send(JSON.stringify({ Records: [{
          eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: LOCAL_REGION, eventTime: new Date().toISOString(),
          eventName: 'ObjectCreated:Put',
          s3: { s3SchemaVersion: '1.0', bucket: { name: bucket }, object: { key: encodeS3Key(object.Key!), size: object.Size, sequencer: sequencer() } },
        }] }));
      }
      token = page.NextContinuationToken;
    } while (token);
  } finally {
    s3.destroy();
    ddb.destroy();
  }
}
