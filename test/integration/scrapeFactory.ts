/**
 * Deterministic mixed scrapes for soak and throughput runs: plain text, HTML, JSON Lines, gzip, and the
 * kinds of bad input the pipeline must fail cleanly. Written here, not taken from the corpus.
 */
import { gzipSync } from 'node:zlib';

const PARAGRAPHS: Record<string, string[]> = {
  en: [
    'The regional council approved a plan on Tuesday to expand the ferry service between the two islands, citing a sharp rise in passengers.',
    'Officials said the new timetable would add four crossings a day during the summer and two during the winter months.',
    'Local businesses welcomed the decision, although some residents questioned whether the harbour could handle the extra traffic.',
    'The first new boat is expected to enter service next spring after sea trials are completed.',
  ],
  fr: [
    'Le conseil régional a approuvé mardi un projet visant à renforcer la liaison maritime entre les deux îles.',
    'Selon les responsables, le nouvel horaire ajoutera quatre traversées par jour pendant l’été.',
    'Les commerçants se sont félicités de la décision, mais certains habitants s’inquiètent de la circulation au port.',
    'Le premier nouveau bateau devrait entrer en service au printemps prochain après des essais en mer.',
  ],
  ar: [
    'وافق المجلس الإقليمي يوم الثلاثاء على خطة لتوسيع خدمة العبّارات بين الجزيرتين بعد ارتفاع كبير في عدد الركاب.',
    'وقال مسؤولون إن الجدول الجديد سيضيف أربع رحلات يومياً خلال الصيف ورحلتين خلال أشهر الشتاء.',
    'ورحّب أصحاب المحال التجارية بالقرار، في حين تساءل بعض السكان عن قدرة الميناء على استيعاب الحركة الإضافية.',
    'ومن المتوقع أن تدخل العبّارة الجديدة الأولى الخدمة في الربيع المقبل بعد استكمال التجارب البحرية.',
  ],
};
const LANGS = Object.keys(PARAGRAPHS);

export interface Scrape {
  name: string;
  body: Buffer;
  /** True for inputs that must end FAILED. */
  bad: boolean;
}

const paragraphs = (lang: string, i: number) => PARAGRAPHS[lang].map((p) => `${p} (${i})`);

function textScrape(i: number): string {
  const lang = LANGS[i % LANGS.length];
  const title = lang === 'ar' ? `خبر رقم ${i} عن خدمة العبّارات بين الجزيرتين` : `Report ${i} on the island ferry service`;
  return [title, ...paragraphs(lang, i)].join('\n');
}

function htmlScrape(i: number): string {
  const lang = LANGS[(i + 1) % LANGS.length];
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const day = String(1 + (i % 28)).padStart(2, '0');
  return `<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><title>Story ${i} | Island Post</title>`
    + `<meta property="article:published_time" content="2024-03-${day}T08:00:00Z"><meta property="og:site_name" content="Island Post"></head>`
    + `<body><nav><a href="/">Home</a><a href="/news">News</a></nav><article><h1>Story ${i} about the ferries</h1>`
    + paragraphs(lang, i).map((p) => `<p>${p}</p>`).join('')
    + `</article><footer><a href="/about">About</a> <a href="/privacy">Privacy</a></footer></body></html>`;
}

function jsonlScrape(i: number): string {
  return [0, 1, 2].map((j) => JSON.stringify({
    url: `https://island.example/${i}/${j}`, title: `Export ${i}.${j}: ferry timetable`, date: `2024-04-${String(1 + j).padStart(2, '0')}`,
    text: paragraphs(LANGS[(i + j) % LANGS.length], i * 10 + j).join('\n'),
  })).join('\n');
}

/** The i-th scrape of a run; about one in eight is bad input. */
export function scrapeAt(i: number): Scrape {
  switch (i % 8) {
    case 0: return { name: `${i}.txt`, body: Buffer.from(textScrape(i)), bad: false };
    case 1: return { name: `${i}.html`, body: Buffer.from(htmlScrape(i)), bad: false };
    case 2: return { name: `${i}.jsonl`, body: Buffer.from(jsonlScrape(i)), bad: false };
    case 3: return { name: `${i}.html.gz`, body: gzipSync(htmlScrape(i)), bad: false };
    case 4: return { name: `${i}.txt.gz`, body: gzipSync(textScrape(i)), bad: false };
    case 5: return { name: `${i}.html`, body: Buffer.from(htmlScrape(i + 1000)), bad: false };
    case 6: return { name: `${i}.txt`, body: Buffer.from(textScrape(i + 1000)), bad: false };
    default: {
      const bad = [Buffer.alloc(0), Buffer.from([0, 1, 2, 3, 0xff, 0, 0, 9]), gzipSync(htmlScrape(i)).subarray(0, 30)];
      return { name: `${i}.bad`, body: bad[Math.floor(i / 8) % bad.length], bad: true };
    }
  }
}
