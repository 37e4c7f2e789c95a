/**
 * Whitespace folded to one space, as `text.replace(/\s+/g, ' ')` folds it: only the runs that are not already
 * one plain space are replaced (the plain pattern matches the space between every two words and writes it
 * back, building the string anew at each: most of the cost on a long text).
 */
const TO_FOLD = /\s{2,}|[^\S ]/g;

export const foldSpaces = (text: string): string => text.replace(TO_FOLD, ' ');

/** The same fold as HTML collapses whitespace: JavaScript's \s (NBSP and the other Unicode spaces) and the zero-width space. */
const HTML_TO_FOLD = /[\s\u200b]{2,}|[^\S ]|\u200b/g;

export const foldHtmlSpaces = (text: string): string => text.replace(HTML_TO_FOLD, ' ');
