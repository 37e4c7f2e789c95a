import { describe, expect, it } from 'vitest';
import { classifySegments, segmentsOf } from '../../../shared/core/text/classifyLines.js';
import { assignRoles, extractFromText, mainBodyStart, repeatCounter } from '../../../shared/core/text/extractText.js';
import { repairText } from '../../../shared/core/text/repairGlue.js';
import { breadcrumbTail, chooseTitle, headlineShape } from '../../../shared/core/text/titleChoice.js';

/** A page as the text path sees it: segments with their roles. */
function page(lines: string[]) {
  return assignRoles(classifySegments(segmentsOf(repairText(lines.join('\n')))), new Date('2026-01-01T00:00:00Z'));
}

/** The title the text path picks for the first article of a page. */
function titleOf(lines: string[]): string | undefined {
  const segs = page(lines);
  return chooseTitle(segs, 0, mainBodyStart(segs), repeatCounter(segs))?.text;
}

/** The headline shape of one line, or null. */
const shapeOf = (line: string) => headlineShape(page([line])[0]);

const EN = [
  'The county council approved the new flood defences on Tuesday evening, after a debate that lasted more than four hours and drew residents from every village along the river valley.',
  'Engineers say the defences will protect more than two thousand homes, and that the work on the embankments should start in the spring if the weather allows it and the funding arrives on time.',
  'Residents who spoke at the meeting said they had waited for the decision for years, and that the floods of the last two winters had left many of them unable to insure their houses at all.',
];
const ES = [
  'El ayuntamiento aprobó el martes el nuevo plan de transporte para la ciudad, que incluye tres líneas de autobús eléctrico y una red de carriles para bicicletas que unirá los barrios del norte con el centro.',
  'Según el concejal de movilidad, las obras comenzarán en primavera y durarán al menos dos años, aunque algunos tramos de los carriles para bicicletas estarán listos antes del verano que viene.',
  'Los vecinos de los barrios del norte llevaban años pidiendo una conexión directa con el centro, y las asociaciones celebraron la decisión del pleno aunque pidieron más frecuencias por la noche.',
];
const DE = [
  'Der Stadtrat hat am Dienstag den Bau einer neuen Brücke über den Fluss beschlossen, die den Verkehr in der Innenstadt deutlich entlasten soll und nach den Plänen der Verwaltung in drei Jahren fertig wird.',
  'Die Kosten für das Projekt werden auf rund vierzig Millionen Euro geschätzt, wobei das Land einen großen Teil der Summe übernehmen will, wenn der Bund die Förderung wie angekündigt bestätigt.',
  'Anwohner hatten sich seit Jahren über den Lärm und die Staus in der Altstadt beklagt, und viele von ihnen verfolgten die Sitzung des Rates bis spät in den Abend hinein im vollen Saal.',
];
const PT = [
  'A prefeitura anunciou nesta terça-feira um novo programa de reforma das escolas públicas da cidade, que vai atender mais de cem unidades e deve ser concluído até o final do próximo ano letivo.',
  'Segundo a secretária de educação, as obras vão priorizar as escolas com problemas de estrutura mais graves, como telhados danificados e instalações elétricas antigas que precisam de troca urgente.',
  'Os professores receberam a notícia com otimismo, mas lembraram que a falta de funcionários continua sendo um problema em muitas escolas da periferia, onde as turmas estão cada vez maiores.',
];
const FR = [
  'Le conseil municipal a voté mardi soir la création d’un nouveau parc au bord du fleuve, qui doit remplacer les anciens entrepôts du port et ouvrir au public avant la fin de l’année prochaine.',
  'Selon l’adjointe chargée de l’urbanisme, le projet comprendra des jardins partagés, une aire de jeux pour les enfants et une promenade qui reliera le quartier de la gare au centre historique de la ville.',
  'Les habitants du quartier, qui réclamaient depuis longtemps un espace vert, ont salué la décision, même si certains s’inquiètent du bruit que pourraient provoquer les concerts prévus l’été.',
];

describe('breadcrumbTail', () => {
  it('reads the last crumb of arrow and slash breadcrumbs in several languages, and leaves quotes and sentences alone', () => {
    // Act / Assess
    expect(breadcrumbTail('Startseite > Nachrichten > 2024 > Stadtrat beschließt neue Brücke über den Fluss')).toBe('Stadtrat beschließt neue Brücke über den Fluss');
    expect(breadcrumbTail('Accueil » Société » Un nouveau parc au bord du fleuve')).toBe('Un nouveau parc au bord du fleuve');
    expect(breadcrumbTail('Inicio / Ciudad / El plan de transporte llega al pleno')).toBe('El plan de transporte llega al pleno');
    expect(breadcrumbTail('Critique : «Les Jardins», «Le Fleuve», «La Gare» et «Le Port»')).toBeNull();
    expect(breadcrumbTail('Prices rose > 3% in March as the cost of energy climbed')).toBeNull();
  });
});

describe('headlineShape', () => {
  it('accepts headlines that end with ! or ?, carry a media-kind label, or open with a network name', () => {
    // Act / Assess
    expect(shapeOf('Council finally says yes to the flood defences!')).not.toBeNull();
    expect(shapeOf('¿Llegará a tiempo el nuevo plan de transporte?')).not.toBeNull();
    expect(shapeOf('VIDEO: Die neue Brücke aus der Luft gesehen')?.penalty).toBe(0);
    expect(shapeOf('فيديو: افتتاح الجسر الجديد فوق النهر')?.penalty).toBe(0);
    expect(shapeOf('Telegram adds group calls for a thousand people')).not.toBeNull();
  });

  it('rejects file names, list items, datelines, captions, form lines and sentences', () => {
    // Act / Assess
    expect(shapeOf('IMG-2024-flood-defences-1200x800.jpg')).toBeNull();
    expect(shapeOf('+ Added three new bridges to the network')).toBeNull();
    expect(shapeOf('2024年3月5日 9:30 東京発 [ 社会 ]')).toBeNull();
    expect(shapeOf('March 5, 2024 10:01 — River towns count the cost')).toBeNull();
    expect(shapeOf('Photo: the valley at dawn after the flood')).toBeNull();
    // a caption ends with its picture's credit, in any language
    for (const caption of ['The main street of Millbrook after the water went down. Photo: Jane Roe/Agency', 'Vista aérea del puerto al amanecer Foto: EFE',
      'La salle de lecture principale de la bibliothèque (Photo : Marie Durand)']) {
      expect(shapeOf(caption)?.penalty ?? 99, caption).toBeGreaterThanOrEqual(3);
    }
    expect(shapeOf('The council met on Tuesday.')).toBeNull();
  });

  it('holds back category lines, caption credits, run-on blurbs and truncated teasers', () => {
    // Act / Assess
    expect(shapeOf('filed under Flood Defences Rivers Councils')?.penalty).toBeGreaterThanOrEqual(1.5);
    expect(shapeOf('O prefeito visita uma escola da periferia - Maria Souza/Agência Cidade')?.penalty).toBeGreaterThanOrEqual(2);
    expect(shapeOf('The plan is ambitious. Residents still doubt the funding will arrive')?.penalty).toBeGreaterThanOrEqual(1.5);
    expect(shapeOf('Ce que le nouveau parc va changer pour le quartier…')?.penalty).toBeGreaterThan(0);
  });

  it('measures headline size in words, and in characters for scripts without spaces', () => {
    // Act / Assess
    expect(shapeOf('Council approves the flood defences')?.size).toBe(5);
    expect(shapeOf('市議会が新しい洪水対策を承認')?.size).toBeGreaterThanOrEqual(6);
    expect(shapeOf('สภาเมืองอนุมัติแผนป้องกันน้ำท่วมใหม่')?.size).toBeGreaterThanOrEqual(6);
  });
});

describe('chooseTitle', () => {
  it('passes over menu entries repeated all over the page for the headline above the date line', () => {
    // Prepare
    const menu = ['News', 'Sport', 'Weather', 'In Pictures', 'Also in the Region', 'Special Reports'];
    const lines = [...menu, ...menu, 'Home', ...menu, 'Council approves flood defences for the valley', '24 July 2024', ...EN];
    // Act
    const title = titleOf(lines);
    // Assess
    expect(title).toBe('Council approves flood defences for the valley');
  });

  it('passes over a run of teaser headlines for the headline next to the article', () => {
    // Prepare
    const lines = [
      'Portada', 'Ciudad',
      'La biblioteca central amplía su horario durante el verano',
      'Un mercado de productores abre cada sábado en el puerto',
      'El festival de cine anuncia su programa para septiembre',
      'Cultura',
      'Martes, 5 de marzo de 2024',
      'El nuevo plan de transporte conectará los barrios del norte con el centro',
      'Compartir',
      ...ES,
    ];
    // Act
    const title = titleOf(lines);
    // Assess
    expect(title).toBe('El nuevo plan de transporte conectará los barrios del norte con el centro');
  });

  it('takes the headline from a breadcrumb when the page prints it there and above the body', () => {
    // Prepare
    const lines = ['Startseite', 'Politik', 'Lokales > Nachrichten > 2024 > Stadtrat beschließt neue Brücke über den Fluss', '05.03.2024 12:46', 'Stadtrat beschließt neue Brücke über den Fluss', '(Bild: Stadtverwaltung)', ...DE];
    // Act
    const segs = page(lines);
    const choice = chooseTitle(segs, 0, mainBodyStart(segs), repeatCounter(segs));
    // Assess
    expect(choice?.text).toBe('Stadtrat beschließt neue Brücke über den Fluss');
    expect(choice?.parts.repeat).toBe(1.5);
  });

  it('prefers the headline over the standfirst under it and the kicker over it', () => {
    // Prepare
    const pt = ['Educação', 'Prefeitura vai reformar mais de cem escolas públicas até o fim do ano', 'Na próxima etapa, programa inclui telhados, instalações elétricas e novas salas de aula', 'Copiar link', '5.mar.2024 às 12h55', ...PT];
    const fr = ['Urbanisme', 'Nos choix de la semaine', 'Un nouveau parc au bord du fleuve remplacera les anciens entrepôts du port', 'Par Jeanne Martin — 5 mars 2024 à 18:42', ...FR];
    // Act / Assess
    expect(titleOf(pt)).toBe('Prefeitura vai reformar mais de cem escolas públicas até o fim do ano');
    expect(titleOf(fr)).toBe('Un nouveau parc au bord du fleuve remplacera les anciens entrepôts du port');
  });

  it('prefers the line the page prints at its top as its own title, site name appended', () => {
    // Prepare
    const lines = [
      'Council approves flood defences for the valley - Valley News', 'Menu', 'Search',
      'Local', 'Weather', 'Our picks this weekend', 'Council approves flood defences for the valley', 'By Jane Doe', 'What the engineers found on the embankments', ...EN,
    ];
    // Act
    const title = titleOf(lines);
    // Assess
    expect(title).toBe('Council approves flood defences for the valley');
  });

  it('does not take the first line of a hard-wrapped paragraph for a headline', () => {
    // Prepare
    const lines = [
      'Home', 'Council approves flood defences for the valley', 'on March 10, 2024', 'by Jane Doe',
      'The county council approved the new flood defences on Tuesday evening after',
      'a debate that lasted more than four hours and drew residents from every village,',
      'and engineers say the defences will protect more than two thousand homes.',
      ...EN,
    ];
    // Act
    const title = titleOf(lines);
    // Assess
    expect(title).toBe('Council approves flood defences for the valley');
  });

  it('looks for the headline above a bulleted list that opens the body, and keeps the whole list', () => {
    // Prepare
    const items = Array.from({ length: 30 }, (_, k) => `+ Added bridge number ${k + 1} to the river network`);
    const lines = ['Valley News', 'Powered by a blog host', 'Version 2.0 of the river network, in detail', ...items,
      '+ Bridges can now be closed for maintenance by the council without a vote, and reopened the same way by the engineers on duty',
      '+ Ferries now stop at every village along the valley, and the timetable is published a week in advance for all of them',
      '+ Villages along the river can now ask for a new bridge once a year, and the council has to answer them within a month',
      '* Older bridges have been repainted', '- Removed the toll on the east bridge', 'Newer Older', 'Official links:', 'Valley News on Twitter'];
    // Act
    const [a, ...rest] = extractFromText(lines.join('\n'));
    // Assess
    expect(rest).toEqual([]);
    expect(a.title).toBe('Version 2.0 of the river network, in detail');
    expect(a.blocks[0].text).toBe('+ Added bridge number 1 to the river network');
    expect(a.blocks.at(-1)?.text).toBe('- Removed the toll on the east bridge');
  });
});
