/**
 * S3 notifications as they reach the ingest queue (pure). Two traps every S3→SQS pipeline meets:
 * keys arrive URL-encoded with `+` for spaces (aws-sdk-js#2039), and S3 sends an `s3:TestEvent` without
 * `Records` when the notification is created, which must be acknowledged, not retried into the DLQ.
 * The ingest queue also carries Sift's own work items for pieces of big uploads (`{"siftPiece": …}`,
 * events/pieceItems.ts), told apart here.
 */
import { parsePieceItem, type PieceWorkItem } from './pieceItems.js';

type ObjectChange = 'created' | 'removed';

export interface ObjectEvent {
  change: ObjectChange;
  bucket: string;
  /** The decoded object key. */
  key: string;
  versionId?: string;
  size?: number;
  /** Orders events for one key: S3's hexadecimal sequencer, left-padded so strings compare as numbers. */
  sequencer: string;
  eventTime: string;
  /** `ObjectRemoved:DeleteMarkerCreated` on a versioned bucket counts as a delete. */
  eventName: string;
  /** An operator's request to run the key again (pipeline/reprocess.ts), not an S3 event. */
  reprocess?: boolean;
}

export type ParsedNotification =
  | { kind: 'test' }
  | { kind: 'objects'; events: ObjectEvent[] }
  | { kind: 'piece'; item: PieceWorkItem }
  | { kind: 'invalid'; reason: string };

const SEQUENCER_WIDTH = 32;

/** `+` is a space, then percent-decoding (the order matters: a literal plus arrives as `%2B`). */
export function decodeS3Key(encoded: string): string {
  const spaced = encoded.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced; // a malformed escape: keep the key as sent, GetObject will say whether it exists
  }
}

/** The inverse, as S3 writes keys into notifications (used by the local stack and tests). */
export function encodeS3Key(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/gi, '/');
}

/**
 * S3's sequencer, left-padded to a fixed width so that strings compare as the hexadecimal numbers they are.
 * A reprocessing event carries the sequencer it replays plus a `.suffix` (see pipeline/reprocess.ts): it
 * sorts after the event it replays and before any later event S3 sends for the key.
 */
export function normaliseSequencer(sequencer: string | undefined, eventTime: string): string {
  const m = sequencer ? /^([0-9a-f]+)((?:\.[0-9a-f]+)?)$/i.exec(sequencer) : null;
  const head = m ? m[1].toUpperCase() : Date.parse(eventTime || '').toString(16).toUpperCase().replace(/^NAN$/, '0');
  return head.replace(/^0+(?=.)/, '').padStart(SEQUENCER_WIDTH, '0') + (m?.[2]?.toUpperCase() ?? '');
}

interface RawRecord {
  eventName?: string;
  eventTime?: string;
  s3?: { bucket?: { name?: string }; object?: { key?: string; size?: number; versionId?: string | null; sequencer?: string } };
}

/** Parses the body of one SQS message that S3 sent. */
export function parseS3Notification(body: string): ParsedNotification {
  let message: { Event?: string; Records?: RawRecord[]; siftPiece?: unknown };
  try {
    message = JSON.parse(body);
  } catch {
    return { kind: 'invalid', reason: 'the queue message is not JSON' };
  }
  if (message?.Event === 's3:TestEvent') return { kind: 'test' };
  if (message && typeof message === 'object' && 'siftPiece' in message) {
    const item = parsePieceItem(message.siftPiece);
    return item ? { kind: 'piece', item } : { kind: 'invalid', reason: 'the queue message is a malformed piece work item' };
  }
  if (!Array.isArray(message?.Records)) return { kind: 'invalid', reason: 'the queue message has no S3 Records' };
  const events: ObjectEvent[] = [];
  for (const r of message.Records) {
    const name = r.eventName ?? '';
    const change: ObjectChange | null = /^(?:s3:)?ObjectCreated:/.test(name) ? 'created' : /^(?:s3:)?ObjectRemoved:/.test(name) ? 'removed' : null;
    const bucket = r.s3?.bucket?.name;
    const rawKey = r.s3?.object?.key;
    if (!change || !bucket || rawKey === undefined) continue;
    const eventTime = r.eventTime ?? '';
    events.push({
      change, bucket, key: decodeS3Key(rawKey), eventName: name, eventTime,
      ...(/:Reprocess$/.test(name) ? { reprocess: true } : {}),
      ...(r.s3?.object?.versionId ? { versionId: r.s3.object.versionId } : {}),
      ...(typeof r.s3?.object?.size === 'number' ? { size: r.s3.object.size } : {}),
      sequencer: normaliseSequencer(r.s3?.object?.sequencer, eventTime),
    });
  }
  return { kind: 'objects', events };
}
