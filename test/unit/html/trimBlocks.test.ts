import { describe, expect, it } from 'vitest';
import { trimBlocks } from '../../../shared/core/html/trimBlocks.js';
import type { BodyBlock } from '../../../shared/core/model.js';

const p = (text: string): BodyBlock => ({ kind: 'paragraph', text });
const story = [p('The council met on Tuesday to discuss the new budget, and members argued for hours.'), p('The vote is expected next week.')];

describe('Function: trimBlocks', () => {
  it.each([
    ['English date line', 'Published 5 March 2024'],
    ['Arabic date line', 'الثلاثاء، 5 آذار/مارس 2024'],
    ['byline', 'By Jane Roe'],
    ['Arabic byline', 'بقلم أحمد علي'],
  ])('drops a %s above the story', (_, line) => {
    // Prepare
    const blocks = [p(line), ...story];

    // Act
    const out = trimBlocks(blocks);

    // Assess
    expect(out).toEqual(story);
  });

  it.each([
    ['English disclaimer', 'The views expressed in this article are those of the author.'],
    ['Arabic disclaimer', 'الآراء الواردة أدناه لا تعبر عن رأي الموقع.'],
    ['French copyright', '© Le Courrier. Tous droits réservés.'],
    ['follow-us links', 'Follow us:\nhttps://fb.example/courier\nhttps://x.example/courier'],
  ])('drops a %s below the story', (_, line) => {
    // Prepare
    const blocks = [...story, p(line)];

    // Act
    const out = trimBlocks(blocks);

    // Assess
    expect(out).toEqual(story);
  });

  it('drops ad labels and "related" lists anywhere, but keeps story paragraphs that mention those words', () => {
    // Prepare
    const mention = p('Critics said the comments section of the council website was full of advertisement for the plan.');
    const blocks = [story[0], p('Advertisement'), p('إعلان'), mention, p('Related\nCouncil delays vote\nMayor responds'), story[1]];

    // Act
    const out = trimBlocks(blocks);

    // Assess
    expect(out).toEqual([story[0], mention, story[1]]);
  });
});

describe('trimBlocks: page furniture inside the article container', () => {
  const h = (text: string): BodyBlock => ({ kind: 'heading', text });
  const fr = [p('Le conseil municipal s’est réuni mardi pour débattre du nouveau budget de la ville.'), p('Le vote aura lieu la semaine prochaine.')];
  const ar = [p('اجتمع المجلس البلدي يوم الثلاثاء لمناقشة الميزانية الجديدة للمدينة.'), p('ومن المتوقع التصويت الأسبوع المقبل.')];

  it.each([
    ['English script notice', story, 'This slideshow requires JavaScript.'],
    ['Spanish script notice', story, 'Tu navegador no soporta la reproducción de vídeo.'],
    ['English newsletter prompt', story, 'Sign up for our morning newsletter and get the day’s news delivered to your inbox.'],
    ['French newsletter prompt', fr, 'Inscrivez-vous à notre newsletter pour recevoir l’essentiel de l’actualité.'],
    ['Arabic newsletter prompt', ar, 'اشترك في نشرتنا البريدية ليصلك كل جديد.'],
    ['English comment counter', story, '12 comments'],
    ['German comment counter', story, 'Kommentare (3)'],
    ['English tag line', story, 'Tags: budget, council, water'],
    ['French tag line', fr, 'Mots-clés : budget, conseil municipal'],
    ['English labelled date line', story, 'Published 3:00 PM EST, Mon June 20, 2022 | Updated 4:00 PM EST'],
    ['French labelled date line', fr, 'Mis à jour le 5 mars 2024 à 14h00'],
  ])('drops a %s between paragraphs', (_, body, line) => {
    expect(trimBlocks([body[0], p(line), body[1]])).toEqual(body);
  });

  it('drops a "more from / you may also like" label with its headline list, in several languages, and keeps prose after a label', () => {
    const list = (label: string, ...items: string[]) => [h(label), ...items.map(p)];
    expect(trimBlocks([...story, ...list('You may also like', 'Council delays vote on water plan', 'Mayor answers critics at town hall')])).toEqual(story);
    expect(trimBlocks([fr[0], ...list('Lire aussi', 'Le maire répond à ses critiques'), fr[1]])).toEqual(fr);
    expect(trimBlocks([...ar, ...list('اقرأ أيضا', 'المجلس يؤجل التصويت على خطة المياه')])).toEqual(ar);
    expect(trimBlocks([...story, ...list('Tags', 'Budget', 'Water')])).toEqual(story);
    // a sentence under the label is prose, not a headline list
    const prose = p('Council members said they would vote next week.');
    expect(trimBlocks([story[0], h('More from the meeting'), prose, story[1]])).toEqual([story[0], prose, story[1]]);
  });

  it('drops bylines and date lines at the end of the body, and press-release boilerplate after the story (en, de)', () => {
    expect(trimBlocks([...story, p('Posted on Tuesday 15 October 2019 at 09:11 by Jane Roe.')])).toEqual(story);
    const release = [
      p('ACME Corp. today announced a new water filter for municipal plants, available from June in every market the company serves.'),
      p('The filter cuts energy use by a third, the company said, and will be made in its plants in Ohio and Bavaria.'),
    ];
    expect(trimBlocks([...release, h('About ACME Corp.'), p('ACME Corp. is a global provider of water technology.'), p('Media contact'), p('Jane Roe, press@acme.example')])).toEqual(release);
    expect(trimBlocks([...release, p('Über ACME: ACME ist ein weltweit tätiger Anbieter von Wassertechnik.'), p('Pressekontakt: Max Muster')])).toEqual(release);
    // "About" opening the story's own paragraphs is body
    const about = [p('About 200 people came to the meeting on Tuesday, and many of them spoke against the plan.'), p('The vote is expected next week.'), p('About half of them left before the end.')];
    expect(trimBlocks(about)).toEqual(about);
  });
});
