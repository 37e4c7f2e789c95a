import { describe, expect, it } from 'vitest';
import { classifySegments, segmentsOf } from '../../../shared/core/text/classifyLines.js';
import { assignRoles, extractFromText } from '../../../shared/core/text/extractText.js';
import { jointLines, pageStarts } from '../../../shared/core/text/pageBreaks.js';
import { repairText } from '../../../shared/core/text/repairGlue.js';

const NOW = new Date('2026-01-01T00:00:00Z');

/** One page's text scrape, as a crawler prints it: its chrome above and below the article. */
interface Page {
  header: string[];
  headline: string;
  /** What stands between the headline and the text: standfirst, picture caption, share bar, date. */
  deck: string[];
  paragraphs: string[];
  after: string[];
}

const scrape = (p: Page) => [...p.header, p.headline, ...p.deck, ...p.paragraphs, ...p.after].join('\n');

const EN: Page = {
  header: ['Skip to main content', 'Home', 'World', 'Business', 'Science', 'Sport', 'Opinion', 'Sign in', 'Subscribe'],
  headline: 'River towns count the cost of the spring floods',
  deck: ['Residents say that the repairs will take months, and many are still waiting for help.', 'The main street of Millbrook after the water went down. Photo: Jane Roe/Agency', 'Share', 'Save', 'Listen to this article', 'March 5, 2024'],
  paragraphs: [
    'The water has gone down in most of the valley, but the people who live along the river say that the damage to their homes and shops will take months to repair, and that many of them are still waiting for help from the regional government.',
    'In the town of Millbrook, the main street was under a metre of water for three days. The owner of the bakery said that she had lost all of her equipment and that she did not know when she would be able to open again.',
    'Officials said on Monday that an emergency fund would be opened for the families who had lost the most, and that engineers would inspect every bridge in the valley before the end of the month, starting with the oldest ones.',
    'Scientists who study the river have warned for years that the banks were too weak in several places, and they said that the floods of this spring were a sign of what could happen more often if nothing is done.',
  ],
  after: ['Share this article', 'Facebook', 'Twitter', 'Related stories', 'Bridge inspections begin in the valley', 'Farmers ask for help after the rain',
    'About us', 'Contact us', 'Privacy policy', 'Terms of use', '© 2024 The Valley Herald. All rights reserved.'],
};

const FR: Page = {
  header: ['Aller au contenu', 'Accueil', 'Monde', 'Économie', 'Culture', 'Sports', 'Se connecter', "S'abonner"],
  headline: 'La ville ouvre une nouvelle bibliothèque dans le quartier nord',
  deck: ['Publié le 12 avril 2024', 'Après deux ans de travaux, le bâtiment accueille quarante mille livres.', 'La salle de lecture principale. Photo : Marie Durand', 'Partager', 'Imprimer', 'Réagir'],
  paragraphs: [
    "La nouvelle bibliothèque du quartier nord a ouvert ses portes samedi matin, après deux ans de travaux, et les habitants étaient nombreux à venir découvrir les salles de lecture et l'espace réservé aux enfants.",
    "Selon la mairie, le bâtiment accueillera plus de quarante mille livres et sera ouvert tous les jours de la semaine, y compris le dimanche, ce qui n'était pas le cas de l'ancienne bibliothèque du centre.",
    "Les associations du quartier ont salué un projet qu'elles attendaient depuis longtemps, mais elles ont demandé que les horaires du soir soient prolongés pour les étudiants qui travaillent pendant la journée.",
    "La maire a expliqué que le coût du projet avait été financé en grande partie par la région, et que d'autres équipements culturels seraient construits dans les quartiers où il n'en existe aucun aujourd'hui.",
  ],
  after: ['Partager', 'Facebook', 'Twitter', 'À lire aussi', 'Le musée de la ville rouvre ses portes', 'Un festival de musique pour cet été',
    'Mentions légales', 'Nous contacter', 'Politique de confidentialité', '© 2024 Le Journal du Nord. Tous droits réservés.'],
};

const AR: Page = {
  header: ['الرئيسية', 'أخبار', 'اقتصاد', 'رياضة', 'ثقافة', 'تسجيل الدخول'],
  headline: 'البلدية تفتتح جسرا جديدا فوق النهر بعد عامين من العمل',
  deck: ['الجسر الجديد فوق النهر يخفف الازدحام في وسط المدينة.', 'شارك', 'طباعة', 'تاريخ النشر: 2024-03-05', 'حجم الخط'],
  paragraphs: [
    'افتتحت البلدية صباح اليوم جسرا جديدا فوق النهر، بعد عامين من العمل المتواصل، وقال رئيس البلدية إن الجسر سيخفف الازدحام في وسط المدينة وسيختصر الطريق على آلاف السكان كل يوم.',
    'وأضاف أن المرحلة الثانية من المشروع ستبدأ في الربيع المقبل، وأن التمويل متوفر بالكامل من ميزانية العام الحالي، دون الحاجة إلى قروض جديدة أو رسوم إضافية على السكان أو على أصحاب المحلات.',
    'وأوضح المهندس المسؤول أن الجسر صمم ليتحمل الفيضانات الكبيرة، وأن اختبارات السلامة استمرت ثلاثة أشهر قبل الافتتاح الرسمي، وأن فرق الصيانة ستفحصه مرة كل عام على الأقل.',
    'وقال عدد من السكان إنهم ينتظرون المشروع منذ سنوات طويلة، وإن الطريق القديم كان مزدحما في ساعات الصباح والمساء، ويأملون أن تتحسن الحركة الآن بعد فتح الجسر أمام السيارات.',
  ],
  after: ['شارك هذا المقال', 'إقرأ أيضاً:', 'المدينة تستعد لموسم الأمطار', 'من نحن', 'اتصل بنا', 'سياسة الخصوصية', 'جميع الحقوق محفوظة © 2024'],
};

const ES: Page = {
  header: ['Ir al contenido', 'Portada', 'Internacional', 'Economía', 'Deportes', 'Cultura', 'Iniciar sesión'],
  headline: 'El puerto amplía su terminal de contenedores para recibir barcos más grandes',
  deck: ['Las obras durarán casi dos años y costarán más de lo previsto.', 'Vista aérea del puerto. Foto: EFE', 'Compartir', 'Guardar', 'Actualizado: 3 de mayo de 2024'],
  paragraphs: [
    'Las obras de ampliación de la terminal de contenedores comenzarán el próximo mes y durarán casi dos años, según explicó el presidente del puerto, que espera que el tráfico de mercancías crezca de forma notable.',
    'El proyecto incluye un nuevo muelle de cuatrocientos metros y grúas más altas, lo que permitirá que atraquen los buques de mayor tamaño que hoy tienen que desviarse hacia otros puertos de la costa.',
    'Los vecinos de la zona han pedido que se reduzca el ruido durante la noche y que se planten árboles a lo largo de la carretera, una petición que la autoridad portuaria ha prometido estudiar con atención.',
    'Los sindicatos, por su parte, han celebrado el anuncio porque creen que la ampliación creará cientos de puestos de trabajo en una comarca donde el paro es todavía más alto que la media del país.',
  ],
  after: ['Compartir', 'Facebook', 'Twitter', 'Más noticias', 'El tren llegará al puerto en 2026', 'Aviso legal', 'Contacto', 'Política de privacidad',
    '© 2024 Diario del Puerto. Todos los derechos reservados.'],
};

const articlesOf = (text: string) => extractFromText(text, { fetchedAt: NOW });
const titlesOf = (text: string) => articlesOf(text).map((a) => a.title);

const JOINTS: Record<string, string> = {
  bare: '\n',
  'blank lines': '\n\n\n',
  'a rule line': '\n* * *\n',
  'a form feed': '\n\f\n',
  'a dashed rule': '\n----------\n',
};

describe('pageStarts: a scrape that joins several pages', () => {
  for (const [joint, glue] of Object.entries(JOINTS)) {
    it(`finds every page's article when pages are joined by ${joint} (en, fr, ar, es)`, () => {
      // Prepare
      const text = [EN, FR, AR, ES].map(scrape).join(glue);
      // Act
      const articles = articlesOf(text);
      // Assess
      expect(articles.map((a) => a.title)).toEqual([EN.headline, FR.headline, AR.headline, ES.headline]);
      for (const [i, page] of [EN, FR, AR, ES].entries()) {
        const body = articles[i].blocks.map((b) => b.text);
        expect(body).toEqual(page.paragraphs);
      }
    });
  }

  it('gives each page its own date line', () => {
    // Act
    const articles = articlesOf([FR, EN, ES].map(scrape).join('\n'));
    // Assess
    expect(articles.map((a) => a.published)).toEqual(['2024-04-12', '2024-03-05', '2024-05-03']);
  });

  it('joins pages with a "see also" label between them', () => {
    // Act
    const titles = titlesOf(`${scrape(EN)}\nSee also\n${scrape(FR)}`);
    // Assess
    expect(titles).toEqual([EN.headline, FR.headline]);
  });

  it('finds a new page without any copyright line: another language after a run of its menus', () => {
    // Prepare: the pages' last lines cut off, as a truncated crawl leaves them
    const cut = (p: Page): Page => ({ ...p, after: p.after.slice(0, 3) });
    // Act
    const titles = titlesOf([cut(EN), cut(FR), cut(ES)].map(scrape).join('\n'));
    // Assess
    expect(titles).toEqual([EN.headline, FR.headline, ES.headline]);
  });

  it('finds a second page of the same site: its masthead and menu printed again', () => {
    // Prepare: two stories of one English site, no footer between them
    const second: Page = {
      ...EN,
      headline: 'Schools reopen in the valley after the floods',
      paragraphs: [
        'Most of the schools in the valley opened their doors again on Wednesday, two weeks after the floods, although several classrooms on the ground floors are still too damp to be used by the pupils.',
        'Teachers said that the children were happy to see their friends again, and that many of them had spent the last days helping their parents to clean the mud out of their homes and gardens.',
        'The regional education office said that the schools that are still closed would reopen before the end of the month, and that the lessons that had been lost would be made up during the summer.',
      ],
    };
    const cutFooter = (p: Page): Page => ({ ...p, after: ['Share this article'] });
    // Act
    const titles = titlesOf([cutFooter(EN), cutFooter(second)].map(scrape).join('\n'));
    // Assess
    expect(titles).toEqual([EN.headline, second.headline]);
  });

  it('reads a page whose body is a list (release notes) after a page that ends with its copyright line', () => {
    // Prepare
    const notes = [
      'Skip to content', 'Game News', 'Version 1.8 - The Bountiful Update',
      '+ Added granite, andesite and diorite stone blocks', '+ Added slime blocks', '+ Added iron trapdoors', '+ Added prismarine and sea lanterns',
      '+ Added the ocean monument', '+ Added red sandstone', '+ Added banners', '+ Added armor stands', '+ Added coarse dirt',
      '+ Added rabbits, with item drops', '+ Villagers will harvest crops and plant new ones', '+ Doors and fences come in all wood types',
      '+ Added a spectator game mode', '+ Worlds can now have a world barrier', '+ Added three new statistics',
    ].join('\n');
    // Act
    const articles = articlesOf(`${scrape(EN)}\n\f\n${notes}`);
    // Assess
    expect(articles).toHaveLength(2);
    expect(articles[0].title).toBe(EN.headline);
    expect(articles[1].blocks.map((b) => b.text)).toContain('+ Added banners');
  });
});

describe('pageStarts: never the opposite error', () => {
  it('keeps one page one article: related lists, comments and a footer after the body', () => {
    // Prepare
    const page = [
      ...EN.header, EN.headline, ...EN.deck, ...EN.paragraphs,
      'Share this article', 'Related stories', 'Bridge inspections begin in the valley', 'Farmers ask for help after the rain',
      'Comments (2)',
      'I live in the valley and the water came into our house on the second night; the insurance company has not called us back yet, and we are still sleeping at my sister\'s place.',
      'Reply',
      'The council knew about the weak banks for years and did nothing about them, which is why so many of us lost everything this spring, and I hope someone is held responsible for it.',
      'Reply',
      ...EN.after.slice(6),
    ].join('\n');
    // Act
    const articles = articlesOf(page);
    // Assess
    expect(articles.map((a) => a.title)).toEqual([EN.headline]);
  });

  it('keeps an essay whose sections are separated by rule lines in one article', () => {
    // Prepare
    const essay = [
      ...FR.header, FR.headline, ...FR.deck, FR.paragraphs[0], FR.paragraphs[1], '* * *', FR.paragraphs[2], FR.paragraphs[3], ...FR.after,
    ].join('\n');
    // Act
    const articles = articlesOf(essay);
    // Assess
    expect(articles).toHaveLength(1);
    expect(articles[0].blocks.map((b) => b.text)).toEqual(FR.paragraphs);
  });

  it('keeps a photo credit inside the body from breaking the page', () => {
    // Prepare
    const page = [...ES.header, ES.headline, ...ES.deck, ES.paragraphs[0], ES.paragraphs[1], 'Foto: EFE', '© EFE', 'Publicidad', ES.paragraphs[2], ES.paragraphs[3], ...ES.after].join('\n');
    // Act
    const titles = titlesOf(page);
    // Assess
    expect(titles).toEqual([ES.headline]);
  });
});

describe('jointLines', () => {
  it('finds form feeds and rule lines, not prose or list bullets', () => {
    // Act
    const joints = jointLines(['text', '\f', '* * *', '-----', '- item', '═════', 'a — b', '...', '', '____'].join('\n'));
    // Assess
    expect([...joints]).toEqual([[1, 'formFeed'], [2, 'rule'], [3, 'rule'], [5, 'rule'], [7, 'rule'], [9, 'rule']]);
  });
});

describe('pageStarts: the trace', () => {
  it('names the evidence it weighed for each stretch', () => {
    // Prepare
    const text = `${scrape(EN)}\n${scrape(FR)}`;
    const segs = assignRoles(classifySegments(segmentsOf(repairText(text))), NOW);
    const traces: { parts: Record<string, number>; score: number }[] = [];
    // Act
    const starts = pageStarts(segs, jointLines(text), { trace: (t) => traces.push(t) });
    // Assess
    expect(starts).toHaveLength(1);
    expect(segs[starts[0]].text).toBe(FR.header[0]);
    const accepted = traces.find((t) => t.score >= 3);
    expect(Object.keys(accepted?.parts ?? {})).toEqual(expect.arrayContaining(['copyright', 'skip']));
  });
});
