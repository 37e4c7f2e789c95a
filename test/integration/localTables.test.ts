/**
 * A data folder written by an older Sift: its article table lacks indexes the schema has now (the story
 * key index). `npm start` on it brings the table to the schema, keeping every item, and the new indexes
 * serve the items that were already there.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createTableInput, LOCAL_ACCESS_KEY_ID, LOCAL_REGION, startDynamo } from '../../infra/local/emulators.js';
import { LOCAL_TABLE_NAMES } from '../../infra/local/localStack.js';
import { ARTICLES_TABLE } from '../../shared/service/storage/tableSchema.js';
import { startTestStack, type TestStack } from './helpers.js';

describe('a data folder from before an index was added', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sift-old-tables-'));
  let t: TestStack | undefined;
  afterAll(async () => {
    await t?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gets the missing indexes on start, with its items kept and found through them', async () => {
    // The folder as an older Sift left it: the article table without the story key index, one stored article.
    await (await startTestStack({ dataDir })).stop(false);
    const credentials = { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: readFileSync(join(dataDir, 'aws-secret-key'), 'utf8').trim() };
    const storyIndexes = ['byStoryKey'];
    const older = { ...ARTICLES_TABLE, indexes: ARTICLES_TABLE.indexes.filter((i) => !storyIndexes.includes(i.indexName)) };
    const dynamo = await startDynamo(dataDir, 0, credentials);
    const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials });
    try {
      await client.send(new DeleteTableCommand({ TableName: LOCAL_TABLE_NAMES.articles }));
      while ((await client.send(new ListTablesCommand({}))).TableNames?.includes(LOCAL_TABLE_NAMES.articles)) await new Promise((r) => setTimeout(r, 5));
      await client.send(new CreateTableCommand(createTableInput(older, LOCAL_TABLE_NAMES.articles)));
      while ((await client.send(new DescribeTableCommand({ TableName: LOCAL_TABLE_NAMES.articles }))).Table?.TableStatus !== 'ACTIVE') await new Promise((r) => setTimeout(r, 5));
      await client.send(new PutItemCommand({
        TableName: LOCAL_TABLE_NAMES.articles,
        Item: { id: { S: 'a'.repeat(32) }, sortKey: { S: `2024-01-01#${'a'.repeat(32)}` }, storyOf: { S: 'b'.repeat(32) }, storyKey: { S: '0123456789abcdef' } },
      }));
    } finally {
      client.destroy();
      await dynamo.close();
    }

    t = await startTestStack({ dataDir });
    const started = new DynamoDBClient({ endpoint: `http://127.0.0.1:${t.stack.ports.dynamodb}`, region: LOCAL_REGION, credentials });
    try {
      const table = (await started.send(new DescribeTableCommand({ TableName: LOCAL_TABLE_NAMES.articles }))).Table!;
      expect((table.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort()).toEqual(ARTICLES_TABLE.indexes.map((i) => i.indexName).sort());
      const listed = await started.send(new QueryCommand({
        TableName: LOCAL_TABLE_NAMES.articles, IndexName: 'byStoryKey', KeyConditionExpression: 'storyKey = :k', ExpressionAttributeValues: { ':k': { S: '0123456789abcdef' } },
      }));
      expect(listed.Items?.map((i) => i.id.S)).toEqual(['a'.repeat(32)]);
      expect((await started.send(new ListTablesCommand({}))).TableNames?.sort()).toEqual(Object.values(LOCAL_TABLE_NAMES).sort());
    } finally {
      started.destroy();
    }
  });
});
