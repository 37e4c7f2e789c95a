/**
 * Which kind of scrape a decoded upload is, from its content first; the file name is only a tie-breaker
 * (scrapers name files freely: `.txt` holding HTML and `.json` holding JSON Lines are common).
 */
import type { ScrapeFormat } from '../model.js';

const HTML_SIGNS = /<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|title>|div[\s>]|p[\s>]|article[\s>]|section[\s>]|span[\s>]|a\s+href)/i;

export function detectFormat(text: string, fileName = ''): ScrapeFormat {
  const start = text.slice(0, 8192).replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('WARC/')) return 'warc';
  if (start.startsWith('{') || start.startsWith('[')) {
    const firstLineEnd = start.indexOf('\n');
    const firstLine = (firstLineEnd < 0 ? start : start.slice(0, firstLineEnd)).trim();
    // A complete object on the first line followed by another line starting with `{` is JSON Lines.
    if (start.startsWith('{') && firstLineEnd > 0 && isJsonObject(firstLine) && /\n\s*\{/.test(start)) return 'jsonl';
    if (/\.jsonl$|\.ndjson$/i.test(fileName.replace(/\.gz$/i, '')) && isJsonObject(firstLine)) return 'jsonl';
    return 'json';
  }
  if (HTML_SIGNS.test(start.slice(0, 4096)) && /<\/?[a-z][\w-]*[^>]*>/i.test(start)) return 'html';
  if (/\.html?$/i.test(fileName.replace(/\.gz$/i, '')) && /<[a-z!/]/i.test(start)) return 'html';
  return 'text';
}

function isJsonObject(line: string): boolean {
  if (!line.startsWith('{') || !line.endsWith('}')) return false;
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
