import { describe, expect, it } from 'vitest';
import { emptyIndex, removeNonContent } from '../../../shared/core/html/clean.js';
import { cleanAuthors, readJsonLd, readMetadata } from '../../../shared/core/html/htmlMetadata.js';
import type { DocumentHints } from '../../../shared/core/model.js';
import { page, parse, prose } from './helpers.js';

const metadataOf = (html: string, hints: DocumentHints = {}) => {
  const doc = parse(html);
  const index = emptyIndex();
  removeNonContent(doc, index);
  return readMetadata(index, hints);
};

const ld = (o: unknown) => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;

describe('Function: readJsonLd', () => {
  it('finds the article inside @graph, resolves author references and skips organisation authors', () => {
    // Prepare
    const block = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', '@id': '#site', name: 'Courier' },
        { '@type': 'Person', '@id': '#p1', name: 'Jane Roe' },
        {
          '@type': ['NewsArticle'], headline: 'Council passes budget', datePublished: '2024-03-05T10:00:00+01:00',
          author: [{ '@id': '#p1' }, { '@type': 'Organization', name: 'Courier Staff' }], publisher: { '@id': '#site' },
          keywords: 'budget, council', articleBody: 'Body text.',
        },
      ],
    });

    // Act
    const { article, siteNames } = readJsonLd([block]);

    // Assess
    expect(article?.headline).toBe('Council passes budget');
    expect(article?.authors).toEqual(['Jane Roe']);
    expect(article?.publisher).toBe('Courier');
    expect(article?.keywords).toEqual(['budget', 'council']);
    expect(article?.body).toBe('Body text.');
    expect(siteNames).toContain('Courier');
  });

  it('reads arrays of blocks and survives broken JSON and CDATA wrappers', () => {
    // Prepare
    const blocks = ['{ broken', `<![CDATA[ ${JSON.stringify([{ '@type': 'BlogPosting', name: 'A post' }])} ]]>`];

    // Act
    const { article } = readJsonLd(blocks);

    // Assess
    expect(article?.name).toBe('A post');
  });
});

describe('Function: readMetadata', () => {
  it('reads OpenGraph, canonical (resolved against the hint URL), tags, summary, lang and dir', () => {
    // Prepare
    const head = `<title>Council passes budget | Courier</title><link rel="canonical" href="/2024/03/budget">
      <meta property="og:site_name" content="Courier"><meta property="og:title" content="Council passes budget">
      <meta property="article:tag" content="Budget"><meta property="article:tag" content="City hall"><meta name="keywords" content="budget, council">
      <meta name="description" content="The council voted.">`;
    const html = page(`<h1>Council passes budget</h1>${prose('en', 2)}`, head, 'lang="en-GB" dir="ltr"');

    // Act
    const meta = metadataOf(html, { url: 'https://courier.example.com/x?utm=1' });

    // Assess
    expect(meta.title).toBe('Council passes budget');
    expect(meta.url).toBe('https://courier.example.com/2024/03/budget');
    expect(meta.source).toBe('Courier');
    expect(meta.tags).toEqual(['Budget', 'City hall', 'council']);
    expect(meta.summary).toBe('The council voted.');
    expect(meta.lang).toBe('en-GB');
    expect(meta.dir).toBe('ltr');
  });

  it('prefers the JSON-LD headline and strips the site name from <title> pages in Arabic', () => {
    // Prepare
    const html = page('<h2>المجلس يقر الميزانية الجديدة</h2>', `<title>المجلس يقر الميزانية الجديدة - جريدة الأخبار</title>
      ${ld({ '@type': 'NewsArticle', name: 'جريدة الأخبار', headline: 'المجلس يقر الميزانية الجديدة' })}`, 'lang="ar" dir="rtl"');

    // Act
    const meta = metadataOf(html);

    // Assess
    expect(meta.title).toBe('المجلس يقر الميزانية الجديدة');
    expect(meta.dir).toBe('rtl');
  });

  it('decodes entities left in JSON-LD strings and in double-encoded meta content exactly once, in several languages', () => {
    // Prepare: JSON-LD sits in a script, which the parser never decodes; some CMSs encode meta content twice
    const cases = [
      { ld: 'Minister says &quot;no new taxes&quot; &#8211; budget passes', want: 'Minister says "no new taxes" – budget passes' },
      { ld: 'L&#039;Assemblée vote le budget d&#8217;urgence', want: 'L\'Assemblée vote le budget d’urgence' },
      { ld: 'Tom &amp; Jerry: &lt;b&gt; is not a tag', want: 'Tom & Jerry: <b> is not a tag' },
      { ld: 'AT&T and R&D stay as written', want: 'AT&T and R&D stay as written' },
    ];
    for (const c of cases) {
      const html = page('<h2>x</h2>', ld({ '@type': 'NewsArticle', headline: c.ld }));
      // Act + Assess
      expect(metadataOf(html).title).toBe(c.want);
    }
    const twice = page('<p>x</p>', '<meta property="og:title" content="Le &amp;quot;plan&amp;quot; d&amp;#039;urgence">');
    expect(metadataOf(twice).title).toBe('Le "plan" d\'urgence');
  });

  it('takes the date from JSON-LD, then meta tags, bounded by the fetch time', () => {
    // Prepare
    const future = page('<h1>T</h1>', `<meta property="article:published_time" content="2031-01-01T00:00:00Z">
      <meta name="dc.date" content="2024-02-03">`);

    // Act
    const meta = metadataOf(future, { fetchedAt: new Date('2024-06-01T00:00:00Z') });

    // Assess
    expect(meta.published?.iso.slice(0, 10)).toBe('2024-02-03');
  });

  it('reads a date line written under the headline when no metadata has one', () => {
    // Prepare
    const html = page(`<h1>Council passes budget</h1><div class="meta"><span>Published 5 March 2024</span></div>${prose('en', 2)}`);

    // Act
    const meta = metadataOf(html);

    // Assess
    expect(meta.published?.iso.slice(0, 10)).toBe('2024-03-05');
  });

  it('reads <time datetime> marked as the publication date', () => {
    // Prepare
    const html = page(`<h1>Budget</h1><time itemprop="datePublished" datetime="2023-11-20T08:00:00Z">20 Nov</time>${prose('en', 1)}`);

    // Act
    const meta = metadataOf(html);

    // Assess
    expect(meta.published?.iso.slice(0, 10)).toBe('2023-11-20');
  });

  it('uses hints as defaults when the page says nothing', () => {
    // Prepare
    const html = page(prose('en', 1));

    // Act
    const meta = metadataOf(html, { title: 'Hinted title', url: 'https://x.example/a', source: 'X', lang: 'en', authors: ['Ann Lee'] });

    // Assess
    expect(meta.title).toBe('Hinted title');
    expect(meta.url).toBe('https://x.example/a');
    expect(meta.source).toBe('X');
    expect(meta.authors).toEqual(['Ann Lee']);
  });
});

describe('readMetadata: titles as the page shows them, dates as the publisher wrote them', () => {
  it('drops a section part left after the site name when the visible headline confirms it (zh, en, fr)', () => {
    expect(metadataOf(page('<h1>宇航员在太空中喝酒会怎么样？后果很严重</h1>', '<title>宇航员在太空中喝酒会怎么样？后果很严重 _探索者 _光明网</title>')).title)
      .toBe('宇航员在太空中喝酒会怎么样？后果很严重');
    expect(metadataOf(page('<h1>Council passes the water budget</h1>', '<title>Council passes the water budget | Politics | The Courier</title><meta property="og:site_name" content="The Courier">')).title)
      .toBe('Council passes the water budget');
    expect(metadataOf(page('<h1>Le conseil adopte le budget de l’eau</h1>', '<meta property="og:title" content="Le conseil adopte le budget de l’eau - Politique - Le Courrier"><meta property="og:site_name" content="Le Courrier">')).title)
      .toBe('Le conseil adopte le budget de l’eau');
  });

  it('keeps a title with no site part whole, even when an h1 is one of its parts', () => {
    expect(metadataOf(page('<h1>evolve extension for Mercurial</h1>', '<title>Evolve: Shared Mutable History — evolve extension for Mercurial</title>')).title)
      .toBe('Evolve: Shared Mutable History — evolve extension for Mercurial');
  });

  it('never takes a modified date for the published one (JSON-LD, meta, "Updated" lines in en and fr)', () => {
    expect(metadataOf(page(`<h1>Council meets</h1>${prose('en', 2)}`, ld({ '@type': 'NewsArticle', headline: 'Council meets', dateModified: '2024-03-06T10:00:00Z' }))).published).toBeNull();
    expect(metadataOf(page(`<h1>Council meets</h1>${prose('en', 2)}`, '<meta property="article:modified_time" content="2024-03-06T10:00:00Z">')).published).toBeNull();
    expect(metadataOf(page(`<h1>Council meets</h1><p>Updated March 6, 2024</p>${prose('en', 2)}`)).published).toBeNull();
    expect(metadataOf(page(`<h1>Le conseil se réunit</h1><p>Mis à jour le 6 mars 2024</p>${prose('fr', 2)}`)).published).toBeNull();
    expect(metadataOf(page(`<h1>Council meets</h1><p>Updated <time itemprop="dateModified" datetime="2024-03-06">March 6</time></p>${prose('en', 2)}`)).published).toBeNull();
    // a published line next to an updated one still gives the published date
    expect(metadataOf(page(`<h1>Le conseil se réunit</h1><p>Publié le 5 mars 2024, mis à jour le 6 mars 2024</p>${prose('fr', 2)}`)).published?.iso).toBe('2024-03-05');
  });

  it('keeps the publisher\'s offset and calendar day when JSON-LD gives the same instant in UTC (en, ar)', () => {
    const evening = metadataOf(page('<h1>Council meets</h1>', ld({ '@type': 'NewsArticle', headline: 'Council meets', datePublished: '2024-03-06T02:00:00Z' })
      + '<meta property="article:published_time" content="2024-03-05T21:00:00-05:00">'));
    expect(evening.published?.iso).toBe('2024-03-05T21:00:00-05:00');
    const cairo = metadataOf(page('<h1>اجتماع المجلس</h1><time datetime="2024-03-06T01:30:00+03:00">٦ مارس ٢٠٢٤</time>', ld({ '@type': 'NewsArticle', headline: 'اجتماع المجلس', datePublished: '2024-03-05T22:30:00Z' })));
    expect(cairo.published?.iso).toBe('2024-03-06T01:30:00+03:00');
    // a different instant is another date, not the same one in another zone
    const other = metadataOf(page('<h1>Council meets</h1>', ld({ '@type': 'NewsArticle', headline: 'Council meets', datePublished: '2024-03-06T02:00:00Z' })
      + '<meta property="article:published_time" content="2024-03-04T21:00:00-05:00">'));
    expect(other.published?.iso).toBe('2024-03-06T02:00:00Z');
  });
});

describe('Function: cleanAuthors', () => {
  it.each([
    ['Tech Industry by Jane Roe January 18, 2017 11:00 PM PST @janeroe', ['Jane Roe']],
    ['By Ann Lee - Apr 16, 2015 8:02 pm UTC', ['Ann Lee']],
    ['Written by Ann Lee Edited by Bo Chan', ['Ann Lee']],
    ['By Ann Lee, MD', ['Ann Lee']],
    ['Bo Chan (http://example.org/bo/)', ['Bo Chan']],
    ['Marie Roy (avec Luc Blanc et Anne Vert)', ['Marie Roy', 'Luc Blanc', 'Anne Vert']],
    ['Daniel Kahn', ['Daniel Kahn']],
    // the author labels of the text path, one lexicon for both
    ['מאת דנה כהן', ['דנה כהן']],
    ['Γράφει η Μαρία Παπαδοπούλου', ['Μαρία Παπαδοπούλου']],
    ['Posted by Jane Roe', ['Jane Roe']],
    ['Publicado por María Pérez', ['María Pérez']],
    ['记者 王明', ['王明']],
  ])('reads the people out of the byline line %s', (line, expected) => {
    // Prepare / Act
    const authors = cleanAuthors([line], []);

    // Assess
    expect(authors).toEqual(expected);
  });

  it('removes "By" prefixes, splits lists, and drops staff labels, URLs and site names', () => {
    // Prepare
    const raw = ['By Jane Roe and John Doe', 'Courier Staff', 'https://example.com/author/x', 'بقلم أحمد علي', 'Par Marie Curie', 'Courier'];

    // Act
    const authors = cleanAuthors(raw, ['Courier']);

    // Assess
    expect(authors).toEqual(['Jane Roe', 'John Doe', 'أحمد علي', 'Marie Curie']);
  });
});
