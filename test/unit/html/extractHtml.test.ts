import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFromHtml } from '../../../shared/core/html/extractHtml.js';
import { toArticleRecord } from '../../../shared/core/records.js';
import { page, prose } from './helpers.js';
import { CORPUS, referenceMissing } from '../../support/referencePaths.js';

const text = (a: { blocks: { text: string }[] }) => a.blocks.map((b) => b.text).join('\n\n');

const story = (title: string, lang: Parameters<typeof prose>[0], seed: string, date = '') =>
  `<article><h2>${title}</h2>${date ? `<time datetime="${date}">${date}</time>` : ''}${prose(lang, 4, seed)}</article>`;
const teaser = (title: string, i: number) =>
  `<article class="card"><h3><a href="/t/${i}">${title}</a></h3><p>A short line about it.</p></article>`;

describe('Function: extractFromHtml', () => {
  it('returns one article with title, body blocks and metadata for a plain news page', () => {
    // Prepare
    const html = page(`<header><a href="/">Courier</a><nav><a href="/w">World</a></nav></header>
      <main><article><h1>Council passes budget</h1><div class="byline">By Jane Roe</div>
      <p class="date">Published 5 March 2024</p><h2>What changes</h2>${prose('en', 4)}</article></main>
      <aside class="related"><h3>Related</h3><a href="/r1">Mayor defends the water plan in tense meeting</a></aside>
      <footer>© Courier 2024</footer>`,
    '<title>Council passes budget | Courier</title><meta property="og:site_name" content="Courier">', 'lang="en"');

    // Act
    const articles = extractFromHtml(html, { url: 'https://courier.example.com/a/1' });

    // Assess
    expect(articles).toHaveLength(1);
    const [a] = articles;
    expect(a.title).toBe('Council passes budget');
    expect(a.published?.slice(0, 10)).toBe('2024-03-05');
    expect(a.authors).toEqual(['Jane Roe']);
    expect(a.source).toBe('Courier');
    expect(a.blocks[0]).toEqual({ kind: 'heading', text: 'What changes' });
    expect(text(a)).toContain('4. The council met');
    expect(text(a)).not.toMatch(/World|©|Jane Roe|Published/);
    expect(a.related).toEqual([{ title: 'Mayor defends the water plan in tense meeting', url: 'https://courier.example.com/r1' }]);
  });

  it('splits a page with several full stories into one article each, in order', () => {
    // Prepare
    const html = page(`<div class="live">${story('Council passes budget', 'en', 'A', '2024-03-05')}
      ${story('Le conseil vote le budget', 'fr', 'B', '2024-03-06')}${story('El concejo aprueba el presupuesto', 'es', 'C')}</div>`);

    // Act
    const articles = extractFromHtml(html);

    // Assess
    expect(articles.map((a) => a.title)).toEqual(['Council passes budget', 'Le conseil vote le budget', 'El concejo aprueba el presupuesto']);
    expect(articles.map((a) => a.published?.slice(0, 10) ?? null)).toEqual(['2024-03-05', '2024-03-06', null]);
    expect(text(articles[1])).toContain('B4. Le conseil');
    expect(text(articles[1])).not.toContain('A1.');
  });

  it('keeps a story with teaser cards as one article, the teasers as related headlines', () => {
    // Prepare
    const cards = ['Mayor defends the water plan', 'Schools get new funding', 'Road works start in May'].map(teaser).join('');
    const html = page(`${story('Council passes budget', 'en', 'A')}<section>${cards}</section>`, '', 'lang="en"');

    // Act
    const articles = extractFromHtml(html);

    // Assess
    expect(articles).toHaveLength(1);
    expect(articles[0].title).toBe('Council passes budget');
    expect(text(articles[0])).not.toContain('Schools get new funding');
  });

  it('keeps a story followed by a comment thread as one article', () => {
    // Prepare
    const comments = Array.from({ length: 3 }, (_, i) => `<article class="comment"><h3>Reader ${i}</h3>${prose('en', 3, `C${i}`)}</article>`).join('');
    const html = page(`${story('Council passes budget', 'en', 'A')}<section id="comments">${comments}</section>`);

    // Act
    const articles = extractFromHtml(html);

    // Assess
    expect(articles).toHaveLength(1);
    expect(text(articles[0])).not.toContain('C1');
  });

  it('reads an Arabic page: title without the site name, date line under the headline, rtl', () => {
    // Prepare
    const html = page(`<div class="head"><a href="/">الأخبار</a></div><h1>المجلس البلدي يقر الميزانية الجديدة</h1>
      <div class="stamp">الثلاثاء، 5 آذار/مارس 2024، آخر تحديث 14:00</div><div class="text">${prose('ar', 5)}</div>`,
    '<title>المجلس البلدي يقر الميزانية الجديدة - جريدة الأخبار</title>', 'lang="ar"');

    // Act
    const [a] = extractFromHtml(html);
    const record = toArticleRecord(a, 0, { upload: { bucket: 'b', key: 'k' }, format: 'html', encoding: 'utf-8' });

    // Assess
    expect(a.title).toBe('المجلس البلدي يقر الميزانية الجديدة');
    expect(a.published?.slice(0, 10)).toBe('2024-03-05');
    expect(record.text).not.toContain('آخر تحديث');
    expect(record.dir).toBe('rtl');
  });

  it('falls back to the whole page when nothing scores (short pages)', () => {
    // Prepare
    const html = page('<div>Short note.</div>', '<title>Note</title>');

    // Act
    const articles = extractFromHtml(html);

    // Assess
    expect(articles).toHaveLength(1);
    expect(text(articles[0])).toBe('Short note.');
  });

  it('reads a big page whose body comes out short as it reads the same page small (one parse per retry ladder, copies per rung)', () => {
    // Prepare: a short note, part of it in a box the first attempt strips; a script pads the big copy past 40,000 characters
    // and a box of links only the last attempt (nothing cleaned conditionally) keeps
    const body = `<div class="sidebar-box"><p>The council met on Tuesday, and the vote on the budget was put off to March.</p></div>
      <p>Short note.</p><div><a href="/1">Budget hearings set for the spring</a> <a href="/2">Mayor answers questions</a></div>`;
    const small = page(body, '<title>Council note</title>');
    const big = page(`<script>var pad = "${'x'.repeat(45_000)}";</script>${body}`, '<title>Council note</title>');

    // Act
    const fromSmall = extractFromHtml(small);
    const fromBig = extractFromHtml(big);

    // Assess
    expect(big.length).toBeGreaterThan(40_000);
    expect(text(fromSmall[0])).toContain('the vote on the budget was put off');
    expect(text(fromSmall[0])).toContain('Mayor answers questions');
    expect(fromBig).toEqual(fromSmall);
  });

  it('returns nothing for an empty document', () => {
    // Prepare / Act
    const articles = extractFromHtml('');

    // Assess
    expect(articles).toEqual([]);
  });

  it.skipIf(referenceMissing(join(CORPUS, 'newspaper4k--arabic_article')))('reads the corpus CNN Arabic page: title, 2013-08-28, rtl', () => {
    // Prepare
    const html = readFileSync(join(CORPUS, 'newspaper4k--arabic_article/source.html'), 'utf8');
    const expected = JSON.parse(readFileSync(join(CORPUS, 'newspaper4k--arabic_article/expected.json'), 'utf8')) as { title: string };

    // Act
    const [a] = extractFromHtml(html);
    const record = toArticleRecord(a, 0, { upload: { bucket: 'b', key: 'k' }, format: 'html', encoding: 'utf-8' });

    // Assess
    expect(a.title).toBe(expected.title);
    expect(a.published?.slice(0, 10)).toBe('2013-08-28');
    expect(record.dir).toBe('rtl');
  });
});
