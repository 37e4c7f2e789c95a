import { describe, expect, it } from 'vitest';
import {
  classifySegments, contextFreeClass, featuresOf, reviseWithContext, segmentsOf, socialCoverage,
} from '../../../shared/core/text/classifyLines.js';
import { repairText } from '../../../shared/core/text/repairGlue.js';

const classify = (text: string) => classifySegments(segmentsOf(repairText(text)));
const bodyOf = (text: string) => classify(text).filter((s) => s.cls === 'good').map((s) => s.text);

describe('featuresOf', () => {
  it('measures stopword density of prose in several languages', () => {
    // Prepare
    const prose = [
      'The committee said that it would not change the plan before the end of the year.',
      'Le comité a dit que le plan ne serait pas modifié avant la fin de l’année.',
      'El comité dijo que el plan no se cambiaría antes del final del año.',
      'Der Ausschuss sagte, dass der Plan bis zum Ende des Jahres nicht geändert wird.',
    ];
    // Act
    const densities = prose.map((p) => featuresOf(p).stopDensity);
    // Assess
    for (const d of densities) expect(d).toBeGreaterThan(0.3);
    expect(featuresOf('Home News Sport Weather Business Culture').stopDensity).toBeLessThan(0.1);
  });

  it('weights characters of unspaced scripts as words and reads their particles', () => {
    // Prepare
    const zh = '委员会表示，这项计划在年底之前不会改变，但是细节还需要讨论。';
    const ja = '委員会は、この計画を年末までに変更しないと述べたが、詳細はまだ議論が必要だという。';
    // Act
    const fz = featuresOf(zh);
    const fj = featuresOf(ja);
    // Assess
    expect(fz.length).toBeGreaterThan(fz.chars * 2);
    expect(fj.stopDensity).toBeGreaterThan(0.25);
  });

  it('finds marker phrases, labels and glued social names', () => {
    // Prepare
    const footer = 'من نحنسياسة الخصوصيةاتصل بنا';
    // Act
    const f = featuresOf(footer);
    // Assess
    expect(f.hits).toBeGreaterThanOrEqual(2);
    expect(featuresOf('Tags: economy, energy').label).toBe('tags');
    expect(featuresOf('Advertisement').marker).toBe('ad');
    expect(featuresOf('Реклама').marker).toBe('ad');
    expect(socialCoverage('facebooktwitteryoutubeinstagram')).toBeGreaterThan(0.9);
    expect(socialCoverage('The town council met on Tuesday')).toBe(0);
  });
});

describe('contextFreeClass', () => {
  it('classifies markers as bad, short lines as short, long prose as good', () => {
    // Prepare
    const prose = 'The committee said on Tuesday that it would not change the plan before the end of the year, '
      + 'because the budget for the next two years has already been approved by the city council and by the mayor of the town.';
    // Act
    const classes = ['Share this article', 'Weather', prose].map((t) => contextFreeClass(featuresOf(t), t));
    // Assess
    expect(classes).toEqual(['bad', 'short', 'good']);
  });

  it('calls cookie banners, disclaimers and copyright lines bad in several languages', () => {
    // Prepare
    const lines = [
      'We use cookies to improve your experience on our site. By continuing you accept this.',
      'هذه المقالة تعبر عن رأي كاتبها، والآراء الواردة فيها لا تعكس بالضرورة رأي الموقع.',
      '© 2024 Example Media. Tous droits réservés.',
      'Las opiniones expresadas en este artículo son responsabilidad de su autor.',
    ];
    // Act
    const classes = lines.map((t) => contextFreeClass(featuresOf(t), t));
    // Assess
    expect(classes).toEqual(['bad', 'bad', 'bad', 'bad']);
  });
});

describe('reviseWithContext (jusText)', () => {
  it('makes a short line between good paragraphs good and one between bad lines bad', () => {
    // Prepare
    const cf = ['good', 'short', 'good', 'bad', 'short', 'bad'] as const;
    // Act
    const out = reviseWithContext([...cf]);
    // Assess
    expect(out).toEqual(['good', 'good', 'good', 'bad', 'bad', 'bad']);
  });

  it('keeps a run of near-good paragraphs between boilerplate as body', () => {
    // Prepare
    const cf = ['bad', 'neargood', 'neargood', 'neargood', 'bad'] as const;
    // Act
    const out = reviseWithContext([...cf], [10, 150, 150, 150, 10]);
    // Assess
    expect(out).toEqual(['bad', 'good', 'good', 'good', 'bad']);
  });
});

describe('classifySegments', () => {
  it('separates an English article from its navigation and footer', () => {
    // Prepare
    const page = [
      'Home', 'World', 'Business', 'Sport', 'Advertisement',
      'The river flooded three villages overnight, and rescue teams reached the last families only in the morning after the water began to fall.',
      'Officials said that the dams upstream had held, but that the rain had been heavier than any forecast for the season had suggested.',
      'Share this article', 'Privacy Policy', 'Terms of Use', '© 2024 Example News',
    ].join('\n');
    // Act
    const body = bodyOf(page);
    // Assess
    expect(body).toHaveLength(2);
    expect(body[0]).toMatch(/^The river flooded/u);
  });

  it('separates an Arabic article from its ad label and footer run', () => {
    // Prepare
    const page = [
      'الرئيسية', 'أخبار', 'اقتصاد', 'رياضة',
      'افتتحت البلدية صباح اليوم جسرا جديدا فوق النهر، بعد عامين من العمل المتواصل، وقال رئيس البلدية إن الجسر سيخفف الازدحام في وسط المدينة.',
      'إعلان',
      'وأضاف أن المرحلة الثانية من المشروع ستبدأ في الربيع المقبل، وأن التمويل متوفر بالكامل من ميزانية العام الحالي، دون الحاجة إلى قروض جديدة.',
      'من نحنسياسة الخصوصيةاتصل بنا', 'جميع الحقوق محفوظة',
    ].join('\n');
    // Act
    const body = bodyOf(page);
    // Assess
    expect(body).toHaveLength(2);
    expect(body.join(' ')).not.toContain('إعلان');
  });

  it('drops dated headline lists (tickers, archives)', () => {
    // Prepare
    const page = [
      'The museum reopened on Saturday after a two-year renovation that restored the roof, the main hall and most of the original windows.',
      '10:42 Storm warning issued for the coast',
      '10:15 Train services resume in the north',
      '09:58 Markets open higher after holiday',
    ].join('\n');
    // Act
    const classified = classify(page);
    // Assess
    expect(classified.slice(1).every((s) => s.cf === 'bad')).toBe(true);
  });

  it('drops ranking lists whose items close with a source and a time', () => {
    // Prepare
    const page = [
      'The museum reopened on Saturday after a two-year renovation that restored the roof, the main hall and most of the original windows.',
      '1 Harbour festival draws record crowds Example Wire 3/9(Thu) 15:47',
      '2 New ferry timetable announced for summer Example Post 3/9(Thu) 12:10',
      '3 Local team wins the regional cup final Example Daily 3/8(Wed) 21:05',
    ].join('\n');
    // Act
    const classified = classify(page);
    // Assess
    expect(classified.slice(1).every((s) => s.cf === 'bad')).toBe(true);
  });
});


describe('consent banners', () => {
  it('calls a long paragraph that opens with a cookie phrase boilerplate, in English and French, but not prose about cookies', () => {
    // Prepare
    const en = 'We use cookies and similar technologies to remember your settings, measure how the site is used and show you offers that may interest you. Some of these partners may combine the information with other data they hold about you. You can change your choices at any time in the settings at the bottom of each page, where you will also find our policy on personal data and how long we keep it. By continuing you accept these uses.';
    const fr = 'Nous utilisons des cookies et des technologies similaires pour mémoriser vos réglages, mesurer l’audience du site et vous proposer des offres adaptées. Certains de nos partenaires peuvent combiner ces informations avec d’autres données. Vous pouvez modifier vos choix à tout moment dans les paramètres situés en bas de chaque page, où vous trouverez aussi notre politique de confidentialité et la durée de conservation des données.';
    const prose = 'The regulator said on Tuesday that the companies had failed to ask for consent before placing tracking files on the computers of visitors, and that the rules on the use of cookies would now be enforced with fines. Several newspapers, which depend on advertising, warned that the change could cut their revenue, while privacy groups welcomed the decision and asked for the same rules to apply to mobile applications as well.';
    // Act
    const [fe, ff, fp] = [en, fr, prose].map((t) => featuresOf(t));
    // Assess
    expect([fe.banner, ff.banner, fp.banner]).toEqual([true, true, false]);
    expect(contextFreeClass(fe, en)).toBe('bad');
    expect(contextFreeClass(fp, prose)).toBe('good');
  });
});

describe('scripts whose words a dictionary finds', () => {
  it('reads the function words of Thai and Burmese prose, so prose is good and a menu line is not', () => {
    // Prepare
    const prose = [
      'นายกรัฐมนตรีกล่าวว่ารัฐบาลจะไม่เปลี่ยนแผนนี้ก่อนสิ้นปี เพราะงบประมาณได้รับการอนุมัติแล้วจากสภาและผู้ว่าราชการจังหวัด',
      'ကော်မတီက ဒီအစီအစဉ်ကို နှစ်ကုန်မတိုင်ခင် ပြောင်းလဲမှာ မဟုတ်ဘူးလို့ ပြောခဲ့ပါတယ်။ ဘတ်ဂျက်ကို လွှတ်တော်က အတည်ပြုပြီးဖြစ်တယ်။',
    ];
    const menus = ['หน้าแรก ข่าว การเมือง เศรษฐกิจ กีฬา บันเทิง ต่างประเทศ', 'ပင်မစာမျက်နှာ သတင်း ဗီဒီယို အားကစား စီးပွားရေး'];
    // Act
    const proseClasses = prose.map((t) => contextFreeClass(featuresOf(t), t));
    const menuDensities = menus.map((t) => featuresOf(t).stopDensity);
    // Assess
    expect(proseClasses).toEqual(['good', 'good']);
    for (const d of menuDensities) expect(d).toBeLessThan(0.1);
    for (const t of prose) expect(featuresOf(t).stopDensity).toBeGreaterThan(0.3);
  });
});

describe('notices and pickers', () => {
  it('calls a copyright notice boilerplate in Chinese and English, but not prose about copyright', () => {
    // Prepare
    const zh = '版权声明：本网站所刊登的各种新闻、信息和各种专题专栏资料，均为本网版权所有，未经协议授权，禁止转载、摘编或利用其它方式使用上述作品。';
    const en = 'Copyright © 2024 the publisher and its licensors. All rights reserved. The material on this site may not be reproduced, '
      + 'distributed, transmitted, cached or otherwise used, except with the prior written permission of the publisher. Pictures '
      + 'and graphics are supplied by the agencies named beside them and remain their property; requests to use them go to those '
      + 'agencies. Quotes are delayed, and the data shown is for information only and is not advice to buy or sell.';
    const prose = 'Copyright holders won a long fight in the parliament on Tuesday, when members voted to make online platforms pay for '
      + 'the news and music their users share. The companies said the rules would force them to filter uploads, while the groups '
      + 'of authors and publishers, who had campaigned for three years, said that the vote was a victory for everyone who lives '
      + 'from their work. The law now goes to the member states, which have two years to write it into their own codes.';
    // Act
    const [fz, fe, fp] = [zh, en, prose].map((t) => featuresOf(t));
    // Assess
    expect(contextFreeClass(fz, zh)).toBe('bad');
    expect(fe.banner).toBe(true);
    expect(contextFreeClass(fe, en)).toBe('bad');
    expect(fp.banner).toBe(false);
    expect(contextFreeClass(fp, prose)).toBe('good');
  });

  it('calls a long run of capitalised names without a sentence a picker, not prose, in English and German', () => {
    // Prepare
    const countries = 'Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan Bahamas Bahrain '
      + 'Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Botswana Brazil Brunei Bulgaria Burundi Cambodia Canada Chile';
    const laender = 'Deutschland Österreich Schweiz Frankreich Italien Spanien Portugal Belgien Niederlande Luxemburg Dänemark '
      + 'Schweden Norwegen Finnland Polen Tschechien Slowakei Ungarn Rumänien Bulgarien Griechenland Kroatien Slowenien Irland';
    const prose = 'Die Stadt will in den kommenden zwei Jahren neue Wohnungen bauen lassen. Der Stadtrat hat dem Plan am Dienstag '
      + 'zugestimmt, obwohl die Opposition vor den Kosten gewarnt hatte. Die Mieten sollen unter dem Durchschnitt der Stadt liegen';
    // Act
    const classes = [countries, laender, prose].map((t) => contextFreeClass(featuresOf(t), t));
    // Assess
    expect(classes).toEqual(['bad', 'bad', 'good']);
  });
});

describe('headline lists', () => {
  const page = (body: string[], headlines: string[]) => [
    'Home', 'World', 'Business', ...body, 'Share', 'Facebook', 'Twitter', ...headlines, 'About us', 'Contact', 'Privacy policy',
  ].join('\n');
  it('leaves a run of other stories\' headlines out of the body, in English and Spanish, and keeps a bulleted list', () => {
    // Prepare
    const en = page([
      'The city council approved the new housing plan on Tuesday, after a debate that lasted more than six hours and ended late in the evening.',
      'The plan will add three thousand homes near the river over the next decade, and a third of them will be let at rents below the market.',
    ], [
      'Mayor says the new bridge over the river will open to traffic before the end of the summer holidays',
      'Police close the main square for the weekend as thousands of fans gather for the final match of the season',
      'School board votes to keep the old timetable for another year despite complaints from hundreds of parents',
      'Hospital opens a new children wing with two hundred beds and a garden on the roof for the young patients',
    ]);
    const es = page([
      'El ayuntamiento aprobó el martes el nuevo plan de vivienda, después de un debate que duró más de seis horas y terminó a última hora de la noche.',
      'El plan añadirá tres mil viviendas junto al río durante la próxima década, y un tercio de ellas se alquilará por debajo del precio de mercado.',
    ], [
      'El alcalde asegura que el nuevo puente sobre el río abrirá al tráfico antes del final de las vacaciones de verano',
      'La policía cierra la plaza mayor durante el fin de semana mientras miles de aficionados llegan para la final de la temporada',
      'El consejo escolar vota mantener el antiguo horario un año más pese a las quejas de cientos de padres de alumnos',
      'El hospital abre una nueva planta infantil con doscientas camas y un jardín en la azotea para los pacientes más jóvenes',
    ]);
    const list = page([
      'The new release of the editor brings a long list of changes that users have asked for over the last two years, and most of them are small.',
    ], [
      '- Added a dark theme for the whole window and for the settings page of every plugin',
      '- Added spell checking in twelve languages with a dictionary that can be edited by hand',
      '- Fixed the crash when a file with a very long name was opened from a network folder',
      '- Removed the old toolbar that nobody used since the menu bar came back in the last version',
    ]);
    // Act
    const [enBody, esBody, listBody] = [en, es, list].map(bodyOf);
    // Assess
    expect(enBody.some((t) => t.startsWith('The city council'))).toBe(true);
    expect(enBody.filter((t) => /^(Mayor|Police|School|Hospital)/u.test(t))).toEqual([]);
    expect(esBody.some((t) => t.startsWith('El ayuntamiento'))).toBe(true);
    expect(esBody.filter((t) => /^(El alcalde|La policía|El consejo|El hospital)/u.test(t))).toEqual([]);
    expect(listBody.filter((t) => t.startsWith('- '))).toHaveLength(4);
  });
});
