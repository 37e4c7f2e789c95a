/**
 * The roles are built from INGEST_TABLE_ACCESS / API_TABLE_ACCESS (shared/service/storage/tableSchema.ts): every
 * DynamoDB request the storage adapters can send must be an action granted there, and none may scan.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_TABLE_ACCESS, ARTICLES_TABLE, INGEST_TABLE_ACCESS, STORY_KEY_INDEX, UPLOADS_TABLE } from '../../../shared/service/storage/tableSchema.js';

const STORAGE = new URL('../../../shared/service/storage/', import.meta.url).pathname;
/** lib-dynamodb / client-dynamodb command class → IAM action. */
const ACTION_OF: Record<string, string> = {
  GetCommand: 'GetItem', GetItemCommand: 'GetItem', PutCommand: 'PutItem', PutItemCommand: 'PutItem',
  UpdateCommand: 'UpdateItem', UpdateItemCommand: 'UpdateItem', DeleteCommand: 'DeleteItem', DeleteItemCommand: 'DeleteItem',
  BatchGetCommand: 'BatchGetItem', BatchGetItemCommand: 'BatchGetItem', BatchWriteCommand: 'BatchWriteItem',
  BatchWriteItemCommand: 'BatchWriteItem', QueryCommand: 'Query', ScanCommand: 'Scan', TransactWriteCommand: 'TransactWriteItems',
};

function dynamoActionsSent(): Set<string> {
  const sent = new Set<string>();
  for (const file of readdirSync(STORAGE).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(STORAGE, file), 'utf8');
    const dynamo = [...source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/(?:lib-dynamodb|client-dynamodb)'/g)]
      .flatMap((m) => m[1]!.split(',').map((n) => n.trim().replace(/^type\s+/, '')));
    for (const [, name] of source.matchAll(/new (\w+Command)\(/g)) {
      if (!dynamo.includes(name!)) continue;
      expect(ACTION_OF[name!], `${file}: ${name} has no action in this test's table`).toBeDefined();
      sent.add(`dynamodb:${ACTION_OF[name!]}`);
    }
  }
  return sent;
}

describe('table access of the functions', () => {
  const granted = new Set([INGEST_TABLE_ACCESS, API_TABLE_ACCESS].flatMap((access) =>
    Object.values(access).flatMap((a) => [...a.item, ...(a.queryIndexes.length ? ['dynamodb:Query'] : [])])));

  it('grants every DynamoDB action the storage adapters send, and the adapters never scan', () => {
    const sent = dynamoActionsSent();
    expect(sent.size).toBeGreaterThanOrEqual(5);
    expect([...sent].filter((a) => !granted.has(a))).toEqual([]);
    expect(sent.has('dynamodb:Scan')).toBe(false);
  });

  it('grants no action the adapters never send', () => {
    const sent = dynamoActionsSent();
    expect([...granted].filter((a) => !sent.has(a))).toEqual([]);
  });

  it('lets the ingest function run the story stage: the key lookups and its merges', () => {
    // The ingest role alone (not the union above): the story stage runs inside ingest, before and after each write.
    const source = readFileSync(join(STORAGE, 'storyStore.ts'), 'utf8');
    expect(source).toMatch(/new UpdateCommand\(/);
    expect(INGEST_TABLE_ACCESS.articles.item).toContain('dynamodb:UpdateItem');
    expect(INGEST_TABLE_ACCESS.articles.queryIndexes).toContain(STORY_KEY_INDEX);
  });

  it('names only indexes the schema has', () => {
    for (const access of [INGEST_TABLE_ACCESS, API_TABLE_ACCESS]) {
      for (const [table, schema] of [[access.articles, ARTICLES_TABLE], [access.uploads, UPLOADS_TABLE]] as const) {
        const names = schema.indexes.map((i) => i.indexName);
        for (const index of table.queryIndexes) expect(names).toContain(index);
      }
    }
  });
});
