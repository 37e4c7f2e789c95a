/**
 * cheerio stays off the generic path, so a page without a profile pays nothing for selectors: a profile set built to check its selectors on first
 * match loads cheerio only once a page matches one of its profiles, through the streaming core the ingest
 * function uses; pages of other hosts, before and after, are read the generic way, in upload order.
 * Whether cheerio was loaded is seen at its import (a pass-through mock that notes the import), not at a flag.
 */
import { describe, expect, it, vi } from 'vitest';
import { extractUploadStream, type StreamEvent } from '../../../shared/core/extractUpload.js';
import { extractFromHtml } from '../../../shared/core/html/extractHtml.js';
import { buildProfileSet } from '../../../shared/core/html/profiles.js';
import type { ArticleRecord } from '../../../shared/core/model.js';
import type { ProfileError } from '../../../shared/core/profiles/profile.js';
import { page, prose } from './helpers.js';

const imported = vi.hoisted(() => ({ cheerio: 0 }));
vi.mock('cheerio/slim', async (original) => {
  imported.cheerio++;
  return original();
});

const PROFILE = { name: 'quay-post', hosts: ['*.quay-post.example'], title: 'h1.headline', body: 'div.copy > p' };

function sitePage(canonical: string, headline: string): string {
  return page(`<aside>${prose('en', 6, 'aside ')}</aside><h1 class="headline">${headline}</h1><div class="copy">${prose('en', 3, 'copy ')}</div>`,
    `<title>Section | Site</title><link rel="canonical" href="${canonical}">`);
}

async function streamed(bytes: string, profiles: Awaited<ReturnType<typeof buildProfileSet>>) {
  const chunks = (async function* () { yield Buffer.from(bytes); })();
  const records: ArticleRecord[] = [];
  let summary: Extract<StreamEvent, { kind: 'summary' }>['summary'] | undefined;
  for await (const event of extractUploadStream(chunks, { upload: { bucket: 'b', key: 'k' }, profiles })) {
    if (event.kind === 'articles') records.push(...event.articles);
    else summary = event.summary;
  }
  return { records, summary: summary! };
}

const jsonl = (...pages: { url: string; html: string }[]) => pages.map((p) => JSON.stringify(p)).join('\n');

describe('cheerio is loaded only when a page matches a profile', () => {
  it('reads pages of other hosts without loading it, then loads it at the first matching page, keeping the upload order', async () => {
    // Prepare
    const profiles = await buildProfileSet([{ origin: 'q.json', content: PROFILE }], undefined, { selectors: 'on first match' });
    const other = (n: number) => ({ url: `https://www.elsewhere.example/${n}`, html: sitePage(`https://www.elsewhere.example/${n}`, `Elsewhere ${n}`) });
    const matching = { url: 'https://news.quay-post.example/1', html: sitePage('https://news.quay-post.example/1', 'Quay post headline') };
    // Act
    const generic = await streamed(jsonl(other(1), other(2)), profiles);
    const importsAfterGeneric = imported.cheerio;
    const loadedAfterGeneric = profiles.loaded;
    const mixed = await streamed(jsonl(other(3), matching, other(4)), profiles);
    // Assess
    expect(importsAfterGeneric).toBe(0);
    expect(loadedAfterGeneric).toBe(false);
    expect(generic.records.map((r) => r.profile)).toEqual([null, null]);
    expect(imported.cheerio).toBe(1);
    expect(profiles.loaded).toBe(true);
    expect(mixed.records.map((r) => [r.upload.index, r.profile, r.url])).toEqual([
      [0, null, other(3).url], [1, 'quay-post', matching.url], [2, null, other(4).url],
    ]);
    expect(mixed.records[1].title).toBe('Quay post headline');
    expect(mixed.records[1].text).not.toContain('aside');
    // the page read again once the engine was there is counted once
    expect(mixed.summary.documents).toBe(3);
    expect(mixed.summary.articles).toBe(3);
  });

  it('reports a selector cheerio cannot read when a page first matches, and reads that page the generic way', async () => {
    // Prepare
    const rejected: ProfileError[] = [];
    const profiles = await buildProfileSet([{ origin: 'bad.json', content: { ...PROFILE, title: 'h1[class=' } }], (e) => rejected.push(e), { selectors: 'on first match' });
    const rejectedAtBuild = rejected.length;
    const html = sitePage('https://news.quay-post.example/2', 'Quay post headline');
    // Act
    const { records } = await streamed(html, profiles);
    // Assess
    expect(rejectedAtBuild).toBe(0);
    expect(rejected.map((e) => [e.origin, e.field])).toEqual([['bad.json', 'title']]);
    expect(records).toHaveLength(1);
    expect(records[0].profile).toBeNull();
    expect(profiles.size).toBe(0);
  });

  it('refuses the synchronous extractor a page that matches a set not loaded yet, rather than reading it without its profile', async () => {
    const profiles = await buildProfileSet([{ origin: 'q.json', content: PROFILE }], undefined, { selectors: 'on first match' });
    expect(() => extractFromHtml(sitePage('https://news.quay-post.example/3', 'Headline'), {}, { profiles })).toThrow(/load the profiles/);
  });
});
