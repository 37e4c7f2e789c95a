/** Upload bytes as tests and benches feed them to the streaming core: in chunks as S3 hands them out, and big text dumps built from the corpus. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from './referencePaths.js';

/** `bytes` in chunks of `size`, as a stream of the object's body delivers them. */
export async function* chunks(bytes: Uint8Array, size = 64 * 1024) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Corpus text scrapes joined as a crawler dump joins them, to `bytes` or a little more. */
export function corpusTextDump(bytes: number): Buffer {
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
