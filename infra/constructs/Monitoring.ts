/**
 * Observe (issue 7, item 6): CloudWatch alarms on every step of the pipeline, one encrypted SNS topic they all
 * notify, and a dashboard that shows what happened to the uploads.
 *
 *   ingest queue / DLQ ─┐
 *   ingest function ────┤
 *   API function ───────┼──▶ alarms ──▶ alarm topic (KMS, TLS only) ──▶ e-mail (optional)
 *   REST API stage ─────┤        └────▶ dashboard (with the Sift metrics and an alarm status widget)
 *   tables (+ indexes) ─┤
 *   Sift EMF metrics ───┘
 *
 * The Sift metrics are the CloudWatch embedded metrics of lambdas/ingest/handler.ts (Powertools Metrics): namespace
 * `Sift`, and Powertools adds the service name as a default dimension, so every metric carries exactly
 * `{service: 'sift-ingest'}` and `UploadsFailedByReason` carries `{service, reason}` (its `singleMetric()` keeps the
 * default dimensions). A CloudWatch metric matches only with its full dimension set, so the metrics below name the
 * same set; test/infra/monitoring.test.ts checks it against what Powertools emits.
 *
 * Alarm notifications: CloudWatch can only publish to an encrypted topic whose key policy lets
 * `cloudwatch.amazonaws.com` use the key, and the AWS-managed `alias/aws/sns` key's policy cannot be changed, so the
 * topic has its own customer-managed key (rotated). Both the key policy and the topic policy admit CloudWatch only
 * on behalf of this stack's alarms (aws:SourceAccount + aws:SourceArn on `<stack name>-*` alarm names). The topic
 * denies publishing without TLS. Alarms notify on ALARM and on the way back to OK.
 *
 * Thresholds are plain data in `ALARM_DEFAULTS` (infra/pipelineDefaults.ts), each with its reasoning.
 */
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { RestApi, Stage } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  GraphWidgetView,
  MathExpression,
  Metric,
  Stats,
  TextWidget,
  TreatMissingData,
  type IMetric,
  type IWidget,
  type MetricOptions,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { serviceKey } from './keys.js';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PROFILE_METRICS, SIFT_METRICS } from '../../shared/pipeline/metricNames.js';
import { ARTICLES_TABLE, UPLOADS_TABLE, type TableSchema } from '../../shared/storage/tableSchema.js';
import { ALARM_DEFAULTS, INGEST_METRICS, type AlarmSetting } from '../pipelineDefaults.js';
import type { SiftTables } from './SiftTables.js';

type Numbers<T> = { readonly [P in keyof T]: number };
type AlarmSettings = { readonly [K in keyof typeof ALARM_DEFAULTS]: Numbers<(typeof ALARM_DEFAULTS)[K]> };
/** Overrides of `ALARM_DEFAULTS`, per alarm and per field (e.g. `{ deadLetterMessages: { threshold: 10 } }`). */
export type SiftAlarmSettings = { readonly [K in keyof AlarmSettings]?: Partial<AlarmSettings[K]> };

/** At most this many metrics in one metric-math alarm (a hard CloudWatch limit). */
const MAX_METRICS_PER_ALARM = 10;

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
  /** The Articles and Uploads tables (their indexes are those of the schemas in shared/storage/tableSchema.ts). */
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

  private readonly alarmNamePrefix: string;
  private readonly settings: AlarmSettings;
  private readonly alarmsById: Record<string, Alarm> = {};

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.alarmNamePrefix = `${stack.stackName}-`;
    this.metricsNamespace = props.metricsNamespace ?? INGEST_METRICS.namespace;
    this.metricsService = props.metricsService ?? INGEST_METRICS.service;
    this.settings = Object.fromEntries(
      Object.entries(ALARM_DEFAULTS).map(([name, setting]) => [name, { ...setting, ...props.alarms?.[name as keyof typeof ALARM_DEFAULTS] }]),
    ) as AlarmSettings;
    this.alarms = this.alarmsById;

    ({ topic: this.alarmTopic, key: this.alarmTopicKey } = this.createTopic(props.alarmEmail));

    const stage = props.restApi.deploymentStage;
    const tables = [
      { label: 'Articles', table: props.tables.articles, schema: ARTICLES_TABLE },
      { label: 'Uploads', table: props.tables.uploads, schema: UPLOADS_TABLE },
    ];

    this.createAlarms(props, stage, tables);
    this.dashboard = this.createDashboard(props, stage, tables);
  }

  /**
   * A metric of the ingest function's embedded metrics (namespace and `service` dimension as emitted), e.g.
   * `siftMetric(SIFT_METRICS.articles, { statistic: Stats.SUM })`. `dimensions` are added to `service`.
   */
  public siftMetric(metricName: string, options: MetricOptions = {}, dimensions: Record<string, string> = {}): Metric {
    return new Metric({
      namespace: this.metricsNamespace,
      metricName,
      statistic: Stats.SUM,
      period: Duration.minutes(5),
      ...options,
      dimensionsMap: { service: this.metricsService, ...dimensions },
    });
  }

  /** Share of uploads that ended FAILED, in percent (0 in periods with fewer than `minimumUploads` uploads). */
  public uploadFailureRate(period: Duration, minimumUploads: number): MathExpression {
    const total = '(FILL(processed, 0) + FILL(failed, 0))';
    return new MathExpression({
      expression: `IF(${total} >= ${minimumUploads}, 100 * FILL(failed, 0) / ${total}, 0)`,
      usingMetrics: {
        processed: this.siftMetric(SIFT_METRICS.uploadsProcessed, { statistic: Stats.SUM, period }),
        failed: this.siftMetric(SIFT_METRICS.uploadsFailed, { statistic: Stats.SUM, period }),
      },
      label: 'Failed uploads (%)',
      period,
    });
  }

  private createTopic(alarmEmail: string | undefined): { topic: Topic; key: Key } {
    const stack = Stack.of(this);
    const conditions = {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:${this.alarmNamePrefix}*` },
    };
    const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');

    const key = serviceKey(this, 'AlarmTopicKey', {
      description: `Encrypts the alarm topic of ${stack.stackName}; CloudWatch may use it for this stack's alarms only`,
      // Encrypts notifications in flight through SNS only; nothing stored needs it after the stack is gone.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsOfThisStack',
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions,
      }),
    );

    const topic = new Topic(this, 'AlarmTopic', {
      displayName: `Sift alarms (${stack.stackName})`,
      masterKey: key,
      enforceSSL: true,
    });
    topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsOfThisStack',
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions,
      }),
    );
    if (alarmEmail) topic.addSubscription(new EmailSubscription(alarmEmail));
    return { topic, key };
  }

  private createAlarms(props: MonitoringProps, stage: Stage, tables: { label: string; table: ITableV2; schema: TableSchema }[]): void {
    const s = this.settings;
    const minutes = (setting: AlarmSetting) => `${setting.periodSeconds / 60} minutes`;
    /** "in 2 of the last 3 5-minute periods", "in each of the last 2 15-minute periods", "in 5 minutes". */
    const window = (setting: AlarmSetting) => {
      const period = `${setting.periodSeconds / 60}-minute periods`;
      if (setting.evaluationPeriods === 1) return `in ${minutes(setting)}`;
      if (setting.datapointsToAlarm === setting.evaluationPeriods) return `in each of the last ${setting.evaluationPeriods} ${period}`;
      return `in ${setting.datapointsToAlarm} of the last ${setting.evaluationPeriods} ${period}`;
    };

    this.alarm('DeadLetters', s.deadLetterMessages, props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM }), {
      description:
        'Messages are waiting in the ingest dead-letter queue: S3 events of uploads that failed ingestion on every receive ' +
        '(transient AWS errors that outlasted the retries, crashes or timeouts) and will not be retried on their own. ' +
        'Find the cause in the ingest function logs (level WARN, "object event will be retried", by upload key), fix it, ' +
        'then inspect and redrive: `npm run sift -- dlq list` and `npm run sift -- dlq redrive` (or "Start DLQ redrive" in the SQS console). ' +
        'Dead letters are kept 14 days.',
    });

    this.alarm(
      'IngestBacklog',
      s.ingestQueueOldestMessageAge,
      props.ingestQueue.metricApproximateAgeOfOldestMessage({ statistic: Stats.MAXIMUM }),
      {
        description:
          `The oldest message in the ingest queue had waited ${s.ingestQueueOldestMessageAge.threshold / 60} minutes or more ` +
          `${window(s.ingestQueueOldestMessageAge)}: uploads are not being ingested. ` +
          'On the dashboard, check the ingest function\'s errors, throttles and duration (a crash loop, exhausted account concurrency, ' +
          'an event source maxConcurrency too low for the inflow) and the ingest logs. A very large burst of uploads also shows here; it drains by itself.',
      },
    );

    this.alarm('IngestErrors', s.ingestErrors, props.ingestFunction.metricErrors({ statistic: Stats.SUM }), {
      description:
        `The ingest function failed whole invocations (at least ${s.ingestErrors.threshold} ${window(s.ingestErrors)}): a crash, a timeout or ` +
        'running out of memory. Failed uploads do not count here (they are partial batch failures), so this is a bug or a resource limit, and ' +
        'every message of the batch is retried and may end in the dead-letter queue. Search the ingest log group for "Task timed out", ' +
        '"Runtime exited" or uncaught errors; raise timeout or memory (INGEST_DEFAULTS) if the uploads are simply large.',
    });

    this.alarm('IngestThrottles', s.ingestThrottles, props.ingestFunction.metricThrottles({ statistic: Stats.SUM }), {
      description:
        `Lambda throttled the ingest function ${window(s.ingestThrottles)}: the account's (or the function's reserved) concurrency is ` +
        'exhausted. Messages stay queued and ' +
        'are received again, so ingestion slows down and, if it lasts, uploads reach the dead-letter queue. Look for what else uses the ' +
        'concurrency; raise the account quota, reserve concurrency for ingest, or cap the event source (maxConcurrency).',
    });

    this.alarm('ApiFunctionErrors', s.apiErrors, props.apiFunction.metricErrors({ statistic: Stats.SUM }), {
      description:
        `The API function failed invocations (at least ${s.apiErrors.threshold} ${window(s.apiErrors)}): a crash, a timeout (29 s) or ` +
        'running out of memory; those callers got a 502 or 504. Errors the handler catches are answered as 500 problem responses and show in ' +
        'the API 5XX alarm instead. Search the API function log group for "Task timed out" or uncaught errors.',
    });

    this.alarm('ApiFunctionThrottles', s.apiThrottles, props.apiFunction.metricThrottles({ statistic: Stats.SUM }), {
      description:
        `Lambda throttled the API function (at least ${s.apiThrottles.threshold} ${window(s.apiThrottles)}): those API requests failed. ` +
        'Account (or reserved) concurrency is exhausted, often by an ingest burst; compare with the ingest function\'s concurrency on the ' +
        'dashboard, and raise the quota, reserve concurrency for the API or cap ingest (maxConcurrency).',
    });

    this.alarm('Api5xx', s.api5xxErrors, stage.metricServerError({ statistic: Stats.SUM }), {
      description:
        `The API answered at least ${s.api5xxErrors.threshold} requests with a 5XX status ${window(s.api5xxErrors)}: the API function ` +
        'returned 500 (an error it caught, such as DynamoDB or S3 failing or throttling), failed (502), timed out (504) or was throttled. ' +
        'Check the API function logs (level ERROR) and the API access log group (status, resourcePath); see the API and DynamoDB widgets.',
    });

    for (const { label, table, schema } of tables) {
      for (const kind of ['Read', 'Write'] as const) {
        const chunks = chunk([undefined, ...schema.indexes.map((i) => i.indexName)], MAX_METRICS_PER_ALARM);
        chunks.forEach((indexNames, n) => {
          const alarmId = `${label}${kind}Throttles${chunks.length > 1 ? n + 1 : ''}`;
          const setting = s.tableThrottleEvents;
          this.alarm(alarmId, setting, throttleEvents(label, table, kind, indexNames, Duration.seconds(setting.periodSeconds)), {
            description:
              `DynamoDB throttled ${kind.toLowerCase()}s on the ${label} table or its indexes ${window(setting)}. ` +
              'The SDK retries, but the API slows down or answers 500 and ingest ' +
              'batches are retried. An on-demand table throttles when traffic more than doubles its previous peak quickly, or on a hot ' +
              'partition key: see the DynamoDB widgets, and CloudWatch Contributor Insights for the table to find hot keys.',
          });
        });
      }
    }

    const rate = s.uploadFailureRate;
    this.alarm('UploadFailureRate', rate, this.uploadFailureRate(Duration.seconds(rate.periodSeconds), rate.minimumUploads), {
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      description:
        `More than ${rate.threshold} % of the uploads ingested ended FAILED ${window(rate)} ` +
        `(periods with fewer than ${rate.minimumUploads} uploads do not count). Failures are bad input, so a scraper ` +
        'is sending broken files or the extractor regressed: the "Failures by reason" widget shows which category (empty, too-large, truncated, ' +
        'binary, corrupt-compression, malformed, extractor-error …); `npm run sift -- status KEY` and the ingest logs (level WARN, "object event handled") give each upload\'s reason.',
    });

    const misses = s.profileBodyMisses;
    this.alarm('ProfileBodyMisses', misses, this.siftMetric(PROFILE_METRICS.bodyMisses, { statistic: Stats.SUM }), {
      description:
        `At least ${misses.threshold} pages matched a source profile whose body selector found nothing ${window(misses)}: a site the ` +
        'profiles cover has probably changed its layout. Those pages were extracted the generic way (their records say "profile": null), ' +
        `so nothing is lost, but the profile no longer decides them. The "Source profile misses" widget (${PROFILE_METRICS.bodyMissesByProfile}, ` +
        `by ${PROFILE_METRICS.profileDimension}) names the profile; fix its selectors against a new page with ` +
        '`npm run --silent extract -- --profiles DIR FILE`, put it back under the profiles prefix (picked up within a minute), then reprocess the site\'s uploads (`npm run sift -- reprocess --host HOST`).',
    });

    const rejected = s.profilesRejected;
    this.alarm('ProfilesRejected', rejected, this.siftMetric(PROFILE_METRICS.rejected, { statistic: Stats.SUM }), {
      description:
        `The ingest function left out at least ${rejected.threshold} stored source profile document ${window(rejected)}: invalid JSON, ` +
        'a field the schema refuses, a selector cheerio cannot read, or a name another profile already has. The pages of that site are ' +
        'extracted the generic way (their records say "profile": null) until it is fixed. `npm run sift -- profile list` shows each ' +
        'document under the profiles prefix with UNUSABLE and the field and reason (so do the ingest logs, level ERROR, "a source profile ' +
        'cannot be used"); fix the file and store it again with `npm run sift -- profile put FILE` (it checks before storing), or delete the object.',
    });
  }

  /** The SEARCH expression of the per-profile miss counts (one line per profile that missed). */
  public profileMissesByProfile(period: Duration): MathExpression {
    const { bodyMissesByProfile, profileDimension } = PROFILE_METRICS;
    return new MathExpression({
      expression: `SEARCH('{${this.metricsNamespace},${profileDimension},service} MetricName="${bodyMissesByProfile}" service="${this.metricsService}"', 'Sum', ${period.toSeconds()})`,
      label: '',
      period,
    });
  }

  /** One alarm: `<stack name>-<id>`, period and evaluation from `setting`, notifying the topic on ALARM and OK. */
  private alarm(
    id: string,
    setting: AlarmSetting,
    metric: IMetric,
    options: { description: string; comparisonOperator?: ComparisonOperator },
  ): Alarm {
    const period = Duration.seconds(setting.periodSeconds);
    const alarm = new Alarm(this, id, {
      alarmName: `${this.alarmNamePrefix}${id}`,
      alarmDescription: options.description,
      metric: metric instanceof Metric ? metric.with({ period }) : metric,
      threshold: setting.threshold,
      comparisonOperator: options.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: setting.evaluationPeriods,
      datapointsToAlarm: setting.datapointsToAlarm,
      // No data means no traffic (an idle queue stops reporting; no uploads, no Sift metrics): nothing is wrong.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(this.alarmTopic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarmsById[id] = alarm;
    return alarm;
  }

  private createDashboard(props: MonitoringProps, stage: Stage, tables: { label: string; table: ITableV2; schema: TableSchema }[]): Dashboard {
    const stack = Stack.of(this);
    const period = Duration.minutes(5);
    const sum = (metricName: string, label: string) => this.siftMetric(metricName, { statistic: Stats.SUM, period, label });
    const ingest = props.ingestFunction;
    const api = props.apiFunction;
    const graph = (title: string, left: IMetric[], extra: Partial<ConstructorParameters<typeof GraphWidget>[0]> = {}) =>
      new GraphWidget({ title, left, width: 8, height: 6, period, ...extra });
    const functionWidget = (name: string, fn: IFunction) =>
      graph(`${name} function: invocations, errors, throttles, duration`, [
        fn.metricInvocations({ statistic: Stats.SUM, label: 'Invocations' }),
        fn.metricErrors({ statistic: Stats.SUM, label: 'Errors' }),
        fn.metricThrottles({ statistic: Stats.SUM, label: 'Throttles' }),
      ], {
        right: [
          fn.metricDuration({ statistic: Stats.p(50), label: 'Duration p50' }),
          fn.metricDuration({ statistic: Stats.p(99), label: 'Duration p99' }),
          fn.metricDuration({ statistic: Stats.MAXIMUM, label: 'Duration max' }),
        ],
        leftYAxis: { label: 'Count', min: 0, showUnits: false },
        rightYAxis: { label: 'ms', min: 0, showUnits: false },
      });
    const throttleSeries = tables.flatMap(({ label, table, schema }) =>
      (['Read', 'Write'] as const).map((kind) =>
        throttleEvents(label, table, kind, [undefined, ...schema.indexes.map((i) => i.indexName)], period),
      ),
    );

    const widgets: IWidget[][] = [
      [
        new TextWidget({
          markdown:
            `# Sift pipeline (stack ${stack.stackName})\n` +
            `Uploads dropped in S3 → ingest queue → ingest function → tables; API Gateway → API function → tables. ` +
            `Upload metrics are the ingest function's embedded metrics (namespace \`${this.metricsNamespace}\`, service \`${this.metricsService}\`). ` +
            'Every alarm notifies the alarm topic (stack output `AlarmTopicArn`); each alarm\'s description says what to do.',
          width: 24,
          height: 2,
        }),
      ],
      [
        new AlarmStatusWidget({
          title: 'Alarms',
          alarms: Object.values(this.alarmsById),
          width: 24,
          height: 4,
        }),
      ],
      [
        graph('Uploads: processed, failed, deleted', [
          sum(SIFT_METRICS.uploadsProcessed, 'Processed'),
          sum(SIFT_METRICS.uploadsFailed, 'Failed'),
          sum(SIFT_METRICS.uploadsDeleted, 'Deleted'),
          sum(SIFT_METRICS.eventsSkipped, 'Events skipped'),
          sum(SIFT_METRICS.transientFailures, 'Transient failures (retried)'),
          sum(SIFT_METRICS.uploadsSplit, 'Split into pieces'),
          sum(SIFT_METRICS.piecesDone, 'Piece phases done'),
        ]),
        graph('Failures by reason', [
          new MathExpression({
            expression: `SEARCH('{${this.metricsNamespace},reason,service} MetricName="${SIFT_METRICS.uploadsFailedByReason}" service="${this.metricsService}"', 'Sum', ${period.toSeconds()})`,
            label: '',
            period,
          }),
        ], { stacked: true }),
        graph('Articles per 5 minutes', [
          sum(SIFT_METRICS.articles, 'Articles'), sum(SIFT_METRICS.documentErrors, 'Document errors'),
          sum(SIFT_METRICS.uploadsWithoutArticles, 'Uploads without articles'), sum(SIFT_METRICS.uploadWarnings, 'Upload warnings'),
        ]),
      ],
      [
        graph('Processing time per upload (ms)', [
          this.siftMetric(SIFT_METRICS.processingTime, { statistic: Stats.p(50), period, label: 'p50' }),
          this.siftMetric(SIFT_METRICS.processingTime, { statistic: Stats.p(90), period, label: 'p90' }),
          this.siftMetric(SIFT_METRICS.processingTime, { statistic: Stats.p(99), period, label: 'p99' }),
        ], { leftYAxis: { label: 'ms', min: 0, showUnits: false } }),
        graph('Failed uploads (%)', [this.uploadFailureRate(period, 1)], {
          leftYAxis: { min: 0, max: 100, showUnits: false },
          leftAnnotations: [{ value: this.settings.uploadFailureRate.threshold, label: 'alarm threshold' }],
        }),
        graph('Ingest queue: depth and oldest message age', [
          props.ingestQueue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, label: 'Visible (waiting)' }),
          props.ingestQueue.metricApproximateNumberOfMessagesNotVisible({ statistic: Stats.MAXIMUM, label: 'In flight' }),
        ], {
          right: [props.ingestQueue.metricApproximateAgeOfOldestMessage({ statistic: Stats.MAXIMUM, label: 'Oldest message age (s)' })],
          leftYAxis: { label: 'Messages', min: 0, showUnits: false },
          rightYAxis: { label: 'Seconds', min: 0, showUnits: false },
        }),
      ],
      [
        graph('Dead-letter queue depth', [
          props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, label: 'Dead letters' }),
        ], { leftAnnotations: [{ value: this.settings.deadLetterMessages.threshold, label: 'alarm threshold' }] }),
        functionWidget('Ingest', ingest),
        functionWidget('API', api),
      ],
      [
        graph('API: requests, 4XX, 5XX', [
          stage.metricCount({ statistic: Stats.SUM, label: 'Requests' }),
          stage.metricClientError({ statistic: Stats.SUM, label: '4XX' }),
          stage.metricServerError({ statistic: Stats.SUM, label: '5XX' }),
        ]),
        graph('API: latency (ms)', [
          stage.metricLatency({ statistic: Stats.p(50), label: 'Latency p50' }),
          stage.metricLatency({ statistic: Stats.p(99), label: 'Latency p99' }),
          stage.metricIntegrationLatency({ statistic: Stats.p(99), label: 'Integration latency p99' }),
        ], { leftYAxis: { label: 'ms', min: 0, showUnits: false } }),
        graph('DynamoDB: consumed capacity units', tables.flatMap(({ label, table }) => [
          table.metricConsumedReadCapacityUnits({ statistic: Stats.SUM, label: `${label} reads` }),
          table.metricConsumedWriteCapacityUnits({ statistic: Stats.SUM, label: `${label} writes` }),
        ])),
      ],
      [
        graph('DynamoDB: throttle events (tables and indexes)', throttleSeries, { view: GraphWidgetView.TIME_SERIES }),
        graph('Source profile misses, by profile (body selector found nothing)', [this.profileMissesByProfile(period)], {
          stacked: true, leftAnnotations: [{ value: this.settings.profileBodyMisses.threshold, label: 'alarm threshold (all profiles, per hour)' }],
        }),
        graph('Source profiles: misses and rejected documents', [
          sum(PROFILE_METRICS.bodyMisses, 'Body misses (all profiles)'),
          sum(PROFILE_METRICS.rejected, 'Profile documents rejected'),
        ]),
      ],
    ];

    return new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName ?? `Sift-${stack.stackName}-${Aws.REGION}`,
      defaultInterval: Duration.hours(12),
      widgets,
    });
  }
}

/**
 * Read or write throttle events of a table (`undefined` in `indexNames`) and of its global secondary indexes, summed:
 * table-level `<Kind>ThrottleEvents` does not include the indexes' own throttling.
 */
function throttleEvents(
  tableLabel: string,
  table: ITableV2,
  kind: 'Read' | 'Write',
  indexNames: (string | undefined)[],
  period: Duration,
): MathExpression {
  const idPrefix = tableLabel.toLowerCase().replace(/[^a-z0-9]/g, '');
  const usingMetrics: Record<string, IMetric> = {};
  indexNames.forEach((indexName, n) => {
    // Ids unique across tables, so that several of these expressions can share one graph.
    usingMetrics[`${idPrefix}${kind.toLowerCase()}${n}`] = new Metric({
      namespace: 'AWS/DynamoDB',
      metricName: `${kind}ThrottleEvents`,
      dimensionsMap: indexName ? { TableName: table.tableName, GlobalSecondaryIndexName: indexName } : { TableName: table.tableName },
      statistic: Stats.SUM,
      period,
    });
  });
  return new MathExpression({
    expression: Object.keys(usingMetrics).map((id) => `FILL(${id}, 0)`).join(' + '),
    usingMetrics,
    period,
    label: `${tableLabel} ${kind.toLowerCase()} throttle events`,
  });
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
