import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DATE_FLOOR,
  DATE_LINE_MARKERS,
  findDateMarker,
  findDates,
  parseDate,
  parseDateLine,
  type DateBounds,
} from '../../../shared/core/meta/dates.js';

// A fixed "now" keeps the upper bound deterministic.
const NOW = new Date('2026-01-01T00:00:00Z');
const bounds = (extra: Partial<DateBounds> = {}): DateBounds => ({ now: NOW, ...extra });
const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2}))?$/;

/** [input, expected iso, expected text as written] */
type Case = [string, string, string];

function expectCases(cases: Case[], extra: Partial<DateBounds> = {}) {
  for (const [input, iso, text] of cases) {
    // Act
    const got = parseDate(input, bounds(extra));
    // Assess
    expect(got, input).toEqual({ iso, text });
  }
}

describe('parseDate: English', () => {
  it('reads ordinals, commas, abbreviations and a trailing zone', () => {
    // Prepare
    const cases: Case[] = [
      ['تاريخ النشر: 20th, June 2025 GMT', '2025-06-20', '20th, June 2025 GMT'],
      ['June 20, 2025', '2025-06-20', 'June 20, 2025'],
      ['By the desk | Jun 20th 2025 10:30 am', '2025-06-20', 'Jun 20th 2025 10:30 am'],
      ['Sept. 3, 2025 -- The council', '2025-09-03', 'Sept. 3, 2025'],
      ['first seen on the 1st of May 2024 here', '2024-05-01', '1st of May 2024'],
      ['november 2 2023', '2023-11-02', 'november 2 2023'],
    ];
    // Act + Assess
    expectCases(cases);
  });

  it('takes a time written before the date, with its zone, and skips the weekday', () => {
    // Prepare
    const line = 'Updated 3:15 PM EDT, Tue June 3, 2025';
    // Act
    const got = parseDate(line, bounds());
    // Assess
    expect(got).toEqual({ iso: '2025-06-03T15:15:00-04:00', text: '3:15 PM EDT, Tue June 3, 2025' });
  });

  it('gives a date-time with offset only when a zone is written', () => {
    // Prepare
    const cases: Case[] = [
      ['Posted: Jun 3, 2025 | 14:05 UTC', '2025-06-03T14:05:00Z', 'Jun 3, 2025 | 14:05 UTC'],
      ['Dec 30, 2025 11:30 pm PST', '2025-12-30T23:30:00-08:00', 'Dec 30, 2025 11:30 pm PST'],
      ['12 March 2024 08:05 GMT+3', '2024-03-12T08:05:00+03:00', '12 March 2024 08:05 GMT+3'],
      ['12 March 2024 08:05 +0530', '2024-03-12T08:05:00+05:30', '12 March 2024 08:05 +0530'],
      // No zone: the time is kept in the text, not in the ISO value.
      ['Friday, March 1, 2024 - 10:30', '2024-03-01', 'Friday, March 1, 2024 - 10:30'],
    ];
    // Act + Assess
    expectCases(cases);
  });

  it('does not take lower-case words for zones', () => {
    // Prepare
    const input = '3 mars 2024 10:30 est une date';
    // Act
    const got = parseDate(input, bounds());
    // Assess
    expect(got).toEqual({ iso: '2024-03-03', text: '3 mars 2024 10:30' });
  });
});

describe('parseDate: a weekday before the date', () => {
  it('is a word of its own, or glued after a lower-case letter where a scrape lost the space', () => {
    // Act / Assess
    expect(parseDate('By STEVEN SOLOMON JULY 29, 2016')?.text).toBe('JULY 29, 2016');
    expect(parseDate('Par Jean DIMANCHE 3 mars 2024')?.text).toBe('DIMANCHE 3 mars 2024');
    expect(parseDate('The DailyThu, 14 May 2020 17:55 UTC')?.text).toBe('Thu, 14 May 2020 17:55 UTC');
    expect(parseDate('Mon, 3 March 2025')?.text).toBe('Mon, 3 March 2025');
  });
});

describe('parseDate: structured values', () => {
  it('reads ISO 8601, RFC 2822 and HTTP dates', () => {
    // Prepare
    const cases: Case[] = [
      ['2013-08-28T14:00:00+03:00', '2013-08-28T14:00:00+03:00', '2013-08-28T14:00:00+03:00'],
      ['2022-04-09T08:41:12+0100', '2022-04-09T08:41:12+01:00', '2022-04-09T08:41:12+0100'],
      ['2016-05-12T09:03:44.512Z', '2016-05-12T09:03:44Z', '2016-05-12T09:03:44.512Z'],
      ['2018-10-02T17:25:31.918273', '2018-10-02', '2018-10-02T17:25:31.918273'],
      ['2024-06-25', '2024-06-25', '2024-06-25'],
      ['Sun, 06 Nov 1994 08:49:37 GMT', '1994-11-06T08:49:37Z', 'Sun, 06 Nov 1994 08:49:37 GMT'],
      ['Wed, 02 Oct 2002 13:00:00 -0400', '2002-10-02T13:00:00-04:00', 'Wed, 02 Oct 2002 13:00:00 -0400'],
    ];
    // Act + Assess
    expectCases(cases);
  });

  it('reads a whole-value Unix timestamp, in seconds or milliseconds', () => {
    // Prepare
    const values = ['1750000000', '1750000000000'];
    // Act
    const got = values.map((v) => parseDate(v, bounds())?.iso);
    // Assess
    expect(got).toEqual(['2025-06-15T15:06:40Z', '2025-06-15T15:06:40Z']);
    expect(parseDate('order 1750000000 shipped', bounds())).toBeNull();
  });
});

describe('parseDate: numeric forms', () => {
  it('is day-first unless impossible, and month-first for a US locale', () => {
    // Prepare
    const cases: Case[] = [
      ['20/06/2025', '2025-06-20', '20/06/2025'],
      ['20.06.2025', '2025-06-20', '20.06.2025'],
      ['5-6-2025', '2025-06-05', '5-6-2025'],
      ['3/28/2016 9:42 AM PST', '2016-03-28T09:42:00-08:00', '3/28/2016 9:42 AM PST'],
      ['2025/06/20', '2025-06-20', '2025/06/20'],
      ['2025. 6. 20.', '2025-06-20', '2025. 6. 20'],
    ];
    // Act + Assess
    expectCases(cases);
    expect(parseDate('06/05/2025', bounds())?.iso).toBe('2025-05-06');
    expect(parseDate('06/05/2025', bounds({ locale: 'en-US' }))?.iso).toBe('2025-06-05');
    expect(parseDate('06/05/2025', bounds({ locale: 'en' }))?.iso).toBe('2025-05-06');
  });

  it('does not read version numbers as dates', () => {
    // Prepare
    const input = 'upgrade to v1.2.2025 today';
    // Act
    const got = parseDate(input, bounds());
    // Assess
    expect(got).toBeNull();
  });
});

describe('parseDate: Arabic', () => {
  it('reads both month series, dual forms and spelling variants', () => {
    // Prepare
    const cases: Case[] = [
      ['الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00', '2013-08-28', 'الأربعاء، 28 آب/اغسطس 2013'],
      ['بدأت في 13 يونيو/ حزيران 2025 بحسب', '2025-06-13', '13 يونيو/ حزيران 2025'],
      ['ذكرت الوكالة في 13 حزيران/يونيو 2025', '2025-06-13', '13 حزيران/يونيو 2025'],
      ['الموافق 5 كانون الثاني 2025', '2025-01-05', '5 كانون الثاني 2025'],
      ['5 كانون  الثانى 2025', '2025-01-05', '5 كانون  الثانى 2025'],
      ['الاحد 3 تشرين الاول 2024', '2024-10-03', 'الاحد 3 تشرين الاول 2024'],
      ['9 تشرين ثاني 2024', '2024-11-09', '9 تشرين ثاني 2024'],
      ['1 ابريل 2024', '2024-04-01', '1 ابريل 2024'],
      ['1 إبريل 2024', '2024-04-01', '1 إبريل 2024'],
      ['7 يونية 2024', '2024-06-07', '7 يونية 2024'],
      ['7 يوليه 2024', '2024-07-07', '7 يوليه 2024'],
      ['2 أيار 2023', '2023-05-02', '2 أيار 2023'],
      ['2 ايار 2023', '2023-05-02', '2 ايار 2023'],
      ['14 آذار 2022', '2022-03-14', '14 آذار 2022'],
      ['14 اذار 2022', '2022-03-14', '14 اذار 2022'],
      ['21 شباط 2021', '2021-02-21', '21 شباط 2021'],
      ['30 أيلول 2020', '2020-09-30', '30 أيلول 2020'],
      ['4 جويلية 2022', '2022-07-04', '4 جويلية 2022'],
      ['15 أوت 2022', '2022-08-15', '15 أوت 2022'],
      ['الخميس 19 حزيران 2025 | 10:45 ص', '2025-06-19', 'الخميس 19 حزيران 2025 | 10:45 ص'],
    ];
    // Act + Assess
    expectCases(cases);
  });

  it('reads Arabic-Indic and Persian digits and keeps the span as written', () => {
    // Prepare
    const cases: Case[] = [
      ['نُشر يوم ٢٨ آب/أغسطس ٢٠١٣ مساء', '2013-08-28', '٢٨ آب/أغسطس ٢٠١٣'],
      ['٢٠٢٥/٠٦/٢٠', '2025-06-20', '٢٠٢٥/٠٦/٢٠'],
      ['۲۰ ژوئن ۲۰۲۵', '2025-06-20', '۲۰ ژوئن ۲۰۲۵'],
    ];
    // Act + Assess
    expectCases(cases);
  });

  it('reads ص/م and Arabic zone names', () => {
    // Prepare
    const cases: Case[] = [
      ['20 يونيو 2025 10:30 م بتوقيت غرينتش', '2025-06-20T22:30:00Z', '20 يونيو 2025 10:30 م بتوقيت غرينتش'],
      ['20 يونيو 2025 09:15 ص بتوقيت مكة المكرمة', '2025-06-20T09:15:00+03:00', '20 يونيو 2025 09:15 ص بتوقيت مكة المكرمة'],
    ];
    // Act + Assess
    expectCases(cases);
  });

  it('rejects a dual form whose two names disagree, and dates without a year', () => {
    // Prepare
    const inputs = ['5 حزيران/يوليو 2025', 'منذ 17 حزيران/يونيو الماضي'];
    // Act
    const got = inputs.map((i) => parseDate(i, bounds()));
    // Assess
    expect(got).toEqual([null, null]);
  });
});

describe('parseDate: other languages', () => {
  it('reads month names from data tables', () => {
    // Prepare
    const cases: Case[] = [
      ['vendredi 20 juin 2025 à 10h30', '2025-06-20', 'vendredi 20 juin 2025 à 10h30'],
      ['Mis à jour le 3 févr. 2025', '2025-02-03', '3 févr. 2025'],
      ['le 1er mai 2024', '2024-05-01', '1er mai 2024'],
      ['Publicado el 20 de junio de 2025', '2025-06-20', '20 de junio de 2025'],
      ['Publicado em 4 de março de 2024 às 10h30', '2024-03-04', '4 de março de 2024 às 10h30'],
      ['Veröffentlicht am 3. März 2025, 10:30 Uhr', '2025-03-03', '3. März 2025, 10:30'],
      ['Pubblicato il 20 giugno 2025 alle 10:30', '2025-06-20', '20 giugno 2025 alle 10:30'],
      ['Gepubliceerd op 7 mei 2024', '2024-05-07', '7 mei 2024'],
      ['20 Haziran 2025', '2025-06-20', '20 Haziran 2025'],
      ['5 Ağustos 2024', '2024-08-05', '5 Ağustos 2024'],
      ['Опубликовано: 20 июня 2025 года в 10:30 MSK', '2025-06-20T10:30:00+03:00', '20 июня 2025 года в 10:30 MSK'],
      ['3 березня 2024', '2024-03-03', '3 березня 2024'],
      ['20 czerwca 2025', '2025-06-20', '20 czerwca 2025'],
      ['1. listopadu 2021', '2021-11-01', '1. listopadu 2021'],
      ['20 Ιουνίου 2025', '2025-06-20', '20 Ιουνίου 2025'],
      ['12 augusti 2024', '2024-08-12', '12 augusti 2024'],
      ['2025. június 20.', '2025-06-20', '2025. június 20'],
    ];
    // Act + Assess
    expectCases(cases);
  });

  it('reads Chinese, Japanese and Korean dates', () => {
    // Prepare
    const cases: Case[] = [
      ['发布时间：2025年6月20日 10:30', '2025-06-20', '2025年6月20日 10:30'],
      ['公開日：2025年６月２０日', '2025-06-20', '2025年６月２０日'],
      ['입력 2025년 6월 20일', '2025-06-20', '2025년 6월 20일'],
      ['입력 2025.06.20 10:30', '2025-06-20', '2025.06.20 10:30'],
    ];
    // Act + Assess
    expectCases(cases);
  });

  it('converts Solar Hijri and Thai Buddhist-era dates', () => {
    // Prepare
    const cases: Case[] = [
      ['۳۰ خرداد ۱۴۰۴', '2025-06-20', '۳۰ خرداد ۱۴۰۴'],
      ['1 فروردین 1403', '2024-03-20', '1 فروردین 1403'],
      ['10 دی 1402', '2023-12-31', '10 دی 1402'],
      ['21 ม.ค.2561 เวลา', '2018-01-21', '21 ม.ค.2561'],
      ['5 มิถุนายน 2568', '2025-06-05', '5 มิถุนายน 2568'],
    ];
    // Act + Assess
    expectCases(cases);
  });
});

describe('parseDate: bounds and calendar', () => {
  it('rejects impossible calendar dates', () => {
    // Prepare
    const inputs = ['30 February 2025', '2025-02-29', '31 April 2025', '2024-13-01', '0000-00-00'];
    // Act
    const got = inputs.map((i) => parseDate(i, bounds()));
    // Assess
    expect(got).toEqual([null, null, null, null, null]);
    expect(parseDate('2024-02-29', bounds())?.iso).toBe('2024-02-29');
  });

  it('rejects dates after now + 1 day and before the floor', () => {
    // Prepare
    const now = new Date('2025-06-20T12:00:00Z');
    // Act
    const tomorrow = parseDate('21 June 2025', { now });
    const later = parseDate('22 June 2025', { now });
    const old = parseDate('31 December 1989', { now });
    const floor = parseDate('1 January 1990', { now });
    const custom = parseDate('1 January 2001', { now, min: new Date('2005-01-01T00:00:00Z') });
    // Assess
    expect(tomorrow?.iso).toBe('2025-06-21');
    expect(later).toBeNull();
    expect(old).toBeNull();
    expect(floor?.iso).toBe('1990-01-01');
    expect(custom).toBeNull();
    expect(DATE_FLOOR.toISOString()).toBe('1990-01-01T00:00:00.000Z');
  });

  it('skips an out-of-bounds date and returns the next one', () => {
    // Prepare
    const line = 'Offer valid until 31 December 2099. Published 2 June 2025.';
    // Act
    const got = parseDate(line, bounds());
    // Assess
    expect(got).toEqual({ iso: '2025-06-02', text: '2 June 2025' });
  });
});

describe('findDates', () => {
  it('returns every date of a line, in order', () => {
    // Prepare
    const line = 'From 1 May 2025 to 3 June 2025, and again on 2025-07-01.';
    // Act
    const got = findDates(line, bounds());
    // Assess
    expect(got).toEqual([
      { iso: '2025-05-01', text: '1 May 2025' },
      { iso: '2025-06-03', text: '3 June 2025' },
      { iso: '2025-07-01', text: '2025-07-01' },
    ]);
  });

  it('handles empty and non-string input', () => {
    // Prepare
    const inputs: unknown[] = ['', null, undefined, 42];
    // Act
    const got = inputs.map((i) => findDates(i as string, bounds()));
    // Assess
    expect(got).toEqual([[], [], [], []]);
  });

  it('scans 1 MB in well under the time budget', () => {
    // Prepare
    const para = 'قال المتحدث منذ 11 حزيران/يونيو الماضي إن 12 شخصاً وصلوا. The fox, May it jump 12 times over 2024 dogs? Le 3 juin à 10:30, rien. ';
    const big = para.repeat(Math.ceil(1_000_000 / para.length)) + ' 20 June 2025';
    const digits = '1 '.repeat(500_000);
    // Act
    const t0 = performance.now();
    const got = findDates(big, bounds());
    findDates(digits, bounds());
    const ms = performance.now() - t0;
    // Assess
    expect(got).toEqual([{ iso: '2025-06-20', text: '20 June 2025' }]);
    expect(ms).toBeLessThan(5000);
  });
});

describe('date-line markers', () => {
  it('finds markers and tells published from updated', () => {
    // Prepare
    const lines: Array<[string, 'published' | 'updated']> = [
      ['تاريخ النشر: 20th, June 2025 GMT', 'published'],
      ['نُشر في 20 يونيو 2025', 'published'],
      ['آخر تحديث: 21 يونيو 2025', 'updated'],
      ['Last updated October 9, 2019', 'updated'],
      ['Publié le 3 juin 2025', 'published'],
      ['Aktualisiert am 3. Juni 2025', 'updated'],
      ['发布时间：2025-06-20', 'published'],
      ['Опубликовано 20 июня 2025', 'published'],
    ];
    for (const [line, kind] of lines) {
      // Act
      const got = parseDateLine(line, bounds());
      // Assess
      expect(got?.kind, line).toBe(kind);
      expect(got?.marked, line).toBe(true);
    }
  });

  it('reports an unmarked date line as published, unmarked', () => {
    // Prepare
    const line = 'الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00';
    // Act
    const got = parseDateLine(line, bounds());
    // Assess
    expect(got).toMatchObject({ iso: '2013-08-28', kind: 'published', marked: false });
  });

  it('prefers the published date when a line gives both', () => {
    // Prepare
    const lines = ['Updated June 4, 2025, first published June 3, 2025', 'نشر في 3 يونيو 2025، آخر تحديث 4 يونيو 2025'];
    // Act
    const got = lines.map((l) => parseDateLine(l, bounds()));
    // Assess
    expect(got.map((d) => [d?.iso, d?.kind])).toEqual([['2025-06-03', 'published'], ['2025-06-03', 'published']]);
    expect(parseDateLine('Last updated 4 June 2025', bounds())).toMatchObject({ iso: '2025-06-04', kind: 'updated' });
  });

  it('does not match a marker inside a longer word', () => {
    // Prepare
    const line = 'النشرة الاقتصادية';
    // Act
    const got = findDateMarker(line);
    // Assess
    expect(got).toBeNull();
  });

  it('has a kind and a language for every marker', () => {
    // Prepare + Act
    const bad = DATE_LINE_MARKERS.filter((m) => !m.text || !m.lang || !['published', 'updated'].includes(m.kind));
    // Assess
    expect(bad).toEqual([]);
  });
});

describe('parseDate: properties', () => {
  const validIso = (iso: string) => {
    if (!ISO_SHAPE.test(iso)) return false;
    const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && !Number.isNaN(Date.parse(iso));
  };

  it('never throws and returns only valid ISO strings on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const got = parseDate(s, bounds());
        return got === null || (validIso(got.iso) && s.includes(got.text));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on date-like noise', () => {
    const piece = fc.constantFrom(
      '20', '2025', '٢٠', '/', '.', '-', ' ', ',', '،', 'June', 'يونيو', 'حزيران', 'T', ':', '10:30', 'PM', 'GMT', '+03:00',
      'th', 'de', 'Tue', 'الأربعاء', '年', '月', '日', '99', '1990', '0',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const s = parts.join('');
        return findDates(s, bounds()).every((d) => validIso(d.iso) && s.includes(d.text));
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips generated dates in several written forms', () => {
    const EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    const LEVANT = ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'];
    const EG = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
    const toArabicDigits = (n: number) => String(n).replace(/\d/g, (d) => String.fromCharCode(0x660 + Number(d)));
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }), fc.nat(4), (date, form) => {
        const y = date.getUTCFullYear(), m = date.getUTCMonth() + 1, d = date.getUTCDate();
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const written = [
          `${EN[m - 1]} ${d}, ${y}`,
          `${d} ${LEVANT[m - 1]}/${EG[m - 1]} ${y}`,
          `${toArabicDigits(d)} ${EG[m - 1]} ${toArabicDigits(y)}`,
          `${y}年${m}月${d}日`,
          iso,
        ][form];
        return parseDate(`... ${written} ...`, bounds())?.iso === iso;
      }),
      { numRuns: 1000 },
    );
  });
});
