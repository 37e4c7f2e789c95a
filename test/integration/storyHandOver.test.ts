/**
 * The story hand-over on the local stack, through the real handlers: when the article a story is named
 * after leaves it (its upload removed, or a new version of its upload gives it other text, so another
 * story key), the story passes to the smallest id of its other articles, and its copies stay listed whole
 * under that name, with their copy counts; an article deleted with the first is never the heir; a removal
 * or a write failing after the hand-over is retried and the repeated hand-over finds nothing to move; a
 * copy mid-run is listed under the new name; a new version under another key that still matches its copies
 * keeps its story (nothing handed over).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleId, fingerprintOf } from '../../shared/core/index.js';
import type { ArticleRecord } from '../../shared/core/model.js';
import { reprocessSequencer } from '../../shared/service/pipeline/reprocess.js';
import { putArticles } from '../../shared/service/storage/articleStore.js';
import { type AwsClients, awsClients } from '../../shared/service/storage/awsClients.js';
import { storeConfigFromEnv } from '../../shared/service/storage/storeConfig.js';
import { getUpload } from '../../shared/service/storage/uploadStore.js';
import { startTestStack, type TestStack } from './helpers.js';
import { CORPUS } from '../support/referencePaths.js';

/** The page's text scrape with a run of lines from its middle cut (an edited copy). */
function editedScrape(page: string): string {
  const lines = readFileSync(join(CORPUS, page, 'source.txt'), 'utf8').split('\n');
  const cut = Math.floor(lines.length / 2);
  return [...lines.slice(0, cut), ...lines.slice(cut + 2)].join('\n');
}

/** Three copies of a page in three uploads, the HTML page first (so its article names the story). */
const copiesOf = (page: string) => [
  { key: `incoming/${page}/page.html`, body: readFileSync(join(CORPUS, page, 'source.html')) },
  { key: `incoming/${page}/scrape.txt`, body: readFileSync(join(CORPUS, page, 'source.txt')) },
  { key: `incoming/${page}/edited.txt`, body: editedScrape(page) },
];

/**
 * Fails, once, the first write of article items of the kind armed (a delete, or a put of article items)
 * after it is armed: the event is then retried by the queue after the hand-over already ran. Counts the
 * story relabels sent (UpdateItem on an article's story) after that failure.
 */
function failOnce() {
  const state = { armed: undefined as 'delete' | 'put' | undefined, failed: false, relabelsAfterFailure: 0 };
  const decorate = ({ ddb }: AwsClients) => {
    ddb.middlewareStack.add((next: any, context: any) => async (args: any) => {
      if (/^Update(Item)?Command$/.test(context.commandName) && /#v\.#st = :s/.test(args.input.UpdateExpression ?? '') && state.failed) state.relabelsAfterFailure++;
      const requests: any[] = /^BatchWrite(Item)?Command$/.test(context.commandName) ? Object.values(args.input.RequestItems ?? {}).flat() : [];
      const hit = state.armed === 'delete' ? requests.some((r) => r.DeleteRequest) : requests.some((r) => r.PutRequest?.Item?.view);
      if (state.armed && hit && !state.failed) {
        state.failed = true;
        throw Object.assign(new Error(`injected failure of a ${state.armed}`), { name: 'ServiceUnavailable', $fault: 'server' });
      }
      return next(args);
    }, { step: 'initialize', name: 'failOnce' });
  };
  const arm = (kind: 'delete' | 'put') => Object.assign(state, { armed: kind, failed: false, relabelsAfterFailure: 0 });
  return { decorate, state, arm };
}

describe('a story whose first article leaves', () => {
  let t: TestStack;
  const removed = copiesOf('readability--ars-1');
  const rewritten = copiesOf('readability--bbc-1');
  const retried = copiesOf('readability--aclu');
  const retriedPut = copiesOf('readability--cnn');
  const midRun = copiesOf('readability--folha');
  // The text scrape first: its new version is its own text with one of its words repeated.
  const keptAlong = [copiesOf('readability--001')[1], copiesOf('readability--001')[0], copiesOf('readability--001')[2]];
  const fault = failOnce();
  const firstIds = new Map<string, string>();
  // One upload holding the first article of a story and a copy of it, and a third copy elsewhere.
  const pairPage = 'newspaper4k--spanish_article';
  const pairKey = `incoming/${pairPage}/pair.jsonl`;
  let pairThird!: { key: string; body: Buffer };

  beforeAll(async () => {
    t = await startTestStack({ invocations: 'in-process', clientDecorators: [fault.decorate] });
    const expected = JSON.parse(readFileSync(join(CORPUS, pairPage, 'expected.json'), 'utf8'));
    const paragraphs = (expected.text as string).split('\n');
    const edited = [...paragraphs.slice(0, 4), ...paragraphs.slice(6)].join('\n');
    const pair = [expected.text, edited].map((text) => JSON.stringify({ url: expected.url, title: expected.title, date: expected.published, text })).join('\n');
    // The third copy's id above the pair's copy: a hand-over that took an article deleted with the first as
    // the heir would name the story after that one.
    const copyInPair = articleId({ bucket: t.stack.ready.bucket, key: pairKey }, 1);
    let n = 0;
    while (articleId({ bucket: t.stack.ready.bucket, key: `incoming/${pairPage}/copy-${n}.html` }, 0) < copyInPair) n++;
    pairThird = { key: `incoming/${pairPage}/copy-${n}.html`, body: readFileSync(join(CORPUS, pairPage, 'source.html')) };
    for (const u of [...removed, ...rewritten, ...retried, ...retriedPut, ...midRun, ...keptAlong, { key: pairKey, body: pair }, pairThird]) {
      await t.put(u.key, u.body);
      await t.stack.settle();
    }
    for (const copies of [removed, rewritten, retried, retriedPut, midRun, keptAlong]) firstIds.set(copies[0].key, (await recordOf(copies[0].key)).id);
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  async function recordOf(key: string) {
    const list = await t.api(`/articles?upload=${encodeURIComponent(key)}`);
    expect(list.status).toBe(200);
    return list.body.items[0];
  }

  /** The three copies joined one story named after the first; the two others, as they are now. */
  async function othersOf(copies: { key: string }[]) {
    return Promise.all(copies.slice(1).map((u) => recordOf(u.key)));
  }

  it('the three copies of each page start as one story named after the first upload', async () => {
    for (const copies of [removed, rewritten, retried, retriedPut, midRun, keptAlong]) {
      const first = firstIds.get(copies[0].key)!;
      const list = await t.api(`/articles?story=${first}`);
      expect(list.body.items.map((i: any) => i.upload.key).sort()).toEqual(copies.map((u) => u.key).sort());
      expect(list.body.items.map((i: any) => i.copies)).toEqual([3, 3, 3]);
    }
  });

  it('removing the first upload passes the story to the smallest id left: listed whole, counted, one per story', async () => {
    const first = firstIds.get(removed[0].key)!;
    await t.remove(removed[0].key);
    await t.stack.settle();
    const others = await othersOf(removed);
    const heir = [others[0].id, others[1].id].sort()[0];
    expect(others.map((r) => r.story)).toEqual([heir, heir]);
    const list = await t.api(`/articles?story=${heir}`);
    expect(list.body.items.map((i: any) => i.upload.key).sort()).toEqual(removed.slice(1).map((u) => u.key).sort());
    expect(list.body.items.map((i: any) => i.copies)).toEqual([2, 2]);
    expect((await t.api(`/articles/${others[0].id}`)).body).toMatchObject({ story: heir, copies: 2 });
    expect((await t.api(`/articles?story=${first}`)).body.items).toEqual([]);
    const distinct = (await t.api('/articles?distinct=story&limit=100')).body.items;
    expect(distinct.filter((i: any) => i.upload.key.startsWith('incoming/readability--ars-1/')).map((i: any) => i.id)).toEqual([heir]);
  });

  it('a new version of the first upload with another text (another key) leaves its old copies whole under their new name', async () => {
    const first = firstIds.get(rewritten[0].key)!;
    await t.put(rewritten[0].key, readFileSync(join(CORPUS, 'readability--lemonde-1', 'source.txt')));
    await t.stack.settle();
    const moved = await recordOf(rewritten[0].key);
    expect(moved.id).toBe(first);
    expect(moved.story).toBe(first);
    expect(moved.copies).toBe(1);
    const others = await othersOf(rewritten);
    const heir = [others[0].id, others[1].id].sort()[0];
    expect(others.map((r) => r.story)).toEqual([heir, heir]);
    const list = await t.api(`/articles?story=${heir}`);
    expect(list.body.items.map((i: any) => i.upload.key).sort()).toEqual(rewritten.slice(1).map((u) => u.key).sort());
    expect(list.body.items.map((i: any) => i.copies)).toEqual([2, 2]);
    expect((await t.api(`/articles?story=${first}`)).body.items.map((i: any) => i.id)).toEqual([first]);
    const distinct = (await t.api('/articles?distinct=story&limit=100')).body.items;
    expect(distinct.filter((i: any) => i.upload.key.startsWith('incoming/readability--bbc-1/')).map((i: any) => i.id).sort()).toEqual([first, heir].sort());
  });

  it('removing an upload that holds the first article and a copy passes the story to a copy elsewhere', async () => {
    const [first, copy] = (await t.api(`/articles?upload=${encodeURIComponent(pairKey)}`)).body.items.sort((a: any, b: any) => a.upload.index - b.upload.index);
    const third = await recordOf(pairThird.key);
    expect([copy.story, third.story]).toEqual([first.id, first.id]);
    expect(third.copies).toBe(3);
    await t.remove(pairKey);
    await t.stack.settle();
    expect(await recordOf(pairThird.key)).toMatchObject({ id: third.id, story: third.id, copies: 1 });
    expect((await t.api(`/articles?story=${third.id}`)).body.items.map((i: any) => i.id)).toEqual([third.id]);
    expect((await t.api('/articles?distinct=story&limit=100')).body.items.filter((i: any) => i.upload.key.startsWith(`incoming/${pairPage}/`)).map((i: any) => i.id)).toEqual([third.id]);
  });

  it('a removal that fails after the hand-over is retried and finds nothing left to move', async () => {
    fault.arm('delete');
    await t.remove(retried[0].key);
    await t.stack.settle();
    expect(fault.state.failed).toBe(true);
    expect(fault.state.relabelsAfterFailure).toBe(0);
    expect((await t.api(`/uploads/${encodeURIComponent(retried[0].key)}`)).body.status).toBe('DELETED');
    const others = await othersOf(retried);
    const heir = [others[0].id, others[1].id].sort()[0];
    expect(others.map((r) => r.story)).toEqual([heir, heir]);
    const list = await t.api(`/articles?story=${heir}`);
    expect(list.body.items.map((i: any) => i.upload.key).sort()).toEqual(retried.slice(1).map((u) => u.key).sort());
    expect(list.body.items.map((i: any) => i.copies)).toEqual([2, 2]);
  });

  it('a new version whose write fails after the hand-over is retried and finds nothing left to move', async () => {
    const first = firstIds.get(retriedPut[0].key)!;
    fault.arm('put');
    await t.put(retriedPut[0].key, readFileSync(join(CORPUS, 'readability--telegraph', 'source.txt')));
    await t.stack.settle();
    expect(fault.state.failed).toBe(true);
    expect(fault.state.relabelsAfterFailure).toBe(0);
    expect(await recordOf(retriedPut[0].key)).toMatchObject({ id: first, story: first, copies: 1 });
    const others = await othersOf(retriedPut);
    const heir = [others[0].id, others[1].id].sort()[0];
    expect(others.map((r) => r.story)).toEqual([heir, heir]);
    const list = await t.api(`/articles?story=${heir}`);
    expect(list.body.items.map((i: any) => i.upload.key).sort()).toEqual(retriedPut.slice(1).map((u) => u.key).sort());
    expect(list.body.items.map((i: any) => i.copies)).toEqual([2, 2]);
  });

  it('a copy whose upload a run is rewriting (not yet committed) is listed under the new name meanwhile', async () => {
    // Prepare: a newer run of the second copy's upload has written its record (another title), not committed
    const clients = awsClients(process.env);
    const store = storeConfigFromEnv(process.env);
    const copy = await recordOf(midRun[1].key);
    const record = (await t.api(`/articles/${copy.id}`)).body as ArticleRecord;
    const committed = (await getUpload(clients, store, midRun[1].key))!.committed!;
    await putArticles(clients, store, [{ ...record, title: `${record.title} (revised)` }], { gen: reprocessSequencer(committed), committed });
    // Act
    await t.remove(midRun[0].key);
    await t.stack.settle();
    // Assess: readers still see the committed record, under the story's new name
    const others = await othersOf(midRun);
    const heir = [others[0].id, others[1].id].sort()[0];
    expect(others.map((r) => r.story)).toEqual([heir, heir]);
    expect(others[0].title).toBe(record.title);
    const list = await t.api(`/articles?story=${heir}`);
    expect(list.body.items.map((i: any) => i.upload.key).sort()).toEqual(midRun.slice(1).map((u) => u.key).sort());
    expect(list.body.items.map((i: any) => i.copies)).toEqual([2, 2]);
  });

  it('a new version under another key that still matches its copies keeps them: the story spans both keys, nothing is handed over', async () => {
    // Prepare: the first article's text with one of its words repeated, so that this word becomes its key
    // while each of it and its copies still has the other's key among its key words (they stay linked)
    const first = firstIds.get(keptAlong[0].key)!;
    const text = ((await t.api(`/articles/${first}`)).body as ArticleRecord).text;
    const copies = await Promise.all((await othersOf(keptAlong)).map(async (r) => fingerprintOf(((await t.api(`/articles/${r.id}`)).body as ArticleRecord).text)));
    const before = fingerprintOf(text);
    const words = [...new Set(text.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter((w) => w.length > 3))];
    const changed = words.map((w) => `${text}\n\n${Array(15).fill(`This is about ${w}, and ${w} again.`).join(' ')}`).find((t2) => {
      const fp = fingerprintOf(t2);
      return fp.storyKey !== before.storyKey && copies.every((c) => c.storyWords.includes(fp.storyKey) && fp.storyWords.includes(c.storyKey));
    });
    expect(changed).toBeDefined();
    // Act
    await t.put(keptAlong[0].key, changed!);
    await t.stack.settle();
    // Assess: rewritten under another key, still the story's first article, with its copies
    const rewrittenText = ((await t.api(`/articles/${first}`)).body as ArticleRecord).text;
    expect(fingerprintOf(rewrittenText).storyKey).not.toBe(before.storyKey);
    expect((await othersOf(keptAlong)).map((r) => r.story)).toEqual([first, first]);
    const list = await t.api(`/articles?story=${first}`);
    expect(list.body.items.map((i: any) => i.upload.key).sort()).toEqual(keptAlong.map((u) => u.key).sort());
    expect(list.body.items.map((i: any) => i.copies)).toEqual([3, 3, 3]);
  });
});
