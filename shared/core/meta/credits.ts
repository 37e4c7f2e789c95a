/**
 * Image credits ("Supplied", "Photo: Jane Doe", "AFP/Getty Images") told apart from a publisher, so a
 * credit line under a picture is never taken as an article's source. Data in lexicon.ts.
 */
import { CAPTION_WORDS, CREDIT_OPENER_WORDS, CREDIT_WORDS, IMAGE_CREDIT_WORDS, markerKey } from './lexicon.js';
import { lazy } from '../lazy.js';

const creditKeys = lazy((): ReadonlySet<string> => new Set(IMAGE_CREDIT_WORDS.map(markerKey)));
const openerKeys = lazy((): ReadonlySet<string> => new Set([...CAPTION_WORDS, ...CREDIT_WORDS, ...CREDIT_OPENER_WORDS].map(markerKey)));
/** Where a credit line joins its parts: "AFP/Getty Images", "Reuters via Getty", "Getty Images for X", "Photo: X". */
const PART_SEPARATOR = /\s*(?:[/|,;:：،]|\s(?:via|for|pour|para|für|per)\s)\s*/u;
const MAX_OPENER_WORDS = 5;

/** Does the value open with a caption label or a credit opener ("Image source", "Photo by", "مصدر الصورة")? */
export function opensWithCreditLabel(value: string): boolean {
  const words = markerKey(value.slice(0, 80)).replace(/[:：,،|/\-–—•·]+/gu, ' ').split(/\s+/u).filter(Boolean);
  for (let n = 1; n <= Math.min(MAX_OPENER_WORDS, words.length); n++) if (openerKeys().has(words.slice(0, n).join(' '))) return true;
  return false;
}

/** Is this source-like value an image credit (a supplier, a photo agency credit, a photographer's credit line)? */
export function isImageCredit(value: string | null | undefined): boolean {
  if (!value?.trim()) return false;
  if (opensWithCreditLabel(value)) return true;
  const key = markerKey(value);
  if (creditKeys().has(key)) return true;
  return key.split(PART_SEPARATOR).some((part) => creditKeys().has(part.trim()));
}
