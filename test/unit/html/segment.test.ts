import { describe, expect, it } from 'vitest';
import { findArticleUnits } from '../../../shared/core/html/segment.js';
import type { RelatedHeadline } from '../../../shared/core/model.js';
import { page, parse, prose } from './helpers.js';

const units = (html: string) => {
  const related: RelatedHeadline[] = [];
  const found = findArticleUnits(parse(html), related, 'https://news.example.com/live');
  return { headings: found.map((u) => u.heading), related };
};

describe('Function: findArticleUnits', () => {
  it('finds live-blog entries marked by class, each with its own headline', () => {
    // Prepare
    const entry = (h: string, seed: string) => `<div class="liveblog-entry"><h3>${h}</h3>${prose('en', 3, seed)}</div>`;
    const html = page(`<div class="live">${entry('10:00 Council opens session', 'A')}${entry('11:30 Vote postponed', 'B')}</div>`);

    // Act
    const { headings } = units(html);

    // Assess
    expect(headings).toEqual(['10:00 Council opens session', '11:30 Vote postponed']);
  });

  it('finds schema.org Article items in Arabic', () => {
    // Prepare
    const item = (h: string, seed: string) => `<div itemscope itemtype="https://schema.org/NewsArticle"><h2 itemprop="headline">${h}</h2>${prose('ar', 3, seed)}</div>`;
    const html = page(item('المجلس يقر الميزانية', 'أ') + item('افتتاح معرض الكتاب', 'ب'), '', 'lang="ar" dir="rtl"');

    // Act
    const { headings } = units(html);

    // Assess
    expect(headings).toEqual(['المجلس يقر الميزانية', 'افتتاح معرض الكتاب']);
  });

  it('returns nothing for one story, and for one story with teasers, collecting the teasers as related', () => {
    // Prepare
    const teaser = (t: string, i: number) => `<article><h3><a href="/t/${i}">${t}</a></h3><p>One line.</p></article>`;
    const html = page(`<article><h1>Council passes budget</h1>${prose('en', 5)}</article>${['Mayor defends water plan', 'Schools get new funding'].map(teaser).join('')}`);

    // Act
    const { headings, related } = units(html);

    // Assess
    expect(headings).toEqual([]);
    expect(related).toEqual([]);
  });

  it('treats an outer <article> wrapping two full stories as a wrapper, and ignores stories without a headline', () => {
    // Prepare
    const inner = (h: string, seed: string) => `<article><h2>${h}</h2>${prose('de', 3, seed)}</article>`;
    const html = page(`<article class="stream">${inner('Stadtrat beschließt Haushalt', 'A')}${inner('Schulen erhalten Geld', 'B')}</article>
      <article>${prose('de', 4, 'C')}</article>`);

    // Act
    const { headings } = units(html);

    // Assess
    expect(headings).toEqual(['Stadtrat beschließt Haushalt', 'Schulen erhalten Geld']);
  });
});
