/**
 * SDK clients, one set per process and runtime (reused across invocations). Endpoints come from the SDK's own
 * environment variables (`AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL_DYNAMODB`), so the deployed code path is the
 * local one: only the environment differs. S3 emulators want path-style addressing, which an endpoint override
 * implies. The environment is the handler's, passed in: this module reads none of its own.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface AwsClients {
  s3: S3Client;
  ddb: DynamoDBDocumentClient;
}

/**
 * Adds middleware to the clients as they are made: what the runtime hands a handler besides its environment
 * (the local stack's fault injection, a test's or a bench's call counters). Lambda gives none.
 */
export type ClientDecorator = (clients: AwsClients) => void;

const NO_DECORATORS: readonly ClientDecorator[] = [];
/** Attempts of each SDK call (`SIFT_SDK_MAX_ATTEMPTS`, default 3): the handlers' clients, here and deployed. */
export const sdkMaxAttempts = (env: NodeJS.ProcessEnv): number => Number(env.SIFT_SDK_MAX_ATTEMPTS ?? 3);

/**
 * A DynamoDB request that sends or receives nothing for this long is abandoned and retried (a timeout is a
 * retryable error): the SDK's default is to wait for ever, so one stalled connection held an invocation to
 * its timeout (seen on the local emulator under load). Table calls take milliseconds.
 */
const DYNAMODB_REQUEST_TIMEOUT_MS = 10_000;
const DYNAMODB_CONNECTION_TIMEOUT_MS = 3_000;

function createClients(env: NodeJS.ProcessEnv, decorators: readonly ClientDecorator[]): AwsClients {
  const maxAttempts = sdkMaxAttempts(env);
  const s3 = new S3Client({ forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3), maxAttempts });
  const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({
    maxAttempts, requestHandler: { requestTimeout: DYNAMODB_REQUEST_TIMEOUT_MS, connectionTimeout: DYNAMODB_CONNECTION_TIMEOUT_MS },
  }), { marshallOptions: { removeUndefinedValues: true } });
  const clients = { s3, ddb };
  for (const decorate of decorators) decorate(clients);
  return clients;
}

const shared = new WeakMap<readonly ClientDecorator[], { clients: AwsClients; endpoints: string }>();

/**
 * The clients for this environment and these decorators. In Lambda the environment never changes, so this is
 * one set per container; the local stack may be restarted on other ports or data folders within one process
 * (tests), which makes a new set, as does a runtime with decorators of its own.
 */
export function awsClients(env: NodeJS.ProcessEnv, decorators: readonly ClientDecorator[] = NO_DECORATORS): AwsClients {
  // The key pair too: a local stack started on another data folder signs with another secret.
  const endpoints = [env.AWS_ENDPOINT_URL_S3, env.AWS_ENDPOINT_URL_DYNAMODB, env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY, env.SIFT_SDK_MAX_ATTEMPTS].join(' ');
  let entry = shared.get(decorators);
  if (entry?.endpoints !== endpoints) shared.set(decorators, entry = { clients: createClients(env, decorators), endpoints });
  return entry.clients;
}
