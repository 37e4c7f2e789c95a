/**
 * The core, one upload at a time: decompress → detect format → split into documents → decode each →
 * extract articles (clean, segment, metadata) → records. Free of AWS: the Lambda, the command line and
 * the local stack all call it.
 *
 * Entries over one engine (`UploadExtractor`, fed chunks, or documents for a piece of a big upload):
 * - `extractUpload(bytes)`: synchronous, whole upload in memory (CLI, tests, the pipeline today);
 * - `extractUploadStream(chunks)`: async, for big uploads: gzip is inflated as it streams, JSONL lines
 *   and WARC records are extracted as they complete, records come out in batches, and memory stays at
 *   one document plus one batch whatever the upload's size;
 * - `extractDocumentsStream(items)`: documents of a byte range of a big upload (pipeline/pieces.ts).
 * All give the same records with the same ids (position in the upload) for the same bytes.
 */
import { bomOf, utf16WithoutBom } from './decode/decodeBytes.js';
import { formatMiB, gunzipKeepingPrefix, gunzipStream, isGzip, TruncatedGzipError } from './decode/gunzip.js';
import { BadInputError } from './errors.js';
import { SNIFF_BYTES, sniffFormat } from './format/chooseFormat.js';
import { type DocumentSplitter, type SplitItem, splitterFor, transcodingSplitter } from './format/documents.js';
import { extractFromHtml } from './html/extractHtml.js';
import { ProfileEngineNeeded, type ProfileSet } from './html/profiles.js';
import type { ArticleRecord, ExtractedArticle, ScrapeDocument, ScrapeFormat, UploadExtraction, UploadRef } from './model.js';
import { countWords, toArticleRecord } from './records.js';
import { inheritRecordFields, keepRecordBody, MIN_RECORD_WORDS_KEPT } from './recordBody.js';
import { hostOf } from './profiles/profile.js';
import { extractFromText, pageStartLines } from './text/extractText.js';
import { fragmentText } from './html/fragment.js';
import { markdownText } from './text/markdown.js';
import { EXTRACT_LIMITS, REPORT_LIMITS, STREAM_SETTINGS } from './settings.js';

export const DEFAULT_LIMITS = EXTRACT_LIMITS;

type ExtractLimits = { [K in keyof typeof EXTRACT_LIMITS]: number };

export interface ExtractOptions {
  upload: UploadRef;
  /** `auto` detects the format from the content. */
  format?: ScrapeFormat | 'auto';
  fetchedAt?: Date;
  /** Where a whole text or HTML upload was fetched from: its page's URL when the page names none (canonical, og:url). */
  url?: string;
  limits?: Partial<ExtractLimits>;
  /** Index of the upload's first article (a piece of a split upload starts after the earlier pieces). */
  firstIndex?: number;
  /** Source profiles in force for HTML documents (CONTRACT.md section 5); none: the generic extractor only. */
  profiles?: ProfileSet;
}

/** Formats made of records that stand alone, so a cut file still holds whole ones. */
const RECORD_FORMATS: ReadonlySet<ScrapeFormat> = new Set(['warc', 'jsonl']);

export function extractDocument(doc: ScrapeDocument, profiles?: ProfileSet): ExtractedArticle[] {
  if (doc.kind === 'html') {
    const articles = extractFromHtml(doc.content, doc.hints, { profiles });
    return doc.hints.contentField ? inheritRecordFields(articles, doc.hints) : articles;
  }
  // a record's text field written in markup is read as the paragraphs the markup marks; Markdown as its text
  const written = (doc.hints.contentField && fragmentText(doc.content)) || doc.content;
  const text = markdownText(written);
  const articles = extractFromText(text, doc.hints);
  // a record of a scraper export is already an article: its body is never dropped whole; a text
  // document of any kind that has words never comes out with none. A Markdown field is the whole page
  // as a crawler rendered it (menus, footer), not the article a scraper extracted: read as a page is.
  const extracted = doc.hints.contentField && text === written;
  return keepRecordBody(text, doc.hints, articles, extracted ? MIN_RECORD_WORDS_KEPT : 0);
}

/** What the streaming core reports once the upload is read. */
export interface UploadSummary extends Omit<UploadExtraction, 'articles'> {
  /** Articles produced (the records went out in batches). */
  articles: number;
  /** Documents that could not be read, including those past the kept list. */
  documentErrorCount: number;
  /** Container entries that are not pages (WARC request/metadata records, non-2xx responses, images). */
  skipped: number;
  /** Pages a profile matched whose body selector found nothing (read the generic way), by profile name. */
  profileMisses: Record<string, number>;
  /** Documents read that gave no article, by the reason. */
  documentsWithoutArticles: Record<string, number>;
  /** The hosts of the records' URLs, sorted: which sites the upload holds (`sift reprocess --host`). */
  hosts: string[];
}

/** Why a document that was read gave no article, as a person reads it (the key of `documentsWithoutArticles`). */
export const NO_ARTICLE_REASONS = {
  noWords: 'its text has no words',
  noBody: 'no article text was found in it (only navigation, boilerplate or markup)',
  titleOnly: 'it has a title but no body text',
} as const;

/** Document positions named in a warning, at most. */
const MAX_NAMED_POSITIONS = 5;

/**
 * What a person should know about an upload that was read (sentences, most important first): that it gave
 * no article and why, documents that gave none, documents that could not be read or were read with problems.
 */
export function uploadWarnings(s: Pick<UploadSummary, 'articles' | 'documents' | 'documentErrorCount' | 'documentsWithoutArticles' | 'skipped' | 'format'>, positions: number[] = []): string[] {
  const out: string[] = [];
  const reasons = Object.entries(s.documentsWithoutArticles).sort((a, b) => b[1] - a[1]);
  const empty = reasons.reduce((n, [, k]) => n + k, 0);
  const why = reasons.map(([r, n]) => (reasons.length > 1 || n > 1 ? `${n}: ${r}` : r)).join('; ');
  const where = positions.length ? ` (document${positions.length > 1 ? 's' : ''} ${positions.join(', ')}${empty > positions.length ? ', …' : ''})` : '';
  if (!s.articles) {
    const docs = s.documents === 1 ? 'the upload\'s only document' : `none of the upload's ${s.documents} documents`;
    out.push(s.documents === 1 && empty === 1 ? `no article: ${why}` : `no article: ${docs} gave one${why ? ` (${why})` : ''}`);
  } else if (empty) {
    out.push(`${empty} of ${s.documents} documents gave no article${where}: ${why}`);
  }
  const n = s.documentErrorCount;
  if (n) out.push(`${n} document${n > 1 ? 's' : ''} could not be read or ${n > 1 ? 'were' : 'was'} read with problems (see documentErrors)`);
  if (s.skipped && (s.format === 'json' || s.format === 'jsonl')) out.push(`${s.skipped} object${s.skipped > 1 ? 's' : ''} without page content skipped (no text or html field)`);
  return out;
}

/** Runs the whole core over one upload's bytes. Throws BadInputError when the upload cannot be read at all. */
export function extractUpload(bytes: Uint8Array, options: ExtractOptions): UploadExtraction {
  const limits = limitsOf(options);
  if (bytes.length > limits.maxUploadBytes) {
    throw new BadInputError(`the upload is ${bytes.length} bytes, over the ${limits.maxUploadBytes}-byte limit`);
  }
  if (bytes.length === 0) throw new BadInputError('the upload is empty (0 bytes)');
  const gzipped = isGzip(bytes);
  const { data, truncation } = gzipped ? gunzipKeepingPrefix(bytes, limits.maxDecompressedBytes) : { data: bytes, truncation: null };
  // synchronous: a page that matches a profile needs its engine loaded before (buildProfileSet's default)
  if (options.profiles && !options.profiles.loaded) throw new Error('extractUpload needs its source profiles loaded first (await profiles.load())');
  const core = new UploadExtractor(options, limits, gzipped);
  const articles = [...core.push(data), ...core.end(truncation)];
  const { format, encoding, documentErrors, documents, profileMisses, warnings } = core.summary();
  return { format, encoding, articles, documentErrors, documents, profileMisses, warnings };
}

export type StreamEvent = { kind: 'articles'; articles: ArticleRecord[] } | { kind: 'summary'; summary: UploadSummary };

export interface StreamOptions extends ExtractOptions {
  /** Records per `articles` event (default STREAM_SETTINGS.recordsPerEvent). */
  batchSize?: number;
}

/**
 * The streaming core: chunks of an upload (an S3 GetObject body, a file stream) in, batches of records
 * out, then one summary. Throws BadInputError when the upload cannot be read at all; a bad document
 * (a malformed line, a broken record) is counted in the summary instead.
 *
 * @example
 * for await (const event of extractUploadStream(s3Body, { upload })) {
 *   if (event.kind === 'articles') await putArticles(event.articles);
 *   else await finish(event.summary);
 * }
 */
export async function* extractUploadStream(chunks: AsyncIterable<Uint8Array>, options: StreamOptions): AsyncGenerator<StreamEvent> {
  const limits = limitsOf(options);
  const batchSize = options.batchSize ?? STREAM_SETTINGS.recordsPerEvent;
  const { first, rest } = await peek(chunks, 2);
  if (!first.length) throw new BadInputError('the upload is empty (0 bytes)');
  const gzipped = isGzip(first);
  const raw = boundedBy(rest, limits.maxUploadBytes);
  const data = gzipped ? gunzipStream(raw, { maxBytes: limits.maxDecompressedBytes }) : raw;
  const core = new UploadExtractor(options, limits, gzipped);
  let batch: ArticleRecord[] = [];
  let truncation: TruncatedGzipError | null = null;
  try {
    for await (const chunk of data) {
      batch.push(...core.push(chunk), ...await core.resume());
      yield* batchesOf(batch, batchSize);
      if (core.stopped) break; // the document limit was reached: stop reading (and downloading)
    }
  } catch (error) {
    if (!(error instanceof TruncatedGzipError)) throw error;
    truncation = error; // what came before the cut was delivered: the core decides what it is worth
  }
  // the rest (a big text's regions) is extracted batch by batch as the consumer takes them
  for (const records of core.ending(truncation)) {
    batch.push(...records);
    yield* batchesOf(batch, batchSize);
  }
  batch.push(...await core.resume());
  yield* batchesOf(batch, batchSize, true);
  yield { kind: 'summary', summary: core.summary() };
}

/** Takes the full batches off the front of `batch` as events (and with `all`, the last short one too). */
function* batchesOf(batch: ArticleRecord[], size: number, all = false): Generator<StreamEvent> {
  while (batch.length >= size || (all && batch.length)) yield { kind: 'articles', articles: batch.splice(0, size) };
}

/**
 * The core over documents already split out of the upload (a piece of a big upload, read by
 * `documentsInRange`): the same extraction, titles, records and batches as the byte entries, with the
 * format given instead of sniffed. A piece without documents is not an error here: only the whole upload
 * can be "nothing readable", which the caller decides once every piece has reported.
 */
export async function* extractDocumentsStream(
  items: AsyncIterable<SplitItem>, options: StreamOptions & { format: ScrapeFormat },
): AsyncGenerator<StreamEvent> {
  const batchSize = options.batchSize ?? STREAM_SETTINGS.recordsPerEvent;
  const core = new UploadExtractor(options, limitsOf(options));
  let batch: ArticleRecord[] = [];
  for await (const item of items) {
    batch.push(...core.pushDocuments([item], options.format), ...await core.resume());
    yield* batchesOf(batch, batchSize);
    if (core.stopped) break;
  }
  yield* batchesOf(batch, batchSize, true);
  yield { kind: 'summary', summary: core.summary() };
}

/** The engine both entries share: decompressed bytes in, records out. */
class UploadExtractor {
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private splitter: DocumentSplitter | null = null;
  private format: ScrapeFormat = 'text';
  private index: number;
  private documents = 0;
  private errors: UploadExtraction['documentErrors'] = [];
  private errorCount = 0;
  private skipped = 0;
  private skipReasons = new Map<string, number>();
  private encodings = new Map<string, number>();
  private articleCount = 0;
  private profileMisses: Record<string, number> = {};
  private withoutArticles: Record<string, number> = {};
  private withoutArticlePositions: number[] = [];
  private hosts = new Set<string>();
  /** Documents waiting for the profiles' engine: the first matched a profile before it was loaded (see resume). */
  private waiting: SplitItem[] = [];
  stopped = false;

  constructor(private readonly options: ExtractOptions, private readonly limits: ExtractLimits, private readonly gzipped = false) {
    this.index = options.firstIndex ?? 0;
  }

  push(chunk: Uint8Array): ArticleRecord[] {
    if (this.stopped || !chunk.length) return [];
    if (this.splitter) return this.consume(this.splitter.push(chunk));
    this.head.push(chunk);
    this.headBytes += chunk.length;
    return this.headBytes >= SNIFF_BYTES ? this.start(false) : [];
  }

  /** Documents split elsewhere (see `extractDocumentsStream`): no sniffing, no splitter. */
  pushDocuments(items: SplitItem[], format: ScrapeFormat): ArticleRecord[] {
    this.format = format;
    return this.stopped ? [] : this.consume(items);
  }

  /** `truncation`: the gzip stream was cut; container formats keep their complete records, with the cut reported. */
  end(truncation: TruncatedGzipError | null = null): ArticleRecord[] {
    const out: ArticleRecord[] = [];
    for (const records of this.ending(truncation)) out.push(...records);
    return out;
  }

  /**
   * `end`, one document's records at a time: what is left once every chunk is in (a big text's regions) is
   * extracted as the caller takes the records, so the upload's records are never all in memory at once.
   */
  *ending(truncation: TruncatedGzipError | null = null): Generator<ArticleRecord[]> {
    const started = this.splitter ? [] : this.start(true);
    if (truncation) {
      if (!RECORD_FORMATS.has(this.format)) throw truncation;
      this.error(0, `${truncation.message}; the complete records before the cut were read`);
    }
    if (started.length) yield started;
    if (!this.stopped) yield* this.consumeEach(this.splitter!.end());
    // a document waiting for the profiles' engine is read by resume(), so the upload is not empty
    if (!this.documents && !this.waiting.length) throw new BadInputError(this.nothingReadReason());
  }

  summary(): UploadSummary {
    const summary: UploadSummary = {
      format: this.format, encoding: this.mainEncoding(), documents: this.documents, articles: this.articleCount,
      documentErrors: this.errors, documentErrorCount: this.errorCount, skipped: this.skipped,
      profileMisses: { ...this.profileMisses },
      documentsWithoutArticles: { ...this.withoutArticles },
      hosts: [...this.hosts].sort(),
      warnings: [],
    };
    summary.warnings = uploadWarnings(summary, this.withoutArticlePositions);
    return summary;
  }

  /** Decides the format from the first bytes, then feeds them to that format's splitter. */
  private start(complete: boolean): ArticleRecord[] {
    const head = concatHead(this.head, this.headBytes);
    this.head = [];
    if (!head.length) throw new BadInputError(this.gzipped ? 'the upload is empty after decompression' : 'the upload is empty (0 bytes)');
    const { format, decoded } = sniffFormat(head, complete, this.options.format, this.options.upload.key);
    this.format = format;
    const split = {
      fetchedAt: this.options.fetchedAt, url: this.options.url, maxDocumentBytes: this.limits.maxDocumentBytes, maxWholeBytes: this.limits.maxDecompressedBytes,
      textRegions: { regionBytes: this.limits.textRegionBytes, pageLines: pageStartLines }, decoded,
    };
    const bom = bomOf(head)?.encoding ?? utf16WithoutBom(head);
    const inner = splitterFor(this.format, split);
    this.splitter = this.format === 'jsonl' && (bom === 'utf-16le' || bom === 'utf-16be') ? transcodingSplitter(inner, bom) : inner;
    return this.consume(this.splitter.push(head));
  }

  /**
   * Loads the profiles' engine when a document waits for it, then reads the waiting documents in order. The
   * streaming entries await it after every push, so cheerio is loaded only once a page matches a profile.
   */
  async resume(): Promise<ArticleRecord[]> {
    const out: ArticleRecord[] = [];
    while (this.waiting.length) {
      await this.options.profiles!.load();
      const items = this.waiting;
      this.waiting = [];
      out.push(...this.consume(items));
    }
    return out;
  }

  private consume(items: Iterable<SplitItem>): ArticleRecord[] {
    const out: ArticleRecord[] = [];
    for (const records of this.consumeEach(items)) out.push(...records);
    return out;
  }

  /** The records of each document in turn (a lazy `items` is read only as far as the caller takes records). */
  private *consumeEach(items: Iterable<SplitItem>): Generator<ArticleRecord[]> {
    // order is kept: nothing is read past a document that waits
    if (this.waiting.length) {
      this.waiting.push(...items);
      return;
    }
    // a big text's regions come lazily, decoded one at a time
    const rest = items[Symbol.iterator]() as IterableIterator<SplitItem>;
    for (const item of rest) {
      if (this.stopped) break;
      if (item.kind === 'skipped') this.skip(item.reason);
      else if (item.kind === 'error') this.error(item.position, item.error);
      else if (this.documents >= this.limits.maxDocuments) {
        this.error(item.position, `more than ${this.limits.maxDocuments} documents: the rest of the upload was not read (split it into smaller uploads)`);
        this.stopped = true;
      } else {
        const articles = this.extract(item);
        if (!articles) {
          this.waiting = [item, ...rest];
          break;
        }
        if (articles.length) yield articles;
      }
    }
  }

  /** The document's records; null when it matched a profile whose engine is not loaded yet (nothing counted). */
  private extract(item: Extract<SplitItem, { kind: 'document' }>): ArticleRecord[] | null {
    const tooBig = this.oversized(item.doc.content);
    if (tooBig) {
      this.error(item.position, `document ${item.position} is ${tooBig}, over the ${formatMiB(this.limits.maxDocumentBytes)} limit for one document: skipped`);
      return [];
    }
    let articles: ExtractedArticle[] = [];
    let failure: { error: unknown } | null = null;
    try {
      articles = extractDocument(item.doc, this.options.profiles);
    } catch (error) {
      if (error instanceof ProfileEngineNeeded) return null;
      failure = { error };
    }
    this.documents++;
    this.encodings.set(item.encoding, (this.encodings.get(item.encoding) ?? 0) + 1);
    // read all the same, but said: a garbled or patched document never passes as a clean one
    if (item.warning) this.error(item.position, `document ${item.position}: ${item.warning}`);
    if (failure) {
      // One page that trips an extractor must not cost the other pages of the upload.
      const { error } = failure;
      this.error(item.position, `document ${item.position} could not be extracted (${(error as Error)?.message ?? error})`);
      return [];
    }
    // one miss per page, however many stories the generic path then found on it
    const missed = articles.find((a) => a.profileMiss)?.profileMiss;
    if (missed) this.profileMisses[missed] = (this.profileMisses[missed] ?? 0) + 1;
    const ctx = { upload: this.options.upload, format: this.format, encoding: item.encoding };
    const out: ArticleRecord[] = [];
    for (const article of articles) {
      const titled = withTitle(article, item.doc.hints.title);
      // an article with no text is never written (nor one whose text holds no word: "¼", "—")
      if (!titled || !titled.blocks.some((b) => b.text.trim())) continue;
      const record = toArticleRecord(titled, this.index, ctx);
      if (!record.wordCount) continue;
      this.index++;
      const host = hostOf(record.url);
      if (host) this.hosts.add(host);
      out.push(record);
    }
    if (!out.length) this.noArticle(item, articles);
    this.articleCount += out.length;
    return out;
  }

  /** The document's UTF-8 size when over the per-document bound (a page object's field can hold anything), else null. */
  private oversized(content: string): string | null {
    const max = this.limits.maxDocumentBytes;
    if (content.length * 3 <= max) return null; // a UTF-16 unit is at most 3 UTF-8 bytes
    const bytes = Buffer.byteLength(content, 'utf8');
    return bytes > max ? formatMiB(bytes) : null;
  }

  /** A document read that gave no article: counted by reason, so the status can say why. */
  private noArticle(item: Extract<SplitItem, { kind: 'document' }>, articles: ExtractedArticle[]) {
    const reason = !countWords(item.doc.kind === 'text' ? item.doc.content : item.doc.content.replace(/<[^>]*>/gu, ' '))
      ? NO_ARTICLE_REASONS.noWords
      : articles.some((a) => a.title.trim()) || item.doc.hints.title?.trim() ? NO_ARTICLE_REASONS.titleOnly : NO_ARTICLE_REASONS.noBody;
    this.withoutArticles[reason] = (this.withoutArticles[reason] ?? 0) + 1;
    if (this.withoutArticlePositions.length < MAX_NAMED_POSITIONS) this.withoutArticlePositions.push(item.position);
  }

  private error(position: number, error: string) {
    this.errorCount++;
    if (this.errors.length < REPORT_LIMITS.keptDocumentErrors) this.errors.push({ position, error });
  }

  private skip(reason: string) {
    this.skipped++;
    this.skipReasons.set(reason, (this.skipReasons.get(reason) ?? 0) + 1);
  }

  /** The upload-level encoding: the one most of its documents used. */
  private mainEncoding(): string {
    let best = 'utf-8';
    let n = 0;
    for (const [encoding, count] of this.encodings) if (count > n) [best, n] = [encoding, count];
    return best;
  }

  private nothingReadReason(): string {
    const firstError = this.errors[0]?.error;
    if (this.format === 'warc') {
      const skipped = [...this.skipReasons].map(([r, n]) => `${n} ${r}${n > 1 && r.endsWith('record') ? 's' : ''}`).join(', ');
      const what = `the WARC file holds no usable record (an HTML or text response or resource)`;
      return [what, skipped && `skipped: ${skipped}`, firstError && `first problem: ${firstError}`].filter(Boolean).join('; ');
    }
    if (firstError) return `no document in the upload could be read: ${firstError}${this.errorCount > 1 ? ` (and ${this.errorCount - 1} more)` : ''}`;
    if (this.format === 'jsonl') return 'the JSON Lines upload holds no page: every line is blank';
    return 'the upload holds no document';
  }
}

/**
 * Every record has a title (the contract's invariant): the page's own, else the container's hint,
 * else the first heading (taken out of the body), else the opening words of the first paragraph.
 * An article with neither title nor body is dropped.
 */
function withTitle(article: ExtractedArticle, hint: string | null | undefined): ExtractedArticle | null {
  const blocks = article.blocks.filter((b) => b.text.trim());
  if (article.title.trim()) return article;
  if (hint?.trim()) return { ...article, title: hint.trim() };
  const heading = blocks.findIndex((b) => b.kind === 'heading');
  if (heading >= 0) return { ...article, title: blocks[heading].text.trim(), blocks: blocks.filter((_, i) => i !== heading) };
  if (!blocks.length) return null;
  return { ...article, title: openingWords(blocks[0].text) };
}

const openingWords = (text: string, max = 80) => {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t.length <= max) return t;
  const cut = t.lastIndexOf(' ', max);
  return `${t.slice(0, cut > 20 ? cut : max)}…`;
};

function limitsOf(options: ExtractOptions): ExtractLimits {
  return { ...DEFAULT_LIMITS, ...options.limits };
}

function concatHead(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  return Buffer.concat(parts, length);
}

/** Waits for at least `n` bytes (or the end), and gives them back with the rest of the stream behind them. */
async function peek(source: AsyncIterable<Uint8Array>, n: number): Promise<{ first: Uint8Array; rest: AsyncIterable<Uint8Array> }> {
  const it = source[Symbol.asyncIterator]();
  const got: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < n) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    got.push(r.value);
    length += r.value.length;
  }
  const first = Buffer.concat(got, length);
  const rest = (async function* () {
    try {
      if (first.length) yield first;
      while (!done) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      if (!done) await it.return?.(); // stopped early: release the source (an S3 body, a file)
    }
  })();
  return { first, rest };
}

/** Counts the bytes of a stream and fails it past the upload limit. */
async function* boundedBy(source: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  let n = 0;
  for await (const chunk of source) {
    n += chunk.length;
    if (n > maxBytes) throw new BadInputError(`the upload is over the ${formatMiB(maxBytes)} limit`);
    yield chunk;
  }
}
