import { describe, expect, it } from 'vitest';
import { emptyIndex, isHidden, measureText, removeBoilerplate, removeNonContent } from '../../../shared/core/html/clean.js';
import { innerText } from '../../../shared/core/html/dom.js';
import type { RelatedHeadline } from '../../../shared/core/model.js';
import { page, parse, prose } from './helpers.js';

const clean = (html: string, baseUrl?: string) => {
  const doc = parse(html);
  const index = emptyIndex();
  removeNonContent(doc, index);
  const related: RelatedHeadline[] = [];
  removeBoilerplate(doc, related, { baseUrl, linkDense: true });
  return { text: innerText(doc), related, index };
};

describe('Function: removeNonContent', () => {
  it('drops scripts, styles, templates, noscript and hidden nodes but keeps visible text', () => {
    // Prepare
    const html = page(`<script>var x = "script text";</script><style>.a{}</style><template><p>template text</p></template>
      <noscript>noscript text</noscript><p hidden>hidden attr</p><p aria-hidden="true">aria hidden</p>
      <p style="display: none">display none</p><p style="color:red; visibility:hidden">visibility hidden</p><p>visible text</p>`);

    // Act
    const { text } = clean(html);

    // Assess
    expect(text).toBe('visible text');
  });

  it('records meta tags, JSON-LD, title and canonical link while removing them', () => {
    // Prepare
    const html = page('<h1>Headline</h1>', `<title>Doc title</title><meta property="og:title" content="OG"><link rel="canonical" href="/a/b">
      <script type="application/ld+json">{"@type":"NewsArticle"}</script>`);
    const doc = parse(html);
    const index = emptyIndex();

    // Act
    removeNonContent(doc, index);

    // Assess
    expect(index.title).toBe('Doc title');
    expect(index.metas.map((m) => m.attribs.property)).toContain('og:title');
    expect(index.jsonLd).toEqual(['{"@type":"NewsArticle"}']);
    expect(index.canonical).toBe('/a/b');
    expect(index.h1.length).toBe(1);
  });

  it('treats aria-hidden fallback images as visible (Readability habit)', () => {
    // Prepare
    const doc = parse('<div aria-hidden="true" class="fallback-image">x</div>');
    const el = doc.children[0] as never;

    // Act
    const hidden = isHidden(el);

    // Assess
    expect(hidden).toBe(false);
  });
});

describe('Function: removeBoilerplate', () => {
  it('removes nav, and header/footer/aside/form outside the article, but keeps the article', () => {
    // Prepare
    const html = page(`<header>Site header menu</header><nav><a href="/">Home</a></nav><aside>Sidebar box</aside>
      <article>${prose('en', 2)}</article><form><input>Search form</form><footer>Footer links</footer>`);

    // Act
    const { text } = clean(html);

    // Assess
    expect(text).toContain('The council met');
    for (const junk of ['Site header', 'Home', 'Sidebar', 'Search form', 'Footer links']) expect(text).not.toContain(junk);
  });

  it('removes ARIA landmarks that are never the article', () => {
    // Prepare
    const html = page(`<div role="navigation">Menu</div><div role="banner">Banner</div><div role="contentinfo">Contact info</div>
      <div role="complementary">Complement</div><div>${prose('fr', 2)}</div>`);

    // Act
    const { text } = clean(html);

    // Assess
    expect(text).toContain('Le conseil');
    for (const junk of ['Menu', 'Banner', 'Contact info', 'Complement']) expect(text).not.toContain(junk);
  });

  it.each([
    ['share bar', '<div class="social-share">Share on Facebook</div>'],
    ['ad slot', '<div id="ad-slot-top">Buy now</div>'],
    ['German ad box', '<div class="werbung">Jetzt kaufen</div>'],
    ['cookie banner', '<div class="cookie-banner">We use cookies</div>'],
    ['newsletter box', '<section class="newsletter-signup">Get the digest</section>'],
    ['comments', '<div id="comments">First!</div>'],
    ['Arabic share label', '<div aria-label="شارك">فيسبوك</div>'],
    ['French share label', '<div aria-label="Partager sur les réseaux">Facebook</div>'],
  ])('removes a %s by class, id or label', (_, widget) => {
    // Prepare
    const html = page(`<div>${prose('en', 3)}</div>${widget}`);

    // Act
    const { text } = clean(html);

    // Assess
    expect(text).toContain('The council met');
    expect(text).not.toMatch(/Share on|Buy now|kaufen|cookies|digest|First!|فيسبوك|Facebook/);
  });

  it('never removes inline elements by their class: a link styled as a popup is part of its sentence', () => {
    // Prepare
    const html = page(`<div><p>The nature of my <a class="popup" href="#n1">avocations</a> brought me here, <span class="ad">said</span> the lawyer.</p>${prose('en', 2)}</div>`);

    // Act
    const { text } = clean(html);

    // Assess
    expect(text).toContain('The nature of my avocations brought me here, said the lawyer.');
  });

  it('keeps a layout wrapper whose class contains a widget word when it holds the article', () => {
    // Prepare
    const html = page(`<div class="page has-ads"><div class="story">${prose('en', 6)}</div></div>`);

    // Act
    const { text } = clean(html);

    // Assess
    expect(text).toContain('6. The council met');
  });

  it('turns "read also" boxes into related headlines, in English and Arabic', () => {
    // Prepare
    const html = page(`<div>${prose('ar', 3)}</div>
      <div class="box"><h3>اقرأ أيضا</h3><ul><li><a href="/a1">وزير المالية يعرض خطة الإصلاح على البرلمان</a></li>
      <li><a href="/a2">ارتفاع أسعار الوقود للمرة الثالثة هذا العام</a></li><li><a href="/a3">افتتاح معرض الكتاب بمشاركة واسعة</a></li></ul></div>
      <div class="related-stories"><a href="https://example.org/x">Council approves the new water plan after long debate</a></div>`, '', 'lang="ar" dir="rtl"');

    // Act
    const { text, related } = clean(html, 'https://news.example.com/story/1');

    // Assess
    expect(text).toContain('اجتمع المجلس');
    expect(text).not.toContain('وزير المالية');
    expect(related).toEqual([
      { title: 'وزير المالية يعرض خطة الإصلاح على البرلمان', url: 'https://news.example.com/a1' },
      { title: 'ارتفاع أسعار الوقود للمرة الثالثة هذا العام', url: 'https://news.example.com/a2' },
      { title: 'افتتاح معرض الكتاب بمشاركة واسعة', url: 'https://news.example.com/a3' },
      { title: 'Council approves the new water plan after long debate', url: 'https://example.org/x' },
    ]);
  });

  it.each([
    ['English', '<p>READ MORE: <a href="/r/1">Mayor defends the water plan in a tense meeting</a></p>'],
    ['Arabic', '<p>اقرأ أيضا: <a href="/r/1">وزير المالية يعرض خطة الإصلاح على البرلمان</a></p>'],
    ['French', '<p>Lire aussi : <a href="/r/1">Le maire défend le plan pour l’eau devant le conseil</a></p>'],
  ])('turns %s "read more: <link>" lines inside the story into related headlines', (_, line) => {
    // Prepare
    const html = page(`<article>${prose('en', 2)}${line}${prose('en', 1, 'Z')}</article>`);

    // Act
    const { text, related } = clean(html, 'https://news.example.com/a');

    // Assess
    expect(text).toContain('Z1.');
    expect(related).toHaveLength(1);
    expect(related[0].url).toBe('https://news.example.com/r/1');
  });

  it('removes social embeds whose text is chrome', () => {
    // Prepare
    const html = page(`<article>${prose('en', 2)}<blockquote class="instagram-media"><a href="https://instagram.example/p/1">View this post on Instagram</a></blockquote></article>`);

    // Act
    const { text } = clean(html);

    // Assess
    expect(text).not.toContain('Instagram');
  });

  it('removes blocks of high link density but keeps prose with a few links', () => {
    // Prepare
    const links = Array.from({ length: 6 }, (_, i) => `<li><a href="/t${i}">Topic ${i}</a></li>`).join('');
    const html = page(`<div><p>The mayor said <a href="/m">the plan</a> would take years, and critics disagreed strongly with her.</p>${prose('de', 2)}</div><ul>${links}</ul>`);

    // Act
    const { text } = clean(html);

    // Assess
    expect(text).toContain('the plan');
    expect(text).not.toContain('Topic 3');
  });
});

describe('Function: measureText', () => {
  it('counts text, link text and links bottom-up, so an unclosed link only counts for its ancestors', () => {
    // Prepare
    const doc = parse('<div id="d"><p>abc <a href="#">de</a></p></div>');

    // Act
    const stats = measureText(doc);
    const div = [...stats.keys()].find((el) => el.attribs.id === 'd')!;

    // Assess
    expect(stats.get(div)).toEqual({ text: 5, link: 2, anchors: 1 });
  });

  it('removeNonContent with an index measures the tree it leaves, as measureText does afterwards', () => {
    // Prepare
    const doc = parse('<body><div id="d"><p>abc <a href="/x">de<script>var x = 1;</script></a></p><!-- note --><p hidden>gone</p>'
      + '<ul><li><a href="/y">one</a></li><li style="display:none">two</li></ul></div><a href="/z">open<p>tail</body>');
    const index = emptyIndex();

    // Act
    removeNonContent(doc, index);

    // Assess
    const after = measureText(doc);
    expect(index.stats.size).toBe(after.size);
    for (const [el, s] of after) expect(index.stats.get(el)).toEqual(s);
  });
});
