/** Test inputs built in code: synthetic WARC files, small pages, JSON Lines exports. */
import iconvLite from 'iconv-lite';
import { gzipSync } from 'node:zlib';

const CRLF = '\r\n';

export interface HttpPage {
  uri: string;
  body: Uint8Array | string;
  status?: number;
  contentType?: string;
  date?: string;
  extraHttpHeaders?: string[];
}

/** One WARC record: header, block, the two CRLFs that end it. */
export function warcRecord(type: string, block: Uint8Array | string, fields: Record<string, string> = {}): Buffer {
  const body = typeof block === 'string' ? Buffer.from(block, 'utf8') : Buffer.from(block);
  const head = [
    'WARC/1.1',
    `WARC-Type: ${type}`,
    `WARC-Record-ID: <urn:uuid:${fakeUuid(type + (fields['WARC-Target-URI'] ?? '') + body.length)}>`,
    ...Object.entries(fields).map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${body.length}`,
  ].join(CRLF);
  return Buffer.concat([Buffer.from(head + CRLF + CRLF, 'latin1'), body, Buffer.from(CRLF + CRLF)]);
}

/** An HTTP response record as crawlers write it (status line, headers, body). */
export function responseRecord(page: HttpPage): Buffer {
  const body = typeof page.body === 'string' ? Buffer.from(page.body, 'utf8') : Buffer.from(page.body);
  const status = page.status ?? 200;
  const http = [
    `HTTP/1.1 ${status} ${status === 200 ? 'OK' : 'Status'}`,
    `Content-Type: ${page.contentType ?? 'text/html; charset=utf-8'}`,
    `Content-Length: ${body.length}`,
    ...(page.extraHttpHeaders ?? []),
  ].join(CRLF);
  return warcRecord('response', Buffer.concat([Buffer.from(http + CRLF + CRLF, 'latin1'), body]), {
    'WARC-Target-URI': page.uri,
    'WARC-Date': page.date ?? '2025-06-21T08:00:00Z',
    'Content-Type': 'application/http; msgtype=response',
  });
}

export const requestRecord = (uri: string) =>
  warcRecord('request', `GET ${new URL(uri).pathname} HTTP/1.1${CRLF}Host: ${new URL(uri).host}${CRLF}${CRLF}`, {
    'WARC-Target-URI': uri, 'Content-Type': 'application/http; msgtype=request',
  });

export const warcinfoRecord = () => warcRecord('warcinfo', `software: sift-tests${CRLF}format: WARC File Format 1.1${CRLF}`, { 'Content-Type': 'application/warc-fields' });

export const metadataRecord = (uri: string) => warcRecord('metadata', `fetchTimeMs: 120${CRLF}`, { 'WARC-Target-URI': uri, 'Content-Type': 'application/warc-fields' });

/** `.warc.gz` as crawlers write it: one gzip member per record. */
export const gzipPerRecord = (records: Buffer[]) => Buffer.concat(records.map((r) => gzipSync(r)));

function fakeUuid(seed: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  const hex = h.toString(16).padStart(8, '0');
  return `${hex}-0000-4000-8000-${hex}${hex.slice(0, 4)}`;
}

/** A small news page of our own, in any language, with enough body to be an article. */
export function newsPage(title: string, paragraphs: string[], options: { lang?: string; charset?: string; dir?: string } = {}): string {
  const meta = options.charset ? `<meta charset="${options.charset}">` : '<meta charset="utf-8">';
  return `<!DOCTYPE html><html lang="${options.lang ?? 'en'}"${options.dir ? ` dir="${options.dir}"` : ''}><head>${meta}<title>${title}</title></head>` +
    `<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>` +
    `<article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article>` +
    `<footer><p>© Example News</p></footer></body></html>`;
}

const EN_SENTENCES = [
  'The city council approved the new transport plan on Tuesday after a long debate that lasted well into the evening.',
  'Officials said the first buses on the new routes would start running in the spring, with more to follow over the summer.',
  'Residents who attended the meeting raised concerns about noise and parking near the planned depot on the eastern edge of town.',
  'The mayor said the plan would cut journey times for thousands of commuters and reduce traffic in the historic centre.',
  'Funding for the project comes from a regional grant and from savings elsewhere in the transport budget, according to the report.',
];

/** An English page with a distinct title; `n` varies the text so pages differ. */
export function englishPage(n: number): string {
  const paras = EN_SENTENCES.map((s, i) => `${s} Update ${n}.${i}: the council will publish its timetable ${n % 7 + 1} weeks from now.`);
  return newsPage(`Council approves transport plan, part ${n}`, paras);
}

export const ARABIC_PARAGRAPHS = [
  'قالت الحكومة إن المشروع الجديد للنقل العام سيبدأ في الربيع المقبل، وإن كلفته ستكون أقل مما كان متوقعا في البداية.',
  'وأضاف المتحدث باسم الوزارة أن الحافلات الأولى ستعمل على الخطوط الجديدة خلال الأشهر القليلة القادمة في عدة مدن.',
  'وأبدى عدد من السكان قلقهم من الضجيج ومن نقص المواقف قرب المستودع المزمع إنشاؤه في الطرف الشرقي من المدينة.',
  'ويقول المسؤولون إن الخطة ستقلص زمن الرحلات لآلاف الموظفين وتخفف الازدحام في وسط المدينة القديم.',
];

export interface Sample {
  /** File name (and S3 key suffix): extensions are deliberately sometimes wrong, detection is by content. */
  name: string;
  bytes: Uint8Array;
  expected: { format: string; articles: number; encoding?: string; documentErrors?: number } | { error: RegExp };
}

/** One input of every kind Sift reads, and every kind of bad input, with what should come of it. */
export function formatSamples(): Sample[] {
  const pages = [0, 1, 2].map((i) => ({ uri: `https://news.example/story/${i}`, body: englishPage(i) }));
  const crawlRecords = [warcinfoRecord(), ...pages.flatMap((p) => [requestRecord(p.uri), responseRecord(p), metadataRecord(p.uri)])];
  const jsonlText = `${pages.map((p, i) => JSON.stringify({ url: p.uri, title: `Headline ${i}`, html: p.body })).join('\n')}\n{"url": "broken\n`;
  const arabicHtml = newsPage('الحكومة تعلن خطة النقل الجديدة', ARABIC_PARAGRAPHS, { lang: 'ar', dir: 'rtl', charset: 'windows-1256' });
  const oneRecord = responseRecord(pages[0]);
  return [
    { name: 'page.txt', bytes: Buffer.from(englishPage(7)), expected: { format: 'html', articles: 1, encoding: 'utf-8' } },
    { name: 'story.txt', bytes: Buffer.from(`Council approves transport plan\n\n${EN_SENTENCES.join('\n\n')}\n`), expected: { format: 'text', articles: 1 } },
    { name: 'export.json', bytes: Buffer.from(JSON.stringify({ items: pages.map((p) => ({ link: p.uri, raw_html: p.body })) })), expected: { format: 'json', articles: 3 } },
    { name: 'export.json.data', bytes: Buffer.from(jsonlText), expected: { format: 'jsonl', articles: 3, documentErrors: 1 } },
    { name: 'export.jsonl.gz', bytes: gzipSync(jsonlText), expected: { format: 'jsonl', articles: 3, documentErrors: 1 } },
    { name: 'crawl.warc', bytes: Buffer.concat(crawlRecords), expected: { format: 'warc', articles: 3 } },
    { name: 'crawl.warc.gz', bytes: gzipPerRecord(crawlRecords), expected: { format: 'warc', articles: 3 } },
    { name: 'crawl-no-gz-name.bin', bytes: gzipPerRecord(crawlRecords), expected: { format: 'warc', articles: 3 } },
    { name: 'arabic-1256.html', bytes: iconvEncode(arabicHtml, 'windows-1256'), expected: { format: 'html', articles: 1, encoding: 'windows-1256' } },
    { name: 'utf16.html', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(englishPage(8), 'utf16le')]), expected: { format: 'html', articles: 1, encoding: 'utf-16le' } },
    { name: 'empty.txt', bytes: new Uint8Array(), expected: { error: /empty/ } },
    { name: 'binary.bin', bytes: Buffer.from([0, 159, 146, 150, 0, 1, 2, 3, 0, 0, 0, 7]), expected: { error: /not a recognised scrape format: binary data/ } },
    { name: 'truncated.html.gz', bytes: gzipSync(Buffer.from(englishPage(1))).subarray(0, 400), expected: { error: /gzip stream truncated at byte 400/ } },
    // a text bomb meets the one-document bound (32 MiB) before the decompression one (256 MiB)
    { name: 'bomb.gz', bytes: gzipBomb(260), expected: { error: /^the upload is over 32 MiB of one text or HTML document/ } },
    { name: 'malformed.json', bytes: Buffer.from('[{"url": "https://x.example/", "html": "<p>never closed'), expected: { error: /not valid JSON/ } },
    { name: 'no-pages.warc', bytes: Buffer.concat([warcinfoRecord(), requestRecord(pages[0].uri), metadataRecord(pages[0].uri)]), expected: { error: /WARC file holds no usable record/ } },
    { name: 'truncated.warc', bytes: oneRecord.subarray(0, 700), expected: { error: /WARC record 1 \(response, at byte 0\) is truncated/ } },
  ];
}

/** `n` MiB of one letter as multi-member gzip, ~1 KB per MiB: a bomb cheap to build (zeros would read as binary first). */
export function gzipBomb(mib: number): Buffer {
  const member = gzipSync(Buffer.alloc(1024 * 1024, 'a'));
  return Buffer.concat(Array.from({ length: mib }, () => member));
}

function iconvEncode(text: string, charset: string): Buffer {
  return iconvLite.encode(text, charset);
}
