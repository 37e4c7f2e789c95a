/**
 * Source profiles on the local stack (CONTRACT.md section 5): profile documents are objects under
 * `profiles/` in the drop bucket, read by the real ingest handler through the real SDK, never ingested
 * as uploads; and the profile source's cache and refresh against the S3 emulator.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileSource } from '../../shared/service/pipeline/profileSource.js';
import type { ProfileError } from '../../shared/core/profiles/profile.js';
import { awsClients } from '../../shared/service/storage/awsClients.js';
import { DEFAULT_PROFILES_PREFIX } from '../../shared/service/storage/tableSchema.js';
import { startTestStack, type TestStack } from './helpers.js';

const paragraph = (lang: 'en' | 'fr', n: number, what: string) => `<p>${what} ${n}. ${lang === 'en'
  ? 'The harbour authority opened the new ferry line on Friday, and the first boats left the quay full of commuters and visitors.'
  : 'Le port a ouvert vendredi la nouvelle ligne de bac, et les premiers bateaux ont quitté le quai remplis de voyageurs.'}</p>`;

/** A made-up site: a decoy column of long paragraphs, a promo line inside the body, the date in a site meta tag. */
function gazettePage(lang: 'en' | 'fr', canonical: string): string {
  const prose = (what: string, n: number) => Array.from({ length: n }, (_, i) => paragraph(lang, i + 1, what)).join('');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>World | The Harbour Gazette</title>
    <link rel="canonical" href="${canonical}"><meta name="story-date" content="2025-03-14T09:30:00+01:00"></head><body>
    <div class="layout"><aside class="column">${prose('decoy', 8)}</aside>
    <main><article><h1 class="story-headline">Ferry line opens</h1>
      <p class="story-credit">Words: <a class="person" href="/p/1">Jane Roe</a></p>
      <div class="story-body">${prose('story', 3)}<p class="promo">Subscribe now for one euro a month</p>${prose('more', 2)}</div>
    </article></main></div></body></html>`;
}

const GAZETTE = {
  name: 'harbour-gazette', hosts: ['*.harbour-gazette.example'], article: 'main article', title: 'h1.story-headline',
  body: 'div.story-body > p', drop: ['.story-body .promo'], published: 'meta[name="story-date"]@content', authors: '.story-credit a.person',
};

describe('source profiles on the local stack', () => {
  let t: TestStack;
  const profileKey = `${DEFAULT_PROFILES_PREFIX}harbour-gazette.json`;
  const profiledKey = 'incoming/profiles-test/gazette.html';
  const otherKey = 'incoming/profiles-test/other.html';

  beforeAll(async () => {
    t = await startTestStack();
    await t.put(profileKey, JSON.stringify(GAZETTE));
    await t.put(`${DEFAULT_PROFILES_PREFIX}broken.json`, '{"name": "broken", "hosts": ["other.example"]');
    await t.put(profiledKey, gazettePage('en', 'https://news.harbour-gazette.example/world/ferry'));
    await t.put(otherKey, gazettePage('fr', 'https://www.other.example/monde/bac'));
    await t.stack.settle();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const articleOf = async (key: string) => {
    const status = await t.api(`/uploads/${encodeURIComponent(key)}`);
    expect(status.body).toMatchObject({ status: 'PROCESSED' });
    expect(status.body.articleIds).toHaveLength(1);
    return (await t.api(`/articles/${status.body.articleIds[0]}`)).body;
  };

  it('extracts a page of a profiled host with the profile, and names it in the record', async () => {
    // Act
    const article = await articleOf(profiledKey);
    // Assess
    expect(article).toMatchObject({
      profile: 'harbour-gazette', title: 'Ferry line opens', published: '2025-03-14T09:30:00+01:00', authors: ['Jane Roe'],
    });
    expect(article.paragraphs).toHaveLength(5);
    expect(article.text).not.toMatch(/decoy|Subscribe/);
  });

  it('extracts a page of another host the generic way (profile null), though a broken profile sits beside the good one', async () => {
    const article = await articleOf(otherKey);
    expect(article.profile).toBeNull();
    expect(article.title).not.toBe('');
  });

  it('never ingests a profile document as an upload', async () => {
    expect((await t.api(`/uploads/${encodeURIComponent(profileKey)}`)).status).toBe(404);
    const listed = await t.api('/articles?limit=100');
    expect(listed.body.items.map((a: { upload: { key: string } }) => a.upload.key).sort()).toEqual([otherKey, profiledKey].sort());
  });

  it('ProfileSource: reads the prefix once per refresh period, picks up a changed profile after it, and leaves out a broken one', async () => {
    // Prepare: the handler's own source class over the emulator, on a clock the test moves
    let clock = 0;
    const rejected: ProfileError[] = [];
    const source = new ProfileSource(() => awsClients(process.env), t.stack.ready.bucket, DEFAULT_PROFILES_PREFIX, { onRejected: (e) => rejected.push(e) }, 60_000, () => clock);
    const url = ['https://news.harbour-gazette.example/a', 'https://renamed.example/a'];
    // Act
    const first = await source.current();
    await t.s3.send(new PutObjectCommand({
      Bucket: t.stack.ready.bucket, Key: profileKey, Body: JSON.stringify({ ...GAZETTE, name: 'gazette-v2', hosts: ['renamed.example'] }),
    }));
    clock = 59_000;
    const cached = await source.current();
    const rejectedBeforeRefresh = rejected.length;
    clock = 61_000;
    const refreshed = await source.current();
    // Assess
    expect(first.names).toEqual(['harbour-gazette']);
    // reported on each read that rebuilt the set (the first, and the one after the change)
    expect(rejected.map((e) => e.origin)).toEqual([`${DEFAULT_PROFILES_PREFIX}broken.json`, `${DEFAULT_PROFILES_PREFIX}broken.json`]);
    expect(rejected[0].reason).toContain('not valid JSON');
    expect(cached).toBe(first);
    expect(rejectedBeforeRefresh).toBe(1);
    expect(refreshed.names).toEqual(['gazette-v2']);
    expect(refreshed.match(url)).toBe('gazette-v2');
  });
});
