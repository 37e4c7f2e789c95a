import { describe, expect, it, vi } from 'vitest';
import { extractUploadStream } from '../../../shared/core/extractUpload.js';
import { regionCount } from '../../../shared/core/format/textRegions.js';
import { extractFromText } from '../../../shared/core/text/extractText.js';
import { chunks, corpusTextDump } from '../../support/uploadBytes.js';

// the text extractor, counted: how many regions were extracted when a batch of records is handed out
vi.mock('../../../shared/core/text/extractText.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../shared/core/text/extractText.js')>();
  return { ...actual, extractFromText: vi.fn(actual.extractFromText) };
});

describe('a big text upload through the streaming core', () => {
  it('hands out each region\'s records before the next region is extracted, not the whole upload\'s at the end', async () => {
    // Prepare
    const bytes = corpusTextDump(100_000);
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
