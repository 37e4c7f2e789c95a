import { describe, expect, it } from 'vitest';
import { extractUpload } from '../../../shared/core/extractUpload.js';
import { isImageCredit } from '../../../shared/core/meta/credits.js';

const upload = { bucket: 'b', key: 'page.txt' };
const BODY = {
  en: 'The city council on Tuesday approved funding for a new pedestrian bridge over the river, with construction expected to begin next spring. The mayor said the bridge would link the two halves of the old town for the first time in a century.',
  ar: 'وافق مجلس المدينة يوم الثلاثاء على تمويل جسر جديد للمشاة فوق النهر، ومن المتوقع أن يبدأ البناء في الربيع المقبل. وقال رئيس البلدية إن الجسر سيربط شطري المدينة القديمة لأول مرة منذ قرن.',
  fr: 'Le conseil municipal a voté mardi le financement d’une nouvelle passerelle piétonne sur la rivière, dont les travaux doivent commencer au printemps prochain. Le maire a dit que la passerelle relierait les deux moitiés de la vieille ville.',
};

describe('isImageCredit: a picture credit is not a publisher', () => {
  it.each([
    'Supplied', 'Getty Images', 'AFP/Getty Images', 'AFP via Getty Images', 'Getty Images for the festival', 'Photo: Jane Doe', 'Photo by Jane Doe',
    'Image source: Reuters', 'Courtesy of the family', 'مواقع التواصل', 'صورة أرشيفية', 'مصدر الصورة: رويترز', 'DR', 'Archivbild', 'Divulgação', '资料图',
  ])('%s is a credit', (value) => expect(isImageCredit(value)).toBe(true));

  it.each(['Reuters', 'The Harbour Gazette', 'الجزيرة', 'Le Monde', 'Agence France-Presse', 'BBC News', 'Der Spiegel', '新华社'])('%s is not', (value) => {
    expect(isImageCredit(value)).toBe(false);
  });
});

describe('an image credit is never an article source', () => {
  it.each([
    ['en', 'Source: Supplied', 'Source: The Harbour Gazette', 'The Harbour Gazette'],
    ['en', 'Image source: Getty Images', null, null],
    ['ar', 'المصدر: مواقع التواصل', 'المصدر: الجزيرة', 'الجزيرة'],
    ['fr', 'Source : AFP/Getty Images', 'Source : Le Monde', 'Le Monde'],
  ] as const)('%s: "%s" under the picture', (lang, credit, sourceLine, expected) => {
    // Prepare
    const page = ['Bridge approved for the old town', credit, BODY[lang], BODY[lang], ...(sourceLine ? [sourceLine] : [])].join('\n\n');
    // Act
    const { articles } = extractUpload(Buffer.from(page), { upload });
    // Assess
    expect(articles).toHaveLength(1);
    expect(articles[0].source).toBe(expected);
  });

  it('a record whose source field is a credit keeps no source; a publisher field is kept', () => {
    // Prepare
    const lines = [{ source: 'Supplied', url: 'https://a.example/1' }, { source: 'The Harbour Gazette', url: 'https://a.example/2' }]
      .map((r) => JSON.stringify({ ...r, title: 'Bridge approved', text: BODY.en })).join('\n');
    // Act
    const { articles } = extractUpload(Buffer.from(lines), { upload: { bucket: 'b', key: 'export.jsonl' } });
    // Assess
    expect(articles.map((a) => a.source)).toEqual([null, 'The Harbour Gazette']);
  });
});
