/**
 * Numbers both the CDK stack and the local stack use (plain data, no CDK imports), so the laptop behaves
 * like AWS where it matters: batch size, receives before dead-lettering, timeouts.
 */
export const INGEST_DEFAULTS = {
  /** Ingest function timeout. */
  timeoutSeconds: 120,
  memoryMb: 1769,
  /** SQS messages per invocation. */
  batchSize: 5,
  maxBatchingWindowSeconds: 2,
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount: 5,
  /** AWS asks for at least 6 × the function timeout, so a slow batch is not handed out twice. */
  visibilityTimeoutSeconds: 6 * 120,
  /** Dead-letter messages are kept as long as SQS allows, for inspection and redrive. */
  deadLetterRetentionDays: 14,
} as const;

export const API_DEFAULTS = {
  timeoutSeconds: 29,
  memoryMb: 1024,
  throttlingRateLimit: 50,
  throttlingBurstLimit: 100,
} as const;
