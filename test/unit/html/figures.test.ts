import { describe, expect, it } from 'vitest';
import { extractFromHtml } from '../../../shared/core/html/extractHtml.js';
import { splitCaption, takeCaptionLines, takeFigures } from '../../../shared/core/html/figures.js';
import { blocksOf } from '../../../shared/core/html/blocks.js';
import { page, parse, prose } from './helpers.js';

describe('splitCaption: caption text and credit apart, in several languages', () => {
  it.each([
    ['Dig a hole in the oasis. (Lucy Akins)', 'Dig a hole in the oasis.', 'Lucy Akins'],
    ['Martin Wartman works on a neon sign, in 2016. (John Minchillo / AP)', 'Martin Wartman works on a neon sign, in 2016.', 'John Minchillo / AP'],
    ['The Moulin Rouge cabaret in Paris Benoit Tessier/Reuters', 'The Moulin Rouge cabaret in Paris', 'Benoit Tessier/Reuters'],
    ['A view of the harbour (Photo: Reuters)', 'A view of the harbour', 'Reuters'],
    ['Le maire à Lyon. Photo : Jean Dupont/AFP', 'Le maire à Lyon.', 'Jean Dupont/AFP'],
    ['El alcalde en Madrid (Foto: EFE)', 'El alcalde en Madrid', 'EFE'],
    ['Der Bürgermeister in Berlin. Foto: dpa', 'Der Bürgermeister in Berlin.', 'dpa'],
    ['الرئيس في القاهرة. تصوير: أحمد علي', 'الرئيس في القاهرة.', 'أحمد علي'],
  ])('%s', (raw, caption, credit) => {
    expect(splitCaption(raw)).toEqual({ caption, credit });
  });

  it('drops gallery counters and screen-reader labels, and keeps captions that only look alike', () => {
    expect(splitCaption('Image 1 of 5 Firefighters battle the blaze')).toEqual({ caption: 'Firefighters battle the blaze', credit: null });
    expect(splitCaption('1of4Bomberos combaten el fuego.')).toEqual({ caption: 'Bomberos combaten el fuego.', credit: null });
    expect(splitCaption('Foto 2 de 7')).toEqual({ caption: null, credit: null });
    expect(splitCaption('Media caption Mr Obama told the BBC that gun control was his biggest frustration'))
      .toEqual({ caption: 'Mr Obama told the BBC that gun control was his biggest frustration', credit: null });
    expect(splitCaption('Légende : Le port de Marseille au petit matin')).toEqual({ caption: 'Le port de Marseille au petit matin', credit: null });
    expect(splitCaption('CreditKevin Frayer/Getty Images')).toEqual({ caption: null, credit: 'Kevin Frayer/Getty Images' });
    // a quote and a parenthesis that is not a name stay in the caption
    expect(splitCaption('Barack Obama: "Great Britain has always been our best partner"').credit).toBeNull();
    expect(splitCaption('He met the Queen (right) in London').credit).toBeNull();
  });
});

describe('takeFigures: captions and credits leave the body tree for images', () => {
  it('reads BBC-style media captions, Telegraph-style itemprop credits and NYT-style glued credits', () => {
    const root = parse(`<div>
      <figure><img src="/a.jpg"><figcaption class="media-caption"><span class="off-screen">Media caption</span> <span class="media-caption__text">Mr Obama told the BBC about guns</span></figcaption></figure>
      <p>First paragraph of the story.</p>
      <figure><img data-src="https://cdn.example/b.jpg" src="data:image/gif;base64,R0"><figcaption><span itemprop="caption">A man walks past an armoured carrier in Harare</span> <span itemprop="copyrightHolder">Photo: AFP</span></figcaption></figure>
      <figure class="photo"><img src="https://cdn.example/c.jpg"><figcaption><span><span class="css-x">Credit</span>Ellen Surrey</span></figcaption></figure>
      <p>Second paragraph.</p></div>`);
    const images = takeFigures(root, 'https://news.example/story');
    expect(images).toEqual([
      { url: 'https://news.example/a.jpg', caption: 'Mr Obama told the BBC about guns', credit: null },
      { url: 'https://cdn.example/b.jpg', caption: 'A man walks past an armoured carrier in Harare', credit: 'AFP' },
      { url: 'https://cdn.example/c.jpg', caption: null, credit: 'Ellen Surrey' },
    ]);
    expect(blocksOf(root).map((b) => b.text)).toEqual(['First paragraph of the story.', 'Second paragraph.']);
  });

  it('keeps a figure shown twice (inline and in its lightbox) once, and reads caption classes beside a picture (fr, ar)', () => {
    const root = parse(`<div>
      <div class="wp-caption"><img src="https://cdn.example/port.jpg"><p class="wp-caption-text">Le port de Marseille au petit matin. Crédit photo : Jean Dupont</p></div>
      <p>Le conseil municipal s’est réuni mardi.</p>
      <div class="lightbox"><figure><img src="https://cdn.example/port.jpg"><figcaption>Le port de Marseille au petit matin. Crédit photo : Jean Dupont</figcaption></figure></div>
      <figure><img src="https://cdn.example/cairo.jpg"><figcaption>الرئيس في القاهرة (صورة: رويترز)</figcaption></figure></div>`);
    expect(takeFigures(root, null)).toEqual([
      { url: 'https://cdn.example/port.jpg', caption: 'Le port de Marseille au petit matin.', credit: 'Jean Dupont' },
      { url: 'https://cdn.example/cairo.jpg', caption: 'الرئيس في القاهرة', credit: 'رويترز' },
    ]);
    expect(blocksOf(root).map((b) => b.text)).toEqual(['Le conseil municipal s’est réuni mardi.']);
  });

  it('reads itemprop="description" as a caption only for a picture\'s own item: the article\'s description is its standfirst (en, fr, es)', () => {
    // shapes of Ars Technica (en), Libération (fr) and La Nación (es) article heads: a lead picture beside the standfirst
    const root = parse(`<article itemscope itemtype="http://schema.org/NewsArticle">
      <header><h1 itemprop="headline">Old bug crashes game servers</h1><h2 itemprop="description">A two-year-old flaw exposes thousands of servers.</h2>
        <figure><img src="https://cdn.example/server.jpg"></figure></header>
      <div><figure itemprop="image" itemscope itemtype="http://schema.org/ImageObject"><img src="https://cdn.example/kat.jpg">
        <figcaption itemprop="description">Un homme prie à Katmandou, le 30 avril. (Photo Jean Dupont. AFP)</figcaption></figure>
        <h2 itemprop="description">Un premier avion a ramené jeudi des rescapés à Roissy.</h2></div>
      <div><img src="https://cdn.example/pueblo.jpg"><p class="bajada" itemprop="description">Los pueblos reclaman derechos que siguen pendientes.</p></div>
      <div itemprop="image" itemscope itemtype="https://schema.org/ImageObject"><img src="https://cdn.example/harbour.jpg"><span itemprop="description">The harbour at dawn</span></div>
      </article>`);
    const images = takeFigures(root, null);
    expect(Object.fromEntries(images.map((i) => [i.url, i.caption]))).toEqual({
      'https://cdn.example/kat.jpg': 'Un homme prie à Katmandou, le 30 avril.',
      'https://cdn.example/harbour.jpg': 'The harbour at dawn',
      'https://cdn.example/server.jpg': null,
    });
    expect(blocksOf(root).map((b) => b.text)).toEqual([
      'Old bug crashes game servers', 'A two-year-old flaw exposes thousands of servers.',
      'Un premier avion a ramené jeudi des rescapés à Roissy.', 'Los pueblos reclaman derechos que siguen pendientes.',
    ]);
  });

  it('leaves a long or multi-paragraph "caption" (an unclosed tag, a content wrapper) in the body', () => {
    const long = 'The council met on Tuesday to discuss the new budget, and members argued for hours. '.repeat(6);
    const root = parse(`<div><figure><img src="https://cdn.example/x.jpg"><figcaption>${long}</figcaption></figure>
      <div class="caption"><img src="https://cdn.example/y.jpg"><p>One paragraph.</p><p>Another paragraph.</p></div></div>`);
    const images = takeFigures(root, null);
    expect(images).toEqual([{ url: 'https://cdn.example/x.jpg', caption: null, credit: null }]);
    expect(blocksOf(root).map((b) => b.text)).toEqual([long.trim(), 'One paragraph.', 'Another paragraph.']);
  });
});

describe('takeCaptionLines: caption repeats, counters and credit lines leave the body blocks', () => {
  const p = (text: string) => ({ kind: 'paragraph' as const, text });

  it('drops a repeat of a taken caption and bare credit or counter lines (en, fr, es, ar)', () => {
    const images = [{ url: 'https://cdn.example/a.jpg', caption: 'Firefighters battle the blaze', credit: 'Reuters' }];
    const { blocks, images: out } = takeCaptionLines([
      p('The fire started on Monday night and burned for hours.'), p('Firefighters battle the blaze Reuters'), p('Image 1 of 5'),
      p('Photo: Jane Doe/AFP'), p('(Image: Getty Images)'), p('Crédit photo : Jean Dupont'), p('3 de 10'), p('تصوير: أحمد علي'),
      p('Photo: the mayor, who had been in office since 2019, told reporters on Tuesday evening that the city would rebuild every home that burned.'),
      p('Photo sharing apps were busy all night.'),
    ], images);
    expect(blocks.map((b) => b.text)).toEqual([
      'The fire started on Monday night and burned for hours.',
      'Photo: the mayor, who had been in office since 2019, told reporters on Tuesday evening that the city would rebuild every home that burned.',
      'Photo sharing apps were busy all night.',
    ]);
    expect(out.map((i) => i.credit)).toEqual(['Reuters', 'Jane Doe/AFP', 'Getty Images', 'Jean Dupont', 'أحمد علي']);
  });
});

describe('extractFromHtml: the record keeps figures apart from text', () => {
  it('moves captions and credits to images (en, es) and keeps the prose', () => {
    for (const lang of ['en', 'es'] as const) {
      const html = page(`<article><h1>Council meets</h1>${prose(lang, 2)}
        <figure><img src="https://cdn.example/council.jpg"><figcaption>The council chamber on Tuesday (Photo: Jane Doe)</figcaption></figure>
        ${prose(lang, 3, 'b')}<p>Image 2 of 4</p></article>`, `<title>Council meets</title><link rel="canonical" href="https://news.example/c">`);
      const [a] = extractFromHtml(html);
      expect(a.images).toEqual([{ url: 'https://cdn.example/council.jpg', caption: 'The council chamber on Tuesday', credit: 'Jane Doe' }]);
      const text = a.blocks.map((b) => b.text).join('\n');
      expect(text).not.toContain('council chamber');
      expect(text).not.toContain('Image 2 of 4');
      expect(a.blocks.length).toBe(5);
    }
  });
});
