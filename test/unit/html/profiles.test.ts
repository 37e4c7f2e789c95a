/**
 * Source profiles applied on the parsed page: on real corpus pages in two languages (the profiles are user
 * data written here for those pages' structure), on a made-up site with a decoy column and a promo line,
 * and through the upload core for HTML, WARC and JSON Lines inputs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractUpload } from '../../../shared/core/extractUpload.js';
import { extractFromHtml } from '../../../shared/core/html/extractHtml.js';
import { buildProfileSet } from '../../../shared/core/html/profiles.js';
import { responseRecord, warcinfoRecord } from '../formats/builders.js';
import { page, prose } from './helpers.js';
import { CORPUS } from '../../support/referencePaths.js';

const corpusPage = (name: string) => readFileSync(join(CORPUS, name, 'source.html'), 'utf8');
const expected = (name: string) => JSON.parse(readFileSync(join(CORPUS, name, 'expected.json'), 'utf8')) as { title: string; text: string };
const textOf = (a: { blocks: { text: string }[] }) => a.blocks.map((b) => b.text).join('\n\n');

/** Words of `text` found in `truth`, both ways: the body F1 the scorers use, on word multisets. */
function wordF1(text: string, truth: string): number {
  const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const count = new Map<string, number>();
  for (const w of words(truth)) count.set(w, (count.get(w) ?? 0) + 1);
  let common = 0;
  const got = words(text);
  for (const w of got) {
    const n = count.get(w) ?? 0;
    if (n > 0) { common++; count.set(w, n - 1); }
  }
  const p = common / (got.length || 1), r = common / (words(truth).length || 1);
  return p + r ? (2 * p * r) / (p + r) : 0;
}

const FRENCH = 'readability--lemonde-1';
const ARABIC = 'newspaper4k--arabic_article';

/** Profiles a user would write for these two pages (their own markup, read in the page source). */
const CORPUS_PROFILES = [
  {
    origin: 'fr.json', content: {
      name: 'fr-daily', hosts: ['*.lemonde.fr'], title: 'h1[itemprop=Headline]', body: '#articleBody',
      published: 'time[itemprop=datePublished]@datetime', authors: '.signature_article a.auteur',
    },
  },
  {
    origin: 'ar.json', content: {
      name: 'ar-daily', hosts: ['arabic.cnn.com'], article: 'div.cnn_contentarea', title: 'h1', body: '.cnn_strycntntrgt > p',
      published: '.cnn_strytmstmp',
    },
  },
];

describe('profiles on corpus pages', () => {
  it.each([
    [FRENCH, 'fr-daily', '2015-05-04T13:36:31+02:00', ['Martin Untersinger']],
    [ARABIC, 'ar-daily', '2013-08-28', []],
  ])('%s: the profile decides title, body, date and authors, and is named', async (name, profile, published, authors) => {
    // Prepare
    const profiles = await buildProfileSet(CORPUS_PROFILES);
    const truth = expected(name);
    // Act
    const [article] = extractFromHtml(corpusPage(name), {}, { profiles });
    // Assess
    expect(article.profile).toBe(profile);
    expect(article.title).toBe(truth.title);
    expect(wordF1(textOf(article), truth.text)).toBeGreaterThan(0.95);
    expect(article.published).toBe(published);
    expect(article.authors).toEqual(authors);
  });

  it.each([FRENCH, ARABIC])('%s: with no profile for its host, the page is extracted exactly as without profiles', async (name) => {
    // Prepare
    const other = await buildProfileSet([{ origin: 'x.json', content: { name: 'elsewhere', hosts: ['news.elsewhere.example'], body: 'p' } }]);
    // Act
    const generic = extractFromHtml(corpusPage(name));
    const withOther = extractFromHtml(corpusPage(name), {}, { profiles: other });
    // Assess
    expect(withOther).toEqual(generic);
    expect(generic[0].profile).toBeUndefined();
  });

  it.each([FRENCH, ARABIC])('%s: a body selector that finds nothing leaves the page to the generic path, and says which profile missed', async (name) => {
    // Prepare: the site "changed its layout" (the selectors no longer exist)
    const stale = await buildProfileSet(CORPUS_PROFILES.map((p) => ({ ...p, content: { ...p.content, body: '.story-text-that-is-gone p' } })));
    // Act
    const generic = extractFromHtml(corpusPage(name));
    const missed = extractFromHtml(corpusPage(name), {}, { profiles: stale });
    // Assess
    expect(missed.map(({ profileMiss: _, ...a }) => a)).toEqual(generic);
    expect(missed[0].profileMiss).toBe(name === FRENCH ? 'fr-daily' : 'ar-daily');
    expect(missed[0].profile).toBeUndefined();
  });
});

/** A made-up site: a decoy column of long paragraphs, a promo line inside the body, the date in a site meta tag. */
function madeUpSite(lang: 'en' | 'de', opts: { canonical?: string; url?: string } = {}) {
  const head = `<title>World | The Harbour Gazette</title>${opts.canonical ? `<link rel="canonical" href="${opts.canonical}">` : ''}
    <meta name="story-date" content="2025-03-14T09:30:00+01:00">`;
  const body = `<header><nav><a href="/world">World</a></nav></header>
    <div class="layout">
      <aside class="column">${prose(lang, 8, 'decoy ')}</aside>
      <main><article>
        <h1 class="story-headline">Harbour opens a new ferry line</h1>
        <p class="story-credit">Words: <a class="person" href="/p/1">Jane Roe</a> and <a class="person" href="/p/2">Sam Poe</a></p>
        <div class="story-body">${prose(lang, 3, 'story ')}<p class="promo">Subscribe now for one euro a month</p>${prose(lang, 2, 'more ')}</div>
        <ul class="topics"><li><a href="/t/ferries">Ferries</a></li><li><a href="/t/harbour">Harbour</a></li></ul>
      </article></main>
    </div>`;
  return page(body, head, `lang="${lang}"`);
}

const GAZETTE = {
  name: 'harbour-gazette', hosts: ['news.harbour-gazette.example', '*.harbour-gazette.example'], article: 'main article',
  title: 'h1.story-headline', body: 'div.story-body > p', drop: ['.story-body .promo'], published: 'meta[name="story-date"]@content',
  authors: '.story-credit a.person', tags: 'ul.topics a',
};

describe('a profile on a made-up site', () => {
  it.each(['en', 'de'] as const)('(%s) follows the profile: no decoy, no promo, headline, site date, people, tags', async (lang) => {
    // Prepare
    const profiles = await buildProfileSet([{ origin: 'g.json', content: GAZETTE }]);
    const html = madeUpSite(lang, { canonical: 'https://www.harbour-gazette.example/world/ferry' });
    // Act
    const [article] = extractFromHtml(html, {}, { profiles });
    // Assess
    expect(article.profile).toBe('harbour-gazette');
    expect(article.title).toBe('Harbour opens a new ferry line');
    expect(article.blocks).toHaveLength(5);
    expect(article.blocks.every((b) => /^(story|more) \d/.test(b.text))).toBe(true);
    expect(article.published).toBe('2025-03-14T09:30:00+01:00');
    expect(article.authors).toEqual(['Jane Roe', 'Sam Poe']);
    expect(article.tags).toEqual(['Ferries', 'Harbour']);
  });

  it('keeps a field the profile leaves out to the generic reading (the <title> less the site name, the meta description)', async () => {
    // Prepare
    const { title: _t, tags: _g, ...partial } = GAZETTE;
    const profiles = await buildProfileSet([{ origin: 'g.json', content: partial }]);
    const html = madeUpSite('en', { canonical: 'https://news.harbour-gazette.example/world/ferry' });
    // Act
    const [generic] = extractFromHtml(html);
    const [article] = extractFromHtml(html, {}, { profiles });
    // Assess
    expect(article.profile).toBe('harbour-gazette');
    expect(article.title).toBe(generic.title);
    expect(article.tags).toEqual(generic.tags);
    expect(article.summary).toEqual(generic.summary);
  });

  it('matches on og:url, and on the container URL when the page names none', async () => {
    const profiles = await buildProfileSet([{ origin: 'g.json', content: GAZETTE }]);
    const og = madeUpSite('en').replace('<title>', '<meta property="og:url" content="https://m.harbour-gazette.example/w/1"><title>');
    expect(extractFromHtml(og, {}, { profiles })[0].profile).toBe('harbour-gazette');
    expect(extractFromHtml(madeUpSite('en'), { url: 'https://news.harbour-gazette.example/w/1' }, { profiles })[0].profile).toBe('harbour-gazette');
    expect(extractFromHtml(madeUpSite('en'), { url: 'https://harbour-gazette.example.net/w/1' }, { profiles })[0].profile).toBeUndefined();
  });

  it('reads a body given as selector@attr, and a container selector that matches nothing is a miss', async () => {
    // Prepare
    const html = page(`<main><div class="quote" data-text="First paragraph held in an attribute."></div>
      <div class="quote" data-text="Second one."></div>${prose('fr', 3)}</main>`, '<link rel="canonical" href="https://a.example/x">');
    const byAttr = await buildProfileSet([{ origin: 'a.json', content: { name: 'attr', hosts: ['a.example'], body: 'div.quote@data-text' } }]);
    const noBox = await buildProfileSet([{ origin: 'a.json', content: { name: 'box', hosts: ['a.example'], article: 'article.story', body: 'p' } }]);
    // Act
    const [attr] = extractFromHtml(html, {}, { profiles: byAttr });
    const [box] = extractFromHtml(html, {}, { profiles: noBox });
    // Assess
    expect(attr.blocks.map((b) => b.text)).toEqual(['First paragraph held in an attribute.', 'Second one.']);
    expect(box.profileMiss).toBe('box');
    expect(box.profile).toBeUndefined();
  });
});

describe('profiles through the upload core', () => {
  const upload = { bucket: 'local', key: 'k' };

  it('applies to WARC responses by their target URI, and leaves the other hosts generic', async () => {
    // Prepare
    const profiles = await buildProfileSet([{ origin: 'g.json', content: GAZETTE }]);
    const warc = Buffer.concat([
      warcinfoRecord(),
      responseRecord({ uri: 'https://news.harbour-gazette.example/world/ferry', body: madeUpSite('en') }),
      responseRecord({ uri: 'https://other.example/world/ferry', body: madeUpSite('de') }),
    ]);
    // Act
    const out = extractUpload(warc, { upload, profiles });
    // Assess
    expect(out.format).toBe('warc');
    expect(out.articles.map((a) => a.profile)).toEqual(['harbour-gazette', null]);
    expect(out.articles[0].title).toBe('Harbour opens a new ferry line');
    expect(out.articles[0].authors).toEqual(['Jane Roe', 'Sam Poe']);
    expect(out.articles[0].paragraphs.join(' ')).not.toContain('decoy');
    expect(out.profileMisses).toEqual({});
  });

  it('applies to JSON Lines records by their url, and counts each page whose body selector missed', async () => {
    // Prepare
    const stale = { ...GAZETTE, name: 'stale', hosts: ['stale.example'], body: '.gone p' };
    const profiles = await buildProfileSet([{ origin: 'g.json', content: GAZETTE }, { origin: 's.json', content: stale }]);
    const lines = [
      { url: 'https://news.harbour-gazette.example/a/1', html: madeUpSite('en') },
      { url: 'https://stale.example/a/2', html: madeUpSite('de') },
      { url: 'https://stale.example/a/3', html: madeUpSite('en') },
    ].map((r) => JSON.stringify(r)).join('\n');
    // Act
    const out = extractUpload(Buffer.from(lines), { upload, profiles });
    // Assess
    expect(out.format).toBe('jsonl');
    expect(out.articles.map((a) => a.profile)).toEqual(['harbour-gazette', null, null]);
    expect(out.articles[0].published).toBe('2025-03-14T09:30:00+01:00');
    expect(out.profileMisses).toEqual({ stale: 2 });
  });

  it('gives every record profile null without profiles (the generic path)', () => {
    const out = extractUpload(Buffer.from(madeUpSite('en', { canonical: 'https://news.harbour-gazette.example/a' })), { upload });
    expect(out.articles[0].profile).toBeNull();
    expect(out.profileMisses).toEqual({});
  });
});
