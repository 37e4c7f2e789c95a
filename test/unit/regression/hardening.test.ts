/**
 * The regression corpus of the adversarial pass: each input that once killed, wedged or fooled
 * the core, rebuilt from its description (generated, so the repository carries no 50 MB files), with the
 * outcome it must have now. Run through the same entries as the CLI (`extractUpload`) and the ingest
 * function (`extractUploadStream`). The reasons are matched, not just the failure: a person must be able
 * to act on them.
 */
import iconv from 'iconv-lite';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractUpload, extractUploadStream, type UploadSummary } from '../../../shared/core/extractUpload.js';
import { EXTRACT_LIMITS } from '../../../shared/core/settings.js';
import type { ArticleRecord } from '../../../shared/core/model.js';
import { ARABIC_PARAGRAPHS, englishPage, newsPage, responseRecord, warcinfoRecord } from '../formats/builders.js';
import { chunks } from '../../support/uploadBytes.js';

interface Case {
  /** What kind of hostile input it is (the item of the adversarial pass), and what the input is. */
  name: string;
  key: string;
  bytes: () => Buffer;
  /** The upload fails whole with this reason… */
  fails?: RegExp;
  /** …or is read, and this holds of it. */
  check?: (articles: ArticleRecord[], summary: UploadSummary) => void;
}

const MiB = 1024 * 1024;
const overOneDocument = EXTRACT_LIMITS.maxDocumentBytes + MiB;

/** The first `n` members of a per-record .warc.gz whole, then half of the next one. */
function cutWarcGz(n: number): Buffer {
  const members = [warcinfoRecord(), ...Array.from({ length: n + 1 }, (_, i) => responseRecord({ uri: `https://news.example/${i}`, body: englishPage(i) }))].map((r) => gzipSync(r));
  const whole = members.slice(0, n + 1).reduce((s, m) => s + m.length, 0);
  return Buffer.concat(members).subarray(0, whole + Math.floor(members[n + 1].length / 2));
}

const CASES: Case[] = [
  {
    name: 'item 3: a small .gz inflating to more text than one document may hold',
    key: 'dump.txt.gz',
    bytes: () => gzipSync(Buffer.alloc(overOneDocument, 'The council met on Tuesday and talked for hours. '), { level: 1 }),
    fails: /^the upload is over 32 MiB of one text or HTML document, the limit for one document: split it/,
  },
  {
    name: 'item 9: one line of text over the one-document bound (was PROCESSED with nothing, after minutes)',
    key: 'line.txt',
    bytes: () => Buffer.alloc(overOneDocument, 'word '),
    fails: /over 32 MiB of one text or HTML document/,
  },
  {
    name: 'item 5: HTML nested 80,000 levels (was quadratic: 29.5 s)',
    key: 'deep.html',
    bytes: () => Buffer.from(`<html><head><title>Deep page</title></head><body>${'<div>'.repeat(80_000)}<p>${ARABIC_PARAGRAPHS.join(' ')}</p>${'</div>'.repeat(80_000)}</body></html>`),
    check: (articles) => expect(articles[0].text).toContain(ARABIC_PARAGRAPHS[0]),
  },
  {
    name: 'item 5: 200,000 unclosed inline tags (was 4 min 44 s)',
    key: 'unclosed.html',
    bytes: () => Buffer.from(`<html><head><title>Unclosed</title></head><body>${'<font><b>'.repeat(100_000)}${englishPage(1)}</body></html>`),
    check: (articles) => expect(articles[0].title).toBe('Unclosed'),
  },
  {
    name: 'item 7: Arabic UTF-8 with a few stray bytes (was read as windows-1252, PROCESSED)',
    key: 'stray.html',
    bytes: () => {
      const html = Buffer.from(newsPage('عنوان الخبر', ARABIC_PARAGRAPHS, { lang: 'ar' }).replace('<meta charset="utf-8">', ''));
      const at = html.indexOf('<p>');
      return Buffer.concat([html.subarray(0, at), Buffer.from([0xd8, 0x20, 0x81]), html.subarray(at)]);
    },
    check: (articles, summary) => {
      expect(summary.encoding).toBe('utf-8');
      expect(articles[0].title).toBe('عنوان الخبر');
      expect(summary.documentErrors[0].error).toMatch(/invalid UTF-8 bytes? replaced by U\+FFFD/);
    },
  },
  {
    name: 'item 7: a windows-1256 page with lang="ar" and no charset (was read as windows-1252)',
    key: 'cp1256.html',
    bytes: () => iconv.encode('<html lang="ar"><head><title>خبر عاجل</title></head><body><nav>Home World Sport News About Contact</nav><article><h1>خبر عاجل</h1><p>تم الإعلان عن خطة جديدة للنقل</p></article></body></html>', 'windows-1256'),
    check: (articles, summary) => {
      expect(summary.encoding).toBe('windows-1256');
      expect(articles[0].title).toBe('خبر عاجل');
    },
  },
  {
    name: 'item 7: UTF-16 without a byte order mark (was FAILED as binary data)',
    key: 'wide.html',
    bytes: () => Buffer.from(newsPage('Council approves plan', ['The council approved the new transport plan on Tuesday after a long debate.']), 'utf16le'),
    check: (articles, summary) => {
      expect(summary.encoding).toBe('utf-16le');
      expect(articles[0].title).toBe('Council approves plan');
    },
  },
  {
    name: 'item 9: a truncated .warc.gz (was FAILED whole, its complete members lost)',
    key: 'cut.warc.gz',
    bytes: () => cutWarcGz(3),
    check: (articles, summary) => {
      expect(articles.map((a) => a.url)).toEqual([0, 1, 2].map((i) => `https://news.example/${i}`));
      expect(summary.documentErrors[0].error).toMatch(/^gzip stream truncated at byte \d+/);
    },
  },
];

describe('regression corpus of the adversarial pass', () => {
  it.each(CASES)('$name', async ({ key, bytes, fails, check }) => {
    const input = bytes();
    const upload = { bucket: 'regression', key };
    if (fails) {
      expect(() => extractUpload(input, { upload })).toThrow(fails);
      await expect((async () => { for await (const _ of extractUploadStream(chunks(input), { upload })); })()).rejects.toThrow(fails);
      return;
    }
    const whole = extractUpload(input, { upload });
    const streamed: ArticleRecord[] = [];
    let summary: UploadSummary | undefined;
    for await (const e of extractUploadStream(chunks(input), { upload })) {
      if (e.kind === 'articles') streamed.push(...e.articles);
      else summary = e.summary;
    }
    expect(streamed.map((a) => a.id)).toEqual(whole.articles.map((a) => a.id));
    check!(streamed, summary!);
  }, 120_000);
});
