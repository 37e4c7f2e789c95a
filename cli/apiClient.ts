/**
 * A small client for the Sift API (CONTRACT.md section 4): the bearer token locally, SigV4 (`execute-api`)
 * against a deployed stack. Problems come back as `ApiRequestError` carrying the problem's detail.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ApiAuth } from './target.js';

export interface UploadStatus {
  key: string;
  status: 'PENDING' | 'PROCESSED' | 'FAILED' | 'DELETED';
  error?: string;
  articleIds: string[];
  articleCount?: number;
  articleIdsTruncated?: boolean;
  format?: string;
  encoding?: string;
  documents?: number;
  documentErrors?: { position: number; error: string }[];
  /** The hosts of its articles' URLs (absent: processed before hosts were kept); `hostsTruncated`: not all of them. */
  hosts?: string[];
  hostsTruncated?: boolean;
  versionId?: string;
  updatedAt: string;
}

/** An article as listed (the record without `text` and `paragraphs`). */
export interface ArticleItem {
  id: string;
  title: string;
  published: string | null;
  lang: string;
  source: string | null;
  story?: string;
  copies?: number;
  [field: string]: unknown;
}

export interface ArticleRecord extends ArticleItem {
  text: string;
  paragraphs: string[];
  headings: string[];
  authors: string[];
  tags: string[];
  url: string | null;
  dir: 'rtl' | 'ltr';
  publishedText: string | null;
  related: { title: string; url: string | null }[];
  upload: { bucket: string; key: string; versionId?: string; index: number };
}

export interface ArticlePage {
  items: ArticleItem[];
  nextCursor: string | null;
}

export type ArticleQuery = Partial<Record<'source' | 'lang' | 'tag' | 'from' | 'to' | 'upload' | 'story' | 'distinct' | 'cursor', string>> & { limit?: number };

export class ApiRequestError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** SHA-256 (and HMAC-SHA-256 with a key) for the signer, from node:crypto (no extra hashing package). */
export class Sha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    const key = typeof this.secret === 'string' ? this.secret
      : ArrayBuffer.isView(this.secret) ? Buffer.from(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength)
        : Buffer.from(this.secret);
    return createHmac('sha256', key);
  }
  update(data: string | Uint8Array) {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset() {
    this.hash = this.fresh();
  }
}

/** RFC 3986 encoding, as SigV4 canonicalises it (encodeURIComponent leaves !'()* alone). */
export const encodeRfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function createSigner(auth: Extract<ApiAuth, { kind: 'sigv4' }>): SignatureV4 {
  // No x-amz-content-sha256 header: as the AWS SDKs sign for every service but S3.
  return new SignatureV4({ service: 'execute-api', region: auth.region, credentials: auth.credentials, sha256: Sha256, applyChecksum: false });
}

export class ApiClient {
  private readonly signer?: SignatureV4;
  /** The base URL without trailing slashes (a deployed API's includes the stage: `https://…/prod`). */
  private readonly base: string;

  constructor(base: string, private readonly auth: ApiAuth, private readonly fetchFn: typeof fetch = fetch) {
    this.base = base.replace(/\/+$/, '');
    if (auth.kind === 'sigv4') this.signer = createSigner(auth);
  }

  /** `path` is the route with its segments already encoded (`/uploads/incoming%2Fa.txt`). */
  async request(method: string, path: string, query: Record<string, string | undefined> = {}, json?: unknown): Promise<{ status: number; body: unknown }> {
    const base = new URL(`${this.base}/`);
    const fullPath = `${base.pathname.replace(/\/$/, '')}${path}`;
    const params = Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
    const search = Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`).join('&');
    const url = `${base.origin}${fullPath}${search ? `?${search}` : ''}`;
    const payload = json === undefined ? undefined : JSON.stringify(json);
    const headers = await this.headers(method, base, fullPath, params, payload);
    let res: Response;
    try {
      res = await this.fetchFn(url, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new ApiRequestError(0, `cannot reach the API at ${this.base}${cause ? ` (${cause})` : ''}`
        + (this.auth.kind === 'bearer' ? '; is the local stack running? Start it with `npm start`' : ''));
    }
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    return { status: res.status, body };
  }

  private async headers(method: string, base: URL, path: string, query: Record<string, string>, body?: string): Promise<Record<string, string>> {
    const headers: Record<string, string> = { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) };
    if (this.auth.kind === 'bearer') return { ...headers, authorization: `Bearer ${this.auth.token}` };
    const signed = await this.signer!.sign({
      method, protocol: base.protocol, hostname: base.hostname, ...(base.port ? { port: Number(base.port) } : {}),
      path, query, headers: { ...headers, host: base.host }, ...(body !== undefined ? { body } : {}),
    });
    // fetch sends the same Host itself (it may not be set by hand).
    const { host: _host, ...rest } = signed.headers;
    return rest;
  }

  /** The body of a 2xx answer; otherwise an ApiRequestError with the problem's detail. */
  async get<T>(path: string, query?: Record<string, string | undefined>): Promise<T> {
    const { status, body } = await this.request('GET', path, query);
    if (status >= 200 && status < 300) return body as T;
    throw problemError(status, body);
  }

  listArticles(query: ArticleQuery): Promise<ArticlePage> {
    const { limit, ...rest } = query;
    return this.get<ArticlePage>('/articles', { ...rest, ...(limit !== undefined ? { limit: String(limit) } : {}) });
  }

  async getArticle(id: string): Promise<ArticleRecord | null> {
    return this.orNull(() => this.get<ArticleRecord>(`/articles/${encodeRfc3986(id)}`));
  }

  /** Recent uploads, newest first, following the cursors (for `reprocess --all` and `--prefix`). */
  async *uploads(): AsyncGenerator<UploadStatus> {
    let cursor: string | undefined;
    do {
      const page = await this.get<{ items: UploadStatus[]; nextCursor: string | null }>('/uploads', { limit: '100', ...(cursor ? { cursor } : {}) });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  async getUpload(key: string): Promise<UploadStatus | null> {
    return this.orNull(() => this.get<UploadStatus>(`/uploads/${encodeRfc3986(key)}`));
  }

  private async orNull<T>(load: () => Promise<T>): Promise<T | null> {
    try {
      return await load();
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 404) return null;
      throw error;
    }
  }
}

function problemError(status: number, body: unknown): ApiRequestError {
  const p = (body ?? {}) as { title?: string; detail?: string };
  if (status === 401 || status === 403) {
    return new ApiRequestError(status, `the API refused the credentials (${status}${p.detail ? `: ${p.detail}` : ''})`);
  }
  const detail = p.detail ?? (typeof body === 'string' && body ? body.slice(0, 200) : p.title);
  return new ApiRequestError(status, `the API answered ${status}${detail ? `: ${detail}` : ''}`);
}
