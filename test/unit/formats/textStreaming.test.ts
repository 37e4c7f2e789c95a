import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { extractUploadStream } from '../../../shared/core/extractUpload.js';
import { regionCount } from '../../../shared/core/format/textRegions.js';
import { extractFromText } from '../../../shared/core/text/extractText.js';
import { CORPUS } from '../../support/referencePaths.js';

// the text extractor, counted: how many regions were extracted when a batch of records is handed out
vi.mock('../../../shared/core/text/extractText.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../shared/core/text/extractText.js')>();
  return { ...actual, extractFromText: vi.fn(actual.extractFromText) };
});

async function* chunks(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

function dump(bytes: number): Buffer {
  const pages = readdirSync(CORPUS).sort().flatMap((n) => {
    try { return [readFileSync(join(CORPUS, n, 'source.txt'), 'utf8')]; } catch { return []; }
  });
  const parts: string[] = [];
  for (let size = 0, i = 0; size < bytes; i++) {
    parts.push(pages[i % pages.length]);
    size += Buffer.byteLength(pages[i % pages.length]);
  }
  return Buffer.from(parts.join('\n\n'));
}

describe('a big text upload through the streaming core', () => {
  it('hands out each region\'s records before the next region is extracted, not the whole upload\'s at the end', async () => {
    // Prepare
    const bytes = dump(100_000);
    const R = 16_000;
    const extracted = vi.mocked(extractFromText);
    extracted.mockClear();
    const seen: number[] = [];
    let articles = 0;
    // Act
    for await (const e of extractUploadStream(chunks(bytes, 5000), { upload: { bucket: 'b', key: 'incoming/dump.txt' }, limits: { textRegionBytes: R }, batchSize: 1 })) {
      if (e.kind === 'articles') {
        articles += e.articles.length;
        seen.push(extracted.mock.calls.length);
      }
    }
    // Assess: one extraction per region, and the first records came out after the first region's
    const regions = regionCount(bytes.length, R);
    expect(regions).toBeGreaterThan(3);
    expect(extracted).toHaveBeenCalledTimes(regions);
    expect(articles).toBeGreaterThan(regions);
    expect(seen[0]).toBe(1);
    expect(seen.at(-1)).toBe(regions);
  });
});
