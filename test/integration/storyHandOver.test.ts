/**
 * The story hand-over on the local stack, through the real handlers: when the article a story is named
 * after leaves it (its upload removed, or a new version of its upload gives it other text, so another
 * story key), the story passes to the smallest id of its other articles, and its copies stay listed whole
 * under that name, with their copy counts; a hand-over cut short by a failure is finished by the retry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../shared/service/storage/awsClients.js';
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
 * Fails, once, the first delete of the article items of `page`'s HTML upload: the remove event is then
 * retried by the queue after the hand-over already ran. Counts the story relabels sent (UpdateItem on an
 * article's story) after that failure.
 */
function failFirstDelete(page: string) {
  const state = { armed: false, failed: false, relabelsAfterFailure: 0 };
  const decorate = ({ ddb }: AwsClients) => {
    ddb.middlewareStack.add((next: any, context: any) => async (args: any) => {
      if (/^Update(Item)?Command$/.test(context.commandName) && /#v\.#st = :s/.test(args.input.UpdateExpression ?? '') && state.failed) state.relabelsAfterFailure++;
      const deletes = /^BatchWrite(Item)?Command$/.test(context.commandName)
        && Object.values(args.input.RequestItems ?? {}).some((requests: any) => requests.some((r: any) => r.DeleteRequest));
      if (deletes && state.armed && !state.failed) {
        state.failed = true;
        throw Object.assign(new Error(`injected failure deleting ${page}`), { name: 'ServiceUnavailable', $fault: 'server' });
      }
      return next(args);
    }, { step: 'initialize', name: 'failFirstDelete' });
  };
  return { decorate, state };
}

describe('a story whose first article leaves', () => {
  let t: TestStack;
  const removed = copiesOf('readability--ars-1');
  const rewritten = copiesOf('readability--bbc-1');
  const retried = copiesOf('readability--aclu');
  const fault = failFirstDelete('readability--aclu');
  const firstIds = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestStack({ invocations: 'in-process', clientDecorators: [fault.decorate] });
    for (const u of [...removed, ...rewritten, ...retried]) {
      await t.put(u.key, u.body);
      await t.stack.settle();
    }
    for (const copies of [removed, rewritten, retried]) firstIds.set(copies[0].key, (await recordOf(copies[0].key)).id);
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
    for (const copies of [removed, rewritten, retried]) {
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

  it('a removal that fails after the hand-over is retried and finds nothing left to move', async () => {
    fault.state.armed = true;
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
});
