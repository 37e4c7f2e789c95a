import iconv from 'iconv-lite';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { charsetOfContentType, decodeBytes, looksBinary, normaliseCharset, withoutPartialUtf8Tail } from '../../../shared/decode/decodeBytes.js';
import { BadInputError } from '../../../shared/errors.js';

const ARABIC = 'قالت الحكومة إن المشروع الجديد سيبدأ في الربيع المقبل، وإن كلفته ستكون أقل من المتوقع.';

describe('decodeBytes', () => {
  it('reads UTF-8, and keeps valid UTF-8 even when a meta tag declares another charset', () => {
    const html = `<meta charset="windows-1256"><p>${ARABIC}</p>`;
    expect(decodeBytes(Buffer.from(html))).toMatchObject({ text: html, encoding: 'utf-8', gzipped: false });
  });

  it('honours byte order marks (UTF-8, UTF-16LE, UTF-16BE)', () => {
    expect(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('héllo')])).text).toBe('héllo');
    expect(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ARABIC, 'utf16le')]))).toMatchObject({ text: ARABIC, encoding: 'utf-16le' });
    const be = Buffer.from(ARABIC, 'utf16le').swap16();
    expect(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toMatchObject({ text: ARABIC, encoding: 'utf-16be' });
  });

  it('uses the declared charset when the bytes are not UTF-8 (windows-1256, ISO-8859-6)', () => {
    for (const charset of ['windows-1256', 'iso-8859-6']) {
      const text = charset === 'iso-8859-6' ? 'قالت الحكومة إن المشروع الجديد سيبدأ' : ARABIC;
      const bytes = iconv.encode(`<html><head><meta charset="${charset}"></head><body>${text}</body></html>`, charset);
      const decoded = decodeBytes(bytes);
      expect(decoded.encoding).toBe(charset);
      expect(decoded.text).toContain(text);
    }
  });

  it('prefers a charset the transport declared over detection', () => {
    const bytes = iconv.encode('Déjà vu à la française, évidemment.', 'windows-1252');
    expect(decodeBytes(bytes, { declaredCharset: 'ISO-8859-1' }).text).toBe('Déjà vu à la française, évidemment.');
  });

  it('detects legacy encodings with no declaration', () => {
    const text = `${ARABIC} ${ARABIC} ${ARABIC}`;
    const decoded = decodeBytes(iconv.encode(text, 'windows-1256'));
    expect(decoded.text).toBe(text);
  });

  it('decompresses gzip, multi-member gzip included', () => {
    const two = Buffer.concat([gzipSync('first part, '), gzipSync('second part')]);
    expect(decodeBytes(two)).toMatchObject({ text: 'first part, second part', gzipped: true });
  });

  it('fails with a reason a person can act on', () => {
    expect(() => decodeBytes(new Uint8Array())).toThrow(BadInputError);
    expect(() => decodeBytes(new Uint8Array())).toThrow(/empty/);
    const gz = gzipSync(Buffer.alloc(10_000, 'a'));
    expect(() => decodeBytes(gz.subarray(0, 20))).toThrow(/^gzip stream truncated at byte 20/);
    expect(() => decodeBytes(gzipSync(Buffer.alloc(2 * 1024 * 1024, 'a')), { maxDecompressedBytes: 1024 * 1024 })).toThrow(/exceeds the 1 MiB limit/);
  });
});

describe('charsets', () => {
  it('maps the labels people write to what iconv-lite decodes', () => {
    expect(['UTF8', 'x-sjis', 'GB2312', 'gbk', 'ISO-8859-1', 'cp1256', '"windows-1256"', 'nonsense', ''].map(normaliseCharset))
      .toEqual(['utf-8', 'shift_jis', 'gb18030', 'gb18030', 'windows-1252', 'windows-1256', 'windows-1256', null, null]);
  });

  it('reads the charset of a Content-Type header', () => {
    expect(charsetOfContentType('text/html; charset="windows-1256"')).toBe('windows-1256');
    expect(charsetOfContentType('text/html;charset=Shift_JIS')).toBe('Shift_JIS');
    expect(charsetOfContentType('text/html')).toBeNull();
  });

  it('drops a UTF-8 sequence cut at the end, and nothing else', () => {
    const bytes = Buffer.from('abc€');
    expect(Buffer.from(withoutPartialUtf8Tail(bytes.subarray(0, 5))).toString()).toBe('abc');
    expect(withoutPartialUtf8Tail(bytes)).toEqual(bytes);
  });
});

describe('looksBinary', () => {
  it('tells binary data from text in any script', () => {
    expect(looksBinary('\u0000\u0001PNG')).toBe(true);
    expect(looksBinary(ARABIC)).toBe(false);
    expect(looksBinary('中文新闻 русский текст English text')).toBe(false);
  });
});
