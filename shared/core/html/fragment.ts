/**
 * A scraper record's text field written in markup: CMS and feed exports put an article's body there as
 * an HTML fragment ("<p>…</p><h2>…</h2><p>…</p>": WordPress `content.rendered`, RSS `content:encoded`).
 * The field stays text (its role comes from its name), read as the paragraphs its markup marks, not with
 * its tags as words. Prose that quotes markup (a programming article's code sample) is not a fragment:
 * it opens with words, not with a block element, or does not end with a closing tag.
 */
import { blocksOf } from './blocks.js';
import { parseHtml } from './parse.js';
import { BLOCK_TAGS } from './vocabulary.js';

/** The value's first tag, after blanks and comments, when it opens the value. */
const OPENING_TAG = /^\s*(?:<!--[\s\S]*?-->\s*)*<([a-zA-Z][a-zA-Z0-9]*)[\s/>]/u;
/** It ends with a closing tag (or a self-closed one), blanks after it aside. */
const CLOSING_END = /(?:<\/[a-zA-Z][a-zA-Z0-9]*\s*>|\/>)\s*$/u;

/** The fragment's text, one block a paragraph (blank lines between), or null when the value is not a fragment. */
export function fragmentText(value: string): string | null {
  const open = OPENING_TAG.exec(value);
  if (!open || !BLOCK_TAGS.has(open[1].toLowerCase()) || !CLOSING_END.test(value)) return null;
  return blocksOf(parseHtml(value)).map((b) => b.text).join('\n\n');
}
