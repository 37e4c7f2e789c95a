/**
 * SDK clients, one per process (reused across invocations). Endpoints come from the SDK's own environment
 * variables (`AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL_DYNAMODB`), so the deployed code path is the local one:
 * only the environment differs. S3 emulators want path-style addressing, which an endpoint override implies.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface AwsClients {
  s3: S3Client;
  ddb: DynamoDBDocumentClient;
}

let shared: { clients: AwsClients; endpoints: string } | undefined;

/** Hooks that decorate every client created here (the local stack's fault injection uses it). */
export const clientDecorators: ((clients: AwsClients) => void)[] = [];

function createClients(): AwsClients {
  const s3 = new S3Client({
    forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
    maxAttempts: Number(process.env.SIFT_SDK_MAX_ATTEMPTS ?? 3),
  });
  const ddb = DynamoDBDocumentClient.from(
    new DynamoDBClient({ maxAttempts: Number(process.env.SIFT_SDK_MAX_ATTEMPTS ?? 3) }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const clients = { s3, ddb };
  for (const decorate of clientDecorators) decorate(clients);
  return clients;
}

/**
 * The process's clients. In Lambda the environment never changes, so this is one set per container; the
 * local stack may be restarted on other ports or data folders within one process (tests), which makes a new set.
 */
export function awsClients(): AwsClients {
  // The key pair too: a local stack started on another data folder signs with another secret.
  const endpoints = [process.env.AWS_ENDPOINT_URL_S3, process.env.AWS_ENDPOINT_URL_DYNAMODB, process.env.AWS_ACCESS_KEY_ID, process.env.AWS_SECRET_ACCESS_KEY].join(' ');
  if (shared?.endpoints !== endpoints) shared = { clients: createClients(), endpoints };
  return shared.clients;
}
