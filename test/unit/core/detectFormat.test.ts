import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../shared/format/detectFormat.js';

describe('detectFormat', () => {
  it.each([
    ['WARC/1.1\r\nWARC-Type: warcinfo\r\n', 'x.bin', 'warc'],
    ['{"url":"a","text":"b"}\n{"url":"c","text":"d"}\n', 'export.json', 'jsonl'],
    ['{"url":"a","text":"b"}\n', 'export.jsonl', 'jsonl'],
    ['[{"url":"a","html":"<p>b</p>"}]', 'export.txt', 'json'],
    ['{\n  "items": []\n}', 'x', 'json'],
    ['<!DOCTYPE html><html><body><p>hi</p></body></html>', 'page.txt', 'html'],
    ['  <div class="a"><p>fragment</p></div>', 'x', 'html'],
    ['عنوان الخبر\nنص الخبر هنا.', 'page.html', 'text'],
    ['A plain line of text with a < sign and 3 > 2.', 'x.txt', 'text'],
  ])('%j (%s) → %s', (content, name, format) => {
    expect(detectFormat(content, name)).toBe(format);
  });
});
