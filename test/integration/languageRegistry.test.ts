/**
 * The whole feed reads the languages from one registry item (shared/service/storage/languageRegistry.ts). A
 * data folder whose articles were written before that item existed gets it on start, so `GET /articles`
 * still lists every article it holds.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteItemCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_ACCESS_KEY_ID, LOCAL_REGION, startDynamo } from '../../infra/local/emulators.js';
import { LOCAL_TABLE_NAMES } from '../../infra/local/localStack.js';
import { LANGUAGES_ITEM_ID } from '../../shared/service/storage/languageRegistry.js';
import { startTestStack, type TestStack } from './helpers.js';

const PAGES = [
  { lang: 'en', text: 'The committee met on Monday to discuss the new budget for public transport in the region.\nSeveral members said the proposal did not go far enough to reduce traffic in the city centre.' },
  { lang: 'fr', text: 'Le conseil municipal a adopté mardi soir le nouveau plan de circulation pour le centre-ville.\nLes commerçants craignent que la fermeture de certaines rues ne fasse baisser leur chiffre d’affaires.' },
  { lang: 'de', text: 'Der Stadtrat hat am Dienstag den neuen Verkehrsplan für die Innenstadt beschlossen und die Arbeiten genehmigt.\nDie Händler befürchten, dass die Sperrung einiger Straßen ihren Umsatz deutlich verringern wird.' },
];

describe('the language registry of the whole feed', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sift-languages-'));
  let t: TestStack | undefined;
  afterAll(async () => {
    await t?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the languages written, and is rebuilt on start for articles stored before it existed', async () => {
    // Prepare: articles in three languages, then the folder as a Sift without the registry left it
    t = await startTestStack({ dataDir });
    await t.put('incoming/three.jsonl', PAGES.map((p, i) => JSON.stringify({ url: `https://news.example/${p.lang}/${i}`, title: `Report ${i}`, date: `2024-05-0${i + 1}`, text: p.text })).join('\n'));
    await t.stack.settle();
    const before = (await t.api('/articles?limit=10')).body.items.map((a: any) => a.lang);
    await t.stop(false);
    const credentials = { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: readFileSync(join(dataDir, 'aws-secret-key'), 'utf8').trim() };
    const dynamo = await startDynamo(dataDir, 0, credentials);
    const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials });
    try {
      await client.send(new DeleteItemCommand({ TableName: LOCAL_TABLE_NAMES.articles, Key: { id: { S: LANGUAGES_ITEM_ID } } }));
    } finally {
      client.destroy();
      await dynamo.close();
    }
    // Act
    t = await startTestStack({ dataDir });
    const after = (await t.api('/articles?limit=10')).body.items.map((a: any) => a.lang);
    // Assess
    expect(before).toEqual(['de', 'fr', 'en']);
    expect(after).toEqual(before);
    const started = new DynamoDBClient({ endpoint: `http://127.0.0.1:${t.stack.ports.dynamodb}`, region: LOCAL_REGION, credentials });
    try {
      const item = await started.send(new GetItemCommand({ TableName: LOCAL_TABLE_NAMES.articles, Key: { id: { S: LANGUAGES_ITEM_ID } } }));
      expect(item.Item?.langs?.SS?.sort()).toEqual(['de', 'en', 'fr']);
    } finally {
      started.destroy();
    }
  });
});
