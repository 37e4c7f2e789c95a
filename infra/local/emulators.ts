/**
 * The embedded AWS emulators, in this process: s3rver for S3 and dynalite for DynamoDB, each persisting
 * under the data folder so records survive a restart. Neither listens by itself: each port is a front
 * (emulatorFront.ts) that lets through only SigV4-signed requests by the local key pair, never a browser
 * page's. Tables are created from the same schema the CDK stack uses (shared/service/storage/tableSchema.ts).
 */
import { mkdirSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  type AttributeValue, BatchWriteItemCommand, CreateTableCommand, type CreateTableCommandInput, DeleteTableCommand, DescribeTableCommand,
  DynamoDBClient, GetItemCommand, type GlobalSecondaryIndexDescription, ListTablesCommand, ScanCommand, type TableDescription, UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account.js';
import { LANGUAGES_ATTRIBUTE, LANGUAGES_ITEM_ID } from '../../shared/service/storage/languageRegistry.js';
import type { TableSchema } from '../../shared/service/storage/tableSchema.js';
import { INGEST_DEFAULTS } from '../pipelineDefaults.js';
import { emulatorFront } from './emulatorFront.js';
import { listV2Paging } from './s3Listing.js';
import { SafeFilesystemStore } from './s3Store.js';
import type { Credentials } from './sigv4.js';

export const LOCAL_REGION = 'us-east-1';
/** The local key pair's id; its secret is generated once per data folder (localStack.ts). */
export const LOCAL_ACCESS_KEY_ID = 'SIFTLOCAL';

export interface S3Emulator {
  endpoint: string;
  instance: S3rver;
  close(): Promise<void>;
}

/**
 * How long an emulator keeps an idle keep-alive connection: past the function timeout, so a connection never
 * closes under an invocation that holds its thread. Node's default (5 s) closed the SDK's pooled connections
 * while a region of text was extracted; the burst of requests after it (a batch's story lookups, 100 at once)
 * went out on closed sockets ("socket hang up"), and their retries used up the SDK's retry quota, so the
 * batch failed. AWS's endpoints keep idle connections far longer than one region's extraction.
 */
const IDLE_CONNECTION_MS = (INGEST_DEFAULTS.timeoutSeconds + 5) * 1000;

function listen(server: Server, port: number): Promise<number> {
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

const closeServer = (server: Server) => new Promise<void>((resolve) => {
  server.close(() => resolve());
  server.closeIdleConnections();
});

export async function startS3(dataDir: string, port: number, credentials: Credentials): Promise<S3Emulator> {
  const directory = join(dataDir, 's3');
  mkdirSync(directory, { recursive: true });
  const instance = new S3rver({ silent: true, directory, vhostBuckets: false });
  instance.store = instance.context.store = new SafeFilesystemStore(directory);
  // Just before s3rver's router (its last middleware): V2 listings page without s3rver's DES tokens.
  instance.middleware.splice(instance.middleware.length - 1, 0, listV2Paging);
  // s3rver checks only that a SigV4 key id is one it knows (the front checked the signature itself).
  AWSAccount.DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);
  const server = createServer(emulatorFront({ service: 's3', region: LOCAL_REGION, credentials, emulator: instance.callback() }));
  const actual = await listen(server, port);
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    instance,
    close: async () => {
      await closeServer(server);
      instance.logger.close();
    },
  };
}

export interface DynamoEmulator {
  endpoint: string;
  close(): Promise<void>;
}

export async function startDynamo(dataDir: string, port: number, credentials: Credentials): Promise<DynamoEmulator> {
  const path = join(dataDir, 'dynamodb');
  mkdirSync(path, { recursive: true });
  // dynalite's server is kept (its close() also closes the database); its request listener goes behind the front.
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const [emulator] = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', emulatorFront({ service: 'dynamodb', region: LOCAL_REGION, credentials, emulator }));
  const actual = await listen(server, port);
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    close: () => closeServer(server),
  };
}

/** CreateTable input for a schema: on-demand, the same keys and indexes as the deployed tables. */
export function createTableInput(schema: TableSchema, tableName: string): CreateTableCommandInput {
  const attributes = new Map<string, 'S' | 'N'>();
  attributes.set(schema.partitionKey.name, schema.partitionKey.type);
  for (const index of schema.indexes) {
    attributes.set(index.partitionKey.name, index.partitionKey.type);
    attributes.set(index.sortKey.name, index.sortKey.type);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    KeySchema: [{ AttributeName: schema.partitionKey.name, KeyType: 'HASH' }],
    ...(schema.indexes.length ? {
      GlobalSecondaryIndexes: schema.indexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
          { AttributeName: index.sortKey.name, KeyType: 'RANGE' as const },
        ],
        Projection: index.nonKeyAttributes
          ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: index.nonKeyAttributes }
          : { ProjectionType: 'ALL' as const },
      })),
    } : {}),
  };
}

/**
 * Creates the tables a data folder lacks, and brings older tables to the schema's indexes: a data folder
 * written by an older Sift has tables without the indexes added since (and dynalite's UpdateTable changes
 * throughput only, it cannot add an index), so such a table is rebuilt: its items are copied to a staging
 * table of the new schema, the table is created again with the schema and the items copied back. Every
 * step can be redone, so a rebuild cut short (the process killed) is finished on the next start from the
 * staging table, which is only dropped once the items are back.
 */
export async function ensureTables(endpoint: string, credentials: Credentials, tables: { schema: TableSchema; name: string }[]): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials });
  try {
    const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
    for (const { schema, name } of tables) {
      const staging = `${name}${STAGING_SUFFIX}`;
      if (!existing.has(staging)) {
        if (!existing.has(name)) await createTable(client, schema, name);
        else if (!hasSchemaIndexes(await describe(client, name), schema)) {
          await createTable(client, schema, staging);
          existing.add(staging);
        }
      }
      if (existing.has(staging)) await rebuildThrough(client, schema, name, staging);
    }
  } finally {
    client.destroy();
  }
}

const STAGING_SUFFIX = '.rebuild';

/** Moves `name` through its staging table (which has the schema): copy out, recreate `name`, copy back, drop staging. */
async function rebuildThrough(client: DynamoDBClient, schema: TableSchema, name: string, staging: string) {
  const current = await describe(client, name);
  if (current && !hasSchemaIndexes(current, schema)) {
    await copyItems(client, name, staging);
    await deleteTable(client, name);
  }
  if (!current || !hasSchemaIndexes(current, schema)) await createTable(client, schema, name);
  await copyItems(client, staging, name);
  await deleteTable(client, staging);
}

/** Whether a table has exactly the schema's indexes: names, keys and projections. */
function hasSchemaIndexes(table: TableDescription | undefined, schema: TableSchema): boolean {
  const shape = (i: Pick<GlobalSecondaryIndexDescription, 'IndexName' | 'KeySchema' | 'Projection'>) => JSON.stringify([
    i.IndexName, (i.KeySchema ?? []).map((k) => [k.AttributeName, k.KeyType]),
    i.Projection?.ProjectionType, [...(i.Projection?.NonKeyAttributes ?? [])].sort(),
  ]);
  const want = (createTableInput(schema, '').GlobalSecondaryIndexes ?? []).map(shape).sort();
  const have = (table?.GlobalSecondaryIndexes ?? []).map(shape).sort();
  return JSON.stringify(want) === JSON.stringify(have);
}

async function describe(client: DynamoDBClient, name: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** dynalite creates and deletes tables on its next tick: wait for that before the table is used again. */
async function settled(client: DynamoDBClient, name: string, done: (t: TableDescription | undefined) => boolean) {
  while (!done(await describe(client, name))) await new Promise((r) => setTimeout(r, 5));
}

async function createTable(client: DynamoDBClient, schema: TableSchema, name: string) {
  await client.send(new CreateTableCommand(createTableInput(schema, name)));
  await settled(client, name, (t) => t?.TableStatus === 'ACTIVE');
}

async function deleteTable(client: DynamoDBClient, name: string) {
  await client.send(new DeleteTableCommand({ TableName: name }));
  await settled(client, name, (t) => t === undefined);
}

/**
 * The language registry (shared/service/storage/languageRegistry.ts) for articles written before it: a data
 * folder whose article table has no registry item gets one listing the languages of the articles it holds
 * (one Scan of `lang` at start, never on a request path; an empty table, a new folder's, costs nothing), so
 * the whole feed lists them. Once the item exists (the first article written creates it) this reads one item.
 */
export async function ensureLanguageRegistry(endpoint: string, credentials: Credentials, articlesTable: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials });
  try {
    const key = { id: { S: LANGUAGES_ITEM_ID } };
    if ((await client.send(new GetItemCommand({ TableName: articlesTable, Key: key, ConsistentRead: true }))).Item) return;
    const langs = new Set<string>();
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: articlesTable, ProjectionExpression: '#l', ExpressionAttributeNames: { '#l': 'lang' }, ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) if (item.lang?.S) langs.add(item.lang.S);
      start = page.LastEvaluatedKey;
    } while (start);
    if (!langs.size) return;
    await client.send(new UpdateItemCommand({
      TableName: articlesTable, Key: key, UpdateExpression: 'ADD #l :l',
      ExpressionAttributeNames: { '#l': LANGUAGES_ATTRIBUTE }, ExpressionAttributeValues: { ':l': { SS: [...langs] } },
    }));
  } finally {
    client.destroy();
  }
}

/** Copies every item (a local admin step at start, never a request path: with the registry's above, the only Scans Sift makes). */
async function copyItems(client: DynamoDBClient, from: string, to: string) {
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: from, ExclusiveStartKey: start }));
    const items = page.Items ?? [];
    for (let i = 0; i < items.length; i += 25) {
      let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [to]: pending } }));
        pending = (out.UnprocessedItems?.[to] ?? []) as typeof pending;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
}

export async function ensureBucket(endpoint: string, credentials: Credentials, bucket: string): Promise<void> {
  const client = new S3Client({ endpoint, region: LOCAL_REGION, credentials, forcePathStyle: true });
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if (!['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'].includes((error as Error).name)) throw error;
  } finally {
    client.destroy();
  }
}
