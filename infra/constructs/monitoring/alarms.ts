/**
 * The alarms of the Monitoring construct and the topic they notify. They are built into the Monitoring construct
 * itself (not a child construct), so their logical ids, and the deployed topic with its key and e-mail
 * subscriptions, stay as they are.
 *
 * Alarm notifications: CloudWatch can only publish to an encrypted topic whose key policy lets
 * `cloudwatch.amazonaws.com` use the key, and the AWS-managed `alias/aws/sns` key's policy cannot be changed, so the
 * topic has its own customer-managed key (rotated). Both the key policy and the topic policy admit CloudWatch only
 * on behalf of this stack's alarms (aws:SourceAccount + aws:SourceArn on `<stack name>-*` alarm names). The topic
 * denies publishing without TLS. Alarms notify on ALARM and on the way back to OK.
 */
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, Stats, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { PROFILE_METRICS } from '../../../shared/service/pipeline/metricNames.js';
import { ALARM_DEFAULTS, type AlarmSetting } from '../../pipelineDefaults.js';
import { serviceKey } from '../keys.js';
import { type MonitoredResources, tableAndIndexes, throttleEvents } from './metrics.js';
import { runbook } from './runbooks.js';

type Numbers<T> = { readonly [P in keyof T]: number };
/** Every alarm's setting, defaults and overrides merged. */
export type AlarmSettings = { readonly [K in keyof typeof ALARM_DEFAULTS]: Numbers<(typeof ALARM_DEFAULTS)[K]> };
/** Overrides of `ALARM_DEFAULTS`, per alarm and per field (e.g. `{ deadLetterMessages: { threshold: 10 } }`). */
export type SiftAlarmSettings = { readonly [K in keyof AlarmSettings]?: Partial<AlarmSettings[K]> };

/** ALARM_DEFAULTS with the given overrides, field by field. */
export function alarmSettings(overrides: SiftAlarmSettings = {}): AlarmSettings {
  return Object.fromEntries(
    Object.entries(ALARM_DEFAULTS).map(([name, setting]) => [name, { ...setting, ...overrides[name as keyof typeof ALARM_DEFAULTS] }]),
  ) as AlarmSettings;
}

/** At most this many metrics in one metric-math alarm (a hard CloudWatch limit). */
const MAX_METRICS_PER_ALARM = 10;

/** The topic every alarm notifies, with its key; `alarmNamePrefix` names the alarms CloudWatch may publish for. */
export function createAlarmTopic(scope: Construct, alarmNamePrefix: string, alarmEmail: string | undefined): { topic: Topic; key: Key } {
  const stack = Stack.of(scope);
  const conditions = {
    StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:${alarmNamePrefix}*` },
  };
  const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');

  const key = serviceKey(scope, 'AlarmTopicKey', {
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

  const topic = new Topic(scope, 'AlarmTopic', {
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

/** What the alarms watch, and where they go. */
export interface AlarmSources extends MonitoredResources {
  readonly settings: AlarmSettings;
  readonly topic: Topic;
  /** `<stack name>-`: every alarm is named `<prefix><id>`. */
  readonly alarmNamePrefix: string;
}

/** Every alarm, by id, each described by its runbook (runbooks.ts). */
export function createAlarms(scope: Construct, sources: AlarmSources): Record<string, Alarm> {
  const { settings: s, metrics } = sources;
  const alarms: Record<string, Alarm> = {};
  const action = new SnsAction(sources.topic);

  /** One alarm: `<stack name>-<id>`, period and evaluation from `setting`, notifying the topic on ALARM and OK. */
  const alarm = (id: string, setting: AlarmSetting, metric: IMetric, description: string, comparisonOperator?: ComparisonOperator) => {
    const period = Duration.seconds(setting.periodSeconds);
    const created = new Alarm(scope, id, {
      alarmName: `${sources.alarmNamePrefix}${id}`,
      alarmDescription: description,
      metric: metric instanceof Metric ? metric.with({ period }) : metric,
      threshold: setting.threshold,
      comparisonOperator: comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: setting.evaluationPeriods,
      datapointsToAlarm: setting.datapointsToAlarm,
      // No data means no traffic (an idle queue stops reporting; no uploads, no Sift metrics): nothing is wrong.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    created.addAlarmAction(action);
    created.addOkAction(action);
    alarms[id] = created;
  };

  alarm('DeadLetters', s.deadLetterMessages, sources.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM }),
    runbook('DeadLetters', s.deadLetterMessages));

  const backlog = s.ingestQueueOldestMessageAge;
  alarm('IngestBacklog', backlog, sources.ingestQueue.metricApproximateAgeOfOldestMessage({ statistic: Stats.MAXIMUM }),
    runbook('IngestBacklog', backlog, { thresholdMinutes: backlog.threshold / 60 }));

  alarm('IngestErrors', s.ingestErrors, sources.ingestFunction.metricErrors({ statistic: Stats.SUM }), runbook('IngestErrors', s.ingestErrors));
  alarm('IngestThrottles', s.ingestThrottles, sources.ingestFunction.metricThrottles({ statistic: Stats.SUM }),
    runbook('IngestThrottles', s.ingestThrottles));
  alarm('ApiFunctionErrors', s.apiErrors, sources.apiFunction.metricErrors({ statistic: Stats.SUM }), runbook('ApiFunctionErrors', s.apiErrors));
  alarm('ApiFunctionThrottles', s.apiThrottles, sources.apiFunction.metricThrottles({ statistic: Stats.SUM }),
    runbook('ApiFunctionThrottles', s.apiThrottles));
  alarm('Api5xx', s.api5xxErrors, sources.stage.metricServerError({ statistic: Stats.SUM }), runbook('Api5xx', s.api5xxErrors));

  for (const { label, table, schema } of sources.tables) {
    for (const kind of ['Read', 'Write'] as const) {
      const chunks = chunk(tableAndIndexes(schema), MAX_METRICS_PER_ALARM);
      chunks.forEach((indexNames, n) => {
        const setting = s.tableThrottleEvents;
        alarm(`${label}${kind}Throttles${chunks.length > 1 ? n + 1 : ''}`, setting,
          throttleEvents(label, table, kind, indexNames, Duration.seconds(setting.periodSeconds)),
          runbook('TableThrottles', setting, { kind: kind.toLowerCase(), table: label }));
      });
    }
  }

  const rate = s.uploadFailureRate;
  alarm('UploadFailureRate', rate, metrics.uploadFailureRate(Duration.seconds(rate.periodSeconds), rate.minimumUploads),
    runbook('UploadFailureRate', rate, { minimumUploads: rate.minimumUploads }), ComparisonOperator.GREATER_THAN_THRESHOLD);

  alarm('ProfileBodyMisses', s.profileBodyMisses, metrics.metric(PROFILE_METRICS.bodyMisses, { statistic: Stats.SUM }),
    runbook('ProfileBodyMisses', s.profileBodyMisses, {
      bodyMissesByProfile: PROFILE_METRICS.bodyMissesByProfile, profileDimension: PROFILE_METRICS.profileDimension,
    }));

  alarm('ProfilesRejected', s.profilesRejected, metrics.metric(PROFILE_METRICS.rejected, { statistic: Stats.SUM }),
    runbook('ProfilesRejected', s.profilesRejected));

  return alarms;
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
