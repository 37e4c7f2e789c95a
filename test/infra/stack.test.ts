/**
 * The synthesized Sift template: each architectural step has the settings the design relies on.
 * One synthesis for the file (it bundles both functions with esbuild).
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_DEFAULTS, INGEST_DEFAULTS } from '../../infra/pipelineDefaults.js';
import {
  ARTICLES_TABLE,
  DEFAULT_BODIES_PREFIX,
  DEFAULT_PROFILES_PREFIX,
  DEFAULT_UPLOAD_PREFIX,
  ENV,
  INGEST_ENV,
  API_TABLE_ACCESS,
  INGEST_TABLE_ACCESS,
  UPLOADS_TABLE,
  type TableSchema,
} from '../../shared/service/storage/tableSchema.js';
import { App, Stack } from 'aws-cdk-lib';
import { DropBucket } from '../../infra/constructs/DropBucket.js';
import { buildSiftApp } from './synth.js';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

let template: Template;
let resources: Record<string, Resource>;

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const functions = () => ofType('AWS::Lambda::Function').filter(([, r]) => String(r.Properties.Runtime).startsWith('nodejs'));
const logicalIdOf = (type: string, pathFragment: string) => {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.includes(pathFragment));
  expect(ids, `${type} matching ${pathFragment}`).toHaveLength(1);
  return ids[0]!;
};

beforeAll(() => {
  // Full CloudFormation validation runs in app.test.ts; here only the template matters.
  const { stack } = buildSiftApp({ builtinCloudFormationValidation: false });
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

describe('drop bucket', () => {
  it('blocks public access, is versioned, encrypted and logs to a separate bucket', () => {
    const accessLogs = logicalIdOf('AWS::S3::Bucket', 'DropAccessLogs');
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: Match.stringLikeRegexp('AES256|aws:kms') } },
        ],
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: accessLogs } },
    });
  });

  it('is retained when the stack is deleted', () => {
    const [, bucket] = ofType('AWS::S3::Bucket').find(([id]) => id.startsWith('DropBucket'))!;
    expect(bucket.DeletionPolicy).toBe('Retain');
  });

  it('denies requests without TLS on both buckets', () => {
    const policies = ofType('AWS::S3::BucketPolicy');
    expect(policies).toHaveLength(2);
    for (const [, policy] of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('notifies the ingest queue of every creation and removal under the upload prefix only', () => {
    const queue = logicalIdOf('AWS::SQS::Queue', 'IngestQueue88');
    const prefixFilter = { Key: { FilterRules: [{ Name: 'prefix', Value: DEFAULT_UPLOAD_PREFIX }] } };
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: [
          { Events: ['s3:ObjectCreated:*'], Filter: prefixFilter, QueueArn: { 'Fn::GetAtt': [queue, 'Arn'] } },
          { Events: ['s3:ObjectRemoved:*'], Filter: prefixFilter, QueueArn: { 'Fn::GetAtt': [queue, 'Arn'] } },
        ],
      },
    });
    expect(DEFAULT_BODIES_PREFIX.startsWith(DEFAULT_UPLOAD_PREFIX)).toBe(false);
  });
});

describe('ingest queue', () => {
  it('is encrypted, dead-letters after maxReceiveCount, and waits 6 × the function timeout', () => {
    const dlq = logicalIdOf('AWS::SQS::Queue', 'DeadLetterQueue');
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: INGEST_DEFAULTS.maxReceiveCount },
      VisibilityTimeout: INGEST_DEFAULTS.visibilityTimeoutSeconds,
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, RedrivePolicy: Match.absent() });
  });

  it('has a visibility timeout of at least 6 × the ingest function timeout', () => {
    const [, queue] = ofType('AWS::SQS::Queue').find(([, r]) => r.Properties.RedrivePolicy)!;
    const [, ingest] = functions().find(([, r]) => r.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'sift-ingest')!;
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * ingest.Properties.Timeout);
  });

  it('tells the ingest function the queue\'s maxReceiveCount, so its last receive can end the upload FAILED', () => {
    const [, queue] = ofType('AWS::SQS::Queue').find(([, r]) => r.Properties.RedrivePolicy)!;
    const [, ingest] = functions().find(([, r]) => r.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'sift-ingest')!;
    expect(ingest.Properties.Environment.Variables[INGEST_ENV.maxReceives]).toBe(String(queue.Properties.RedrivePolicy.maxReceiveCount));
  });

  it('denies non-TLS access on both queues', () => {
    const policies = ofType('AWS::SQS::QueuePolicy');
    expect(policies.length).toBeGreaterThanOrEqual(2);
    for (const [, policy] of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });
});

describe('functions', () => {
  it('are two arm64 Node.js 22+ functions with active tracing, source maps and JSON logs', () => {
    expect(functions()).toHaveLength(2);
    for (const [, fn] of functions()) {
      const props = fn.Properties;
      expect(props.Architectures).toEqual(['arm64']);
      expect(Number(/^nodejs(\d+)/.exec(props.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
      expect(props.Handler).toBe('index.handler');
      expect(props.TracingConfig).toEqual({ Mode: 'Active' });
      const ingestFn = props.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'sift-ingest';
      // the ingest function sets its V8 heap itself: the old generation Lambda would give, a smaller semi-space
      expect(props.Environment.Variables.NODE_OPTIONS).toBe(ingestFn
        ? `--enable-source-maps --max-semi-space-size=${INGEST_DEFAULTS.semiSpaceMb} --max-old-space-size=${props.MemorySize - Math.floor(props.MemorySize / 10)}`
        : '--enable-source-maps');
      expect(props.LoggingConfig).toMatchObject({ LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } });
      // source profiles are read by the ingest function only
      const ingest = props.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'sift-ingest';
      for (const name of [...Object.values(ENV), 'POWERTOOLS_SERVICE_NAME', 'LOG_LEVEL']) {
        if (name === ENV.profilesPrefix && !ingest) expect(props.Environment.Variables, name).not.toHaveProperty(name);
        else expect(props.Environment.Variables, name).toHaveProperty(name);
      }
      if (ingest) expect(props.Environment.Variables[ENV.profilesPrefix]).toBe(DEFAULT_PROFILES_PREFIX);
      expect(props.Environment.Variables[ENV.uploadPrefix]).toBe(DEFAULT_UPLOAD_PREFIX);
      expect(props.Environment.Variables[ENV.bodiesPrefix]).toBe(DEFAULT_BODIES_PREFIX);
    }
  });

  it('log to log groups with a retention', () => {
    for (const [, group] of ofType('AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('ingest consumes the queue in batches and reports partial batch failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf('AWS::SQS::Queue', 'IngestQueue88'), 'Arn'] },
      BatchSize: INGEST_DEFAULTS.batchSize,
      MaximumBatchingWindowInSeconds: INGEST_DEFAULTS.maxBatchingWindowSeconds,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const [, ingest] = functions().find(([, r]) => r.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'sift-ingest')!;
    expect(ingest.Properties).toMatchObject({ Timeout: INGEST_DEFAULTS.timeoutSeconds, MemorySize: INGEST_DEFAULTS.memoryMb });
  });

  it('ingest may send piece work items to its own queue only, whose URL it is given', () => {
    const queue = logicalIdOf('AWS::SQS::Queue', 'IngestQueue88');
    const [, ingest] = functions().find(([, r]) => r.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'sift-ingest')!;
    expect(ingest.Properties.Environment.Variables.INGEST_QUEUE_URL).toEqual({ Ref: queue });
    const sends = ofType('AWS::IAM::Policy')
      .flatMap(([id, p]) => (p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).map((s) => ({ id, ...s })))
      .filter((s) => [s.Action].flat().includes('sqs:SendMessage'));
    expect(sends.map((s) => ({ role: s.id.startsWith('IngestRole') || s.id.startsWith('IngestIngest'), resource: s.Resource }))).toEqual([
      { role: true, resource: { 'Fn::GetAtt': [queue, 'Arn'] } },
    ]);
  });

  it('use no AWS managed policies, and S3 access is scoped to the prefixes', () => {
    for (const [id, role] of ofType('AWS::IAM::Role')) {
      if (id.startsWith('BucketNotificationsHandler') || id.includes('CloudWatchRole')) continue;
      expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
    }
    const statements = (idPrefix: string) =>
      ofType('AWS::IAM::Policy')
        .filter(([id]) => id.startsWith(idPrefix))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    const s3Grants = (idPrefix: string) =>
      statements(idPrefix)
        .filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')))
        .map((s) => ({ actions: [s.Action].flat().sort(), resource: JSON.stringify(s.Resource) }));
    const objects = (prefix: string) => expect.stringContaining(`"/${prefix}*"`);

    expect(s3Grants('IngestRole')).toEqual(
      expect.arrayContaining([
        { actions: ['s3:GetObject', 's3:GetObjectVersion'], resource: objects(DEFAULT_UPLOAD_PREFIX) },
        { actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], resource: objects(DEFAULT_BODIES_PREFIX) },
        { actions: ['s3:GetObject'], resource: objects(DEFAULT_PROFILES_PREFIX) },
      ]),
    );
    // profiles: read-only for the ingest function, nothing for the API
    for (const grant of s3Grants('IngestRole').filter((g) => g.resource.includes(`/${DEFAULT_PROFILES_PREFIX}`))) expect(grant.actions).toEqual(['s3:GetObject']);
    expect(s3Grants('ApiHandlerRole').filter((g) => g.resource.includes(`/${DEFAULT_PROFILES_PREFIX}`))).toEqual([]);
    expect(s3Grants('ApiHandlerRole')).toEqual(
      expect.arrayContaining([
        { actions: ['s3:GetObject'], resource: objects(DEFAULT_BODIES_PREFIX) },
        { actions: ['s3:PutObject'], resource: objects(DEFAULT_UPLOAD_PREFIX) },
      ]),
    );
    // Nothing may write under the upload prefix except the API's presigned PUTs; nobody gets s3:*; the only
    // delete is the ingest function's, of bodies under the bodies prefix (uploads themselves are always kept).
    for (const prefix of ['IngestRole', 'ApiHandlerRole']) {
      for (const grant of s3Grants(prefix)) {
        expect(grant.actions.includes('s3:*'), prefix).toBe(false);
        if (grant.actions.some((a) => a.startsWith('s3:Delete'))) {
          expect(prefix).toBe('IngestRole');
          expect(grant.resource).toContain(`/${DEFAULT_BODIES_PREFIX}*`);
        }
        if (grant.actions.includes('s3:PutObject') && prefix === 'IngestRole') {
          expect(grant.resource).not.toContain(`/${DEFAULT_UPLOAD_PREFIX}`);
        }
      }
    }
    // The API only reads the tables.
    const apiDynamo = statements('ApiHandlerRole').flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('dynamodb:'));
    expect(apiDynamo.filter((a) => /Put|Update|Delete|Write/.test(a))).toEqual([]);
  });
});

describe('roles', () => {
  const policiesOf = (rolePrefix: string) => ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref.startsWith(rolePrefix)))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
  const arnOf = (schema: TableSchema) => ({ 'Fn::GetAtt': [logicalIdOf('AWS::DynamoDB::GlobalTable', `Tables${schema.logicalName}`), 'Arn'] });
  const indexArn = (schema: TableSchema, index: string) => ({ 'Fn::Join': ['', [arnOf(schema), `/index/${index}`]] });

  it.each(['IngestRole', 'ApiHandlerRole'])('%s is attached to the X-Ray statement its function\'s tracing needs', (role) => {
    const xray = policiesOf(role).filter((s) => [s.Action].flat().some((a) => a.startsWith('xray:')));
    expect(xray.flatMap((s) => [s.Action].flat()).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    expect(xray.map((s) => s.Resource)).toEqual(['*']);
  });

  it.each([
    ['IngestRole', INGEST_TABLE_ACCESS],
    ['ApiHandlerRole', API_TABLE_ACCESS],
  ] as const)('%s gets exactly its DynamoDB actions on exactly the tables and indexes it uses', (role, access) => {
    // as (action, resource) pairs: CDK merges and orders statements as it likes
    const pairs = (statements: { Action: string | string[]; Resource: unknown }[]) => statements
      .flatMap((s) => [s.Action].flat().flatMap((a) => [s.Resource].flat().map((r) => `${a} ${JSON.stringify(r)}`))).sort();
    const dynamo = policiesOf(role).filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
    const expected = ([[ARTICLES_TABLE, access.articles], [UPLOADS_TABLE, access.uploads]] as const).flatMap(([schema, a]) => [
      ...(a.item.length ? [{ Action: [...a.item], Resource: arnOf(schema) }] : []),
      ...(a.queryIndexes.length ? [{ Action: 'dynamodb:Query', Resource: a.queryIndexes.map((i) => indexArn(schema, i)) }] : []),
    ]);
    expect(pairs(dynamo)).toEqual(pairs(expected));
    const actions = dynamo.flatMap((s) => [s.Action].flat());
    for (const never of ['dynamodb:Scan', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:*']) {
      expect(actions).not.toContain(never);
    }
    expect(JSON.stringify(dynamo)).not.toContain('/index/*');
  });
});

describe('keys and log groups', () => {
  it('keeps every log group a year, encrypted with the logs key CloudWatch Logs may use in this account only', () => {
    const keyId = logicalIdOf('AWS::KMS::Key', 'LogsKey');
    const groups = ofType('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(3);
    for (const [, group] of groups) {
      expect(group.Properties.RetentionInDays).toBeGreaterThanOrEqual(365);
      expect(group.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    }
    expect(resources[keyId]!.Properties.KeyPolicy.Statement).toContainEqual(expect.objectContaining({
      Effect: 'Allow', Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': expect.anything() } },
    }));
  });

  it('lets no key be granted onward except for AWS resources and services', () => {
    const keys = ofType('AWS::KMS::Key');
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const [, key] of keys) {
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.Properties.KeyPolicy.Statement).toContainEqual(expect.objectContaining({
        Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:CreateGrant',
        Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      }));
    }
  });

  it('encrypts the drop bucket with SSE-KMS and a bucket key, versions the access logs, marks the dead-letter queue', () => {
    const [, drop] = ofType('AWS::S3::Bucket').find(([id]) => id.startsWith('DropBucket'))!;
    expect(drop.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toEqual({
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true,
    });
    const [, logs] = ofType('AWS::S3::Bucket').find(([id]) => id.startsWith('DropAccessLogs'))!;
    expect(logs.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const [, dlq] = ofType('AWS::SQS::Queue').find(([id]) => id.includes('DeadLetter'))!;
    expect(dlq.Properties.RedriveAllowPolicy).toEqual({ redrivePermission: 'allowAll' });
  });
});

describe('tables', () => {
  const tableOf = (schema: TableSchema) => {
    const [, table] = ofType('AWS::DynamoDB::GlobalTable').find(([id]) => id.startsWith(`Tables${schema.logicalName}`))!;
    return table;
  };

  it.each([ARTICLES_TABLE, UPLOADS_TABLE])('$logicalName is on-demand, recoverable, encrypted, protected', (schema) => {
    const table = tableOf(schema);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' }); // aws/dynamodb key
    expect(table.Properties.Replicas).toHaveLength(1);
    expect(table.Properties.Replicas[0]).toMatchObject({
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  it.each([ARTICLES_TABLE, UPLOADS_TABLE])('$logicalName has exactly the keys and indexes of tableSchema.ts', (schema) => {
    const props = tableOf(schema).Properties;
    expect(props.KeySchema).toEqual([{ AttributeName: schema.partitionKey.name, KeyType: 'HASH' }]);
    const indexes = (props.GlobalSecondaryIndexes as any[]).map((index) => ({
      indexName: index.IndexName,
      keys: index.KeySchema,
      projection: index.Projection.ProjectionType,
      included: index.Projection.NonKeyAttributes,
    }));
    expect(indexes).toEqual(
      schema.indexes.map((index) => ({
        indexName: index.indexName,
        keys: [
          { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
        ],
        projection: index.nonKeyAttributes ? 'INCLUDE' : 'ALL',
        included: index.nonKeyAttributes,
      })),
    );
    const attributeTypes = Object.fromEntries(
      (props.AttributeDefinitions as { AttributeName: string; AttributeType: string }[]).map((a) => [a.AttributeName, a.AttributeType]),
    );
    for (const key of [schema.partitionKey, ...schema.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]) {
      expect(attributeTypes[key.name], key.name).toBe(key.type);
    }
  });
});

describe('API', () => {
  const routes = () =>
    ofType('AWS::ApiGateway::Method').map(([, m]) => m.Properties);

  it('has the contract routes, every method IAM-authorized and validated, proxying to the API function', () => {
    const apiFunction = functions().find(([, r]) => r.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'sift-api')![0];
    const validator = logicalIdOf('AWS::ApiGateway::RequestValidator', 'Validator');
    expect(routes()).toHaveLength(6);
    for (const method of routes()) {
      expect(method.AuthorizationType).toBe('AWS_IAM');
      expect(method.RequestValidatorId).toEqual({ Ref: validator });
      expect(method.Integration.Type).toBe('AWS_PROXY');
      expect(JSON.stringify(method.Integration.Uri)).toContain(apiFunction);
    }
    const pathParts = Object.values(template.findResources('AWS::ApiGateway::Resource')).map((r: any) => r.Properties.PathPart);
    expect(pathParts.sort()).toEqual(['articles', 'openapi.json', 'uploads', '{id}', '{key+}'].sort());
    expect(routes().map((m) => m.HttpMethod).sort()).toEqual(['GET', 'GET', 'GET', 'GET', 'GET', 'POST']);
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      RequestParameters: { 'method.request.path.id': true },
    });
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
  });

  it('logs access as JSON, logs execution without data, records metrics and throttles the stage', () => {
    const [, stage] = ofType('AWS::ApiGateway::Stage')[0]!;
    const props = stage.Properties;
    expect(JSON.stringify(props.AccessLogSetting.DestinationArn)).toContain(`{"Ref":"${logicalIdOf('AWS::Logs::LogGroup', 'ApiAccessLogs')}"}`);
    expect(() => JSON.parse(props.AccessLogSetting.Format)).not.toThrow();
    expect(props.TracingEnabled).toBe(true);
    expect(props.MethodSettings).toEqual([
      expect.objectContaining({
        HttpMethod: '*',
        ResourcePath: '/*',
        LoggingLevel: 'INFO',
        DataTraceEnabled: false,
        MetricsEnabled: true,
        ThrottlingRateLimit: API_DEFAULTS.throttlingRateLimit,
        ThrottlingBurstLimit: API_DEFAULTS.throttlingBurstLimit,
      }),
    ]);
  });

  it('answers authentication failures 401 with a problem document', () => {
    for (const type of ['MISSING_AUTHENTICATION_TOKEN', 'INVALID_SIGNATURE', 'EXPIRED_TOKEN']) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        StatusCode: '401',
        ResponseParameters: { 'gatewayresponse.header.Content-Type': "'application/problem+json'" },
      });
    }
    for (const [, response] of ofType('AWS::ApiGateway::GatewayResponse')) {
      const body = Object.values(response.Properties.ResponseTemplates as Record<string, string>)[0]!;
      expect(body).toMatch(/"title":/);
    }
  });
});

describe('outputs', () => {
  it('names the bucket, prefix, API URL, queues, tables, alarm topic and dashboard', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs).sort()).toEqual(
      ['AlarmTopicArn', 'ApiUrl', 'ArticlesTableName', 'BucketName', 'DashboardName', 'DeadLetterQueueUrl', 'IngestQueueUrl', 'ProfilesPrefix', 'UploadPrefix', 'UploadsTableName'].sort(),
    );
    expect(outputs.UploadPrefix!.Value).toBe(DEFAULT_UPLOAD_PREFIX);
    expect(outputs.ProfilesPrefix!.Value).toBe(DEFAULT_PROFILES_PREFIX);
  });
});

describe('cursor signing key', () => {
  it('is a generated secret the API function reads at run time: only its ARN is in the environment', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const secretId = Object.keys(template.findResources('AWS::SecretsManager::Secret'))[0]!;
    const envs = functions().map(([, f]) => (f.Properties.Environment?.Variables ?? {}) as Record<string, unknown>);
    const env = envs.find((v) => v.SIFT_CURSOR_SECRET_ARN)!;
    expect(env.SIFT_CURSOR_SECRET_ARN).toEqual({ Ref: secretId });
    // no function's environment carries the value, whether as a variable or a dynamic reference
    expect(JSON.stringify(envs)).not.toContain('{{resolve:secretsmanager:');
    expect(envs.some((v) => 'SIFT_CURSOR_SECRET' in v)).toBe(false);
    const apiStatements = ofType('AWS::IAM::Policy').filter(([id]) => id.startsWith('ApiHandlerRole'))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    expect(apiStatements).toContainEqual(expect.objectContaining({
      Action: expect.arrayContaining(['secretsmanager:GetSecretValue']), Resource: { Ref: secretId },
    }));
  });
});

describe('drop bucket prefixes', () => {
  it('refuses a profiles prefix that overlaps the upload or bodies prefix (a profile would be ingested, a body read as a profile)', () => {
    const bucket = (props: ConstructorParameters<typeof DropBucket>[2]) => () => new DropBucket(new Stack(new App()), 'Drop', props);
    expect(bucket({ profilesPrefix: `${DEFAULT_UPLOAD_PREFIX}profiles/` })).toThrow(/profilesPrefix .* overlap: profiles would be ingested as uploads/);
    expect(bucket({ uploadPrefix: 'drop/', profilesPrefix: 'drop/' })).toThrow(/overlap/);
    expect(bucket({ profilesPrefix: DEFAULT_BODIES_PREFIX })).toThrow(/stored bodies would be read as profiles/);
    expect(bucket({ profilesPrefix: 'profiles' })).toThrow(/profilesPrefix must be a non-empty key prefix ending in "\/"/);
    expect(bucket({ profilesPrefix: 'user-profiles/' })).not.toThrow();
  });
});
