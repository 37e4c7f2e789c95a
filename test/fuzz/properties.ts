/**
 * Property-based checks on the decoders, the format readers and the whole core, shared by the bounded
 * unit run (test/unit/formats/properties.test.ts) and `npm run fuzz` (test/fuzz/run.ts, many more runs).
 *
 * Invariants: arbitrary bytes never throw out of the core except BadInputError; decoded text is a valid
 * string (no lone surrogates); every record has a non-empty title and an id that is the same on every
 * run; the streaming and whole-buffer cores agree; no record is ever empty; every JSON Lines record with
 * words comes back in an article (its title, url and at least 90 % of its words) or is named in the
 * upload's warnings with the reason; rejoining hard-wrapped text changes nothing but line breaks.
 */
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { decodeText, looksBinary } from '../../shared/core/decode/decodeBytes.js';
import { isBadInput } from '../../shared/core/errors.js';
import { extractDocument, extractUpload, extractUploadStream } from '../../shared/core/extractUpload.js';
import { detectFormat } from '../../shared/core/format/detectFormat.js';
import { LineSplitter } from '../../shared/core/format/lines.js';
import { WarcReader } from '../../shared/core/format/warc.js';
import type { ArticleRecord, UploadExtraction } from '../../shared/core/model.js';
import { unwrapText } from '../../shared/core/text/unwrap.js';
import { hardWrap } from '../eval/heldOutExport.js';
import { englishPage, requestRecord, responseRecord, warcinfoRecord } from '../unit/formats/builders.js';

const upload = { bucket: 'fuzz', key: 'input' };
const isWellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/** Runs the core; BadInputError is an allowed outcome, anything else thrown is a failure. */
function core(bytes: Uint8Array): UploadExtraction | null {
  try {
    return extractUpload(bytes, { upload, limits: { maxDecompressedBytes: 8 * 1024 * 1024 } });
  } catch (error) {
    if (isBadInput(error)) return null;
    throw error;
  }
}

function assertRecords(articles: ArticleRecord[]) {
  articles.forEach((a, i) => {
    if (!a.title.trim()) throw new Error(`record ${i} has an empty title`);
    if (a.upload.index !== i) throw new Error(`record ${i} has index ${a.upload.index}`);
    for (const s of [a.title, a.text, ...a.paragraphs]) if (!isWellFormed(s)) throw new Error('ill-formed string in a record');
  });
}

/** Byte inputs worth mutating: real shapes (page, JSONL, WARC, gzip) as well as noise. */
const seeds = (): fc.Arbitrary<Uint8Array> => {
  const page = Buffer.from(englishPage(1));
  const jsonl = Buffer.from(`${JSON.stringify({ url: 'https://x.example/', html: englishPage(2) })}\n${JSON.stringify({ text: 'short body text for a page' })}\n`);
  const warc = Buffer.concat([warcinfoRecord(), requestRecord('https://x.example/'), responseRecord({ uri: 'https://x.example/', body: englishPage(3) })]);
  const base = fc.constantFrom<Uint8Array>(page, jsonl, warc, gzipSync(jsonl), gzipSync(warc));
  const mutated = fc.tuple(base, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.option(fc.nat())).map(([b, edits, cut]) => {
    const out = Buffer.from(b);
    for (const [at, v] of edits) out[at % out.length] = v;
    return cut === null ? out : out.subarray(0, cut % (out.length + 1));
  });
  return fc.oneof(fc.uint8Array({ maxLength: 2048 }), mutated, fc.string({ unit: 'binary', maxLength: 512 }).map((s) => Buffer.from(s)));
};

/** Strings that look like scraped pages: tags, entities, scripts of several languages, odd whitespace. */
const pageLike = (): fc.Arbitrary<string> => {
  const piece = fc.oneof(
    fc.constantFrom('<p>', '</p>', '<div class="related">', '</div>', '<h1>', '</h1>', '<h2>', '<article>', '</article>', '<script>var a=1<2;</script>', '<br>', '<a href="/x">', '</a>', '&amp;', '&nbsp;', '\n\n', '\u200f', 'اعلان', 'اقرأ أيضا', 'By Jane Doe', '2025-06-20', '١٢ يونيو ٢٠٢٥', 'Read more', '»', '|'),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom('The council approved the plan after a long debate. ', 'قالت الحكومة إن المشروع الجديد سيبدأ في الربيع. ', '市政府宣布了新的计划。'),
  );
  return fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));
};

/** Words of several scripts, for prose the core has never seen: sentences of 4–18 of them. */
const WORDS = {
  en: 'the council said water river bridge town people would after before during new old first year week report plan budget school road farmers prices market rain summer winter minister court police hospital'.split(' '),
  fr: 'le conseil a dit que la ville les travaux une nouvelle école pendant après avant année semaine prix marché pluie été hiver ministre tribunal police hôpital rivière pont'.split(' '),
  ar: 'قال المجلس إن المياه النهر الجسر المدينة الناس بعد قبل خلال جديد قديم العام الأسبوع تقرير خطة الميزانية المدرسة الطريق المزارعين الأسعار السوق المطر الصيف الشتاء الوزير المحكمة'.split(' '),
  ru: 'совет заявил что вода река мост город люди после перед новый старый год неделя доклад план бюджет школа дорога цены рынок дождь лето зима министр суд полиция'.split(' '),
  zh: '市政府 宣布 由于 夏季 持续 干旱 水库 蓄水量 降至 最低 水平 呼吁 市民 秋季 降雨 之前 用水量 减少 农民 夜间 灌溉 农田 罚款 措施 本月底'.split(' '),
} as const;
type Lang = keyof typeof WORDS;
const JOINER: Record<Lang, string> = { en: ' ', fr: ' ', ar: ' ', ru: ' ', zh: '' };
const END: Record<Lang, string> = { en: '.', fr: '.', ar: '.', ru: '.', zh: '。' };

const sentence = (lang: Lang, min = 4, max = 18) => fc.array(fc.constantFrom(...WORDS[lang]), { minLength: min, maxLength: max })
  .map((ws) => { const t = ws.join(JOINER[lang]); return `${t.charAt(0).toUpperCase()}${t.slice(1)}${END[lang]}`; });

/** A record a scraper extracted: full body, brief, hard-wrapped at 60–90 columns, or quoting markup in its prose. */
const exportRecord = (i: number) => fc.constantFrom<Lang>('en', 'fr', 'ar', 'ru', 'zh').chain((lang) => fc.record({
  title: sentence(lang, 3, 8).map((t) => t.replace(/[.。]$/u, '')),
  paragraphs: fc.array(fc.array(sentence(lang), { minLength: 1, maxLength: 5 }).map((ss) => ss.join(JOINER[lang] || '')), { minLength: 1, maxLength: 6 }),
  shape: fc.constantFrom('full', 'brief', 'wrapped', 'quotesHtml'),
  width: fc.integer({ min: 60, max: 90 }),
  field: fc.constantFrom('text', 'body', 'content', 'articleBody'),
}).map(({ title, paragraphs, shape, width, field }) => {
  let ps = shape === 'brief' ? paragraphs.slice(0, 1) : paragraphs;
  if (shape === 'quotesHtml') ps = [...ps.slice(0, 1), 'A page starts with <html><head><title>Test</title></head> and a paragraph is <p>text</p>.', ...ps.slice(1)];
  const text = shape === 'wrapped' ? ps.map((p) => hardWrap(p, width).join('\n')).join('\n\n') : ps.join('\n\n');
  const url = `https://x.example/${i}`;
  return { url, title, text, line: JSON.stringify({ url, title, published: '2025-05-06', [field]: text }) };
}));

const exportRecords = () => fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => exportRecord(i))));

/** Tokens as the record counts them: a CJK character is a word; elsewhere runs of letters and digits. */
const tokensOf = (s: string) => s.match(/\p{Script=Han}|[^\s\p{P}\p{S}\p{Script=Han}]+/gu) ?? [];
const shareCarried = (source: string, carried: string) => {
  const have = new Map<string, number>();
  for (const t of tokensOf(carried)) have.set(t, (have.get(t) ?? 0) + 1);
  const want = tokensOf(source);
  let got = 0;
  for (const t of want) { const n = have.get(t) ?? 0; if (n) { got++; have.set(t, n - 1); } }
  return want.length ? got / want.length : 1;
};

const exportBytes = (records: { line: string }[]) => Buffer.from(records.map((r) => r.line).join('\n'));
const exportUpload = (records: { line: string }[]) => extractUpload(exportBytes(records), { upload: { bucket: 'fuzz', key: 'export.jsonl' } });

export const properties = {
  'extractors: page-like text and HTML never throw; blocks are non-empty, well-formed strings': fc.property(pageLike(), (text) => {
    for (const kind of ['text', 'html'] as const) {
      for (const a of extractDocument({ kind, content: text, hints: {} })) {
        for (const b of a.blocks) if (!isWellFormed(b.text)) throw new Error(`${kind}: ill-formed block text`);
        if (!isWellFormed(a.title)) throw new Error(`${kind}: ill-formed title`);
      }
    }
    return true;
  }),
  'records: no record is ever empty, whatever the upload': fc.property(fc.oneof(seeds(), exportRecords().map(exportBytes)), (bytes) => {
    const r = core(bytes);
    for (const a of r?.articles ?? []) if (!a.text.trim() || a.wordCount === 0 || !a.title.trim()) throw new Error(`record ${a.upload.index} is empty`);
    return true;
  }),
  'JSON Lines: every record with words comes back whole (title, url, 90 % of its words) or is named in a warning': fc.property(exportRecords(), (records) => {
    const { articles, warnings } = exportUpload(records);
    records.forEach((rec, i) => {
      const own = articles.filter((a) => a.url === rec.url);
      if (!own.length) {
        // not silent: the warning names this document (position i + 1) and says why
        if (!warnings.some((w) => new RegExp(`\\b${i + 1}\\b`).test(w) && /gave no article|no article:/.test(w))) throw new Error(`record ${i} lost without a warning`);
        return;
      }
      const best = Math.max(...own.map((a) => shareCarried(rec.text, `${a.title}\n${a.text}`)));
      if (best < 0.9) throw new Error(`record ${i}: its best article carries ${(100 * best).toFixed(0)} % of its words`);
      if (own[0].title !== rec.title) throw new Error(`record ${i}: title ${JSON.stringify(own[0].title)} is not the record's ${JSON.stringify(rec.title)}`);
      if (own.some((a) => a.published !== '2025-05-06')) throw new Error(`record ${i}: an article lost the record's date`);
    });
    return true;
  }),
  'unwrapText: only line breaks change, into a space or nothing; unwrapped text is left alone': fc.property(
    exportRecords(), fc.integer({ min: 40, max: 120 }), fc.boolean(),
    (records, width, blankLines) => {
      for (const rec of records) {
        const paragraphs = rec.text.replace(/\s*\n\s*/gu, ' ').split(/(?<=[.。]) /u);
        const wrapped = paragraphs.map((p) => hardWrap(p, width).join('\n')).join(blankLines ? '\n\n' : '\n');
        const out = unwrapText(wrapped);
        if (out.replace(/\s+/gu, '') !== wrapped.replace(/\s+/gu, '')) throw new Error('unwrapText changed a character');
        if (out.split('\n').length > wrapped.split('\n').length) throw new Error('unwrapText added a line');
        const flat = paragraphs.join('\n');
        if (!/\n.*\n/u.test(wrapped) && unwrapText(flat) !== flat) throw new Error('unwrapText changed one-paragraph-a-line text');
      }
      return true;
    },
  ),
  'decodeText: any bytes → a well-formed string and a named encoding': fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
    const { text, encoding } = decodeText(bytes);
    return isWellFormed(text) && encoding.length > 0;
  }),
  'detectFormat and looksBinary never throw': fc.property(fc.string({ unit: 'binary', maxLength: 2048 }), fc.string({ maxLength: 40 }), (text, name) => {
    detectFormat(text, name);
    looksBinary(text);
    return true;
  }),
  'LineSplitter: any chunking gives the same lines': fc.property(fc.uint8Array({ maxLength: 2048 }), fc.integer({ min: 1, max: 300 }), (bytes, size) => {
    const lines = (chunk: number) => {
      const s = new LineSplitter(1 << 20);
      const out = [];
      for (let i = 0; i < bytes.length; i += chunk) out.push(...s.push(bytes.subarray(i, i + chunk)));
      return [...out, ...s.end()].map((e) => (e.kind === 'line' ? Buffer.from(e.bytes).toString('hex') : 'long'));
    };
    const a = lines(bytes.length || 1);
    return JSON.stringify(a) === JSON.stringify(lines(size));
  }),
  'WarcReader: any bytes, any chunking: never throws, same events': fc.property(seeds(), fc.integer({ min: 1, max: 500 }), (bytes, size) => {
    const read = (chunk: number) => {
      const r = new WarcReader({ keep: () => true, maxBlockBytes: 1 << 20 });
      const out = [];
      for (let i = 0; i < bytes.length; i += chunk) out.push(...r.push(bytes.subarray(i, i + chunk)));
      return JSON.stringify([...out, ...r.end()].map((e) => (e.kind === 'record' ? [e.record.ordinal, e.record.offset, e.record.block?.length] : e.error)));
    };
    return read(Math.max(1, bytes.length)) === read(size);
  }),
  'core: any bytes → records or BadInputError; titles, indexes and strings hold; ids stable': fc.property(seeds(), (bytes) => {
    const first = core(bytes);
    if (!first) return true;
    assertRecords(first.articles);
    for (const e of first.documentErrors) if (/could not be extracted/.test(e.error)) throw new Error(`an extractor threw: ${e.error}`);
    const again = core(bytes);
    return JSON.stringify(again?.articles.map((a) => a.id)) === JSON.stringify(first.articles.map((a) => a.id));
  }),
  'core: streaming and whole-buffer agree': fc.asyncProperty(seeds(), fc.integer({ min: 1, max: 4096 }), async (bytes, size) => {
    const whole = core(bytes);
    const ids: string[] = [];
    try {
      const chunks = (async function* () {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      })();
      for await (const e of extractUploadStream(chunks, { upload, limits: { maxDecompressedBytes: 8 * 1024 * 1024 } })) if (e.kind === 'articles') ids.push(...e.articles.map((a) => a.id));
    } catch (error) {
      if (!isBadInput(error)) throw error;
      return whole === null;
    }
    return whole !== null && JSON.stringify(ids) === JSON.stringify(whole.articles.map((a) => a.id));
  }),
};

/** Runs every property with `numRuns` each; throws on the first failure with fast-check's report. */
export async function checkAll(numRuns: number, log: (line: string) => void = () => {}) {
  for (const [name, property] of Object.entries(properties)) {
    const start = performance.now();
    await fc.assert(property as fc.IAsyncPropertyWithHooks<unknown[]>, { numRuns });
    log(`ok  ${name}  (${numRuns} runs, ${((performance.now() - start) / 1000).toFixed(1)} s)`);
  }
}
