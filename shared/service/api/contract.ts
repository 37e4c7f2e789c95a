/**
 * The API's shapes as zod schemas: one definition validates requests, types the handlers, and generates
 * the OpenAPI document (shared/service/api/openapi.ts) that the tests check responses against.
 */
import * as z from 'zod';
import {
  type ArticleImage, type ArticleRecord as ArticleRecordModel, EXTRACT_LIMITS, lazy, type RelatedHeadline,
  SCRAPE_FORMATS,
} from '../../core/index.js';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
/** Largest object a presigned upload may carry: the largest upload the core reads. */
const MAX_PRESIGNED_UPLOAD_BYTES = EXTRACT_LIMITS.maxUploadBytes;

/** True when A and B are the same type (each assignable to the other): the record schemas are checked against the model at compile time. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** `Date.parse` rolls 2024-02-30 over to March; a real day survives the round trip. */
const isCalendarDay = (day: string) => {
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
};

/**
 * Every schema, built on first use: building them costs more than the rest of the API function's own cold
 * start (about 15 ms), and a container pays it with its first request that validates or documents one.
 */
export const apiSchemas = lazy(() => {
  const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/, 'must be a date such as 2025-06-20')
    .refine((v) => isCalendarDay(v.slice(0, 10)), 'must be a real calendar date')
    .transform((v) => v.slice(0, 10));
  const filterText = z.string().trim().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters');

  /** Items per page, for every list route. */
  const pageLimit = z.coerce.number().int('must be a whole number').min(1, `must be from 1 to ${MAX_LIMIT}`)
    .max(MAX_LIMIT, `must be from 1 to ${MAX_LIMIT}`).default(DEFAULT_LIMIT).describe('Items per page');

  const ListArticlesQuery = z.strictObject({
    source: filterText.optional().describe('Publisher or site name, case-insensitive'),
    lang: z.string().regex(/^[a-zA-Z]{2,3}$/, "must be a 2- or 3-letter language code such as 'ar' or 'en'")
      .transform((v) => v.toLowerCase()).optional().describe('BCP 47 primary language'),
    tag: filterText.optional().describe('A tag the article carries, case-insensitive'),
    from: isoDay.optional().describe('Earliest publication date (inclusive)'),
    to: isoDay.optional().describe('Latest publication date (inclusive)'),
    upload: filterText.optional().describe('The upload (object key) the articles came from'),
    story: z.string().regex(/^[0-9a-f]{32}$/, 'must be a story id (32 hex digits, as in a record\'s `story`)').optional()
      .describe("A story id: that story's copies, newest first"),
    distinct: z.enum(['story']).optional().describe('`story`: one article per story (the article that named it), with `copies`'),
    limit: pageLimit,
    cursor: z.string().min(1).max(4096).optional().describe('`nextCursor` of the previous page of the same query'),
  }).refine((q) => !q.from || !q.to || q.from <= q.to, { message: "is after 'to'", path: ['from'] });

  const ListUploadsQuery = z.strictObject({
    limit: pageLimit,
    cursor: z.string().min(1).max(4096).optional(),
  });

  const CreateUploadBody = z.strictObject({
    name: z.string().trim().min(1).max(200).describe('File name to keep in the key'),
    size: z.number().int().min(1).max(MAX_PRESIGNED_UPLOAD_BYTES).describe('Exact size in bytes; the URL accepts only this size'),
    contentType: z.string().max(200).optional(),
  });

  const Related = z.object({ title: z.string(), url: z.string().nullable() });
  const Image = z.object({ url: z.string().nullable(), caption: z.string().nullable(), credit: z.string().nullable() });

  const ArticleView = z.object({
    id: z.string(),
    upload: z.object({ bucket: z.string(), key: z.string(), versionId: z.string().optional(), index: z.number().int() }),
    title: z.string(),
    headings: z.array(z.string()),
    published: z.string().nullable(),
    publishedText: z.string().nullable(),
    authors: z.array(z.string()),
    source: z.string().nullable(),
    url: z.string().nullable(),
    lang: z.string(),
    dir: z.enum(['rtl', 'ltr']),
    tags: z.array(z.string()),
    related: z.array(Related),
    images: z.array(Image).describe("The article's figures; captions and credits are not in `text`"),
    wordCount: z.number().int(),
    contentHash: z.string(),
    story: z.string().describe('Shared by every copy of the same story (exact or near copies, any format or boilerplate): the id of its first article'),
    copies: z.number().int().min(1).optional().describe('How many articles the story has'),
    summary: z.string().nullable(),
    profile: z.string().nullable().describe('The source profile that extracted the article, or null for the generic extractor'),
    contentField: z.string().nullable().describe('The JSON / JSON Lines record field the text came from (text, body, html…), or null outside scraper exports'),
    format: z.enum(SCRAPE_FORMATS),
    encoding: z.string(),
    extractorVersion: z.string(),
  });

  const ArticleRecord = ArticleView.extend({ text: z.string(), paragraphs: z.array(z.string()) });
  // The record's shape is model.ts's ArticleRecord: tsc fails here when a field is added to one and not the other.
  const sameShapes: [Same<z.output<typeof ArticleRecord>, ArticleRecordModel>, Same<z.output<typeof Image>, ArticleImage>, Same<z.output<typeof Related>, RelatedHeadline>] = [true, true, true];
  void sameShapes;

  const ArticleList = z.object({ items: z.array(ArticleView), nextCursor: z.string().nullable() });

  const UploadStatus = z.object({
    key: z.string(),
    status: z.enum(['PENDING', 'PROCESSED', 'FAILED', 'DELETED']),
    error: z.string().optional(),
    articleIds: z.array(z.string()),
    articleCount: z.number().int(),
    articleIdsTruncated: z.boolean().optional(),
    format: z.enum(SCRAPE_FORMATS).optional(),
    encoding: z.string().optional(),
    documents: z.number().int().optional(),
    documentErrors: z.array(z.object({ position: z.number().int(), error: z.string() })).optional(),
    warnings: z.array(z.string()).optional().describe('What a person should know: no article and why, documents that gave none or could not be read'),
    hosts: z.array(z.string()).optional().describe("The hosts of its articles' URLs, sorted (the first ones when there are many: then `hostsTruncated`); absent on uploads processed before hosts were kept"),
    hostsTruncated: z.boolean().optional().describe('`hosts` is not all of them'),
    versionId: z.string().optional(),
    updatedAt: z.string(),
  });

  const UploadList = z.object({ items: z.array(UploadStatus), nextCursor: z.string().nullable() });

  const PresignedUpload = z.object({
    key: z.string(),
    url: z.string(),
    method: z.literal('PUT'),
    headers: z.record(z.string(), z.string()),
    expiresIn: z.number().int(),
  });

  const Problem = z.object({ type: z.string(), status: z.number().int(), title: z.string(), detail: z.string() });
  return { ListArticlesQuery, ListUploadsQuery, CreateUploadBody, ArticleView, ArticleRecord, ArticleList, UploadStatus, UploadList, PresignedUpload, Problem };
});

/** Turns a zod failure into the sentence a 400 carries, naming the parameter. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') return `unknown parameter ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    const name = issue.path.join('.');
    return name ? `'${name}' ${issue.message}` : issue.message;
  }).join('; ');
}

type HttpMethod = 'GET' | 'POST';

/** One API route: what it accepts and answers. The handlers (routes.ts) and the OpenAPI document both read it. */
export interface RouteDefinition {
  operationId: string;
  method: HttpMethod;
  /** API Gateway style: `{name}` is one segment, `{name+}` the rest of the path. */
  path: string;
  summary: string;
  query?: z.ZodType;
  body?: z.ZodType;
  pathParams?: Record<string, string>;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  /** Served without credentials (it holds no data). */
  public?: boolean;
}

type Schemas = ReturnType<typeof apiSchemas>;
type SchemaParts = Pick<RouteDefinition, 'query' | 'body' | 'responses'>;

/** A route whose schemas (`query`, `body`, `responses`) are read from `apiSchemas` when first asked for: routing needs none. */
function route(fixed: Omit<RouteDefinition, keyof SchemaParts>, parts: (s: Schemas) => SchemaParts): RouteDefinition {
  const built = lazy(() => parts(apiSchemas()));
  return { ...fixed, get query() { return built().query; }, get body() { return built().body; }, get responses() { return built().responses; } };
}

const problems = (s: Schemas) => ({
  400: { description: 'A parameter is invalid', schema: s.Problem },
  401: { description: 'No valid credentials', schema: s.Problem },
});

export const API_ROUTES: RouteDefinition[] = [
  route({
    operationId: 'listArticles', method: 'GET', path: '/articles', summary: 'Articles, newest first, filtered and paginated',
  }, (s) => ({
    query: s.ListArticlesQuery,
    responses: { 200: { description: 'A page of articles (records without text and paragraphs)', schema: s.ArticleList }, ...problems(s) },
  })),
  route({
    operationId: 'getArticle', method: 'GET', path: '/articles/{id}', summary: 'One article record',
    pathParams: { id: 'The article id' },
  }, (s) => ({
    responses: { 200: { description: 'The full record', schema: s.ArticleRecord }, 404: { description: 'No such article', schema: s.Problem }, ...problems(s) },
  })),
  route({
    operationId: 'listUploads', method: 'GET', path: '/uploads', summary: 'Recent uploads, newest first',
  }, (s) => ({
    query: s.ListUploadsQuery,
    responses: { 200: { description: 'A page of upload statuses', schema: s.UploadList }, ...problems(s) },
  })),
  route({
    operationId: 'createUpload', method: 'POST', path: '/uploads', summary: 'A presigned URL to upload one scrape of an exact size',
  }, (s) => ({
    body: s.CreateUploadBody,
    responses: { 201: { description: 'Where and how to PUT the file', schema: s.PresignedUpload }, ...problems(s) },
  })),
  route({
    operationId: 'getUpload', method: 'GET', path: '/uploads/{key+}', summary: "One upload's status, reason and article ids",
    pathParams: { key: 'The object key, URL-encoded' },
  }, (s) => ({
    responses: { 200: { description: 'The upload status', schema: s.UploadStatus }, 404: { description: 'No such upload', schema: s.Problem }, ...problems(s) },
  })),
  route({
    operationId: 'getOpenApi', method: 'GET', path: '/openapi.json', summary: 'This document',
  }, (s) => ({
    responses: { 200: { description: 'OpenAPI 3.1', contentType: 'application/json' }, 401: problems(s)[401] },
  })),
  route({
    operationId: 'getReader', method: 'GET', path: '/reader', summary: 'The reader page (HTML; it asks for the token and calls the JSON routes)',
    public: true,
  }, () => ({
    responses: { 200: { description: 'A self-contained HTML page holding no data', contentType: 'text/html' } },
  })),
];
