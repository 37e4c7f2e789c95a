import iconv from 'iconv-lite';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { charsetOfContentType, decodeBytes, looksBinary, normaliseCharset, withoutPartialUtf8Tail } from '../../../shared/core/decode/decodeBytes.js';
import { BadInputError } from '../../../shared/core/errors.js';

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
  it('maps the labels people write to what the decoder (Node\'s TextDecoder) decodes', () => {
    expect(['UTF8', 'x-sjis', 'GB2312', 'gbk', 'ISO-8859-1', 'cp1256', '"windows-1256"', 'nonsense', ''].map(normaliseCharset))
      .toEqual(['utf-8', 'shift_jis', 'gb18030', 'gb18030', 'windows-1252', 'windows-1256', 'windows-1256', null, null]);
  });

  it('decodes every legacy charset chardet and the language table name, as iconv-lite does, with no tables of its own', () => {
    const samples: [string, string][] = [
      ['windows-1256', 'خبر عاجل من القاهرة'], ['windows-1251', 'Новости дня'], ['koi8-r', 'Новости дня'],
      ['iso-8859-7', 'Ειδήσεις'], ['windows-1255', 'חדשות היום'], ['windows-874', 'ข่าววันนี้'],
      ['shift_jis', '今日のニュース'], ['euc-jp', '今日のニュース'],
      ['euc-kr', '오늘의 뉴스'], ['gb18030', '今天的新闻'], ['big5', '今天的新聞'], ['iso-8859-2', 'Zprávy dne'],
    ];
    for (const [charset, text] of samples) {
      const bytes = iconv.encode(text.repeat(3), charset);
      expect(decodeBytes(bytes, { declaredCharset: charset }).text, charset).toBe(text.repeat(3));
    }
  });

  it('decodes UTF-32, which TextDecoder does not know, by itself', () => {
    expect(normaliseCharset('UTF-32')).toBe('utf-32le');
    const text = '€™‚€™‚';
    for (const charset of ['utf-32le', 'utf-32be']) {
      expect(decodeBytes(iconv.encode(text, charset), { declaredCharset: charset }).text, charset).toBe(text);
    }
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

describe('charset choice', () => {
  const FRENCH = 'Le conseil municipal s’est réuni mardi pour débattre du nouveau budget, et les élus ont discuté du plan pour l’eau.';
  const CHINESE = '市议会周二召开会议讨论新的预算，议员们就供水计划、学校和道路问题争论了好几个小时。';
  const RUSSIAN = 'Городской совет собрался во вторник, чтобы обсудить новый бюджет, и депутаты спорили несколько часов.';
  /** UTF-8 bytes of `text` with a stray byte spliced in at `count` places. */
  const withStrays = (text: string, count: number, stray = 0xa0) => {
    const good = Buffer.from(text.repeat(8));
    const parts: Buffer[] = [];
    const step = Math.floor(good.length / (count + 1));
    let at = 0;
    for (let k = 1; k <= count; k++) {
      let cut = k * step;
      while ((good[cut] & 0xc0) === 0x80) cut++; // between characters
      parts.push(good.subarray(at, cut), Buffer.from([stray]));
      at = cut;
    }
    parts.push(good.subarray(at));
    return Buffer.concat(parts);
  };

  it.each([['Arabic', ARABIC], ['French', FRENCH], ['Chinese', CHINESE], ['Russian', RUSSIAN]])(
    '%s UTF-8 with a few stray bytes stays UTF-8, the strays replaced and reported', (_, text) => {
      const decoded = decodeBytes(withStrays(text, 3));
      expect(decoded.encoding).toBe('utf-8');
      expect(decoded.text.replaceAll('\ufffd', '')).toBe(text.repeat(8));
      expect(decoded.warning).toMatch(/^3 invalid UTF-8 bytes replaced by U\+FFFD/);
    });

  it('legacy single-byte and CJK text is not taken for damaged UTF-8', () => {
    const PERSIAN = 'گزارش کارشناسان نشان می‌دهد که پروژه چندین ماه پیش آغاز شده و هزینه آن کمتر از پیش‌بینی‌ها بوده است، گفتگو ادامه دارد.';
    const KOREAN = '한국어 텍스트입니다. 정부는 새로운 예산을 발표했습니다.';
    for (const [text, charset] of [[FRENCH, 'windows-1252'], [ARABIC, 'windows-1256'], [PERSIAN, 'windows-1256'], [KOREAN, 'euc-kr'], [CHINESE, 'big5'], [RUSSIAN, 'windows-1251'], [CHINESE, 'gb18030']] as const) {
      const decoded = decodeBytes(iconv.encode(text.repeat(3), charset));
      expect(decoded.encoding, charset).not.toBe('utf-8');
    }
  });

  it('trusts the language the page declares when it declares no charset (short Arabic, Persian, Russian pages chardet misreads)', () => {
    const pages = [
      ['ar', 'windows-1256', '<title>خبر</title></head><body><nav>Home World Sport News About Contact</nav><p>تم الإعلان عن خطة جديدة للنقل</p>'],
      // windows-1256 has no Persian yeh (U+06CC): pages in it write the Arabic one
      ['fa', 'windows-1256', '<title>گزارش</title></head><body><p>گزارش کارشناسان نشان مي‌دهد که پروژه</p>'],
      ['ru', 'windows-1251', '</head><body><p>Новый план транспорта</p>'],
    ] as const;
    for (const [lang, charset, inner] of pages) {
      const html = `<html lang="${lang}"><head>${inner}</body></html>`;
      const decoded = decodeBytes(iconv.encode(html, charset));
      expect(decoded.encoding, lang).toBe(charset);
      expect(decoded.text).toBe(html);
      expect(decoded.warning).toBeUndefined();
    }
  });

  it('says so when the text does not look like the language the page declares (mojibake is never silent)', () => {
    const html = `<html lang="ar"><body><p>${FRENCH} ${FRENCH}</p></body></html>`;
    const decoded = decodeBytes(iconv.encode(html, 'windows-1252'));
    expect(decoded.warning).toMatch(/letters are in the script of the language the page declares/);
  });

  it('recognises UTF-16 without a byte order mark, both byte orders (English and Arabic markup)', () => {
    for (const text of [`<html><body><p>${FRENCH}</p></body></html>`, `<html lang="ar" dir="rtl"><body><p>${ARABIC}</p></body></html>`]) {
      const le = Buffer.from(text, 'utf16le');
      expect(decodeBytes(le)).toMatchObject({ text, encoding: 'utf-16le' });
      expect(decodeBytes(Buffer.from(le).swap16())).toMatchObject({ text, encoding: 'utf-16be' });
    }
  });
});
