import { describe, expect, it } from 'vitest';
import { classifySegments, segmentsOf } from '../../../shared/core/text/classifyLines.js';
import { repairText } from '../../../shared/core/text/repairGlue.js';
import {
  articleEnd, findArticleStarts, isCommentsHeader, isTitleLike, mainRegion, rescueInRegion,
} from '../../../shared/core/text/segmentText.js';
import type { RoledSegment } from '../../../shared/core/text/roles.js';
import { contentUnits, overlapWithBody, pickTitle } from '../../../shared/core/text/titleChoice.js';

/** Segments with roles from a role map (default: body when classified good, else boilerplate). */
function roled(lines: string[], roles: Record<number, RoledSegment['role']> = {}): RoledSegment[] {
  return classifySegments(segmentsOf(repairText(lines.join('\n'))))
    .map((s, i) => ({ ...s, role: roles[i] ?? (s.cls === 'good' ? 'body' : 'boilerplate') }));
}

const P1 = 'The river rose faster than at any time in the last fifty years, and by the morning three villages along the valley were cut off from the main road to the city.';
const P2 = 'Rescue teams reached the last families only after the water began to fall, and officials said that the dams upstream had held despite the pressure of the flood.';
const ES1 = 'El ayuntamiento aprobó el martes el nuevo plan de transporte para la ciudad, que incluye tres líneas de autobús eléctrico y una red de carriles para bicicletas.';
const ES2 = 'Según el concejal de movilidad, las obras comenzarán en primavera y durarán al menos dos años, aunque algunos tramos estarán listos antes del verano que viene.';
const ES3 = 'Los vecinos de los barrios del norte llevaban años pidiendo una conexión directa con el centro, y las asociaciones celebraron la decisión del pleno municipal.';
const P3 = 'Engineers will now inspect every bridge in the valley before the roads reopen, a process that the regional council expects to take at least two weeks this spring.';

describe('isTitleLike', () => {
  it('accepts headlines in several scripts and rejects sentences, markers and captions', () => {
    // Prepare
    const segs = roled(['River towns count the cost of the floods', 'البلدية تفتتح جسرا جديدا', '河流城镇评估洪水损失', 'The river rose overnight.', 'Share on Facebook', 'Photo: the valley at dawn']);
    // Act
    const got = segs.map(isTitleLike);
    // Assess
    expect(got).toEqual([true, true, true, false, false, false]);
  });
});

describe('pickTitle', () => {
  it('prefers the headline that names the body and sits above its byline, over a closer caption', () => {
    // Prepare
    const segs = roled(['Home', 'World', 'Villages cut off as the river floods the valley', 'By Jane Doe', 'Photo by a reader', 'Aerial view at noon', P1, P2, P3], { 3: 'byline' });
    const first = segs.findIndex((s) => s.role === 'body');
    // Act
    const t = pickTitle(segs, 0, first, () => 1);
    // Assess
    expect(segs[t].text).toBe('Villages cut off as the river floods the valley');
  });

  it('scores overlap with the body in spaced and unspaced scripts', () => {
    // Prepare
    const vocab = new Set(contentUnits('The river flooded the villages of the valley. 河流 洪水'));
    // Act / Assess
    expect(overlapWithBody('Villages along the river', vocab)).toBeCloseTo(2 / 3);
    expect(overlapWithBody('河流洪水', vocab)).toBeGreaterThan(0.5);
    expect(overlapWithBody('Subscribe now', vocab)).toBe(0);
  });
});

describe('findArticleStarts', () => {
  it('opens a second article after an end zone when a headline is followed by a body', () => {
    // Prepare
    const segs = roled([P1, P2, 'Tags: floods, rivers', 'Read also', 'Bridges in the valley get a new inspection plan', P3, P1, P2, P3], { 2: 'tags', 3: 'readAlso' });
    // Act
    const starts = findArticleStarts(segs);
    // Assess
    expect(starts).toEqual([4]);
  });

  it('does not split an article at a headline without an end zone, or at comment headers', () => {
    // Prepare
    const one = roled([P1, 'What the engineers found', P2, P3]);
    const comments = roled([P1, P2, P3, 'There are 3 comments', 'Jane Roe · March 3, 2024 at 10:15', P1, P2, P3], { 3: 'boilerplate', 4: 'date' });
    // Act / Assess
    expect(findArticleStarts(one)).toEqual([]);
    expect(findArticleStarts(comments)).toEqual([]);
    expect(isCommentsHeader(comments[3])).toBe(true);
  });
});

describe('mainRegion and articleEnd', () => {
  it('finds the body run between navigation and footer', () => {
    // Prepare
    const segs = roled(['Home', 'World', 'Sport', P1, 'Advertisement', P2, P3, 'Privacy Policy', 'Terms of Use']);
    // Act
    const [a, b] = mainRegion(segs, 0, segs.length - 1);
    // Assess
    expect([a, b]).toEqual([3, 6]);
  });

  it('ends the article text at a comments header or copyright line after the body', () => {
    // Prepare
    const segs = roled([P1, P2, P3, 'Comments', P1, '© 2024 Example News'], { 3: 'boilerplate' });
    // Act
    const end = articleEnd(segs, 0, segs.length - 1);
    // Assess
    expect(end).toBe(3);
  });
});

describe('findArticleStarts: only announced headlines with a body of their own open an article', () => {
  const Q1 = 'Die Kosten für das Projekt werden auf rund vierzig Millionen Euro geschätzt, wobei das Land einen großen Teil der Summe übernehmen will, wenn der Bund die Förderung bestätigt.';
  const Q2 = 'Anwohner hatten sich seit Jahren über den Lärm und die Staus in der Altstadt beklagt, und viele von ihnen verfolgten die Sitzung des Rates bis spät in den Abend hinein.';
  const Q3 = 'Der Stadtrat hat am Dienstag den Bau einer neuen Brücke über den Fluss beschlossen, die den Verkehr in der Innenstadt deutlich entlasten soll und in drei Jahren fertig wird.';

  it('opens an article at a headline with its own byline and date after a comments link', () => {
    // Prepare
    const segs = roled([P1, P2, P3, 'Comments (3 posted)', 'Bridges in the valley get a new inspection plan', 'By Jane Roe', 'March 25, 2024', P3, P1, P2], { 5: 'byline', 6: 'date' });
    // Act / Assess
    expect(findArticleStarts(segs)).toEqual([4]);
  });

  it('does not open one at sidebar teasers, each a headline with a short blurb', () => {
    // Prepare
    const segs = roled([Q3, Q1, Q2, 'Teilen', 'Weitere Meldungen', 'Neue Radwege für die Altstadt geplant',
      'Die Stadt will bis zum Sommer drei neue Radwege in der Altstadt bauen.', 'Museum öffnet nach Umbau wieder',
      'Nach zwei Jahren Umbau ist das Stadtmuseum wieder für Besucher geöffnet.', 'Schwimmbad bleibt im Winter geschlossen', Q1, Q2]);
    // Act / Assess
    expect(findArticleStarts(segs)).toEqual([]);
  });

  it('does not open one in a list of headlines and their dates, even after a read-also marker', () => {
    // Prepare
    const segs = roled([ES1, ES2, ES3, 'Lee también', 'El festival de cine anuncia su programa de septiembre', '2024-03-05 20:44',
      'La biblioteca central amplía su horario durante todo el verano', '2024-03-05 19:30', 'Un mercado de productores abre cada sábado en el puerto',
      '2024-03-05 18:10', ES1, ES2], { 3: 'readAlso', 5: 'date', 7: 'date', 9: 'date' });
    // Act / Assess
    expect(findArticleStarts(segs)).toEqual([]);
  });

  it('does not open one at a comment whose author and date follow a reply link', () => {
    // Prepare
    const segs = roled([P1, P2, P3, 'Would you put the engineers in charge of the whole valley then?', 'Reply', 'Jane Roe · March 10, 2024', P1, P2], { 5: 'date' });
    // Act / Assess
    expect(findArticleStarts(segs)).toEqual([]);
  });

  it('does not open one at a related box whose headlines run into the text', () => {
    // Prepare
    const segs = roled([ES1, ES2, 'Artículos relacionados', 'El festival de cine anuncia su programa de septiembre',
      'La biblioteca central amplía su horario durante todo el verano', 'Un mercado de productores abre cada sábado en el puerto', ES3, ES1], { 2: 'related' });
    // Act / Assess
    expect(findArticleStarts(segs)).toEqual([]);
  });

  it('opens one after a read-also marker when a body of several paragraphs follows (Russian)', () => {
    // Prepare
    const RU1 = 'Городской совет во вторник утвердил план строительства нового моста через реку, который должен разгрузить движение в центре города и будет готов через три года.';
    const RU2 = 'По словам мэра, стоимость проекта составит около сорока миллионов, и большую часть этой суммы возьмет на себя область, если федеральный бюджет подтвердит финансирование.';
    const RU3 = 'Жители старого города давно жаловались на шум и пробки, и многие из них следили за заседанием совета до позднего вечера, заполнив весь зал до последнего места.';
    const segs = roled([RU1, RU2, RU3, 'Читайте также', 'Новый парк откроется на берегу реки летом', RU2, RU3, RU1], { 3: 'readAlso' });
    // Act / Assess
    expect(findArticleStarts(segs)).toEqual([4]);
  });
});

describe('articleEnd: credits inside the text', () => {
  it('goes on past a picture credit or caption followed by prose, and stops at the footer copyright', () => {
    // Prepare
    const segs = roled([P1, P2, '© Valley Photo Agency', P3, P1, '© 2024 Example News. All rights reserved.', 'About us']);
    // Act
    const end = articleEnd(segs, 0, segs.length - 1);
    // Assess
    expect(end).toBe(5);
  });
});

describe('rescueInRegion: short lines inside the text', () => {
  it('keeps a list of the article’s own things and drops a run of controls that says nothing about it', () => {
    // Prepare
    const tools = ['Garden trowel', 'Potting soil', 'Small stones', 'Glass jar', 'Moss'];
    const controls = ['Icon arrow left', 'Icon arrow right', 'Share bar', 'Icon mail Mail', 'Icon link Copy'];
    const lines = [
      'Building a small garden in a glass jar takes an afternoon, and it is one of the easiest things you can do with children: you need a jar with a wide mouth, potting soil, small stones for drainage and a little moss to cover the soil.',
      ...tools,
      'Put the small stones in the jar first, then the potting soil, and press the moss on top with the garden trowel so that the roots touch the soil everywhere, because moss that does not touch the soil will dry out within a few days.',
      ...controls,
      'Water the moss once a week with a spoon, keep the glass jar out of direct sun and away from the heating, and the garden will stay green for months without any other care at all, which is why it makes such a good present.',
    ];
    const segs = roled(lines);
    // Act
    rescueInRegion(segs, 0, segs.length - 1);
    // Assess
    const body = segs.filter((s) => s.role === 'body').map((s) => s.text);
    expect(body).toEqual(expect.arrayContaining(tools));
    expect(body.filter((t) => controls.includes(t))).toEqual([]);
  });
});

describe('articleEnd and rescue: forms and live tickers after the text', () => {
  it('ends the text at a comment form (two field labels in a row), in English and Spanish', () => {
    // Prepare
    const en = roled([P1, P2, P3, 'Leave your comment', 'Your name (*):', '↑', 'E-mail address:', 'Your comment:', P1]);
    const es = roled([ES1, ES2, ES3, 'Su nombre:', 'Correo (*):', 'Texto:', ES1]);
    // Act / Assess
    expect(articleEnd(en, 0, en.length - 1)).toBe(4);
    expect(articleEnd(es, 0, es.length - 1)).toBe(3);
  });

  it('does not end at one line that introduces a list with a colon', () => {
    // Prepare
    const segs = roled([P1, P2, 'What the engineers found:', P3, P1]);
    // Act / Assess
    expect(articleEnd(segs, 0, segs.length - 1)).toBe(segs.length - 1);
  });

  it('does not take the lines of a live ticker into the text', () => {
    // Prepare
    const FR1 = 'Le conseil municipal a voté mardi soir la création d’un nouveau parc au bord du fleuve, qui doit remplacer les anciens entrepôts du port et ouvrir au public avant la fin de l’année.';
    const FR2 = 'Selon l’adjointe chargée de l’urbanisme, le projet comprendra des jardins partagés, une aire de jeux pour les enfants et une promenade qui reliera la gare au centre historique.';
    const FR3 = 'Les habitants du quartier, qui réclamaient depuis longtemps un espace vert, ont salué la décision, même si certains s’inquiètent du bruit des concerts prévus pendant l’été.';
    const segs = roled([FR1, FR2, 'En direct', '14:44 Le musée rouvre ses portes après deux ans de travaux', '14:32 Grève des transports jeudi dans toute la région',
      '14:10 La rentrée scolaire avancée d’une semaine', FR3, FR1]);
    // Act
    rescueInRegion(segs, 0, segs.length - 1);
    // Assess
    expect(segs.filter((s) => s.role === 'body' && /^\d/u.test(s.text))).toEqual([]);
  });
});

describe('findArticleStarts: a tag line closes an article', () => {
  it('opens the next article at a headline right after the tag line when its own body follows (Turkish)', () => {
    // Prepare
    const TR1 = 'Belediye meclisi salı akşamı nehir kıyısında yeni bir park yapılmasına karar verdi ve parkın gelecek yılın sonuna kadar halka açılması bekleniyor, çalışmalar ilkbaharda başlayacak.';
    const TR2 = 'Projeye göre parkta çocuklar için oyun alanları, ortak bahçeler ve istasyonu tarihi merkeze bağlayacak uzun bir yürüyüş yolu bulunacak, maliyetin büyük kısmını belediye karşılayacak.';
    const TR3 = 'Mahalle sakinleri uzun süredir yeşil alan talep ediyordu ve kararı memnuniyetle karşıladılar, ancak bazıları yaz aylarında yapılacak konserlerin gürültüsünden endişe duyuyor.';
    // (the roles a Turkish page gets once its prose is recognised)
    const segs = roled([TR1, TR2, TR3, 'Etiketler: park, belediye', 'Yeni tramvay hattı için ihale açıldı', TR2, TR3, TR1],
      { 0: 'body', 1: 'body', 2: 'body', 3: 'tags', 4: 'boilerplate', 5: 'body', 6: 'body', 7: 'body' });
    // Act / Assess
    expect(findArticleStarts(segs)).toEqual([4]);
  });
});

describe('articleEnd: body after the page-end furniture', () => {
  const FOOTER = ['About us', 'Contact us', 'Privacy policy', 'Terms of use', 'Sitemap', 'Careers', 'Advertise with us'];
  const PIE = ['Quiénes somos', 'Contacto', 'Aviso legal', 'Política de privacidad', 'Mapa del sitio', 'Publicidad', 'Trabaja con nosotros'];
  const NOTE = 'Market data on this page is delayed by at least fifteen minutes and is provided for information only, not as an offer or advice to trade. The indices are shown as they were at the close of the market on the day before, and some of the prices may be changed by the exchanges later.';
  it('ends the article before a footer run and the shorter text after it, in English and Spanish', () => {
    // Prepare
    const en = roled([P1, P2, P3, ...FOOTER, NOTE]);
    const es = roled([ES1, ES2, ES3, ...PIE, 'Los datos de mercado de esta página se publican con un retraso de al menos quince minutos y solo tienen fines informativos para los lectores. Los índices se muestran como estaban al cierre del mercado del día anterior, y algunos de los precios pueden ser corregidos más tarde por las bolsas.']);
    // Act
    const ends = [articleEnd(en, 0, en.length - 1), articleEnd(es, 0, es.length - 1)];
    // Assess
    expect(ends).toEqual([3, 3]);
  });

  it('goes on past a run of widget labels without page-end furniture, and past a footer run when more text follows', () => {
    // Prepare
    const gallery = roled([P1, P2, 'Previous', 'Next', 'Enlarge', 'Close', 'Photo 1 of 6', 'Slideshow', P3]);
    const longer = roled([P1, ...FOOTER, P2, P3, ES1]);
    // Act
    const ends = [articleEnd(gallery, 0, gallery.length - 1), articleEnd(longer, 0, longer.length - 1)];
    // Assess
    expect(ends).toEqual([gallery.length - 1, longer.length - 1]);
  });
});
