/**
 * Sift in AWS: scrapes dropped into S3 become article records in DynamoDB, served by API Gateway.
 *
 *   drop bucket (incoming/) ──ObjectCreated:* / ObjectRemoved:*──▶ ingest queue (+ DLQ)
 *     ──SQS event source, partial batch failures──▶ ingest function ──▶ Articles / Uploads tables (+ bodies/ in S3)
 *   API Gateway (IAM auth) ──▶ API function ──▶ tables, bodies/, presigned PUTs under incoming/
 *   every step ──▶ CloudWatch alarms ──▶ alarm topic (SNS); a dashboard of the whole pipeline
 *
 * Each step is one construct in infra/constructs/; this stack only passes each one's output to the next.
 * The stack is environment-agnostic (no account/region, no lookups), so `cdk synth` runs offline.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { DropBucket, type DropBucketProps } from './constructs/DropBucket.js';
import { IngestFunction, type IngestFunctionProps } from './constructs/IngestFunction.js';
import { IngestQueue } from './constructs/IngestQueue.js';
import { logsKey } from './constructs/keys.js';
import { Monitoring, type MonitoringProps } from './constructs/Monitoring.js';
import { SiftApi, type SiftApiProps } from './constructs/SiftApi.js';
import { SiftTables, type SiftTablesProps } from './constructs/SiftTables.js';

export interface SiftStackProps extends StackProps {
  /**
   * Drop bucket settings (prefixes, removal policy, lifecycle).
   * @default - DropBucket defaults
   */
  readonly dropBucket?: DropBucketProps;
  /**
   * Table settings (removal policy, deletion protection, encryption).
   * @default - SiftTables defaults
   */
  readonly tables?: SiftTablesProps;
  /**
   * Ingest function settings (timeout, memory, batch size …).
   * @default - IngestFunction defaults
   */
  readonly ingest?: Partial<Omit<IngestFunctionProps, 'ingestQueue' | 'bucket' | 'uploadPrefix' | 'bodiesPrefix' | 'profilesPrefix' | 'tables'>>;
  /**
   * API settings (stage, throttling, CloudWatch role …).
   * @default - SiftApi defaults
   */
  readonly api?: Partial<Omit<SiftApiProps, 'bucket' | 'uploadPrefix' | 'bodiesPrefix' | 'tables'>>;
  /**
   * Alarms and dashboard settings (an e-mail address for the alarm topic, thresholds, dashboard name).
   * @default - Monitoring defaults (no e-mail subscription, ALARM_DEFAULTS)
   */
  readonly monitoring?: Pick<MonitoringProps, 'alarmEmail' | 'alarms' | 'dashboardName'>;
}

/** The whole pipeline in one stack; outputs: bucket, upload prefix, API URL, queue URLs, table names, alarm topic, dashboard. */
export class SiftStack extends Stack {
  /** Drop bucket (+ access-log bucket). */
  public readonly dropBucket: DropBucket;
  /** Ingest queue, its dead-letter queue and the bucket notifications. */
  public readonly ingestQueue: IngestQueue;
  /** Articles and Uploads tables. */
  public readonly tables: SiftTables;
  /** Ingest function and its SQS trigger. */
  public readonly ingest: IngestFunction;
  /** REST API and API function. */
  public readonly api: SiftApi;
  /** Encrypts every log group of the stack. */
  public readonly logsKey: Key;
  /** Alarms, their SNS topic and the dashboard. */
  public readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: SiftStackProps = {}) {
    super(scope, id, { description: 'Sift: news scrapes in S3 to article records in DynamoDB, served by API Gateway', ...props });

    this.dropBucket = new DropBucket(this, 'Drop', props.dropBucket);
    const { bucket, uploadPrefix, bodiesPrefix, profilesPrefix } = this.dropBucket;
    this.ingestQueue = new IngestQueue(this, 'IngestQueue', { bucket, uploadPrefix });
    this.tables = new SiftTables(this, 'Tables', props.tables);
    this.logsKey = logsKey(this, 'LogsKey');
    this.ingest = new IngestFunction(this, 'Ingest', {
      logEncryptionKey: this.logsKey,
      ...props.ingest,
      ingestQueue: this.ingestQueue,
      bucket,
      uploadPrefix,
      bodiesPrefix,
      profilesPrefix,
      tables: this.tables,
    });
    this.api = new SiftApi(this, 'Api', { logEncryptionKey: this.logsKey, ...props.api, bucket, uploadPrefix, bodiesPrefix, tables: this.tables });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      ...props.monitoring,
      ingestFunction: this.ingest.siftFunction.function,
      apiFunction: this.api.siftFunction.function,
      ingestQueue: this.ingestQueue.queue,
      deadLetterQueue: this.ingestQueue.deadLetterQueue,
      restApi: this.api.api,
      tables: this.tables,
    });

    new CfnOutput(this, 'BucketName', { value: bucket.bucketName, description: 'Drop bucket' });
    new CfnOutput(this, 'UploadPrefix', { value: uploadPrefix, description: 'Put raw uploads under this key prefix' });
    new CfnOutput(this, 'ProfilesPrefix', { value: profilesPrefix, description: 'Put source profiles (one JSON document each) under this key prefix' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url, description: 'API base URL (IAM/SigV4 auth)' });
    new CfnOutput(this, 'IngestQueueUrl', { value: this.ingestQueue.queue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.ingestQueue.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'ArticlesTableName', { value: this.tables.articles.tableName });
    new CfnOutput(this, 'UploadsTableName', { value: this.tables.uploads.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.alarmTopic.topicArn, description: 'SNS topic every alarm notifies; subscribe to it' });
    new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName, description: 'CloudWatch dashboard of the pipeline' });
  }
}
