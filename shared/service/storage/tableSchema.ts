/**
 * The DynamoDB tables, as plain data: the one source of truth that the CDK stack (infra/) and the local
 * stack (infra/local/) both build their tables from, and that the storage adapters query.
 *
 * Access patterns (pattern → key or index that serves it; no request path scans):
 * - article by id (GET /articles/{id})            → Articles, key `id`
 * - articles of an upload, newest first            → its status's `articleIds` (the first REPORT_LIMITS.listedArticleIds
 *                                                   positions, newest first, read by id), and Articles GSI `byUpload`
 *                                                   (`uploadKey`, `sortKey`), sparse: the articles past that list, and
 *                                                   all of an upload read in pieces or of a status written before
 *                                                   (`articleIdsUnindexed` absent); what runs that died left at listed
 *                                                   positions is found by id from the status's `writers` (articleStore.ts)
 * - articles in a language, newest first, by date → Articles GSI `byLang` (`lang`, `sortKey` between from/to)
 * - articles of a source, newest first, by date   → Articles GSI `bySource` (`sourceKey`, `sortKey`)
 * - all articles, newest first, by date           → `byLang` again: one Query per language, merged by `sortKey`
 *                                                   (api/feedMerge.ts); the languages are one item's (id
 *                                                   `registry#languages`, languageRegistry.ts), written when a
 *                                                   process first sees a language: no index entry of its own,
 *                                                   and no single hot partition that every article is written to
 * - articles with a tag, newest first, by date    → Articles GSI `byTag` (`tagKey`, `sortKey`) over tag items
 * - earlier copies of an arriving article         → Articles GSI `byStoryKey` (`storyKey`, `sortKey`): each article's
 *                                                   one story key, with its story and signature (shared/core/story)
 * - copies of a story, newest first, and how many → `byStoryKey` again: a story lies inside its key's partition
 *                                                   (that of its first article), filtered on the story (storyStore.ts)
 * - combined filters                              → the most selective index above, the rest as a filter
 * - upload status by key (GET /uploads/{key})      → Uploads, key `key`
 * - recent uploads, newest first                   → Uploads GSI `byUpdated` (`feed`, `updatedAt`), sparse: `updatedAt`
 *                                                   is written when a run ends (uploadStore.ts, PENDING_AT)
 *
 * `sortKey` is `<published date or 0000-00-00>#<id>`: ordering by it is "newest first" with a stable tie-break,
 * and date ranges are `BETWEEN from AND to + '\uffff'`.
 */

type AttributeType = 'S' | 'N';

export interface KeyAttribute {
  name: string;
  type: AttributeType;
}

export interface IndexSchema {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  /** Non-key attributes projected into the index (INCLUDE); absent means ALL. */
  nonKeyAttributes?: string[];
}

export interface TableSchema {
  /** Logical name: CDK construct id, and the local table name after the local prefix. */
  logicalName: string;
  partitionKey: KeyAttribute;
  indexes: IndexSchema[];
}

const sortKey: KeyAttribute = { name: 'sortKey', type: 'S' };
/**
 * Article indexes carry only the list view (the record without its body), the filter values, the
 * generation fields readers need (articleItems.ts), and where bodies kept in S3 are (so removing an upload's
 * records can remove their bodies): list queries read small items and the bodies are written once.
 */
const ARTICLE_VIEW_ATTRIBUTES = ['view', 'match', 'bodyRef', 'gen', 'prev', 'prevBodyRef'];

/**
 * What `byStoryKey` carries besides its keys: the article's MinHash signature and its story when that is
 * another article's (`storyOf`; else the story is the article's id). `storyId`, the story on items written
 * before, stays in the projection so that a deployed index needs no rebuild.
 */
const STORY_KEY_ATTRIBUTES = ['storyId', 'storySignature', 'storyOf'];

/** The story key index (keyed on the article attribute `storyKey`). */
export const STORY_KEY_INDEX = 'byStoryKey';

/**
 * The entries of story `:s` in its key's partition of `byStoryKey`: those that name it (`storyOf`, or
 * `storyId` on items written before), and its first article, which carries neither (its story is its id).
 */
export const STORY_FILTER = {
  expression: '#so = :s OR (attribute_not_exists(#so) AND (#si = :s OR #id = :s))',
  names: { '#so': 'storyOf', '#si': 'storyId', '#id': 'id' },
};

export const ARTICLES_TABLE: TableSchema = {
  logicalName: 'Articles',
  partitionKey: { name: 'id', type: 'S' },
  indexes: [
    { indexName: 'byUpload', partitionKey: { name: 'uploadKey', type: 'S' }, sortKey, nonKeyAttributes: ARTICLE_VIEW_ATTRIBUTES },
    { indexName: 'byLang', partitionKey: { name: 'lang', type: 'S' }, sortKey, nonKeyAttributes: ARTICLE_VIEW_ATTRIBUTES },
    { indexName: 'bySource', partitionKey: { name: 'sourceKey', type: 'S' }, sortKey, nonKeyAttributes: ARTICLE_VIEW_ATTRIBUTES },
    { indexName: 'byTag', partitionKey: { name: 'tagKey', type: 'S' }, sortKey, nonKeyAttributes: ARTICLE_VIEW_ATTRIBUTES },
    // Only what checking a candidate and listing a story need: a small projection, one write unit per article.
    { indexName: STORY_KEY_INDEX, partitionKey: { name: 'storyKey', type: 'S' }, sortKey, nonKeyAttributes: STORY_KEY_ATTRIBUTES },
  ],
};

/**
 * Indexes a table had and has no more, as they were last deployed, by table (`logicalName`). CloudFormation
 * deletes at most one global secondary index of a table per stack update, so a stack deployed with several
 * of them keeps all but one a deploy longer (`-c keepIndexes=…`, infra/app.ts) and loses one per deploy.
 * Nothing reads them; what the items still carry of their keys is written to them until they are gone.
 */
export const RETIRED_INDEXES: Readonly<Record<string, readonly IndexSchema[]>> = {
  Articles: [
    { indexName: 'byPublished', partitionKey: { name: 'feed', type: 'S' }, sortKey, nonKeyAttributes: ARTICLE_VIEW_ATTRIBUTES },
    { indexName: 'byStory', partitionKey: { name: 'storyOf', type: 'S' }, sortKey, nonKeyAttributes: ARTICLE_VIEW_ATTRIBUTES },
    { indexName: 'byStoryKey2', partitionKey: { name: 'storyKey2', type: 'S' }, sortKey, nonKeyAttributes: STORY_KEY_ATTRIBUTES },
  ],
};

export const UPLOADS_TABLE: TableSchema = {
  logicalName: 'Uploads',
  partitionKey: { name: 'key', type: 'S' },
  indexes: [
    { indexName: 'byUpdated', partitionKey: { name: 'feed', type: 'S' }, sortKey: { name: 'updatedAt', type: 'S' } },
  ],
};

/** Environment variables through which the functions learn their resources (same names in AWS and locally). */
export const ENV = {
  articlesTable: 'ARTICLES_TABLE',
  uploadsTable: 'UPLOADS_TABLE',
  bucket: 'BUCKET_NAME',
  uploadPrefix: 'UPLOAD_PREFIX',
  bodiesPrefix: 'BODIES_PREFIX',
  profilesPrefix: 'PROFILES_PREFIX',
} as const;

/** Environment variables of the ingest function alone. */
export const INGEST_ENV = {
  /** The ingest queue's receives before dead-lettering (its redrive policy's maxReceiveCount). */
  maxReceives: 'INGEST_MAX_RECEIVES',
} as const;

/** Where raw uploads go; the pipeline writes only outside it (no recursive trigger). */
export const DEFAULT_UPLOAD_PREFIX = 'incoming/';
/** Where bodies too large for a DynamoDB item are kept. */
export const DEFAULT_BODIES_PREFIX = 'bodies/';
/** Where users keep their source profiles (CONTRACT.md section 5): outside the upload prefix, never ingested. */
export const DEFAULT_PROFILES_PREFIX = 'profiles/';

/**
 * What each function's storage calls do to a table (least privilege, read by infra/constructs to build the
 * roles): DynamoDB actions on the table itself, and the indexes it queries. The adapters in this folder make
 * no other DynamoDB request (test/unit/storage/tableAccess.test.ts checks the commands they send), and none
 * scans or reads a stream.
 */
export interface TableAccess {
  /** Actions on the table's items, e.g. `dynamodb:GetItem`. */
  item: readonly string[];
  /** Indexes that get `dynamodb:Query`. */
  queryIndexes: readonly string[];
}

export type FunctionTableAccess = Record<'articles' | 'uploads', TableAccess>;

/**
 * Ingest: putArticles/deleteItems/deleteArticles (BatchGetItem, BatchWriteItem; UpdateItem of the language
 * registry), listUploadArticles (Query `byUpload`), the story stage (storyStore.ts: Query on `byStoryKey`, UpdateItem
 * to merge stories); getUpload (GetItem) and claim/finish/plan/mark calls (UpdateItem) on upload statuses.
 */
export const INGEST_TABLE_ACCESS: FunctionTableAccess = {
  articles: { item: ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:UpdateItem'], queryIndexes: ['byUpload', STORY_KEY_INDEX] },
  uploads: { item: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], queryIndexes: [] },
};

/**
 * API: getArticle and listLanguages (GetItem), the articles a tag or story query's entries name, an upload's
 * listed articles and the keys of listed stories (BatchGetItem), and list queries on every article index;
 * getUpload and getUploadListing (GetItem), committedRuns (BatchGetItem, which both article reads call) and
 * listUploads (Query `byUpdated`).
 */
export const API_TABLE_ACCESS: FunctionTableAccess = {
  articles: { item: ['dynamodb:GetItem', 'dynamodb:BatchGetItem'], queryIndexes: ARTICLES_TABLE.indexes.map((i) => i.indexName) },
  uploads: { item: ['dynamodb:GetItem', 'dynamodb:BatchGetItem'], queryIndexes: ['byUpdated'] },
};
