/**
 * API function: API Gateway (REST, proxy integration) → the routes in shared/service/api. A thin adapter; API Gateway
 * has already authenticated the caller (IAM) before the event reaches it.
 */
import { randomBytes } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { type ApiContext, handleApiRequest, problem } from '../../shared/service/api/routes.js';
import { storeConfigFromEnv } from '../../shared/service/storage/storeConfig.js';
import { awsClients } from '../../shared/service/storage/awsClients.js';
import { secretValue } from '../../shared/service/storage/secrets.js';
import { DEFAULT_UPLOAD_PREFIX, ENV } from '../../shared/service/storage/tableSchema.js';

const logger = new Logger({ serviceName: 'sift-api' });
// Without a configured secret, one for this process only: cursors then expire with it, but none can be forged.
const processCursorSecret = randomBytes(32).toString('base64url');
/**
 * The key that signs cursors: in AWS read at run time from the secret `SIFT_CURSOR_SECRET_ARN` names
 * (infra/constructs/SiftApi.ts); locally given as the value itself (infra/local/localStack.ts).
 */
const cursorSecret = async (): Promise<string> => {
  const arn = process.env.SIFT_CURSOR_SECRET_ARN;
  return arn ? secretValue(arn) : process.env.SIFT_CURSOR_SECRET || processCursorSecret;
};
const apiContext = async (): Promise<ApiContext> => ({
  clients: awsClients(),
  store: storeConfigFromEnv(),
  cursorSecret: await cursorSecret(),
  uploadPrefix: process.env[ENV.uploadPrefix] ?? DEFAULT_UPLOAD_PREFIX,
});

/** CORS: the caller's Origin is echoed when it is one of SIFT_CORS_ORIGIN's (comma-separated); nothing otherwise. */
function corsHeaders(event: APIGatewayProxyEvent): Record<string, string> {
  const allowed = (process.env.SIFT_CORS_ORIGIN ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  const origin = event.headers?.origin ?? event.headers?.Origin;
  if (!allowed.length || !origin) return {};
  return allowed.includes(origin) || allowed.includes('*') ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' };
}

export const handler = async (event: APIGatewayProxyEvent, lambdaContext?: Context): Promise<APIGatewayProxyResult> => {
  if (lambdaContext) logger.addContext(lambdaContext);
  const query: Record<string, string | undefined> = { ...(event.queryStringParameters ?? {}) };
  try {
    const body = event.body && event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    const res = await handleApiRequest(await apiContext(), { method: event.httpMethod, path: event.path, query, body });
    return { statusCode: res.status, headers: { ...res.headers, ...corsHeaders(event) }, body: res.body };
  } catch (error) {
    logger.error('request failed', { path: event.path, error: error as Error });
    const res = problem(500, 'Internal Server Error', 'the request could not be served; it is safe to retry');
    return { statusCode: res.status, headers: { ...res.headers, ...corsHeaders(event) }, body: res.body };
  }
};
