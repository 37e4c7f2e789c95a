/** What one ingest invocation works with (its clients, stores, queue and profiles) and what it reports: shared by the whole-upload and the piece paths. */
import type { ProfileSet } from '../../core/index.js';
import type { AwsClients } from '../storage/awsClients.js';
import type { StoreConfig } from '../storage/storeConfig.js';
import type { Enqueue } from '../storage/workQueue.js';
import type { Delivery } from './deliveries.js';

export interface IngestContext {
  clients: AwsClients;
  store: StoreConfig;
  maxUploadBytes?: number;
  /** The plain-piece size of big uploads (`SIFT_PIECE_BYTES`); DEFAULT_PIECE_BYTES without it. */
  pieceBytes?: number;
  /**
   * Sends work items to the ingest queue (SQS in Lambda, the in-process queue locally). Without it, big
   * uploads are not split: they stream through one invocation as before.
   */
  enqueue?: Enqueue;
  /** The source profiles in force (ProfileSource.current); without it, every page goes the generic way. */
  profiles?: () => Promise<ProfileSet>;
  /**
   * This delivery's number (SQS `ApproximateReceiveCount`) and the queue's receives before dead-lettering.
   * On the last one the upload is marked FAILED before the heavy work: earlier deliveries ended without a
   * result (a crash, memory or time exhausted), so one more try would dead-letter it and leave it PENDING.
   */
  delivery?: Delivery;
}

export type IngestOutcome =
  | { outcome: 'processed'; articles: number; documentErrors: number; format: string; profileMisses?: Record<string, number>; warnings?: string[] }
  | { outcome: 'failed'; reason: string }
  | { outcome: 'deleted'; articles: number }
  /** A big upload split into pieces: the count work items were sent. */
  | { outcome: 'split'; pieces: number; format: string }
  /** One phase of one piece done (the upload is not finished yet). */
  | { outcome: 'piece'; phase: 'count' | 'commit'; piece: number; pieces: number; articles: number; profileMisses?: Record<string, number> }
  | { outcome: 'stale' | 'duplicate' | 'superseded' };
