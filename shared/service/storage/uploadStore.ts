/**
 * The upload status table adapter. One item per object key; S3's event `sequencer` orders the versions of
 * a key, so events that arrive late or twice cannot overwrite what a newer event wrote (conditional writes).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { REPORT_LIMITS, type ScrapeFormat } from '../../core/index.js';
import type { StoreConfig } from './storeConfig.js';
import type { AwsClients } from './awsClients.js';

type UploadState = 'PENDING' | 'PROCESSED' | 'FAILED' | 'DELETED';

/** What a piece's count reports besides its article count (kept on the status item until the upload ends). */
export interface PieceReport {
  documents: number;
  documentErrorCount: number;
  documentErrors: { position: number; error: string }[];
  /** Documents per encoding, for the upload-level encoding (the one most documents used). */
  encodings: Record<string, number>;
  /** Documents read that gave no article, by reason (reports written before this field: none). */
  documentsWithoutArticles?: Record<string, number>;
  /** Objects without page content the piece skipped. */
  skipped?: number;
  /** Hosts of the piece's records (capped by capReport; reports written before this field: none known). */
  hosts?: string[];
  /** The piece has more hosts than its report keeps. */
  hostsTruncated?: boolean;
}

export interface UploadStatus {
  key: string;
  bucket: string;
  versionId?: string;
  sequencer: string;
  status: UploadState;
  /** The run (sequencer) whose records readers see; set when a run ends PROCESSED (articleItems.ts). */
  committed?: string;
  error?: string;
  articleIds: string[];
  articleCount: number;
  /** True when the upload has more articles than the status item lists (see the byUpload index). */
  articleIdsTruncated?: boolean;
  /**
   * The listed articles are not in `byUpload` (articleItems.ts, LISTED_POSITIONS) and `articleIds` lists them
   * newest first: `?upload=` reads them by id. Absent: every article is in the index (statuses written
   * before, uploads read in pieces).
   */
  articleIdsUnindexed?: boolean;
  /**
   * Runs of this key that claimed it and have not yet been cleaned up after, by version (`versionTag`): each
   * may have written articles at listed positions, which no index holds, so whoever removes an upload's
   * records probes their ids (articleStore.ts, findUploadArticles). A run removes its own tag when it
   * commits; the tags of runs that died are removed once a later commit has removed their articles.
   */
  writers?: string[];
  documents?: number;
  documentErrors?: { position: number; error: string }[];
  /** What a person should know about a PROCESSED upload (no article and why, documents that gave none). */
  warnings?: string[];
  /**
   * The hosts of its articles' URLs, sorted (at most MAX_LISTED_HOSTS): what `sift reprocess --host` selects
   * by. Absent on statuses written before it was kept; `hostsTruncated` when the list is not all of them.
   */
  hosts?: string[];
  hostsTruncated?: boolean;
  format?: ScrapeFormat;
  encoding?: string;
  size?: number;
  extractorVersion?: string;
  updatedAt: string;
  /** A big upload read in pieces (pipeline/pieces.ts): how many, and what each reported. */
  pieces?: number;
  /** The sequencer the pieces were planned for (a newer claim of the key replans). */
  piecesSequencer?: string;
  /** Articles per piece, by piece number, as each piece's count phase reports them. */
  pieceCounts?: Record<string, number>;
  /** Documents, errors and encodings per piece, until the upload ends. */
  pieceReports?: Record<string, PieceReport>;
  /** Pieces whose records are written (a number set in DynamoDB, a sorted list here). */
  piecesCommitted?: number[];
  /** The commit work items were sent (so a repeated count does not send them again). */
  commitsQueued?: boolean;
}

const UPLOAD_FEED = 'UPLOAD';
/**
 * When a PENDING status was last written (its claim, then the pieces' progress): shown as its `updatedAt`.
 * `updatedAt` itself, the sort key of `byUpdated` (projection ALL), is written once an upload ends, so a
 * first run is listed once, when it ends (one index write), not at its claim and again at its end (a
 * put, then a delete and a put, as the sort key changes); a run of a key already listed keeps its place
 * until it ends.
 */
const PENDING_AT = 'pendingAt';
const MAX_LISTED_ARTICLE_IDS = REPORT_LIMITS.listedArticleIds;
export const MAX_LISTED_DOCUMENT_ERRORS = REPORT_LIMITS.listedDocumentErrors;
export const MAX_LISTED_HOSTS = REPORT_LIMITS.listedHosts;

export interface UploadEventRef {
  bucket: string;
  key: string;
  versionId?: string;
  sequencer: string;
  size?: number;
}

type ClaimResult = 'claimed' | 'stale' | 'duplicate';

/**
 * A claim's outcome; `firstOfKey` when the key had no status before this claim (no run of it ever began),
 * `committed` the run whose records readers saw when it was claimed (a claim leaves it as it is).
 */
export type Claim = {
  result: 'claimed'; firstOfKey: boolean; committed?: string;
  /** The ids the status listed before this claim (the committed run's), and the runs not cleaned up after (`writers`). */
  listed: string[]; writers: string[];
} | { result: Exclude<ClaimResult, 'claimed'> };

/** A run's entry in `writers`: the version its article ids derive from (`v` alone: no version). */
export const versionTag = (ref: { versionId?: string }) => `v${ref.versionId ?? ''}`;
export const versionOfTag = (tag: string) => tag.slice(1) || undefined;

const isConditionFailure = (e: unknown) =>
  e instanceof ConditionalCheckFailedException || (e as Error)?.name === 'ConditionalCheckFailedException';

export async function getUpload(c: AwsClients, cfg: StoreConfig, key: string): Promise<UploadStatus | null> {
  const out = await c.ddb.send(new GetCommand({ TableName: cfg.uploadsTable, Key: { key }, ConsistentRead: true }));
  return out.Item ? statusOf(out.Item) : null;
}

/** What `?upload=` needs of a status: its list, and whether the listed articles are in `byUpload` (a read of two attributes). */
export async function getUploadListing(c: AwsClients, cfg: StoreConfig, key: string): Promise<Pick<UploadStatus, 'articleIds' | 'articleIdsUnindexed'> | null> {
  const out = await c.ddb.send(new GetCommand({
    TableName: cfg.uploadsTable, Key: { key }, ProjectionExpression: '#i, #u', ExpressionAttributeNames: { '#i': 'articleIds', '#u': 'articleIdsUnindexed' },
  }));
  return out.Item ? { articleIds: (out.Item.articleIds as string[] | undefined) ?? [], articleIdsUnindexed: out.Item.articleIdsUnindexed === true } : null;
}

/** The item as the rest of Sift reads it: without the index's feed, sets as sorted lists (a Set does not serialise). */
function statusOf(item: Record<string, unknown>): UploadStatus {
  const { feed: _feed, [PENDING_AT]: pendingAt, ...status } = item;
  if (status.status === 'PENDING' && typeof pendingAt === 'string') status.updatedAt = pendingAt;
  if (status.writers instanceof Set) status.writers = [...(status.writers as Set<string>)].sort();
  if (status.piecesCommitted instanceof Set) status.piecesCommitted = [...(status.piecesCommitted as Set<number>)].map(Number).sort((a, b) => a - b);
  return status as unknown as UploadStatus;
}

function classify(existing: UploadStatus | null, sequencer: string): Exclude<ClaimResult, 'claimed'> | null {
  if (!existing) return null;
  if (existing.sequencer > sequencer) return 'stale';
  if (existing.sequencer === sequencer && existing.status !== 'PENDING') return 'duplicate';
  return null;
}

/**
 * Marks an object version PENDING unless a newer event already owns the key (`stale`) or this event was
 * already processed (`duplicate`). A PENDING item of the same event is claimed again: the earlier attempt died.
 * The write itself says whether the key had a status before (its old values), so `firstOfKey` holds even
 * when another event claimed the key between the read and the write.
 */
export async function claimUpload(c: AwsClients, cfg: StoreConfig, ref: UploadEventRef, now = new Date()): Promise<Claim> {
  const early = classify(await getUpload(c, cfg, ref.key), ref.sequencer);
  if (early) return { result: early };
  try {
    const out = await c.ddb.send(new UpdateCommand({
      TableName: cfg.uploadsTable,
      Key: { key: ref.key },
      UpdateExpression: 'SET #b = :b, #seq = :seq, #st = :pending, #pat = :at, #feed = :feed, #size = :size, '
        + '#ids = if_not_exists(#ids, :none), #n = if_not_exists(#n, :zero)' + (ref.versionId ? ', #ver = :ver' : '')
        + ' ADD #w :w REMOVE #err',
      ConditionExpression: 'attribute_not_exists(#k) OR #seq < :seq OR (#seq = :seq AND #st = :pending)',
      ExpressionAttributeNames: {
        '#k': 'key', '#b': 'bucket', '#seq': 'sequencer', '#st': 'status', '#pat': PENDING_AT, '#feed': 'feed',
        '#size': 'size', '#ids': 'articleIds', '#n': 'articleCount', '#err': 'error', '#w': 'writers', ...(ref.versionId ? { '#ver': 'versionId' } : {}),
      },
      ExpressionAttributeValues: {
        ':b': ref.bucket, ':seq': ref.sequencer, ':pending': 'PENDING', ':at': now.toISOString(), ':feed': UPLOAD_FEED,
        ':size': ref.size ?? null, ':none': [], ':zero': 0, ':w': new Set([versionTag(ref)]), ...(ref.versionId ? { ':ver': ref.versionId } : {}),
      },
      // The item as it was: none when the key had no status.
      ReturnValues: 'ALL_OLD',
    }));
    const before = out.Attributes ? statusOf(out.Attributes) : undefined;
    return {
      result: 'claimed', firstOfKey: !before, ...(typeof before?.committed === 'string' ? { committed: before.committed } : {}),
      listed: before?.articleIds ?? [], writers: before?.writers ?? [],
    };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return { result: classify(await getUpload(c, cfg, ref.key), ref.sequencer) ?? 'stale' };
  }
}

/** What a run ends with: the status's report fields as the run found them (`hostsTruncated`: a piece kept only some hosts). */
export interface UploadOutcome extends Pick<UploadStatus,
  'error' | 'documents' | 'documentErrors' | 'warnings' | 'hosts' | 'hostsTruncated' | 'format' | 'encoding' | 'extractorVersion'> {
  status: Exclude<UploadState, 'PENDING'>;
  articleIds?: string[];
  /** The upload was read in pieces: keep `pieces`, `pieceCounts` and `piecesCommitted` for the record. */
  fromPieces?: boolean;
  /** The listed articles are not in `byUpload`, and `articleIds` comes newest first (UploadStatus.articleIdsUnindexed). */
  unindexedListed?: boolean;
  /** Remove this run's `writers` tag: nothing it or an earlier run of its version wrote needs finding by id any more. */
  forgetOwnTag?: boolean;
}

/** Piece fields a finished upload drops (all of them, unless it was read in pieces). */
const PIECE_WORK_FIELDS = ['pieceReports', 'commitsQueued'];
const PIECE_FIELDS = [...PIECE_WORK_FIELDS, 'pieces', 'piecesSequencer', 'pieceCounts', 'piecesCommitted'];

/**
 * Records the outcome, if this event still owns the key: returns the status as it was just before (a twin
 * delivery of this event may have ended it already), or null when a newer event took the key over.
 */
export async function finishUpload(c: AwsClients, cfg: StoreConfig, ref: UploadEventRef, outcome: UploadOutcome, now = new Date()): Promise<UploadStatus | null> {
  const ids = outcome.articleIds ?? [];
  const fields: Record<string, unknown> = {
    status: outcome.status,
    articleIds: ids.slice(0, MAX_LISTED_ARTICLE_IDS),
    articleCount: ids.length,
    articleIdsTruncated: ids.length > MAX_LISTED_ARTICLE_IDS,
    updatedAt: now.toISOString(),
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    ...(outcome.documents !== undefined ? { documents: outcome.documents } : {}),
    ...(outcome.documentErrors ? { documentErrors: outcome.documentErrors.slice(0, MAX_LISTED_DOCUMENT_ERRORS) } : {}),
    // always written, so a new run's status never shows an earlier run's warnings
    warnings: outcome.warnings ?? [],
    // likewise: a run's hosts replace the earlier run's
    hosts: (outcome.hosts ?? []).slice(0, MAX_LISTED_HOSTS),
    hostsTruncated: Boolean(outcome.hostsTruncated) || (outcome.hosts?.length ?? 0) > MAX_LISTED_HOSTS,
    ...(outcome.format ? { format: outcome.format } : {}),
    ...(outcome.encoding ? { encoding: outcome.encoding } : {}),
    ...(outcome.extractorVersion ? { extractorVersion: outcome.extractorVersion } : {}),
  };
  // The commit point: a PROCESSED run's records become the visible ones in this one write; other outcomes
  // leave no records, so nothing stays committed.
  if (outcome.status === 'PROCESSED') fields.committed = ref.sequencer;
  if (outcome.unindexedListed) fields.articleIdsUnindexed = true;
  const names: Record<string, string> = { '#seq': 'sequencer' };
  const values: Record<string, unknown> = { ':seq': ref.sequencer };
  const sets = Object.entries(fields).map(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  const removed = [
    PENDING_AT, ...(outcome.fromPieces ? PIECE_WORK_FIELDS : PIECE_FIELDS), ...(outcome.status === 'PROCESSED' ? [] : ['committed']),
    ...(outcome.unindexedListed ? [] : ['articleIdsUnindexed']),
  ];
  const removes = removed.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  let forget = '';
  if (outcome.forgetOwnTag) {
    names['#w'] = 'writers';
    values[':w'] = new Set([versionTag(ref)]);
    forget = ' DELETE #w :w';
  }
  try {
    const out = await c.ddb.send(new UpdateCommand({
      TableName: cfg.uploadsTable, Key: { key: ref.key },
      UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}${forget}`,
      ConditionExpression: '#seq = :seq',
      ExpressionAttributeNames: names, ExpressionAttributeValues: values,
      ReturnValues: 'ALL_OLD',
    }));
    return statusOf(out.Attributes ?? { key: ref.key });
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

/**
 * Removes `writers` tags once their runs' articles are gone (after a commit's clean-up), while this event
 * still owns the key: a newer claim saw the tags and cleans up after them itself.
 */
export async function forgetWriters(c: AwsClients, cfg: StoreConfig, ref: UploadEventRef, tags: string[]): Promise<void> {
  if (!tags.length) return;
  try {
    await c.ddb.send(new UpdateCommand({
      TableName: cfg.uploadsTable, Key: { key: ref.key }, UpdateExpression: 'DELETE #w :w', ConditionExpression: '#seq = :seq',
      ExpressionAttributeNames: { '#w': 'writers', '#seq': 'sequencer' }, ExpressionAttributeValues: { ':w': new Set(tags), ':seq': ref.sequencer },
    }));
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** The committed run of each upload key (absent: nothing visible yet), for readers deciding what to show. */
export async function committedRuns(c: AwsClients, cfg: StoreConfig, keys: string[]): Promise<Map<string, string | undefined>> {
  const runs = new Map<string, string | undefined>();
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Record<string, unknown>[] = keys.slice(i, i + 100).map((key) => ({ key }));
    for (let round = 0; pending.length && round < 8; round++) {
      if (round) await new Promise((r) => setTimeout(r, 50 * 2 ** round));
      const out = await c.ddb.send(new BatchGetCommand({
        RequestItems: { [cfg.uploadsTable]: { Keys: pending, ProjectionExpression: '#k, committed', ExpressionAttributeNames: { '#k': 'key' } } },
      }));
      for (const item of out.Responses?.[cfg.uploadsTable] ?? []) runs.set(item.key as string, item.committed as string | undefined);
      pending = (out.UnprocessedKeys?.[cfg.uploadsTable]?.Keys ?? []) as Record<string, unknown>[];
    }
    if (pending.length) throw new Error(`DynamoDB left ${pending.length} upload reads unprocessed`);
  }
  return runs;
}

/** Recent uploads, newest first (index `byUpdated`). */
export async function listUploads(c: AwsClients, cfg: StoreConfig, limit: number, start?: Record<string, unknown>) {
  const out = await c.ddb.send(new QueryCommand({
    TableName: cfg.uploadsTable, IndexName: 'byUpdated', ScanIndexForward: false, Limit: limit,
    KeyConditionExpression: 'feed = :f', ExpressionAttributeValues: { ':f': UPLOAD_FEED }, ExclusiveStartKey: start,
  }));
  return {
    items: (out.Items ?? []).map(statusOf),
    lastEvaluatedKey: out.LastEvaluatedKey,
  };
}

/*
 * Pieces of a big upload. Every write is conditional on the claimed sequencer and a PENDING status, so the
 * work items of an older version (late, duplicated, retried) fail the condition and change nothing.
 */

export interface PieceRef {
  key: string;
  sequencer: string;
}

const PIECE_OWNER = '#seq = :seq AND #st = :pending';
const pieceNames = { '#seq': 'sequencer', '#st': 'status' };
const pieceValues = (ref: PieceRef) => ({ ':seq': ref.sequencer, ':pending': 'PENDING' });

/**
 * Records the plan: `pieces`, empty per-piece maps, and the sequencer they belong to. `replanned` when this
 * event had already planned (its first attempt died after the write): the counts so far are kept, and the
 * caller sends the count items again (a repeated count changes nothing).
 */
export async function planUploadPieces(
  c: AwsClients, cfg: StoreConfig, ref: PieceRef, pieces: number, format: ScrapeFormat, now = new Date(),
): Promise<'planned' | 'replanned' | 'stale'> {
  try {
    await c.ddb.send(new UpdateCommand({
      TableName: cfg.uploadsTable, Key: { key: ref.key },
      UpdateExpression: 'SET #n = :n, #ps = :seq, #counts = :empty, #reports = :empty, #fmt = :fmt, #at = :at REMOVE #done, #queued',
      ConditionExpression: `${PIECE_OWNER} AND (attribute_not_exists(#ps) OR #ps <> :seq)`,
      ExpressionAttributeNames: {
        ...pieceNames, '#n': 'pieces', '#ps': 'piecesSequencer', '#counts': 'pieceCounts', '#reports': 'pieceReports',
        '#fmt': 'format', '#at': PENDING_AT, '#done': 'piecesCommitted', '#queued': 'commitsQueued',
      },
      ExpressionAttributeValues: { ...pieceValues(ref), ':n': pieces, ':empty': {}, ':fmt': format, ':at': now.toISOString() },
    }));
    return 'planned';
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = await getUpload(c, cfg, ref.key);
    const mine = current?.sequencer === ref.sequencer && current.status === 'PENDING' && current.piecesSequencer === ref.sequencer;
    return mine && current.pieces === pieces ? 'replanned' : 'stale';
  }
}

/** Records one piece's count (idempotent: the same piece reports the same numbers). Null when stale. */
export async function recordPieceCount(
  c: AwsClients, cfg: StoreConfig, ref: PieceRef, piece: number, articles: number, report: PieceReport, now = new Date(),
): Promise<UploadStatus | null> {
  return pieceUpdate(c, cfg, ref, {
    UpdateExpression: 'SET #counts.#k = :count, #reports.#k = :report, #at = :at',
    ExpressionAttributeNames: { '#counts': 'pieceCounts', '#reports': 'pieceReports', '#k': String(piece), '#at': PENDING_AT },
    ExpressionAttributeValues: { ':count': articles, ':report': report, ':at': now.toISOString() },
  });
}

/** Notes that the commit items went out. Null when stale. */
export async function markCommitsQueued(c: AwsClients, cfg: StoreConfig, ref: PieceRef): Promise<UploadStatus | null> {
  return pieceUpdate(c, cfg, ref, {
    UpdateExpression: 'SET #queued = :yes', ExpressionAttributeNames: { '#queued': 'commitsQueued' }, ExpressionAttributeValues: { ':yes': true },
  });
}

/** Adds a piece to the committed set (ADD on a number set: idempotent). Null when stale. */
export async function markPieceCommitted(c: AwsClients, cfg: StoreConfig, ref: PieceRef, piece: number, now = new Date()): Promise<UploadStatus | null> {
  return pieceUpdate(c, cfg, ref, {
    UpdateExpression: 'ADD #done :piece SET #at = :at',
    ExpressionAttributeNames: { '#done': 'piecesCommitted', '#at': PENDING_AT },
    ExpressionAttributeValues: { ':piece': new Set([piece]), ':at': now.toISOString() },
  });
}

/** One conditional update of a piece; the item as it is after it (ALL_NEW), or null when this sequencer no longer owns the key. */
async function pieceUpdate(
  c: AwsClients, cfg: StoreConfig, ref: PieceRef,
  update: { UpdateExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown> },
): Promise<UploadStatus | null> {
  try {
    const out = await c.ddb.send(new UpdateCommand({
      TableName: cfg.uploadsTable, Key: { key: ref.key }, ...update,
      ConditionExpression: PIECE_OWNER,
      ExpressionAttributeNames: { ...pieceNames, ...update.ExpressionAttributeNames },
      ExpressionAttributeValues: { ...pieceValues(ref), ...update.ExpressionAttributeValues },
      ReturnValues: 'ALL_NEW',
    }));
    return out.Attributes ? statusOf(out.Attributes) : null;
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}
