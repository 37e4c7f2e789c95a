/**
 * Big uploads in pieces (docs/big-uploads.md §2), the effectful part: split after the claim, then the two
 * phases of each piece as work items on the ingest queue.
 *
 * 1. split (the object event, after the claim): sniff the first 64 KiB; a big JSON Lines, WARC or
 *    per-record `.warc.gz` upload gets a plan (`pieces: n` on the status item) and n `count` items.
 * 2. count: extract the piece's documents, count the articles (discarded), record `pieceCounts.k`. The
 *    write that makes all n counts known sends n `commit` items, `firstIndex` = the earlier pieces' articles.
 * 3. commit: extract the range again (the core is pure: the same articles come out), write the records
 *    with their upload-wide index, ADD k to `piecesCommitted`. The write that completes the set finishes
 *    the upload: leftovers of the previous version are deleted, the status becomes PROCESSED.
 *
 * Every status write is conditional on the claimed sequencer (and PENDING), so an older version's work
 * items, duplicated or late, fail the condition and change nothing. Transient errors (S3, DynamoDB, the
 * queue) throw, so the queue retries the item; bad bytes in a range become document errors of its piece.
 */
import {
  articleId, type ArticleRecord, DEFAULT_LIMITS, documentsInRange, extractDocumentsStream, EXTRACTOR_VERSION,
  pageStartLines, rangeStart, SNIFF_BYTES, type StreamEvent, type UploadSummary, uploadWarnings,
} from '../../core/index.js';
import { deleteArticles, deleteUploadBodies, findUploadArticles, putArticles, removableBy } from '../storage/articleStore.js';
import { openObjectRange, readRange } from '../storage/objectStore.js';
import { placeStories, settleStories } from '../storage/storyStore.js';
import {
  finishUpload, forgetWriters, getUpload, markCommitsQueued, markPieceCommitted, MAX_LISTED_DOCUMENT_ERRORS, MAX_LISTED_HOSTS, planUploadPieces, recordPieceCount,
  type PieceReport, type UploadEventRef, type UploadStatus,
} from '../storage/uploadStore.js';
import { deliveriesSpentReason, isLastDelivery } from './deliveries.js';
import type { IngestContext, IngestOutcome } from './ingestContext.js';
import {
  capReport, commitItems, DEFAULT_PIECE_BYTES, countItems, countsInOrder, firstIndexes, mergeReports, pieceMessage,
  pieceSizeFor, type PieceWorkItem, planRanges, planTextRanges, regionBytesFor, smallestPiece, sniffSplittable,
} from './pieces.js';
import { fromSource, toStore, TransientError } from './transient.js';

/**
 * Splits a claimed upload into pieces when it is big and splittable: records the plan and sends the count
 * items. Null when it is read whole (small, another format, or gone: the whole-file path says why).
 */
export async function splitUpload(ctx: IngestContext, ref: UploadEventRef, maxBytes: number): Promise<IngestOutcome | null> {
  const pieceBytes = ctx.pieceBytes ?? DEFAULT_PIECE_BYTES;
  if (!ctx.enqueue || (ref.size !== undefined && ref.size <= smallestPiece(pieceBytes))) return null;
  const head = await readRange(ctx.clients, ref.bucket, ref.key, ref.versionId, 0, SNIFF_BYTES - 1);
  if (!head || head.size > maxBytes) return null;
  const how = sniffSplittable(head.bytes, ref.key);
  if (!how) return null;
  const pieceSize = pieceSizeFor(how, pieceBytes);
  const regionBytes = how.format === 'text' ? regionBytesFor(pieceSize) : undefined;
  const ranges = regionBytes ? planTextRanges(head.size, pieceSize, regionBytes) : planRanges(head.size, pieceSize);
  if (ranges.length < 2) return null;
  const plan = await planUploadPieces(ctx.clients, ctx.store, ref, ranges.length, how.format);
  if (plan === 'stale') return { outcome: 'superseded' };
  const base = {
    bucket: ref.bucket, key: ref.key, ...(ref.versionId ? { versionId: ref.versionId } : {}), sequencer: ref.sequencer,
    size: head.size, format: how.format, gzipMembers: how.gzipMembers, ...(regionBytes ? { regionBytes } : {}),
  };
  // A crash before the send returns the event to the queue: its retry finds the plan ('replanned') and sends again.
  await ctx.enqueue(countItems(base, ranges).map(pieceMessage));
  return { outcome: 'split', pieces: ranges.length, format: how.format };
}

/** One work item of a piece. Throws on transient errors (the queue retries the item). */
export async function ingestPieceItem(ctx: IngestContext, item: PieceWorkItem): Promise<IngestOutcome> {
  const status = await getUpload(ctx.clients, ctx.store, item.key);
  // The key moved on (a newer version, a delete) or the upload already ended: the item is dropped.
  if (!owns(status, item)) return { outcome: 'stale' };
  // the piece kept stopping the function: the upload ends FAILED rather than dead-lettered and PENDING
  if (isLastDelivery(ctx.delivery)) return failPieces(ctx, item, deliveriesSpentReason(ctx.delivery));
  return item.phase === 'count' ? countPiece(ctx, item, status) : commitPiece(ctx, item, status);
}

const owns = (s: UploadStatus | null, item: PieceWorkItem): s is UploadStatus =>
  !!s && s.sequencer === item.sequencer && s.status === 'PENDING' && s.piecesSequencer === item.sequencer && s.pieces === item.pieces;

const refOf = (item: PieceWorkItem): UploadEventRef => ({
  bucket: item.bucket, key: item.key, ...(item.versionId ? { versionId: item.versionId } : {}), sequencer: item.sequencer,
});

const uploadOf = (item: PieceWorkItem) => ({ bucket: item.bucket, key: item.key, ...(item.versionId ? { versionId: item.versionId } : {}) });

async function countPiece(ctx: IngestContext, item: PieceWorkItem, status: UploadStatus): Promise<IngestOutcome> {
  const k = String(item.piece);
  let after: UploadStatus | null = status;
  let articles = status.pieceCounts?.[k];
  if (articles === undefined) {
    // Counting only: the records are built and dropped (memory stays at one batch).
    const read = await readPiece(ctx, item, 0, async () => {});
    articles = read.articles;
    after = await toStore(() => recordPieceCount(ctx.clients, ctx.store, item, item.piece, read.articles, capReport(read.report, item.pieces, MAX_LISTED_DOCUMENT_ERRORS, MAX_LISTED_HOSTS)));
    if (!after) return { outcome: 'stale' };
  }
  const counts = countsInOrder(after.pieceCounts, item.pieces);
  // Not the last count, or the commit items already went out (this is a duplicate or a retry).
  if (!counts || after.commitsQueued) return { outcome: 'piece', phase: 'count', piece: item.piece, pieces: item.pieces, articles };
  const summary = mergeReports(reportsOf(after), MAX_LISTED_DOCUMENT_ERRORS);
  if (!summary.documents) return failPieces(ctx, item, nothingReadReason(item, summary.documentErrors));
  await ctx.enqueue!(commitItems(item, counts).map(pieceMessage));
  // A crash before this mark returns the item: its retry sends the commit items again (a repeated commit is harmless).
  await markCommitsQueued(ctx.clients, ctx.store, item);
  return { outcome: 'piece', phase: 'count', piece: item.piece, pieces: item.pieces, articles };
}

async function commitPiece(ctx: IngestContext, item: PieceWorkItem, status: UploadStatus): Promise<IngestOutcome> {
  const counts = countsInOrder(status.pieceCounts, item.pieces);
  // Not from this plan: commit items exist only once every piece is counted, with these first indexes.
  if (!counts || item.firstIndex !== firstIndexes(counts)[item.piece]) return { outcome: 'stale' };
  const expected = counts[item.piece];
  const written: ArticleRecord[] = [];
  let profileMisses: Record<string, number> = {};
  if (!status.piecesCommitted?.includes(item.piece)) {
    // Written under this run; readers keep seeing the committed run until the last commit flips the status.
    const run = { gen: item.sequencer, committed: status.committed };
    const read = await readPiece(ctx, item, item.firstIndex ?? 0, async (records) => {
      const stories = await toStore(() => placeStories(ctx.clients, ctx.store, records));
      // every article of a piece in `byUpload`: pieces write at once, at positions apart, so what one that died left could not be probed for by id
      await toStore(() => putArticles(ctx.clients, ctx.store, stories.records, run, true, stories.fingerprints));
      await toStore(() => settleStories(ctx.clients, ctx.store, stories));
      written.push(...records);
    });
    if (read.articles !== expected) {
      // The core is deterministic, so this means the object changed under the same version (or vanished).
      await deleteArticles(ctx.clients, ctx.store, written, item.sequencer);
      return failPieces(ctx, item, `piece ${item.piece + 1} of ${item.pieces} gave ${read.articles} articles when written but ${expected} when counted: the object changed while it was read (or its source profiles changed between the two reads: reprocess it)`);
    }
    profileMisses = read.profileMisses;
  }
  const after = await markPieceCommitted(ctx.clients, ctx.store, item, item.piece);
  if (!after) return dropSuperseded(ctx, item, written);
  if ((after.piecesCommitted?.length ?? 0) < item.pieces) {
    return { outcome: 'piece', phase: 'commit', piece: item.piece, pieces: item.pieces, articles: written.length, profileMisses };
  }
  return finishPieces(ctx, item, after, counts, profileMisses);
}

/** The last commit: previous records of the key that are not this version's go, and the status says PROCESSED. */
async function finishPieces(
  ctx: IngestContext, item: PieceWorkItem, status: UploadStatus, counts: number[], profileMisses: Record<string, number>,
): Promise<IngestOutcome> {
  const total = counts.reduce((s, n) => s + n, 0);
  const upload = uploadOf(item);
  const ids = Array.from({ length: total }, (_, i) => articleId(upload, i));
  const keep = new Set(ids);
  const summary = mergeReports(reportsOf(status), MAX_LISTED_DOCUMENT_ERRORS);
  const warnings = uploadWarnings({ ...summary, articles: total, format: item.format });
  // The commit: every piece's records become the visible ones in this one write.
  const owned = await finishUpload(ctx.clients, ctx.store, refOf(item), {
    status: 'PROCESSED', articleIds: ids, documents: summary.documents, documentErrors: summary.documentErrors, warnings,
    hosts: summary.hosts, hostsTruncated: summary.hostsTruncated,
    format: item.format, encoding: summary.encoding, extractorVersion: EXTRACTOR_VERSION, fromPieces: true,
  });
  if (!owned) return dropSuperseded(ctx, item, []);
  // Now invisible, so removed after the flip: records earlier runs had and this one has not (the status still
  // listed the committed run's; `writers` names the runs not cleaned up after, this one's own version among
  // them). (Tag items an earlier run had on a kept article and this one dropped stay, hidden, until the key's next run or delete.)
  const leads = { listed: status.articleIds ?? [], writers: status.writers ?? [] };
  const leftovers = (await findUploadArticles(ctx.clients, ctx.store, item, leads, keep)).filter(removableBy(item.sequencer, keep));
  await deleteArticles(ctx.clients, ctx.store, leftovers);
  await forgetWriters(ctx.clients, ctx.store, refOf(item), leads.writers);
  await deleteUploadBodies(ctx.clients, ctx.store, item, (gen) => gen >= item.sequencer || gen === status.committed);
  // profile misses are counted per commit, so this one reports its own piece's (the earlier pieces reported theirs)
  return { outcome: 'processed', articles: total, documentErrors: summary.documentErrorCount, format: item.format, profileMisses, warnings };
}

/** The piece's records, in batches, from a ranged GET; bad bytes become a document error of the piece. */
async function readPiece(
  ctx: IngestContext, item: PieceWorkItem, firstIndex: number, onRecords: (records: ArticleRecord[]) => Promise<void>,
): Promise<{ articles: number; report: PieceReport; profileMisses: Record<string, number> }> {
  let articles = 0;
  let summary: UploadSummary | undefined;
  const report: PieceReport = { documents: 0, documentErrorCount: 0, documentErrors: [], encodings: {} };
  try {
    for await (const event of pieceEvents(ctx, item, firstIndex)) {
      if (event.kind === 'summary') {
        summary = event.summary;
        continue;
      }
      articles += event.articles.length;
      await onRecords(event.articles);
    }
  } catch (error) {
    if (error instanceof TransientError) throw error.cause;
    // Deterministic (the same bytes fail the same way in both phases): the piece keeps what came before.
    report.documentErrorCount++;
    report.documentErrors.push({ position: item.start, error: `bytes ${item.start}–${item.end} could not be read: ${(error as Error)?.message ?? String(error)}` });
  }
  if (summary) {
    report.documents = summary.documents;
    report.documentErrorCount += summary.documentErrorCount;
    report.documentErrors.unshift(...summary.documentErrors);
    report.documentsWithoutArticles = summary.documentsWithoutArticles;
    report.skipped = summary.skipped;
    report.hosts = summary.hosts;
    if (summary.documents) report.encodings[summary.encoding] = summary.documents;
  }
  return { articles, report, profileMisses: summary?.profileMisses ?? {} };
}

async function* pieceEvents(ctx: IngestContext, item: PieceWorkItem, firstIndex: number): AsyncGenerator<StreamEvent> {
  const profiles = ctx.profiles ? await toStore(ctx.profiles) : undefined;
  const opened = await toStore(() => openObjectRange(ctx.clients, item.bucket, item.key, item.versionId, rangeStart(item)));
  if (!opened) throw new Error('the object was deleted before this piece could be read');
  const documents = documentsInRange(fromSource(opened.body), {
    format: item.format, start: item.start, end: item.end, gzipMembers: item.gzipMembers,
    fetchedAt: opened.lastModified, maxDocumentBytes: DEFAULT_LIMITS.maxDocumentBytes,
    size: item.size, regionBytes: item.regionBytes, pageLines: pageStartLines,
  });
  yield* extractDocumentsStream(documents, { upload: uploadOf(item), fetchedAt: opened.lastModified, format: item.format, firstIndex, profiles });
}

const reportsOf = (s: UploadStatus): PieceReport[] =>
  Array.from({ length: s.pieces ?? 0 }, (_, k) => s.pieceReports?.[String(k)] ?? { documents: 0, documentErrorCount: 0, documentErrors: [], encodings: {} });

const NOTHING_READ: Record<PieceWorkItem['format'], string> = {
  warc: 'the WARC file holds no usable record (an HTML or text response or resource)',
  jsonl: 'no document in the JSON Lines upload could be read',
  text: 'no region of the text upload could be read',
};

function nothingReadReason(item: PieceWorkItem, errors: { error: string }[]): string {
  const what = NOTHING_READ[item.format];
  return errors.length ? `${what}; first problem: ${errors[0].error}` : what;
}

/** A FAILED upload keeps no records: what pieces wrote, and what an earlier version left. */
async function failPieces(ctx: IngestContext, item: PieceWorkItem, reason: string): Promise<IngestOutcome> {
  const status = await getUpload(ctx.clients, ctx.store, item.key);
  const leads = { listed: status?.articleIds ?? [], writers: status?.writers ?? [] };
  await deleteArticles(ctx.clients, ctx.store, (await findUploadArticles(ctx.clients, ctx.store, item, leads)).filter(removableBy(item.sequencer)), item.sequencer);
  await deleteUploadBodies(ctx.clients, ctx.store, item, (gen) => gen > item.sequencer);
  const owned = await finishUpload(ctx.clients, ctx.store, refOf(item), {
    status: 'FAILED', error: reason, articleIds: [], extractorVersion: EXTRACTOR_VERSION, fromPieces: true,
  });
  return owned ? { outcome: 'failed', reason } : { outcome: 'superseded' };
}

/**
 * A newer event took the key while this piece wrote. Its records that the newer outcome does not hold are
 * removed; while the newer one is PENDING, its own clean-up will see them. A PROCESSED outcome's ids are
 * known without listing them: `articleId(its version, i)` for i below its article count.
 */
async function dropSuperseded(ctx: IngestContext, item: PieceWorkItem, written: ArticleRecord[]): Promise<IngestOutcome> {
  const current = await getUpload(ctx.clients, ctx.store, item.key);
  // the run lost to another event: its bodies go, including those under ids the newer run's items now hold
  // (a twin delivery of this same event that won shares them)
  if (current?.sequencer !== item.sequencer) await deleteUploadBodies(ctx.clients, ctx.store, item, (gen) => gen !== item.sequencer);
  if (written.length && current && current.status !== 'PENDING') {
    const upload = { bucket: current.bucket, key: current.key, ...(current.versionId ? { versionId: current.versionId } : {}) };
    const keep = new Set(current.status === 'PROCESSED' ? Array.from({ length: current.articleCount }, (_, i) => articleId(upload, i)) : []);
    await deleteArticles(ctx.clients, ctx.store, written.filter((r) => !keep.has(r.id)), item.sequencer);
  }
  return { outcome: 'superseded' };
}
