/**
 * An in-process model of an SQS standard queue with a redrive policy, faithful to what the ingest path
 * relies on: at-least-once delivery, a visibility timeout per receive, receipt handles that expire with it,
 * ApproximateReceiveCount, and a move to the dead-letter queue once a message has been received
 * `maxReceiveCount` times without being deleted.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface QueuedMessage {
  messageId: string;
  body: string;
  sentAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  visibleAt: number;
  receiptHandle?: string;
}

export interface QueueOptions {
  name: string;
  visibilityTimeoutMs: number;
  /** Receives before a message moves to `deadLetter`; without a dead-letter queue messages stay forever. */
  maxReceiveCount?: number;
  deadLetter?: LocalQueue;
  now?: () => number;
  /** Told of every redelivery and every move to the dead-letter queue (the stack logs them at WARN). */
  onWarn?: (event: QueueWarning) => void;
  /**
   * A file that keeps the queue across restarts, a kill included: every change is appended to it before the
   * call returns, and it is compacted when it holds far more lines than messages.
   */
  journal?: string;
}

/** One line of a queue's journal: a message as it now is, or its removal. */
type JournalEntry = { put: QueuedMessage } | { delete: string };

/** Lines a journal may hold beyond twice the live messages before it is rewritten. */
const JOURNAL_SLACK = 1000;

export interface QueueWarning {
  event: 'redelivered' | 'deadLettered';
  queue: string;
  messageId: string;
  /** The upload key the message is about (S3 event or work item), when it names one. */
  key?: string;
  receiveCount: number;
}

/** The upload key a message is about: an S3 event's first record, or a work item's `key`. */
export function messageKey(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { Records?: { s3?: { object?: { key?: string } } }[]; key?: unknown };
    const key = parsed.Records?.[0]?.s3?.object?.key ?? parsed.key;
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

export class LocalQueue {
  private readonly messages = new Map<string, QueuedMessage>();
  private readonly now: () => number;
  private waiters: (() => void)[] = [];
  /** Deliveries so far, and how many of them were redeliveries (a receive count above 1). */
  readonly stats = { sent: 0, received: 0, redelivered: 0, deadLettered: 0 };

  private journalLines = 0;

  constructor(readonly options: QueueOptions) {
    this.now = options.now ?? Date.now;
    if (options.journal) this.restore(options.journal);
  }

  get name() {
    return this.options.name;
  }

  send(body: string): string {
    const messageId = randomUUID();
    this.stats.sent++;
    const m: QueuedMessage = { messageId, body, sentAt: this.now(), receiveCount: 0, visibleAt: this.now() };
    this.messages.set(messageId, m);
    this.record([{ put: m }]);
    this.wake();
    return messageId;
  }

  /** Up to `max` visible messages, made invisible for the visibility timeout. */
  receive(max: number): QueuedMessage[] {
    const now = this.now();
    const out: QueuedMessage[] = [];
    const changes: JournalEntry[] = [];
    for (const m of this.messages.values()) {
      if (out.length >= max) break;
      if (m.visibleAt > now) continue;
      const { maxReceiveCount, deadLetter } = this.options;
      if (deadLetter && maxReceiveCount !== undefined && m.receiveCount >= maxReceiveCount) {
        // Into the dead-letter queue's journal first: a kill in between leaves the message in both, never in neither.
        deadLetter.send(m.body);
        this.messages.delete(m.messageId);
        changes.push({ delete: m.messageId });
        this.stats.deadLettered++;
        this.warn('deadLettered', m);
        continue;
      }
      m.receiveCount++;
      this.stats.received++;
      if (m.receiveCount > 1) {
        this.stats.redelivered++;
        this.warn('redelivered', m);
      }
      m.firstReceivedAt ??= now;
      m.visibleAt = now + this.options.visibilityTimeoutMs;
      m.receiptHandle = randomUUID();
      out.push({ ...m });
      changes.push({ put: m });
    }
    this.record(changes);
    return out;
  }

  /** Deletes a received message; a stale receipt handle (the message was received again since) is ignored, as in SQS. */
  delete(messageId: string, receiptHandle: string): boolean {
    const m = this.messages.get(messageId);
    if (!m || m.receiptHandle !== receiptHandle) return false;
    this.messages.delete(messageId);
    this.record([{ delete: messageId }]);
    return true;
  }

  /** Makes a received message visible again at once (or after `delayMs`). */
  release(messageId: string, receiptHandle: string, delayMs = 0): void {
    const m = this.messages.get(messageId);
    if (m && m.receiptHandle === receiptHandle) {
      m.visibleAt = this.now() + delayMs;
      this.record([{ put: m }]);
    }
  }

  /** Messages waiting or in flight. */
  get depth(): number {
    return this.messages.size;
  }

  get visibleDepth(): number {
    const now = this.now();
    let n = 0;
    for (const m of this.messages.values()) if (m.visibleAt <= now) n++;
    return n;
  }

  /** Every message, for inspection (dead-letter listing). */
  peekAll(): QueuedMessage[] {
    return [...this.messages.values()].map((m) => ({ ...m }));
  }

  /** Moves every message to another queue (a redrive), returning how many moved. */
  moveAllTo(target: LocalQueue): number {
    const moving = [...this.messages.values()];
    for (const m of moving) target.send(m.body);
    this.messages.clear();
    this.record(moving.map((m) => ({ delete: m.messageId })));
    return moving.length;
  }

  /** Resolves when a message is sent, or after `ms`. */
  waitForMessage(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.waiters = self.waiters.filter((w) => w !== done);
        resolve();
      }
      this.waiters.push(done);
    });
  }

  /**
   * Reads the journal back. Messages that were in flight become visible at once: the invocations that held
   * them ended with the process that ran them, and a laptop should not wait out a 12-minute visibility timeout
   * for them. A line cut short by a kill mid-write is ignored (its change had not been acknowledged).
   */
  private restore(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    if (existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        let entry: JournalEntry;
        try {
          entry = JSON.parse(line) as JournalEntry;
        } catch {
          continue;
        }
        if ('put' in entry) this.messages.set(entry.put.messageId, entry.put);
        else this.messages.delete(entry.delete);
      }
    }
    const now = this.now();
    for (const m of this.messages.values()) {
      m.visibleAt = Math.min(m.visibleAt, now);
      delete m.receiptHandle;
    }
    this.compact(file);
  }

  private record(changes: JournalEntry[]) {
    const file = this.options.journal;
    if (!file || !changes.length) return;
    appendFileSync(file, changes.map((c) => `${JSON.stringify(c)}\n`).join(''));
    this.journalLines += changes.length;
    if (this.journalLines > 2 * this.messages.size + JOURNAL_SLACK) this.compact(file);
  }

  /** Rewrites the journal as one line per message, atomically (a kill leaves the old file or the new one). */
  private compact(file: string) {
    const lines = [...this.messages.values()].map((m) => `${JSON.stringify({ put: m } satisfies JournalEntry)}\n`);
    writeFileSync(`${file}.tmp`, lines.join(''), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
    this.journalLines = lines.length;
  }

  private warn(event: QueueWarning['event'], m: QueuedMessage) {
    this.options.onWarn?.({ event, queue: this.name, messageId: m.messageId, key: messageKey(m.body), receiveCount: m.receiveCount });
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
