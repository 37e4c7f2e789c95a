/**
 * Reads uploaded objects from the drop bucket. Size is checked before the body is read, so an oversized
 * upload fails fast with a reason instead of exhausting the function's memory. Presigned uploads are in
 * presign.ts: the presigner is the API's alone, and the ingest function would load it on every cold start.
 */
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import { BadInputError } from '../../core/index.js';
import type { AwsClients } from './awsClients.js';

export interface OpenedObject {
  /** The body as it downloads: memory stays bounded whatever the object's size. */
  body: AsyncIterable<Uint8Array>;
  contentLength?: number;
  lastModified?: Date;
  contentType?: string;
}

const isMissing = (e: unknown) =>
  e instanceof NoSuchKey || ['NoSuchKey', 'NoSuchVersion', 'NotFound'].includes((e as Error)?.name);

/** Opens the object for streaming, or returns null when it (or that version) no longer exists. */
export async function openObject(
  c: AwsClients, bucket: string, key: string, versionId: string | undefined, maxBytes: number,
): Promise<OpenedObject | null> {
  try {
    const out = await c.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }));
    if (out.ContentLength !== undefined && out.ContentLength > maxBytes) {
      (out.Body as { destroy?: () => void } | undefined)?.destroy?.();
      throw new BadInputError(`the upload is ${out.ContentLength} bytes, over the ${maxBytes}-byte limit`);
    }
    return {
      body: out.Body as unknown as AsyncIterable<Uint8Array>,
      contentLength: out.ContentLength, lastModified: out.LastModified, contentType: out.ContentType,
    };
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

export interface OpenedRange extends OpenedObject {
  /** The whole object's size (from Content-Range), whatever part of it was asked for. */
  size: number;
}

/**
 * Opens bytes `start`…`end` (inclusive; `end` omitted: to the object's end) for streaming: a piece of a big
 * upload, or its first bytes. A range past the end is cut to the object by S3; a range that starts past
 * the end (or any range of an empty object) reads as no bytes. Null when the object (version) is gone.
 */
export async function openObjectRange(
  c: AwsClients, bucket: string, key: string, versionId: string | undefined, start: number, end?: number,
): Promise<OpenedRange | null> {
  try {
    const out = await c.s3.send(new GetObjectCommand({
      Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}), Range: `bytes=${start}-${end ?? ''}`,
    }));
    const total = /\/(\d+)$/.exec(out.ContentRange ?? '')?.[1];
    return {
      body: out.Body as unknown as AsyncIterable<Uint8Array>,
      size: total !== undefined ? Number(total) : (out.ContentLength ?? 0),
      contentLength: out.ContentLength, lastModified: out.LastModified, contentType: out.ContentType,
    };
  } catch (error) {
    if (isMissing(error)) return null;
    if ((error as Error)?.name === 'InvalidRange') return { body: (async function* () {})(), size: 0 };
    throw error;
  }
}

/** Bytes `start`…`end` (inclusive) of an object, in memory (small ranges only: a format sniff). */
export async function readRange(
  c: AwsClients, bucket: string, key: string, versionId: string | undefined, start: number, end: number,
): Promise<{ bytes: Uint8Array; size: number; lastModified?: Date } | null> {
  const opened = await openObjectRange(c, bucket, key, versionId, start, end);
  if (!opened) return null;
  const parts: Uint8Array[] = [];
  for await (const chunk of opened.body) parts.push(chunk);
  return { bytes: Buffer.concat(parts), size: opened.size, lastModified: opened.lastModified };
}
