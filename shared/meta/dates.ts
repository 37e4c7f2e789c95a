/**
 * Publication dates written by people, in many languages, to ISO 8601.
 *
 * One pass per date shape (ISO, numeric, CJK, "day month year", "month day year") over a copy of the
 * text whose digits are folded to ASCII (Arabic-Indic, Persian, fullwidth …; length-preserving, so match
 * offsets point into the original text). Each hit is then widened to a time and zone written right after
 * it ("20 June 2025, 10:30 GMT") or right before it ("3:15 PM EDT, Tue June 3, 2025") and to a leading
 * weekday, validated (real calendar date, inside the bounds) and returned with the span as written.
 *
 * Output choices (the contract: "`2025-06-20`, or a date-time with offset when the time is known"):
 * - date + time + zone → `2025-06-20T10:30:00+03:00` (`Z` for UTC/GMT); the local wall time is kept,
 *   never shifted to UTC, so the date part stays the one the page shows.
 * - date + time without zone → `2025-06-20` only: a date-time without offset is not an instant, and
 *   guessing the site's zone would be worse than saying less. The time stays in `text`.
 * - numeric `a/b/yyyy`: day-first unless impossible (`2/26/2015` → Feb 26), or when the locale says
 *   month-first (`DateBounds.locale` with region US, e.g. `en-US`). Plain `en` stays day-first.
 * - Unix timestamps (10 or 13 digits) only when they are the whole value (a JSON or meta field).
 * - Dates without a year ("13 June", "11月17日") are not dates here: the year would be a guess.
 * - Solar Hijri (Persian) and Thai Buddhist-era dates are converted to Gregorian.
 */

import { DATE_LINE_MARKERS, type DateMarker, type DateMarkerKind, byLength, escapeRe } from './lexicon.js';
import { lazy } from '../lazy.js';

export interface ParsedDate {
  /** `2025-06-20`, or a date-time with offset when the time is known. */
  iso: string;
  /** The date as the page wrote it. */
  text: string;
}

export interface DateBounds {
  /** Dates after this are implausible (the crawl or upload time). Default: now + 1 day. */
  now?: Date;
  /** Dates before this are implausible for news. Default: 1990-01-01. */
  min?: Date;
  /** BCP 47 tag of the page; region `US` (`en-US`) makes ambiguous `a/b/yyyy` month-first. */
  locale?: string | null;
}

/** Earliest plausible publication date when `bounds.min` is not given. */
export const DATE_FLOOR = new Date(Date.UTC(1990, 0, 1));

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------------
// Data tables
// ---------------------------------------------------------------------------------------------------

type Calendar = 'gregorian' | 'jalali' | 'thai';

/**
 * Month names per language, 1..12, each slot listing the spellings seen in the wild: full names,
 * genitive forms (ru, uk, pl, cs, el, fi), abbreviations. A trailing `.` makes the dot mandatory for
 * abbreviations that are also common words ("out." = outubro, never "out").
 * Arabic spellings are written once: hamza/alef, ى/ي, ة/ه, ک/ك and diacritics are folded by the matcher.
 */
const MONTHS: Record<string, { cal?: Calendar; names: string[][] }> = {
  en: { names: [
    ['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'], ['may'], ['june', 'jun'],
    ['july', 'jul'], ['august', 'aug'], ['september', 'sept', 'sep'], ['october', 'oct'], ['november', 'nov'], ['december', 'dec'],
  ] },
  // Transliterated (Egypt, Gulf), Maghrebi (جانفي … أوت) and Levantine/Syriac series.
  ar: { names: [
    ['يناير', 'جانفي', 'كانون الثاني', 'كانون ثاني'],
    ['فبراير', 'فيفري', 'شباط'],
    ['مارس', 'آذار'],
    ['أبريل', 'أفريل', 'نيسان'],
    ['مايو', 'ماي', 'أيار'],
    ['يونيو', 'يونيه', 'جوان', 'حزيران'],
    ['يوليو', 'يوليه', 'جويلية', 'جويلة', 'تموز'],
    ['أغسطس', 'أوت', 'آب'],
    ['سبتمبر', 'شتنبر', 'أيلول'],
    ['أكتوبر', 'أكتوبير', 'تشرين الأول', 'تشرين أول'],
    ['نوفمبر', 'نونبر', 'تشرين الثاني', 'تشرين ثاني'],
    ['ديسمبر', 'دجنبر', 'كانون الأول', 'كانون أول'],
  ] },
  // Persian spellings of the Gregorian months.
  fa: { names: [
    ['ژانویه', 'ژانویهٔ'], ['فوریه'], ['مارس'], ['آوریل'], ['مه', 'می'], ['ژوئن'],
    ['ژوئیه', 'جولای'], ['اوت', 'آگوست'], ['سپتامبر'], ['اکتبر'], ['نوامبر'], ['دسامبر'],
  ] },
  // Solar Hijri (Iran, Afghanistan), converted to Gregorian.
  faSolar: { cal: 'jalali', names: [
    ['فروردین'], ['اردیبهشت'], ['خرداد'], ['تیر'], ['مرداد', 'امرداد'], ['شهریور'],
    ['مهر'], ['آبان'], ['آذر'], ['دی'], ['بهمن'], ['اسفند'],
  ] },
  fr: { names: [
    ['janvier', 'janv.'], ['février', 'févr.', 'fév.'], ['mars'], ['avril', 'avr.'], ['mai'], ['juin'],
    ['juillet', 'juil.'], ['août'], ['septembre'], ['octobre'], ['novembre'], ['décembre', 'déc.'],
  ] },
  es: { names: [
    ['enero', 'ene.'], ['febrero'], ['marzo'], ['abril', 'abr.'], ['mayo'], ['junio'],
    ['julio'], ['agosto', 'ago.'], ['septiembre', 'setiembre'], ['octubre'], ['noviembre'], ['diciembre', 'dic.'],
  ] },
  pt: { names: [
    ['janeiro'], ['fevereiro', 'fev.'], ['março'], ['abril'], ['maio'], ['junho'],
    ['julho'], ['agosto'], ['setembro', 'set.'], ['outubro', 'out.'], ['novembro'], ['dezembro', 'dez.'],
  ] },
  it: { names: [
    ['gennaio', 'gen.'], ['febbraio'], ['marzo'], ['aprile'], ['maggio', 'mag.'], ['giugno', 'giu.'],
    ['luglio', 'lug.'], ['agosto'], ['settembre'], ['ottobre', 'ott.'], ['novembre'], ['dicembre'],
  ] },
  de: { names: [
    ['januar', 'jänner'], ['februar'], ['märz', 'mär'], ['april'], ['mai'], ['juni'],
    ['juli'], ['august'], ['september'], ['oktober', 'okt'], ['november'], ['dezember', 'dez'],
  ] },
  nl: { names: [
    ['januari'], ['februari'], ['maart', 'mrt'], ['april'], ['mei'], ['juni'],
    ['juli'], ['augustus'], ['september'], ['oktober'], ['november'], ['december'],
  ] },
  sv: { names: [
    ['januari'], ['februari'], ['mars'], ['april'], ['maj'], ['juni'],
    ['juli'], ['augusti'], ['september'], ['oktober'], ['november'], ['december'],
  ] },
  id: { names: [
    ['januari'], ['februari'], ['maret'], ['april'], ['mei'], ['juni'],
    ['juli'], ['agustus'], ['september'], ['oktober'], ['november'], ['desember'],
  ] },
  tr: { names: [
    ['ocak'], ['şubat'], ['mart'], ['nisan'], ['mayıs'], ['haziran'],
    ['temmuz'], ['ağustos'], ['eylül'], ['ekim'], ['kasım'], ['aralık'],
  ] },
  ro: { names: [
    ['ianuarie'], ['februarie'], ['martie'], ['aprilie'], ['mai'], ['iunie'],
    ['iulie'], ['august'], ['septembrie'], ['octombrie'], ['noiembrie'], ['decembrie'],
  ] },
  hu: { names: [
    ['január'], ['február'], ['március'], ['április'], ['május'], ['június'],
    ['július'], ['augusztus'], ['szeptember'], ['október'], ['november'], ['december'],
  ] },
  fi: { names: [
    ['tammikuuta'], ['helmikuuta'], ['maaliskuuta'], ['huhtikuuta'], ['toukokuuta'], ['kesäkuuta'],
    ['heinäkuuta'], ['elokuuta'], ['syyskuuta'], ['lokakuuta'], ['marraskuuta'], ['joulukuuta'],
  ] },
  // Genitive ("20 июня 2025") and nominative forms.
  ru: { names: [
    ['января', 'январь', 'янв.'], ['февраля', 'февраль', 'фев.'], ['марта', 'март'], ['апреля', 'апрель', 'апр.'],
    ['мая', 'май'], ['июня', 'июнь'], ['июля', 'июль'], ['августа', 'август', 'авг.'],
    ['сентября', 'сентябрь', 'сент.'], ['октября', 'октябрь', 'окт.'], ['ноября', 'ноябрь', 'нояб.'], ['декабря', 'декабрь', 'дек.'],
  ] },
  uk: { names: [
    ['січня', 'січень'], ['лютого', 'лютий'], ['березня', 'березень'], ['квітня', 'квітень'], ['травня', 'травень'], ['червня', 'червень'],
    ['липня', 'липень'], ['серпня', 'серпень'], ['вересня', 'вересень'], ['жовтня', 'жовтень'], ['листопада', 'листопад'], ['грудня', 'грудень'],
  ] },
  pl: { names: [
    ['stycznia'], ['lutego'], ['marca'], ['kwietnia'], ['maja'], ['czerwca'],
    ['lipca'], ['sierpnia'], ['września'], ['października'], ['listopada'], ['grudnia'],
  ] },
  cs: { names: [
    ['ledna'], ['února'], ['března'], ['dubna'], ['května'], ['června'],
    ['července'], ['srpna'], ['září'], ['října'], ['listopadu'], ['prosince'],
  ] },
  el: { names: [
    ['ιανουαρίου'], ['φεβρουαρίου'], ['μαρτίου'], ['απριλίου'], ['μαΐου'], ['ιουνίου'],
    ['ιουλίου'], ['αυγούστου'], ['σεπτεμβρίου'], ['οκτωβρίου'], ['νοεμβρίου'], ['δεκεμβρίου'],
  ] },
  // Thai, Buddhist era (2568 = 2025) converted when the year is written that way.
  th: { cal: 'thai', names: [
    ['มกราคม', 'ม.ค.'], ['กุมภาพันธ์', 'ก.พ.'], ['มีนาคม', 'มี.ค.'], ['เมษายน', 'เม.ย.'], ['พฤษภาคม', 'พ.ค.'], ['มิถุนายน', 'มิ.ย.'],
    ['กรกฎาคม', 'ก.ค.'], ['สิงหาคม', 'ส.ค.'], ['กันยายน', 'ก.ย.'], ['ตุลาคม', 'ต.ค.'], ['พฤศจิกายน', 'พ.ย.'], ['ธันวาคม', 'ธ.ค.'],
  ] },
};

/** Weekday names, only to widen a match's span ("Tue June 3, 2025"); never needed to parse. */
const WEEKDAYS: string[] = [
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'الاثنين', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد',
  'دوشنبه', 'سه‌شنبه', 'سه شنبه', 'چهارشنبه', 'پنجشنبه', 'پنج‌شنبه', 'جمعه', 'شنبه', 'یکشنبه', 'یک‌شنبه',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo',
  'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira',
  'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag',
  'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag',
  'pazartesi', 'salı', 'çarşamba', 'perşembe', 'cuma', 'cumartesi', 'pazar',
  'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье',
];

/** Words allowed between a date and the time that follows it ("à 10h30", "a las 10:30", "الساعة 14:00"). */
const TIME_CONNECTORS = ['at', 'um', 'à', 'a las', 'a la', 'alle', 'ore', 'às', 'om', 'saat', 'в', 'kl.', 'klo', 'الساعة', 'ساعة', 'في', 'ساعت'];

/** Zone abbreviations → offset minutes. Matched in upper case only ("est" is French for "is"). */
const ZONES: Record<string, number> = {
  Z: 0, UT: 0, UTC: 0, GMT: 0, WET: 0, BST: 60, CET: 60, CEST: 120, MEZ: 60, MESZ: 120, EET: 120, EEST: 180,
  MSK: 180, TRT: 180, AST: 180, IRST: 210, GST: 240, PKT: 300, IST: 330, ICT: 420, WIB: 420, SGT: 480,
  HKT: 480, CST: -360, JST: 540, KST: 540, AEST: 600, AEDT: 660,
  EST: -300, EDT: -240, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
};
// AST is read as Arabia Standard Time (+03): on Arabic news it is that, not Atlantic.
// CST is read as US Central: China Standard Time pages write Beijing time in Chinese.

/** Zones written in Arabic ("بتوقيت غرينتش", "ت.غ", "بتوقيت مكة") → offset minutes. */
const ARABIC_ZONES: Array<[string, number]> = [
  ['غرينتش', 0], ['غرينيتش', 0], ['جرينتش', 0], ['جرينيتش', 0], ['غرينيش', 0],
  ['مكة المكرمة', 180], ['مكة', 180], ['السعودية', 180], ['الرياض', 180], ['الدوحة', 180], ['الكويت', 180], ['بغداد', 180],
  ['الإمارات', 240], ['أبوظبي', 240], ['أبو ظبي', 240], ['دبي', 240],
];

export { DATE_LINE_MARKERS, type DateMarker, type DateMarkerKind } from './lexicon.js';

// ---------------------------------------------------------------------------------------------------
// Pattern building (once, at load)
// ---------------------------------------------------------------------------------------------------


/** Arabic-script letters that writers swap freely, and the marks they add or drop. */
const ARABIC_CLASS: Record<string, string> = {
  'ا': '[اأإآٱ]', 'أ': '[اأإآٱ]', 'إ': '[اأإآٱ]', 'آ': '[اأإآٱ]',
  'ي': '[يىی]', 'ى': '[يىی]', 'ی': '[يىی]', 'ه': '[هةۀە]', 'ة': '[هةۀە]', 'ك': '[كک]', 'ک': '[كک]',
};
const ARABIC_MARKS = '[\\u064B-\\u065F\\u0670\\u0640\\u06C0\\u0654]*';

/**
 * A spelling as a tolerant pattern: Arabic letter classes and optional marks, optional accents on
 * Latin letters ("fevrier" for "février"), dotless/dotted i, flexible spaces; `i` flag does case.
 */
function tolerant(word: string): string {
  return tolerantTokens(word).join('');
}

/** `tolerant`, one pattern per written character (the prefix tree's edges). */
function tolerantTokens(word: string): string[] {
  const out: string[] = [];
  for (const ch of word.normalize('NFC').toLowerCase()) {
    if (ch === ' ' || ch === '\u200c') out.push('[\\s\\u200c]*');
    else if (ARABIC_CLASS[ch]) out.push(ARABIC_CLASS[ch] + ARABIC_MARKS);
    else if (/\p{Script=Arabic}/u.test(ch)) out.push(escapeRe(ch) + ARABIC_MARKS);
    else if (ch === 'i' || ch === 'ı') out.push('[iıİI]');
    else {
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out.push(base !== ch && base.length === 1 ? `[${base}${ch}]` : escapeRe(ch));
    }
  }
  return out;
}

/** Canonical key of a written month name: no marks, case, spaces, dots or letter variants. */
function foldKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/(?![\u0e00-\u0e7f])[\p{M}\u0640\s.\u200c]/gu, '') // Thai vowel signs are letters that tell months apart
    .toLowerCase()
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/[ىی]/g, 'ي')
    .replace(/[ةۀە]/g, 'ه')
    .replace(/ک/g, 'ك')
    .replace(/ı/g, 'i')
    .replace(/ς/g, 'σ');
}

/**
 * One alternation of many words as a prefix tree ("ju(?:n(?:e|)|l(?:y|)|…)"): the regex engine then
 * tests a handful of first letters per position instead of hundreds of words, which keeps a 1 MB scan fast.
 * Longer continuations come first, so "septiembre" wins over "sept" before the boundary check.
 */
interface TrieNode { end: boolean; next: Map<string, TrieNode> }

function trieAlternation(words: string[][]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const tokens of words) {
    let node = root;
    for (const t of tokens) {
      let child = node.next.get(t);
      if (!child) node.next.set(t, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => {
    const alts = [...node.next].map(([t, child]) => t + emit(child));
    if (!alts.length) return '';
    if (node.end) alts.push('');
    return alts.length === 1 ? alts[0] : `(?:${alts.join('|')})`;
  };
  return `(?:${emit(root)})`;
}

interface MonthInfo { month: number; cal: Calendar }

/** Date shapes. Each yields year, month, day from its groups; `g` over the digit-folded text. */
interface Shape { re: RegExp; read(m: RegExpExecArray, dayFirst: boolean): Ymd | null }
interface Ymd { y: number; mo: number; d: number; cal?: Calendar }

const num = (s: string | undefined) => (s === undefined ? NaN : parseInt(s, 10));

/**
 * The month table and every pattern built from the lexicon, made on first use (not at module load: a cold
 * start that parses no date does not pay for them). One clash check runs then, as it ran at load before.
 */
const dateTables = lazy(() => {
  const MONTH_BY_KEY = new Map<string, MonthInfo>();
  const monthPatterns: string[][] = [];
  for (const [lang, { cal = 'gregorian', names }] of Object.entries(MONTHS)) {
    names.forEach((spellings, i) => {
      for (const spelling of spellings) {
        const dotRequired = spelling.endsWith('.');
        const word = dotRequired ? spelling.slice(0, -1) : spelling;
        const key = foldKey(word);
        const prev = MONTH_BY_KEY.get(key);
        // Two languages giving one spelling different months would silently misparse: fail at load.
        if (prev && (prev.month !== i + 1 || prev.cal !== cal)) throw new Error(`month table clash: ${lang} ${spelling}`);
        MONTH_BY_KEY.set(key, { month: i + 1, cal });
        monthPatterns.push([...tolerantTokens(word), ...(dotRequired ? ['\\.'] : [])]);
      }
    });
  }
  const MONTH = trieAlternation(monthPatterns);
  /** Month, optional abbreviation dot, optional second name of a dual form ("حزيران/يونيو", "يونيو/ حزيران", "آب (أغسطس)"). */
  const MONTH_GROUP = `(${MONTH})(?!\\p{L})\\.?(?:\\s{0,2}[/\\\\(–-]\\s{0,2}(${MONTH})(?!\\p{L})\\.?\\)?)?`;
  const WEEKDAY = `(?:${WEEKDAYS.map(tolerant).sort(byLength).join('|')})`;
  const ZONE_ABBR = Object.keys(ZONES).filter((z) => z !== 'Z').sort(byLength).join('|');
  const ARABIC_ZONE = `(?:ب?توقيت\\s{0,2}(${ARABIC_ZONES.map(([n]) => tolerant(n)).sort(byLength).join('|')})|(ت\\s?\\.\\s?غ\\.?))`;
  /** Zone: "GMT", "UTC+3", "GMT+03:00", "+0300", "Z", "(EDT)", "بتوقيت غرينتش". Abbreviations are checked for upper case after matching. */
  const ZONE = `(?:\\(?(${ZONE_ABBR})(?:\\s?([+-])(\\d{1,2})(?::?(\\d{2}))?)?\\)?(?![\\p{L}\\d])|([+-])(\\d{2}):?(\\d{2})(?!\\d)|(Z)(?![\\p{L}\\d])|${ARABIC_ZONE})`;
  const AMPM = `(a\\.?\\s?m\\.?|p\\.?\\s?m\\.?|صباحاً|صباحا|مساءً|مساء|ص|م)(?![\\p{L}])`;
  const TIME = `(\\d{1,2})[:h.](\\d{2})(?!\\d)(?::(\\d{2})(?:[.,]\\d{1,9})?)?`;
  const ORDINAL = '(?:st|nd|rd|th|er|re|ème|eme|e|º|ª|°)?';
  const SEP = '[\\s,،.\\-/]{0,4}';
  const YEAR_SUFFIX = '(?:\\s{0,2}(?:г\\.|года|yılı)(?!\\p{L}))?';



  function monthOf(written: string): MonthInfo | undefined {
    return MONTH_BY_KEY.get(foldKey(written.replace(/\.$/, '')));
  }

  const SHAPES: Shape[] = [
    // ISO and friends, year first: 2025-06-20, 2025/06/20, 2025.06.20, Korean 2025. 6. 20.
    {
      re: /(?<![\d.])(\d{4})(?:-(\d{1,2})-(\d{1,2})|\/(\d{1,2})\/(\d{1,2})|\.\s?(\d{1,2})\.\s?(\d{1,2}))(?!\d)/gu,
      read: (m) => ({ y: num(m[1]), mo: num(m[2] ?? m[4] ?? m[6]), d: num(m[3] ?? m[5] ?? m[7]) }),
    },
    // Numeric day/month/year or month/day/year: 20/06/2025, 20.06.2025, 2/26/2015.
    {
      re: /(?<![\p{Script=Latin}\d.:/-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d])/gu,
      read: (m, dayFirst) => {
        const a = num(m[1]), b = num(m[3]);
        const mdy = a <= 12 && b <= 12 ? !dayFirst : b > 12;
        return mdy ? { y: num(m[4]), mo: a, d: b } : { y: num(m[4]), mo: b, d: a };
      },
    },
    // Chinese, Japanese, Korean: 2025年6月20日, 2025년 6월 20일.
    {
      re: /(\d{4})\s{0,2}[年년]\s{0,2}(\d{1,2})\s{0,2}[月월]\s{0,2}(\d{1,2})\s{0,2}[日일号號]?/gu,
      read: (m) => ({ y: num(m[1]), mo: num(m[2]), d: num(m[3]) }),
    },
    // Day month year: "20 June 2025", "20th, June 2025", "20. Juni 2025", "20 de junio de 2025", "28 آب/اغسطس 2013".
    {
      re: new RegExp(
        `(?<![\\d:])(\\d{1,2})${ORDINAL}${SEP}(?:(?:de|of)\\s{1,2})?${MONTH_GROUP}${SEP}(?:(?:de|del|of|عام|سنة)\\s{1,2})?(\\d{4})(?!\\d)${YEAR_SUFFIX}`,
        'giu',
      ),
      read: (m) => ymdFromNames(num(m[4]), m[2], m[3], num(m[1])),
    },
    // Month day year: "June 20, 2025", "Jun 20th 2025", "Sept. 3, 2025".
    {
      re: new RegExp(`(?<!\\p{L})${MONTH_GROUP}\\s{0,3}(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)[\\s,،.]{1,4}(\\d{4})(?!\\d)`, 'giu'),
      read: (m) => ymdFromNames(num(m[4]), m[1], m[2], num(m[3])),
    },
    // Year month day with a dot after the year (Hungarian "2025. június 20.").
    {
      re: new RegExp(`(?<!\\d)(\\d{4})\\.\\s{0,2}${MONTH_GROUP}\\s{0,2}(\\d{1,2})(?!\\d)\\.?`, 'giu'),
      read: (m) => ymdFromNames(num(m[1]), m[2], m[3], num(m[4])),
    },
  ];

  /** Month from the first name of a (possibly dual) month group; both names must agree when two are given. */
  function ymdFromNames(y: number, first: string, second: string | undefined, d: number): Ymd | null {
    const a = monthOf(first);
    if (!a) return null;
    if (second !== undefined) {
      const b = monthOf(second);
      if (b && b.month !== a.month && a.cal === b.cal) return null;
    }
    return { y, mo: a.month, d, cal: a.cal };
  }

  const TIME_AFTER = new RegExp(
    `(?:T|[\\s,،\\-–—|@]{0,4}(?:(?:${TIME_CONNECTORS.map(tolerant).sort(byLength).join('|')})(?!\\p{L})[\\s,]{0,3}){0,2})${TIME}(?:\\s{0,2}${AMPM})?`,
    'iuy',
  );
  const ZONE_AFTER = new RegExp(`\\s{0,2}${ZONE}`, 'iuy');
  /** Time (and zone) or weekday written just before a date: "3:15 PM EDT, Tue June 3, 2025", "الأربعاء، 28 …". */
  const BEFORE = new RegExp(
    `(?:${TIME}(?:\\s{0,2}${AMPM})?(?:\\s{0,2}${ZONE})?[\\s,،\\-–—|]{0,4}(?:on\\s)?)?(?:(?:يوم\\s)?${WEEKDAY}(?!\\p{L})\\.?[\\s,،]{0,3})?$`,
    'iu',
  );
  const WEEKDAY_BEFORE = new RegExp(`(?:يوم\\s)?${WEEKDAY}(?!\\p{L})\\.?[\\s,،]{0,3}$`, 'iu');
  return { SHAPES, TIME_AFTER, ZONE_AFTER, BEFORE, WEEKDAY_BEFORE };
});

// ---------------------------------------------------------------------------------------------------
// Text normalisation
// ---------------------------------------------------------------------------------------------------

/** Zero of each decimal digit block folded to ASCII: Arabic-Indic, Persian, Devanagari, Bengali, Thai, Myanmar, fullwidth. */
const DIGIT_ZEROS = [0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0x1040, 0xff10];
const FOREIGN_DIGIT = /[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef\u0e50-\u0e59\u1040-\u1049\uff10-\uff19]/g;
/** Bidi controls and the Arabic letter mark count as spaces; fullwidth punctuation as ASCII. */
const ONE_FOR_ONE: Record<string, string> = {
  '\u200e': ' ', '\u200f': ' ', '\u061c': ' ', '\u202a': ' ', '\u202b': ' ', '\u202c': ' ', '\u202d': ' ', '\u202e': ' ',
  '\u2066': ' ', '\u2067': ' ', '\u2068': ' ', '\u2069': ' ', '\u2212': '-', '\uff1a': ':', '\uff0f': '/', '\uff0e': '.', '\u066b': '.',
};
const ONE_FOR_ONE_RE = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u2212\uff1a\uff0f\uff0e\u066b]/g;

/** Same length as the input, so offsets carry over to the original text. */
function foldDigits(text: string): string {
  return text
    .replace(FOREIGN_DIGIT, (ch) => {
      const c = ch.charCodeAt(0);
      for (const z of DIGIT_ZEROS) if (c >= z && c <= z + 9) return String(c - z);
      return ch;
    })
    .replace(ONE_FOR_ONE_RE, (ch) => ONE_FOR_ONE[ch] ?? ch);
}

// ---------------------------------------------------------------------------------------------------
// Calendars
// ---------------------------------------------------------------------------------------------------

function isValidYmd(y: number, mo: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(mo) || !Number.isInteger(d) || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** Solar Hijri → Gregorian (the arithmetic 33-year-cycle algorithm used by jalaali-js; exact for 1178–1633 SH). */
function jalaliToGregorian(jy: number, jm: number, jd: number): Ymd | null {
  if (jm < 1 || jm > 12 || jd < 1 || jd > (jm <= 6 ? 31 : 30)) return null;
  const jdn = jalaliToJdn(jy, jm, jd);
  const { y, mo, d } = jdnToGregorian(jdn);
  return { y, mo, d };
}

function jalaliToJdn(jy: number, jm: number, jd: number): number {
  const breaks = [-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178];
  const gy = jy + 621;
  let leapJ = -14;
  let jp = breaks[0];
  let jump = 0;
  for (let i = 1; i < breaks.length; i++) {
    const jm2 = breaks[i];
    jump = jm2 - jp;
    if (jy < jm2) break;
    leapJ += Math.floor(jump / 33) * 8 + Math.floor((jump % 33) / 4);
    jp = jm2;
  }
  const n = jy - jp;
  leapJ += Math.floor(n / 33) * 8 + Math.floor(((n % 33) + 3) / 4);
  if (jump % 33 === 4 && jump - n === 4) leapJ += 1;
  const leapG = Math.floor(gy / 4) - Math.floor(((Math.floor(gy / 100) + 1) * 3) / 4) - 150;
  const march = 20 + leapJ - leapG;
  return gregorianToJdn(gy, 3, march) + (jm - 1) * 31 - Math.floor(jm / 7) * (jm - 7) + jd - 1;
}

function gregorianToJdn(y: number, m: number, d: number): number {
  const a = Math.floor((14 - m) / 12);
  const yy = y + 4800 - a;
  const mm = m + 12 * a - 3;
  return d + Math.floor((153 * mm + 2) / 5) + 365 * yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) - 32045;
}

function jdnToGregorian(jdn: number): { y: number; mo: number; d: number } {
  const a = jdn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return { d: e - Math.floor((153 * m + 2) / 5) + 1, mo: m + 3 - 12 * Math.floor(m / 10), y: 100 * b + d - 4800 + Math.floor(m / 10) };
}

/** A written y/m/d in its calendar → a valid Gregorian date, or null. */
function toGregorian(ymd: Ymd): Ymd | null {
  let { y } = ymd;
  if (ymd.cal === 'jalali') return jalaliToGregorian(y, ymd.mo, ymd.d);
  if (ymd.cal === 'thai' && y > 2400) y -= 543;
  return isValidYmd(y, ymd.mo, ymd.d) ? { y, mo: ymd.mo, d: ymd.d } : null;
}

// ---------------------------------------------------------------------------------------------------
// Time and zone
// ---------------------------------------------------------------------------------------------------

interface Clock { h: number; mi: number; s: number }

/** Hour, minute, second with an optional am/pm (Latin or Arabic ص/م); null when impossible. */
function readClock(h: string, mi: string, s: string | undefined, ampm: string | undefined): Clock | null {
  let hour = num(h);
  const min = num(mi), sec = s === undefined ? 0 : num(s);
  if (min > 59 || sec > 60) return null;
  if (ampm) {
    const pm = /^[pم]/iu.test(ampm);
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return hour > 23 ? null : { h: hour, mi: min, s: Math.min(sec, 59) };
}

/**
 * Offset in minutes from the ZONE groups at `i` (abbr, sign, h, m, sign, h, m, Z, arabicName, ت.غ);
 * undefined when there is none, or when an abbreviation is not in upper case ("est", "ist").
 */
function readZone(g: Array<string | undefined>, i: number): number | undefined {
  const [abbr, s1, h1, m1, s2, h2, m2, z, arName, tg] = g.slice(i, i + 10);
  const signed = (sign: string, h: string, m: string | undefined) => (sign === '+' ? 1 : -1) * (num(h) * 60 + (m ? num(m) : 0));
  if (abbr !== undefined) {
    if (abbr !== abbr.toUpperCase()) return undefined;
    const base = ZONES[abbr];
    return s1 && h1 ? base + signed(s1, h1, m1) : base;
  }
  if (s2 && h2) return signed(s2, h2, m2);
  if (z === 'Z') return 0;
  if (arName !== undefined) return ARABIC_ZONES.find(([n]) => foldKey(n) === foldKey(arName))?.[1];
  if (tg !== undefined) return 0;
  return undefined;
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

function formatIso(ymd: Ymd, clock: Clock | null, offset: number | undefined): string {
  const date = `${pad(ymd.y, 4)}-${pad(ymd.mo)}-${pad(ymd.d)}`;
  if (!clock || offset === undefined || Math.abs(offset) > 14 * 60) return date;
  const tz = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${date}T${pad(clock.h)}:${pad(clock.mi)}:${pad(clock.s)}${tz}`;
}

// ---------------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------------

interface Hit { start: number; end: number; ymd: Ymd }

/** Candidate dates in the folded text, in order, overlaps resolved (earliest, then longest). */
function scan(folded: string, dayFirst: boolean): Hit[] {
  const hits: Hit[] = [];
  const { SHAPES } = dateTables();
  for (const shape of SHAPES) {
    shape.re.lastIndex = 0;
    for (let m = shape.re.exec(folded); m; m = shape.re.exec(folded)) {
      const ymd = shape.read(m, dayFirst);
      if (ymd) hits.push({ start: m.index, end: m.index + m[0].length, ymd });
      if (m[0].length === 0) shape.re.lastIndex++;
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const h of hits) if (!kept.length || h.start >= kept[kept.length - 1].end) kept.push(h);
  return kept;
}

function isDayFirst(locale: string | null | undefined): boolean {
  return !/^[a-z]{2,3}[-_]us\b/i.test(locale ?? '');
}

/** A trimmed span end: no trailing separators or dots that are not part of an abbreviation. */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start && (/[\s,،\-–—|/]/u.test(text[end - 1]) || (text[end - 1] === '.' && /\p{Nd}/u.test(text[end - 2] ?? '')))) end--;
  return end;
}

function withinBounds(ymd: Ymd, clock: Clock | null, offset: number | undefined, bounds: DateBounds): boolean {
  const min = (bounds.min ?? DATE_FLOOR).getTime();
  const max = (bounds.now ?? new Date()).getTime() + DAY_MS;
  const dayStart = Date.UTC(ymd.y, ymd.mo - 1, ymd.d);
  if (dayStart + DAY_MS <= min) return false;
  const instant = clock && offset !== undefined ? dayStart + ((clock.h * 60 + clock.mi) - offset) * 60_000 : dayStart;
  return instant <= max;
}

/** Whole-value Unix timestamps (seconds or milliseconds), as JSON and meta fields carry them. */
function parseTimestamp(text: string, bounds: DateBounds): ParsedDate | null {
  const t = text.trim();
  if (!/^\d{10}(?:\d{3})?$/.test(t)) return null;
  const ms = t.length === 13 ? Number(t) : Number(t) * 1000;
  const d = new Date(ms);
  const ymd = { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate() };
  const clock = { h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
  return withinBounds(ymd, clock, 0, bounds) ? { iso: formatIso(ymd, clock, 0), text: t } : null;
}

/**
 * All dates written in `text`, in order of appearance, each widened to the time, zone and weekday
 * written next to it. Dates outside the bounds or impossible on the calendar are left out.
 */
export function findDates(text: string, bounds: DateBounds = {}, limit = Infinity): ParsedDate[] {
  if (typeof text !== 'string' || !text) return [];
  const ts = parseTimestamp(text, bounds);
  if (ts) return [ts];
  const folded = foldDigits(text);
  const { TIME_AFTER, ZONE_AFTER, BEFORE, WEEKDAY_BEFORE } = dateTables();
  const out: ParsedDate[] = [];
  let prevEnd = 0;
  for (const hit of scan(folded, isDayFirst(bounds.locale))) {
    if (out.length >= limit) break;
    const ymd = toGregorian(hit.ymd);
    if (!ymd) continue;
    let { start, end } = hit;
    let clock: Clock | null = null;
    let offset: number | undefined;

    TIME_AFTER.lastIndex = end;
    const t = TIME_AFTER.exec(folded);
    if (t) {
      clock = readClock(t[1], t[2], t[3], t[4]);
      if (clock) end = t.index + t[0].length;
    }
    ZONE_AFTER.lastIndex = end;
    const z = ZONE_AFTER.exec(folded);
    if (z) {
      const zoneOffset = readZone([...z], 1);
      // A zone right after the date is part of how it was written ("20th, June 2025 GMT") even without a time.
      if (zoneOffset !== undefined && (clock || !z[8])) {
        offset = zoneOffset;
        end = z.index + z[0].length;
      }
    }
    // A leading weekday, and when no time followed, a time written before: "3:15 PM EDT, Tue June 3, 2025".
    const from = Math.max(prevEnd, start - 60);
    const b = (clock ? WEEKDAY_BEFORE : BEFORE).exec(folded.slice(from, start));
    if (b && b[0].trim()) {
      if (!clock && b[1] !== undefined) {
        clock = readClock(b[1], b[2], b[3], b[4]);
        if (clock && offset === undefined) offset = readZone([...b], 5);
      }
      start = from + b.index;
    }
    if (!withinBounds(ymd, clock, offset, bounds)) continue;
    end = trimEnd(text, start, end);
    out.push({ iso: formatIso(ymd, clock, offset), text: text.slice(start, end).trim() });
    prevEnd = end;
  }
  return out;
}

/** The first date written in `text` (a date line, a meta or JSON-LD value, a `<time datetime>`), or null. */
export function parseDate(text: string, bounds: DateBounds = {}): ParsedDate | null {
  return findDates(text, bounds, 1)[0] ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Date-line markers
// ---------------------------------------------------------------------------------------------------

/** Date-line marker patterns, made on first use. */
const markerTables = lazy(() => ({
  MARKER_RE: new RegExp(
    `(?<![\\p{L}\\p{M}])(${DATE_LINE_MARKERS.map((m) => tolerant(m.text)).sort(byLength).join('|')})(?![\\p{L}\\p{M}])`,
    'iu',
  ),
  MARKER_BY_KEY: new Map(DATE_LINE_MARKERS.map((m) => [foldKey(m.text), m])),
  CJK_MARKER_RE: new RegExp(
    `(${DATE_LINE_MARKERS.filter((m) => /[\p{Script=Han}\p{Script=Hangul}\p{Script=Katakana}\p{Script=Hiragana}]/u.test(m.text))
      .map((m) => escapeRe(m.text))
      .sort(byLength)
      .join('|')})`,
    'u',
  ),
}));

export interface MarkerHit { marker: DateMarker; index: number; length: number }

/**
 * The first date-line marker in `line` ("Published", "نُشر في", "آخر تحديث", "发布时间" …), or null.
 * CJK markers have no word boundaries, so they match inside text; callers should also want a date.
 */
export function findDateMarker(line: string): MarkerHit | null {
  const { MARKER_RE, CJK_MARKER_RE, MARKER_BY_KEY } = markerTables();
  const a = MARKER_RE.exec(line);
  const b = CJK_MARKER_RE.exec(line);
  const m = a && b ? (b.index < a.index ? b : a) : (a ?? b);
  if (!m) return null;
  const marker = MARKER_BY_KEY.get(foldKey(m[1]));
  return marker ? { marker, index: m.index, length: m[0].length } : null;
}


/**
 * The date of a date line and what kind it is: "Updated 3:15 PM EDT, Tue June 3, 2025" →
 * `{ kind: 'updated', marked: true, … }`. Each date takes the kind of the nearest marker before it
 * (`published` when there is none, `marked: false`). When a line gives both ("Published 3 June 2025,
 * updated 4 June 2025" in any order), the published one is returned.
 */
export function parseDateLine(line: string, bounds: DateBounds = {}): (ParsedDate & { kind: DateMarkerKind; marked: boolean }) | null {
  const dates = findDates(line, bounds, 4);
  if (!dates.length) return null;
  const kinds: Array<ParsedDate & { kind: DateMarkerKind; marked: boolean }> = [];
  let from = 0;
  let kind: DateMarkerKind = 'published';
  let marked = false;
  for (const date of dates) {
    const at = line.indexOf(date.text, from);
    const head = line.slice(from, at < 0 ? from : at);
    for (let rest = head, m = findDateMarker(rest); m; rest = rest.slice(m.index + m.length), m = findDateMarker(rest)) {
      kind = m.marker.kind;
      marked = true;
    }
    kinds.push({ ...date, kind, marked });
    if (at >= 0) from = at + date.text.length;
  }
  return kinds.find((d) => d.kind === 'published') ?? kinds[0];
}
