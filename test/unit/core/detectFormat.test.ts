import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../shared/core/format/detectFormat.js';

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
    // JSON Lines whose first line is malformed, or far longer than the detection window
    ['{"url": "a", "text": \n{"url":"c","text":"d"}\n', 'x', 'jsonl'],
    [`{"url":"a","html":"${'x'.repeat(20_000)}"}\n{"url":"b"`, 'x', 'jsonl'],
    ['{"url":"a","text":"b"}\n', 'export.json', 'json'],
    ['\uFEFF  WARC/1.0\r\n', 'x', 'warc'],
  ])('%j (%s) → %s', (content, name, format) => {
    expect(detectFormat(content, name)).toBe(format);
  });

  it('treats a first line cut by the detection window as JSON Lines (the upload is not complete yet)', () => {
    expect(detectFormat('{"url":"a","html":"<p>very long', 'x', false)).toBe('jsonl');
    expect(detectFormat('{"url":"a","html":"<p>short"}', 'x', true)).toBe('json');
  });
});

describe('detectFormat on text that looks like something else', () => {
  it.each([
    ['[Docs] [txt|pdf] [Tracker]\nAn Internet standard describes the protocol.', 'text'],
    ['How to write a paragraph tag\nUse <p> to open it and </p> to close it, as in <p>Hello</p>. The browser adds space around it.\n'.repeat(3), 'text'],
    ['[\n  {"url": "a", "text": "b"}\n]', 'json'],
    ['<p>A fragment of a page</p><p>and another paragraph</p>', 'html'],
  ])('%j → %s', (content, format) => {
    expect(detectFormat(content, 'x')).toBe(format);
  });
});
