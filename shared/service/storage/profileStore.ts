/**
 * Source profile documents kept as objects under the profiles prefix of the drop bucket (CONTRACT.md
 * section 5). Listing gives each object's ETag, so a document that did not change is not downloaded again.
 */
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { AwsClients } from './awsClients.js';

export interface StoredProfile {
  key: string;
  etag: string;
  /** The document's text. */
  content: string;
}

/** Profile documents read at most: far more sites than one team follows, and still one quick listing. */
const MAX_STORED_PROFILES = 1000;
/** A profile document is small; a bigger object under the prefix is read only this far (and then refused as invalid). */
const MAX_PROFILE_BYTES = 256 * 1024;

/**
 * Every `*.json` object under `prefix`, in key order. `known` holds the documents read before: those whose
 * ETag is unchanged are reused. An object that vanished between list and get is left out.
 */
export async function readStoredProfiles(
  c: AwsClients, bucket: string, prefix: string, known: ReadonlyMap<string, StoredProfile> = new Map(),
): Promise<StoredProfile[]> {
  const listed: { key: string; etag: string }[] = [];
  let token: string | undefined;
  do {
    const page = await c.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key?.endsWith('.json')) listed.push({ key: o.Key, etag: o.ETag ?? '' });
    token = page.NextContinuationToken;
  } while (token && listed.length < MAX_STORED_PROFILES);
  const out: StoredProfile[] = [];
  for (const { key, etag } of listed.slice(0, MAX_STORED_PROFILES).sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const before = known.get(key);
    if (before && before.etag === etag && etag) { out.push(before); continue; }
    try {
      const got = await c.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${MAX_PROFILE_BYTES - 1}` }));
      out.push({ key, etag: got.ETag ?? etag, content: (await got.Body?.transformToString('utf8')) ?? '' });
    } catch (error) {
      if (['NoSuchKey', 'NotFound'].includes((error as Error)?.name)) continue;
      throw error;
    }
  }
  return out;
}
