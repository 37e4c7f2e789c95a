/**
 * API Gateway → Lambda (Solutions Constructs' `aws-apigateway-lambda`): a regional REST API whose routes all
 * proxy to the API function. Every method requires IAM (SigV4) authorization by default, requests are
 * validated (required path parameters; bodies wherever a method declares a model), and the stage writes JSON
 * access logs, execution logs (no data trace) and metrics, with throttling.
 *
 * Routes come from `API_ROUTES` in shared/service/api/contract.ts (the same list the handler and the OpenAPI document
 * use): `GET /articles`, `GET /articles/{id}`, `GET /uploads`, `POST /uploads`, `GET /uploads/{key+}` (greedy,
 * so a key with slashes works whether or not the client encodes them), `GET /openapi.json`. Routes marked
 * `public` there (the local reader page) are left out by default: behind IAM auth a browser page cannot call
 * the JSON routes anyway.
 *
 * Failures of authentication answer 401 `application/problem+json` and reveal nothing else.
 *
 * Access of the API function (least privilege): exactly `API_TABLE_ACCESS` on the tables (GetItem, BatchGetItem
 * of upload statuses, Query on the named indexes); GetObject under the bodies prefix; PutObject under the upload
 * prefix (for presigned uploads); GetSecretValue of the cursor secret.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
  type MethodOptions,
  type RequestValidator,
} from 'aws-cdk-lib/aws-apigateway';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_ROUTES, type RouteDefinition } from '../../shared/service/api/contract.js';
import { API_TABLE_ACCESS } from '../../shared/service/storage/tableSchema.js';
import { API_DEFAULTS } from '../pipelineDefaults.js';
import { DEFAULT_LOG_RETENTION } from './defaults.js';
import { acknowledge, acknowledgeControl, acknowledgeWildcardResource } from './nag.js';
import { grantTablesAccess, type PipelineStorage, SiftFunction, type SiftFunctionProps, storageEnvironment } from './SiftFunction.js';

export interface SiftApiProps extends PipelineStorage {
  /**
   * Handler module, relative to the repository root.
   * @default 'lambdas/api/handler.ts'
   */
  readonly entry?: string;
  /**
   * Function timeout (API Gateway gives up after 29 s).
   * @default Duration.seconds(API_DEFAULTS.timeoutSeconds) (29 s)
   */
  readonly timeout?: Duration;
  /**
   * Stage name (part of the URL).
   * @default 'v1'
   */
  readonly stageName?: string;
  /**
   * Stage throttling, steady-state requests per second.
   * @default API_DEFAULTS.throttlingRateLimit (50)
   */
  readonly throttlingRateLimit?: number;
  /**
   * Stage throttling, burst.
   * @default API_DEFAULTS.throttlingBurstLimit (100)
   */
  readonly throttlingBurstLimit?: number;
  /**
   * Retention of the access-log group.
   * @default RetentionDays.ONE_YEAR
   */
  readonly accessLogRetention?: RetentionDays;
  /**
   * Customer-managed key of the access-log group and the function's log group.
   * @default - CloudWatch Logs' own encryption
   */
  readonly logEncryptionKey?: IKey;
  /**
   * Create the account-level role that lets API Gateway write execution logs. API Gateway keeps one such
   * role per account and region: set `false` when the account already has one.
   * @default true
   */
  readonly cloudWatchRole?: boolean;
  /**
   * Also deploy the routes `API_ROUTES` marks `public`, without authorization.
   * @default false
   */
  readonly includePublicRoutes?: boolean;
  /**
   * How callers authenticate: IAM (SigV4-signed requests), or JWTs from a Cognito user pool.
   * @default { kind: 'iam' }
   */
  readonly authorization?: ApiAuthorization;
  /**
   * Origins allowed to call the API from a browser (CORS). API Gateway answers preflights; the function
   * echoes an allowed Origin.
   * @default - none: no CORS headers
   */
  readonly corsAllowOrigins?: string[];
  /**
   * Passed through to the API function (runtime, log retention, memory, reserved concurrency …).
   * @default - SiftFunction defaults, API_DEFAULTS.memoryMb (1024 MB)
   */
  readonly functionProps?: Partial<Omit<SiftFunctionProps, 'entry' | 'timeout' | 'environment'>>;
}

/** How callers authenticate. */
export type ApiAuthorization = { kind: 'iam' } | { kind: 'cognito'; userPoolArn: string };

/**
 * Declared request parameters of a route: path parameters required (API Gateway rejects the request before it
 * reaches the function when one is missing), query parameters optional, so they show in the API definition.
 */
function requestParameters(route: RouteDefinition): Record<string, boolean> {
  const parameters: Record<string, boolean> = {};
  for (const [, name] of route.path.matchAll(/\{(\w+)\+?\}/g)) parameters[`method.request.path.${name}`] = true;
  const shape = (route.query as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
  for (const name of Object.keys(shape)) parameters[`method.request.querystring.${name}`] = false;
  return parameters;
}

/** Body of every authentication failure: nothing but the fact. */
const UNAUTHORIZED_BODY = JSON.stringify({
  type: 'about:blank',
  title: 'Unauthorized',
  status: 401,
  detail: 'The request did not carry valid credentials.',
});

/** Authentication failures, all answered 401 with `UNAUTHORIZED_BODY`. */
const UNAUTHORIZED_TYPES = [
  ResponseType.MISSING_AUTHENTICATION_TOKEN,
  ResponseType.INVALID_SIGNATURE,
  ResponseType.EXPIRED_TOKEN,
  ResponseType.UNAUTHORIZED,
];

/** Other answers of API Gateway itself: type, status (kept as API Gateway's; none for the catch-alls), title. */
const PROBLEM_RESPONSES: [ResponseType, string | undefined, string][] = [
  [ResponseType.ACCESS_DENIED, '403', 'Forbidden'],
  [ResponseType.BAD_REQUEST_PARAMETERS, '400', 'Bad request'],
  [ResponseType.BAD_REQUEST_BODY, '400', 'Bad request'],
  [ResponseType.REQUEST_TOO_LARGE, '413', 'Request too large'],
  [ResponseType.THROTTLED, '429', 'Too many requests'],
  [ResponseType.INTEGRATION_TIMEOUT, '504', 'Gateway timeout'],
  [ResponseType.DEFAULT_4XX, undefined, 'Bad request'],
  [ResponseType.DEFAULT_5XX, undefined, 'Service error'],
];

/** The REST API, its stage and access logs, and the API function. */
export class SiftApi extends Construct {
  /** The REST API. */
  public readonly api: RestApi;
  /** The function behind every route, with its role and log group. */
  public readonly siftFunction: SiftFunction;
  /** Access logs of the stage (JSON, one line per request). */
  public readonly accessLogGroup: LogGroup;
  /** The validator attached to every method. */
  public readonly requestValidator: RequestValidator;
  /** Signs pagination cursors (read by the function at run time; only its ARN is in the environment). */
  public readonly cursorSecret: Secret;

  constructor(scope: Construct, id: string, props: SiftApiProps) {
    super(scope, id);
    const { bucket, uploadPrefix, bodiesPrefix, tables } = props;

    // The key that signs list cursors, so that a client cannot forge one into another query. The function reads
    // it at run time (shared/service/storage/secrets.ts): neither the template nor the function's configuration holds it.
    this.cursorSecret = new Secret(this, 'CursorSecret', {
      description: 'Sift API: HMAC key for pagination cursors',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    acknowledge(this.cursorSecret, 'SMG4',
      'The cursor-signing key is not rotated automatically: rotating it only invalidates open cursors, and an operator can rotate it by updating the secret and redeploying.');

    this.siftFunction = new SiftFunction(this, 'Handler', {
      serviceName: API_DEFAULTS.serviceName,
      description: 'Sift API: articles and upload status',
      memorySize: API_DEFAULTS.memoryMb,
      logEncryptionKey: props.logEncryptionKey,
      ...props.functionProps,
      entry: props.entry ?? 'lambdas/api/handler.ts',
      timeout: props.timeout ?? Duration.seconds(API_DEFAULTS.timeoutSeconds),
      environment: {
        ...storageEnvironment(props),
        SIFT_CURSOR_SECRET_ARN: this.cursorSecret.secretArn,
        ...(props.corsAllowOrigins?.length ? { SIFT_CORS_ORIGIN: props.corsAllowOrigins.join(',') } : {}),
      },
    });
    const fn = this.siftFunction.function;
    const uploads = bucket.arnForObjects(`${uploadPrefix}*`);
    const bodies = bucket.arnForObjects(`${bodiesPrefix}*`);
    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [bodies] }));
    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [uploads] }));
    grantTablesAccess(this.siftFunction, tables, API_TABLE_ACCESS);
    this.cursorSecret.grantRead(fn);

    this.accessLogGroup = new LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? DEFAULT_LOG_RETENTION,
      encryptionKey: props.logEncryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.api = new RestApi(this, 'Api', {
      description: 'Sift: article records extracted from news scrapes',
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      cloudWatchRole: props.cloudWatchRole ?? true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      defaultMethodOptions: this.methodAuthorization(props.authorization ?? { kind: 'iam' }),
      ...(props.corsAllowOrigins?.length ? {
        defaultCorsPreflightOptions: {
          allowOrigins: props.corsAllowOrigins, allowMethods: ['GET', 'POST', 'OPTIONS'],
          allowHeaders: ['Authorization', 'Content-Type', 'X-Amz-Date', 'X-Amz-Security-Token'], maxAge: Duration.hours(1),
        },
      } : {}),
      deployOptions: {
        stageName: props.stageName ?? 'v1',
        loggingLevel: MethodLoggingLevel.INFO,
        // Never log request or response bodies: they hold article text and presigned URLs.
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        throttlingRateLimit: props.throttlingRateLimit ?? API_DEFAULTS.throttlingRateLimit,
        throttlingBurstLimit: props.throttlingBurstLimit ?? API_DEFAULTS.throttlingBurstLimit,
        accessLogDestination: new LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields({
          caller: true,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: true,
        }),
      },
    });

    // The stack outputs the URL under its own name (ApiUrl); drop RestApi's automatic duplicate.
    this.api.node.tryRemoveChild('Endpoint');

    this.requestValidator = this.api.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const integration = new LambdaIntegration(fn, { allowTestInvoke: false });
    for (const route of API_ROUTES) {
      if (route.public && !props.includePublicRoutes) continue;
      const options: MethodOptions = {
        requestValidator: this.requestValidator,
        requestParameters: requestParameters(route),
        ...(route.public ? { authorizationType: AuthorizationType.NONE } : {}),
      };
      const method = this.api.root.resourceForPath(route.path).addMethod(route.method, integration, options);
      if (route.public) {
        acknowledge(method, 'APIG4', `${route.method} ${route.path} is public by design (shared/service/api/contract.ts): it serves a static page holding no data.`);
        acknowledge(method, 'COG4', `${route.method} ${route.path} is public by design (shared/service/api/contract.ts): it serves a static page holding no data.`);
      }
    }

    this.addProblemResponses();
    this.acknowledgeFindings(uploads, bodies, props.authorization ?? { kind: 'iam' });
  }

  /**
   * What API Gateway answers by itself, as `application/problem+json` (CONTRACT §4). Authentication failures are
   * 401 with a fixed body that reveals nothing else: IAM auth reports a missing signature as
   * MISSING_AUTHENTICATION_TOKEN (403 by default, and also what an unknown route gets), a bad one as
   * INVALID_SIGNATURE, an old one as EXPIRED_TOKEN. ACCESS_DENIED (valid signature, no permission) stays 403.
   */
  private addProblemResponses(): void {
    const headers = { 'Content-Type': "'application/problem+json'" };
    for (const type of UNAUTHORIZED_TYPES) {
      this.api.addGatewayResponse(`Response${type.responseType}`, {
        type,
        statusCode: '401',
        responseHeaders: headers,
        templates: { 'application/json': UNAUTHORIZED_BODY },
      });
    }
    for (const [type, status, title] of PROBLEM_RESPONSES) {
      const statusField = status ? `"status":${status},` : '';
      this.api.addGatewayResponse(`Response${type.responseType}`, {
        type,
        statusCode: status,
        responseHeaders: headers,
        templates: {
          'application/json': `{"type":"about:blank","title":"${title}",${statusField}"detail":$context.error.messageString}`,
        },
      });
    }
  }

  /** Every method's authorization: IAM, or a Cognito user pool authorizer (JWT in the Authorization header). */
  private methodAuthorization(auth: ApiAuthorization): MethodOptions {
    if (auth.kind === 'iam') return { authorizationType: AuthorizationType.IAM };
    const pool = UserPool.fromUserPoolArn(this, 'UserPool', auth.userPoolArn);
    const authorizer = new CognitoUserPoolsAuthorizer(this, 'Authorizer', { cognitoUserPools: [pool] });
    return { authorizationType: AuthorizationType.COGNITO, authorizer };
  }

  private acknowledgeFindings(uploads: string, bodies: string, auth: ApiAuthorization): void {
    const role = this.siftFunction.role;
    acknowledgeWildcardResource(role, bodies, 'GetObject on stored bodies: body keys are derived from article ids at run time; the bodies prefix is the scope.');
    acknowledgeWildcardResource(role, uploads, 'PutObject under the upload prefix only, for the presigned upload URLs POST /uploads hands out; keys are chosen per upload.');
    if (auth.kind === 'iam') {
      acknowledge(
        this.api,
        'COG4',
        'Callers authenticate with IAM (SigV4, AuthorizationType.IAM on every method); there is no Cognito user pool to authorize against.',
      );
    }
    acknowledgeControl(
      this.api,
      'lambda_function_public_access_prohibited_check',
      'Each permission API Gateway gets to invoke the function names SourceArn: this API\'s execute-api ARN for that method and path, built with Fn::Join. The rule accepts only a literal string or a plain Ref/GetAtt there, and SourceAccount only as a literal account id, which an environment-agnostic stack does not have.',
    );
    acknowledge(
      this.api.deploymentStage,
      'APIG3',
      'No WAF web ACL yet: every data method requires authenticated callers (SigV4-signed IAM credentials, or a Cognito JWT when so configured) and the stage is throttled. Attach a web ACL when the API is opened wider.',
    );
    const cloudWatchRole = this.api.node.tryFindChild('CloudWatchRole');
    if (cloudWatchRole) {
      acknowledge(
        cloudWatchRole,
        'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        'Account-level role API Gateway assumes to write execution logs (needed for AwsSolutions-APIG6); AWS documents this managed policy for it and API Gateway chooses the log groups itself.',
      );
    }
  }
}
