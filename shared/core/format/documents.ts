/**
 * Upload bytes → documents, one format at a time, pushed a chunk at a time so that the same code serves
 * the whole-buffer core (`extractUpload`) and the streaming one (`extractUploadStream`).
 *
 * - text, html, json: one document (json: one per page object), buffered whole, bounded in size;
 * - jsonl: one document per line, a malformed line is an error for that line only;
 * - warc: one document per response/resource record with an HTML or text payload.
 */
import { BadInputError } from '../errors.js';
import { decodeText } from '../decode/decodeBytes.js';
import { formatMiB } from '../decode/gunzip.js';
import type { ScrapeDocument, ScrapeFormat } from '../model.js';
import { concatBytes, type LineEvent, LineSplitter } from './lines.js';
import { documentFromObject, pageObjectsOf } from './scraperJson.js';
import { readsInRegions, type TextRegion, TextRegionReader, type TextRegionOptions } from './textRegions.js';
import { documentFromWarcRecord, PAGE_RECORD_TYPES, type WarcEvent, WarcReader } from './warc.js';

export type SplitItem =
  /** `warning`: the text may not be what the author wrote (see decodeText); reported, not fatal. */
  | { kind: 'document'; position: number; doc: ScrapeDocument; encoding: string; warning?: string }
  | { kind: 'error'; position: number; error: string }
  | { kind: 'skipped'; position: number; reason: string };

export interface DocumentSplitter {
  push(chunk: Uint8Array): SplitItem[];
  /** What is left once every chunk is in; may be lazy (a big text's regions are decoded one at a time). */
  end(): Iterable<SplitItem>;
}

export interface SplitOptions {
  fetchedAt?: Date;
  /** Where a whole text or HTML upload was fetched from (`sift profile test URL`): its document's URL hint. */
  url?: string;
  /** One document (JSONL line, WARC record) larger than this is skipped with an error; a text or HTML upload fails. */
  maxDocumentBytes: number;
  /** A JSON file (many page objects, read whole) larger than this fails the upload. */
  maxWholeBytes: number;
  /** A UTF-8 text upload bigger than one region is read region by region (textRegions.ts); without it, whole. */
  textRegions?: TextRegionOptions;
  /** Bytes already decoded (the format sniff's, sniffFormat): a document of exactly these bytes takes this text. */
  decoded?: DecodedBytes;
}

/** `bytes` as decodeText decodes them (UTF-8, no warning). */
export interface DecodedBytes {
  bytes: Uint8Array;
  text: string;
}

export function splitterFor(format: ScrapeFormat, options: SplitOptions): DocumentSplitter {
  const make = SPLITTERS[format];
  return make(options);
}

const SPLITTERS: Record<ScrapeFormat, (o: SplitOptions) => DocumentSplitter> = {
  text: (o) => textSplitter(o),
  html: (o) => wholeFile(o, o.maxDocumentBytes, (text, encoding) => [{ kind: 'document', position: 1, encoding, doc: { kind: 'html', content: text, hints: wholeFileHints(o) } }]),
  json: (o) => wholeFile(o, o.maxWholeBytes, (text, encoding) => jsonDocuments(text, encoding, o.fetchedAt)),
  jsonl: (o) => new JsonLinesSplitter(o),
  warc: (o) => new WarcSplitter(o),
};

/**
 * Formats read as one piece: kept whole (within `limit`: one document for text and HTML, the upload's bound
 * for a JSON file of many pages), decoded and split at the end. The bound is checked as the bytes stream in,
 * so an upload over it fails before it fills memory.
 */
function wholeFile(options: SplitOptions, limit: number, split: (text: string, encoding: string) => SplitItem[]): DocumentSplitter {
  const parts: Uint8Array[] = [];
  let length = 0;
  return {
    push(chunk) {
      length += chunk.length;
      if (length > limit) throw overLimit(options, limit);
      parts.push(chunk);
      return [];
    },
    end() {
      const bytes = concatBytes(parts, length);
      const { text, encoding, warning } = options.decoded?.bytes === bytes ? { text: options.decoded.text, encoding: 'utf-8', warning: undefined } : decodeText(bytes);
      return withWarning(split(text, encoding), warning);
    },
  };
}

function overLimit(options: SplitOptions, limit: number): BadInputError {
  return new BadInputError(limit === options.maxWholeBytes
    ? `the upload is over ${formatMiB(limit)} of one JSON document, the limit for a single-document upload: split it, or export JSON Lines or WARC`
    : `the upload is over ${formatMiB(limit)} of one text or HTML document, the limit for one document: split it into smaller files, or export JSON Lines or WARC`);
}

/** The upload's own fields (its URL) describe its first page, as in a text read whole. */
const textDocument = (o: Pick<SplitOptions, 'fetchedAt' | 'url'>, text: string, encoding: string, position = 1): SplitItem =>
  ({ kind: 'document', position, encoding, doc: { kind: 'text', content: text, hints: position === 1 ? wholeFileHints(o) : { fetchedAt: o.fetchedAt } } });

/** A region of a text upload as its document (number `index + 1`), decoded on its own. */
export function regionDocument(o: Pick<SplitOptions, 'fetchedAt' | 'url'>, region: TextRegion): SplitItem {
  const { text, encoding, warning } = decodeText(region.bytes);
  return withWarning([textDocument(o, text, encoding, region.index + 1)], warning)[0];
}

/**
 * A text upload: whole when it is small or not UTF-8, else in regions. Either way it is bounded by the
 * one-document limit as a whole while the bytes stream in (a gzip bomb fails before any extraction: the
 * limit bounds its time), and only then read: the regions one at a time, so memory holds the bytes and one region.
 */
function textSplitter(o: SplitOptions): DocumentSplitter {
  const parts: Uint8Array[] = [];
  let length = 0;
  let inner: DocumentSplitter | null = null;
  const whole = () => wholeFile(o, o.maxDocumentBytes, (text, encoding) => [textDocument(o, text, encoding)]);
  const regions = (r: TextRegionOptions): DocumentSplitter => ({
    push(chunk) {
      length += chunk.length;
      if (length > o.maxDocumentBytes) throw overLimit(o, o.maxDocumentBytes);
      parts.push(chunk);
      return [];
    },
    *end() {
      // fed back chunk by chunk, each let go once pushed: memory holds the bytes not yet read, not a second copy
      const reader = new TextRegionReader(r, { from: 0, first: 0 });
      parts.reverse();
      while (parts.length) for (const region of reader.push(parts.pop()!)) yield regionDocument(o, region);
      for (const region of reader.end()) yield regionDocument(o, region);
    },
  });
  return {
    push(chunk) {
      inner ??= o.textRegions && readsInRegions(chunk) ? regions(o.textRegions) : whole();
      return inner.push(chunk);
    },
    end: () => (inner ?? whole()).end(),
  };
}

const withWarning = (items: SplitItem[], warning: string | undefined): SplitItem[] =>
  (warning ? items.map((i) => (i.kind === 'document' ? { ...i, warning } : i)) : items);

const NO_PAGE = 'holds no page: no object with an html, text, body or content field';

const wholeFileHints = (o: Pick<SplitOptions, 'fetchedAt' | 'url'>) => ({ fetchedAt: o.fetchedAt, ...(o.url ? { url: o.url } : {}) });

function jsonDocuments(text: string, encoding: string, fetchedAt?: Date): SplitItem[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BadInputError(`the upload is not valid JSON: ${(error as Error).message}`);
  }
  const items: SplitItem[] = pageObjectsOf(value).map((o, i) => {
    const doc = documentFromObject(o, fetchedAt);
    return doc ? { kind: 'document', position: i + 1, doc, encoding } : { kind: 'skipped', position: i + 1, reason: 'object without page content' };
  });
  if (!items.some((i) => i.kind === 'document')) throw new BadInputError(`the JSON ${NO_PAGE}`);
  return items;
}

/**
 * JSON Lines. Each line is decoded on its own (strict UTF-8 first); once a line turns out to be in a
 * legacy encoding, later non-UTF-8 lines are read with it rather than guessed one by one.
 */
export class JsonLinesSplitter implements DocumentSplitter {
  private readonly lines: LineSplitter;
  private legacy: string | null = null;

  /** `name` says how errors call a line: by number (whole upload) or by byte offset (a piece of one). */
  constructor(private readonly options: SplitOptions, private readonly name = (e: LineEvent) => ({ position: e.lineNo, label: `line ${e.lineNo}` })) {
    this.lines = new LineSplitter(options.maxDocumentBytes);
  }

  push(chunk: Uint8Array): SplitItem[] {
    return this.lines.push(chunk).flatMap((e) => this.line(e));
  }

  end(): SplitItem[] {
    return this.lines.end().flatMap((e) => this.line(e));
  }

  /** One line → its documents, or the reason it has none. */
  line(event: LineEvent): SplitItem[] {
    const { position, label } = this.name(event);
    if (event.kind === 'tooLong') {
      return [{ kind: 'error', position, error: `${label} is ${formatMiB(event.length)}, over the ${formatMiB(this.options.maxDocumentBytes)} limit for one page: skipped` }];
    }
    const { text, encoding, warning } = decodeText(event.bytes, this.legacy);
    if (encoding !== 'utf-8') this.legacy = encoding;
    const trimmed = text.replace(/^\uFEFF/, '').trim();
    if (!trimmed) return [];
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      return [{ kind: 'error', position, error: `${label} is not valid JSON: ${(error as Error).message}` }];
    }
    // A line may hold one page, or a wrapper with several (`{"items": [...]}` written on one line).
    const docs = pageObjectsOf(value).map((o) => documentFromObject(o, this.options.fetchedAt)).filter((d): d is ScrapeDocument => d !== null);
    if (!docs.length) return [{ kind: 'error', position, error: `${label} ${NO_PAGE}` }];
    return withWarning(docs.map((doc) => ({ kind: 'document', position, doc, encoding })), warning);
  }
}

/** WARC: response and resource records with an HTML or text payload; every other record is skipped. */
class WarcSplitter implements DocumentSplitter {
  private readonly reader: WarcReader;
  private seen = 0;

  constructor(private readonly options: SplitOptions) {
    this.reader = new WarcReader({ keep: (type) => PAGE_RECORD_TYPES.has(type), maxBlockBytes: options.maxDocumentBytes });
  }

  push(chunk: Uint8Array): SplitItem[] {
    return this.items(this.reader.push(chunk));
  }

  end(): SplitItem[] {
    const items = this.items(this.reader.end());
    if (this.seen === 0 && !items.length) throw new BadInputError('not a WARC file: no WARC/1.x record header found');
    return items;
  }

  private items(events: WarcEvent[]): SplitItem[] {
    this.seen += events.length;
    return events.map((e) => warcItem(e, this.options));
  }
}

/** One WARC reader event → a document, an error or a skip; `position` is the record's ordinal unless given. */
export function warcItem(e: WarcEvent, options: Pick<SplitOptions, 'fetchedAt' | 'maxDocumentBytes'>, position = e.kind === 'record' ? e.record.ordinal : e.ordinal): SplitItem {
  if (e.kind === 'error') return { kind: 'error', position, error: e.error };
  const r = documentFromWarcRecord(e.record, { fetchedAt: options.fetchedAt, maxBytes: options.maxDocumentBytes });
  if (r.kind === 'document') return { kind: 'document', position, doc: r.doc, encoding: r.encoding, ...(r.warning ? { warning: r.warning } : {}) };
  return r.kind === 'error' ? { kind: 'error', position, error: r.error } : { kind: 'skipped', position, reason: r.reason };
}

/**
 * UTF-16 JSON Lines (with a byte order mark) → UTF-8 bytes, so the line splitter can cut on LF bytes.
 * The documents keep saying `utf-16le`/`utf-16be`: that is what the upload was in.
 */
export function transcodingSplitter(inner: DocumentSplitter, encoding: 'utf-16le' | 'utf-16be'): DocumentSplitter {
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  const relabel = (items: SplitItem[]) => items.map((i) => (i.kind === 'document' ? { ...i, encoding } : i));
  return {
    push: (chunk) => relabel(inner.push(Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'))),
    end: () => relabel([...inner.push(Buffer.from(decoder.decode(), 'utf8')), ...inner.end()]),
  };
}
