/**
 * How `sift` prints records for people. Record text comes from scraped pages, so before it reaches a
 * terminal, control characters (escape sequences) and bidi controls (which could reorder a line) are removed.
 */
import type { ArticleItem, ArticleRecord, UploadStatus } from './apiClient.js';
import type { UploadResult } from './uploads.js';

// C0/C1 controls except \n and \t, and the bidi embedding/override/isolate controls.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One line of record text, safe to print: no controls, whitespace collapsed. */
export const oneLine = (s: string | null | undefined) => (s ?? '').replace(UNSAFE, '').replace(/\s+/g, ' ').trim();

/** A block of record text, safe to print: no controls, line breaks kept. */
const block = (s: string | null | undefined) => (s ?? '').replace(UNSAFE, '').replace(/\t/g, ' ');

const day = (published: string | null) => (published ? published.slice(0, 10) : '—');

export const TABLE_HEADER = `${'ID'.padEnd(32)}  ${'DATE'.padEnd(10)}  ${'LANG'.padEnd(4)}  TITLE`;

/** A row of `sift query`'s table; `width` (a terminal's columns) shortens the title to fit. */
export function tableRow(a: ArticleItem, width?: number): string {
  const copies = (a.copies ?? 1) > 1 ? ` (${a.copies} copies)` : '';
  const row = `${a.id.padEnd(32)}  ${day(a.published).padEnd(10)}  ${oneLine(a.lang).padEnd(4)}  ${oneLine(a.title) || '(untitled)'}${copies}`;
  if (!width || [...row].length <= width) return row;
  return `${[...row].slice(0, Math.max(width - 1, 50)).join('')}…`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function uploadLine(r: UploadResult): string {
  switch (r.status) {
    case 'NOT_UPLOADED':
      return `${r.file}: not uploaded: ${r.error}`;
    case 'TIMEOUT':
      return `${r.key}: still ${r.upload?.status ?? 'waiting for ingestion'} when the wait ended; `
        + `check later with: npm run sift -- status ${JSON.stringify(r.key)}`;
    case 'FAILED':
      return `${r.key}: FAILED: ${oneLine(r.upload.error) || 'no reason given'}`;
    default: {
      const n = r.upload.articleCount ?? r.upload.articleIds.length;
      const how = [r.upload.format, r.upload.encoding].filter(Boolean).join(', ');
      const errors = r.upload.documentErrors?.length ? `; ${plural(r.upload.documentErrors.length, 'document')} skipped` : '';
      return `${r.key}: ${r.status}, ${plural(n, 'article')}${how ? ` (${how})` : ''}${errors}`;
    }
  }
}

export function uploadJson(r: UploadResult): Record<string, unknown> {
  if (r.status === 'NOT_UPLOADED') return { file: r.file, key: r.key, status: r.status, error: r.error };
  return { file: r.file, ...(r.upload ?? { key: r.key }), status: r.status === 'TIMEOUT' ? r.upload?.status ?? 'PENDING' : r.status, ...(r.status === 'TIMEOUT' ? { timedOut: true } : {}) };
}

export function statusText(s: UploadStatus): string {
  const lines = [
    ['key', s.key],
    ['status', s.status],
    ...(s.error ? [['error', oneLine(s.error)]] : []),
    ...(s.format ? [['format', [s.format, s.encoding].filter(Boolean).join(', ')]] : []),
    ...(s.documents !== undefined ? [['documents', String(s.documents)]] : []),
    ['articles', String(s.articleCount ?? s.articleIds.length)],
    ['updated', s.updatedAt],
  ].map(([k, v]) => `${`${k}:`.padEnd(11)}${v}`);
  for (const e of s.documentErrors ?? []) lines.push(`${'skipped:'.padEnd(11)}document ${e.position}: ${oneLine(e.error)}`);
  s.articleIds.forEach((id, i) => lines.push(`${(i ? '' : 'ids:').padEnd(11)}${id}`));
  if (s.articleIdsTruncated) lines.push(`${''.padEnd(11)}… (more not listed)`);
  return lines.join('\n');
}

export function articleText(a: ArticleRecord): string {
  const meta = [a.published ? (a.publishedText && a.publishedText !== a.published ? `${a.published} (${oneLine(a.publishedText)})` : a.published) : null,
    oneLine(a.source) || null, a.authors?.length ? a.authors.map(oneLine).join(', ') : null, `${a.lang}, ${a.dir}`]
    .filter(Boolean).join(' · ');
  const out = [oneLine(a.title) || '(untitled)', meta];
  if (a.tags?.length) out.push(`tags: ${a.tags.map(oneLine).join(', ')}`);
  if (a.url) out.push(oneLine(a.url));
  out.push('', block(a.text).trim());
  if (a.related?.length) {
    out.push('', 'related:');
    for (const r of a.related) out.push(`  - ${oneLine(r.title)}${r.url ? ` <${oneLine(r.url)}>` : ''}`);
  }
  out.push('', `id: ${a.id}   upload: ${oneLine(a.upload?.key)}${a.upload ? ` #${a.upload.index}` : ''}`);
  return out.join('\n');
}
