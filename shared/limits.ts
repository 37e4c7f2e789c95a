/**
 * The bounds of the extraction core, in one place (no imports, so every layer can read it): what one upload
 * and one document may cost before Sift stops and says why, instead of exhausting the function's memory
 * (1,769 MB) or time (120 s). The figures behind them are measured by `npm run bench`.
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
