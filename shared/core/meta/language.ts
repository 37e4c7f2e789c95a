/**
 * Language and direction from the text itself.
 *
 * Two stages, both table-driven and dependency-free (a few KB in the Lambda bundle, ~1 ms per article):
 * 1. Script: count letters per Unicode script in a sample; a script used by one language decides
 *    (Hangul → ko, Thai → th, Greek → el …). Han with kana → ja, Han alone → zh.
 * 2. Within a shared script, tell languages apart by what is cheap and reliable:
 *    - Arabic script: letters only some orthographies have (Persian پ چ ژ گ ی ک, Urdu ٹ ڈ ڑ ں ے …)
 *      plus frequent function words.
 *    - Cyrillic: letters (Ukrainian і ї є ґ, Russian ы э ъ ё, Serbian ђ ћ џ …).
 *    - Latin: share of tokens that are each language's most frequent function words, each word weighted
 *      by 1 / (number of languages listing it), plus a small bonus for letters a language owns (ñ, ß, ł …).
 * `declared` (html lang, metadata) is a prior: it wins when the text is too short or too close to call
 * between it and the best guess, and loses when the text's script rules it out.
 *
 * franc-min was considered: it covers more languages but is ~170 KB bundled and confuses short news
 * texts across close Latin languages without a prior; this table stays small and can be audited.
 */
import { lazy } from '../lazy.js';

const RTL_LANGS = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'ckb', 'sd', 'ug', 'dv']);

/** Characters examined at most: enough for a stable guess, bounded cost on 1 MB uploads. */
const SAMPLE_CHARS = 8000;
/** Below this many weighted letters a text cannot outvote a declared language. */
const MIN_LETTERS = 24;
/** Latin: a best score below this (weighted stopword share) is no evidence. */
const MIN_LATIN_SCORE = 0.06;
/** Latin: the declared language wins when its score is at least this share of the best. */
const PRIOR_SHARE = 0.75;

// ---------------------------------------------------------------------------------------------------
// Data tables
// ---------------------------------------------------------------------------------------------------

/** Scripts written by (practically) one language in news text. */
const SCRIPT_LANG: Array<[string, string]> = [
  ['Hangul', 'ko'], ['Thai', 'th'], ['Myanmar', 'my'], ['Greek', 'el'], ['Hebrew', 'he'], ['Devanagari', 'hi'],
  ['Bengali', 'bn'], ['Tamil', 'ta'], ['Telugu', 'te'], ['Kannada', 'kn'], ['Malayalam', 'ml'], ['Gujarati', 'gu'],
  ['Gurmukhi', 'pa'], ['Georgian', 'ka'], ['Armenian', 'hy'], ['Ethiopic', 'am'], ['Khmer', 'km'], ['Lao', 'lo'],
  ['Sinhala', 'si'], ['Tibetan', 'bo'], ['Thaana', 'dv'],
];
/** Scripts shared by several languages, resolved in stage 2. Han and kana are counted together as CJK. */
const SHARED_SCRIPTS = ['Latin', 'Arabic', 'Cyrillic', 'Han', 'Hiragana', 'Katakana'];

/** The script a declared language is written in, to rule out a wrong declaration. Latin otherwise. */
const LANG_SCRIPT: Record<string, string> = {
  ar: 'Arabic', fa: 'Arabic', ur: 'Arabic', ps: 'Arabic', ckb: 'Arabic', sd: 'Arabic', ug: 'Arabic', ku: 'Arabic',
  ru: 'Cyrillic', uk: 'Cyrillic', bg: 'Cyrillic', sr: 'Cyrillic', mk: 'Cyrillic', be: 'Cyrillic', kk: 'Cyrillic', ky: 'Cyrillic', mn: 'Cyrillic', tg: 'Cyrillic',
  zh: 'CJK', ja: 'CJK', yi: 'Hebrew', mr: 'Devanagari', ne: 'Devanagari',
  ...Object.fromEntries(SCRIPT_LANG.map(([script, lang]) => [lang, script])),
};

/** Deprecated or alternative primary subtags → the ones the record uses. */
const LANG_ALIASES: Record<string, string> = { iw: 'he', in: 'id', ji: 'yi', jw: 'jv', nb: 'no', nn: 'no', per: 'fa', ara: 'ar', eng: 'en' };

/**
 * The most frequent function words per Latin-script language (space-separated, lower case).
 * Short on purpose: frequency, not coverage, carries the signal.
 */
const LATIN_STOPWORDS: Record<string, string> = {
  en: 'the of and to in is that for it was on with as he be by at this have from or an they which you are not but had his were has been their we will would there said who its more after than about she can what when also into her our these so all one if do how just only like some up out no my your them then over any because could should did does t s',
  fr: 'le la les de des du et est un une en dans que qui pour pas sur au aux ce cette il elle ils sont avec par plus ont été mais ou son sa ses leur nous vous se ne comme être aussi fait selon où très déjà après était avait l d qu n s j c lui sans entre',
  es: 'el la los las de del y a dos en que es un una por con para se no su sus al lo como más pero fue ha han este esta son entre sobre también sin hasta desde cuando ya muy porque donde está ser hay dijo según le les ni o tiene todo',
  pt: 'o a os as de do da dos das e em no na nos nas que um uma para com por não se é foi ao à mais mas como seu sua pelo pela são também ser está ele ela já ainda quando muito entre sobre isso após foram tem há pelos seus suas',
  it: 'il lo la i gli le di del della dei delle e è un una che per in con non si da al alla nel nella sono anche come ma più questo questa ha hanno essere stato stata era suo sua tra fra dopo perché ancora quando molto loro cui l dell all nell un sul',
  de: 'der die das und ist nicht ein eine zu den dem des mit von sich auf für im auch es an als wie bei nach aus sie er wir werden wird wurde hat haben sind war oder aber noch nur einen einem einer dass kann vor über um zum zur durch mehr schon',
  nl: 'de het een en van is in dat op te voor met zijn niet die er aan ook als bij door om maar naar uit dan over wordt worden werd was heeft hebben nog wel geen kan deze dit zo al of wat tot zich hun meer ze we',
  sv: 'och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så kan man när år säger hade nu efter ska också eller hon bara vid alla mot under sina sin detta dessa mer blir',
  da: 'og i at det som en på er af for med til den har de ikke om et han men var jeg sig fra vi så kan man når år siger havde nu efter skal også eller hun kun ved alle mod under sine sin dette disse mere bliver blev',
  fi: 'ja on ei se että oli hän ovat myös kun mutta tai kuin mitä jo sen ole joka voi nyt vain hänen niin sitä tämä ne olla mukaan jälkeen vielä sekä kanssa vuonna ollut olisi siitä tässä',
  pl: 'i w z na się nie do to że jest o a jak po ale co od za jego tak przez jej dla czy przy tylko już był była było są może ich które który która jednak także również oraz pod tym tego został będzie bardzo gdy ten ta',
  cs: 'a je se na v ve to že s z do o k i jsou by jako pro ale od po za jeho jak tak již už který která které kteří také bylo byl byla být má mají jen při než podle jejich však tento této tím pak když nebo bude',
  sk: 'a je sa na v vo to že s z do o k i sú by ako pre ale od po za jeho tak už ktorý ktorá ktoré ktorí tiež bolo bol bola byť má majú len pri než podľa ich však tento tejto aj alebo keď bude som',
  ro: 'și în de la a cu pe că nu este din o un care pentru se au mai sau fost lui ca după acest această sunt ce sa al ale din cel cea despre până între prin fi am către',
  hu: 'a az és hogy nem is egy van meg de el ki be már csak mint még ha volt lesz után azt ez ezt pedig vagy mert kell szerint között minden sok nagyon így akkor amely aki',
  tr: 've bir bu da de için ile olarak olan çok daha gibi en ne o ama kadar sonra değil var yok her şey ben biz onun bunu şu mi mı diye ise veya göre ancak arasında tarafından olduğu oldu yeni büyük ilk iki yıl kez üzerinde karşı',
  id: 'yang dan di ke dari ini itu dengan untuk tidak dalam akan pada juga adalah oleh karena bahwa ada saat sudah telah bisa kami kita mereka lebih atau seperti tersebut namun belum hanya kata tahun sebagai para masih hingga antara bagi setelah agar',
  vi: 'và của là có được trong cho không các những với một người này đã đến khi từ để theo về cũng như ra năm tại thì sẽ đó nhiều vào sau nhưng phải làm',
  ca: 'el la els les de del dels i a en que és un una per amb no al es va són més però aquest aquesta com també seu seva ha han li hi fins sobre entre molt quan pel',
  tl: 'ang ng sa mga na at ay si ni kay para hindi ito siya ko ka nila niya kanilang rin din lamang lang po may mayroon noong dahil kung pero upang',
  sw: 'na ya wa kwa ni za la katika kuwa cha hiyo hii huo pia lakini kama wake yake baada hadi bila zaidi sana ambao ambayo ili alisema',
  la: 'et in est non ut ad cum sed quod qui quae ex de sunt esse nec aut per atque enim etiam autem ab eius hoc quam vel sit id quis ea',
};

/** Letters a few Latin languages use; a letter shared by n languages counts 1/n for each. */
const LATIN_LETTERS: Record<string, string> = {
  es: 'ñ¿¡áéíóú', pt: 'ãõçáéíóúâêô', fr: 'çœèêëîïûùàâé', it: 'àèéìòù', ca: 'çàèéíòóú·ï', de: 'ßäöü',
  sv: 'åäö', da: 'æøå', fi: 'äö', tr: 'ğışçöü', cs: 'řěůčšžýáíéúďťň', sk: 'ľĺŕôäčšžýáíéúďťň',
  pl: 'łąęśźżńóć', ro: 'ăîșțşţâ', hu: 'őűöüáéíóú',
  vi: 'đơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ',
};

/** Word endings typical of a language: evidence on short texts, where function words are few. */
const LATIN_SUFFIXES: Record<string, string> = {
  en: 'ing tion ness ly ed ould',
  fr: 'tion ment eux euse aient ait ées ée eur ais',
  es: 'ción ciones dad mente ado ada idad ndo aron',
  pt: 'ção ções dade mente ões ado ada ndo aram ão',
  it: 'zione zioni ità mente ato ata ndo ono ggio zza',
  ca: 'ció cions tat ment ats ada',
  de: 'ung ungen keit heit lich isch chen ten gen',
  nl: 'heid lijk lijke tje ijk',
  sv: 'ning ningen arna erna het lig ade',
  da: 'ning hed lig ene ede erne',
  fi: 'ssa ssä sta stä lla llä lle nen isen ksi ään ttä',
  pl: 'ość ący ych ego ami ów iej ski',
  cs: 'ost ého ých ími ům ení',
  sk: 'osť ého ých ými ám ie ov',
  ro: 'ului ilor ție ția ește ată',
  hu: 'ság ség ban ben nak nek ból ből ról ről val vel ott ett',
  tr: 'lar ler ları leri dır dir yor ması mesi',
  id: 'kan nya annya lah ikan',
  la: 'orum arum ibus tur unt',
};
/** Weight of one word ending and of one letter, relative to one function word. */
const SUFFIX_WEIGHT = 0.3;
/** Word beginnings, for languages that mark words at the front (Indonesian/Malay verb prefixes). */
const LATIN_PREFIXES: Record<string, string> = {
  id: 'meng meny mem men ber memper diper',
  tl: 'nag mag pag nakaka',
};
const LETTER_WEIGHT = 0.5;

/** Arabic-script function words (Arabic letters ي ك; Persian ی ک are folded to them before lookup). */
const ARABIC_STOPWORDS: Record<string, string> = {
  ar: 'في من على إلى الى أن ان التي الذي عن مع هذا هذه كان قد لا ما و أو او بين بعد وفي ومن كما حيث إن انه أنه لم لن ذلك تلك هو هي عند منذ خلال حتى',
  fa: 'و در به از که این را با است برای آن یک خود تا شد بر هم نیز اما می شده بود کرد یا های ها شود دارد وی پس اگر',
  ur: 'کے کی میں ہے اور سے کو نے کا پر یہ ہیں تھا تھی وہ بھی کہ گیا کر ایک لیے ہو گا نہیں جو',
  ps: 'د او په چې له دا هم سره یې ته کې دی وو شوې شوی لپاره',
};

/** Letters that only some Arabic-script orthographies use, with the languages they point to. */
const ARABIC_LETTERS: Array<[string, string[], number]> = [
  ['پچژگ', ['fa', 'ur', 'ps', 'ckb'], 1],
  ['ٹڈڑںےۓ', ['ur'], 3],
  ['ټډړښږځڅۍ', ['ps'], 3],
  ['ەۆێڵڕ', ['ckb'], 3],
  ['ۇۈۋې', ['ug'], 3],
  ['ڄڃٺٽڀڦڻ', ['sd'], 3],
  ['ة', ['ar'], 1],
];

/** Cyrillic letters → language, checked in order; the first with a clear share wins, else ru. */
const CYRILLIC_LETTERS: Array<[string, string]> = [
  ['ђћџ', 'sr'], ['ѓќѕ', 'mk'], ['әғқңұһ', 'kk'], ['ў', 'be'], ['іїєґ', 'uk'],
];

// ---------------------------------------------------------------------------------------------------
// Compiled once, on first use (not at module load)
// ---------------------------------------------------------------------------------------------------

/** The scripts counted, in the order their counts are listed (ties go to the first). */
const SCRIPT_NAMES = [...SHARED_SCRIPTS, ...SCRIPT_LANG.map(([s]) => s)];
const wordRe = lazy(() => /\p{L}[\p{L}\p{M}]*/gu);

/** Word → languages listing it, for the 1 / (languages) weight. */
function invert(table: Record<string, string>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [lang, words] of Object.entries(table)) {
    for (const w of new Set(words.split(/\s+/).filter(Boolean))) map.set(w, [...(map.get(w) ?? []), lang]);
  }
  return map;
}
/** FNV-1a over code units, one step (the stretch tables' hash, computed as a text is scanned). */
const FNV_OFFSET = 0x811c9dc5;
const fnv = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);

/**
 * Strings of a table looked up by a stretch of a text and its hash, without cutting the stretch out of the text
 * (open addressing, linear probing): on a sample's every word that saves a string and a Map lookup.
 */
class StretchTable {
  private readonly slots: Int32Array;
  private readonly keys: string[];
  private readonly values: string[][];

  constructor(index: Map<string, string[]>) {
    this.keys = [...index.keys()];
    this.values = [...index.values()];
    this.slots = new Int32Array(2 ** Math.ceil(Math.log2(this.keys.length * 2 + 2))).fill(-1);
    this.keys.forEach((key, k) => {
      let h = FNV_OFFSET;
      for (let i = 0; i < key.length; i++) h = fnv(h, key.charCodeAt(i));
      let at = this.slotOf(h);
      while (this.slots[at] >= 0) at = (at + 1) & (this.slots.length - 1);
      this.slots[at] = k;
    });
  }

  private slotOf(h: number): number {
    return (h ^ (h >>> 16)) & (this.slots.length - 1);
  }

  /** The value of `text.slice(from, to)`, whose fnv hash is `h`; undefined when it is no key. */
  get(text: string, from: number, to: number, h: number): string[] | undefined {
    for (let at = this.slotOf(h); ; at = (at + 1) & (this.slots.length - 1)) {
      const k = this.slots[at]!;
      if (k < 0) return undefined;
      const key = this.keys[k]!;
      if (key.length === to - from && text.startsWith(key, from)) return this.values[k];
    }
  }
}

const latinIndexes = lazy(() => ({
  LATIN_TABLE: new StretchTable(invert(LATIN_STOPWORDS)),
  SUFFIX_TABLE: new StretchTable(invert(LATIN_SUFFIXES)),
  PREFIX_TABLE: new StretchTable(invert(LATIN_PREFIXES)),
  /** Letter (one code point) → languages. */
  LETTER_INDEX: new Map([...invert(Object.fromEntries(Object.entries(LATIN_LETTERS).map(([l, letters]) => [l, [...letters].join(' ')])))]
    .map(([letter, langs]) => [letter.codePointAt(0)!, langs])),
  /** Whether any letter listed is ASCII: when none is, the letter count skips ASCII characters without a lookup. */
  ASCII_LETTERS: Object.values(LATIN_LETTERS).some((letters) => /[\x00-\x7f]/.test(letters)),
}));

/**
 * Characters as `wordRe()` reads them: 1 a letter (\p{L}), 2 a mark (\p{M}), 3 neither. BMP code units are
 * classified on first sight (0: not yet; a lone surrogate is neither, as with the `u` flag), others by the patterns.
 */
let bmpClasses: Uint8Array | undefined;
const letterOnly = lazy(() => /^\p{L}$/u);
const markOnly = lazy(() => /^\p{M}$/u);
const classOfChar = (ch: string) => (letterOnly().test(ch) ? 1 : markOnly().test(ch) ? 2 : 3);
const astralClasses = new Map<number, number>();
function classAt(text: string, i: number, c: number): number {
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
    const cp = text.codePointAt(i)!;
    let k = astralClasses.get(cp);
    if (k === undefined) {
      k = classOfChar(String.fromCodePoint(cp));
      if (astralClasses.size < SCRIPT_CACHE_MAX) astralClasses.set(cp, k);
    }
    return k;
  }
  const table = (bmpClasses ??= new Uint8Array(0x10000));
  let k = table[c]!;
  if (k === 0) table[c] = k = classOfChar(String.fromCharCode(c));
  return k;
}
/** Whether a word starting with this (non-ASCII) code point is Latin, as `latinStart()` tells; cached (bounded). */
const latinStarts = new Map<number, boolean>();
function startsLatin(cp: number): boolean {
  let latin = latinStarts.get(cp);
  if (latin === undefined) {
    latin = latinStart().test(String.fromCodePoint(cp));
    if (latinStarts.size < SCRIPT_CACHE_MAX) latinStarts.set(cp, latin);
  }
  return latin;
}
/** Built once, not per word (esbuild turns a `\p{…}` literal into a `new RegExp` call where it stands). */
const latinStart = lazy(() => /^\p{Script=Latin}/u);
/** Longest word prefix looked up (LATIN_PREFIXES); a word's prefix hashes are kept up to it as it is scanned. */
const MAX_PREFIX = 6;
const arabicStart = lazy(() => /^\p{Script=Arabic}/u);
const foldArabic = (s: string) => s.replace(/[ىی]/g, 'ي').replace(/ک/g, 'ك').replace(/[\u064B-\u065F\u0670\u0640]/g, '');
const arabicIndex = lazy(() => invert(Object.fromEntries(Object.entries(ARABIC_STOPWORDS).map(([l, w]) => [l, foldArabic(w)]))));

// ---------------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------------

/** Primary subtag of a declared tag, lower case and de-aliased; null when absent or malformed. */
export function primaryLanguage(tag: string | null | undefined): string | null {
  const m = /^\s*([a-z]{2,3})(?:[-_][\w-]*)?\s*$/i.exec(tag ?? '');
  if (!m) return null;
  const p = m[1].toLowerCase();
  return LANG_ALIASES[p] ?? p;
}

/** Up to SAMPLE_CHARS from the start and the middle, so a long navigation header cannot dominate. */
function sampleOf(text: string): string {
  if (text.length <= SAMPLE_CHARS) return text;
  const half = SAMPLE_CHARS / 2;
  const mid = Math.floor(text.length / 2);
  return `${text.slice(0, half)}\n${text.slice(mid, mid + half)}`;
}

/** Code point → index of its script in SCRIPT_NAMES (-1: none of them), filled as code points are met (bounded). */
const scriptTests = lazy(() => SCRIPT_NAMES.map((s) => new RegExp(`^\\p{Script=${s}}$`, 'u')));
const scriptIndexCache = new Map<number, number>();
const SCRIPT_CACHE_MAX = 1 << 16;
function scriptIndexOf(cp: number): number {
  let i = scriptIndexCache.get(cp);
  if (i === undefined) {
    const ch = String.fromCodePoint(cp);
    i = scriptTests().findIndex((re) => re.test(ch));
    if (scriptIndexCache.size < SCRIPT_CACHE_MAX) scriptIndexCache.set(cp, i);
  }
  return i;
}
/** ASCII letters are Latin and the other ASCII characters of no script listed; A–Z, a–z: index of Latin. */
const LATIN_INDEX_OF = SCRIPT_NAMES.indexOf('Latin');

/** Letters per script (each code point has one Script value), in one pass instead of one regex scan per script. */
function countScripts(sample: string): Map<string, number> {
  const perScript = new Array<number>(SCRIPT_NAMES.length).fill(0);
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 128) {
      if ((c | 32) >= 97 && (c | 32) <= 122) perScript[LATIN_INDEX_OF]++;
      continue;
    }
    const cp = sample.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const k = scriptIndexOf(cp);
    if (k >= 0) perScript[k]++;
  }
  const counts = new Map<string, number>();
  SCRIPT_NAMES.forEach((script, k) => { if (perScript[k]) counts.set(script, perScript[k]); });
  return counts;
}

/** The script most of the text is written in; one CJK character weighs as much as a few Latin letters. */
function dominantScript(counts: Map<string, number>): { script: string; weight: number } | null {
  const weighted = new Map<string, number>();
  for (const [script, n] of counts) {
    const key = script === 'Han' || script === 'Hiragana' || script === 'Katakana' ? 'CJK' : script;
    const w = key === 'CJK' || key === 'Hangul' ? 3 : 1;
    weighted.set(key, (weighted.get(key) ?? 0) + n * w);
  }
  let best: { script: string; weight: number } | null = null;
  for (const [script, weight] of weighted) if (!best || weight > best.weight) best = { script, weight };
  return best;
}

type Scores = Map<string, number>;

function bestOf(scores: Scores): [string, number] | null {
  let best: [string, number] | null = null;
  for (const [lang, s] of scores) if (s > 0 && (!best || s > best[1])) best = [lang, s];
  return best;
}

/**
 * Weighted share of function words per language, plus letters a language owns. The words are the matches of
 * `wordRe()` in the lower-cased sample, read in one scan (no word is cut out: see StretchTable).
 */
function latinScores(sample: string): { scores: Scores; tokens: number } {
  const { LATIN_TABLE, SUFFIX_TABLE, PREFIX_TABLE, LETTER_INDEX, ASCII_LETTERS } = latinIndexes();
  const scores: Scores = new Map();
  const add = (langs: string[] | undefined, weight: number) => {
    if (langs) for (const l of langs) scores.set(l, (scores.get(l) ?? 0) + weight / langs.length);
  };
  const lower = sample.toLowerCase();
  const length = lower.length;
  const prefixHashes = new Int32Array(MAX_PREFIX + 1);
  let tokens = 0;
  for (let i = 0; i < length;) {
    const c = lower.charCodeAt(i);
    if (classAt(lower, i, c) !== 1) {
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < length && (lower.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      continue;
    }
    // a word: a letter, then letters and marks
    const start = i;
    let h = FNV_OFFSET;
    for (;;) {
      const d = lower.charCodeAt(i);
      const k = classAt(lower, i, d);
      if (i > start && k !== 1 && k !== 2) break;
      const width = d >= 0xd800 && d <= 0xdbff && i + 1 < length && (lower.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      for (let u = 0; u < width; u++) {
        h = fnv(h, lower.charCodeAt(i + u));
        const n = i + u + 1 - start;
        if (n <= MAX_PREFIX) prefixHashes[n] = h;
      }
      i += width;
      if (i >= length) break;
    }
    const end = i;
    const len = end - start;
    // a word starts with a letter: an ASCII one is Latin
    if (c >= 128 && !startsLatin(lower.codePointAt(start)!)) continue;
    tokens++;
    add(LATIN_TABLE.get(lower, start, end, h), 1);
    for (let n = Math.min(MAX_PREFIX, len - 3); n >= 3; n--) {
      const langs = PREFIX_TABLE.get(lower, start, start + n, prefixHashes[n]!);
      if (langs) {
        add(langs, SUFFIX_WEIGHT);
        break;
      }
    }
    // One ending per word: the longest listed one that leaves a stem of three letters.
    for (let n = Math.min(5, len - 3); n >= 2; n--) {
      let t = FNV_OFFSET;
      for (let u = end - n; u < end; u++) t = fnv(t, lower.charCodeAt(u));
      const langs = SUFFIX_TABLE.get(lower, end - n, end, t);
      if (langs) {
        add(langs, SUFFIX_WEIGHT);
        break;
      }
    }
  }
  if (!tokens) return { scores, tokens };
  const letterScores: Scores = new Map();
  // character by character as `for…of` reads them (a surrogate pair is one), ASCII skipped when no listed letter is ASCII
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c < 128 && !ASCII_LETTERS) continue;
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < lower.length && (lower.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const langs = LETTER_INDEX.get(pair ? lower.codePointAt(i)! : c);
    if (pair) i++;
    if (langs) for (const l of langs) letterScores.set(l, (letterScores.get(l) ?? 0) + LETTER_WEIGHT / langs.length);
  }
  // Capped: letters break ties, words decide.
  for (const [l, v] of letterScores) scores.set(l, (scores.get(l) ?? 0) + Math.min(v, tokens * 0.15));
  for (const [lang, v] of scores) scores.set(lang, v / tokens);
  return { scores, tokens };
}

function latinLanguage(sample: string, declared: string | null): string | null {
  const { scores, tokens } = latinScores(sample);
  const best = bestOf(scores);
  if (!best || best[1] < MIN_LATIN_SCORE || tokens < 3) return declared && (LANG_SCRIPT[declared] ?? 'Latin') === 'Latin' ? declared : null;
  if (declared && (scores.get(declared) ?? 0) >= best[1] * PRIOR_SHARE) return declared;
  // A declared Latin language outside the tables (e.g. "hr", "et") is kept unless the text clearly disagrees.
  if (declared && !(declared in LATIN_STOPWORDS) && (LANG_SCRIPT[declared] ?? 'Latin') === 'Latin' && best[1] < 0.2) return declared;
  return best[0];
}

function arabicLanguage(sample: string, declared: string | null): string {
  const scores: Scores = new Map();
  const add = (l: string, v: number) => scores.set(l, (scores.get(l) ?? 0) + v);
  const words = (sample.match(wordRe()) ?? []).filter((w) => arabicStart().test(w));
  for (const raw of words) {
    const w = foldArabic(raw);
    for (const l of arabicIndex().get(w) ?? []) add(l, 1);
    if (w.startsWith('ال')) add('ar', 0.5);
    for (const [letters, langs, weight] of ARABIC_LETTERS) {
      if ([...raw].some((ch) => letters.includes(ch))) for (const l of langs) add(l, weight / langs.length);
    }
  }
  // Persian and Urdu keyboards type ی and ک; Arabic ones ي and ك. A strong, cheap signal on its own.
  const persianForms = (sample.match(/[یک]/g) ?? []).length;
  const arabicForms = (sample.match(/[يك]/g) ?? []).length;
  if (persianForms > arabicForms * 2) add('fa', words.length * 0.05);
  else if (arabicForms > persianForms * 2) add('ar', words.length * 0.05);
  const best = bestOf(scores);
  if (!best) return declared && LANG_SCRIPT[declared] === 'Arabic' ? declared : 'ar';
  if (declared && LANG_SCRIPT[declared] === 'Arabic' && (scores.get(declared) ?? 0) >= best[1] * PRIOR_SHARE) return declared;
  return best[0];
}

function cyrillicLanguage(sample: string, declared: string | null): string {
  const letters = (sample.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  const lower = sample.toLowerCase();
  const share = (set: string) => [...lower].filter((ch) => set.includes(ch)).length / Math.max(letters, 1);
  const russian = share('ыэъё');
  for (const [set, lang] of CYRILLIC_LETTERS) {
    const s = share(set);
    if (s > 0.004 && s > russian) return lang;
  }
  // Bulgarian: no ы/э at all, and ъ as a vowel inside words (Russian uses ъ rarely).
  if (russian - share('ъ') < 0.001 && share('ъ') > 0.005) return 'bg';
  if (declared && LANG_SCRIPT[declared] === 'Cyrillic' && russian < 0.004) return declared;
  return 'ru';
}

/**
 * The text's primary language (BCP 47 primary subtag), `declared` (html lang, metadata) as a prior;
 * `und` if unknown.
 */
export function detectLanguage(text: string, declared?: string | null): string {
  const prior = primaryLanguage(declared);
  const sample = sampleOf(typeof text === 'string' ? text : '');
  const counts = countScripts(sample);
  const dominant = dominantScript(counts);
  if (!dominant) return prior ?? 'und';
  const { script, weight } = dominant;
  const priorFits = prior !== null && (LANG_SCRIPT[prior] ?? 'Latin') === script;
  if (weight < MIN_LETTERS && priorFits) return prior;

  switch (script) {
    case 'CJK': {
      const kana = (counts.get('Hiragana') ?? 0) + (counts.get('Katakana') ?? 0);
      const han = counts.get('Han') ?? 0;
      if (kana > 0 && kana >= (han + kana) * 0.05) return 'ja';
      // Kanji-only headlines are common in Japanese: keep a declared ja when there is no kana to judge by.
      if (kana === 0 && prior === 'ja' && han < 40) return 'ja';
      return 'zh';
    }
    case 'Arabic':
      return arabicLanguage(sample, prior);
    case 'Cyrillic':
      return cyrillicLanguage(sample, prior);
    case 'Hebrew':
      return /[ײװױ]|פֿ/u.test(sample) ? 'yi' : 'he';
    case 'Devanagari':
      return prior === 'mr' || prior === 'ne' ? prior : 'hi';
    case 'Latin':
      return latinLanguage(sample, prior) ?? 'und';
    default: {
      const lang = SCRIPT_LANG.find(([s]) => s === script)?.[1];
      return lang ?? prior ?? 'und';
    }
  }
}

export function directionOf(lang: string): 'rtl' | 'ltr' {
  return RTL_LANGS.has((primaryLanguage(lang) ?? lang.split('-')[0]).toLowerCase()) ? 'rtl' : 'ltr';
}
