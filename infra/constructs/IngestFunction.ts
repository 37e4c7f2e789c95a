/**
 * SQS → Lambda (Solutions Constructs' `aws-sqs-lambda`) for the ingest step: the ingest function consumes the
 * ingest queue and reports partial batch failures (`ReportBatchItemFailures`), so one bad upload does not make
 * the whole batch retry. It reads raw uploads, writes bodies and records, and may touch nothing else.
 *
 * Access (least privilege, prefix-scoped):
 * - S3: GetObject/GetObjectVersion under the upload prefix; PutObject/GetObject/DeleteObject under the bodies prefix;
 *   GetObject under the profiles prefix (source profiles, read-only); ListBucket on the bucket (so that a vanished
 *   upload reads as NoSuchKey (404), not AccessDenied (403), and to list the profiles).
 * - DynamoDB: exactly `INGEST_TABLE_ACCESS` (shared/service/storage/tableSchema.ts): batch reads and writes of article
 *   items, Query on `byUpload`, GetItem/UpdateItem of upload statuses. No Scan, no stream reads.
 * - SQS: consume the ingest queue (added by the event source), and send to it: a big upload's piece work
 *   items go back to the same queue (`INGEST_QUEUE_URL`, docs/big-uploads.md), so one function, one DLQ and
 *   one set of alarms cover them.
 */
import { Duration } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { DEFAULT_PROFILES_PREFIX, ENV, INGEST_ENV, INGEST_TABLE_ACCESS } from '../../shared/service/storage/tableSchema.js';
import { INGEST_DEFAULTS, nodeHeap } from '../pipelineDefaults.js';
import type { IngestQueue } from './IngestQueue.js';
import { acknowledgeWildcardResource } from './nag.js';
import { grantTablesAccess, type PipelineStorage, SiftFunction, type SiftFunctionProps, storageEnvironment } from './SiftFunction.js';

export interface IngestFunctionProps extends PipelineStorage {
  /**
   * Key prefix of the source profiles the function reads (CONTRACT.md section 5).
   * @default 'profiles/' (`DEFAULT_PROFILES_PREFIX` in shared/service/storage/tableSchema.ts)
   */
  readonly profilesPrefix?: string;
  /** The queue to consume (its visibility timeout must be at least 6 × the function timeout). */
  readonly ingestQueue: IngestQueue;
  /**
   * Handler module, relative to the repository root.
   * @default 'lambdas/ingest/handler.ts'
   */
  readonly entry?: string;
  /**
   * Function timeout.
   * @default Duration.seconds(INGEST_DEFAULTS.timeoutSeconds) (120 s)
   */
  readonly timeout?: Duration;
  /**
   * Memory in MB.
   * @default INGEST_DEFAULTS.memoryMb (1769)
   */
  readonly memorySize?: number;
  /**
   * Messages per invocation.
   * @default INGEST_DEFAULTS.batchSize (5)
   */
  readonly batchSize?: number;
  /**
   * How long Lambda may wait to fill a batch.
   * @default Duration.seconds(INGEST_DEFAULTS.maxBatchingWindowSeconds) (2 s)
   */
  readonly maxBatchingWindow?: Duration;
  /**
   * Caps how many concurrent invocations the queue drives (SQS event source `maxConcurrency`, 2–1000).
   * @default - no cap
   */
  readonly maxConcurrency?: number;
  /**
   * Customer-managed key of the function's log group.
   * @default - CloudWatch Logs' own encryption
   */
  readonly logEncryptionKey?: IKey;
  /**
   * Passed through to the function (runtime, log retention, reserved concurrency, log level …).
   * @default - SiftFunction defaults
   */
  readonly functionProps?: Partial<Omit<SiftFunctionProps, 'entry' | 'timeout' | 'memorySize' | 'environment'>>;
}

/** The ingest function and its queue trigger. */
export class IngestFunction extends Construct {
  /** The function, its role and its log group. */
  public readonly siftFunction: SiftFunction;
  /** The SQS event source mapping. */
  public readonly eventSource: SqsEventSource;

  constructor(scope: Construct, id: string, props: IngestFunctionProps) {
    super(scope, id);
    const timeout = props.timeout ?? Duration.seconds(INGEST_DEFAULTS.timeoutSeconds);
    const maxBatchingWindow = props.maxBatchingWindow ?? Duration.seconds(INGEST_DEFAULTS.maxBatchingWindowSeconds);
    const minimumVisibility = 6 * timeout.toSeconds() + maxBatchingWindow.toSeconds();
    if (props.ingestQueue.visibilityTimeout.toSeconds() < minimumVisibility) {
      // aws-samples/aws-cdk-examples#691: a shorter visibility re-delivers messages that are still being processed.
      throw new Error(
        `${this.node.path}: the ingest queue's visibility timeout (${props.ingestQueue.visibilityTimeout.toSeconds()} s) must be at least 6 × the function timeout + batching window (${minimumVisibility} s)`,
      );
    }
    const { bucket, uploadPrefix, bodiesPrefix, tables } = props;
    const profilesPrefix = props.profilesPrefix ?? DEFAULT_PROFILES_PREFIX;

    const memorySize = props.memorySize ?? INGEST_DEFAULTS.memoryMb;
    this.siftFunction = new SiftFunction(this, 'Ingest', {
      serviceName: INGEST_DEFAULTS.serviceName,
      description: 'Sift ingest: turns uploads announced on the ingest queue into article records',
      ...props.functionProps,
      logEncryptionKey: props.functionProps?.logEncryptionKey ?? props.logEncryptionKey,
      entry: props.entry ?? 'lambdas/ingest/handler.ts',
      timeout,
      memorySize,
      environment: {
        // the V8 heap set here, not left to the runtime (INGEST_DEFAULTS.semiSpaceMb says why)
        NODE_OPTIONS: ['--enable-source-maps', ...nodeHeap(memorySize, INGEST_DEFAULTS.semiSpaceMb).nodeFlags].join(' '),
        ...storageEnvironment(props),
        INGEST_QUEUE_URL: props.ingestQueue.queue.queueUrl,
        [ENV.profilesPrefix]: profilesPrefix,
        // the last receive marks the upload FAILED before the work that kept stopping the function
        [INGEST_ENV.maxReceives]: String(props.ingestQueue.maxReceiveCount),
      },
    });
    const fn = this.siftFunction.function;
    const uploads = bucket.arnForObjects(`${uploadPrefix}*`);
    const bodies = bucket.arnForObjects(`${bodiesPrefix}*`);
    const profiles = bucket.arnForObjects(`${profilesPrefix}*`);

    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [uploads] }));
    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: [bodies] }));
    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [profiles] }));
    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    grantTablesAccess(this.siftFunction, tables, INGEST_TABLE_ACCESS);
    props.ingestQueue.queue.grantSendMessages(fn);

    this.eventSource = new SqsEventSource(props.ingestQueue.queue, {
      batchSize: props.batchSize ?? INGEST_DEFAULTS.batchSize,
      maxBatchingWindow,
      reportBatchItemFailures: true,
      maxConcurrency: props.maxConcurrency,
    });
    fn.addEventSource(this.eventSource);

    const role = this.siftFunction.role;
    acknowledgeWildcardResource(role, uploads, 'Object-level access to every upload: the function reads whichever object under the upload prefix the notification names; the prefix is the scope.');
    acknowledgeWildcardResource(role, profiles, 'Read-only access to the source profiles: users add and rename profile documents at any time; the profiles prefix is the scope.');
    acknowledgeWildcardResource(role, bodies, 'Object-level access to stored bodies: body keys are derived from article ids at run time; the bodies prefix is the scope.');
  }
}
