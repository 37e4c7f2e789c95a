import { describe, expect, it } from 'vitest';
import { decodeS3Key, encodeS3Key, normaliseSequencer, parseS3Notification } from '../../../shared/service/events/s3Events.js';

const notification = (key: string, extra: Record<string, unknown> = {}) => JSON.stringify({
  Records: [{ eventName: 'ObjectCreated:CompleteMultipartUpload', eventTime: '2025-01-01T00:00:00.000Z',
    s3: { bucket: { name: 'drop' }, object: { key, size: 10, sequencer: '0055AED6DCD90281E5', ...extra } } }],
});

describe('decodeS3Key', () => {
  it.each([
    ['incoming/a+b.txt', 'incoming/a b.txt'],
    ['incoming/a%2Bb.txt', 'incoming/a+b.txt'],
    ['VJ9B4951+-+Copy+%282%29.jpg', 'VJ9B4951 - Copy (2).jpg'],
    ['test%2F10%3A47.txt', 'test/10:47.txt'],
    ['incoming/%D9%85%D9%82%D8%A7%D9%84+(1).txt', 'incoming/مقال (1).txt'],
    ['bad%E0%A4%A.txt', 'bad%E0%A4%A.txt'],
  ])('%s → %s', (encoded, decoded) => {
    expect(decodeS3Key(encoded)).toBe(decoded);
  });

  it('round-trips keys S3 would encode', () => {
    for (const key of ['incoming/مقال تجريبي (1)+final.txt', 'a b/c+d%e.html', 'x/ü ñ 中文.json']) {
      expect(decodeS3Key(encodeS3Key(key))).toBe(key);
    }
  });
});

describe('parseS3Notification', () => {
  it('acknowledges the s3:TestEvent S3 sends when a notification is created', () => {
    expect(parseS3Notification(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent' }))).toEqual({ kind: 'test' });
  });

  it('reads created events, multipart uploads included, with the key decoded', () => {
    const parsed = parseS3Notification(notification('incoming/a+b%2Bc.txt', { versionId: 'v1' }));
    expect(parsed).toMatchObject({ kind: 'objects', events: [{ change: 'created', bucket: 'drop', key: 'incoming/a b+c.txt', versionId: 'v1', size: 10 }] });
  });

  it('reads delete markers as removals', () => {
    const body = JSON.stringify({ Records: [{ eventName: 'ObjectRemoved:DeleteMarkerCreated', s3: { bucket: { name: 'b' }, object: { key: 'k', sequencer: '01' } } }] });
    expect(parseS3Notification(body)).toMatchObject({ kind: 'objects', events: [{ change: 'removed', key: 'k' }] });
  });

  it('rejects messages that are not S3 notifications', () => {
    expect(parseS3Notification('not json').kind).toBe('invalid');
    expect(parseS3Notification('{"hello":1}').kind).toBe('invalid');
  });
});

describe('normaliseSequencer', () => {
  it('orders sequencers of different lengths as hexadecimal numbers', () => {
    const a = normaliseSequencer('FF', '');
    const b = normaliseSequencer('100', '');
    expect(a < b).toBe(true);
  });

  it('falls back to the event time when S3 gives no sequencer', () => {
    expect(normaliseSequencer(undefined, '2025-01-01T00:00:00.000Z') < normaliseSequencer(undefined, '2025-01-02T00:00:00.000Z')).toBe(true);
  });
});

describe('reprocess events', async () => {
  const { reprocessMessage, reprocessSequencer, resolveReprocess } = await import('../../../shared/service/pipeline/reprocess.js');

  it('sort after the event they replay, after earlier reprocesses, and before any later S3 event', () => {
    const current = normaliseSequencer('0055AED6DCD90281E5', '');
    const first = normaliseSequencer(reprocessSequencer(current, 1_000), '');
    const second = normaliseSequencer(reprocessSequencer(first, 2_000), '');
    const later = normaliseSequencer('0055AED6DCD90281E6', '');
    expect(current < first).toBe(true);
    expect(first < second).toBe(true);
    expect(second < later).toBe(true);
  });

  it('are read as a created event for the key, marked as a reprocess', () => {
    const parsed = parseS3Notification(reprocessMessage('drop', 'incoming/a b+c.txt', 5));
    expect(parsed).toMatchObject({ kind: 'objects', events: [{ change: 'created', key: 'incoming/a b+c.txt', reprocess: true }] });
  });

  it('replay the version and sequencer the status names, and nothing for a deleted or unknown key', () => {
    const parsed = parseS3Notification(reprocessMessage('drop', 'k', 5));
    if (parsed.kind !== 'objects') throw new Error('not parsed');
    const event = parsed.events[0];
    const seq = normaliseSequencer('AB', '');
    expect(resolveReprocess(event, { status: 'PROCESSED', sequencer: seq, versionId: 'v7' }, 9)).toMatchObject({ versionId: 'v7', sequencer: reprocessSequencer(seq, 9) });
    expect(resolveReprocess(event, { status: 'DELETED', sequencer: seq }, 9)).toBeNull();
    expect(resolveReprocess(event, null, 9)).toBeNull();
  });
});
