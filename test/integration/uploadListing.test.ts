/**
 * An upload's articles without `byUpload` (shared/service/storage/articleItems.ts, LISTED_POSITIONS): the
 * status lists them newest first and `?upload=` reads them by id; a run that died after writing leaves
 * articles no index holds, which the key's next commit, or its delete, finds by id from the status's
 * `writers` and removes. Through the real handlers on the local stack (in process, so a decorator can make
 * one run die at its commit).
 */
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TABLE_NAMES } from '../../infra/local/localStack.js';
import { articleId } from '../../shared/core/records.js';
import { findUploadArticles, putArticles } from '../../shared/service/storage/articleStore.js';
import { awsClients, type ClientDecorator } from '../../shared/service/storage/awsClients.js';
import { storeConfigFromEnv } from '../../shared/service/storage/storeConfig.js';
import { versionTag } from '../../shared/service/storage/uploadStore.js';
import { listPages, startTestStack, type TestStack } from './helpers.js';

const SENTENCES = {
  en: 'The committee met on Monday to discuss the new budget for public transport in the region.\nSeveral members said the proposal did not go far enough to reduce traffic in the city centre.',
  fr: 'Le conseil municipal a adopté mardi soir le nouveau plan de circulation pour le centre-ville.\nLes commerçants craignent que la fermeture de certaines rues ne fasse baisser leur chiffre d’affaires.',
};

/** JSON Lines of `n` pages, dates out of upload order, two languages. */
const exportOf = (n: number, tag: string) => Array.from({ length: n }, (_, i) => {
  const lang = i % 3 ? 'en' : 'fr';
  return JSON.stringify({
    url: `https://news.example/${tag}/${i}`, title: `${tag} report ${i}`, date: `2024-06-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`,
    text: `${SENTENCES[lang]} (${tag} ${i})`,
  });
}).join('\n');

/** Commits (PROCESSED finishes) of the keys in `doomed` fail, as if the function died just before its commit. */
const doomed = new Set<string>();
const dieAtCommit: ClientDecorator = ({ ddb }) => {
  ddb.middlewareStack.add((next, context) => async (args: any) => {
    // (plain or already marshalled, whichever the document client's own middleware left it)
    const input = args.input;
    const finishing = /^Update(Item)?Command$/.test(String(context.commandName)) && input.TableName === LOCAL_TABLE_NAMES.uploads
      && JSON.stringify(input.ExpressionAttributeValues ?? {}).includes('"PROCESSED"');
    if (finishing && doomed.has(input.Key?.key?.S ?? input.Key?.key)) throw Object.assign(new Error('the function stopped (simulated)'), { name: 'TimeoutError' });
    return next(args);
  }, { step: 'initialize', name: 'dieAtCommit' });
};

describe('an upload listed by its status', () => {
  let t: TestStack;
  let raw: DynamoDBClient;

  beforeAll(async () => {
    t = await startTestStack({ invocations: 'in-process', clientDecorators: [dieAtCommit] });
    const r = t.stack.ready;
    raw = new DynamoDBClient({ endpoint: `http://127.0.0.1:${t.stack.ports.dynamodb}`, region: r.region, credentials: { accessKeyId: r.accessKeyId, secretAccessKey: r.secretAccessKey } });
  });
  afterAll(async () => {
    raw?.destroy();
    await t?.stop();
  });

  const stored = async (id: string) => Boolean((await raw.send(new GetItemCommand({ TableName: LOCAL_TABLE_NAMES.articles, Key: { id: { S: id } } }))).Item);
  const idsAt = (key: string, n: number) => Array.from({ length: n }, (_, i) => articleId({ bucket: t.stack.ready.bucket, key }, i));
  const indexed = async (key: string) => (await raw.send(new QueryCommand({
    TableName: LOCAL_TABLE_NAMES.articles, IndexName: 'byUpload', KeyConditionExpression: 'uploadKey = :u', ExpressionAttributeValues: { ':u': { S: key } },
  }))).Items ?? [];
  const walk = (path: string) => listPages(t, path, 50);
  async function until(what: () => Promise<boolean>) {
    for (const deadline = Date.now() + 20_000; !(await what());) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const newestFirst = (items: any[]) => [...items].sort((a, b) => (`${b.published}#${b.id}` < `${a.published}#${a.id}` ? -1 : 1)).map((a) => a.id);

  it('lists an upload from its status, newest first, in pages and with filters, and puts none of it in byUpload', async () => {
    // Prepare
    const key = 'incoming/listing/nine.jsonl';
    await t.put(key, exportOf(9, 'nine'));
    await t.stack.settle();
    const status = (await t.api(`/uploads/${encodeURIComponent(key)}`)).body;
    const all = await Promise.all(status.articleIds.map(async (id: string) => (await t.api(`/articles/${id}`)).body));
    // Act
    const pages = await walk(`/articles?upload=${encodeURIComponent(key)}&limit=4`);
    const fr = (await walk(`/articles?upload=${encodeURIComponent(key)}&lang=fr&limit=2`)).flat();
    const june = (await walk(`/articles?upload=${encodeURIComponent(key)}&from=2024-06-05&to=2024-06-20&limit=2`)).flat();
    // Assess
    expect(status.articleIds).toHaveLength(9);
    expect(status.articleIds).toEqual(newestFirst(all));
    expect(await indexed(key)).toEqual([]);
    expect(pages.map((p) => p.length)).toEqual([4, 4, 1]);
    expect(pages.flat().map((a) => a.id)).toEqual(status.articleIds);
    expect(fr.map((a) => a.id)).toEqual(newestFirst(all.filter((a) => a.lang === 'fr')));
    expect(fr.length).toBe(3);
    expect(june.map((a) => a.id)).toEqual(newestFirst(all.filter((a) => a.published >= '2024-06-05' && a.published <= '2024-06-20')));
    expect(june.length).toBeGreaterThan(1);
  });

  it('removes what a run that died after writing left, once a newer version commits, and all of the key on delete', async () => {
    // Prepare: a run writes six articles and dies before its commit (the bucket keeps no versions, so the
    // next version's ids are the same six positions' ids)
    const key = 'incoming/listing/died.jsonl';
    const ids = idsAt(key, 6);
    doomed.add(key);
    await t.put(key, exportOf(6, 'first'));
    await until(async () => stored(ids[5]));
    expect(await indexed(key)).toEqual([]);
    // Act 1: a newer version, of two articles, is uploaded and commits
    doomed.delete(key);
    await t.put(key, exportOf(2, 'second'));
    await t.stack.settle();
    // Assess: only the two, and nothing of the dead run's left in the table
    const listed = (await t.api(`/articles?upload=${encodeURIComponent(key)}&limit=100`)).body.items;
    expect(listed.map((a: any) => a.title).sort()).toEqual(['second report 0', 'second report 1']);
    expect(await Promise.all(ids.map(stored))).toEqual([true, true, false, false, false, false]);
    const feed = (await walk('/articles?limit=100')).flat();
    expect(feed.filter((a) => a.upload.key === key).map((a) => a.title).sort()).toEqual(['second report 0', 'second report 1']);
    // Act 2: the object is deleted
    await t.remove(key);
    await t.stack.settle();
    // Assess
    expect(await Promise.all(ids.map(stored))).toEqual(ids.map(() => false));
    expect((await t.api(`/uploads/${encodeURIComponent(key)}`)).body.status).toBe('DELETED');
  });

  it('finds what a run of another object version left by that version\'s ids, and what the status listed, and not what it keeps', async () => {
    // Prepare: a run of version 1 wrote five articles (not committed); version 2 keeps two of its own
    const clients = awsClients(process.env);
    const store = storeConfigFromEnv(process.env);
    const key = 'incoming/listing/versions.jsonl';
    const v1 = { bucket: t.stack.ready.bucket, key, versionId: 'one' };
    const v2 = { ...v1, versionId: 'two' };
    const page = (await t.api('/articles?limit=1')).body.items[0];
    const written = Array.from({ length: 5 }, (_, i) => ({ ...page, text: 'body', paragraphs: ['body'], id: articleId(v1, i), upload: { ...v1, index: i } }));
    await putArticles(clients, store, written, { gen: '0001' });
    const listedBefore = articleId({ ...v1, versionId: 'zero' }, 0);
    await putArticles(clients, store, [{ ...written[0], id: listedBefore, upload: { ...v1, versionId: 'zero', index: 0 } }], { gen: '0000' });
    const keep = new Set([articleId(v2, 0), articleId(v2, 1)]);
    // Act
    const found = await findUploadArticles(clients, store, v2, { listed: [listedBefore], writers: [versionTag(v1), versionTag(v2)] }, keep);
    // Assess
    expect(found.map((r) => r.id).sort()).toEqual([...written.map((r) => r.id), listedBefore].sort());
    expect(found.every((r) => r.gen === '0001' || r.gen === '0000')).toBe(true);
  });

  it('removes on delete what a run that never committed wrote', async () => {
    // Prepare
    const key = 'incoming/listing/never.jsonl';
    const ids = idsAt(key, 5);
    doomed.add(key);
    await t.put(key, exportOf(5, 'never'));
    await until(async () => stored(ids[4]));
    // Act
    await t.remove(key);
    await t.stack.settle();
    // Assess
    expect(await Promise.all(ids.map(stored))).toEqual(ids.map(() => false));
    expect((await t.api(`/articles?upload=${encodeURIComponent(key)}`)).body.items).toEqual([]);
  });
});
