/**
 * API function: API Gateway (REST, proxy integration) → the routes in shared/service/api. A thin adapter; API Gateway
 * has already authenticated the caller (IAM) before the event reaches it.
 */
import { randomBytes } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { type ApiContext, handleApiRequest, problem } from '../../shared/service/api/routes.js';
import { storeConfigFromEnv } from '../../shared/service/storage/storeConfig.js';
import { awsClients, type ClientDecorator, sdkMaxAttempts } from '../../shared/service/storage/awsClients.js';
import { secretValue } from '../../shared/service/storage/secrets.js';
import { DEFAULT_UPLOAD_PREFIX, ENV } from '../../shared/service/storage/tableSchema.js';

const logger = new Logger({ serviceName: 'sift-api' });
// Without a configured secret, one for this process only: cursors then expire with it, but none can be forged.
const processCursorSecret = randomBytes(32).toString('base64url');
/**
 * The key that signs cursors: in AWS read at run time from the secret `SIFT_CURSOR_SECRET_ARN` names
 * (infra/constructs/SiftApi.ts); locally given as the value itself (infra/local/localStack.ts).
 */
const cursorSecret = async (env: NodeJS.ProcessEnv): Promise<string> => {
  const arn = env.SIFT_CURSOR_SECRET_ARN;
  return arn ? secretValue(arn, sdkMaxAttempts(env)) : env.SIFT_CURSOR_SECRET || processCursorSecret;
};

/** What the runtime hands the handler besides its environment: nothing in Lambda; locally, client decorators (see IngestRuntime). */
export interface ApiRuntime {
  clientDecorators?: readonly ClientDecorator[];
}

/** The routes' context for one request: the environment is read here and passed down as values. */
const apiContext = async (runtime: ApiRuntime, env: NodeJS.ProcessEnv): Promise<ApiContext> => ({
  clients: awsClients(env, runtime.clientDecorators),
  store: storeConfigFromEnv(env),
  cursorSecret: await cursorSecret(env),
  uploadPrefix: env[ENV.uploadPrefix] ?? DEFAULT_UPLOAD_PREFIX,
});

/** CORS: the caller's Origin is echoed when it is one of SIFT_CORS_ORIGIN's (comma-separated); nothing otherwise. */
function corsHeaders(event: APIGatewayProxyEvent, env: NodeJS.ProcessEnv): Record<string, string> {
  const allowed = (env.SIFT_CORS_ORIGIN ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  const origin = event.headers?.origin ?? event.headers?.Origin;
  if (!allowed.length || !origin) return {};
  return allowed.includes(origin) || allowed.includes('*') ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' };
}

/** The handler for a runtime (see ApiRuntime); `handler` is Lambda's. */
export function createApiHandler(runtime: ApiRuntime = {}) {
  return async (event: APIGatewayProxyEvent, lambdaContext?: Context): Promise<APIGatewayProxyResult> => {
    if (lambdaContext) logger.addContext(lambdaContext);
    const env = process.env;
    const query: Record<string, string | undefined> = { ...(event.queryStringParameters ?? {}) };
    try {
      const body = event.body && event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
      const res = await handleApiRequest(await apiContext(runtime, env), { method: event.httpMethod, path: event.path, query, body });
      return { statusCode: res.status, headers: { ...res.headers, ...corsHeaders(event, env) }, body: res.body };
    } catch (error) {
      logger.error('request failed', { path: event.path, error: error as Error });
      const res = problem(500, 'Internal Server Error', 'the request could not be served; it is safe to retry');
      return { statusCode: res.status, headers: { ...res.headers, ...corsHeaders(event, env) }, body: res.body };
    }
  };
}

export const handler = createApiHandler();
