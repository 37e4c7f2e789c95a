import { describe, expect, it } from 'vitest';
import { extractFromText } from '../../../shared/text/extractText.js';

const NOW = new Date('2026-01-01T00:00:00Z');

/** Two Arabic articles in one scrape, with the genre's glue: ad labels, a related run, a footer run. */
const ARABIC_PAGE = [
  'البلدية تفتتح جسرا جديدا فوق النهر بعد عامين من العمل',
  'تاريخ النشر: 2024-03-05',
  'افتتحت البلدية صباح اليوم جسرا جديدا فوق النهر، بعد عامين من العمل المتواصل، وقال رئيس البلدية إن الجسر سيخفف الازدحام في وسط المدينة. اعلان',
  'وأضاف أن المرحلة الثانية من المشروع ستبدأ في الربيع المقبل، وأن التمويل متوفر بالكامل من ميزانية العام الحالي، دون الحاجة إلى قروض جديدة أو رسوم إضافية.',
  'Relatedمعرض الكتاب يفتح أبوابه للزوار في العاصمةهل تنجح خطة النقل الجديدة في المدينة؟وأوضح المهندس المسؤول أن الجسر صمم ليتحمل الفيضانات الكبيرة، وأن اختبارات السلامة استمرت ثلاثة أشهر قبل الافتتاح الرسمي.',
  'وقال عدد من السكان إنهم ينتظرون المشروع منذ سنوات طويلة، وإن الطريق القديم كان مزدحما في ساعات الصباح والمساء، ويأملون أن تتحسن الحركة الآن.',
  'شارك هذا المقالالمصدر: وكالة المدينة',
  'كلمات دلالية: النقل العام، جسور، النقل العام',
  'إقرأ أيضاً:',
  'المدينة تستعد لموسم الأمطار',
  'بدأت فرق الصيانة في المدينة تنظيف قنوات تصريف المياه استعدادا لموسم الأمطار، بعد أن تسببت العواصف في العام الماضي بأضرار كبيرة في الشوارع والمنازل القريبة من النهر.',
  'أولاً: خطة طوارئ جديدةوقالت إدارة الطوارئ إنها جهزت مضخات إضافية في الأحياء المنخفضة، وإن الفرق ستعمل على مدار الساعة خلال العواصف.',
  'إعلانوأشار المسؤولون إلى أن السكان يمكنهم الإبلاغ عن أي انسداد عبر الرقم المجاني، وأن الاستجابة ستكون خلال ساعة واحدة في الحالات العاجلة.',
  'كما دعت البلدية أصحاب المحلات التجارية إلى رفع البضائع عن الأرض خلال أيام العواصف، وإلى متابعة النشرات الجوية التي تصدرها الأرصاد مرتين في اليوم.',
  'هذا المقال يعبر عن رأي كاتبه، والآراء الواردة فيه لا تعكس بالضرورة رأي موقع المدينة.',
  'من نحنسياسة الخصوصيةاتصل بنا',
  'facebooktwitteryoutubeinstagram',
].join('\n');

describe('extractFromText: a two-article Arabic scrape', () => {
  it('finds both articles with their titles, dates, sources, tags and related headlines', () => {
    // Act
    const [a, b, ...rest] = extractFromText(ARABIC_PAGE, { fetchedAt: NOW });
    // Assess
    expect(rest).toEqual([]);
    expect(a.title).toBe('البلدية تفتتح جسرا جديدا فوق النهر بعد عامين من العمل');
    expect(a.published).toBe('2024-03-05');
    expect(a.source).toBe('وكالة المدينة');
    expect(a.tags).toEqual(['النقل العام', 'جسور']);
    expect(a.related.map((r) => r.title)).toEqual(['معرض الكتاب يفتح أبوابه للزوار في العاصمة', 'هل تنجح خطة النقل الجديدة في المدينة؟']);
    expect(b.title).toBe('المدينة تستعد لموسم الأمطار');
    expect(b.published).toBeNull();
    expect(b.source).toBe('المدينة');
    expect(b.blocks.filter((x) => x.kind === 'heading').map((x) => x.text)).toEqual(['أولاً: خطة طوارئ جديدة']);
  });

  it('leaves no boilerplate in titles or bodies', () => {
    // Act
    const all = extractFromText(ARABIC_PAGE, { fetchedAt: NOW }).map((x) => `${x.title}\n${x.blocks.map((bl) => bl.text).join('\n')}`).join('\n');
    // Assess
    for (const junk of ['اعلان', 'إعلان', 'Related', 'شارك هذا المقال', 'كلمات دلالية', 'إقرأ أيضاً', 'الآراء الواردة', 'من نحن', 'facebook']) {
      expect(all, junk).not.toContain(junk);
    }
  });
});

describe('extractFromText: English and French pages', () => {
  it('finds title, byline, date and body between navigation and footer', () => {
    // Prepare
    const page = [
      'Home', 'World', 'Politics', 'Science', 'Skip to content',
      'River towns count the cost of the spring floods',
      'By Jane Doe',
      'Published: 2024-04-02',
      'Share this article',
      'The river rose faster than at any time in the last fifty years, and by the morning three villages along the valley were cut off from the main road.',
      'Rescue teams reached the last families only after the water began to fall, and officials said that the dams upstream had held despite the pressure.',
      'Advertisement',
      'Engineers will now inspect every bridge in the valley before the roads reopen, a process that the regional council expects to take at least two weeks.',
      'Tags: floods, rivers, infrastructure',
      'Most read', 'Privacy Policy', 'Terms of Use', '© 2024 Example News. All rights reserved.',
    ].join('\n');
    // Act
    const [a, ...rest] = extractFromText(page, { fetchedAt: NOW });
    // Assess
    expect(rest).toEqual([]);
    expect(a.title).toBe('River towns count the cost of the spring floods');
    expect(a.authors).toEqual(['Jane Doe']);
    expect(a.published).toBe('2024-04-02');
    expect(a.tags).toEqual(['floods', 'rivers', 'infrastructure']);
    expect(a.blocks.map((x) => x.text.slice(0, 20))).toEqual(['The river rose faste', 'Rescue teams reached', 'Engineers will now i']);
  });

  it('reads a French page with glued navigation and a trailing ad label', () => {
    // Prepare
    const page = [
      'AccueilInternationalÉconomieCulture',
      'Le musée rouvre ses portes après deux ans de travaux',
      'Publié le 2024-05-12',
      'Le musée de la ville a rouvert samedi après deux années de travaux qui ont permis de restaurer la toiture, la grande salle et la plupart des vitraux d’origine. Publicité',
      'Les visiteurs pourront découvrir une nouvelle aile consacrée aux arts du textile, ainsi qu’un jardin intérieur qui sera ouvert au public pendant tout l’été.',
      'Lire aussi',
      'Partager', 'Mentions légales', 'Tous droits réservés',
    ].join('\n');
    // Act
    const [a] = extractFromText(page, { fetchedAt: NOW });
    // Assess
    expect(a.title).toBe('Le musée rouvre ses portes après deux ans de travaux');
    expect(a.published).toBe('2024-05-12');
    expect(a.blocks).toHaveLength(2);
    expect(a.blocks[0].text.endsWith('d’origine.')).toBe(true);
  });

  it('uses hints as defaults and returns nothing for an empty scrape', () => {
    // Prepare
    const page = 'A short note about the council meeting, which ended late on Tuesday evening after a long debate about the budget for the next year and the new tram line.';
    // Act
    const [a] = extractFromText(page, { title: 'Council meeting', source: 'Example Wire', url: 'https://example.org/a' });
    // Assess
    expect(a.title).toBe('Council meeting');
    expect(a.source).toBe('Example Wire');
    expect(a.url).toBe('https://example.org/a');
    expect(extractFromText('  \n \n')).toEqual([]);
  });
});
