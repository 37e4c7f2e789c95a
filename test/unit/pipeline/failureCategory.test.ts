import { describe, expect, it } from 'vitest';
import { deliveriesSpentReason } from '../../../shared/service/pipeline/deliveries.js';
import { failureCategory } from '../../../shared/service/pipeline/failureCategory.js';

describe('failureCategory', () => {
  it.each([
    ['the upload is empty (0 bytes)', 'empty'],
    ['decompressed size exceeds the 256 MiB limit', 'too-large'],
    ['gzip stream truncated at byte 4000', 'truncated'],
    ['not a recognised scrape format: binary data', 'binary'],
    ['the upload is not valid JSON: Unexpected token', 'malformed'],
    ['the object was deleted before it could be processed', 'deleted'],
    ['Sift could not extract this upload: boom', 'extractor-error'],
    [deliveriesSpentReason({ receiveCount: 5, maxReceives: 5 }), 'deliveries-spent'],
    ['the upload is over 32 MiB of one text or HTML document, the limit for one document: split it', 'too-large'],
    ['something new', 'other'],
  ])('%s → %s', (reason, category) => {
    expect(failureCategory(reason)).toBe(category);
  });
});
