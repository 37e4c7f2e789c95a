/** Keys to file paths in the local S3 emulator: reversible, and never a path a file system would misread. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareKeys, isValidBucketName, keyToPath, MAX_PLAIN_SEGMENT_BYTES, pathToKey } from '../../../infra/local/objectPaths.js';
import { continuationToken, keyOfToken } from '../../../infra/local/s3Listing.js';

const SAFE_SEGMENT_BYTES = 255 - '._S3rver_metadata.json'.length;

function assertSafe(path: string) {
  const segments = path.split('/');
  segments.forEach((segment, i) => {
    expect(Buffer.byteLength(segment)).toBeLessThanOrEqual(SAFE_SEGMENT_BYTES);
    expect(segment).not.toContain('\0');
    if (i < segments.length - 1) expect(['', '.', '..']).not.toContain(segment);
  });
}

describe('keyToPath', () => {
  it('keeps ordinary keys as they are, in any script', () => {
    for (const key of ['incoming/my scrape.txt', 'incoming/api/2026-01-02/ü/报道.html', 'bodies/ab/cd.json', 'incoming/', 'a/.hidden']) {
      expect(keyToPath(key)).toBe(key);
    }
  });

  it('escapes dot segments, empty segments, NUL bytes and long segments, and gives every key back', () => {
    for (const key of ['incoming/../../../../proof', 'a/./b', 'a//b', '/lead', `incoming/${'x'.repeat(240)}.txt`, `incoming/${'é'.repeat(500)}/x`, 'a\0b/c', '~~=Li4/x', 'x._S3rver_object/y']) {
      const path = keyToPath(key);
      assertSafe(path);
      expect(path.split('/')).not.toContain('..');
      expect(pathToKey(path)).toBe(key);
    }
  });

  it('is reversible and safe for any key (property)', () => {
    const segment = fc.oneof(fc.constantFrom('', '.', '..', '~~', '~~+', '\0'), fc.string({ unit: 'binary', maxLength: 300 }));
    fc.assert(fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segments) => {
      const key = segments.join('/');
      const path = keyToPath(key);
      assertSafe(path);
      // (Lone surrogates have no UTF-8: a key is well-formed text, as an HTTP path decodes to.)
      expect(pathToKey(path)).toBe((key as unknown as { toWellFormed(): string }).toWellFormed());
    }), { numRuns: 500 });
  });

  it('reads no key from paths it does not make', () => {
    expect(pathToKey('a/~~+abc')).toBeNull();
    expect(pathToKey('a/~~x')).toBeNull();
    expect(MAX_PLAIN_SEGMENT_BYTES).toBeLessThanOrEqual(SAFE_SEGMENT_BYTES);
  });
});

describe('bucket names and key order', () => {
  it('accepts S3 bucket names only', () => {
    expect(['sift-drop', 'a.b-c', 'abc'].every(isValidBucketName)).toBe(true);
    expect(['..', '.', 'a', 'UPPER', 'a..b', '-ab', 'a/b', '192.168.0.1', 'a'.repeat(64)].some(isValidBucketName)).toBe(false);
  });

  it('orders keys by UTF-8 bytes, as S3 lists them', () => {
    expect(['a/x', 'a-b', 'é', 'z', '\u{1F600}', '\uFFFD'].sort(compareKeys)).toEqual(['a-b', 'a/x', 'z', 'é', '\uFFFD', '\u{1F600}']);
  });
});

describe('ListObjectsV2 continuation tokens', () => {
  it('give back the key they were made from, and nothing from tokens they did not make', () => {
    for (const key of ['incoming/a.txt', `incoming/${'é'.repeat(400)}`, 'incoming/../x', '']) expect(keyOfToken(continuationToken(key))).toBe(key);
    expect(keyOfToken('1Bs2bWnKvA9o8gY7mQ==')).toBeNull();
    expect(keyOfToken(Buffer.from('incoming/a.txt').toString('base64url'))).toBeNull();
  });
});
