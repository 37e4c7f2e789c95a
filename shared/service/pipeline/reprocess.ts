/**
 * Reprocessing: re-running the pipeline over stored objects when the extractor improves. A reprocess is an
 * `ObjectCreated:Reprocess` event the operator enqueues for a key, so it takes the ingest path with all its
 * guarantees (claim, idempotent writes, removal of records the new run no longer finds, outcome recorded).
 * The ingest function resolves it against the key's status when it runs: it replays the version the status
 * names, under the status's sequencer plus a suffix, so it wins over the event it replays and loses to any
 * newer upload of the key that S3 reports meanwhile.
 */
import { encodeS3Key, type ObjectEvent } from '../events/s3Events.js';

const REPROCESS_EVENT = 'ObjectCreated:Reprocess';

/** `<replayed sequencer without suffix>.<time, hex, fixed width>`: later reprocesses sort after earlier ones. */
export function reprocessSequencer(current: string, now = Date.now()): string {
  return `${current.split('.')[0]}.${now.toString(16).toUpperCase().padStart(12, '0')}`;
}

/** The queue message body that asks for one key to be reprocessed, shaped as S3 notifications are. */
export function reprocessMessage(bucket: string, key: string, now = Date.now()): string {
  return JSON.stringify({
    Records: [{
      eventVersion: '2.1', eventSource: 'sift:reprocess', eventTime: new Date(now).toISOString(), eventName: REPROCESS_EVENT,
      s3: { s3SchemaVersion: '1.0', bucket: { name: bucket }, object: { key: encodeS3Key(key) } },
    }],
  });
}

/** A reprocess event bound to the status it replays; null when there is nothing to replay (never ingested, or deleted). */
export function resolveReprocess(
  event: ObjectEvent, status: { status: string; sequencer: string; versionId?: string } | null, now = Date.now(),
): ObjectEvent | null {
  if (!status || status.status === 'DELETED') return null;
  const { versionId: _drop, ...rest } = event;
  return { ...rest, ...(status.versionId ? { versionId: status.versionId } : {}), sequencer: reprocessSequencer(status.sequencer, now) };
}
