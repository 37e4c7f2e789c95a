/**
 * The names of the ingest function's CloudWatch embedded metrics: one table read by the handler that emits
 * them (lambdas/ingest/handler.ts), the alarms and dashboard that read them (infra/constructs/monitoring/)
 * and the tests of both, so a rename cannot leave an alarm watching a metric nobody emits.
 */
export const SIFT_METRICS = {
  processingTime: 'ProcessingTime',
  uploadsProcessed: 'UploadsProcessed',
  uploadsFailed: 'UploadsFailed',
  /** Emitted with a `reason` dimension (failureCategory.ts) besides `service`. */
  uploadsFailedByReason: 'UploadsFailedByReason',
  uploadsDeleted: 'UploadsDeleted',
  uploadsSplit: 'UploadsSplit',
  piecesDone: 'PiecesDone',
  eventsSkipped: 'EventsSkipped',
  transientFailures: 'TransientFailures',
  articles: 'Articles',
  documentErrors: 'DocumentErrors',
  /** PROCESSED uploads that gave no article (the status says why in `warnings`). */
  uploadsWithoutArticles: 'UploadsWithoutArticles',
  /** Warnings on PROCESSED uploads' statuses (documents that gave no article or could not be read). */
  uploadWarnings: 'UploadWarnings',
} as const;

/** The dimension `uploadsFailedByReason` carries besides `service`: the failure's category (failureCategory.ts). */
export const FAILURE_REASON_DIMENSION = 'reason';

/** The upload metrics emitted with the `service` dimension only (the profile metrics are PROFILE_METRICS). */
export const SERVICE_METRICS: readonly string[] = Object.values(SIFT_METRICS).filter((n) => n !== SIFT_METRICS.uploadsFailedByReason);

/**
 * Names of the ingest function's source-profile metrics: the handler emits them, the Monitoring construct
 * alarms on them, and the tests check both against this one table.
 */
export const PROFILE_METRICS = {
  /** Pages a profile matched whose body selector found nothing (read the generic way): all profiles together. */
  bodyMisses: 'ProfileBodyMisses',
  /** The same count per profile, with the `profile` dimension: which site changed its layout. */
  bodyMissesByProfile: 'ProfileBodyMissesByProfile',
  /** Dimension of `bodyMissesByProfile`: the profile's name. */
  profileDimension: 'profile',
  /** Stored profile documents left out because they cannot be used (invalid JSON, field, selector). */
  rejected: 'ProfilesRejected',
} as const;
