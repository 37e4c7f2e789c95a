/**
 * Where `npm run sift` sends its requests: the local stack (its ready info, written by `npm start` to
 * `<dataDir>/ready.json`) or a deployed stack (its CloudFormation outputs, with the caller's AWS credentials).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CloudFormationClient, Output } from '@aws-sdk/client-cloudformation';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import type { SignatureV4 } from '@smithy/signature-v4';
import type { ReadyInfo } from '../shared/service/localStackInfo.js';

export type CredentialsProvider = NonNullable<ConstructorParameters<typeof SignatureV4>[0]['credentials']>;

/** How API requests are authenticated: the local bearer token, or SigV4 for API Gateway's IAM auth. */
export type ApiAuth =
  | { kind: 'bearer'; token: string }
  | { kind: 'sigv4'; region: string; credentials: CredentialsProvider };

export interface Target {
  /** For messages: "the local stack at http://127.0.0.1:4571", "stack sift-prod (eu-west-1)". */
  description: string;
  local: boolean;
  bucket: string;
  /** The upload prefix, ending in `/`. */
  prefix: string;
  /** Where source profiles are kept, ending in `/` (a deployed stack's `ProfilesPrefix` output; else the default). */
  profilesPrefix?: string;
  /** The API's base URL, without a trailing slash (a deployed one includes the stage). */
  api: string;
  auth: ApiAuth;
  s3: S3ClientConfig;
  /** A deployed stack's queues (for `reprocess` and `dlq`); the local stack reaches its own through the API. */
  queues?: { ingest?: string; deadLetter?: string };
}

/** A problem the user can fix (no stack found, missing outputs); printed as is, exit status 1. */
export class TargetError extends Error {}

/**
 * The deployed stack's output keys. CDK names an output after its construct id; one defined inside a
 * nested construct gets a path prefix and a hash suffix, which `findOutput` tolerates.
 */
export const STACK_OUTPUTS = {
  bucket: 'BucketName', prefix: 'UploadPrefix', profilesPrefix: 'ProfilesPrefix', api: 'ApiUrl', ingestQueue: 'IngestQueueUrl', deadLetterQueue: 'DeadLetterQueueUrl',
} as const;

const DEFAULT_PREFIX = 'incoming/';


const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** The local stack's data folder by default: `$SIFT_DATA_DIR`, else `.sift/` in the repository, as `npm start` uses. */
function defaultLocalDir(root: string): string {
  return resolve(process.env.SIFT_DATA_DIR ?? join(root, '.sift'));
}

export function localTarget(dir: string): Target {
  const file = join(dir, 'ready.json');
  if (!existsSync(file)) {
    throw new TargetError(`no local stack found: ${file} does not exist. Start one with \`npm start\` (it writes that file), `
      + 'or pass --local DIR (its data folder) or --stack NAME (a deployed stack)');
  }
  let ready: ReadyInfo;
  try {
    ready = JSON.parse(readFileSync(file, 'utf8')) as ReadyInfo;
  } catch (error) {
    throw new TargetError(`${file} is not valid JSON (${(error as Error).message}); restart the local stack with \`npm start\``);
  }
  const missing = (['s3Endpoint', 'bucket', 'prefix', 'region', 'accessKeyId', 'secretAccessKey', 'api', 'token'] as const)
    .filter((k) => typeof ready[k] !== 'string');
  if (missing.length) throw new TargetError(`${file} lacks ${missing.join(', ')}; restart the local stack with \`npm start\``);
  return {
    description: `the local stack at ${ready.api}`,
    local: true,
    bucket: ready.bucket,
    prefix: ready.prefix,
    api: trimSlash(ready.api),
    auth: { kind: 'bearer', token: ready.token },
    s3: {
      endpoint: ready.s3Endpoint, region: ready.region, forcePathStyle: true,
      credentials: { accessKeyId: ready.accessKeyId, secretAccessKey: ready.secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
    },
  };
}

/** An output by exact key, else one that CDK prefixed with a construct path and suffixed with a hash. */
export function findOutput(outputs: Output[], key: string): string | undefined {
  const exact = outputs.find((o) => o.OutputKey === key);
  if (exact?.OutputValue) return exact.OutputValue;
  const nested = outputs.filter((o) => o.OutputKey && new RegExp(`${key}[0-9A-F]{8}$`).test(o.OutputKey));
  return nested.length === 1 ? nested[0].OutputValue : undefined;
}

export function targetFromOutputs(stack: string, region: string, outputs: Output[], credentials: CredentialsProvider): Target {
  const bucket = findOutput(outputs, STACK_OUTPUTS.bucket);
  const api = findOutput(outputs, STACK_OUTPUTS.api);
  const missing = [!bucket && STACK_OUTPUTS.bucket, !api && STACK_OUTPUTS.api].filter(Boolean);
  if (missing.length) {
    const have = outputs.map((o) => o.OutputKey).filter(Boolean).join(', ') || 'none';
    throw new TargetError(`stack ${stack} has no output ${missing.join(' or ')} (its outputs: ${have}); is it a Sift stack?`);
  }
  let prefix = findOutput(outputs, STACK_OUTPUTS.prefix) ?? DEFAULT_PREFIX;
  if (prefix && !prefix.endsWith('/')) prefix += '/';
  return {
    description: `stack ${stack} (${region})`,
    local: false,
    bucket: bucket!,
    prefix,
    profilesPrefix: findOutput(outputs, STACK_OUTPUTS.profilesPrefix),
    api: trimSlash(api!),
    auth: { kind: 'sigv4', region, credentials },
    s3: { region, credentials },
    queues: { ingest: findOutput(outputs, STACK_OUTPUTS.ingestQueue), deadLetter: findOutput(outputs, STACK_OUTPUTS.deadLetterQueue) },
  };
}

export interface StackLookup {
  region?: string;
  /** Injected in tests; by default a client with the SDK's usual region and credential resolution. */
  cloudFormation?: Pick<CloudFormationClient, 'send'> & { config: { region: () => Promise<string> } };
  credentials?: CredentialsProvider;
}

export async function stackTarget(stack: string, lookup: StackLookup = {}): Promise<Target> {
  // Loaded only for a deployed stack: the local path starts faster without them.
  const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  const credentials = lookup.credentials ?? (await import('@aws-sdk/credential-provider-node')).defaultProvider();
  const cfn = lookup.cloudFormation ?? new CloudFormationClient({ ...(lookup.region ? { region: lookup.region } : {}), credentials });
  let region: string;
  try {
    region = await cfn.config.region();
  } catch {
    throw new TargetError('no AWS region: pass --region, or set AWS_REGION or a region in your AWS profile');
  }
  let outputs: Output[];
  try {
    const res = await cfn.send(new DescribeStacksCommand({ StackName: stack }));
    const found = res.Stacks?.[0];
    if (!found) throw new TargetError(`stack ${stack} was not found in ${region}`);
    outputs = found.Outputs ?? [];
  } catch (error) {
    if (error instanceof TargetError) throw error;
    const e = error as Error & { name?: string };
    if (e.name === 'ValidationError' && /does not exist/.test(e.message)) throw new TargetError(`stack ${stack} does not exist in ${region}`);
    if (e.name === 'CredentialsProviderError') throw new TargetError(`no AWS credentials: ${e.message}`);
    throw new TargetError(`could not read stack ${stack} in ${region}: ${e.message}`);
  }
  return targetFromOutputs(stack, region, outputs, credentials);
}

export interface TargetOptions {
  local?: string;
  stack?: string;
  region?: string;
  /** The repository root, for the default local data folder. */
  root: string;
}

export async function resolveTarget(options: TargetOptions, lookup: StackLookup = {}): Promise<Target> {
  if (options.stack) return stackTarget(options.stack, { region: options.region, ...lookup });
  return localTarget(options.local ? resolve(options.local) : defaultLocalDir(options.root));
}
