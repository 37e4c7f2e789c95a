import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLanguage, directionOf, primaryLanguage } from '../../../shared/core/meta/language.js';
import { CORPUS, referenceMissing } from '../../support/referencePaths.js';

// Sentences written for these tests (not taken from the corpus): two short news-like sentences each.
const SAMPLES: Record<string, string> = {
  ar: 'أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة، وقال الوزير إن المشروع سيخدم آلاف المرضى. وأضاف أن الحكومة تعمل على تحسين الخدمات في جميع المحافظات.',
  en: 'The city council voted on Tuesday to expand the bus network, and officials said the new routes would open before the end of the year. Residents have asked for better service for a long time.',
  fr: "Le conseil municipal a voté mardi pour étendre le réseau de bus, et les responsables ont indiqué que les nouvelles lignes ouvriront avant la fin de l'année. Les habitants demandaient un meilleur service depuis longtemps.",
  es: 'El ayuntamiento votó el martes para ampliar la red de autobuses, y los responsables dijeron que las nuevas líneas abrirán antes de que termine el año. Los vecinos llevaban mucho tiempo pidiendo un mejor servicio.',
  de: 'Der Stadtrat hat am Dienstag beschlossen, das Busnetz zu erweitern, und die Verantwortlichen sagten, dass die neuen Linien noch vor Ende des Jahres eröffnet werden. Die Anwohner hatten lange einen besseren Dienst gefordert.',
  pt: 'A câmara municipal votou na terça-feira a ampliação da rede de autocarros, e os responsáveis disseram que as novas linhas vão abrir antes do fim do ano. Os moradores pediam há muito tempo um serviço melhor.',
  it: "Il consiglio comunale ha votato martedì per ampliare la rete degli autobus, e i responsabili hanno detto che le nuove linee apriranno prima della fine dell'anno. I residenti chiedevano da tempo un servizio migliore.",
  ru: 'Городской совет во вторник проголосовал за расширение автобусной сети, и чиновники заявили, что новые маршруты откроются до конца года. Жители давно просили улучшить обслуживание.',
  uk: 'Міська рада у вівторок проголосувала за розширення автобусної мережі, і посадовці заявили, що нові маршрути відкриються до кінця року. Мешканці давно просили покращити обслуговування.',
  tr: 'Belediye meclisi salı günü otobüs ağının genişletilmesi için oy kullandı ve yetkililer yeni hatların yıl sonundan önce açılacağını söyledi. Mahalle sakinleri uzun süredir daha iyi bir hizmet istiyordu.',
  fa: 'شورای شهر روز سه‌شنبه به گسترش شبکه اتوبوسرانی رأی داد و مسئولان گفتند که خطوط جدید پیش از پایان سال افتتاح می‌شود. ساکنان مدت‌ها بود که خواستار خدمات بهتری بودند.',
  ur: 'سٹی کونسل نے منگل کو بس نیٹ ورک کو بڑھانے کے حق میں ووٹ دیا، اور حکام نے کہا کہ نئے روٹ سال کے آخر سے پہلے کھل جائیں گے۔ شہری کافی عرصے سے بہتر سروس کا مطالبہ کر رہے تھے۔',
  zh: '市议会周二投票决定扩大公交网络，官员表示新线路将在年底前开通。居民们长期以来一直要求改善服务。',
  ja: '市議会は火曜日、バス路線網の拡大を可決し、当局は新しい路線が年末までに開通すると述べた。住民は長い間、より良いサービスを求めていた。',
  ko: '시의회는 화요일 버스 노선망 확대안을 통과시켰으며, 관계자들은 새 노선이 연말 전에 개통될 것이라고 밝혔다. 주민들은 오랫동안 더 나은 서비스를 요구해 왔다.',
  th: 'สภาเมืองลงมติเมื่อวันอังคารให้ขยายเครือข่ายรถประจำทาง และเจ้าหน้าที่กล่าวว่าเส้นทางใหม่จะเปิดก่อนสิ้นปี ชาวบ้านเรียกร้องบริการที่ดีขึ้นมานานแล้ว',
  my: 'မြို့တော်ကောင်စီသည် အင်္ဂါနေ့တွင် ဘတ်စ်ကားလမ်းကြောင်းများ တိုးချဲ့ရန် ဆုံးဖြတ်ခဲ့ပြီး လမ်းကြောင်းသစ်များကို နှစ်ကုန်မတိုင်မီ ဖွင့်လှစ်မည်ဟု တာဝန်ရှိသူများက ပြောသည်။',
  he: 'מועצת העיר הצביעה ביום שלישי בעד הרחבת רשת האוטובוסים, והפקידים אמרו שהקווים החדשים ייפתחו לפני סוף השנה. התושבים ביקשו שירות טוב יותר כבר זמן רב.',
  el: 'Το δημοτικό συμβούλιο ψήφισε την Τρίτη την επέκταση του δικτύου λεωφορείων, και οι αρμόδιοι δήλωσαν ότι οι νέες γραμμές θα ανοίξουν πριν από το τέλος του έτους.',
  hi: 'नगर परिषद ने मंगलवार को बस नेटवर्क के विस्तार के पक्ष में मतदान किया, और अधिकारियों ने कहा कि नए मार्ग साल के अंत से पहले खुल जाएंगे।',
  cs: 'Městská rada v úterý odhlasovala rozšíření autobusové sítě a úředníci uvedli, že nové linky budou otevřeny ještě před koncem roku. Obyvatelé o lepší služby žádali už dlouho.',
  pl: 'Rada miasta we wtorek zagłosowała za rozbudową sieci autobusowej, a urzędnicy powiedzieli, że nowe linie zostaną otwarte jeszcze przed końcem roku. Mieszkańcy od dawna domagali się lepszej obsługi.',
  nl: 'De gemeenteraad heeft dinsdag gestemd voor de uitbreiding van het busnetwerk, en de verantwoordelijken zeiden dat de nieuwe lijnen voor het einde van het jaar open gaan. Bewoners vroegen al lang om een betere dienst.',
  sv: 'Kommunfullmäktige röstade på tisdagen för att bygga ut bussnätet, och tjänstemännen sade att de nya linjerna ska öppna före årets slut. Invånarna har länge krävt bättre service.',
  id: 'Dewan kota pada hari Selasa memutuskan untuk memperluas jaringan bus, dan para pejabat mengatakan bahwa rute baru akan dibuka sebelum akhir tahun. Warga sudah lama meminta layanan yang lebih baik.',
};

describe('detectLanguage: one sample per language', () => {
  for (const [lang, text] of Object.entries(SAMPLES)) {
    it(`detects ${lang}`, () => {
      // Prepare: nothing declared
      // Act
      const got = detectLanguage(text, null);
      // Assess
      expect(got).toBe(lang);
    });
  }

  it('detects every sample even against a wrong declared language of the same script group', () => {
    // Prepare
    const wrong: Record<string, string> = { en: 'fr', fr: 'en', es: 'pt', pt: 'es', de: 'nl', nl: 'de', it: 'es', ar: 'fa', fa: 'ar', ru: 'uk', uk: 'ru', zh: 'ja', ja: 'zh', tr: 'en', pl: 'cs', cs: 'pl', sv: 'de', id: 'en' };
    for (const [lang, declared] of Object.entries(wrong)) {
      // Act
      const got = detectLanguage(SAMPLES[lang], declared);
      // Assess
      expect(got, `${lang} declared as ${declared}`).toBe(lang);
    }
  });
});

describe('detectLanguage: the declared language as a prior', () => {
  it('keeps the declared language for short or ambiguous text of its script', () => {
    // Prepare + Act + Assess
    expect(detectLanguage('Tokyo 2025', 'de')).toBe('de');
    expect(detectLanguage('OK', 'en-US')).toBe('en');
    expect(detectLanguage('İstanbul', 'tr')).toBe('tr');
    expect(detectLanguage('ما', 'fa')).toBe('fa');
  });

  it('overrides a declared language the script rules out', () => {
    // Prepare
    const arabic = SAMPLES.ar;
    // Act
    const got = detectLanguage(arabic, 'en');
    // Assess
    expect(got).toBe('ar');
    expect(detectLanguage(SAMPLES.ko, 'en')).toBe('ko');
    expect(detectLanguage(SAMPLES.en, 'ar')).toBe('en');
  });

  it('returns und when there is nothing to go on', () => {
    // Prepare + Act + Assess
    expect(detectLanguage('', null)).toBe('und');
    expect(detectLanguage('12345 — 678', undefined)).toBe('und');
    expect(detectLanguage('abc def', null)).toBe('und');
    expect(detectLanguage('', 'fr')).toBe('fr');
  });

  it('reads Japanese from kanji and kana, and Chinese from Han alone', () => {
    // Prepare + Act + Assess
    expect(detectLanguage('東京都は新しい計画を発表しました', null)).toBe('ja');
    expect(detectLanguage('北京市政府宣布新的交通计划', null)).toBe('zh');
  });

  it('is fast on a 1 MB text because it samples', () => {
    // Prepare
    const big = SAMPLES.en.repeat(Math.ceil(1_000_000 / SAMPLES.en.length));
    // Act
    const t0 = performance.now();
    const got = detectLanguage(big, null);
    const ms = performance.now() - t0;
    // Assess
    expect(got).toBe('en');
    expect(ms).toBeLessThan(500);
  });
});

describe('primaryLanguage and directionOf', () => {
  it('normalises declared tags', () => {
    // Prepare + Act + Assess
    expect(primaryLanguage('en-US')).toBe('en');
    expect(primaryLanguage('AR_eg')).toBe('ar');
    expect(primaryLanguage('iw')).toBe('he');
    expect(primaryLanguage('  ')).toBeNull();
    expect(primaryLanguage('not a tag')).toBeNull();
  });

  it('is rtl for right-to-left languages only', () => {
    // Prepare
    const rtl = ['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'ckb', 'sd', 'ug', 'dv', 'ar-EG', 'FA'];
    const ltr = ['en', 'fr', 'zh', 'ja', 'ru', 'und', 'tr'];
    // Act + Assess
    for (const l of rtl) expect(directionOf(l), l).toBe('rtl');
    for (const l of ltr) expect(directionOf(l), l).toBe('ltr');
  });
});

// The floor guards against regressions on the labelled development corpus.
describe.skipIf(referenceMissing(CORPUS))('detectLanguage on the development corpus', () => {
  it('agrees with the labelled language on at least 90% of pages, from the text alone', () => {
    // Prepare
    const pages = readdirSync(CORPUS)
      .map((name) => resolve(CORPUS, name, 'expected.json'))
      .filter((f) => existsSync(f))
      .map((f) => JSON.parse(readFileSync(f, 'utf8')) as { lang?: string | null; text?: string | null })
      .filter((p) => p.lang && p.text);
    // Act
    const hits = pages.filter((p) => detectLanguage(p.text!, null) === primaryLanguage(p.lang));
    // Assess
    expect(pages.length).toBeGreaterThan(30);
    expect(hits.length / pages.length).toBeGreaterThanOrEqual(0.9);
  });
});
