/**
 * The embedded AWS emulators, in this process: s3rver for S3 and dynalite for DynamoDB, each persisting
 * under the data folder so records survive a restart. Tables are created from the same schema the CDK
 * stack uses (shared/storage/tableSchema.ts).
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import type { TableSchema } from '../../shared/storage/tableSchema.js';

export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
export const LOCAL_REGION = 'us-east-1';

export interface S3Emulator {
  endpoint: string;
  instance: S3rver;
  close(): Promise<void>;
}

export async function startS3(dataDir: string, port: number): Promise<S3Emulator> {
  const directory = join(dataDir, 's3');
  mkdirSync(directory, { recursive: true });
  const instance = new S3rver({ address: '127.0.0.1', port, silent: true, directory, vhostBuckets: false });
  const address = await instance.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    instance,
    close: () => instance.close(),
  };
}

export interface DynamoEmulator {
  endpoint: string;
  close(): Promise<void>;
}

export async function startDynamo(dataDir: string, port: number): Promise<DynamoEmulator> {
  const path = join(dataDir, 'dynamodb');
  mkdirSync(path, { recursive: true });
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
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

export async function ensureTables(endpoint: string, tables: { schema: TableSchema; name: string }[]): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
    for (const { schema, name } of tables) {
      if (!existing.has(name)) await client.send(new CreateTableCommand(createTableInput(schema, name)));
    }
  } finally {
    client.destroy();
  }
}

export async function ensureBucket(endpoint: string, bucket: string): Promise<void> {
  const client = new S3Client({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if (!['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'].includes((error as Error).name)) throw error;
  } finally {
    client.destroy();
  }
}
