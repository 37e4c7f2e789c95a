/**
 * End-to-end throughput on the local stack (uploads/s, articles/s for 1,000 mixed scrapes), the API's
 * GET /articles latency (p50/p99), and a cost estimate per million articles in AWS from what was measured:
 * item sizes and write units, function time, and request counts. `npm run bench -- pipeline`.
 * SIFT_BENCH_UPLOADS changes the number of uploads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { startLocalStack } from '../../infra/local/localStack.js';
import { INGEST_DEFAULTS } from '../../infra/pipelineDefaults.js';
import { ARTICLES_TABLE } from '../../shared/storage/tableSchema.js';
import { clientDecorators } from '../../shared/storage/awsClients.js';
import { scrapeAt } from '../integration/scrapeFactory.js';

/** On-demand, us-east-1, as published in 2025 (USD). Written down so the estimate can be redone. */
const PRICES = {
  dynamoWriteUnitPerMillion: 0.625,
  dynamoReadUnitPerMillion: 0.125,
  dynamoStorageGbMonth: 0.25,
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequestPerMillion: 0.2,
  sqsRequestPerMillion: 0.4,
  s3PutPerThousand: 0.005,
  s3GetPerThousand: 0.0004,
};

interface Counters {
  commands: Record<string, number>;
  writeUnits: number;
  itemBytes: number;
  articleItems: number;
}

const KB = 1024;
const itemSize = (item: unknown) => Buffer.byteLength(JSON.stringify(item));

/** Write units of one put: the table item, plus each index the item appears in (projected view and keys). */
function writeUnits(item: Record<string, unknown>): number {
  let units = Math.ceil(itemSize(item) / KB);
  for (const index of ARTICLES_TABLE.indexes) {
    if (item[index.partitionKey.name] === undefined) continue;
    const carried = index.nonKeyAttributes ?? Object.keys(item);
    const projected = { id: item.id, [index.partitionKey.name]: item[index.partitionKey.name], sortKey: item.sortKey, ...Object.fromEntries(carried.map((a) => [a, item[a]])) };
    units += Math.ceil(itemSize(projected) / KB);
  }
  return units;
}

function countingDecorator(c: Counters) {
  return ({ ddb, s3 }: { ddb: any; s3: any }) => {
    for (const client of [ddb, s3]) {
      client.middlewareStack.add((next: any, context: any) => async (args: any) => {
        try {
          count(c, context.commandName, args.input);
        } catch (error) {
          console.error(`bench counter: ${(error as Error).message}`);
        }
        return next(args);
      }, { step: 'build', name: 'benchCounter' });
    }
  };
}

/** Marshalled items (AttributeValue maps) and plain ones both occur, depending on where in the stack this runs. */
const plainItem = (item: Record<string, any>) =>
  item.id && typeof item.id === 'object' && 'S' in item.id ? unmarshall(item) : item;

function count(c: Counters, commandName: string, input: any) {
  c.commands[commandName] = (c.commands[commandName] ?? 0) + 1;
  if (/^(Update|Put)(Item)?Command$/.test(commandName)) c.writeUnits += 1;
  if (!/^BatchWrite(Item)?Command$/.test(commandName)) return;
  for (const requests of Object.values(input.RequestItems ?? {}) as any[]) {
    for (const r of requests) {
      if (r.DeleteRequest) c.writeUnits += 1;
      if (!r.PutRequest) continue;
      const item = plainItem(r.PutRequest.Item);
      c.writeUnits += writeUnits(item);
      if (item.feed) {
        c.articleItems++;
        c.itemBytes += itemSize(item);
      }
    }
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export default async function pipelineBench(): Promise<void> {
  const uploads = Number(process.env.SIFT_BENCH_UPLOADS ?? 1000);
  const counters: Counters = { commands: {}, writeUnits: 0, itemBytes: 0, articleItems: 0 };
  clientDecorators.push(countingDecorator(counters));
  const dataDir = mkdtempSync(join(tmpdir(), 'sift-bench-'));
  // In process: the counting decorator must see the ingest handler's SDK clients.
  const stack = await startLocalStack({ dataDir, logLevel: 'ERROR', concurrency: 2, visibilityTimeoutMs: 60_000, invocations: 'in-process' });
  const r = stack.ready;
  const s3 = new S3Client({
    endpoint: r.s3Endpoint, region: r.region, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED',
    credentials: { accessKeyId: r.accessKeyId, secretAccessKey: r.secretAccessKey },
  });
  try {
    // Uploads: every scrape of the factory's mix, bad ones included (they cost a status write).
    const keys = Array.from({ length: uploads }, (_, i) => `${r.prefix}bench/${scrapeAt(i).name}`);
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < uploads; i += 16) {
      await Promise.all(keys.slice(i, i + 16).map((key, j) => s3.send(new PutObjectCommand({ Bucket: r.bucket, Key: key, Body: scrapeAt(i + j).body }))));
    }
    await stack.settle(30 * 60_000);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const articles = counters.articleItems;
    console.log(`pipeline: ${uploads} uploads, ${articles} articles in ${seconds.toFixed(1)} s → ${(uploads / seconds).toFixed(1)} uploads/s, ${(articles / seconds).toFixed(1)} articles/s (local stack, one process, concurrency 2; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s incl. emulators)`);

    // API latency: list queries with and without filters, on the records just written.
    const paths = ['/articles?limit=20', '/articles?lang=ar&limit=20', '/articles?lang=en&from=2024-03-01&to=2024-03-31&limit=20', `/articles?upload=${encodeURIComponent(keys[1])}`];
    const latencies: number[] = [];
    for (let i = 0; i < 400; i++) {
      const t0 = performance.now();
      const res = await fetch(`${r.api}${paths[i % paths.length]}`, { headers: { authorization: `Bearer ${r.token}` } });
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    console.log(`api: GET /articles ×${latencies.length} p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (local stack, sequential)`);

    // Cost per million articles, from the measured counts.
    const perArticle = (n: number) => (articles ? n / articles : 0);
    const wruPerArticle = perArticle(counters.writeUnits);
    const s3Gets = counters.commands.GetObjectCommand ?? 0;
    const s3Puts = (counters.commands.PutObjectCommand ?? 0) + uploads; // the uploads themselves
    const queries = (counters.commands.QueryCommand ?? 0) + (counters.commands.GetItemCommand ?? 0);
    const invocations = Math.ceil(uploads / INGEST_DEFAULTS.batchSize);
    const gbSeconds = (seconds / 2) * (INGEST_DEFAULTS.memoryMb / 1024); // wall time of 2 workers ≈ function time, an upper bound
    const million = 1e6;
    const scale = articles ? million / articles : 0;
    const cost = {
      dynamoWrites: wruPerArticle * PRICES.dynamoWriteUnitPerMillion,
      dynamoReads: perArticle(queries) * PRICES.dynamoReadUnitPerMillion,
      lambda: (gbSeconds * PRICES.lambdaArmGbSecond + (invocations / million) * PRICES.lambdaRequestPerMillion) * scale,
      sqs: ((uploads * 3) / million) * PRICES.sqsRequestPerMillion * scale, // send, receive, delete
      s3: ((s3Puts / 1000) * PRICES.s3PutPerThousand + (s3Gets / 1000) * PRICES.s3GetPerThousand) * scale,
      storageMonth: ((counters.itemBytes / articles) * million / 1024 ** 3) * PRICES.dynamoStorageGbMonth * 2, // table + index copies, roughly
    };
    const total = Object.values(cost).reduce((a, b) => a + b, 0);
    console.log(`items: ${(counters.itemBytes / Math.max(1, articles) / KB).toFixed(2)} KB per article item, ${wruPerArticle.toFixed(2)} write units per article (table, tag items, indexes, status)`);
    console.log(`cost per million articles (USD, us-east-1 on-demand prices in this file): ${Object.entries(cost).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}; total ≈ ${total.toFixed(2)} + ${cost.storageMonth.toFixed(2)}/month storage`);
    console.log(`requests measured: ${JSON.stringify(counters.commands)}`);
  } finally {
    s3.destroy();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
