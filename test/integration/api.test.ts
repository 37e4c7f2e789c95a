/**
 * The query API on the local stack: filters, cursors, problems, presigned uploads, OpenAPI conformance,
 * and no Scan on any request path. Records come from real uploads through the real ingest handler.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../shared/service/api/articleQuery.js';
import type { ClientDecorator } from '../../shared/service/storage/awsClients.js';
import { listPages, startTestStack, type TestStack } from './helpers.js';

/** Every DynamoDB command the handlers send, by name. */
const commands: string[] = [];
const recordCommands: ClientDecorator = ({ ddb }) => {
  ddb.middlewareStack.add((next, context) => async (args) => {
    commands.push(String(context.commandName));
    return next(args);
  }, { step: 'initialize', name: 'recordCommands' });
};

const LANGS = ['en', 'fr', 'es'] as const;
const SENTENCES: Record<(typeof LANGS)[number], string[]> = {
  en: [
    'The committee met on Monday to discuss the new budget for public transport in the region.',
    'Several members said the proposal did not go far enough to reduce traffic in the city centre.',
    'A final decision is expected after the consultation with residents closes next month.',
  ],
  fr: [
    'Le conseil municipal a adopté mardi soir le nouveau plan de circulation pour le centre-ville.',
    'Les commerçants craignent que la fermeture de certaines rues ne fasse baisser leur chiffre d’affaires.',
    'Les travaux doivent commencer au printemps et durer environ dix-huit mois selon la mairie.',
  ],
  es: [
    'El ayuntamiento presentó ayer el plan para renovar las plazas del casco antiguo durante el próximo año.',
    'Los vecinos reclaman más zonas de sombra y fuentes públicas antes de que llegue el verano.',
    'La obra costará unos cuatro millones de euros y se financiará en parte con fondos europeos.',
  ],
};

/** A JSON Lines export of `n` pages across three languages, two sources and distinct dates. */
function exportOf(n: number): string {
  return Array.from({ length: n }, (_, i) => {
    const lang = LANGS[i % 3];
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + Math.floor(i / 28)).padStart(2, '0');
    return JSON.stringify({
      url: `https://news.example/${lang}/${i}`,
      title: `${lang.toUpperCase()} report number ${i}`,
      date: `2024-${month}-${day}`,
      source: i % 2 ? 'Harbour Gazette' : 'Valley Times',
      text: SENTENCES[lang].map((s) => `${s} (${i})`).join('\n'),
    });
  }).join('\n');
}

describe('query API', () => {
  let t: TestStack;
  const exportKey = 'incoming/exports/sixty pages.jsonl';
  let spec: any;

  beforeAll(async () => {
    // In process, so that the recorder above sees the ingest handler's commands too.
    t = await startTestStack({ invocations: 'in-process', clientDecorators: [recordCommands] });
    await t.put(exportKey, exportOf(60));
    await t.stack.settle();
    spec = (await t.api('/openapi.json')).body;
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** Validates a response body against the schema the served OpenAPI document gives for it. */
  function conforms(path: string, method: string, status: number, body: unknown) {
    const content = spec.paths[path][method].responses[String(status)].content;
    const schema = Object.values(content as Record<string, { schema: object }>)[0].schema;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const ok = validate(body);
    if (!ok) throw new Error(`${method.toUpperCase()} ${path} ${status} does not match the OpenAPI document: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }

  it('walks all articles with a cursor, newest first, nothing repeated or missed', async () => {
    // Prepare
    const status = await t.api(`/uploads/${encodeURIComponent(exportKey)}`);
    expect(status.body.status).toBe('PROCESSED');
    expect(status.body.articleCount).toBeGreaterThanOrEqual(50);
    // Act
    const seen: string[] = [];
    const dates: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: any } = await t.api(`/articles?upload=${encodeURIComponent(exportKey)}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      conforms('/articles', 'get', 200, page.body);
      for (const item of page.body.items) {
        seen.push(item.id);
        dates.push(item.published ?? '');
      }
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    // Assess
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual([...status.body.articleIds].sort());
    expect(dates).toEqual([...dates].sort().reverse());
  });

  /** Every page of a list, through its cursors. */
  const walk = (path: string) => listPages(t, path, 100);
  /** The order of the whole feed: newest first by date (undated last), ties by id, as `sortKey` has it. */
  const feedOrder = (items: any[]) => [...items].sort((a, b) => {
    const [x, y] = [`${a.published ?? '0000-00-00'}#${a.id}`, `${b.published ?? '0000-00-00'}#${b.id}`];
    return x < y ? 1 : x > y ? -1 : 0;
  }).map((a) => a.id);

  it('lists every language in one feed, newest first, in pages and date ranges, articles without a language and undated ones included', async () => {
    // Prepare: two articles whose language is not recognised (`und`), one of them without a date
    const gibberish = 'Zorblat quixim flandor vemtrak ploshu. Grimbak tzolen varquish dremlo snafit quorbel.\nMokri zantel plovish grendu wexal tormin. Blanquor vistram hexli dorbun sqelt.';
    await t.put('incoming/exports/unknown language.jsonl', [
      JSON.stringify({ url: 'https://news.example/x/1', title: 'Zorbl qwix', date: '2024-02-15', text: `${gibberish} (1)` }),
      JSON.stringify({ url: 'https://news.example/x/2', title: 'Vorb plenk', text: `${gibberish} (2)` }),
    ].join('\n'));
    await t.stack.settle();
    const byLang = (await Promise.all(['en', 'fr', 'es', 'und'].map((l) => walk(`/articles?lang=${l}&limit=100`)))).flat(2);
    // Act
    const whole = await walk('/articles?limit=7');
    const feb = await walk('/articles?from=2024-02-01&to=2024-02-29&limit=4');
    const first = await t.api('/articles?limit=100');
    // Assess
    const und = byLang.filter((a) => a.lang === 'und');
    expect(und.map((a) => a.published).sort()).toEqual(['2024-02-15', null].sort());
    expect(whole.slice(0, -1).every((p) => p.length === 7)).toBe(true);
    expect(whole.flat().map((a) => a.id)).toEqual(feedOrder(byLang));
    expect(whole.flat().at(-1).published).toBeNull();
    expect(first.body.items.map((a: any) => a.id)).toEqual(feedOrder(byLang).slice(0, 100));
    expect(first.body.nextCursor).toBeNull();
    const inFeb = byLang.filter((a) => a.published && a.published >= '2024-02-01' && a.published.slice(0, 10) <= '2024-02-29');
    expect(new Set(inFeb.map((a) => a.lang))).toEqual(new Set(['en', 'fr', 'es', 'und']));
    expect(feb.flat().map((a) => a.id)).toEqual(feedOrder(inFeb));
    expect(feb.slice(0, -1).every((p) => p.length === 4)).toBe(true);
  });

  it('goes on from a cursor of the former single feed index, and refuses a cursor of another query', async () => {
    // Prepare: the cursor an earlier version handed out (its continuation key named the feed partition)
    const secret = readFileSync(join(t.dataDir, 'cursor-secret'), 'utf8').trim();
    const all = (await walk('/articles?limit=100')).flat();
    const at = all[9];
    const old = encodeCursor({ id: at.id, sortKey: `${at.published ?? '0000-00-00'}#${at.id}`, feed: 'ARTICLE' }, {}, secret);
    // Act
    const next = await t.api(`/articles?limit=5&cursor=${encodeURIComponent(old)}`);
    const firstPage = await t.api('/articles?limit=5');
    const elsewhere = await t.api(`/articles?lang=fr&cursor=${encodeURIComponent(firstPage.body.nextCursor)}`);
    // Assess
    expect(next.body.items.map((a: any) => a.id)).toEqual(all.slice(10, 15).map((a) => a.id));
    expect(elsewhere.status).toBe(400);
  });

  it('filters by language, source and date range, alone and combined', async () => {
    // Act
    const fr = await t.api('/articles?lang=fr&limit=100');
    const gazette = await t.api(`/articles?source=${encodeURIComponent('harbour gazette')}&limit=100`);
    const feb = await t.api('/articles?from=2024-02-01&to=2024-02-29&limit=100');
    const frFeb = await t.api('/articles?lang=fr&from=2024-02-01&to=2024-02-29&limit=100');
    const frGazette = await t.api(`/articles?lang=fr&source=${encodeURIComponent('Harbour Gazette')}&upload=${encodeURIComponent(exportKey)}&limit=100`);
    // Assess
    expect(fr.body.items.length).toBe(20);
    expect(fr.body.items.every((a: any) => a.lang === 'fr')).toBe(true);
    expect(gazette.body.items.length).toBe(30);
    expect(gazette.body.items.every((a: any) => a.source === 'Harbour Gazette')).toBe(true);
    expect(feb.body.items.length).toBeGreaterThan(0);
    expect(feb.body.items.every((a: any) => a.published >= '2024-02-01' && a.published <= '2024-02-29')).toBe(true);
    expect(frFeb.body.items.every((a: any) => a.lang === 'fr' && a.published.startsWith('2024-02'))).toBe(true);
    expect(frFeb.body.items.length).toBe(feb.body.items.filter((a: any) => a.lang === 'fr').length);
    expect(frGazette.body.items.length).toBe(fr.body.items.filter((a: any) => a.source === 'Harbour Gazette').length);
  });

  it('filters by tag, case-insensitively, alone and with a language', async () => {
    // Prepare: a page whose metadata lists tags
    const key = 'incoming/tagged/page.html';
    await t.put(key, readFileSync(new URL('../fixtures/samples/en-news-page.html', import.meta.url)));
    await t.stack.settle();
    // Act
    const cycling = await t.api('/articles?tag=Cycling');
    const withLang = await t.api(`/articles?tag=${encodeURIComponent('city council')}&lang=en`);
    const otherLang = await t.api(`/articles?tag=${encodeURIComponent('city council')}&lang=fr`);
    // Assess
    expect(cycling.body.items.map((a: any) => a.upload.key)).toEqual([key]);
    expect(cycling.body.items[0].tags).toContain('cycling');
    expect(withLang.body.items).toHaveLength(1);
    expect(otherLang.body.items).toHaveLength(0);
  });

  it('answers bad parameters with 400 and unknown ids with 404, as problem+json matching the document', async () => {
    for (const [path, status] of [
      ['/articles?limit=0', 400], ['/articles?from=2024-13-45', 400], ['/articles?colour=red', 400],
      ['/articles?lang=fr&cursor=forged.cursor', 400], ['/articles/ffffffffffffffffffffffffffffffff', 404],
      ['/uploads/incoming%2Fnothing-here.txt', 404], ['/nowhere', 404],
    ] as const) {
      const res = await t.api(path);
      expect(res.status, path).toBe(status);
      expect(res.type).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
    }
    conforms('/articles', 'get', 400, (await t.api('/articles?limit=0')).body);
  });

  it('serves records and statuses that match the OpenAPI document', async () => {
    const list = await t.api('/articles?limit=1');
    const one = await t.api(`/articles/${list.body.items[0].id}`);
    conforms('/articles/{id}', 'get', 200, one.body);
    conforms('/uploads/{key}', 'get', 200, (await t.api(`/uploads/${encodeURIComponent(exportKey)}`)).body);
    conforms('/uploads', 'get', 200, (await t.api('/uploads?limit=5')).body);
  });

  it('adds nothing when the same object is uploaded again', async () => {
    // Prepare
    const before = (await t.api(`/articles?upload=${encodeURIComponent(exportKey)}&limit=100`)).body.items.map((a: any) => a.id).sort();
    // Act
    await t.put(exportKey, exportOf(60));
    await t.stack.settle();
    // Assess
    const after = (await t.api(`/articles?upload=${encodeURIComponent(exportKey)}&limit=100`)).body.items.map((a: any) => a.id).sort();
    expect(after).toEqual(before);
  });

  it('hands out a presigned upload of an exact size that ingests like any other', async () => {
    // Prepare
    const page = '<html lang="en"><body><article><h1>Presigned page title</h1><p>This page was uploaded through a presigned URL handed out by the API, and it is long enough to be an article body with real sentences.</p><p>A second paragraph follows the first one, so the extractor has a body to keep.</p></article></body></html>';
    // Act
    const created = await t.api('/uploads', { method: 'POST', body: { name: '../../etc/page one.html', size: Buffer.byteLength(page), contentType: 'text/html' } });
    conforms('/uploads', 'post', 201, created.body);
    const put = await fetch(created.body.url, { method: 'PUT', headers: created.body.headers, body: page });
    await t.stack.settle();
    // Assess
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^incoming\/api\/\d{4}-\d{2}-\d{2}\/[0-9a-f-]{36}\/page one\.html$/);
    expect(put.status).toBe(200);
    // The size is part of the signature: S3 (and the local emulator, emulatorAccess.test.ts) refuses another Content-Length.
    expect(new URL(created.body.url).searchParams.get('X-Amz-SignedHeaders')).toContain('content-length');
    const status = await t.api(`/uploads/${encodeURIComponent(created.body.key)}`);
    expect(status.body).toMatchObject({ status: 'PROCESSED', format: 'html' });
    expect(status.body.articleIds.length).toBe(1);
    const tooBig = await t.api('/uploads', { method: 'POST', body: { name: 'huge.warc.gz', size: 5 * 1024 ** 3 } });
    expect(tooBig.status).toBe(400);
  });

  it('answers a too-long URL with 414 and a too-large body with 413, both as problem+json', async () => {
    const longUrl = await fetch(`${t.stack.ready.api}/articles?source=${'x'.repeat(70_000)}`, { headers: { authorization: `Bearer ${t.stack.ready.token}` } });
    expect(longUrl.status).toBe(414);
    expect(longUrl.headers.get('content-type')).toContain('application/problem+json');
    expect(((await longUrl.json()) as { status: number }).status).toBe(414);
    const bigBody = await fetch(`${t.stack.ready.api}/uploads`, {
      method: 'POST', body: 'x'.repeat(1_100_000),
      headers: { authorization: `Bearer ${t.stack.ready.token}`, 'content-type': 'application/json' },
    });
    expect(bigBody.status).toBe(413);
    expect(bigBody.headers.get('content-type')).toContain('application/problem+json');
  });

  it('never scans: every request path is a GetItem, Query or batch write', () => {
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.filter((c) => /Scan/.test(c))).toEqual([]);
  });
});
