/**
 * Gzip, recognised by its magic bytes (never by the file name), decompressed with a hard bound on the
 * output so a gzip bomb fails fast instead of filling memory. Multi-member gzip (`cat a.gz b.gz`, and
 * `.warc.gz`, one member per record) reads as one stream: node:zlib continues into the next member.
 */
import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { BadInputError } from '../errors.js';
import { EXTRACT_LIMITS } from '../settings.js';

const DEFAULT_MAX_DECOMPRESSED_BYTES = EXTRACT_LIMITS.maxDecompressedBytes;

const GZIP_MAGIC = [0x1f, 0x8b];

export const isGzip = (bytes: Uint8Array): boolean =>
  bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];

/** A deflate member's header start (RFC 1952: magic, CM = 8), how a member is found inside a multi-member file. */
export const GZIP_MEMBER_START = Buffer.from([0x1f, 0x8b, 0x08]);

/**
 * Length of the gzip member header at `p` (RFC 1952: fixed 10 bytes, then FEXTRA, FNAME, FCOMMENT and FHCRC
 * as its flags say), or null when `b` ends inside it; -1 when the bytes at `p` are not a member header.
 */
export function gzipMemberHeaderLength(b: Uint8Array, p = 0): number | null {
  if (b.length - p < 10) return null;
  if (b[p] !== 0x1f || b[p + 1] !== 0x8b || b[p + 2] !== 0x08 || (b[p + 3] & 0xe0) !== 0) return -1;
  const flags = b[p + 3];
  let h = p + 10;
  if (flags & 0x04) {
    if (b.length < h + 2) return null;
    h += 2 + (b[h] | (b[h + 1] << 8));
  }
  for (const bit of [0x08, 0x10]) {
    if (!(flags & bit)) continue;
    const zero = b.indexOf(0, h);
    if (zero < 0) return null;
    h = zero + 1;
  }
  if (flags & 0x02) h += 2;
  return h > b.length ? null : h - p;
}

export const formatMiB = (n: number) => (n >= 1024 * 1024 ? `${+(n / (1024 * 1024)).toFixed(n % (1024 * 1024) ? 1 : 0)} MiB` : `${n} bytes`);

const overLimit = (maxBytes: number) => new BadInputError(`decompressed size exceeds the ${formatMiB(maxBytes)} limit`);

/**
 * A gzip stream that ends before its compressed data does. What came before the cut is sound: a
 * container format (WARC, JSON Lines) keeps its complete records, and only the whole-file formats fail.
 */
export class TruncatedGzipError extends BadInputError {}

/** zlib's error for a stream that ends early, and for one it cannot read, as reasons a person can act on. */
function gzipFailure(error: unknown, compressedBytes: number, maxBytes: number): Error {
  const e = error as NodeJS.ErrnoException;
  const text = String(e?.message ?? e);
  if (e?.code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger|maxOutputLength/i.test(text)) return overLimit(maxBytes);
  if (/unexpected end of file/i.test(text)) {
    return new TruncatedGzipError(`gzip stream truncated at byte ${compressedBytes}: the file ends before the compressed data does (an interrupted upload?)`);
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

/**
 * Like `gunzipBounded`, but a truncated stream gives what was decompressed before the cut, with the
 * truncation as a value instead of an exception (zlib's sync flush reads as far as the data goes).
 */
export function gunzipKeepingPrefix(bytes: Uint8Array, maxBytes = DEFAULT_MAX_DECOMPRESSED_BYTES): { data: Buffer; truncation: TruncatedGzipError | null } {
  try {
    return { data: gunzipBounded(bytes, maxBytes), truncation: null };
  } catch (error) {
    if (!(error instanceof TruncatedGzipError)) throw error;
    try {
      return { data: gunzipSync(bytes, { maxOutputLength: maxBytes, finishFlush: constants.Z_SYNC_FLUSH }), truncation: error };
    } catch (again) {
      throw gzipFailure(again, bytes.length, maxBytes);
    }
  }
}

export interface GunzipStreamOptions {
  maxBytes?: number;
  /** Called with the compressed bytes read so far, for progress and error positions. */
  onCompressed?: (bytes: number) => void;
}

/**
 * Streaming gunzip: compressed chunks in, decompressed chunks out, one compressed chunk in flight at a
 * time, so memory stays at a few zlib windows whatever the size. Errors of the source (network, S3) pass
 * through unchanged; zlib's own become BadInputError, after every byte decompressed before them (a
 * truncated `.warc.gz` still gives its complete members: a stream iterator would drop its buffer on error).
 */
export async function* gunzipStream(source: AsyncIterable<Uint8Array>, options: GunzipStreamOptions = {}): AsyncGenerator<Uint8Array> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  let compressed = 0;
  let produced = 0;
  const gunzip = createGunzip({ chunkSize: 64 * 1024 });
  const out: Buffer[] = [];
  let failure: unknown = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const signal = () => { wake?.(); wake = null; };
  gunzip.on('data', (chunk: Buffer) => { out.push(chunk); });
  gunzip.on('error', (error) => { failure = error; signal(); });
  gunzip.on('end', () => { ended = true; signal(); });
  /** Waits for zlib to take `chunk` (or the end), then hands over what it produced. */
  const step = async (chunk: Uint8Array | null) => {
    await new Promise<void>((resolve) => {
      wake = resolve;
      if (failure) return resolve();
      if (chunk) gunzip.write(chunk, () => resolve());
      else gunzip.end();
    });
    while (chunk === null && !ended && !failure) await new Promise<void>((resolve) => { wake = resolve; });
  };
  const drained = function* () {
    while (out.length) {
      const chunk = out.shift()!;
      produced += chunk.length;
      if (produced > maxBytes) throw overLimit(maxBytes);
      yield chunk;
    }
  };
  try {
    for await (const chunk of source) {
      compressed += chunk.length;
      options.onCompressed?.(compressed);
      await step(chunk);
      yield* drained();
      if (failure) break;
    }
    if (!failure) await step(null);
    yield* drained();
    if (failure) throw isZlibError(failure) ? gzipFailure(failure, compressed, maxBytes) : failure;
  } finally {
    gunzip.destroy();
  }
}
