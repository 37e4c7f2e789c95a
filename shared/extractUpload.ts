/**
 * The core, one upload at a time: decode → detect format → split into documents → extract articles
 * (clean, segment, metadata) → records. Free of AWS: the Lambda, the command line and the local stack
 * all call this same function.
 */
import { BadInputError } from './errors.js';
import { decodeBytes, looksBinary } from './decode/decodeBytes.js';
import { detectFormat } from './format/detectFormat.js';
import { documentFromObject, pageObjectsOf } from './format/scraperJson.js';
import { extractFromHtml } from './html/extractHtml.js';
import type { ArticleRecord, ExtractedArticle, ScrapeDocument, ScrapeFormat, UploadExtraction, UploadRef } from './model.js';
import { toArticleRecord } from './records.js';
import { extractFromText } from './text/extractText.js';

export const DEFAULT_LIMITS = {
  /** Largest upload read at all (compressed size). */
  maxUploadBytes: 1024 * 1024 * 1024,
  maxDecompressedBytes: 256 * 1024 * 1024,
  /** Documents (JSONL lines, WARC records) per upload. */
  maxDocuments: 100_000,
};

export interface ExtractOptions {
  upload: UploadRef;
  /** `auto` detects the format from the content. */
  format?: ScrapeFormat | 'auto';
  fetchedAt?: Date;
  limits?: Partial<typeof DEFAULT_LIMITS>;
}

export const extractDocument = (doc: ScrapeDocument): ExtractedArticle[] =>
  doc.kind === 'html' ? extractFromHtml(doc.content, doc.hints) : extractFromText(doc.content, doc.hints);

/** Runs the whole core over one upload's bytes. Throws BadInputError when the upload cannot be read at all. */
export function extractUpload(bytes: Uint8Array, options: ExtractOptions): UploadExtraction {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  if (bytes.length > limits.maxUploadBytes) {
    throw new BadInputError(`the upload is ${bytes.length} bytes, over the ${limits.maxUploadBytes}-byte limit`);
  }
  const decoded = decodeBytes(bytes, { maxDecompressedBytes: limits.maxDecompressedBytes });
  if (looksBinary(decoded.text)) throw new BadInputError('not a recognised scrape format: binary data');
  const format = options.format && options.format !== 'auto' ? options.format : detectFormat(decoded.text, options.upload.key);
  const fetchedAt = options.fetchedAt;
  const { documents, errors } = splitDocuments(decoded.text, format, fetchedAt, limits.maxDocuments);
  if (!documents.length && errors.length) {
    throw new BadInputError(`no document in the upload could be read: ${errors[0].error}`);
  }
  const articles: ArticleRecord[] = [];
  const ctx = { upload: options.upload, format, encoding: decoded.encoding };
  for (const doc of documents) {
    for (const article of extractDocument(doc)) {
      if (!article.title.trim() && !article.blocks.length) continue;
      articles.push(toArticleRecord(article, articles.length, ctx));
    }
  }
  return { format, encoding: decoded.encoding, articles, documentErrors: errors, documents: documents.length };
}

interface SplitResult {
  documents: ScrapeDocument[];
  errors: { position: number; error: string }[];
}

function splitDocuments(text: string, format: ScrapeFormat, fetchedAt: Date | undefined, maxDocuments: number): SplitResult {
  switch (format) {
    case 'text':
      return { documents: [{ kind: 'text', content: text, hints: { fetchedAt } }], errors: [] };
    case 'html':
      return { documents: [{ kind: 'html', content: text, hints: { fetchedAt } }], errors: [] };
    case 'json': {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new BadInputError(`the upload is not valid JSON: ${(error as Error).message}`);
      }
      const documents = pageObjectsOf(value).map((o) => documentFromObject(o, fetchedAt)).filter((d): d is ScrapeDocument => d !== null);
      if (!documents.length) throw new BadInputError('the JSON holds no page: no object with an html, text, body or content field');
      return { documents: documents.slice(0, maxDocuments), errors: [] };
    }
    case 'jsonl':
      return splitJsonLines(text, fetchedAt, maxDocuments);
    case 'warc':
      throw new BadInputError('WARC uploads are not supported by this version of Sift');
  }
}

function splitJsonLines(text: string, fetchedAt: Date | undefined, maxDocuments: number): SplitResult {
  const documents: ScrapeDocument[] = [];
  const errors: SplitResult['errors'] = [];
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    const trimmed = line.trim();
    if (!trimmed) continue;
    if (documents.length >= maxDocuments) {
      errors.push({ position: lineNo, error: `more than ${maxDocuments} documents: the rest of the upload was not read` });
      break;
    }
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      errors.push({ position: lineNo, error: `line ${lineNo} is not valid JSON: ${(error as Error).message}` });
      continue;
    }
    const doc = pageObjectsOf(value).map((o) => documentFromObject(o, fetchedAt)).find((d) => d !== null);
    if (doc) documents.push(doc);
    else errors.push({ position: lineNo, error: `line ${lineNo} holds no html, text, body or content field` });
  }
  return { documents, errors };
}
