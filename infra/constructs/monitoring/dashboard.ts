/**
 * The operations dashboard: what happened to the uploads (the Sift metrics), the alarms' status, and the
 * queues, functions, API stage and tables behind them. Built into the Monitoring construct itself (not a child
 * construct), so its logical id stays as it is.
 */
import { Aws, Duration, Stack } from 'aws-cdk-lib';
import {
  type Alarm,
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  GraphWidgetView,
  Stats,
  TextWidget,
  type IMetric,
  type IWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { FAILURE_REASON_DIMENSION, PROFILE_METRICS, SIFT_METRICS } from '../../../shared/service/pipeline/metricNames.js';
import type { AlarmSettings } from './alarms.js';
import { type MonitoredResources, tableAndIndexes, throttleEvents } from './metrics.js';

/** What the dashboard shows. */
export interface DashboardSources extends MonitoredResources {
  /** Thresholds drawn as annotations. */
  readonly settings: AlarmSettings;
  /** Listed in the alarm status widget. */
  readonly alarms: readonly Alarm[];
  readonly dashboardName?: string;
}

export function createDashboard(scope: Construct, sources: DashboardSources): Dashboard {
  const stack = Stack.of(scope);
  const { metrics, stage, settings } = sources;
  const period = Duration.minutes(5);
  const sum = (metricName: string, label: string) => metrics.metric(metricName, { statistic: Stats.SUM, period, label });
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
  const throttleSeries = sources.tables.flatMap(({ label, table, schema }) =>
    (['Read', 'Write'] as const).map((kind) => throttleEvents(label, table, kind, tableAndIndexes(schema), period)),
  );

  const widgets: IWidget[][] = [
    [
      new TextWidget({
        markdown:
          `# Sift pipeline (stack ${stack.stackName})\n` +
          `Uploads dropped in S3 → ingest queue → ingest function → tables; API Gateway → API function → tables. ` +
          `Upload metrics are the ingest function's embedded metrics (namespace \`${metrics.namespace}\`, service \`${metrics.service}\`). ` +
          'Every alarm notifies the alarm topic (stack output `AlarmTopicArn`); each alarm\'s description says what to do.',
        width: 24,
        height: 2,
      }),
    ],
    [new AlarmStatusWidget({ title: 'Alarms', alarms: [...sources.alarms], width: 24, height: 4 })],
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
      graph('Failures by reason', [metrics.byDimension(SIFT_METRICS.uploadsFailedByReason, FAILURE_REASON_DIMENSION, period)], { stacked: true }),
      graph('Articles per 5 minutes', [
        sum(SIFT_METRICS.articles, 'Articles'), sum(SIFT_METRICS.documentErrors, 'Document errors'),
        sum(SIFT_METRICS.uploadsWithoutArticles, 'Uploads without articles'), sum(SIFT_METRICS.uploadWarnings, 'Upload warnings'),
      ]),
    ],
    [
      graph('Processing time per upload (ms)', [
        metrics.metric(SIFT_METRICS.processingTime, { statistic: Stats.p(50), period, label: 'p50' }),
        metrics.metric(SIFT_METRICS.processingTime, { statistic: Stats.p(90), period, label: 'p90' }),
        metrics.metric(SIFT_METRICS.processingTime, { statistic: Stats.p(99), period, label: 'p99' }),
      ], { leftYAxis: { label: 'ms', min: 0, showUnits: false } }),
      graph('Failed uploads (%)', [metrics.uploadFailureRate(period, 1)], {
        leftYAxis: { min: 0, max: 100, showUnits: false },
        leftAnnotations: [{ value: settings.uploadFailureRate.threshold, label: 'alarm threshold' }],
      }),
      graph('Ingest queue: depth and oldest message age', [
        sources.ingestQueue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, label: 'Visible (waiting)' }),
        sources.ingestQueue.metricApproximateNumberOfMessagesNotVisible({ statistic: Stats.MAXIMUM, label: 'In flight' }),
      ], {
        right: [sources.ingestQueue.metricApproximateAgeOfOldestMessage({ statistic: Stats.MAXIMUM, label: 'Oldest message age (s)' })],
        leftYAxis: { label: 'Messages', min: 0, showUnits: false },
        rightYAxis: { label: 'Seconds', min: 0, showUnits: false },
      }),
    ],
    [
      graph('Dead-letter queue depth', [
        sources.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, label: 'Dead letters' }),
      ], { leftAnnotations: [{ value: settings.deadLetterMessages.threshold, label: 'alarm threshold' }] }),
      functionWidget('Ingest', sources.ingestFunction),
      functionWidget('API', sources.apiFunction),
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
      graph('DynamoDB: consumed capacity units', sources.tables.flatMap(({ label, table }) => [
        table.metricConsumedReadCapacityUnits({ statistic: Stats.SUM, label: `${label} reads` }),
        table.metricConsumedWriteCapacityUnits({ statistic: Stats.SUM, label: `${label} writes` }),
      ])),
    ],
    [
      graph('DynamoDB: throttle events (tables and indexes)', throttleSeries, { view: GraphWidgetView.TIME_SERIES }),
      graph('Source profile misses, by profile (body selector found nothing)', [
        metrics.byDimension(PROFILE_METRICS.bodyMissesByProfile, PROFILE_METRICS.profileDimension, period),
      ], {
        stacked: true, leftAnnotations: [{ value: settings.profileBodyMisses.threshold, label: 'alarm threshold (all profiles, per hour)' }],
      }),
      graph('Source profiles: misses and rejected documents', [
        sum(PROFILE_METRICS.bodyMisses, 'Body misses (all profiles)'),
        sum(PROFILE_METRICS.rejected, 'Profile documents rejected'),
      ]),
    ],
  ];

  return new Dashboard(scope, 'Dashboard', {
    dashboardName: sources.dashboardName ?? `Sift-${stack.stackName}-${Aws.REGION}`,
    defaultInterval: Duration.hours(12),
    widgets,
  });
}
