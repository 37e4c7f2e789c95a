/**
 * Reads uploaded objects from the drop bucket. Size is checked before the body is read, so an oversized
 * upload fails fast with a reason instead of exhausting the function's memory.
 */
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
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
