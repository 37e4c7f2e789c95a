import { describe, expect, it } from 'vitest';
import { failureCategory } from '../../../shared/pipeline/failureCategory.js';

describe('failureCategory', () => {
  it.each([
    ['the upload is empty (0 bytes)', 'empty'],
    ['decompressed size exceeds the 256 MiB limit', 'too-large'],
    ['gzip stream truncated at byte 4000', 'truncated'],
    ['not a recognised scrape format: binary data', 'binary'],
    ['the upload is not valid JSON: Unexpected token', 'malformed'],
    ['the object was deleted before it could be processed', 'deleted'],
    ['Sift could not extract this upload: boom', 'extractor-error'],
    ['something new', 'other'],
  ])('%s → %s', (reason, category) => {
    expect(failureCategory(reason)).toBe(category);
  });
});
