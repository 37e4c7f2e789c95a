/**
 * Sift's limits and thresholds, in one place with their reasons (no imports, so every layer can read it).
 * These are the defaults: the core takes its bounds as an options object (`ExtractOptions.limits`), and the
 * environment is read by the handlers and the local stack only.
 */

/**
 * The bounds of the extraction core: what one upload and one document may cost before Sift stops and says
 * why, instead of exhausting the function's memory (1,769 MB) or time (120 s). The figures behind them are
 * measured by `npm run bench`.
 */
export const EXTRACT_LIMITS = {
  /** Largest upload read at all (compressed size). */
  maxUploadBytes: 1024 * 1024 * 1024,
  /** Decompressed bytes per upload (or per piece of a split upload): the gzip-bomb bound. */
  maxDecompressedBytes: 256 * 1024 * 1024,
  /** Documents (JSONL lines, WARC records, JSON page objects) per upload. */
  maxDocuments: 100_000,
  /**
   * One document, whatever holds it: a JSONL line, a WARC record, a page object's text, a whole text or
   * HTML upload. Bigger ones are skipped with a document error (a whole-file upload fails), checked while
   * the bytes stream in. Extraction costs about 2 s and 40 MB of heap per MB of text, so 32 MiB stays
   * within the function's time and memory; 250 MB of text in one document did not.
   */
  maxDocumentBytes: 32 * 1024 * 1024,
  /**
   * A plain-text upload bigger than this is read in regions of about this size, cut at page breaks
   * (format/textRegions.ts), each extracted on its own: memory stays at one region whatever the upload's
   * size, and a split upload's pieces are whole regions. About 5 s of extraction on one core.
   */
  textRegionBytes: 2 * 1024 * 1024,
} as const;

/**
 * A page Sift fetches itself (`sift profile test URL`, to check a profile against the live site): how long
 * the whole fetch may take, redirects and body included, and the most bytes read, the one-document bound
 * (a bigger page would be skipped as a document anyway).
 */
export const FETCH_LIMITS = {
  timeoutMs: 20_000,
  maxBytes: EXTRACT_LIMITS.maxDocumentBytes,
} as const;

/** How much of an upload's start decides how it is read. */
export const SNIFF = {
  /**
   * Bytes of the head that decide the format, whether a text upload is read in regions and whether an upload
   * splits into pieces: the same bytes for every reader, so a piece run and a whole-file run agree.
   */
  headBytes: 64 * 1024,
  /** Characters of the decoded head the format is told from (a cut head needs only these decoded). */
  formatChars: 64 * 1024,
} as const;

/** How much of what went wrong an upload's outcome keeps. */
export const REPORT_LIMITS = {
  /** Document errors an upload's summary keeps (the rest are counted): what the command line prints. */
  keptDocumentErrors: 100,
  /** Document errors the status item lists: it holds one report per piece and stays far under DynamoDB's 400 KB item. */
  listedDocumentErrors: 50,
  /** Hosts the status item lists. */
  listedHosts: 100,
  /** Article ids the status item lists (the rest: `articleIdsTruncated`). */
  listedArticleIds: 2000,
} as const;

/** Thresholds of text similarity (Readability's `_textSimilarity`: the share of B's words found in A). */
export const SIMILARITY = {
  /** Above this, a heading or a meta title is the same headline as another (Readability's 0.75). */
  sameTitle: 0.75,
} as const;

/** How the streaming core hands out records. */
export const STREAM_SETTINGS = {
  /** Records per `articles` event: small enough that a consumer stores them as they come. */
  recordsPerEvent: 25,
} as const;
