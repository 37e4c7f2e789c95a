/**
 * A Node.js Lambda function with Sift's defaults fixed once (Powertools' `FunctionWithLogGroup` pattern):
 * esbuild-bundled ESM for arm64, an explicit log group with retention, X-Ray tracing, source maps, and a role
 * that can write to that log group and nothing else until the caller grants more.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, type CfnFunction, type Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { ENV, type FunctionTableAccess, type TableAccess } from '../../shared/service/storage/tableSchema.js';
import { DEFAULT_LOG_LEVEL } from '../pipelineDefaults.js';
import { DEFAULT_LOG_RETENTION, DEFAULT_RUNTIME, REPO_ROOT, bundlingFor } from './defaults.js';
import { acknowledge, acknowledgeControl, VPC_REASON } from './nag.js';
import type { SiftTables } from './SiftTables.js';

export interface SiftFunctionProps {
  /** The handler module, relative to the repository root, e.g. `lambdas/ingest/handler.ts`. */
  readonly entry: string;
  /**
   * Exported handler name.
   * @default 'handler'
   */
  readonly handler?: string;
  /** What the function does (shown in the console). */
  readonly description: string;
  /** Powertools service name, set as `POWERTOOLS_SERVICE_NAME`. */
  readonly serviceName: string;
  /**
   * Function timeout.
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;
  /**
   * Memory in MB.
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * Extra environment variables (merged over `POWERTOOLS_SERVICE_NAME`, the log level and `NODE_OPTIONS`).
   * @default - none
   */
  readonly environment?: Record<string, string>;
  /**
   * Level of the Powertools logger (`POWERTOOLS_LOG_LEVEL` and `LOG_LEVEL`).
   * @default 'INFO' (`DEFAULT_LOG_LEVEL` in infra/pipelineDefaults.ts)
   */
  readonly logLevel?: string;
  /**
   * Lambda runtime; esbuild's target follows it.
   * @default Runtime.NODEJS_22_X
   */
  readonly runtime?: Runtime;
  /**
   * Retention of the function's log group.
   * @default RetentionDays.ONE_YEAR
   */
  readonly logRetention?: RetentionDays;
  /**
   * Customer-managed key of the function's log group (its policy must let CloudWatch Logs use it).
   * @default - CloudWatch Logs' own encryption
   */
  readonly logEncryptionKey?: IKey;
  /**
   * Reserved concurrency. Leave unset on accounts with the default low concurrency quota: reserving fails
   * the deployment when it would leave less than 10 unreserved.
   * @default - no reservation (the account's unreserved pool)
   */
  readonly reservedConcurrentExecutions?: number;
}

/** One bundled Lambda function with its role and log group. */
export class SiftFunction extends Construct {
  /** The function. */
  public readonly function: NodejsFunction;
  /** Its execution role (log group write, X-Ray; the caller adds data access). */
  public readonly role: Role;
  /** Its log group. */
  public readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: SiftFunctionProps) {
    super(scope, id);
    const runtime = props.runtime ?? DEFAULT_RUNTIME;

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? DEFAULT_LOG_RETENTION,
      encryptionKey: props.logEncryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // An explicit role instead of the AWSLambdaBasicExecutionRole managed policy (AwsSolutions-IAM4): the function
    // may write to its own log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.serviceName}`,
    });
    this.logGroup.grantWrite(this.role);

    // X-Ray in its own policy, so that the one `Resource::*` acknowledgement below covers this statement only and
    // never a wildcard someone later adds to the role's default policy. Attached to the role: the function
    // traces (Active, below) and CDK adds no X-Ray statement of its own for a tracing mode set on the L1.
    const tracing = new Policy(this.role, 'Tracing', {
      roles: [this.role],
      statements: [
        new PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
      ],
    });
    acknowledge(
      tracing,
      'IAM5[Resource::*]',
      'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions; "*" is the only valid resource (same statement CDK adds for Tracing.ACTIVE).',
    );

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(REPO_ROOT, props.entry),
      handler: props.handler ?? 'handler',
      description: props.description,
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      bundling: bundlingFor(runtime),
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? DEFAULT_LOG_LEVEL,
        LOG_LEVEL: props.logLevel ?? DEFAULT_LOG_LEVEL,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
    });
    // Active tracing, set on the L1 so CDK does not add the X-Ray statement to the default policy as well.
    (this.function.node.defaultChild as CfnFunction).tracingConfig = { mode: 'Active' };
    // The function is created only once the role may trace (as CDK does for the role's default policy).
    this.function.node.addDependency(tracing);

    acknowledgeControl(
      this.function,
      'lambda_inside_vpc_check',
      VPC_REASON,
    );
    acknowledge(
      this.function,
      'L1',
      `Pinned to ${runtime.name}, the Node.js line the team targets and tests against; moving to a newer runtime is a deliberate change (prop \`runtime\`), not a side effect of upgrading aws-cdk-lib.`,
    );
  }
}

/** The write actions among DynamoDB's item actions (a customer-managed table key then needs Encrypt as well). */
const DYNAMODB_WRITES = new Set(['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']);

/**
 * Grants `fn` exactly `access` on `table`: its item actions on the table ARN, Query on each named index ARN
 * (no `index/*`), and the table's customer-managed key when it has one.
 */
function grantTableAccess(fn: SiftFunction, table: TableV2, access: TableAccess): void {
  if (access.item.length) fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: [...access.item], resources: [table.tableArn] }));
  if (access.queryIndexes.length) {
    fn.role.addToPrincipalPolicy(new PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: access.queryIndexes.map((name) => `${table.tableArn}/index/${name}`),
    }));
  }
  if (access.item.some((a) => DYNAMODB_WRITES.has(a))) table.encryptionKey?.grantEncryptDecrypt(fn.role);
  else table.encryptionKey?.grantDecrypt(fn.role);
}

/** `grantTableAccess` for both tables. */
export function grantTablesAccess(fn: SiftFunction, tables: SiftTables, access: FunctionTableAccess): void {
  grantTableAccess(fn, tables.articles, access.articles);
  grantTableAccess(fn, tables.uploads, access.uploads);
}

/** Where a function's records live: what both the ingest and the API function are given. */
export interface PipelineStorage {
  /** The drop bucket. */
  readonly bucket: IBucket;
  /** Key prefix of raw uploads (ends in `/`). */
  readonly uploadPrefix: string;
  /** Key prefix of stored bodies (ends in `/`). */
  readonly bodiesPrefix: string;
  /** The tables. */
  readonly tables: SiftTables;
}

/** The environment variables through which the handlers find that storage (names in shared/service/storage/tableSchema.ts). */
export function storageEnvironment(storage: PipelineStorage): Record<string, string> {
  return {
    [ENV.articlesTable]: storage.tables.articles.tableName,
    [ENV.uploadsTable]: storage.tables.uploads.tableName,
    [ENV.bucket]: storage.bucket.bucketName,
    [ENV.uploadPrefix]: storage.uploadPrefix,
    [ENV.bodiesPrefix]: storage.bodiesPrefix,
  };
}
