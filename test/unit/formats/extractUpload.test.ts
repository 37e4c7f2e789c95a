import iconv from 'iconv-lite';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../shared/core/errors.js';
import { extractUpload, extractUploadStream, type StreamOptions, type UploadSummary } from '../../../shared/core/extractUpload.js';
import type { ArticleRecord } from '../../../shared/core/model.js';
import { EXTRACT_LIMITS } from '../../../shared/core/settings.js';
import { ARABIC_PARAGRAPHS, englishPage, gzipPerRecord, newsPage, responseRecord } from './builders.js';

const upload = { bucket: 'local', key: 'upload' };

async function* chunked(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function streamAll(bytes: Uint8Array, options: StreamOptions, chunkSize = 1000) {
  const articles: ArticleRecord[] = [];
  let summary: UploadSummary | undefined;
  let batches = 0;
  for await (const e of extractUploadStream(chunked(bytes, chunkSize), options)) {
    if (e.kind === 'articles') {
      batches++;
      articles.push(...e.articles);
    } else summary = e.summary;
  }
  return { articles, summary: summary!, batches };
}

const jsonl = (objects: unknown[]) => `${objects.map((o) => JSON.stringify(o)).join('\n')}\n`;
const page = (i: number) => ({ url: `https://news.example/${i}`, title: `Headline ${i}`, html: englishPage(i), date: '2025-06-20' });

const JA = '東京都は月曜日、新しい公共交通計画を発表した。最初のバスは来春から運行を始める予定で、住民からは騒音や駐車場についての懸念も出ている。';
const ZH = '市政府星期二宣布了新的公共交通计划。第一批公交车将于明年春天开始运行，居民们对噪音和停车问题表示担忧。';
const FR = 'Le conseil municipal a approuvé mardi le nouveau plan de transport après un débat animé. Les premières lignes ouvriront au printemps, très attendues.';

describe('extractUploadStream', () => {
  it('gives the same records and ids as extractUpload, in batches, for JSONL and WARC.gz', async () => {
    const inputs = [
      Buffer.from(jsonl([0, 1, 2, 3, 4].map(page))),
      gzipSync(jsonl([0, 1, 2].map(page))),
      gzipPerRecord([0, 1, 2, 3].map((i) => responseRecord({ uri: `https://news.example/${i}`, body: englishPage(i) }))),
    ];
    for (const bytes of inputs) {
      const whole = extractUpload(bytes, { upload });
      for (const chunkSize of [1, 333, 1 << 20]) {
        const streamed = await streamAll(bytes, { upload, batchSize: 2 }, chunkSize);
        expect(streamed.articles).toEqual(whole.articles);
        expect(streamed.summary).toMatchObject({ format: whole.format, documents: whole.documents, articles: whole.articles.length });
        expect(streamed.batches).toBe(Math.ceil(whole.articles.length / 2));
      }
    }
  });

  it('fails bad input with the same reasons as extractUpload', async () => {
    const bad: Uint8Array[] = [new Uint8Array(), gzipSync(Buffer.alloc(5000, 'a')).subarray(0, 30), Buffer.from([0, 1, 2, 3, 0, 0])];
    for (const bytes of bad) {
      let reason = '';
      try {
        extractUpload(bytes, { upload });
      } catch (e) {
        reason = (e as Error).message;
      }
      await expect(streamAll(bytes, { upload })).rejects.toThrow(BadInputError);
      await expect(streamAll(bytes, { upload })).rejects.toThrow(reason.replace(/at byte \d+/, '').split(':')[0]);
    }
  });

  it('lets errors of the source (network, S3) through unchanged, so the pipeline retries them', async () => {
    for (const bytes of [Buffer.from(jsonl([0, 1].map(page))), gzipSync(jsonl([0, 1].map(page)))]) {
      const failing = (async function* () {
        yield bytes.subarray(0, 100);
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      })();
      const run = async () => {
        for await (const _ of extractUploadStream(failing, { upload })) void _;
      };
      const error = await run().catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(BadInputError);
      expect(error).toMatchObject({ code: 'ECONNRESET' });
    }
  });

  it('stops reading at the document limit', async () => {
    const { summary } = await streamAll(Buffer.from(jsonl([0, 1, 2, 3].map(page))), { upload, limits: { maxDocuments: 2 } });
    expect(summary.documents).toBe(2);
    expect(summary.documentErrors.at(-1)?.error).toMatch(/more than 2 documents/);
  });

  it('continues ids from firstIndex (a piece of a split upload)', async () => {
    const { articles } = await streamAll(Buffer.from(jsonl([0, 1].map(page))), { upload, firstIndex: 10 });
    expect(articles.map((a) => a.upload.index)).toEqual([10, 11]);
  });
});

describe('JSON Lines', () => {
  it('reads many pages, fails a malformed line alone, and counts it', () => {
    const text = [JSON.stringify(page(0)), '{"url": "https://x.example/broken", "html": "<p>unterminated', '', JSON.stringify({ url: 'no content here' }), JSON.stringify(page(1))].join('\n');
    const result = extractUpload(Buffer.from(text), { upload: { bucket: 'b', key: 'export.json' } });
    expect(result.format).toBe('jsonl');
    expect(result.articles.map((a) => a.url)).toEqual(['https://news.example/0', 'https://news.example/1']);
    expect(result.documentErrors).toEqual([
      { position: 2, error: expect.stringMatching(/^line 2 is not valid JSON/) },
      { position: 4, error: 'line 4 holds no page: no object with an html, text, body or content field' },
    ]);
  });

  // CMS and feed exports put the body in a text-named field as an HTML fragment; a programming article's
  // text quotes markup in its prose. The first is read as its paragraphs, the second keeps every character.
  it.each([
    ['English', ['The museum reopened on Thursday after a renovation that took three years.', 'Visitors queued from early morning.', 'Entry is free until Sunday & the café is open.']],
    ['Arabic', ARABIC_PARAGRAPHS.slice(0, 3)],
  ])('reads a %s body written as an HTML fragment in a text field as its paragraphs, and keeps prose that quotes markup as it is', (_, paragraphs) => {
    // Prepare
    const escape = (t: string) => t.replace(/&/gu, '&amp;');
    const fragment = `<p>${escape(paragraphs[0])}</p>\n<h2>${escape(paragraphs[1])}</h2>\n<p>${paragraphs.slice(2).map(escape).join('<br>')}</p>`;
    const quoting = `Write ${'<p>'} to open a paragraph and ${'</p>'} to close it: ${paragraphs.join(' ')}`;
    const records = [
      { url: 'https://news.example/fragment', title: 'Fragment', content: fragment },
      { url: 'https://news.example/quoting', title: 'Quoting', text: quoting },
    ];
    // Act
    const result = extractUpload(Buffer.from(jsonl(records)), { upload });
    // Assess
    const [fromFragment, fromQuoting] = result.articles;
    expect(fromFragment.text).not.toMatch(/[<>]|&amp;/u);
    expect(fromFragment.text.replace(/\s+/gu, ' ')).toBe(paragraphs.join(' '));
    expect(fromFragment.contentField).toBe('content');
    expect(fromQuoting.text).toBe(quoting);
  });

  // Crawlers that turn pages into Markdown write the page's fields in an object beside it.
  it('reads a Markdown record without its syntax, its title and address from the metadata beside it', () => {
    // Prepare
    const markdown = [
      '* [Home](https://news.example/)', '* [World](https://news.example/world)', '* [Sport](https://news.example/sport)',
      '# Rail strike halts trains across the north', 'By [Tom Hale](https://news.example/authors/tom) | June 12, 2025',
      'Train services across the north were **suspended** on Thursday as drivers walked out in a dispute over pay and hours that has lasted for more than a year.',
      'The operator said fewer than one in ten services would run, and [urged passengers](https://news.example/advice) to travel only if their journey was essential.',
      '© 2025 [City News](https://news.example/)',
    ].join('\n\n');
    const record = { markdown, metadata: { title: 'Rail strike halts trains across the north | City News', sourceURL: 'https://news.example/strike', language: 'en' } };
    // Act
    const [a] = extractUpload(Buffer.from(JSON.stringify(record)), { upload }).articles;
    // Assess
    expect(a).toMatchObject({ url: 'https://news.example/strike', authors: ['Tom Hale'], published: '2025-06-12', contentField: 'markdown' });
    expect(a.paragraphs).toEqual([
      'Train services across the north were suspended on Thursday as drivers walked out in a dispute over pay and hours that has lasted for more than a year.',
      'The operator said fewer than one in ten services would run, and urged passengers to travel only if their journey was essential.',
    ]);
    expect(a.title).not.toMatch(/[#[\]()*]/u);
  });

  it('reads lines longer than the detection window (real pages are 100 KB+)', () => {
    const long = { url: 'https://x.example/long', title: 'A long page', text: `${'Words of a very long article body. '.repeat(4000)}` };
    const result = extractUpload(Buffer.from(jsonl([long, long])), { upload });
    expect(result).toMatchObject({ format: 'jsonl', documents: 2 });
  });

  it('fails an upload where every line is malformed', () => {
    expect(() => extractUpload(Buffer.from('{"a": \n{"b": \n'), { upload })).toThrow(/no document in the upload could be read: line 1 is not valid JSON.*\(and 1 more\)/);
  });

  it('keeps each line\'s own encoding, and reuses a legacy one for later lines', () => {
    const lines = [
      Buffer.from(JSON.stringify({ url: 'https://x.example/en', title: 'English', text: 'A plain English line of text that is long enough to be the body of a short article here.' })),
      iconv.encode(JSON.stringify({ url: 'https://x.example/ar', title: 'خبر', text: ARABIC_PARAGRAPHS.join('\n\n') }), 'windows-1256'),
      iconv.encode(JSON.stringify({ url: 'https://x.example/ar2', title: 'خبر آخر', text: ARABIC_PARAGRAPHS.slice(1).join('\n\n') }), 'windows-1256'),
    ];
    const result = extractUpload(Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])), { upload });
    expect(result.articles.map((a) => [a.url, a.encoding])).toEqual([
      ['https://x.example/en', 'utf-8'], ['https://x.example/ar', 'windows-1256'], ['https://x.example/ar2', 'windows-1256'],
    ]);
    expect(result.articles[1].text).toContain('الربيع المقبل');
  });

  it('reads UTF-16 JSON Lines with a byte order mark', () => {
    const text = jsonl([{ url: 'https://x.example/1', title: 'Un', text: FR }, { url: 'https://x.example/2', title: 'Deux', text: FR }]);
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const result = extractUpload(bytes, { upload });
    expect(result).toMatchObject({ format: 'jsonl', encoding: 'utf-16le' });
    expect(result.articles.map((a) => a.encoding)).toEqual(['utf-16le', 'utf-16le']);
  });
});

describe('encodings, whole-page uploads', () => {
  const cases: [string, string, string, string?][] = [
    ['windows-1256', ARABIC_PARAGRAPHS.join(' '), 'ar'],
    ['iso-8859-6', 'قالت الحكومة إن المشروع الجديد للنقل العام سيبدأ في الربيع المقبل', 'ar'],
    ['windows-1252', FR, 'fr'],
    ['shift_jis', JA, 'ja'],
    ['gb18030', ZH, 'zh'],
  ];
  it.each(cases)('%s, declared in a meta tag', (charset, text) => {
    const html = newsPage('T', [text, text], { charset });
    const result = extractUpload(iconv.encode(html, charset), { upload });
    expect(result.encoding).toBe(charset);
    expect(result.articles[0].encoding).toBe(charset);
    expect(result.articles[0].text).toContain(text.slice(0, 20));
  });

  it.each(cases)('%s, undeclared plain text (detected)', (charset, text) => {
    const result = extractUpload(iconv.encode(`${text}\n\n${text} ${text}\n`, charset), { upload });
    expect(result.encoding).toBe(charset);
  });

  it('reads UTF-16 (LE and BE) and UTF-8 with byte order marks', () => {
    const html = newsPage('عنوان', ARABIC_PARAGRAPHS, { lang: 'ar' });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(html, 'utf16le').swap16()]);
    const u8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html)]);
    expect([le, be, u8].map((b) => extractUpload(b, { upload })).map((r) => [r.format, r.encoding, r.articles.length])).toEqual([
      ['html', 'utf-16le', 1], ['html', 'utf-16be', 1], ['html', 'utf-8', 1],
    ]);
  });

  it('Arabic UTF-8 with a few stray bytes: read as UTF-8, PROCESSED with the replacement said in documentErrors', () => {
    const html = Buffer.from(newsPage('عنوان الخبر', ARABIC_PARAGRAPHS, { lang: 'ar' }).replace('<meta charset="utf-8">', ''));
    const at = html.indexOf('</h1>') + 5;
    const damaged = Buffer.concat([html.subarray(0, at), Buffer.from([0xc7, 0x20, 0xe4]), html.subarray(at)]);
    const result = extractUpload(damaged, { upload });
    expect(result.encoding).toBe('utf-8');
    expect(result.articles[0].title).toBe('عنوان الخبر');
    expect(result.articles[0].text).toContain(ARABIC_PARAGRAPHS[0].slice(0, 30));
    expect(result.documentErrors).toEqual([{ position: 1, error: expect.stringMatching(/^document 1: 2 invalid UTF-8 bytes replaced/) }]);
  });

  it('short windows-1256 and windows-1251 pages with a lang and no charset are read in that language\'s charset', () => {
    for (const [title, text, lang, charset] of [['خبر عاجل', 'تم الإعلان عن خطة جديدة للنقل', 'ar', 'windows-1256'], ['Новый план', 'Новый план транспорта утвердили', 'ru', 'windows-1251']] as const) {
      const html = `<html lang="${lang}"><head><title>${title}</title></head><body><nav>Home World Sport News About Contact</nav><article><h1>${title}</h1><p>${text}</p></article></body></html>`;
      const result = extractUpload(iconv.encode(html, charset), { upload });
      expect(result.encoding).toBe(charset);
      expect(result.articles[0].title).toBe(title);
      expect(result.documentErrors).toEqual([]);
    }
  });

  it('UTF-16 without a byte order mark: a page and JSON Lines are read, not refused as binary', () => {
    const html = newsPage('عنوان', ARABIC_PARAGRAPHS, { lang: 'ar' });
    for (const bytes of [Buffer.from(html, 'utf16le'), Buffer.from(html, 'utf16le').swap16()]) {
      expect(extractUpload(bytes, { upload }).articles[0].title).toBe('عنوان');
    }
    const lines = jsonl([{ url: 'https://x.example/1', title: 'Un', text: FR }, { url: 'https://x.example/2', title: 'Deux', text: FR }]);
    const result = extractUpload(Buffer.from(lines, 'utf16le'), { upload });
    expect(result).toMatchObject({ format: 'jsonl', encoding: 'utf-16le' });
    expect(result.articles.map((a) => a.title)).toEqual(['Un', 'Deux']);
  });

  it('declared XML encoding is honoured', () => {
    const xml = `<?xml version="1.0" encoding="windows-1256"?>\n${newsPage('عنوان', ARABIC_PARAGRAPHS, { lang: 'ar' }).replace(/<meta charset="utf-8">/, '')}`;
    expect(extractUpload(iconv.encode(xml, 'windows-1256'), { upload }).encoding).toBe('windows-1256');
  });
});

describe('bad input: every failure is a BadInputError a person can act on', () => {
  const bomb = gzipSync(Buffer.alloc(3 * 1024 * 1024, ' '));
  const cases: [string, Uint8Array, RegExp, object?][] = [
    ['empty', new Uint8Array(), /the upload is empty \(0 bytes\)/],
    ['whitespace only', Buffer.from('  \n\t\n '), /only whitespace/],
    ['empty gzip', gzipSync(Buffer.alloc(0)), /empty after decompression/],
    ['binary', Buffer.from([0, 159, 146, 150, 0, 1, 2, 3]), /^not a recognised scrape format: binary data$/],
    ['a ZIP archive', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3]), /binary data \(a ZIP archive/],
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1]), /binary data \(a PNG image\)/],
    ['truncated gzip', gzipSync(Buffer.from(englishPage(1))).subarray(0, 400), /^gzip stream truncated at byte 400/],
    ['gzip bomb', bomb, /^decompressed size exceeds the 1 MiB limit$/, { maxDecompressedBytes: 1024 * 1024 }],
    ['gzip followed by garbage', Buffer.concat([gzipSync('hello'), Buffer.from('not gzip at all')]), /gzip data is corrupt/],
    ['malformed JSON', Buffer.from('[{"url": "a", "html": "<p>x</p>"'), /^the upload is not valid JSON/],
    ['JSON without pages', Buffer.from('[{"id": 1}, {"id": 2}]'), /^the JSON holds no page/],
    ['a page over the one-document limit', Buffer.from(`<html><body>${'<p>words</p>'.repeat(2000)}</body></html>`), /over 10000 bytes of one text or HTML document, the limit for one document/, { maxDocumentBytes: 10_000 }],
  ];
  it.each(cases)('%s', (_name, bytes, reason, limits) => {
    let error: unknown;
    try {
      extractUpload(bytes, { upload, limits: limits as never });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as Error).message).toMatch(reason);
  });

  describe('one document within the per-document bound', () => {
    const MiB = 1024 * 1024;
    const over = EXTRACT_LIMITS.maxDocumentBytes + MiB;

    it('a small .gz of a text larger than one document fails while streaming, with the reason, before extraction', async () => {
      const text = Buffer.alloc(over, 'The council met on Tuesday. ');
      const gz = gzipSync(text, { level: 1 });
      expect(gz.length).toBeLessThan(over / 50);
      await expect(streamAll(gz, { upload: { bucket: 'b', key: 'dump.txt.gz' } }, 64 * 1024))
        .rejects.toThrow(/^the upload is over 32 MiB of one text or HTML document, the limit for one document/);
    });

    it('a single line of text over the bound fails with the reason (never PROCESSED with nothing)', () => {
      const line = Buffer.alloc(over, 'word ');
      expect(() => extractUpload(line, { upload: { bucket: 'b', key: 'line.txt' } })).toThrow(/over 32 MiB of one text or HTML document/);
    });

    it('a JSON Lines line over the bound is skipped with a document error, the others read', () => {
      const lines = jsonl([{ url: 'https://x.example/1', title: 'Un', text: FR }, { url: 'https://x.example/2', title: 'Big', text: 'mot '.repeat(3000) }, { url: 'https://x.example/3', title: 'Trois', text: FR }]);
      const result = extractUpload(Buffer.from(lines), { upload, limits: { maxDocumentBytes: 10_000 } });
      expect(result.articles.map((a) => a.title)).toEqual(['Un', 'Trois']);
      expect(result.documentErrors).toEqual([{ position: 2, error: 'line 2 is 12053 bytes, over the 10000 bytes limit for one page: skipped' }]);
    });

    it('a JSON page object with an oversized field (not a line over the bound) is skipped too', () => {
      const json = JSON.stringify({ items: [{ url: 'https://x.example/1', title: 'Un', text: FR }, { url: 'https://x.example/2', title: 'Big', text: 'mot '.repeat(3000) }] });
      const result = extractUpload(Buffer.from(json), { upload, limits: { maxDocumentBytes: 10_000 } });
      expect(result.articles.map((a) => a.title)).toEqual(['Un']);
      expect(result.documentErrors).toEqual([{ position: 2, error: 'document 2 is 12000 bytes, over the 10000 bytes limit for one document: skipped' }]);
    });
  });

  it('gzip bomb streamed: fails as soon as the bound is crossed', async () => {
    await expect(streamAll(bomb, { upload, limits: { maxDecompressedBytes: 1024 * 1024 } }, 4096)).rejects.toThrow(/decompressed size exceeds the 1 MiB limit/);
  });

  it('multi-member gzip is read whole', () => {
    const two = Buffer.concat([gzipSync(JSON.stringify(page(0)) + '\n'), gzipSync(JSON.stringify(page(1)) + '\n')]);
    expect(extractUpload(two, { upload }).articles).toHaveLength(2);
  });

  it('keeps at most 100 document errors, counting the rest', async () => {
    const text = Array.from({ length: 150 }, (_, i) => `{"broken": ${i}`).join('\n') + `\n${JSON.stringify(page(0))}\n`;
    const { summary } = await streamAll(Buffer.from(text), { upload });
    expect(summary.documentErrors).toHaveLength(100);
    expect(summary.documentErrorCount).toBe(150);
  });

  it('gives every article a title', () => {
    const result = extractUpload(Buffer.from(jsonl([{ url: 'https://x.example/t', text: 'No title given here, only a body paragraph that runs long enough to count as an article body of its own.' }])), { upload });
    for (const a of result.articles) expect(a.title.trim()).not.toBe('');
  });
});
