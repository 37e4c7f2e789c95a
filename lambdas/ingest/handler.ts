/**
 * Ingest function: SQS batch of S3 notifications → records. A thin adapter: parse each message, hand each
 * object event to the pipeline, report per-message failures so only those are retried (ReportBatchItemFailures).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseS3Notification } from '../../shared/events/s3Events.js';
import { ingestObjectEvent, type IngestContext } from '../../shared/pipeline/ingestObject.js';
import { storeConfigFromEnv } from '../../shared/storage/articleStore.js';
import { awsClients } from '../../shared/storage/awsClients.js';

const logger = new Logger({ serviceName: 'sift-ingest' });
const processor = new BatchProcessor(EventType.SQS);
let context: IngestContext | undefined;

const ingestContext = (): IngestContext => {
  context ??= {
    clients: awsClients(),
    store: storeConfigFromEnv(),
    maxUploadBytes: process.env.SIFT_MAX_UPLOAD_BYTES ? Number(process.env.SIFT_MAX_UPLOAD_BYTES) : undefined,
  };
  return context;
};

async function recordHandler(record: SQSRecord): Promise<void> {
  const notification = parseS3Notification(record.body);
  if (notification.kind === 'test') {
    logger.info('acknowledged s3:TestEvent', { messageId: record.messageId });
    return;
  }
  if (notification.kind === 'invalid') {
    // Not from S3, or mangled: retrying cannot fix it, so it is logged and dropped.
    logger.error('dropped a queue message that is not an S3 notification', { messageId: record.messageId, reason: notification.reason });
    return;
  }
  for (const event of notification.events) {
    const result = await ingestObjectEvent(ingestContext(), event);
    logger.info('object event handled', { upload: event.key, versionId: event.versionId, change: event.change, ...result });
  }
}

export const handler = async (event: SQSEvent, lambdaContext?: Context): Promise<SQSBatchResponse> => {
  if (lambdaContext) logger.addContext(lambdaContext);
  return processPartialResponse(event, recordHandler, processor, { context: lambdaContext, throwOnFullBatchFailure: false });
};
