/**
 * Ingest function: SQS batch of S3 notifications (and Sift's own piece work items for big uploads) → records.
 * A thin adapter: parse each message, hand each object event to the pipeline, report per-message failures so
 * only those are retried (ReportBatchItemFailures), and say what happened in structured logs and CloudWatch
 * embedded metrics.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type ObjectEvent, parseS3Notification } from '../../shared/service/events/s3Events.js';
import { failureCategory } from '../../shared/service/pipeline/failureCategory.js';
import { FAILURE_REASON_DIMENSION, PROFILE_METRICS, SIFT_METRICS } from '../../shared/service/pipeline/metricNames.js';
import type { IngestContext, IngestOutcome } from '../../shared/service/pipeline/ingestContext.js';
import { ingestObjectEvent } from '../../shared/service/pipeline/ingestObject.js';
import { storeConfigFromEnv } from '../../shared/service/storage/storeConfig.js';
import { awsClients, type ClientDecorator } from '../../shared/service/storage/awsClients.js';
import { type Enqueue, workQueueFor } from '../../shared/service/storage/workQueue.js';
import { ENV, INGEST_ENV } from '../../shared/service/storage/tableSchema.js';
import { ingestPieceItem } from '../../shared/service/pipeline/ingestPiece.js';
import { ProfileSource } from '../../shared/service/pipeline/profileSource.js';
import { pieceBytesFromEnv, type PieceWorkItem } from '../../shared/service/pipeline/pieces.js';
import { PieceTurns } from '../../shared/service/pipeline/pieceTurns.js';
import { lazy } from '../../shared/core/index.js';

// Made on first use: Powertools' set-up (environment, console, dimensions) is no part of the cold import.
const logger = lazy(() => new Logger({ serviceName: 'sift-ingest' }));
const metrics = lazy(() => new Metrics({ namespace: 'Sift', serviceName: 'sift-ingest' }));
/**
 * What the runtime hands the handler besides its environment: nothing in Lambda. The local stack gives the
 * sender behind its `local://` INGEST_QUEUE_URL and decorators for the SDK clients (fault injection; a test's
 * or a bench's counters), as values: the handler and the pipeline below it are the deployed ones.
 */
export interface IngestRuntime {
  clientDecorators?: readonly ClientDecorator[];
  localQueue?: Enqueue;
}

/** Source profiles live in the drop bucket under PROFILES_PREFIX; one read serves this container for a minute. */
function profileSourceFor(runtime: IngestRuntime, env: NodeJS.ProcessEnv): ProfileSource | null {
  const bucket = env[ENV.bucket];
  const prefix = env[ENV.profilesPrefix];
  if (!bucket || !prefix) return null;
  return new ProfileSource(() => awsClients(env, runtime.clientDecorators), bucket, prefix, {
    onRejected: (error) => {
      logger().error('a source profile cannot be used and was left out', { profile: error.origin, field: error.field, reason: error.reason });
      metrics().addMetric(PROFILE_METRICS.rejected, MetricUnit.Count, 1);
    },
    onStale: (error) => logger().warn('source profiles could not be re-read; the ones read before stay in force', { error: error as Error }),
  });
}

/** The pipeline's context for one message: the environment is read here, once, and passed down as values. */
function ingestContext(runtime: IngestRuntime, profileSource: ProfileSource | null, message: SQSRecord): IngestContext {
  const env = process.env;
  return {
    clients: awsClients(env, runtime.clientDecorators),
    store: storeConfigFromEnv(env),
    maxUploadBytes: env.SIFT_MAX_UPLOAD_BYTES ? Number(env.SIFT_MAX_UPLOAD_BYTES) : undefined,
    pieceBytes: pieceBytesFromEnv(env),
    // Big uploads are split into pieces sent back to this queue (SQS in AWS; the runtime's in-process queue locally).
    enqueue: env.INGEST_QUEUE_URL ? workQueueFor(env.INGEST_QUEUE_URL, runtime.localQueue) : undefined,
    profiles: profileSource ? () => profileSource.current() : undefined,
    delivery: deliveryOf(message, env),
  };
}

/** The delivery's number and the queue's limit, when both are known (the limit comes from the stack). */
function deliveryOf(message: SQSRecord, env: NodeJS.ProcessEnv): IngestContext['delivery'] {
  const receiveCount = Number(message.attributes?.ApproximateReceiveCount);
  const maxReceives = Number(env[INGEST_ENV.maxReceives]);
  return receiveCount > 0 && maxReceives > 0 ? { receiveCount, maxReceives } : undefined;
}

/** Pages a profile matched but could not read: one total to alarm on, and one per profile to see which site changed. */
function recordProfileMisses(misses: Record<string, number> | undefined) {
  for (const [profile, n] of Object.entries(misses ?? {})) {
    metrics().addMetric(PROFILE_METRICS.bodyMisses, MetricUnit.Count, n);
    metrics().singleMetric().addDimension(PROFILE_METRICS.profileDimension, profile).addMetric(PROFILE_METRICS.bodyMissesByProfile, MetricUnit.Count, n);
  }
}

/** What the logs name a unit of work by: its upload (and version), and for an object event the change. */
type WorkRef = Pick<ObjectEvent, 'key' | 'versionId'> & Partial<ObjectEvent>;

function record(event: WorkRef, result: IngestOutcome, ms: number, piece?: PieceWorkItem) {
  metrics().addMetric(SIFT_METRICS.processingTime, MetricUnit.Milliseconds, ms);
  switch (result.outcome) {
    case 'processed':
      metrics().addMetric(SIFT_METRICS.uploadsProcessed, MetricUnit.Count, 1);
      metrics().addMetric(SIFT_METRICS.articles, MetricUnit.Count, result.articles);
      if (result.documentErrors) metrics().addMetric(SIFT_METRICS.documentErrors, MetricUnit.Count, result.documentErrors);
      if (!result.articles) metrics().addMetric(SIFT_METRICS.uploadsWithoutArticles, MetricUnit.Count, 1);
      if (result.warnings?.length) metrics().addMetric(SIFT_METRICS.uploadWarnings, MetricUnit.Count, result.warnings.length);
      recordProfileMisses(result.profileMisses);
      break;
    case 'failed':
      metrics().addMetric(SIFT_METRICS.uploadsFailed, MetricUnit.Count, 1);
      metrics().singleMetric().addDimension(FAILURE_REASON_DIMENSION, failureCategory(result.reason)).addMetric(SIFT_METRICS.uploadsFailedByReason, MetricUnit.Count, 1);
      break;
    case 'deleted':
      metrics().addMetric(SIFT_METRICS.uploadsDeleted, MetricUnit.Count, 1);
      break;
    case 'split':
      metrics().addMetric(SIFT_METRICS.uploadsSplit, MetricUnit.Count, 1);
      break;
    case 'piece':
      metrics().addMetric(SIFT_METRICS.piecesDone, MetricUnit.Count, 1);
      recordProfileMisses(result.profileMisses);
      break;
    default:
      metrics().addMetric(SIFT_METRICS.eventsSkipped, MetricUnit.Count, 1);
  }
  const level = result.outcome === 'failed' ? 'warn' : 'info';
  const what = piece ? { phase: piece.phase, piece: piece.piece, pieces: piece.pieces } : { change: event.change };
  logger()[level](piece ? 'piece work item handled' : 'object event handled', { upload: event.key, versionId: event.versionId, ...what, ms, ...result });
}

async function recordHandler(message: SQSRecord, contextOf: (message: SQSRecord) => IngestContext, turns: PieceTurns): Promise<void> {
  const notification = parseS3Notification(message.body);
  if (notification.kind === 'test') {
    logger().info('acknowledged s3:TestEvent', { messageId: message.messageId });
    return;
  }
  if (notification.kind === 'invalid') {
    // Not from S3, or mangled: retrying cannot fix it, so it is logged and dropped.
    logger().error('dropped a queue message that is not an S3 notification', { messageId: message.messageId, reason: notification.reason });
    return;
  }
  if (notification.kind === 'piece') {
    const { item } = notification;
    await handleWork(message, contextOf, item, async (ctx) => {
      // one piece at a time; one that would run past the deadline goes back to the queue for another invocation
      const turn = await turns.run(() => timed(() => ingestPieceItem(ctx, item)));
      if (turn.ran) return turn.value;
      await ctx.enqueue!([message.body]);
      logger().info('piece work item sent back to the queue: too little time left in this invocation', { upload: item.key, phase: item.phase, piece: item.piece, pieces: item.pieces });
      return null;
    }, item);
    return;
  }
  for (const event of notification.events) await handleWork(message, contextOf, event, (ctx) => timed(() => ingestObjectEvent(ctx, event)));
}

/** A unit of work's outcome and how long the work itself took. */
interface Timed {
  outcome: IngestOutcome;
  ms: number;
}

async function timed(run: () => Promise<IngestOutcome>): Promise<Timed> {
  const started = performance.now();
  const outcome = await run();
  return { outcome, ms: Math.round(performance.now() - started) };
}

/**
 * One unit of work (an object event, or one phase of one piece of a big upload), recorded when it ran (null:
 * it was sent back to the queue). A throw is transient (throttling, 5xx, network): counted and logged, then
 * rethrown so that the message returns to the queue, to be retried and at last dead-lettered.
 */
async function handleWork(
  message: SQSRecord, contextOf: (message: SQSRecord) => IngestContext, event: WorkRef,
  work: (ctx: IngestContext) => Promise<Timed | null>, piece?: PieceWorkItem,
) {
  try {
    const done = await work(contextOf(message));
    if (done) record(event, done.outcome, done.ms, piece);
  } catch (error) {
    metrics().addMetric(SIFT_METRICS.transientFailures, MetricUnit.Count, 1);
    logger().warn(piece ? 'piece work item will be retried' : 'object event will be retried', {
      upload: event.key, ...(piece ? { phase: piece.phase, piece: piece.piece } : { versionId: event.versionId }),
      messageId: message.messageId, receiveCount: message.attributes?.ApproximateReceiveCount, error: error as Error,
    });
    throw error;
  }
}

/** The handler for a runtime (see IngestRuntime); `handler` is Lambda's. */
export function createIngestHandler(runtime: IngestRuntime = {}) {
  const profileSource = profileSourceFor(runtime, process.env);
  const contextOf = (message: SQSRecord) => ingestContext(runtime, profileSource, message);
  return async (event: SQSEvent, lambdaContext?: Context): Promise<SQSBatchResponse> => {
    if (lambdaContext) logger().addContext(lambdaContext);
    // One processor per invocation: its failure list is per batch, and the local stack runs invocations
    // concurrently in one process, where a shared one lets a second batch wipe the first one's failures.
    const processor = new BatchProcessor(EventType.SQS);
    // piece items are deferred only where they can be sent back (the queue URL) and the deadline is known
    const turns = new PieceTurns(lambdaContext && process.env.INGEST_QUEUE_URL ? () => lambdaContext.getRemainingTimeInMillis() : undefined);
    try {
      return await processPartialResponse(event, (message: SQSRecord) => recordHandler(message, contextOf, turns), processor, {
        context: lambdaContext, throwOnFullBatchFailure: false,
      });
    } finally {
      // A batch of test events or dropped messages has nothing to report (and Powertools would warn about it).
      if (metrics().hasStoredMetrics()) metrics().publishStoredMetrics();
    }
  };
}

export const handler = createIngestHandler();
