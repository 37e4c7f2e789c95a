/**
 * Gzip, recognised by its magic bytes (never by the file name), decompressed with a hard bound on the
 * output so a gzip bomb fails fast instead of filling memory. Multi-member gzip (`cat a.gz b.gz`, and
 * `.warc.gz`, one member per record) reads as one stream: node:zlib continues into the next member.
 */
import { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { BadInputError } from '../errors.js';

export const DEFAULT_MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;

const GZIP_MAGIC = [0x1f, 0x8b];

export const isGzip = (bytes: Uint8Array): boolean =>
  bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];

export const formatMiB = (n: number) => (n >= 1024 * 1024 ? `${+(n / (1024 * 1024)).toFixed(n % (1024 * 1024) ? 1 : 0)} MiB` : `${n} bytes`);

export const overLimit = (maxBytes: number) => new BadInputError(`decompressed size exceeds the ${formatMiB(maxBytes)} limit`);

/** zlib's error for a stream that ends early, and for one it cannot read, as reasons a person can act on. */
function gzipFailure(error: unknown, compressedBytes: number, maxBytes: number): Error {
  const e = error as NodeJS.ErrnoException;
  const text = String(e?.message ?? e);
  if (e?.code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger|maxOutputLength/i.test(text)) return overLimit(maxBytes);
  if (/unexpected end of file/i.test(text)) {
    return new BadInputError(`gzip stream truncated at byte ${compressedBytes}: the file ends before the compressed data does (an interrupted upload?)`);
  }
  return new BadInputError(`gzip data is corrupt at or before byte ${compressedBytes} (${text}): the file is damaged or not gzip after all`);
}

const isZlibError = (error: unknown) => typeof (error as NodeJS.ErrnoException)?.errno === 'number' && /^Z_|ERR_BUFFER_TOO_LARGE/.test(String((error as NodeJS.ErrnoException).code));

/** Decompresses gzip data (all members) in one go, failing with a reason a person can act on. */
export function gunzipBounded(bytes: Uint8Array, maxBytes = DEFAULT_MAX_DECOMPRESSED_BYTES): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    throw gzipFailure(error, bytes.length, maxBytes);
  }
}

export interface GunzipStreamOptions {
  maxBytes?: number;
  /** Called with the compressed bytes read so far, for progress and error positions. */
  onCompressed?: (bytes: number) => void;
}

/**
 * Streaming gunzip: compressed chunks in, decompressed chunks out, with back-pressure, so memory stays
 * at a few zlib windows whatever the size. Errors of the source (network, S3) pass through unchanged;
 * zlib's own become BadInputError.
 */
export async function* gunzipStream(source: AsyncIterable<Uint8Array>, options: GunzipStreamOptions = {}): AsyncGenerator<Uint8Array> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  let compressed = 0;
  let produced = 0;
  const counted = (async function* () {
    for await (const chunk of source) {
      compressed += chunk.length;
      options.onCompressed?.(compressed);
      yield chunk;
    }
  })();
  const input = Readable.from(counted, { objectMode: false });
  const gunzip = createGunzip({ chunkSize: 64 * 1024 });
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      produced += chunk.length;
      if (produced > maxBytes) throw overLimit(maxBytes);
      yield chunk;
    }
  } catch (error) {
    throw isZlibError(error) ? gzipFailure(error, compressed, maxBytes) : error;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}
