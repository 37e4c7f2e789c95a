/**
 * End-to-end throughput on the local stack (uploads/s, articles/s for 1,000 mixed scrapes), the API's
 * GET /articles latency (p50/p99), and a cost estimate per million articles in AWS from what was measured:
 * the ingest's SDK calls and the capacity DynamoDB says they consumed (index copies sized from the items),
 * function time, and request counts. Sift's own calls are the total; the uploads' own PUTs (the user's) and
 * storage are printed apart, and so are the API's reads, per list request. `npm run bench -- pipeline`.
 * SIFT_BENCH_UPLOADS changes the number of uploads.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
// dynalite's own item-size and capacity rules (DynamoDB's), to size index copies as it sizes table writes
import dynalite from 'dynalite/db/index.js';
import { LOCAL_TABLE_NAMES, startLocalStack } from '../../infra/local/localStack.js';
import { INGEST_DEFAULTS } from '../../infra/pipelineDefaults.js';
import { ARTICLES_TABLE, STORY_KEY_INDEX, type TableSchema, UPLOADS_TABLE } from '../../shared/service/storage/tableSchema.js';
import { scrapeAt } from '../integration/scrapeFactory.js';
import { CORPUS, referenceMissing } from '../support/referencePaths.js';
import { extractUpload } from '../../shared/core/index.js';
import { itemsOf } from '../../shared/service/storage/articleItems.js';

/** On-demand, us-east-1, as published in 2025 (USD). Written down so the estimate can be redone. */
const PRICES = {
  dynamoWriteUnitPerMillion: 0.625,
  dynamoReadUnitPerMillion: 0.125,
  dynamoStorageGbMonth: 0.25,
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequestPerMillion: 0.2,
  sqsRequestPerMillion: 0.4,
  /** PUT, COPY, POST and LIST requests. */
  s3PutPerThousand: 0.005,
  s3GetPerThousand: 0.0004,
};

/** S3 commands by price class (DeleteObjects is free). */
const S3_PUT_CLASS = ['PutObjectCommand', 'ListObjectsV2Command', 'CopyObjectCommand'];
const S3_GET_CLASS = ['GetObjectCommand', 'HeadObjectCommand'];

/** What one phase's calls cost DynamoDB, in capacity units, by where they went. */
interface Counters {
  commands: Record<string, number>;
  /** Write units by table, and by `table/index` for the index copies. */
  writeUnits: Record<string, number>;
  readUnits: number;
  /** Read units by command (and index queried). */
  readUnitsBy: Record<string, number>;
  /** Write units of the story stage: its key index entries and its updates of article items (merges). */
  storyUnits: number;
  itemBytes: number;
  articleItems: number;
}

const newCounters = (): Counters => ({ commands: {}, writeUnits: {}, readUnits: 0, readUnitsBy: {}, storyUnits: 0, itemBytes: 0, articleItems: 0 });
const KB = 1024;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** An item as DynamoDB holds it (attribute-value maps), whether the command carried it plain or marshalled. */
const MARSHALLED = /^(S|N|B|BOOL|NULL|M|L|SS|NS|BS)$/;
const attributeMap = (item: Record<string, any>) => {
  const values = Object.values(item);
  const marshalled = values.length > 0 && values.every((v) => v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && MARSHALLED.test(Object.keys(v)[0]));
  return marshalled ? item : marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: true });
};

/** Tables by the name the local stack gives them (LOCAL_TABLE_NAMES). */
const schemaOf = (tableName: string) =>
  (tableName === LOCAL_TABLE_NAMES.articles ? ARTICLES_TABLE : tableName === LOCAL_TABLE_NAMES.uploads ? UPLOADS_TABLE : undefined);

type AttributeMap = Record<string, any>;

/** An index's entry for an item (its keys and carried attributes; all of the item for an ALL index), or none when the item lacks the index's keys. */
function indexEntry(table: TableSchema, index: TableSchema['indexes'][number], item: AttributeMap | undefined): AttributeMap | undefined {
  if (!item || item[index.partitionKey.name] === undefined || item[index.sortKey.name] === undefined) return undefined;
  const carried = index.nonKeyAttributes ?? Object.keys(item);
  return Object.fromEntries([table.partitionKey.name, index.partitionKey.name, index.sortKey.name, ...carried].filter((a) => item[a] !== undefined).map((a) => [a, item[a]]));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Write units one change of an item (before → after, attribute-value maps; undefined: absent) costs each
 * index of its table, by DynamoDB's rules: an entry that appears is one put, one that goes is one delete,
 * one whose index keys change is both, one whose carried attributes change is one put; each sized as
 * DynamoDB sizes items (dynalite's rules, at least one unit).
 */
function indexWriteUnits(table: TableSchema, before: AttributeMap | undefined, after: AttributeMap | undefined): [string, number][] {
  const units = (entry: AttributeMap) => dynalite.capacityUnits(entry, false);
  return table.indexes.map((index) => {
    const was = indexEntry(table, index, before);
    const is = indexEntry(table, index, after);
    const keys = (e: AttributeMap) => [e[index.partitionKey.name], e[index.sortKey.name]];
    let n = 0;
    if (was && is) n = !same(keys(was), keys(is)) ? units(was) + units(is) : same(was, is) ? 0 : units(is);
    else if (was) n = units(was);
    else if (is) n = units(is);
    return [`${table.logicalName}/${index.indexName}`, n] as [string, number];
  }).filter(([, n]) => n > 0);
}

const add = (units: Record<string, number>, where: string, n: number) => { units[where] = (units[where] ?? 0) + n; };

/** The index of the story stage: lookups by key, and a story's listing and count. */
const STORY_INDEXES = [STORY_KEY_INDEX];

/**
 * Counts every command the handlers' clients send, and asks DynamoDB (dynalite) what each consumed: the
 * table's units come from its answer; the index copies from the item before and after each write and each
 * index's projection. The items before are a shadow of the tables kept from the writes seen (the bench starts
 * from empty tables and every write goes through here); the items after are the put items, or what an
 * update returns (ALL_NEW, asked for here and not passed on; an update that asks for ALL_OLD is read back
 * with a client of its own, not counted). The story stage's writes (UpdateItem on article items, and the
 * story indexes' entries) are counted apart as well.
 */
function countingDecorator(current: () => Counters, raw: () => DynamoDBClient) {
  const shadow = new Map<string, AttributeMap>();
  const at = (tableName: string, id: string) => `${tableName}\n${id}`;
  return ({ ddb, s3 }: { ddb: any; s3: any }) => {
    s3.middlewareStack.add((next: any, context: any) => async (args: any) => {
      const c = current();
      c.commands[context.commandName] = (c.commands[context.commandName] ?? 0) + 1;
      return next(args);
    }, { step: 'initialize', name: 'benchCounter' });
    ddb.middlewareStack.add((next: any, context: any) => async (args: any) => {
      const c = current();
      const name: string = context.commandName;
      c.commands[name] = (c.commands[name] ?? 0) + 1;
      const input = args.input;
      input.ReturnConsumedCapacity = 'TOTAL';
      const isUpdate = /^Update(Item)?Command$/.test(name) && Boolean(schemaOf(input.TableName));
      const injected = isUpdate && (!input.ReturnValues || input.ReturnValues === 'NONE');
      if (injected) input.ReturnValues = 'ALL_NEW';
      const out = await next(args);
      try {
        const consumed = [out.output?.ConsumedCapacity ?? []].flat() as { TableName: string; CapacityUnits?: number }[];
        const storyWrite = isUpdate && schemaOf(input.TableName) === ARTICLES_TABLE;
        if (/^(Get|BatchGet|Query)(Item)?Command$/.test(name)) {
          const n = sum(consumed.map((u) => u.CapacityUnits ?? 0));
          c.readUnits += n;
          add(c.readUnitsBy, `${name.replace(/(Item)?Command$/, '')}${input.IndexName ? ` ${input.IndexName}` : ''}`, n);
        }
        else {
          for (const u of consumed) {
            add(c.writeUnits, schemaOf(u.TableName)?.logicalName ?? u.TableName, u.CapacityUnits ?? 0);
            if (storyWrite) c.storyUnits += u.CapacityUnits ?? 0;
          }
        }
        // What changed: [table, id, item after (undefined: gone)].
        const changes: [string, string, AttributeMap | undefined][] = [];
        if (isUpdate) {
          const table = schemaOf(input.TableName)!;
          const key = attributeMap(input.Key);
          const id = key[table.partitionKey.name].S as string;
          let after = out.output?.Attributes;
          if (injected) delete out.output.Attributes;
          if (input.ReturnValues !== 'ALL_NEW') {
            after = (await raw().send(new GetItemCommand({ TableName: input.TableName, Key: key, ConsistentRead: true }))).Item;
          }
          changes.push([input.TableName, id, after && attributeMap(after)]);
        }
        if (/^BatchWrite(Item)?Command$/.test(name)) {
          const unprocessed = new Set(Object.values(out.output?.UnprocessedItems ?? {}).flat().map((r: any) => JSON.stringify(r)));
          for (const [tableName, requests] of Object.entries(input.RequestItems ?? {}) as [string, any[]][]) {
            const table = schemaOf(tableName);
            if (!table) continue;
            for (const r of requests) {
              if (unprocessed.has(JSON.stringify(r))) continue;
              const item = attributeMap(r.PutRequest ? r.PutRequest.Item : r.DeleteRequest.Key);
              changes.push([tableName, item[table.partitionKey.name].S as string, r.PutRequest ? item : undefined]);
              if (r.PutRequest && item.view && !item.tagKey) { // an article item (tag items carry no view)
                c.articleItems++;
                c.itemBytes += dynalite.itemSize(item);
              }
            }
          }
        }
        for (const [tableName, id, after] of changes) {
          const table = schemaOf(tableName)!;
          for (const [where, n] of indexWriteUnits(table, shadow.get(at(tableName, id)), after)) {
            add(c.writeUnits, where, n);
            if (storyWrite || STORY_INDEXES.some((i) => where.endsWith(`/${i}`))) c.storyUnits += n;
          }
          if (after) shadow.set(at(tableName, id), after);
          else shadow.delete(at(tableName, id));
        }
      } catch (error) {
        console.error(`bench counter: ${(error as Error).message}`);
      }
      return out;
    }, { step: 'initialize', name: 'benchCounter' });
  };
}

/**
 * The bench's scrapes are short (three or four sentences); the corpus pages are real articles. What their
 * items cost to write, with no copy: the article item and its index entries, and each tag's item and byTag
 * entry, by the same rules.
 */
function corpusItemUnits(): string | null {
  if (referenceMissing(CORPUS)) return null;
  const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { pages: { name: string }[] };
  const known = new Set(readdirSync(CORPUS));
  let n = 0, table = 0, indexes = 0, bytes = 0, tags = 0, tagUnits = 0;
  for (const { name } of manifest.pages) {
    if (!known.has(name)) continue;
    const upload = { bucket: 'sift-drop', key: `incoming/corpus/${name}.html`, versionId: 'v'.repeat(32) };
    for (const record of extractUpload(readFileSync(join(CORPUS, name, 'source.html')), { upload }).articles) {
      const items = itemsOf(record, undefined, '0'.repeat(20));
      const item = attributeMap(items.article as unknown as Record<string, unknown>);
      for (const tag of items.tags.map((t) => attributeMap(t as unknown as Record<string, unknown>))) {
        tags++;
        tagUnits += dynalite.capacityUnits(tag, false) + sum(indexWriteUnits(ARTICLES_TABLE, undefined, tag).map(([, u]) => u));
      }
      n++;
      bytes += dynalite.itemSize(item);
      table += dynalite.capacityUnits(item, false);
      indexes += sum(indexWriteUnits(ARTICLES_TABLE, undefined, item).map(([, u]) => u));
    }
  }
  return `corpus pages (${n} articles, no copy): article item ${(bytes / Math.max(1, n) / KB).toFixed(2)} KB, ${(table / Math.max(1, n)).toFixed(2)} write units, its index entries ${(indexes / Math.max(1, n)).toFixed(2)}; tags ${(tags / Math.max(1, n)).toFixed(2)} per article, ${(tagUnits / Math.max(1, tags)).toFixed(2)} write units each (tag item and byTag entry)`;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export default async function pipelineBench(): Promise<void> {
  const uploads = Number(process.env.SIFT_BENCH_UPLOADS ?? 1000);
  const ingest = newCounters();
  const api = newCounters();
  let phase = ingest;
  let raw: DynamoDBClient | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'sift-bench-'));
  // In process: the counting decorator must see the ingest handler's SDK clients.
  const stack = await startLocalStack({
    dataDir, logLevel: 'ERROR', concurrency: 2, visibilityTimeoutMs: 60_000, invocations: 'in-process',
    clientDecorators: [countingDecorator(() => phase, () => raw!)],
  });
  const r = stack.ready;
  raw = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${stack.ports.dynamodb}`, region: r.region,
    credentials: { accessKeyId: r.accessKeyId, secretAccessKey: r.secretAccessKey },
  });
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
    const articles = ingest.articleItems;
    console.log(`pipeline: ${uploads} uploads, ${articles} articles in ${seconds.toFixed(1)} s → ${(uploads / seconds).toFixed(1)} uploads/s, ${(articles / seconds).toFixed(1)} articles/s (local stack, one process, concurrency 2; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s incl. emulators)`);

    // API latency: list queries with and without filters, on the records just written (their calls counted apart).
    phase = api;
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

    // Cost per million articles, from the counted calls and consumed capacity of the ingest.
    const million = 1e6;
    const scale = articles ? million / articles : 0;
    const calls = (c: Counters, names: string[]) => sum(names.map((n) => c.commands[n] ?? 0));
    const writeUnits = sum(Object.values(ingest.writeUnits));
    const invocations = Math.ceil(uploads / INGEST_DEFAULTS.batchSize);
    const gbSeconds = (seconds / 2) * (INGEST_DEFAULTS.memoryMb / 1024); // wall time of 2 workers ≈ function time, an upper bound
    const sift = {
      dynamoWrites: (writeUnits / million) * PRICES.dynamoWriteUnitPerMillion * scale,
      dynamoReads: (ingest.readUnits / million) * PRICES.dynamoReadUnitPerMillion * scale,
      lambda: (gbSeconds * PRICES.lambdaArmGbSecond + (invocations / million) * PRICES.lambdaRequestPerMillion) * scale,
      // the notification S3 sends per upload, and Lambda's receive and delete per batch (piece sends are counted above none here)
      sqs: ((uploads + 2 * invocations) / million) * PRICES.sqsRequestPerMillion * scale,
      s3: ((calls(ingest, S3_PUT_CLASS) / 1000) * PRICES.s3PutPerThousand + (calls(ingest, S3_GET_CLASS) / 1000) * PRICES.s3GetPerThousand) * scale,
    };
    const total = sum(Object.values(sift));
    const uploadPuts = (uploads / 1000) * PRICES.s3PutPerThousand * scale;
    const storageMonth = ((ingest.itemBytes / Math.max(1, articles)) * million / 1024 ** 3) * PRICES.dynamoStorageGbMonth * 2; // table + index copies, roughly
    const perArticle = (n: number) => (n / Math.max(1, articles)).toFixed(2);
    const byWhere = Object.entries(ingest.writeUnits).sort((a, b) => b[1] - a[1]).map(([where, n]) => `${where} ${perArticle(n)}`).join(', ');
    console.log(`items: ${(ingest.itemBytes / Math.max(1, articles) / KB).toFixed(2)} KB per article item; write units per article ${perArticle(writeUnits)} (${byWhere}); read units per article ${perArticle(ingest.readUnits)} (${Object.entries(ingest.readUnitsBy).sort((a, b) => b[1] - a[1]).map(([where, n]) => `${where} ${perArticle(n)}`).join(', ')})`);
    const corpus = corpusItemUnits();
    if (corpus) console.log(corpus);
    console.log(`stories: ${perArticle(ingest.storyUnits)} write units per article for finding and listing copies (story key index entries, and the story stage's updates of article items, their index copies included)`);
    console.log(`cost per million articles, Sift's own calls (USD, us-east-1 on-demand prices in this file): ${Object.entries(sift).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}; total ≈ ${total.toFixed(2)}` +
      ` (+ the uploads' own PUTs ${uploadPuts.toFixed(2)}, + ${storageMonth.toFixed(2)}/month storage)`);
    const apiQueries = latencies.length;
    console.log(`api: ${(api.readUnits / apiQueries).toFixed(2)} read units per list request, USD ${((api.readUnits / apiQueries) * 1000 / million * PRICES.dynamoReadUnitPerMillion).toFixed(5)} per 1,000 requests in DynamoDB reads`);
    console.log(`requests measured (ingest): ${JSON.stringify(ingest.commands)}; (api): ${JSON.stringify(api.commands)}`);
  } finally {
    s3.destroy();
    raw?.destroy();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
