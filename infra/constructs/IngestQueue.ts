/**
 * S3 → SQS (Solutions Constructs' `aws-s3-sqs`): the drop bucket notifies the ingest queue of every object
 * created under the upload prefix, whatever the upload method (`s3:ObjectCreated:*`, so multipart uploads of
 * big files count, aws-lambda-redshift-loader#17), and of every object removed under it
 * (`s3:ObjectRemoved:*`; the handler ignores or handles these). Messages that fail `maxReceiveCount` times
 * go to a dead-letter queue.
 *
 * Defaults: SQS-managed encryption (S3 can publish to it without a KMS key policy), TLS-only queue policies,
 * a visibility timeout of six times the ingest function's timeout plus its batching window.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Queue, QueueEncryption, RedrivePermission } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEFAULT_UPLOAD_PREFIX } from '../../shared/service/storage/tableSchema.js';
import { INGEST_DEFAULTS } from '../pipelineDefaults.js';
import { acknowledge, acknowledgeControl, VPC_REASON } from './nag.js';

export interface IngestQueueProps {
  /** The drop bucket whose uploads feed the queue. */
  readonly bucket: IBucket;
  /**
   * Only keys under this prefix are sent to the queue.
   * @default 'incoming/' (`DEFAULT_UPLOAD_PREFIX`)
   */
  readonly uploadPrefix?: string;
  /**
   * Queue visibility timeout; must be at least six times the consuming function's timeout.
   * @default Duration.seconds(INGEST_DEFAULTS.visibilityTimeoutSeconds) (722 s)
   */
  readonly visibilityTimeout?: Duration;
  /**
   * Receives before a message moves to the dead-letter queue.
   * @default 5 (`INGEST_DEFAULTS.maxReceiveCount`)
   */
  readonly maxReceiveCount?: number;
  /**
   * Also notify the queue of deletions under the upload prefix.
   * @default true
   */
  readonly notifyOnRemove?: boolean;
}

/** The ingest queue, its dead-letter queue, and the bucket notifications that feed it. */
export class IngestQueue extends Construct {
  /** The queue the ingest function consumes. */
  public readonly queue: Queue;
  /** Where messages go after `maxReceiveCount` failed receives. */
  public readonly deadLetterQueue: Queue;
  /** The queue's visibility timeout (for the consumer's timeout check). */
  public readonly visibilityTimeout: Duration;
  /** Receives before dead-lettering. */
  public readonly maxReceiveCount: number;

  constructor(scope: Construct, id: string, props: IngestQueueProps) {
    super(scope, id);
    const prefix = props.uploadPrefix ?? DEFAULT_UPLOAD_PREFIX;
    this.visibilityTimeout = props.visibilityTimeout ?? Duration.seconds(INGEST_DEFAULTS.visibilityTimeoutSeconds);
    this.maxReceiveCount = props.maxReceiveCount ?? INGEST_DEFAULTS.maxReceiveCount;

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(INGEST_DEFAULTS.deadLetterRetentionDays),
      // Marked a dead-letter queue (CT.SQS.PR.1). `byQueue` naming the ingest queue would make the two queues refer
      // to each other (a dependency cycle); SQS accepts a dead-letter target only from queues of the same account
      // and region, and the queue policy admits no other account.
      redriveAllowPolicy: { redrivePermission: RedrivePermission.ALLOW_ALL },
    });

    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: this.visibilityTimeout,
      retentionPeriod: Duration.days(INGEST_DEFAULTS.queueRetentionDays),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: this.maxReceiveCount },
    });

    const destination = new SqsDestination(this.queue);
    props.bucket.addEventNotification(EventType.OBJECT_CREATED, destination, { prefix });
    if (props.notifyOnRemove ?? true) {
      props.bucket.addEventNotification(EventType.OBJECT_REMOVED, destination, { prefix });
    }
    acknowledgeNotificationsHandler(Stack.of(this));
  }
}

/**
 * S3 notifications are configured by a CDK-provided singleton custom resource (`BucketNotificationsHandler…`,
 * inline Python, one per stack). Its role is CDK's, not ours.
 */
function acknowledgeNotificationsHandler(stack: Stack): void {
  const handler = stack.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
  if (!handler) return;
  acknowledge(
    handler,
    'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    "CDK's BucketNotificationsHandler custom resource (aws-s3 notifications) creates its own role with the basic execution managed policy; it only writes its own logs.",
  );
  acknowledgeControl(handler, 'lambda_inside_vpc_check', `CDK's BucketNotificationsHandler, run at deploy time only. ${VPC_REASON}`);
}
