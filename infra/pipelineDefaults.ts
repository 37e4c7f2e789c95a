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

/**
 * The V8 heap of a Node.js function of `memoryMb`. Lambda's Node.js runtime (its `/var/runtime/bootstrap`)
 * gives a tenth of the memory to the young generation, a semi-space half of that (`--max-semi-space-size`),
 * and the rest to the old generation (`--max-old-space-size`), unless NODE_OPTIONS names either flag (then
 * it sets neither). `semiSpaceMb` overrides the semi-space; the old generation keeps the runtime's share.
 * The deployed function, the local stack's workers and the text memory bench all use this one heap.
 */
export function nodeHeap(memoryMb: number, semiSpaceMb?: number) {
  const newSpaceMb = Math.floor(memoryMb / 10);
  const semi = semiSpaceMb ?? Math.floor(newSpaceMb / 2);
  const oldSpaceMb = memoryMb - newSpaceMb;
  return {
    semiSpaceMb: semi,
    oldSpaceMb,
    /** What V8 makes of that semi-space for a worker's `resourceLimits.maxYoungGenerationSizeMb`: two semi-spaces and the new large-object space. */
    youngGenerationMb: 3 * semi,
    nodeFlags: [`--max-semi-space-size=${semi}`, `--max-old-space-size=${oldSpaceMb}`],
  };
}

/** Ingest function: a batch of S3 notifications from the ingest queue. */
export const INGEST_DEFAULTS = {
  /** Ingest function timeout. One record is one upload; a large WARC or JSON Lines dump can take a while. */
  timeoutSeconds: INGEST_TIMEOUT_SECONDS,
  /** Memory (MB). 1769 MB is one full vCPU on Lambda; decoding and HTML parsing are CPU-bound. */
  memoryMb: 1769,
  /**
   * V8 semi-space (MB), set in the function's NODE_OPTIONS with the old generation Lambda would give
   * (nodeHeap). Lambda's own choice for 1769 MB is 88 MB: with it the young generation alone grows to 264 MB
   * and the old generation is collected later, so a 28 MB text upload peaked at 636 MB of RSS (12.9 MB per
   * further MB of input, `npm run bench -- text`); with 16 MB (V8's own default) it peaks at 295 MB (3.7 MB
   * per MB), at the same CPU time (HTML corpus and text dumps within 1 %, interleaved rounds).
   */
  semiSpaceMb: 16,
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

/** One CloudWatch alarm's trigger: the alarm fires when `datapointsToAlarm` of the last `evaluationPeriods` periods breach. */
export interface AlarmSetting {
  /** The value compared with the metric (a count, seconds or a percentage; see each alarm). */
  readonly threshold: number;
  /** Length of one period. */
  readonly periodSeconds: number;
  /** How many recent periods are evaluated. */
  readonly evaluationPeriods: number;
  /** How many of those must breach. */
  readonly datapointsToAlarm: number;
}

/**
 * Alarm thresholds of the CDK stack's Monitoring construct (infra/constructs/Monitoring.ts), one entry per alarm.
 * Every function error is an exception the code did not expect: the ingest handler reports failed uploads as
 * partial batch failures and the API handler answers its own errors with a 500 problem response, so neither
 * throws on purpose and a single Lambda `Errors` datapoint already means a crash, a timeout or memory exhaustion.
 */
export const ALARM_DEFAULTS = {
  /** Messages visible in the dead-letter queue (Maximum): any is an upload that will not be retried on its own. */
  deadLetterMessages: { threshold: 1, periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1 },
  /**
   * Age of the oldest message in the ingest queue (seconds, Maximum), for 15 minutes. Normally seconds; a message
   * retried after a transient failure waits one visibility timeout (722 s) per receive, and SQS stops counting a
   * message in this metric after its third receive, so an hour (above 3 × the visibility timeout) means the queue
   * is not draining rather than that one upload is being retried.
   */
  ingestQueueOldestMessageAge: { threshold: 3600, periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3 },
  /** Failed invocations of the ingest function (Sum). */
  ingestErrors: { threshold: 1, periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1 },
  /** Throttled invocations of the ingest function (Sum) in 2 of 3 periods: the SQS poller retries a short burst by itself. */
  ingestThrottles: { threshold: 1, periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2 },
  /** Failed invocations of the API function (Sum): each one is a caller who got a 502 or 504. */
  apiErrors: { threshold: 1, periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1 },
  /** Throttled invocations of the API function (Sum): each one is a failed request. */
  apiThrottles: { threshold: 1, periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1 },
  /** API Gateway 5XXError responses of the stage (Sum); a few stray ones (a retried DynamoDB hiccup) are tolerated. */
  api5xxErrors: { threshold: 5, periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1 },
  /** DynamoDB read or write throttle events of one table and its indexes (Sum) in 2 of 3 periods; the SDK retries one-offs. */
  tableThrottleEvents: { threshold: 1, periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2 },
  /**
   * Share of ingested uploads that ended FAILED (percent), in two consecutive 15-minute periods. Failures are bad input
   * (empty, binary, truncated, malformed …), so a high share means a scraper sends broken files or the extractor
   * regressed. Periods with fewer than `minimumUploads` uploads count as 0 %, so that 1 failure out of 2 is no alarm.
   */
  uploadFailureRate: { threshold: 20, periodSeconds: 900, evaluationPeriods: 2, datapointsToAlarm: 2, minimumUploads: 10 },
  /**
   * Pages a source profile matched but whose body selector found nothing (Sum over all profiles), in an hour. A
   * redesign makes every page of that site miss, while one odd page (a live blog, a gallery) now and then is no
   * redesign; those pages are still extracted, the generic way, so an hour's delay loses nothing.
   */
  profileBodyMisses: { threshold: 5, periodSeconds: 3600, evaluationPeriods: 1, datapointsToAlarm: 1 },
  /**
   * Stored profile documents the ingest function left out (Sum): any. A container reports a bad document when it
   * builds its profiles (its first upload, and after any profile document changes; a bad selector, when a page first
   * matches), so this fires soon after one is stored and returns to OK once the reports stop: `sift profile list`
   * says whether the document is still unusable.
   */
  profilesRejected: { threshold: 1, periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1 },
} as const satisfies Record<string, AlarmSetting & { readonly minimumUploads?: number }>;

/** Where the ingest function's embedded metrics land (lambdas/ingest/handler.ts: `new Metrics({ namespace, serviceName })`). */
export const INGEST_METRICS = {
  /** CloudWatch namespace. */
  namespace: 'Sift',
  /** Value of the `service` dimension Powertools adds to every metric (the ingest function's service name). */
  service: INGEST_DEFAULTS.serviceName,
} as const;
