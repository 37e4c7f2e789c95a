/**
 * Language and direction from the text itself.
 * (Placeholder: script-based only; the statistical detector replaces it.)
 */
const RTL_LANGS = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'ckb', 'sd', 'ug', 'dv']);

/** The text's primary language (BCP 47 primary subtag), `declared` (html lang, metadata) as a prior; `und` if unknown. */
export function detectLanguage(text: string, declared?: string | null): string {
  const arabic = (text.match(/\p{Script=Arabic}/gu) || []).length;
  const latin = (text.match(/\p{Script=Latin}/gu) || []).length;
  if (arabic > latin) return 'ar';
  return latin > 0 ? (declared ?? 'en') : (declared ?? 'und');
}

export function directionOf(lang: string): 'rtl' | 'ltr' {
  return RTL_LANGS.has(lang.split('-')[0].toLowerCase()) ? 'rtl' : 'ltr';
}
