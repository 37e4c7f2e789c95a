/**
 * Reads uploaded objects from the drop bucket. Size is checked before the body is read, so an oversized
 * upload fails fast with a reason instead of exhausting the function's memory.
 */
import { GetObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { BadInputError } from '../errors.js';
import type { AwsClients } from './awsClients.js';

export interface StoredObject {
  bytes: Uint8Array;
  lastModified?: Date;
  contentType?: string;
}

const isMissing = (e: unknown) =>
  e instanceof NoSuchKey || ['NoSuchKey', 'NoSuchVersion', 'NotFound'].includes((e as Error)?.name);

/** The object's bytes, or null when it (or that version) no longer exists. */
export async function readObject(
  c: AwsClients, bucket: string, key: string, versionId: string | undefined, maxBytes: number,
): Promise<StoredObject | null> {
  try {
    const out = await c.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }));
    if (out.ContentLength !== undefined && out.ContentLength > maxBytes) {
      out.Body && 'destroy' in out.Body && (out.Body as { destroy: () => void }).destroy();
      throw new BadInputError(`the upload is ${out.ContentLength} bytes, over the ${maxBytes}-byte limit`);
    }
    const bytes = await out.Body!.transformToByteArray();
    return { bytes, lastModified: out.LastModified, contentType: out.ContentType };
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/**
 * A presigned PUT for one upload. The signature covers Content-Length, so the URL accepts exactly the
 * declared size: the size limit holds even though the bytes never pass through the API.
 */
export async function presignUpload(
  c: AwsClients, bucket: string, key: string, size: number, contentType: string | undefined, expiresIn: number,
): Promise<{ url: string; headers: Record<string, string> }> {
  // Content-Length is signed but not returned: every HTTP client sends it for the body by itself.
  const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
  const url = await getSignedUrl(c.s3, new PutObjectCommand({ Bucket: bucket, Key: key, ContentLength: size, ContentType: contentType }), {
    expiresIn, signableHeaders: new Set(['content-length', ...(contentType ? ['content-type'] : [])]),
  });
  return { url, headers };
}
