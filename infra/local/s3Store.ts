/**
 * s3rver's file store with every path made safe: keys and bucket names never leave the bucket folder
 * (objectPaths.ts), an object is written to a temporary file and renamed into place (a failed write
 * leaves the old object and never an unhandled stream error), a signed body must match its declared
 * SHA-256, and listings come back in S3's byte order, including keys kept in escaped directories.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import S3Error from 's3rver/lib/models/error.js';
import S3Object from 's3rver/lib/models/object.js';
import FilesystemStore from 's3rver/lib/stores/filesystem.js';
import { compareKeys, isValidBucketName, keyToPath, MAX_KEY_BYTES, pathToKey } from './objectPaths.js';

const OBJECT_SUFFIX = '._S3rver_object';
const UPLOADS_DIRECTORY = '._S3rver_uploads';
/** s3rver's upload ids (16 random bytes in hex) and S3's part numbers: nothing else may name a path. */
const UPLOAD_ID = /^[0-9a-f]{32}$/;
const MAX_PART_NUMBER = 10_000;

/** Bodies whose SHA-256 the request's signature covers (S3's x-amz-content-sha256), set by the front. */
export const signedBodySha256 = new WeakMap<object, string>();

function s3Error(code: string, message: string, status: number, detail: Record<string, unknown> = {}): Error {
  const error = new S3Error(code, message, detail);
  // s3rver only knows the statuses of the codes it throws itself.
  return Object.assign(error, { status, expose: status < 500 });
}

export class SafeFilesystemStore extends FilesystemStore {
  getBucketPath(bucket: string): string {
    if (!isValidBucketName(bucket)) throw s3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket });
    return join(this.rootDirectory, bucket);
  }

  getResourcePath(bucket: string, key = '', resource: string): string {
    if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
      throw s3Error('KeyTooLongError', 'Your key is too long', 400, { Size: Buffer.byteLength(key, 'utf8'), MaxSizeAllowed: MAX_KEY_BYTES });
    }
    const parts = keyToPath(key).split('/');
    const last = parts.pop()!;
    return join(this.getBucketPath(bucket), ...parts, `${last}._S3rver_${resource}`);
  }

  async listBuckets() {
    const names = (await readdir(this.rootDirectory)).filter(isValidBucketName);
    return (await Promise.all(names.map((name) => this.getBucket(name)))).filter(Boolean);
  }

  async listObjects(bucket: string, options: { delimiter?: string; startAfter?: string; prefix?: string; maxKeys?: number }) {
    const { delimiter = '', startAfter = '', prefix = '', maxKeys = Infinity } = options;
    const bucketPath = this.getBucketPath(bucket);
    const found: string[] = [];
    const visit = async (relative: string): Promise<void> => {
      const entries = await readdir(join(bucketPath, relative), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      });
      for (const entry of entries) {
        const path = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (entry.name === UPLOADS_DIRECTORY) continue;
          // A directory of plain segments holds only keys under its own name: skip it when that misses the prefix.
          if (!path.includes('~~') && !(`${path}/`.startsWith(prefix) || prefix.startsWith(`${path}/`))) continue;
          await visit(path);
        } else if (entry.name.endsWith(OBJECT_SUFFIX)) {
          const key = pathToKey(path.slice(0, -OBJECT_SUFFIX.length));
          if (key !== null && key.startsWith(prefix) && compareKeys(key, startAfter) > 0) found.push(key);
        }
      }
    };
    await visit('');
    found.sort(compareKeys);

    const commonPrefixes = new Set<string>();
    const keys: string[] = [];
    let isTruncated = false;
    for (const key of found) {
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      if (cut !== -1) {
        commonPrefixes.add(key.slice(0, cut + delimiter.length));
      } else if (keys.length < maxKeys) {
        keys.push(key);
      } else {
        isTruncated = true;
        break;
      }
    }
    const metadata = await Promise.all(keys.map((key) => this.getMetadata(bucket, key).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    })));
    return {
      objects: keys.flatMap((key, i) => (metadata[i] === undefined ? [] : [new S3Object(bucket, key, null, metadata[i])])),
      commonPrefixes: [...commonPrefixes].sort(compareKeys),
      isTruncated,
    };
  }

  async putObject(object: { bucket: string; key: string; content: Readable | Buffer; metadata: Record<string, unknown> }) {
    const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
    const { size, md5 } = await this.writeVerified(objectPath, object.content);
    await this.putMetadata(object.bucket, object.key, object.metadata, md5);
    return { size, md5 };
  }

  async putPart(bucket: string, uploadId: string, partNumber: string | number, content: Readable) {
    const number = Number(partNumber);
    if (!Number.isInteger(number) || number < 1 || number > MAX_PART_NUMBER) {
      throw s3Error('InvalidArgument', `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`, 400, { ArgumentName: 'partNumber' });
    }
    const partPath = join(this.uploadPath(bucket, uploadId), String(number));
    const { size, md5 } = await this.writeVerified(partPath, content);
    await this.writeVerified(`${partPath}.md5`, Buffer.from(md5));
    return { size, md5 };
  }

  override async putObjectMultipart(bucket: string, uploadId: string, parts: unknown) {
    this.uploadPath(bucket, uploadId);
    return super.putObjectMultipart(bucket, uploadId, parts);
  }

  async deleteObject(bucket: string, key: string) {
    await Promise.all(['object', 'object.md5', 'metadata.json'].map((resource) => unlink(this.getResourcePath(bucket, key, resource)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    })));
    // Remove the directories the key emptied, up to (not including) the bucket folder.
    const bucketPath = this.getBucketPath(bucket);
    for (let directory = dirname(this.getResourcePath(bucket, key, 'object')); directory.startsWith(`${bucketPath}/`); directory = dirname(directory)) {
      try {
        await rmdir(directory);
      } catch {
        break; // not empty (or already gone): the directories above are not empty either
      }
    }
  }

  private uploadPath(bucket: string, uploadId: string): string {
    if (!UPLOAD_ID.test(uploadId ?? '')) {
      throw s3Error('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', 404, { UploadId: uploadId });
    }
    return join(this.getResourcePath(bucket, undefined, 'uploads'), uploadId);
  }

  /** Writes the content next to its place and renames it there, checking a signed SHA-256 first. */
  private async writeVerified(target: string, content: Readable | Buffer): Promise<{ size: number; md5: string }> {
    const partial = `${target}.${randomBytes(6).toString('hex')}.partial`;
    const md5 = createHash('md5');
    const sha256 = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        md5.update(chunk);
        sha256.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await mkdir(dirname(target), { recursive: true });
      await pipeline(Buffer.isBuffer(content) ? [content] : content, meter, createWriteStream(partial));
      const expected = Buffer.isBuffer(content) ? undefined : signedBodySha256.get(content);
      if (expected !== undefined && sha256.digest('hex') !== expected) {
        throw s3Error('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
      }
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      if (error instanceof S3Error) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      // A path the file system refuses (too long in total, a file where a directory must be) is the client's.
      if (code === 'ENAMETOOLONG' || code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') {
        throw s3Error('InvalidArgument', `this key cannot be stored by the local emulator (${code})`, 400);
      }
      throw error;
    }
    return { size, md5: md5.digest('hex') };
  }
}
