/**
 * The vocabulary dates are written in: month names per language and calendar, weekday names, the words
 * between a date and its time, and time-zone names with their offsets. Plain data; the patterns built from
 * it live in datePatterns.ts and are made on first use, so loading this module costs only the literals.
 */

export type Calendar = 'gregorian' | 'jalali' | 'thai';

/**
 * Month names per language, 1..12, each slot listing the spellings seen in the wild: full names,
 * genitive forms (ru, uk, pl, cs, el, fi), abbreviations. A trailing `.` makes the dot mandatory for
 * abbreviations that are also common words ("out." = outubro, never "out").
 * Arabic spellings are written once: hamza/alef, ى/ي, ة/ه, ک/ك and diacritics are folded by the matcher.
 */
export const MONTHS: Record<string, { cal?: Calendar; names: string[][] }> = {
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
  // Hebrew writes "in June" as one word (ביוני): the prefixed spelling is listed with the bare one.
  he: { names: [
    ['ינואר', 'בינואר'], ['פברואר', 'בפברואר'], ['מרץ', 'במרץ', 'מרס', 'במרס'], ['אפריל', 'באפריל'], ['מאי', 'במאי'], ['יוני', 'ביוני'],
    ['יולי', 'ביולי'], ['אוגוסט', 'באוגוסט'], ['ספטמבר', 'בספטמבר'], ['אוקטובר', 'באוקטובר'], ['נובמבר', 'בנובמבר'], ['דצמבר', 'בדצמבר'],
  ] },
  // Thai, Buddhist era (2568 = 2025) converted when the year is written that way.
  th: { cal: 'thai', names: [
    ['มกราคม', 'ม.ค.'], ['กุมภาพันธ์', 'ก.พ.'], ['มีนาคม', 'มี.ค.'], ['เมษายน', 'เม.ย.'], ['พฤษภาคม', 'พ.ค.'], ['มิถุนายน', 'มิ.ย.'],
    ['กรกฎาคม', 'ก.ค.'], ['สิงหาคม', 'ส.ค.'], ['กันยายน', 'ก.ย.'], ['ตุลาคม', 'ต.ค.'], ['พฤศจิกายน', 'พ.ย.'], ['ธันวาคม', 'ธ.ค.'],
  ] },
};

/** Weekday names, only to widen a match's span ("Tue June 3, 2025"); never needed to parse. */
export const WEEKDAYS: string[] = [
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
export const TIME_CONNECTORS = ['at', 'um', 'à', 'a las', 'a la', 'alle', 'ore', 'às', 'om', 'saat', 'в', 'kl.', 'klo', 'الساعة', 'ساعة', 'في', 'ساعت'];

/** Zone abbreviations → offset minutes. Matched in upper case only ("est" is French for "is"). */
export const ZONES: Record<string, number> = {
  Z: 0, UT: 0, UTC: 0, GMT: 0, WET: 0, BST: 60, CET: 60, CEST: 120, MEZ: 60, MESZ: 120, EET: 120, EEST: 180,
  MSK: 180, TRT: 180, AST: 180, IRST: 210, GST: 240, PKT: 300, IST: 330, ICT: 420, WIB: 420, SGT: 480,
  HKT: 480, CST: -360, JST: 540, KST: 540, AEST: 600, AEDT: 660,
  EST: -300, EDT: -240, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
};
// AST is read as Arabia Standard Time (+03): on Arabic news it is that, not Atlantic.
// CST is read as US Central: China Standard Time pages write Beijing time in Chinese.

/** Zones written in Arabic ("بتوقيت غرينتش", "ت.غ", "بتوقيت مكة") → offset minutes. */
export const ARABIC_ZONES: Array<[string, number]> = [
  ['غرينتش', 0], ['غرينيتش', 0], ['جرينتش', 0], ['جرينيتش', 0], ['غرينيش', 0],
  ['مكة المكرمة', 180], ['مكة', 180], ['السعودية', 180], ['الرياض', 180], ['الدوحة', 180], ['الكويت', 180], ['بغداد', 180],
  ['الإمارات', 240], ['أبوظبي', 240], ['أبو ظبي', 240], ['دبي', 240],
];
