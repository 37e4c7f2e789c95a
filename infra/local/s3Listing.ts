/**
 * ListObjectsV2 paging for s3rver. s3rver ciphers its continuation tokens with DES, which OpenSSL 3 (Node
 * 17 and later) no longer has: every truncated V2 listing (more than MaxKeys, 1,000 by default) answered 500,
 * so a bucket of 1,001 uploads could not even be listed at start-up. This Koa middleware, placed just before
 * s3rver's router, turns a continuation token back into the key to start after, keeps s3rver from making
 * a token of its own, and answers with one of ours: the last key listed, base64url-encoded (opaque to
 * clients, as S3's are).
 */
import S3Error from 's3rver/lib/models/error.js';

const TOKEN_PREFIX = 'sift:';

export function continuationToken(lastKey: string): string {
  return Buffer.from(TOKEN_PREFIX + lastKey, 'utf8').toString('base64url');
}

/** The key a token starts after, or null when it is not a token we issued. */
export function keyOfToken(token: string): string | null {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  return text.startsWith(TOKEN_PREFIX) && continuationToken(text.slice(TOKEN_PREFIX.length)) === token ? text.slice(TOKEN_PREFIX.length) : null;
}

interface ListResult { objects: { key: string }[]; isTruncated: boolean }
interface Store { listObjects(bucket: string, options: object): Promise<ListResult> }
interface Context {
  method: string;
  params?: { bucket?: string; key?: string };
  path: string;
  query: Record<string, string | string[] | undefined>;
  store: Store;
  body: unknown;
}

const isBucketListV2 = (ctx: Context) => ctx.method === 'GET' && ctx.query['list-type'] === '2' && /^\/[^/]+\/?$/.test(ctx.path);

export async function listV2Paging(ctx: Context, next: () => Promise<void>): Promise<void> {
  if (!isBucketListV2(ctx)) return next();
  const given = ctx.query['continuation-token'];
  const query = { ...ctx.query };
  if (typeof given === 'string') {
    const startAfter = keyOfToken(given);
    if (startAfter === null) {
      throw Object.assign(new S3Error('InvalidArgument', 'The continuation token provided is incorrect', { ArgumentName: 'continuation-token' }), { status: 400 });
    }
    delete query['continuation-token'];
    query['start-after'] = startAfter;
    ctx.query = query;
  }
  // This request's store: the same one, but a truncated listing is reported here rather than to s3rver.
  let lastKey: string | undefined;
  const store = ctx.store;
  ctx.store = Object.assign(Object.create(store) as Store, {
    async listObjects(bucket: string, options: object) {
      const result = await store.listObjects(bucket, options);
      lastKey = result.isTruncated ? result.objects.at(-1)?.key : undefined;
      return { ...result, isTruncated: false };
    },
  });
  await next();
  const listing = (ctx.body as { ListBucketResult?: Record<string, unknown> } | undefined)?.ListBucketResult;
  if (!listing) return;
  if (typeof given === 'string') Object.assign(listing, { ContinuationToken: given, StartAfter: undefined });
  if (lastKey !== undefined) Object.assign(listing, { IsTruncated: true, NextContinuationToken: continuationToken(lastKey) });
}
