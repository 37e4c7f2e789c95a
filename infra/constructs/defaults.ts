/**
 * Default props for the constructs in this folder, in one place (Solutions Constructs' `*-defaults.ts`):
 * each construct merges `defaults < caller's props < what the construct requires`.
 *
 * Runtime tuning that the local stack also needs (timeouts, batch size, receive count …) lives in
 * `infra/pipelineDefaults.ts`, which has no CDK imports; this file holds the CDK-only part.
 */
import { Duration } from 'aws-cdk-lib';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { Charset, LogLevel, OutputFormat, SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { fileURLToPath } from 'node:url';

/** The repository root: where package.json, package-lock.json and the handlers' `entry` paths are resolved. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Lambda runtime of both functions. nodejs22.x is the team's target (see `AwsSolutions-L1` in SiftFunction). */
export const DEFAULT_RUNTIME = Runtime.NODEJS_22_X;

/** Retention of the functions' and the API's log groups: a year (Control Tower CT.CLOUDWATCH.PR.2). */
export const DEFAULT_LOG_RETENTION = RetentionDays.ONE_YEAR;

/**
 * Creates `require` inside the ESM bundle, for CommonJS dependencies that call `require('…')` on Node
 * built-ins (iconv-lite, parts of the AWS SDK); without it they throw "Dynamic require of … is not supported".
 */
const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** Packages the Lambda Node.js runtime provides, left out of the bundles (esbuild `external` patterns). */
export const RUNTIME_PROVIDED_MODULES = ['@aws-sdk/*'] as const;

/**
 * esbuild bundling shared by every function: minified ESM with source maps, built with the project's pinned
 * local esbuild and never in Docker. Everything is bundled except the AWS SDK v3 (`@aws-sdk/*`), which the
 * nodejs22.x runtime provides (CDK's own default for Node 18 and later): it is most of each bundle (about
 * 480 KB of ingest's 1,040 KB) and the runtime's copy loads from its own files. The cost is that the
 * deployed functions run the runtime's SDK version, not the one pinned in package-lock.json; Sift uses only
 * long-standing SDK calls (Get/Put/List objects, Batch*, Query, Update, SendMessageBatch, GetSecretValue, a presigned GET).
 *
 * `target` is filled in from the runtime by `bundlingFor`.
 */
export const DEFAULT_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  // Stack traces map to file:line without shipping the sources themselves.
  sourcesContent: false,
  // Arabic marker tables stay readable UTF-8 instead of \uXXXX escapes (smaller bundle, same behaviour).
  charset: Charset.UTF8,
  // aws-cdk-lib 2.276 does not hand `charset` to esbuild; the flag itself does (no \uXXXX escapes in the asset).
  esbuildArgs: { '--charset': 'utf8' },
  externalModules: [...RUNTIME_PROVIDED_MODULES],
  forceDockerBundling: false,
  logLevel: LogLevel.WARNING,
};

/** The bundling options for a runtime: `DEFAULT_BUNDLING` with esbuild's `target` set to that Node version. */
export function bundlingFor(runtime: Runtime): BundlingOptions {
  const major = /nodejs(\d+)/.exec(runtime.name)?.[1];
  return { ...DEFAULT_BUNDLING, ...(major ? { target: `node${major}` } : {}) };
}

/** Drop bucket lifecycle. */
export const DROP_BUCKET_DEFAULTS = {
  /** Old versions of an overwritten or deleted upload are kept this long. */
  noncurrentVersionExpiration: Duration.days(90),
  /** Parts of a multipart upload that never completed are removed after this. */
  abortIncompleteMultipartUploadAfter: Duration.days(7),
  /** Server access logs are kept this long. */
  accessLogsExpiration: Duration.days(365),
  /** Key prefix of the drop bucket's access logs in the log bucket. */
  accessLogsPrefix: 'drop-bucket/',
} as const;
