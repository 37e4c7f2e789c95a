/**
 * Stored text is well-formed Unicode that cannot reorder its neighbours: lone surrogates (some decoders
 * emit them) become U+FFFD, and bidirectional embeddings, overrides and isolates are stripped from
 * single-line fields (a title "Eve \u202enimda" must not show as "Eve admin") and closed at the end of
 * each block of body text, so they stay data but end where their block ends.
 */

/** Explicit directional formatting characters that open a scope: LRE RLE LRO RLO (closed by PDF), LRI RLI FSI (closed by PDI). */
const OPENS_EMBEDDING = new Set([0x202a, 0x202b, 0x202d, 0x202e]);
const OPENS_ISOLATE = new Set([0x2066, 0x2067, 0x2068]);
const PDF = 0x202c;
const PDI = 0x2069;
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

const wellFormed = (s: string): string =>
  (s as unknown as { isWellFormed(): boolean }).isWellFormed() ? s : (s as unknown as { toWellFormed(): string }).toWellFormed();

/** A single-line field (title, author, tag): well-formed, with no bidirectional controls at all. */
export const safeLine = (s: string): string => wellFormed(s).replace(BIDI_CONTROLS, '');

/** A block of body text: well-formed, every open embedding/override/isolate closed at its end (UAX #9 scoping). */
export function safeBlock(s: string): string {
  const text = wellFormed(s);
  if (!/[\u202a-\u202e\u2066-\u2069]/.test(text)) return text;
  const open: number[] = [];
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (OPENS_EMBEDDING.has(c) || OPENS_ISOLATE.has(c)) open.push(c);
    else if (c === PDF) {
      // A PDF closes only an embedding opened after the last open isolate; a stray one is dropped.
      if (!open.length || OPENS_ISOLATE.has(open[open.length - 1])) continue;
      open.pop();
    } else if (c === PDI) {
      const at = open.findLastIndex((o) => OPENS_ISOLATE.has(o));
      if (at < 0) continue;
      open.length = at; // a PDI also closes every embedding inside its isolate
    }
    out += ch;
  }
  for (let i = open.length - 1; i >= 0; i--) out += String.fromCharCode(OPENS_ISOLATE.has(open[i]) ? PDI : PDF);
  return out;
}
