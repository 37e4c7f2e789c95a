import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGlueContext, repairLine } from '../../../shared/core/text/repairGlue.js';
import { CORPUS, referenceMissing } from '../../support/referencePaths.js';

/**
 * The repair must not split real words: every paragraph of every corpus answer (expected.json
 * `text`, written by people or accepted upstream) goes through it. Tolerance: at most 0.5% of the
 * paragraphs may be cut, and only where the answer itself has text glued without a space
 * (a sentence ending glued to the next one, code such as "obj.Method" or "forEach"). Measured: 9 of 4142.
 */
const TOLERANCE = 0.005;

describe.skipIf(referenceMissing(CORPUS))('repairGlue over the corpus answers', () => {
  it('leaves (nearly) every expected paragraph whole', () => {
    // Prepare
    const texts = readdirSync(CORPUS).filter((n) => existsSync(join(CORPUS, n, 'expected.json')))
      .map((n) => (JSON.parse(readFileSync(join(CORPUS, n, 'expected.json'), 'utf8')) as { text: string | null }).text ?? '')
      .filter(Boolean);
    let paragraphs = 0;
    const changed: string[] = [];
    // Act
    for (const text of texts) {
      const ctx = buildGlueContext(text);
      for (const p of text.split('\n')) {
        const line = p.replace(/\s+/gu, ' ').trim();
        if (!line) continue;
        paragraphs++;
        const out = repairLine(line, ctx);
        if (out.length !== 1 || out[0] !== line) changed.push(out.join(' ⟂ ').slice(0, 200));
      }
    }
    // Assess
    expect(paragraphs).toBeGreaterThan(3000);
    expect(changed.length / paragraphs, changed.join('\n')).toBeLessThanOrEqual(TOLERANCE);
  });
});
