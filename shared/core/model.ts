/**
 * The domain types that flow through the pipeline:
 * bytes → DecodedScrape → ScrapeDocument[] → ExtractedArticle[] → ArticleRecord[].
 * The record shape is the outside contract (../shared/CONTRACT.md section 1).
 */

/** Input formats Sift recognises (CONTRACT.md section 2). */
export const SCRAPE_FORMATS = ['text', 'html', 'json', 'jsonl', 'warc'] as const;
export type ScrapeFormat = (typeof SCRAPE_FORMATS)[number];

/** Where an upload came from. `versionId` is set for versioned buckets. */
export interface UploadRef {
  bucket: string;
  key: string;
  versionId?: string;
}

export interface RelatedHeadline {
  title: string;
  url: string | null;
}

/** One figure of an article: its picture, caption and credit (each may be unknown). Captions and credits are not body text. */
export interface ArticleImage {
  url: string | null;
  caption: string | null;
  credit: string | null;
}

/** One block of an article body, in reading order. */
export interface BodyBlock {
  kind: 'heading' | 'paragraph';
  text: string;
}

/**
 * What an extractor (text or HTML) finds for one article, before ids and hashes are attached.
 * `blocks` is the body in reading order; paragraphs and headings are derived from it.
 */
export interface ExtractedArticle {
  title: string;
  blocks: BodyBlock[];
  published: string | null;
  publishedText: string | null;
  authors: string[];
  source: string | null;
  url: string | null;
  tags: string[];
  related: RelatedHeadline[];
  /** The article's figures; extractors that see none leave it out. */
  images?: ArticleImage[];
  /** Set when the document declares it (html lang); otherwise detected from the text. */
  lang?: string | null;
  dir?: 'rtl' | 'ltr' | null;
  /** A short summary when the page gives one (meta description, standfirst). */
  summary?: string | null;
  /** The source profile that extracted it; absent or null: the generic extractor. */
  profile?: string | null;
  /** A profile matched the page but its body selector found nothing, so the generic extractor ran. */
  profileMiss?: string;
  /** The scraper-export field the body was read from (DocumentHints.contentField). */
  contentField?: string;
}

/**
 * Hints a container format (JSON export, WARC record, HTTP headers) gives about one document.
 * Extractors treat them as defaults that the document itself may refine.
 */
export interface DocumentHints {
  url?: string | null;
  title?: string | null;
  published?: string | null;
  authors?: string[];
  source?: string | null;
  lang?: string | null;
  /** The crawl or upload time: dates after it are implausible. */
  fetchedAt?: Date;
  /** The scraper-export field the content came from (`text`, `html`…): set only for records of a JSON export. */
  contentField?: string;
}

/** One document inside an upload: a whole file, one JSONL line, one WARC response. */
export interface ScrapeDocument {
  kind: 'text' | 'html';
  content: string;
  hints: DocumentHints;
}

/** The contract's article record. */
export interface ArticleRecord {
  id: string;
  upload: UploadRef & { index: number };
  title: string;
  text: string;
  paragraphs: string[];
  headings: string[];
  published: string | null;
  publishedText: string | null;
  authors: string[];
  source: string | null;
  url: string | null;
  lang: string;
  dir: 'rtl' | 'ltr';
  tags: string[];
  related: RelatedHeadline[];
  images: ArticleImage[];
  wordCount: number;
  contentHash: string;
  /** Shared by every copy of the same story: the id of the story's first article (shared/core/story). */
  story: string;
  /** How many articles the story has, where the reader knows it (offline run, API). */
  copies?: number;
  summary: string | null;
  /** The source profile (CONTRACT.md section 5) that extracted the article, or null for the generic path. */
  profile: string | null;
  /** The field of a JSON / JSON Lines record its text came from (`text`, `body`, `html`…); null outside scraper exports. */
  contentField: string | null;
  /** The input format and text encoding the article was read from. */
  format: ScrapeFormat;
  encoding: string;
  /** The extractor version that made the record (reprocessing compares it). */
  extractorVersion: string;
}

/** The result of running the core over one upload. */
export interface UploadExtraction {
  format: ScrapeFormat;
  encoding: string;
  articles: ArticleRecord[];
  /** Documents in the upload that could not be read (a malformed JSONL line, a broken WARC record). */
  documentErrors: { position: number; error: string }[];
  documents: number;
  /** Pages a source profile matched but could not read (its body selector found nothing), by profile name. */
  profileMisses?: Record<string, number>;
  /** What a person should know about the upload: no article and why, documents that gave none or could not be read. */
  warnings: string[];
}
