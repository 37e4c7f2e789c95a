/**
 * No catastrophic backtracking, no quadratic step: a 10 MB input on a single line (text, HTML, JSON)
 * goes through the whole core, and takes about 10× the time of 1 MB, not 100×. (JSON Lines and WARC
 * reach the same extractors through readers that are linear by construction: indexOf and counters.)
 * The bounds are generous (shared CI machines are noisy): ratio under 30, 10 MB under 90 s, each the best
 * of a few runs.
 */
import { describe, expect, it } from 'vitest';
import { extractUpload } from '../../../shared/core/extractUpload.js';

const MB = 1_000_000;
const WORDS = ['council', 'approved', 'the', 'plan', 'on', 'Tuesday', 'after', 'a', 'long', 'debate', 'in', 'town'];

/** One line of prose-like words, `n` characters, sentences but no line break. */
function line(n: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < n; i++) {
    const w = WORDS[i % WORDS.length] + (i % 17 === 16 ? '.' : '');
    parts.push(w);
    length += w.length + 1;
  }
  return parts.join(' ');
}

const INPUTS: Record<string, (n: number) => string> = {
  text: (n) => line(n),
  html: (n) => `<html><head><title>Long page</title></head><body><article><h1>Long page</h1><p>${line(n)}</p></article></body></html>`,
  json: (n) => JSON.stringify({ url: 'https://x.example/long', title: 'Long page', text: line(n) }),
};

function seconds(input: string): number {
  const bytes = Buffer.from(input);
  const start = performance.now();
  extractUpload(bytes, { upload: { bucket: 'b', key: 'long' }, limits: { maxDocumentBytes: 64 * MB } });
  return (performance.now() - start) / 1000;
}

describe('linear time on a single 10 MB line', () => {
  it.each(Object.keys(INPUTS))('%s', (kind) => {
    const make = INPUTS[kind];
    seconds(make(MB / 4)); // warm up the JIT
    // The best of a few runs each: a busy stretch of a shared machine slows one run, not the input's cost.
    const small = Math.min(...[0, 1, 2].map(() => seconds(make(MB))));
    const large = Math.min(...[0, 1].map(() => seconds(make(10 * MB))));
    console.log(`linear-time ${kind}: 1 MB ${small.toFixed(2)} s, 10 MB ${large.toFixed(2)} s, ratio ${(large / small).toFixed(1)}`);
    expect(large).toBeLessThan(90);
    expect(large / Math.max(small, 0.05)).toBeLessThan(30);
  }, 180_000);
});

describe('linear time on a page of many sibling blocks', () => {
  // A DOM edit per sibling (moving, unwrapping) must not cost a pass over all siblings.
  const page = (blocks: number) =>
    `<html><body>${'<div><p>Some words in a paragraph of plain prose here.</p></div>'.repeat(blocks)}</body></html>`;

  it('html, 20,000 vs 160,000 blocks', () => {
    seconds(page(5_000)); // warm up the JIT
    const small = seconds(page(20_000));
    const large = seconds(page(160_000));
    console.log(`linear-time sibling blocks: 20k ${small.toFixed(2)} s, 160k ${large.toFixed(2)} s, ratio ${(large / small).toFixed(1)}`);
    expect(large / Math.max(small, 0.05)).toBeLessThan(24); // quadratic would be 64
  }, 180_000);
});

describe('linear time on deeply nested HTML', () => {
  // htmlparser2's open-element stack costs a pass per tag at depth; the bounded parse (html/parse.ts) must not.
  const page = (levels: number) =>
    `<html><body>${'<div><span>'.repeat(levels / 2)}<p>Some words in a paragraph of plain prose here.</p>${'</span></div>'.repeat(levels / 2)}</body></html>`;

  it('html, 20,000 vs 160,000 levels', () => {
    seconds(page(5_000)); // warm up the JIT
    const small = seconds(page(20_000));
    const large = seconds(page(160_000));
    console.log(`linear-time nesting: 20k ${small.toFixed(2)} s, 160k ${large.toFixed(2)} s, ratio ${(large / small).toFixed(1)}`);
    expect(large / Math.max(small, 0.05)).toBeLessThan(24); // quadratic would be 64
  }, 180_000);
});
