/**
 * The upload status table adapter. One item per object key; S3's event `sequencer` orders the versions of
 * a key, so events that arrive late or twice cannot overwrite what a newer event wrote (conditional writes).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ScrapeFormat } from '../model.js';
import type { StoreConfig } from './articleStore.js';
import type { AwsClients } from './awsClients.js';

export type UploadState = 'PENDING' | 'PROCESSED' | 'FAILED' | 'DELETED';

export interface UploadStatus {
  key: string;
  bucket: string;
  versionId?: string;
  sequencer: string;
  status: UploadState;
  error?: string;
  articleIds: string[];
  articleCount: number;
  /** True when the upload has more articles than the status item lists (see the byUpload index). */
  articleIdsTruncated?: boolean;
  documents?: number;
  documentErrors?: { position: number; error: string }[];
  format?: ScrapeFormat;
  encoding?: string;
  size?: number;
  extractorVersion?: string;
  updatedAt: string;
}

export const UPLOAD_FEED = 'UPLOAD';
/** Keeps the status item far under DynamoDB's 400 KB limit. */
export const MAX_LISTED_ARTICLE_IDS = 2000;
export const MAX_LISTED_DOCUMENT_ERRORS = 50;

export interface UploadEventRef {
  bucket: string;
  key: string;
  versionId?: string;
  sequencer: string;
  size?: number;
}

export type ClaimResult = 'claimed' | 'stale' | 'duplicate';

const isConditionFailure = (e: unknown) =>
  e instanceof ConditionalCheckFailedException || (e as Error)?.name === 'ConditionalCheckFailedException';

export async function getUpload(c: AwsClients, cfg: StoreConfig, key: string): Promise<UploadStatus | null> {
  const out = await c.ddb.send(new GetCommand({ TableName: cfg.uploadsTable, Key: { key }, ConsistentRead: true }));
  if (!out.Item) return null;
  const { feed: _feed, ...status } = out.Item;
  return status as UploadStatus;
}

function classify(existing: UploadStatus | null, sequencer: string): ClaimResult | null {
  if (!existing) return null;
  if (existing.sequencer > sequencer) return 'stale';
  if (existing.sequencer === sequencer && existing.status !== 'PENDING') return 'duplicate';
  return null;
}

/**
 * Marks an object version PENDING unless a newer event already owns the key (`stale`) or this event was
 * already processed (`duplicate`). A PENDING item of the same event is claimed again: the earlier attempt died.
 */
export async function claimUpload(c: AwsClients, cfg: StoreConfig, ref: UploadEventRef, now = new Date()): Promise<ClaimResult> {
  const early = classify(await getUpload(c, cfg, ref.key), ref.sequencer);
  if (early) return early;
  try {
    await c.ddb.send(new UpdateCommand({
      TableName: cfg.uploadsTable,
      Key: { key: ref.key },
      UpdateExpression: 'SET #b = :b, #seq = :seq, #st = :pending, #at = :at, #feed = :feed, #size = :size, '
        + '#ids = if_not_exists(#ids, :none), #n = if_not_exists(#n, :zero)' + (ref.versionId ? ', #ver = :ver' : '')
        + ' REMOVE #err',
      ConditionExpression: 'attribute_not_exists(#k) OR #seq < :seq OR (#seq = :seq AND #st = :pending)',
      ExpressionAttributeNames: {
        '#k': 'key', '#b': 'bucket', '#seq': 'sequencer', '#st': 'status', '#at': 'updatedAt', '#feed': 'feed',
        '#size': 'size', '#ids': 'articleIds', '#n': 'articleCount', '#err': 'error', ...(ref.versionId ? { '#ver': 'versionId' } : {}),
      },
      ExpressionAttributeValues: {
        ':b': ref.bucket, ':seq': ref.sequencer, ':pending': 'PENDING', ':at': now.toISOString(), ':feed': UPLOAD_FEED,
        ':size': ref.size ?? null, ':none': [], ':zero': 0, ...(ref.versionId ? { ':ver': ref.versionId } : {}),
      },
    }));
    return 'claimed';
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return classify(await getUpload(c, cfg, ref.key), ref.sequencer) ?? 'stale';
  }
}

export interface UploadOutcome {
  status: Exclude<UploadState, 'PENDING'>;
  error?: string;
  articleIds?: string[];
  documents?: number;
  documentErrors?: { position: number; error: string }[];
  format?: ScrapeFormat;
  encoding?: string;
  extractorVersion?: string;
}

/** Records the outcome, if this event still owns the key. Returns false when a newer event took it over. */
export async function finishUpload(c: AwsClients, cfg: StoreConfig, ref: UploadEventRef, outcome: UploadOutcome, now = new Date()): Promise<boolean> {
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
    ...(outcome.format ? { format: outcome.format } : {}),
    ...(outcome.encoding ? { encoding: outcome.encoding } : {}),
    ...(outcome.extractorVersion ? { extractorVersion: outcome.extractorVersion } : {}),
  };
  const names: Record<string, string> = { '#seq': 'sequencer' };
  const values: Record<string, unknown> = { ':seq': ref.sequencer };
  const sets = Object.entries(fields).map(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  try {
    await c.ddb.send(new UpdateCommand({
      TableName: cfg.uploadsTable, Key: { key: ref.key },
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: '#seq = :seq',
      ExpressionAttributeNames: names, ExpressionAttributeValues: values,
    }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Recent uploads, newest first (index `byUpdated`). */
export async function listUploads(c: AwsClients, cfg: StoreConfig, limit: number, start?: Record<string, unknown>) {
  const out = await c.ddb.send(new QueryCommand({
    TableName: cfg.uploadsTable, IndexName: 'byUpdated', ScanIndexForward: false, Limit: limit,
    KeyConditionExpression: 'feed = :f', ExpressionAttributeValues: { ':f': UPLOAD_FEED }, ExclusiveStartKey: start,
  }));
  return {
    items: (out.Items ?? []).map(({ feed: _feed, ...status }) => status as UploadStatus),
    lastEvaluatedKey: out.LastEvaluatedKey,
  };
}
