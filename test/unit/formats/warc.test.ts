import iconv from 'iconv-lite';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractUpload, extractUploadStream } from '../../../shared/core/extractUpload.js';
import { BadInputError } from '../../../shared/core/errors.js';
import { dechunk, documentFromWarcRecord, parseHttpResponse, WarcReader, type WarcEvent } from '../../../shared/core/format/warc.js';
import { ARABIC_PARAGRAPHS, englishPage, gzipPerRecord, metadataRecord, newsPage, requestRecord, responseRecord, warcinfoRecord, warcRecord } from './builders.js';

const upload = { bucket: 'local', key: 'crawl.warc.gz' };

/** A crawl as wget/Browsertrix write it: warcinfo, then request/response/metadata per page. */
function crawl(pages: number): Buffer[] {
  const records = [warcinfoRecord()];
  for (let i = 0; i < pages; i++) {
    const uri = `https://news.example/story/${i}`;
    records.push(requestRecord(uri), responseRecord({ uri, body: englishPage(i) }), metadataRecord(uri));
  }
  return records;
}

function readAll(bytes: Uint8Array, chunkSize: number): WarcEvent[] {
  const reader = new WarcReader({ keep: (t) => t === 'response' || t === 'resource', maxBlockBytes: 1 << 20 });
  const events: WarcEvent[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) events.push(...reader.push(bytes.subarray(i, i + chunkSize)));
  return [...events, ...reader.end()];
}

describe('WarcReader', () => {
  it('reads the same records whatever the chunk size (1 byte to whole file)', () => {
    // Prepare
    const warc = Buffer.concat(crawl(3));
    const summary = (events: WarcEvent[]) => events.map((e) => (e.kind === 'record' ? `${e.record.ordinal}:${e.record.type}@${e.record.offset}:${e.record.block?.length ?? '-'}` : e.error));
    // Act
    const whole = summary(readAll(warc, warc.length));
    // Assess
    expect(whole).toHaveLength(10);
    expect(whole[0]).toMatch(/^1:warcinfo@0:-$/);
    for (const size of [1, 7, 100, 4096]) expect(summary(readAll(warc, size))).toEqual(whole);
  });

  it('reports a record cut short and a header cut short, with their byte offsets', () => {
    const warc = Buffer.concat(crawl(1));
    const cutInBlock = readAll(warc.subarray(0, warc.length - 300), 512).filter((e) => e.kind === 'error');
    expect(cutInBlock).toHaveLength(1);
    expect(cutInBlock[0]).toMatchObject({ error: expect.stringMatching(/WARC record 3 \(response, at byte \d+\) is truncated: its Content-Length is \d+ bytes but the file ends after \d+/) });
    const headerStart = warc.indexOf('WARC/1.1', 10);
    const cutInHeader = readAll(warc.subarray(0, headerStart + 30), 512).filter((e) => e.kind === 'error');
    expect(cutInHeader[0]).toMatchObject({ error: expect.stringMatching(/WARC record 2 \(at byte \d+\) is truncated inside its header/) });
  });

  it('skips a damaged record and picks up at the next WARC/ line', () => {
    const good = responseRecord({ uri: 'https://news.example/ok', body: englishPage(1) });
    const damaged = Buffer.from('WARC/1.1\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\ngarbage garbage\r\n\r\n');
    const events = readAll(Buffer.concat([damaged, good]), 64);
    expect(events.filter((e) => e.kind === 'error').map((e) => e.kind === 'error' && e.error)).toEqual([expect.stringMatching(/has no valid Content-Length/)]);
    expect(events.filter((e) => e.kind === 'record')).toHaveLength(1);
  });
});

describe('WARC records → documents', () => {
  it('parses HTTP status and headers, undoes chunked transfer and gzip content encoding', () => {
    const body = gzipSync(newsPage('Compressed page', ['A paragraph long enough to count as the body of a news article about compression.']));
    const chunked = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
    const record = responseRecord({ uri: 'https://news.example/gz', body: chunked, extraHttpHeaders: ['Transfer-Encoding: chunked', 'Content-Encoding: gzip'] });
    const [event] = readAll(record, 1 << 20);
    expect(event.kind).toBe('record');
    if (event.kind !== 'record') return;
    const http = parseHttpResponse(event.record.block!);
    expect(http?.status).toBe(200);
    expect(http?.headers.get('transfer-encoding')).toBe('chunked');
    expect(dechunk(http!.body)).toEqual(body);
    const doc = documentFromWarcRecord(event.record, { maxBytes: 1 << 20 });
    expect(doc).toMatchObject({ kind: 'document', encoding: 'utf-8', doc: { kind: 'html', hints: { url: 'https://news.example/gz' } } });
  });

  it('takes the charset from the HTTP Content-Type (windows-1256) and records it', () => {
    const html = newsPage('عنوان الخبر', ARABIC_PARAGRAPHS, { lang: 'ar', charset: 'windows-1256' }).replace('<meta charset="windows-1256">', '');
    const warc = responseRecord({ uri: 'https://ar.example/1', body: iconv.encode(html, 'windows-1256'), contentType: 'text/html; charset=windows-1256' });
    const result = extractUpload(warc, { upload });
    expect(result.articles).toHaveLength(1);
    expect(result.articles[0]).toMatchObject({ encoding: 'windows-1256', lang: 'ar', url: 'https://ar.example/1' });
    expect(result.articles[0].text).toContain('الربيع المقبل');
  });

  it('reads resource records and plain-text payloads, and skips non-2xx, revisits and images', () => {
    const records = [
      warcRecord('resource', newsPage('A stored page', ['This page was stored as a resource record by a crawler that archives files, not responses.']), {
        'WARC-Target-URI': 'file:///pages/a.html', 'Content-Type': 'text/html',
      }),
      responseRecord({ uri: 'https://news.example/plain.txt', contentType: 'text/plain; charset=utf-8', body: 'Plain text headline\n\nA plain-text page served as text/plain, with a paragraph long enough to be the body of a short news article.\n' }),
      responseRecord({ uri: 'https://news.example/moved', status: 301, body: '<html><body>Moved</body></html>' }),
      responseRecord({ uri: 'https://news.example/gone', status: 404, body: englishPage(9) }),
      responseRecord({ uri: 'https://news.example/logo.png', contentType: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]) }),
      warcRecord('revisit', 'HTTP/1.1 200 OK\r\n\r\n', { 'WARC-Target-URI': 'https://news.example/story/0', 'WARC-Profile': 'http://netpreserve.org/warc/1.1/revisit/identical-payload-digest' }),
    ];
    const result = extractUpload(gzipPerRecord(records), { upload });
    expect(result).toMatchObject({ format: 'warc', documents: 2, documentErrors: [] });
    expect(result.articles.map((a) => a.url)).toEqual(['file:///pages/a.html', 'https://news.example/plain.txt']);
  });

  it('uses WARC-Date as the fetch time, and WARC 1.0 <uri> target URIs', () => {
    const record = warcRecord('response', `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${englishPage(3)}`, {
      'WARC-Target-URI': '<https://news.example/old>', 'WARC-Date': '2014-03-01T10:00:00Z', 'Content-Type': 'application/http; msgtype=response',
    });
    const [event] = readAll(record, 1 << 20);
    if (event.kind !== 'record') throw new Error('expected a record');
    const doc = documentFromWarcRecord(event.record, { maxBytes: 1 << 20 });
    expect(doc.kind === 'document' && doc.doc.hints).toMatchObject({ url: 'https://news.example/old', fetchedAt: new Date('2014-03-01T10:00:00Z') });
  });
});

describe('extractUpload on WARC', () => {
  it('gives one article per HTML response, ids in upload order, for .warc and .warc.gz alike', () => {
    const records = crawl(4);
    const plain = extractUpload(Buffer.concat(records), { upload });
    const gz = extractUpload(gzipPerRecord(records), { upload });
    expect(plain.articles.map((a) => a.title)).toEqual([0, 1, 2, 3].map((i) => `Council approves transport plan, part ${i}`));
    expect(plain.articles.map((a) => a.upload.index)).toEqual([0, 1, 2, 3]);
    expect(gz.articles.map((a) => a.id)).toEqual(plain.articles.map((a) => a.id));
    expect(gz).toMatchObject({ format: 'warc', documents: 4, encoding: 'utf-8' });
  });

  it('fails a WARC with no usable record, saying what it found', () => {
    const onlyMeta = Buffer.concat([warcinfoRecord(), requestRecord('https://x.example/'), metadataRecord('https://x.example/')]);
    expect(() => extractUpload(onlyMeta, { upload })).toThrow(BadInputError);
    expect(() => extractUpload(onlyMeta, { upload })).toThrow(/holds no usable record.*skipped: 1 warcinfo record, 1 request record, 1 metadata record/);
  });

  it('keeps the good records of a truncated WARC and counts the cut one', () => {
    const warc = Buffer.concat(crawl(2));
    const result = extractUpload(warc.subarray(0, warc.length - 400), { upload });
    expect(result.articles).toHaveLength(1);
    expect(result.documentErrors).toEqual([{ position: 6, error: expect.stringMatching(/truncated/) }]);
  });

  describe('a truncated .warc.gz keeps its complete members and reports the cut', () => {
    const pages = (lang: 'en' | 'ar') => Array.from({ length: 4 }, (_, i) => responseRecord({
      uri: `https://news.example/${lang}/${i}`, body: lang === 'en' ? englishPage(i) : newsPage(`خبر ${i}`, ARABIC_PARAGRAPHS.map((p) => `${p} ${i}`), { lang: 'ar' }),
    }));
    const members = (lang: 'en' | 'ar') => [warcinfoRecord(), ...pages(lang)].map((r) => gzipSync(r));
    /** Cut in the middle of the 4th response's member: 3 complete responses before it. */
    const cutInFourth = (lang: 'en' | 'ar') => {
      const m = members(lang);
      const whole = Buffer.concat(m);
      const start = m.slice(0, 4).reduce((n, b) => n + b.length, 0);
      return whole.subarray(0, start + Math.floor(m[4].length / 2));
    };
    async function* chunks(bytes: Uint8Array) {
      for (let i = 0; i < bytes.length; i += 1000) yield bytes.subarray(i, i + 1000);
    }

    it.each(['en', 'ar'] as const)('%s, read whole', (lang) => {
      const result = extractUpload(cutInFourth(lang), { upload });
      expect(result.articles.map((a) => a.url)).toEqual([0, 1, 2].map((i) => `https://news.example/${lang}/${i}`));
      expect(result.documentErrors[0]).toEqual({ position: 0, error: expect.stringMatching(/^gzip stream truncated at byte \d+.*the complete records before the cut were read/) });
    });

    it.each(['en', 'ar'] as const)('%s, streamed: the same records and report', async (lang) => {
      const urls: string[] = [];
      let errors: { position: number; error: string }[] = [];
      for await (const e of extractUploadStream(chunks(cutInFourth(lang)), { upload })) {
        if (e.kind === 'articles') urls.push(...e.articles.map((a) => a.url!));
        else errors = e.summary.documentErrors;
      }
      expect(urls).toEqual([0, 1, 2].map((i) => `https://news.example/${lang}/${i}`));
      expect(errors[0]).toEqual({ position: 0, error: expect.stringMatching(/^gzip stream truncated at byte \d+/) });
    });

    it('cut inside the first member: nothing complete, FAILED with the reason', () => {
      const first = gzipSync(pages('en')[0]);
      expect(() => extractUpload(first.subarray(0, first.length - 30), { upload })).toThrow(/gzip stream truncated at byte/);
    });

    it('a truncated gzip of one HTML page still fails whole (no complete record in it)', () => {
      const gz = gzipSync(Buffer.from(englishPage(1)));
      expect(() => extractUpload(gz.subarray(0, gz.length - 30), { upload: { bucket: 'b', key: 'page.html.gz' } })).toThrow(/^gzip stream truncated at byte/);
    });
  });

  it('fails a truncated single-record WARC with the reason', () => {
    const one = responseRecord({ uri: 'https://x.example/', body: englishPage(1) });
    expect(() => extractUpload(one.subarray(0, 600), { upload })).toThrow(/first problem: WARC record 1 \(response, at byte 0\) is truncated/);
  });

  it('skips a record over the per-document limit with a reason, and reads the rest', () => {
    const big = responseRecord({ uri: 'https://x.example/big', body: `<html><body><p>${'x'.repeat(50_000)}</p></body></html>` });
    const small = responseRecord({ uri: 'https://x.example/small', body: englishPage(1) });
    const result = extractUpload(Buffer.concat([big, small]), { upload, limits: { maxDocumentBytes: 20_000 } });
    expect(result.articles.map((a) => a.url)).toEqual(['https://x.example/small']);
    expect(result.documentErrors[0].error).toMatch(/over the 20000 bytes limit for one page: skipped/);
  });

  it('reads a forced --format warc that is not a WARC as a failure, not a crash', () => {
    expect(() => extractUpload(Buffer.from(englishPage(1)), { upload, format: 'warc' })).toThrow(/holds no usable record.*do not start with a WARC\/1.x line \(they start "<!DOCTYPE html>/);
  });
});
