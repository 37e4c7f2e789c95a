/**
 * Observe: CloudWatch alarms on every step of the pipeline, one encrypted SNS topic they all notify, and a
 * dashboard that shows what happened to the uploads.
 *
 *   ingest queue / DLQ ─┐
 *   ingest function ────┤
 *   API function ───────┼──▶ alarms ──▶ alarm topic (KMS, TLS only) ──▶ e-mail (optional)
 *   REST API stage ─────┤        └────▶ dashboard (with the Sift metrics and an alarm status widget)
 *   tables (+ indexes) ─┤
 *   Sift EMF metrics ───┘
 *
 * The parts live in monitoring/: the metrics both read (metrics.ts), the alarms and their topic (alarms.ts), what
 * each alarm tells the person on call (runbooks.ts) and the dashboard (dashboard.ts).
 *
 * The Sift metrics are the CloudWatch embedded metrics of lambdas/ingest/handler.ts (Powertools Metrics), named in
 * shared/service/pipeline/metricNames.ts: namespace `Sift`, and Powertools adds the service name as a default dimension, so
 * every metric carries exactly `{service: 'sift-ingest'}` and the single metrics (`UploadsFailedByReason`,
 * `ProfileBodyMissesByProfile`) carry `{service, <their dimension>}`. test/infra/monitoring.test.ts drives the
 * handler and checks what it emits against the alarms and the dashboard.
 *
 * Thresholds are plain data in `ALARM_DEFAULTS` (infra/pipelineDefaults.ts), each with its reasoning.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { Alarm, Dashboard, MathExpression, Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PROFILE_METRICS } from '../../shared/service/pipeline/metricNames.js';
import { ARTICLES_TABLE, UPLOADS_TABLE } from '../../shared/service/storage/tableSchema.js';
import { INGEST_METRICS } from '../pipelineDefaults.js';
import { alarmSettings, createAlarms, createAlarmTopic, type SiftAlarmSettings } from './monitoring/alarms.js';
import { createDashboard } from './monitoring/dashboard.js';
import { type MonitoredTable, SiftMetrics } from './monitoring/metrics.js';
import type { SiftTables } from './SiftTables.js';

export interface MonitoringProps {
  /** The ingest function (consumes the ingest queue, emits the Sift metrics). */
  readonly ingestFunction: IFunction;
  /** The function behind the REST API. */
  readonly apiFunction: IFunction;
  /** The ingest queue. */
  readonly ingestQueue: IQueue;
  /** The ingest queue's dead-letter queue. */
  readonly deadLetterQueue: IQueue;
  /** The REST API; its deployment stage is watched. */
  readonly restApi: RestApi;
  /** The Articles and Uploads tables (their indexes are those of the schemas in shared/service/storage/tableSchema.ts). */
  readonly tables: SiftTables;
  /**
   * An e-mail address subscribed to the alarm topic (it receives a confirmation mail first).
   * @default - no subscription; subscribe to the `AlarmTopicArn` output yourself
   */
  readonly alarmEmail?: string;
  /**
   * Overrides of alarm thresholds, periods and evaluation periods, per alarm.
   * @default - ALARM_DEFAULTS in infra/pipelineDefaults.ts
   */
  readonly alarms?: SiftAlarmSettings;
  /**
   * Name of the dashboard. Dashboard names are global to the account (not per region), hence the region.
   * @default `Sift-<stack name>-<region>`
   */
  readonly dashboardName?: string;
  /**
   * Namespace of the ingest function's embedded metrics.
   * @default 'Sift' (`INGEST_METRICS.namespace`)
   */
  readonly metricsNamespace?: string;
  /**
   * Value of the `service` dimension of the ingest function's metrics (its Powertools service name).
   * @default 'sift-ingest' (`INGEST_METRICS.service`)
   */
  readonly metricsService?: string;
}

/** Alarms, their SNS topic and the operations dashboard. */
export class Monitoring extends Construct {
  /** The topic every alarm notifies (on ALARM and on OK). */
  public readonly alarmTopic: Topic;
  /** The customer-managed key encrypting the topic (CloudWatch may use it for this stack's alarms). */
  public readonly alarmTopicKey: Key;
  /** Every alarm, by id. */
  public readonly alarms: Readonly<Record<string, Alarm>>;
  /** The operations dashboard. */
  public readonly dashboard: Dashboard;
  /** Namespace of the Sift metrics. */
  public readonly metricsNamespace: string;
  /** The `service` dimension of the Sift metrics. */
  public readonly metricsService: string;

  private readonly metrics: SiftMetrics;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const alarmNamePrefix = `${Stack.of(this).stackName}-`;
    this.metricsNamespace = props.metricsNamespace ?? INGEST_METRICS.namespace;
    this.metricsService = props.metricsService ?? INGEST_METRICS.service;
    this.metrics = new SiftMetrics(this.metricsNamespace, this.metricsService);
    const settings = alarmSettings(props.alarms);

    ({ topic: this.alarmTopic, key: this.alarmTopicKey } = createAlarmTopic(this, alarmNamePrefix, props.alarmEmail));

    const watched = {
      ingestFunction: props.ingestFunction,
      apiFunction: props.apiFunction,
      ingestQueue: props.ingestQueue,
      deadLetterQueue: props.deadLetterQueue,
      stage: props.restApi.deploymentStage,
      tables: [
        { label: 'Articles', table: props.tables.articles, schema: ARTICLES_TABLE },
        { label: 'Uploads', table: props.tables.uploads, schema: UPLOADS_TABLE },
      ] satisfies MonitoredTable[],
      metrics: this.metrics,
      settings,
    };
    this.alarms = createAlarms(this, { ...watched, topic: this.alarmTopic, alarmNamePrefix });
    this.dashboard = createDashboard(this, { ...watched, alarms: Object.values(this.alarms), dashboardName: props.dashboardName });
  }

  /**
   * A metric of the ingest function's embedded metrics (namespace and `service` dimension as emitted), e.g.
   * `siftMetric(SIFT_METRICS.articles, { statistic: Stats.SUM })`. `dimensions` are added to `service`.
   */
  public siftMetric(metricName: string, options: MetricOptions = {}, dimensions: Record<string, string> = {}): Metric {
    return this.metrics.metric(metricName, options, dimensions);
  }

  /** Share of uploads that ended FAILED, in percent (0 in periods with fewer than `minimumUploads` uploads). */
  public uploadFailureRate(period: Duration, minimumUploads: number): MathExpression {
    return this.metrics.uploadFailureRate(period, minimumUploads);
  }

  /** The SEARCH expression of the per-profile miss counts (one line per profile that missed). */
  public profileMissesByProfile(period: Duration): MathExpression {
    return this.metrics.byDimension(PROFILE_METRICS.bodyMissesByProfile, PROFILE_METRICS.profileDimension, period);
  }
}
