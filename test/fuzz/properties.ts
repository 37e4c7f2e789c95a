/**
 * Property-based checks on the decoders, the format readers and the whole core, shared by the bounded
 * unit run (test/unit/formats/properties.test.ts) and `npm run fuzz` (test/fuzz/run.ts, many more runs).
 *
 * Invariants: arbitrary bytes never throw out of the core except BadInputError; decoded text is a valid
 * string (no lone surrogates); every record has a non-empty title and an id that is the same on every
 * run; the streaming and whole-buffer cores agree.
 */
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { decodeText, looksBinary } from '../../shared/decode/decodeBytes.js';
import { isBadInput } from '../../shared/errors.js';
import { extractDocument, extractUpload, extractUploadStream } from '../../shared/extractUpload.js';
import { detectFormat } from '../../shared/format/detectFormat.js';
import { LineSplitter } from '../../shared/format/lines.js';
import { WarcReader } from '../../shared/format/warc.js';
import type { ArticleRecord, UploadExtraction } from '../../shared/model.js';
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
