/**
 * Nothing lost, nothing doubled: mixed scrapes under injected SDK faults and handler crashes, with events
 * duplicated and reordered, must end exactly as a fault-free run of the same scrapes.
 * Bounded here (SIFT_SOAK_UPLOADS, default 40); `npm run soak` runs the full size.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrapeAt } from './scrapeFactory.js';
import { startTestStack, type TestStack } from './helpers.js';

const UPLOADS = Number(process.env.SIFT_SOAK_UPLOADS ?? 40);
const FAULTS = process.env.SIFT_SOAK_FAULTS ?? 'dynamodb=0.1,s3=0.1,crash=0.1';

interface Outcome {
  status: string;
  error?: string;
  articles: string[];
}

/** What a run produced, per upload name: status, and each article's position, title and content hash. */
async function outcomes(t: TestStack, prefix: string): Promise<{ byName: Map<string, Outcome>; duplicates: number }> {
  const out = new Map<string, Outcome>();
  let duplicates = 0;
  for (let i = 0; i < UPLOADS; i++) {
    const key = `${prefix}${scrapeAt(i).name}`;
    const s = (await t.api(`/uploads/${encodeURIComponent(key)}`)).body;
    const listed = (await t.api(`/articles?upload=${encodeURIComponent(key)}&limit=100`)).body.items as { id: string; upload: { index: number }; title: string; contentHash: string }[];
    duplicates += listed.length - new Set(listed.map((a) => a.id)).size;
    expect(listed.length, `records listed vs status for ${key}`).toBe(s.articleCount);
    out.set(scrapeAt(i).name, {
      status: s.status, ...(s.error ? { error: s.error } : {}),
      articles: listed.map((a) => `${a.upload.index}|${a.title}|${a.contentHash}`).sort(),
    });
  }
  return { byName: out, duplicates };
}

async function uploadAll(t: TestStack, prefix: string, order: number[]) {
  for (let i = 0; i < order.length; i += 8) {
    await Promise.all(order.slice(i, i + 8).map((n) => t.put(`${prefix}${scrapeAt(n).name}`, scrapeAt(n).body)));
  }
}

/** A small seeded generator, so a failing soak can be replayed. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe(`soak: ${UPLOADS} uploads under ${FAULTS}`, () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await startTestStack({ visibilityTimeoutMs: 700, concurrency: 3 });
  });
  afterAll(async () => {
    t?.stack.setFaults(null);
    await t?.stop();
  });

  it('ends every upload as a fault-free run does, with no record lost or duplicated', async () => {
    // Prepare: the reference, fault-free
    const order = Array.from({ length: UPLOADS }, (_, i) => i);
    await uploadAll(t, 'incoming/soak/clean/', order);
    await t.stack.settle(120_000);
    const reference = (await outcomes(t, 'incoming/soak/clean/')).byName;

    // Act: the same scrapes in another order, under faults, with events duplicated and delivered late
    const random = seeded(7);
    const send = t.stack.queue.send.bind(t.stack.queue);
    let duplicated = 0;
    t.stack.queue.send = (body: string) => {
      const id = send(body);
      if (random() < 0.3) {
        duplicated++;
        setTimeout(() => send(body), Math.floor(random() * 1500));
      }
      return id;
    };
    t.stack.setFaults(FAULTS);
    const shuffled = [...order].sort(() => random() - 0.5);
    const receivedBefore = { ...t.stack.queue.stats };
    await uploadAll(t, 'incoming/soak/faulty/', shuffled);
    await new Promise((r) => setTimeout(r, 1600)); // let the late duplicates arrive
    await t.stack.settle(600_000);
    const faults = structuredClone(t.stack.faults);
    t.stack.setFaults(null);
    t.stack.queue.send = send;
    const { byName: soaked, duplicates } = await outcomes(t, 'incoming/soak/faulty/');

    // Assess
    const statuses: Record<string, number> = {};
    let records = 0;
    for (let i = 0; i < UPLOADS; i++) {
      const { name, bad } = scrapeAt(i);
      const got = soaked.get(name)!;
      statuses[got.status] = (statuses[got.status] ?? 0) + 1;
      expect(got.status, name).toBe(bad ? 'FAILED' : 'PROCESSED');
      expect(got, name).toEqual(reference.get(name));
      records += got.articles.length;
    }
    expect(duplicates).toBe(0);
    expect(t.stack.deadLetterQueue.depth).toBe(0);
    const stats = t.stack.queue.stats;
    console.log(JSON.stringify({
      soak: {
        uploads: UPLOADS, faults: FAULTS, injected: faults.injected, sdkCalls: faults.calls, crashes: faults.crashes, duplicatedEvents: duplicated,
        redeliveries: stats.redelivered - receivedBefore.redelivered, deadLettered: stats.deadLettered,
        statuses, recordsCompared: records, duplicatesFound: duplicates,
      },
    }));
    expect(faults.injected.dynamodb + faults.injected.s3).toBeGreaterThan(0);
  });
});
