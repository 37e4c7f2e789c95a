/**
 * What a page's declared language says about its bytes when it declares no charset: the legacy charsets
 * pages in that language were written in, and the script its letters belong to. Data only; decodeBytes.ts
 * uses it to choose between chardet's guess and the language's own charset, and to say when decoded text
 * does not look like the language it claims (mojibake).
 */
export interface LanguageCharsets {
  /** Legacy charsets of the language, the most common first (what is used when chardet guesses another). */
  charsets: readonly string[];
  /** Letters of the language's script (a regex character class body, `u` flag). */
  letters: string;
}

const ARABIC = { charsets: ['windows-1256', 'iso-8859-6'], letters: '\\p{Script=Arabic}' };
const HEBREW = { charsets: ['windows-1255', 'iso-8859-8'], letters: '\\p{Script=Hebrew}' };
const CYRILLIC = { charsets: ['windows-1251', 'koi8-r', 'koi8-u', 'iso-8859-5'], letters: '\\p{Script=Cyrillic}' };
const GREEK = { charsets: ['windows-1253', 'iso-8859-7'], letters: '\\p{Script=Greek}' };
const THAI = { charsets: ['windows-874', 'tis-620', 'iso-8859-11'], letters: '\\p{Script=Thai}' };
const JAPANESE = { charsets: ['shift_jis', 'euc-jp', 'iso-2022-jp'], letters: '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}' };
const CHINESE = { charsets: ['gb18030', 'big5'], letters: '\\p{Script=Han}' };
const KOREAN = { charsets: ['euc-kr'], letters: '\\p{Script=Hangul}\\p{Script=Han}' };

/** Primary language subtag → its charsets and script (languages written in Latin script need no entry: windows-1252 is the fallback). */
export const LANGUAGE_CHARSETS: Readonly<Record<string, LanguageCharsets>> = {
  ar: ARABIC, fa: ARABIC, ur: ARABIC, ps: ARABIC, ku: ARABIC,
  he: HEBREW, iw: HEBREW, yi: HEBREW,
  ru: CYRILLIC, uk: CYRILLIC, be: CYRILLIC, bg: CYRILLIC, sr: CYRILLIC, mk: CYRILLIC, kk: CYRILLIC,
  el: GREEK,
  th: THAI,
  ja: JAPANESE,
  zh: CHINESE,
  ko: KOREAN,
};
