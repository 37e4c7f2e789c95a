/**
 * Numbers both the CDK stack and the local stack use (plain data, no CDK imports), so the laptop behaves
 * like AWS where it matters: batch size, receives before dead-lettering, timeouts. This file must stay free
 * of aws-cdk imports so that the local stack can load it without pulling in the CDK.
 *
 * SQS → Lambda guidance: the queue's visibility timeout is at least six times the function timeout plus the
 * batching window (otherwise a slow batch becomes visible again while it is still being worked on and is
 * delivered twice, aws-samples/aws-cdk-examples#691), and a message that failed `maxReceiveCount` times moves
 * to the dead-letter queue.
 */

const INGEST_TIMEOUT_SECONDS = 120;
const INGEST_MAX_BATCHING_WINDOW_SECONDS = 2;

/** Ingest function: a batch of S3 notifications from the ingest queue. */
export const INGEST_DEFAULTS = {
  /** Ingest function timeout. One record is one upload; a large WARC or JSON Lines dump can take a while. */
  timeoutSeconds: INGEST_TIMEOUT_SECONDS,
  /** Memory (MB). 1769 MB is one full vCPU on Lambda; decoding and HTML parsing are CPU-bound. */
  memoryMb: 1769,
  /** SQS messages per invocation (one S3 event each). Small, so one slow upload delays few others. */
  batchSize: 5,
  /** How long Lambda may wait to fill a batch. */
  maxBatchingWindowSeconds: INGEST_MAX_BATCHING_WINDOW_SECONDS,
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount: 5,
  /** At least 6 × the function timeout plus the batching window, so a slow batch is not handed out twice. */
  visibilityTimeoutSeconds: 6 * INGEST_TIMEOUT_SECONDS + INGEST_MAX_BATCHING_WINDOW_SECONDS,
  /** How long the ingest queue keeps a message (the SQS default). */
  queueRetentionDays: 4,
  /** Dead-letter messages are kept as long as SQS allows, for inspection and redrive. */
  deadLetterRetentionDays: 14,
  /** Powertools service name (POWERTOOLS_SERVICE_NAME). */
  serviceName: 'sift-ingest',
} as const;

/** API function behind API Gateway (whose REST integration timeout is 29 s). */
export const API_DEFAULTS = {
  timeoutSeconds: 29,
  memoryMb: 1024,
  /** Stage throttling: steady-state requests per second, and burst. */
  throttlingRateLimit: 50,
  throttlingBurstLimit: 100,
  /** Powertools service name (POWERTOOLS_SERVICE_NAME). */
  serviceName: 'sift-api',
} as const;

/** Both functions: log level of the Powertools logger (POWERTOOLS_LOG_LEVEL, and LOG_LEVEL for older readers). */
export const DEFAULT_LOG_LEVEL = 'INFO';
