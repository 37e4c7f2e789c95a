/**
 * Entities left in metadata strings after parsing: JSON-LD lives in a script (never decoded by the
 * parser) and some CMSs encode meta content twice (`&amp;quot;` → `&quot;`). Decoded once more here, with
 * the parser's own entity table, so every string field is decoded exactly once.
 */
import { parseDocument } from 'htmlparser2';

const ENTITY = /&(?:#\d{1,7}|#x[\da-f]{1,6}|[a-z][a-z\d]{1,31});/i;

/** `s` with its character references decoded; strings without one come back unchanged (and fast). */
export function decodeLeftoverEntities(s: string): string {
  if (!ENTITY.test(s)) return s;
  // markup characters escaped first, so the string parses as one text node and nothing is read as a tag
  const doc = parseDocument(`<p>${s.replace(/</g, '&lt;')}</p>`, { decodeEntities: true });
  const p = doc.children[0] as { children?: { data?: string }[] } | undefined;
  return (p?.children ?? []).map((c) => c.data ?? '').join('');
}
