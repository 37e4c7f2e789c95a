/**
 * Bodies too big for an item (kept in S3 under bodies/) never outlive the records that served them: a run
 * that loses a race to a newer event, a run that died between writing bodies and items, and a twin delivery
 * of the same event leave nothing behind once the key is overwritten or deleted;
 * the first run of a new key, which no other run can have written bodies for, does
 * not list them (a listing is a paid call for nothing). The real pipeline and SDK against the emulators; the races are made deterministic
 * by holding one run at a chosen call (a wrapper around its S3 client).
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseSequencer, type ObjectEvent } from '../../shared/service/events/s3Events.js';
import type { IngestContext } from '../../shared/service/pipeline/ingestContext.js';
import { ingestObjectEvent } from '../../shared/service/pipeline/ingestObject.js';
import { storeConfigFromEnv } from '../../shared/service/storage/storeConfig.js';
import { type AwsClients, awsClients } from '../../shared/service/storage/awsClients.js';
import { startTestStack, type TestStack } from './helpers.js';

const SENTENCES = {
  en: 'The council published the full minutes of the meeting, with every question residents asked and every answer officials gave. ',
  fr: 'Le conseil a publié le compte rendu complet de la séance, avec chaque question des habitants et chaque réponse des élus. ',
};
/** JSON Lines of `n` articles whose bodies are each over the item limit (about 200 KB). */
const bigLines = (n: number, lang: keyof typeof SENTENCES) => Array.from({ length: n }, (_, i) => JSON.stringify({
  url: `https://news.example/${lang}/${i}`, title: `Minutes ${lang} ${i}`,
  text: Array.from({ length: 1600 }, (_, k) => `${SENTENCES[lang]}(${i}.${k})`).join('\n\n'),
})).join('\n');
const smallLine = JSON.stringify({ url: 'https://news.example/short', title: 'Short note', text: 'The meeting is postponed to next week, the council said on Tuesday.' });

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => { resolve = r; });
  return { promise, resolve };
};

describe('bodies in S3 go with their runs', () => {
  let t: TestStack;
  let base: AwsClients;
  const store = () => storeConfigFromEnv(process.env);
  let seq = 0;
  const event = (key: string, change: 'created' | 'removed' = 'created', sequencer = normaliseSequencer((++seq).toString(16).toUpperCase(), '')): ObjectEvent => ({
    change, bucket: t.stack.ready.bucket, key, sequencer, eventTime: new Date().toISOString(), eventName: change === 'created' ? 'ObjectCreated:Put' : 'ObjectRemoved:Delete',
  });
  const ctx = (clients: AwsClients): IngestContext => ({ clients, store: store() });
  const bodies = async () => ((await base.s3.send(new ListObjectsV2Command({ Bucket: t.stack.ready.bucket, Prefix: 'bodies/' }))).Contents ?? []).map((o) => o.Key!);
  /** `base` whose S3 client stops after its `n`th body write until `gate` opens. */
  const holdingAfterBodies = (n: number) => {
    const reached = deferred();
    const gate = deferred();
    let puts = 0;
    const s3 = {
      send: async (command: unknown) => {
        const out = await base.s3.send(command as never);
        if (command instanceof PutObjectCommand && command.input.Key?.startsWith('bodies/') && ++puts === n) {
          reached.resolve();
          await gate.promise;
        }
        return out;
      },
    } as unknown as S3Client;
    return { clients: { ...base, s3 }, reached: reached.promise, open: gate.resolve };
  };

  beforeAll(async () => {
    t = await startTestStack();
    base = awsClients(process.env);
  });
  afterAll(async () => {
    await t?.stop();
  });

  // Keys outside the upload prefix: the stack's own notifications ignore them, the test sends the events.
  it.each(['en', 'fr'] as const)('a big upload overwritten by a small one while it writes leaves no body behind (%s)', async (lang) => {
    // Prepare
    const key = `race/overwrite-${lang}.jsonl`;
    await t.put(key, bigLines(6, lang));
    const slow = holdingAfterBodies(2);
    const loser = ingestObjectEvent(ctx(slow.clients), event(key));
    await slow.reached;
    // Act: the overwrite arrives and commits while the first run is held, then the first run finishes
    await t.put(key, smallLine);
    const winner = await ingestObjectEvent(ctx(base), event(key));
    slow.open();
    // Assess
    expect(winner).toMatchObject({ outcome: 'processed', articles: 1 });
    expect(await loser).toEqual({ outcome: 'superseded' });
    expect(await bodies()).toEqual([]);
    const status = (await t.api(`/uploads/${encodeURIComponent(key)}`)).body;
    expect((await t.api(`/articles/${status.articleIds[0]}`)).body.title).toBe('Short note');
  });

  it('a run that died between its bodies and its items leaves nothing once the upload is deleted', async () => {
    // Prepare: every table write of the run fails, after its bodies went to S3
    const key = 'race/crashed.jsonl';
    await t.put(key, bigLines(3, 'en'));
    const ddb = { send: (command: unknown) => (command instanceof BatchWriteCommand ? Promise.reject(new Error('simulated crash')) : base.ddb.send(command as never)) };
    await expect(ingestObjectEvent(ctx({ ...base, ddb: ddb as never }), event(key))).rejects.toThrow('simulated crash');
    expect((await bodies()).length).toBe(3);
    // Act
    await t.remove(key);
    const removed = await ingestObjectEvent(ctx(base), event(key, 'removed'));
    // Assess
    expect(removed).toMatchObject({ outcome: 'deleted' });
    expect(await bodies()).toEqual([]);
  });

  it('the first run of a new key lists no bodies; a later event of the key lists them and removes what a dead run left', async () => {
    // Prepare: S3 calls counted by command
    const sent: string[] = [];
    const s3 = { send: (command: object) => { sent.push(command.constructor.name); return base.s3.send(command as never); } } as unknown as S3Client;
    const counted = { ...base, s3 };
    const fresh = 'race/first-of-key.jsonl';
    await t.put(fresh, smallLine);
    // Act 1: the key's first event
    const first = await ingestObjectEvent(ctx(counted), event(fresh));
    // Assess 1
    expect(first).toMatchObject({ outcome: 'processed', articles: 1 });
    expect(sent.filter((c) => c === 'ListObjectsV2Command')).toEqual([]);
    // Prepare 2: a run of another key dies between its bodies and its items
    const key = 'race/dead-then-new.jsonl';
    await t.put(key, bigLines(2, 'en'));
    const ddb = { send: (command: unknown) => (command instanceof BatchWriteCommand ? Promise.reject(new Error('simulated crash')) : base.ddb.send(command as never)) };
    await expect(ingestObjectEvent(ctx({ ...base, ddb: ddb as never }), event(key))).rejects.toThrow('simulated crash');
    expect((await bodies()).length).toBe(2);
    // Act 2: a newer event of that key, with small content
    await t.put(key, smallLine);
    sent.length = 0;
    const next = await ingestObjectEvent(ctx(counted), event(key));
    // Assess 2: it listed the key's bodies and removed the dead run's
    expect(next).toMatchObject({ outcome: 'processed', articles: 1 });
    expect(sent).toContain('ListObjectsV2Command');
    expect(await bodies()).toEqual([]);
  });

  it('a twin delivery of the same event that finishes second keeps the winner\'s bodies; a delete then removes them all', async () => {
    // Prepare
    const key = 'race/twins.jsonl';
    await t.put(key, bigLines(4, 'fr'));
    const same = event(key);
    const slow = holdingAfterBodies(1);
    const first = ingestObjectEvent(ctx(slow.clients), same);
    await slow.reached;
    // Act: the redelivered copy runs to the end, then the first copy resumes
    const second = await ingestObjectEvent(ctx(base), same);
    slow.open();
    await first;
    // Assess: every article is served whole from its body
    expect(second).toMatchObject({ outcome: 'processed', articles: 4 });
    const { articleIds } = (await t.api(`/uploads/${encodeURIComponent(key)}`)).body;
    for (const id of articleIds) expect((await t.api(`/articles/${id}`)).body.text.length).toBeGreaterThan(150_000);
    expect((await bodies()).length).toBe(4);
    await t.remove(key);
    await ingestObjectEvent(ctx(base), event(key, 'removed'));
    expect(await bodies()).toEqual([]);
  });
});
