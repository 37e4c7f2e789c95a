/**
 * Where the local S3 emulator keeps an object on disk. An S3 key is any UTF-8 string up to 1,024 bytes,
 * `..`, NUL bytes and 1,000-byte segments included; a file name is at most 255 bytes of anything but `/`
 * and NUL, and `.`/`..` mean something. So every key segment a file system cannot hold as it is gets a
 * reversible escape: its bytes in base64url, cut into directories short enough for any file system.
 * A plain segment stays as it is, so ordinary keys keep their readable paths.
 */

/** S3's limit on a key, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;
/**
 * The longest segment kept as it is: the file system's 255-byte names less the longest suffix s3rver
 * appends (`._S3rver_metadata.json`, 22 bytes), with room to spare.
 */
export const MAX_PLAIN_SEGMENT_BYTES = 200;
/** Escaped segments are directories named `~~+CHUNK` (more follows) ... `~~=CHUNK` (the last piece). */
const ESCAPE = '~~';
const MORE = `${ESCAPE}+`;
const LAST = `${ESCAPE}=`;
const CHUNK_CHARS = MAX_PLAIN_SEGMENT_BYTES - LAST.length;
/** What s3rver puts in its own file names (`key._S3rver_object`): a key segment holding it could collide with one. */
const S3RVER_MARK = '._S3rver_';
/** Segments that mean something to a file system when they name a directory. */
const SPECIAL_DIRECTORIES = new Set(['', '.', '..']);

function isPlain(segment: string, isLast: boolean): boolean {
  return Buffer.byteLength(segment, 'utf8') <= MAX_PLAIN_SEGMENT_BYTES
    && !segment.startsWith(ESCAPE)
    && !segment.includes('\0')
    && !segment.includes(S3RVER_MARK)
    && (isLast || !SPECIAL_DIRECTORIES.has(segment));
}

function escapeSegment(segment: string): string[] {
  const encoded = Buffer.from(segment, 'utf8').toString('base64url');
  const pieces: string[] = [];
  for (let at = 0; at < encoded.length || pieces.length === 0; at += CHUNK_CHARS) pieces.push(encoded.slice(at, at + CHUNK_CHARS));
  return pieces.map((piece, i) => (i === pieces.length - 1 ? LAST : MORE) + piece);
}

/**
 * The relative path of a key under its bucket directory, `/`-separated: no segment is empty, `.` or `..`
 * (but the last, which s3rver always suffixes), none holds NUL or exceeds MAX_PLAIN_SEGMENT_BYTES.
 */
export function keyToPath(key: string): string {
  const segments = key.split('/');
  return segments.flatMap((segment, i) => (isPlain(segment, i === segments.length - 1) ? [segment] : escapeSegment(segment))).join('/');
}

/** The key a path holds, or null when the path is not one keyToPath makes (a stray file). */
export function pathToKey(path: string): string | null {
  const segments: string[] = [];
  let pending: string | null = null;
  for (const part of path.split('/')) {
    if (part.startsWith(MORE) || part.startsWith(LAST)) {
      pending = (pending ?? '') + part.slice(MORE.length);
      if (part.startsWith(LAST)) {
        segments.push(Buffer.from(pending, 'base64url').toString('utf8'));
        pending = null;
      }
    } else if (pending !== null || part.startsWith(ESCAPE)) {
      return null;
    } else {
      segments.push(part);
    }
  }
  return pending === null ? segments.join('/') : null;
}

/** S3's bucket naming rules: what keeps a bucket name from ever naming a path outside the data folder. */
export function isValidBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !name.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(name);
}

/** Compares keys as S3 lists them: by their UTF-8 bytes. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
