/**
 * Observability in the synthesized template: every alarm watches the right metric of the right resource
 * (dimensions resolved to the stack's own function, queue, stage and tables), with its threshold and comparison, and
 * notifies the one alarm topic, which is KMS-encrypted and TLS-only; the dashboard shows the Sift metrics and both
 * functions; the outputs name the topic and the dashboard. The Sift metrics' dimension sets are checked against what
 * Powertools Metrics actually emits, so that the alarms match the embedded metrics of lambdas/ingest/handler.ts.
 *
 * One synthesis of the whole app for the file, plus one cheap stack (inline functions, no bundling) for the
 * construct's options.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { App, Stack } from 'aws-cdk-lib';
import { LambdaIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Monitoring } from '../../infra/constructs/Monitoring.js';
import { SiftTables } from '../../infra/constructs/SiftTables.js';
import { ALARM_DEFAULTS, INGEST_DEFAULTS, INGEST_METRICS } from '../../infra/pipelineDefaults.js';
import { PROFILE_METRICS, SERVICE_METRICS, SIFT_METRICS as SIFT_METRIC_NAMES } from '../../shared/service/pipeline/metricNames.js';
import { ARTICLES_TABLE, UPLOADS_TABLE, type TableSchema } from '../../shared/service/storage/tableSchema.js';
import { buildSiftApp, REPO_ROOT } from './synth.js';

type Resource = { Type: string; Properties: Record<string, any> };
type Dimension = { Name: string; Value: unknown };

let template: Template;
let resources: Record<string, Resource>;
let stackName: string;

/** Metrics the ingest handler emits with the `service` dimension only, and the one with `reason` too. */
const SIFT_METRICS = [...SERVICE_METRICS, PROFILE_METRICS.bodyMisses, PROFILE_METRICS.rejected];
const BY_REASON = SIFT_METRIC_NAMES.uploadsFailedByReason;
const BY_PROFILE = PROFILE_METRICS.bodyMissesByProfile;

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const alarms = () => ofType('AWS::CloudWatch::Alarm');
const alarm = (id: string): Record<string, any> => {
  const found = alarms().filter(([, r]) => r.Properties.AlarmName === `${stackName}-${id}`);
  expect(found, `alarm ${stackName}-${id}`).toHaveLength(1);
  return found[0]![1].Properties;
};
const onlyId = (type: string, match: (id: string, r: Resource) => boolean) => {
  const ids = ofType(type).filter(([id, r]) => match(id, r)).map(([id]) => id);
  expect(ids, type).toHaveLength(1);
  return ids[0]!;
};
const functionId = (service: string) =>
  onlyId('AWS::Lambda::Function', (_, r) => r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === service);
const ingestQueueId = () => onlyId('AWS::SQS::Queue', (_, r) => Boolean(r.Properties.RedrivePolicy));
const deadLetterQueueId = () => onlyId('AWS::SQS::Queue', (id, r) => !r.Properties.RedrivePolicy && id.includes('DeadLetter'));
const tableId = (schema: TableSchema) => onlyId('AWS::DynamoDB::GlobalTable', (id) => id.startsWith(`Tables${schema.logicalName}`));
const topicId = () => onlyId('AWS::SNS::Topic', () => true);
const byName = (dimensions: Dimension[]) => Object.fromEntries(dimensions.map((d) => [d.Name, d.Value]));

/** A single-metric alarm, as CloudFormation has it. */
function expectMetricAlarm(
  id: string,
  metric: { namespace: string; name: string; statistic: string; dimensions: Record<string, unknown> },
  setting: { threshold: number; periodSeconds: number; evaluationPeriods: number; datapointsToAlarm: number },
  comparison = 'GreaterThanOrEqualToThreshold',
) {
  const a = alarm(id);
  expect(a.Namespace).toBe(metric.namespace);
  expect(a.MetricName).toBe(metric.name);
  expect(a.Statistic).toBe(metric.statistic);
  expect(byName(a.Dimensions)).toEqual(metric.dimensions);
  expect(a.Threshold).toBe(setting.threshold);
  expect(a.ComparisonOperator).toBe(comparison);
  expect(a.Period).toBe(setting.periodSeconds);
  expect(a.EvaluationPeriods).toBe(setting.evaluationPeriods);
  expect(a.DatapointsToAlarm).toBe(setting.datapointsToAlarm);
  expect(a.TreatMissingData).toBe('notBreaching');
}

/**
 * The dashboard body as an object, with every CloudFormation token rendered as text: `<Ref:X>`, `<GetAtt:X.Attr>`
 * (tokens sit inside JSON strings of the Fn::Join'ed body).
 */
function dashboard(): { widgets: { type: string; properties: Record<string, any> }[] } {
  const [, resource] = ofType('AWS::CloudWatch::Dashboard')[0]!;
  const body = resource.Properties.DashboardBody;
  const parts: unknown[] = body['Fn::Join'] ? body['Fn::Join'][1] : [body];
  return JSON.parse(parts.map((p) => (typeof p === 'string' ? p : token(p))).join(''));
}
function token(value: any): string {
  if (value.Ref) return `<Ref:${value.Ref}>`;
  if (value['Fn::GetAtt']) return `<GetAtt:${value['Fn::GetAtt'].join('.')}>`;
  throw new Error(`unexpected token ${JSON.stringify(value)}`);
}
/** Every metric line of every graph: `[namespace, name, dim1, value1, …, options]` or `[{ expression }]`. */
const graphMetrics = () => dashboard().widgets.filter((w) => w.type === 'metric').flatMap((w) => w.properties.metrics as unknown[][]);
/** The metric lines (not expressions) as { namespace, name, dimensions, stat }. */
const plainMetrics = () =>
  graphMetrics()
    .filter((line) => typeof line[0] === 'string')
    .map((line) => {
      const options = (typeof line[line.length - 1] === 'object' ? line[line.length - 1] : {}) as Record<string, unknown>;
      const fields = line.filter((x) => typeof x === 'string') as string[];
      const dimensions: Record<string, string> = {};
      for (let i = 2; i < fields.length; i += 2) dimensions[fields[i]!] = fields[i + 1]!;
      return { namespace: fields[0], name: fields[1], dimensions, stat: options.stat };
    });

beforeAll(() => {
  // Full CloudFormation validation and cdk-nag run in app.test.ts; here only the template matters.
  const { stack } = buildSiftApp({ builtinCloudFormationValidation: false });
  stackName = stack.stackName;
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

describe('alarms', () => {
  it('watch the dead-letter queue: any visible message', () => {
    expectMetricAlarm(
      'DeadLetters',
      { namespace: 'AWS/SQS', name: 'ApproximateNumberOfMessagesVisible', statistic: 'Maximum', dimensions: { QueueName: { 'Fn::GetAtt': [deadLetterQueueId(), 'QueueName'] } } },
      ALARM_DEFAULTS.deadLetterMessages,
    );
    expect(ALARM_DEFAULTS.deadLetterMessages.threshold).toBe(1);
  });

  it('watch the age of the oldest message in the ingest queue, above three visibility timeouts', () => {
    expectMetricAlarm(
      'IngestBacklog',
      { namespace: 'AWS/SQS', name: 'ApproximateAgeOfOldestMessage', statistic: 'Maximum', dimensions: { QueueName: { 'Fn::GetAtt': [ingestQueueId(), 'QueueName'] } } },
      ALARM_DEFAULTS.ingestQueueOldestMessageAge,
    );
    // A message waiting out its retries (one visibility timeout per receive; SQS ignores it after the third) is no backlog.
    expect(ALARM_DEFAULTS.ingestQueueOldestMessageAge.threshold).toBeGreaterThan(3 * INGEST_DEFAULTS.visibilityTimeoutSeconds);
  });

  it('watch errors and throttles of the ingest function', () => {
    const dimensions = { FunctionName: { Ref: functionId(INGEST_DEFAULTS.serviceName) } };
    expectMetricAlarm('IngestErrors', { namespace: 'AWS/Lambda', name: 'Errors', statistic: 'Sum', dimensions }, ALARM_DEFAULTS.ingestErrors);
    expectMetricAlarm('IngestThrottles', { namespace: 'AWS/Lambda', name: 'Throttles', statistic: 'Sum', dimensions }, ALARM_DEFAULTS.ingestThrottles);
  });

  it('watch errors and throttles of the API function', () => {
    const dimensions = { FunctionName: { Ref: functionId('sift-api') } };
    expectMetricAlarm('ApiFunctionErrors', { namespace: 'AWS/Lambda', name: 'Errors', statistic: 'Sum', dimensions }, ALARM_DEFAULTS.apiErrors);
    expectMetricAlarm('ApiFunctionThrottles', { namespace: 'AWS/Lambda', name: 'Throttles', statistic: 'Sum', dimensions }, ALARM_DEFAULTS.apiThrottles);
  });

  it('watch 5XX answers of the API stage', () => {
    const [, api] = ofType('AWS::ApiGateway::RestApi')[0]!;
    const stage = onlyId('AWS::ApiGateway::Stage', () => true);
    expectMetricAlarm(
      'Api5xx',
      { namespace: 'AWS/ApiGateway', name: '5XXError', statistic: 'Sum', dimensions: { ApiName: api.Properties.Name, Stage: { Ref: stage } } },
      ALARM_DEFAULTS.api5xxErrors,
    );
  });

  it('watch read and write throttle events of each table and every one of its indexes', () => {
    for (const schema of [ARTICLES_TABLE, UPLOADS_TABLE]) {
      const table = { Ref: tableId(schema) };
      for (const kind of ['Read', 'Write']) {
        const a = alarm(`${schema.logicalName}${kind}Throttles`);
        const queries = a.Metrics as { Id: string; Expression?: string; ReturnData: boolean; MetricStat?: any }[];
        const stats = queries.filter((q) => q.MetricStat);
        expect(stats.length).toBeLessThanOrEqual(10);
        for (const q of stats) {
          expect(q.MetricStat.Metric.Namespace).toBe('AWS/DynamoDB');
          expect(q.MetricStat.Metric.MetricName).toBe(`${kind}ThrottleEvents`);
          expect(q.MetricStat.Stat).toBe('Sum');
          expect(q.MetricStat.Period).toBe(ALARM_DEFAULTS.tableThrottleEvents.periodSeconds);
          expect(byName(q.MetricStat.Metric.Dimensions).TableName).toEqual(table);
        }
        const indexes = stats.map((q) => byName(q.MetricStat.Metric.Dimensions).GlobalSecondaryIndexName);
        expect(indexes.sort()).toEqual([undefined, ...schema.indexes.map((i) => i.indexName)].sort());
        const [expression] = queries.filter((q) => q.ReturnData);
        for (const q of stats) expect(expression!.Expression).toContain(`FILL(${q.Id}, 0)`);
        expect(a.Threshold).toBe(ALARM_DEFAULTS.tableThrottleEvents.threshold);
        expect(a.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
        expect(a.EvaluationPeriods).toBe(ALARM_DEFAULTS.tableThrottleEvents.evaluationPeriods);
        expect(a.DatapointsToAlarm).toBe(ALARM_DEFAULTS.tableThrottleEvents.datapointsToAlarm);
        expect(a.TreatMissingData).toBe('notBreaching');
      }
    }
  });

  it('watch the share of failed uploads with a math expression over the Sift metrics, missing data not breaching', () => {
    const a = alarm('UploadFailureRate');
    const setting = ALARM_DEFAULTS.uploadFailureRate;
    const queries = a.Metrics as { Id: string; Expression?: string; ReturnData: boolean; MetricStat?: any }[];
    const metric = (name: string) => queries.find((q) => q.MetricStat?.Metric.MetricName === name)!;
    for (const name of ['UploadsProcessed', 'UploadsFailed']) {
      expect(metric(name).MetricStat).toEqual({
        Metric: { Namespace: 'Sift', MetricName: name, Dimensions: [{ Name: 'service', Value: 'sift-ingest' }] },
        Period: setting.periodSeconds,
        Stat: 'Sum',
      });
    }
    const [expression] = queries.filter((q) => q.ReturnData);
    const processed = metric('UploadsProcessed').Id;
    const failed = metric('UploadsFailed').Id;
    expect(expression!.Expression).toBe(
      `IF((FILL(${processed}, 0) + FILL(${failed}, 0)) >= ${setting.minimumUploads}, 100 * FILL(${failed}, 0) / (FILL(${processed}, 0) + FILL(${failed}, 0)), 0)`,
    );
    expect(a.Threshold).toBe(setting.threshold);
    expect(a.ComparisonOperator).toBe('GreaterThanThreshold');
    expect(a.EvaluationPeriods).toBe(setting.evaluationPeriods);
    expect(a.DatapointsToAlarm).toBe(setting.datapointsToAlarm);
    expect(a.TreatMissingData).toBe('notBreaching');
  });

  it('watch source profiles whose body selector found nothing, over all profiles, per hour', () => {
    expectMetricAlarm(
      'ProfileBodyMisses',
      { namespace: 'Sift', name: PROFILE_METRICS.bodyMisses, statistic: 'Sum', dimensions: { service: 'sift-ingest' } },
      ALARM_DEFAULTS.profileBodyMisses,
    );
    expect(alarm('ProfileBodyMisses').AlarmDescription).toContain(PROFILE_METRICS.bodyMissesByProfile);
  });

  it('watch stored profile documents the ingest function had to leave out: any in 5 minutes', () => {
    expectMetricAlarm(
      'ProfilesRejected',
      { namespace: 'Sift', name: PROFILE_METRICS.rejected, statistic: 'Sum', dimensions: { service: 'sift-ingest' } },
      ALARM_DEFAULTS.profilesRejected,
    );
    expect(ALARM_DEFAULTS.profilesRejected.threshold).toBe(1);
    // the person on call is told where to find which document and how to fix it
    expect(alarm('ProfilesRejected').AlarmDescription).toMatch(/sift -- profile list/);
  });

  it('are exactly these, each named after the stack, with a description a person can act on', () => {
    const names = alarms().map(([, r]) => r.Properties.AlarmName).sort();
    expect(names).toEqual(
      [
        'DeadLetters', 'IngestBacklog', 'IngestErrors', 'IngestThrottles', 'ApiFunctionErrors', 'ApiFunctionThrottles', 'Api5xx',
        'ArticlesReadThrottles', 'ArticlesWriteThrottles', 'UploadsReadThrottles', 'UploadsWriteThrottles', 'UploadFailureRate',
        'ProfileBodyMisses', 'ProfilesRejected',
      ].map((id) => `${stackName}-${id}`).sort(),
    );
    for (const [, r] of alarms()) {
      expect(r.Properties.AlarmDescription.length, r.Properties.AlarmName).toBeGreaterThan(150);
      expect(r.Properties.AlarmDescription.length, r.Properties.AlarmName).toBeLessThanOrEqual(1024);
    }
  });

  it('all notify the alarm topic, on ALARM and on OK', () => {
    const topic = { Ref: topicId() };
    for (const [, r] of alarms()) {
      expect(r.Properties.AlarmActions, r.Properties.AlarmName).toEqual([topic]);
      expect(r.Properties.OKActions, r.Properties.AlarmName).toEqual([topic]);
    }
  });
});

describe('Sift metrics', () => {
  afterEach(() => vi.restoreAllMocks());

  it('are named with the dimension sets Powertools Metrics emits for the ingest handler', () => {
    // What the handler does (lambdas/ingest/handler.ts), captured from stdout as EMF documents.
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => (written.push(String(chunk)), true));
    const metrics = new Metrics({ namespace: INGEST_METRICS.namespace, serviceName: INGEST_METRICS.service });
    for (const name of SIFT_METRICS) metrics.addMetric(name, MetricUnit.Count, 1);
    metrics.singleMetric().addDimension('reason', 'binary').addMetric(BY_REASON, MetricUnit.Count, 1);
    metrics.singleMetric().addDimension(PROFILE_METRICS.profileDimension, 'harbour-gazette').addMetric(BY_PROFILE, MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
    vi.restoreAllMocks();

    const emitted = new Map<string, string[][]>();
    for (const line of written.join('').split('\n').filter((l) => l.startsWith('{'))) {
      const doc = JSON.parse(line);
      for (const directive of doc._aws.CloudWatchMetrics) {
        expect(directive.Namespace).toBe('Sift');
        for (const m of directive.Metrics) emitted.set(m.Name, directive.Dimensions.map((d: string[]) => [...d].sort()));
      }
      expect(doc.service).toBe('sift-ingest');
    }
    for (const name of SIFT_METRICS) expect(emitted.get(name), name).toEqual([['service']]);
    expect(emitted.get(BY_REASON)).toEqual([['reason', 'service']]);
    expect(emitted.get(BY_PROFILE)).toEqual([[PROFILE_METRICS.profileDimension, 'service'].sort()]);

    // The alarm's Sift metrics carry exactly the emitted dimension set (CloudWatch matches the full set).
    const queries = alarm('UploadFailureRate').Metrics as { MetricStat?: any }[];
    for (const q of queries.filter((q) => q.MetricStat)) {
      expect(q.MetricStat.Metric.Dimensions.map((d: Dimension) => d.Name).sort()).toEqual(emitted.get(q.MetricStat.Metric.MetricName)![0]);
    }
    // The dashboard's Sift metrics too, and its SEARCH for the failures by reason names the {reason, service} set.
    for (const m of plainMetrics().filter((m) => m.namespace === 'Sift')) {
      expect(Object.keys(m.dimensions).sort(), m.name).toEqual(emitted.get(m.name!)![0]);
    }
    const expressions = graphMetrics().map((line) => (line[0] as { expression?: string }).expression).filter(Boolean);
    expect(expressions).toContain(`SEARCH('{Sift,reason,service} MetricName="${BY_REASON}" service="sift-ingest"', 'Sum', 300)`);
    expect(expressions).toContain(`SEARCH('{Sift,${PROFILE_METRICS.profileDimension},service} MetricName="${BY_PROFILE}" service="sift-ingest"', 'Sum', 300)`);
  });

  it('use the namespace and service name the ingest handler is built with', () => {
    const handler = readFileSync(join(REPO_ROOT, 'lambdas/ingest/handler.ts'), 'utf8');
    // Either the handler takes both from INGEST_METRICS (infra/pipelineDefaults.ts), or it spells out the same values.
    if (/namespace:\s*INGEST_METRICS\.namespace/.test(handler) && /serviceName:\s*INGEST_METRICS\.service/.test(handler)) return;
    const config = /new Metrics\(\{\s*namespace:\s*'([^']+)',\s*serviceName:\s*'([^']+)'\s*\}\)/.exec(handler);
    expect(config, 'new Metrics({ namespace, serviceName }) in lambdas/ingest/handler.ts').not.toBeNull();
    expect({ namespace: config![1], service: config![2] }).toEqual({ namespace: INGEST_METRICS.namespace, service: INGEST_METRICS.service });
    expect(INGEST_METRICS.service).toBe(INGEST_DEFAULTS.serviceName);
  });
});

describe('alarm topic', () => {
  it('is encrypted with a rotated customer-managed key that CloudWatch may use for this stack\'s alarms only', () => {
    const [, topic] = ofType('AWS::SNS::Topic')[0]!;
    const keyId = onlyId('AWS::KMS::Key', (id) => id.includes('AlarmTopicKey'));
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    const key = resources[keyId]!.Properties;
    expect(key.EnableKeyRotation).toBe(true);
    expect(key.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:alarm:${stackName}-*`]] } },
        },
      }),
    );
  });

  it('denies publishing without TLS and lets CloudWatch publish for this stack\'s alarms', () => {
    const topic = { Ref: topicId() };
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topic],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: topic, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: topic,
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }),
          }),
        ]),
      },
    });
  });

  it('has no subscription unless an address is given', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});

describe('dashboard', () => {
  it('is named after the stack and the region (dashboard names are global to the account)', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', {
      DashboardName: { 'Fn::Join': ['', [`Sift-${stackName}-`, { Ref: 'AWS::Region' }]] },
    });
  });

  it('shows every Sift metric, processing time percentiles and the failures by reason', () => {
    const sift = plainMetrics().filter((m) => m.namespace === 'Sift');
    for (const name of SIFT_METRICS) {
      expect(sift.find((m) => m.name === name), name).toMatchObject({ dimensions: { service: 'sift-ingest' } });
    }
    expect(sift.filter((m) => m.name === 'ProcessingTime').map((m) => m.stat)).toEqual(expect.arrayContaining(['p50', 'p90', 'p99']));
    const titles = dashboard().widgets.map((w) => w.properties.title);
    for (const title of ['Uploads: processed, failed, deleted', 'Failures by reason', 'Articles per 5 minutes', 'Processing time per upload (ms)']) {
      expect(titles).toContain(title);
    }
  });

  it('shows invocations, errors, throttles and duration of both functions', () => {
    const lambda = plainMetrics().filter((m) => m.namespace === 'AWS/Lambda');
    for (const service of [INGEST_DEFAULTS.serviceName, 'sift-api']) {
      const fn = `<Ref:${functionId(service)}>`;
      for (const name of ['Invocations', 'Errors', 'Throttles', 'Duration']) {
        expect(lambda.some((m) => m.name === name && m.dimensions.FunctionName === fn), `${service} ${name}`).toBe(true);
      }
    }
  });

  it('shows the ingest queue (depth, oldest message), the dead-letter queue, the API stage and the tables', () => {
    const metrics = plainMetrics();
    const has = (namespace: string, name: string, dimensions: Record<string, string>) =>
      expect(metrics.some((m) => m.namespace === namespace && m.name === name && JSON.stringify(m.dimensions) === JSON.stringify(dimensions)), `${name} ${JSON.stringify(dimensions)}`).toBe(true);
    const queue = { QueueName: `<GetAtt:${ingestQueueId()}.QueueName>` };
    has('AWS/SQS', 'ApproximateNumberOfMessagesVisible', queue);
    has('AWS/SQS', 'ApproximateAgeOfOldestMessage', queue);
    has('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: `<GetAtt:${deadLetterQueueId()}.QueueName>` });
    const stage = { ApiName: 'Api', Stage: `<Ref:${onlyId('AWS::ApiGateway::Stage', () => true)}>` };
    for (const name of ['Count', '4XXError', '5XXError', 'Latency']) has('AWS/ApiGateway', name, stage);
    for (const schema of [ARTICLES_TABLE, UPLOADS_TABLE]) {
      const table = { TableName: `<Ref:${tableId(schema)}>` };
      for (const name of ['ConsumedReadCapacityUnits', 'ConsumedWriteCapacityUnits', 'ReadThrottleEvents', 'WriteThrottleEvents']) has('AWS/DynamoDB', name, table);
    }
  });

  it('has an alarm status widget listing every alarm', () => {
    const widget = dashboard().widgets.find((w) => w.type === 'alarm');
    expect(widget).toBeDefined();
    expect([...widget!.properties.alarms].sort()).toEqual(alarms().map(([id]) => `<GetAtt:${id}.Arn>`).sort());
  });
});

describe('outputs', () => {
  it('name the alarm topic and the dashboard', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.AlarmTopicArn!.Value).toEqual({ Ref: topicId() });
    expect(outputs.DashboardName!.Value).toEqual({ Ref: onlyId('AWS::CloudWatch::Dashboard', () => true) });
  });
});

describe('Monitoring construct options', () => {
  /** The construct alone, over inline functions (no bundling). */
  function monitoredStack(props: Partial<ConstructorParameters<typeof Monitoring>[2]> = {}): Template {
    const stack = new Stack(new App(), 'Watched');
    const fn = (id: string) => new LambdaFunction(stack, id, { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('exports.handler=async()=>({})') });
    const deadLetterQueue = new Queue(stack, 'Dlq');
    const ingestQueue = new Queue(stack, 'Queue', { deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: 5 } });
    const apiFunction = fn('ApiFn');
    const restApi = new RestApi(stack, 'Rest');
    restApi.root.addMethod('GET', new LambdaIntegration(apiFunction));
    new Monitoring(stack, 'Monitoring', {
      ingestFunction: fn('IngestFn'),
      apiFunction,
      ingestQueue,
      deadLetterQueue,
      restApi,
      tables: new SiftTables(stack, 'Tables'),
      ...props,
    });
    return Template.fromStack(stack);
  }

  it('subscribes alarmEmail to the topic', () => {
    const t = monitoredStack({ alarmEmail: 'ops@example.com' });
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: Match.stringLikeRegexp('AlarmTopic') } });
  });

  it('takes threshold overrides per alarm and a dashboard name', () => {
    const t = monitoredStack({ alarms: { deadLetterMessages: { threshold: 10 }, uploadFailureRate: { threshold: 50, minimumUploads: 100 } }, dashboardName: 'sift-ops' });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Watched-DeadLetters', Threshold: 10, Period: ALARM_DEFAULTS.deadLetterMessages.periodSeconds });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Watched-UploadFailureRate',
      Threshold: 50,
      Metrics: Match.arrayWith([Match.objectLike({ Expression: Match.stringLikeRegexp('>= 100,') })]),
    });
    t.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'sift-ops' });
  });
});
