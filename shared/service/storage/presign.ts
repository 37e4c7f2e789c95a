/**
 * Presigned uploads (the API's): apart from objectStore.ts so the ingest function, which never signs a URL,
 * does not load @aws-sdk/s3-request-presigner on its cold start.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { AwsClients } from './awsClients.js';

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
