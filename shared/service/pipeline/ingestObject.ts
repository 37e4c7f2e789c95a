/**
 * What happens to one S3 object event: claim the key, stream the object through the core, store the records,
 * drop records the previous version had and this one has not, record the outcome.
 *
 * Idempotent under at-least-once, out-of-order delivery:
 * - record ids derive from bucket, key, version and position, so a replay rewrites identical items;
 * - the status item keeps S3's sequencer, and every status write is conditional on it, so an older event
 *   arriving late is recognised as stale and changes nothing;
 * - bad input ends FAILED (never retried); anything else throws, and the queue retries it, then dead-letters it.
 *
 * A big JSON Lines or WARC upload is not read here: after the claim it is split into pieces processed in
 * parallel from the same queue (ingestPiece.ts), when the context can enqueue work items.
 */
import {
  type ArticleRecord, DEFAULT_LIMITS, EXTRACTOR_VERSION, extractUploadStream, isBadInput, type UploadSummary,
} from '../../core/index.js';
import type { ObjectEvent } from '../events/s3Events.js';
import { resolveReprocess } from './reprocess.js';
import { deleteArticles, deleteItems, deleteUploadBodies, findUploadArticles, putArticles, removableBy } from '../storage/articleStore.js';
import { bodyBytes, LISTED_POSITIONS, MAX_INLINE_BODY_BYTES, sortKeyOf } from '../storage/articleItems.js';
import { openObject } from '../storage/objectStore.js';
import { placeStories, settleStories } from '../storage/storyStore.js';
import {
  type Claim, claimUpload, finishUpload, forgetWriters, getUpload, type UploadEventRef, type UploadStatus, versionTag,
} from '../storage/uploadStore.js';
import { deliveriesSpentReason, isLastDelivery } from './deliveries.js';
import type { IngestContext, IngestOutcome } from './ingestContext.js';
import { splitUpload } from './ingestPiece.js';
import { fromSource, toStore, TransientError } from './transient.js';

export async function ingestObjectEvent(ctx: IngestContext, incoming: ObjectEvent): Promise<IngestOutcome> {
  const event = incoming.reprocess ? resolveReprocess(incoming, await getUpload(ctx.clients, ctx.store, incoming.key)) : incoming;
  if (!event) return { outcome: 'stale' };
  const ref: UploadEventRef = {
    bucket: event.bucket, key: event.key, versionId: event.versionId, sequencer: event.sequencer, size: event.size,
  };
  const claim = await claimUpload(ctx.clients, ctx.store, ref);
  if (claim.result !== 'claimed') return { outcome: claim.result };
  if (event.change === 'removed') return removeUpload(ctx, ref, claim);
  return isLastDelivery(ctx.delivery) ? fail(ctx, ref, claim, deliveriesSpentReason(ctx.delivery), !claim.firstOfKey) : processUpload(ctx, ref, claim);
}

type Claimed = Extract<Claim, { result: 'claimed' }>;

/**
 * Finding what is stored for the key (articleStore.ts, findUploadArticles): besides `byUpload`, the ids the
 * status listed when this run claimed the key (the committed run's), and the runs not cleaned up after
 * (`writers`); a commit of a twin delivery of this event (`before`, the status its finish replaced) listed its own.
 */
const leadsOf = (claim: Claimed, ref: UploadEventRef, before?: UploadStatus | null) => ({
  listed: [...claim.listed, ...(before?.sequencer === ref.sequencer ? before.articleIds ?? [] : [])],
  writers: claim.writers,
});

/**
 * A run's own `writers` tag goes with its finish unless the tag was there before its claim: then an earlier
 * run of the same version (a dead attempt of this event, or any run of an unversioned key) may have left
 * articles, and the tag stays until they are removed.
 */
const forgetsOwnTag = (claim: Claimed, ref: UploadEventRef) => !claim.writers.includes(versionTag(ref));

/**
 * Streams the object through the core and writes records batch by batch, so memory stays bounded whatever
 * the upload's size. Errors are sorted by where they come from: the download and the table writes are
 * transient (retried through the queue); the core's are final (bad input, or a deterministic bug).
 */
async function processUpload(ctx: IngestContext, ref: UploadEventRef, claim: Claimed): Promise<IngestOutcome> {
  const { clients, store } = ctx;
  const { firstOfKey, committed } = claim;
  const maxBytes = ctx.maxUploadBytes ?? DEFAULT_LIMITS.maxUploadBytes;
  if (ctx.enqueue) {
    const split = await splitUpload(ctx, ref, maxBytes);
    if (split) return split;
  }
  // A failed first read of the profiles is transient like any S3 error: the queue retries the upload.
  const profiles = await ctx.profiles?.();
  // S3 errors other than "too big" (access, throttling, 5xx) propagate: the queue retries, then dead-letters.
  let object;
  try {
    object = await openObject(clients, ref.bucket, ref.key, ref.versionId, maxBytes);
  } catch (error) {
    if (isBadInput(error)) return fail(ctx, ref, claim, error.message, !firstOfKey);
    throw error;
  }
  if (!object) return fail(ctx, ref, claim, 'the object was deleted before it could be processed', !firstOfKey);

  const written: ArticleRecord[] = [];
  const retired: string[] = [];
  // Readers keep seeing the committed run's records until this run commits (storage/articleItems.ts). The
  // claim said which run that is: only a run of this same event can commit before this one ends (any other
  // fails its condition on the sequencer), and this run then writes the same items over it.
  const run = { gen: ref.sequencer, committed };
  let summary: UploadSummary | undefined;
  try {
    const events = extractUploadStream(fromSource(object.body), {
      upload: { bucket: ref.bucket, key: ref.key, versionId: ref.versionId },
      fetchedAt: object.lastModified,
      limits: { maxUploadBytes: maxBytes },
      profiles,
    });
    for await (const event of events) {
      if (event.kind === 'summary') {
        summary = event.summary;
        continue;
      }
      // The story stage: copies already stored are found by key before the batch is written, and looked for
      // again after it (a copy another invocation wrote at the same moment).
      const stories = await toStore(() => placeStories(clients, store, event.articles));
      const { retired: gone } = await toStore(() => putArticles(clients, store, stories.records, run, false, stories.fingerprints));
      await toStore(() => settleStories(clients, store, stories));
      written.push(...event.articles);
      retired.push(...gone);
    }
  } catch (error) {
    if (error instanceof TransientError) throw error.cause;
    // The core is pure: an unexpected error in it repeats on every retry, so it is final, with its reason kept.
    const reason = isBadInput(error) ? error.message : `Sift could not extract this upload: ${(error as Error)?.message ?? String(error)}`;
    return fail(ctx, ref, claim, reason, !firstOfKey || written.some((a) => bodyBytes(a) > MAX_INLINE_BODY_BYTES), written.map((a) => a.id));
  }
  // The commit: one conditional write makes this run's records the visible ones, all at once. The articles
  // at listed positions are not in `byUpload`: the status lists them, newest first, for `?upload=`.
  const listed = written.filter((a) => a.upload.index < LISTED_POSITIONS);
  const newestFirst = listed.map((a) => [sortKeyOf(a.published, a.id), a.id]).sort(([x], [y]) => (x < y ? 1 : x > y ? -1 : 0)).map(([, id]) => id);
  const owned = await finishUpload(clients, store, ref, {
    status: 'PROCESSED',
    articleIds: [...newestFirst, ...written.filter((a) => a.upload.index >= LISTED_POSITIONS).map((a) => a.id)],
    unindexedListed: true, forgetOwnTag: forgetsOwnTag(claim, ref),
    documents: summary?.documents ?? 0,
    documentErrors: summary?.documentErrors ?? [],
    warnings: summary?.warnings ?? [],
    hosts: summary?.hosts ?? [],
    format: summary?.format,
    encoding: summary?.encoding,
    extractorVersion: EXTRACTOR_VERSION,
  });
  if (!owned) {
    await dropSupersededRecords(ctx, ref, written, ref.sequencer);
    return { outcome: 'superseded' };
  }
  // Now invisible, so removed at leisure: records earlier runs had and this one has not, and retired tag items.
  // Runs that died are looked for after the commit: one that was still writing when this run claimed saw
  // this run PENDING when it gave up, so it had written all it would before this commit (dropSupersededRecords).
  const kept = new Set(written.map((a) => a.id));
  const leftovers = await findUploadArticles(clients, store, ref, leadsOf(claim, ref, owned), kept);
  await deleteArticles(clients, store, leftovers.filter(removableBy(ref.sequencer, kept)));
  await deleteItems(clients, store, retired);
  // their articles gone, the tags of the runs that left them go too (the status keeps them if this dies first)
  await forgetWriters(clients, store, ref, claim.writers);
  // Bodies of older runs no item of this one refers to (runs that lost a race, a redelivery beside this one),
  // keeping the previous commit's, which a reader that saw the old status may still fetch. None can exist
  // when this run's claim was the key's first: only a run that claimed writes bodies, any later claim has a
  // newer sequencer (and this commit would have failed) or is this same event (its bodies are kept), so the
  // listing (an S3 LIST, priced as a PUT, once per upload) is skipped.
  if (!firstOfKey) await deleteUploadBodies(clients, store, ref, (gen) => gen >= ref.sequencer || gen === run.committed);
  return {
    outcome: 'processed', articles: written.length, documentErrors: summary?.documentErrorCount ?? 0, format: summary?.format ?? 'text',
    profileMisses: summary?.profileMisses ?? {}, warnings: summary?.warnings ?? [],
  };
}

/**
 * What a user deletes is forgotten: every record of the key up to this event, found through the index, the
 * status's list and the versions of runs that did not finish, before the status says DELETED (the tags of
 * those runs stay: one still writing would leave more, which the key's next commit or delete finds).
 */
async function removeUpload(ctx: IngestContext, ref: UploadEventRef, claim: Claimed): Promise<IngestOutcome> {
  const views = (await findUploadArticles(ctx.clients, ctx.store, ref, leadsOf(claim, ref))).filter(removableBy(ref.sequencer));
  await deleteArticles(ctx.clients, ctx.store, views);
  // every body of the key's runs up to this event, referenced or not
  await deleteUploadBodies(ctx.clients, ctx.store, ref, (gen) => gen > ref.sequencer);
  const owned = await finishUpload(ctx.clients, ctx.store, ref, { status: 'DELETED', articleIds: [], forgetOwnTag: forgetsOwnTag(claim, ref) });
  return owned ? { outcome: 'deleted', articles: views.length } : { outcome: 'superseded' };
}

/**
 * A FAILED upload keeps no records: what this run wrote, and what earlier runs left. They go before the
 * status says so, so that a crash in between leaves the event to be retried, not records behind.
 * `bodiesPossible` false: no body can be in the upload's folder (the key's first claim, and this run wrote
 * none: see processUpload's commit), so its listing, an S3 LIST priced as a PUT, is skipped.
 */
async function fail(ctx: IngestContext, ref: UploadEventRef, claim: Claimed, reason: string, bodiesPossible = true, written: string[] = []): Promise<IngestOutcome> {
  // this run's own articles too (`written`; an earlier attempt's are under the tag it left in `writers`)
  const leads = leadsOf(claim, ref);
  const mine = (await findUploadArticles(ctx.clients, ctx.store, ref, { ...leads, listed: [...leads.listed, ...written] })).filter(removableBy(ref.sequencer));
  await deleteArticles(ctx.clients, ctx.store, mine, ref.sequencer);
  if (bodiesPossible) await deleteUploadBodies(ctx.clients, ctx.store, ref, (gen) => gen > ref.sequencer);
  const owned = await finishUpload(ctx.clients, ctx.store, ref, {
    status: 'FAILED', error: reason, articleIds: [], extractorVersion: EXTRACTOR_VERSION, forgetOwnTag: forgetsOwnTag(claim, ref),
  });
  return owned ? { outcome: 'failed', reason } : { outcome: 'superseded' };
}

/**
 * A newer event took the key while this one was writing. Records this event wrote that the newer outcome
 * does not list are removed, so no reader sees two versions of one upload.
 */
async function dropSupersededRecords(ctx: IngestContext, ref: UploadEventRef, written: ArticleRecord[], gen: string) {
  const current = await getUpload(ctx.clients, ctx.store, ref.key);
  // A twin delivery of this same event won: its items and bodies are this run's own (same ids, same keys).
  if (current?.sequencer === gen) return;
  // This run's bodies, all of them: it lost, and the items that kept its ids now hold the newer run's.
  await deleteUploadBodies(ctx.clients, ctx.store, ref, (g) => g !== gen);
  if (!current || current.status === 'PENDING') return; // the newer event's own clean-up will see our records
  const keep = new Set(current.articleIds);
  await deleteArticles(ctx.clients, ctx.store, written.filter((a) => !keep.has(a.id)), gen);
}
