/**
 * The Lambda bundles as deployed: `cdk synth` (the app exactly as `cdk.json` builds it) into a temporary
 * cloud assembly, then each function's asset from it: size, gzip size, and cold import time in a fresh Node
 * process, against the import of only the AWS SDK clients that function uses, bundled the same way (esbuild,
 * DEFAULT_BUNDLING's options) and timed in the same run, interleaved, so the ratio holds on a loaded machine.
 * The packages the Lambda runtime provides (RUNTIME_PROVIDED_MODULES: the AWS SDK) are left out of both, and
 * both import them from this repository's node_modules (each file is run from a folder under it), as in
 * Lambda from the runtime's own files; `own` is the bundle's import minus the SDK's, Sift's share of a cold
 * start. The SDK clients' size as a bundle is printed beside, for what the runtime's copy saves.
 * `npm run bench -- bundles`. SIFT_BENCH_IMPORTS: fresh processes per bundle (default 9, median reported).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { DEFAULT_BUNDLING, DEFAULT_RUNTIME, REPO_ROOT, RUNTIME_PROVIDED_MODULES, bundlingFor } from '../../infra/constructs/defaults.js';
import { buildSiftApp, runnableAssetCopy } from '../infra/synth.js';

const RUNS = Number(process.env.SIFT_BENCH_IMPORTS ?? 9);

/** Per function: the logical-id fragment of its resource, and the SDK clients its handler creates. */
const FUNCTIONS = {
  ingest: {
    logicalId: 'IngestFunction',
    sdk: `import { S3Client } from '@aws-sdk/client-s3'; import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; import { SQSClient } from '@aws-sdk/client-sqs';
export const clients = [new S3Client({}), DynamoDBDocumentClient.from(new DynamoDBClient({})), new SQSClient({})];`,
  },
  api: {
    logicalId: 'ApiHandlerFunction',
    sdk: `import { S3Client } from '@aws-sdk/client-s3'; import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
export const clients = [new S3Client({}), DynamoDBDocumentClient.from(new DynamoDBClient({})), new SecretsManagerClient({}), getSignedUrl];`,
  },
} as const;

/** Milliseconds a fresh `node` takes to import `file` (measured inside it, so Node's start-up is excluded). */
function importMs(file: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});console.log(performance.now()-t)`;
  return Number(execFileSync('node', ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, AWS_REGION: 'us-east-1' } }).trim());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** The asset folder of each function in the synthesized assembly (template `Code.S3Key` → assets manifest). */
function deployedBundles(outdir: string): Record<keyof typeof FUNCTIONS, string> {
  type Resource = { Type: string; Properties: { Code?: { S3Key?: unknown } } };
  const template = JSON.parse(readFileSync(join(outdir, 'Sift.template.json'), 'utf8')) as { Resources: Record<string, Resource> };
  const assets = JSON.parse(readFileSync(join(outdir, 'Sift.assets.json'), 'utf8')) as { files: Record<string, { source: { path: string } }> };
  const found = {} as Record<keyof typeof FUNCTIONS, string>;
  for (const [name, f] of Object.entries(FUNCTIONS) as [keyof typeof FUNCTIONS, (typeof FUNCTIONS)[keyof typeof FUNCTIONS]][]) {
    const entry = Object.entries(template.Resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(f.logicalId));
    const key = String(entry?.[1].Properties.Code?.S3Key ?? '');
    const asset = assets.files[key.replace(/\.zip$/, '')];
    if (!asset) throw new Error(`no asset for ${f.logicalId} in ${outdir}`);
    found[name] = join(outdir, asset.source.path);
  }
  return found;
}

export default async function bundlesBench(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'sift-bundles-'));
  const { app, outdir } = buildSiftApp({ builtinCloudFormationValidation: false });
  const runnable: string[] = [];
  try {
    app.synth();
    const deployed = deployedBundles(outdir);
    const bundling = bundlingFor(DEFAULT_RUNTIME);
    for (const [name, f] of Object.entries(FUNCTIONS) as [keyof typeof FUNCTIONS, (typeof FUNCTIONS)[keyof typeof FUNCTIONS]][]) {
      const sdkEntry = join(work, `${name}-sdk.mjs`);
      writeFileSync(sdkEntry, f.sdk);
      const options: BuildOptions = {
        entryPoints: [sdkEntry], bundle: true, platform: 'node', format: 'esm', target: bundling.target,
        mainFields: [...(DEFAULT_BUNDLING.mainFields ?? [])], banner: { js: DEFAULT_BUNDLING.banner ?? '' }, minify: true,
        sourcemap: true, sourcesContent: false, charset: 'utf8', logLevel: 'warning', nodePaths: [join(REPO_ROOT, 'node_modules')],
      };
      await build({ ...options, outfile: join(work, name, 'sdk.mjs'), external: [...(DEFAULT_BUNDLING.externalModules ?? [])] });
      await build({ ...options, outfile: join(work, name, 'sdk-inlined.mjs') });
      const sdkDir = runnableAssetCopy(join(work, name), `${basename(work)}-${name}`);
      const bundleDir = runnableAssetCopy(deployed[name]);
      runnable.push(sdkDir, bundleDir);
      const [bundle, sdkOut] = [join(bundleDir, 'index.mjs'), join(sdkDir, 'sdk.mjs')];
      const [own, sdk] = [[] as number[], [] as number[]];
      for (let i = 0; i < RUNS; i++) { own.push(importMs(bundle)); sdk.push(importMs(sdkOut)); }
      const bytes = statSync(bundle).size;
      const escapes = (readFileSync(bundle, 'latin1').match(/\\u[0-9a-fA-F]{4}/g) ?? []).length;
      console.log(`${name}: ${kb(bytes)} deployed (cdk.out; ${kb(gzipSync(readFileSync(bundle)).length)} gzip, ${escapes} \\uXXXX escapes), ` +
        `runtime-provided ${RUNTIME_PROVIDED_MODULES.join(' ')} left out (its clients as a bundle: ${kb(statSync(join(sdkDir, 'sdk-inlined.mjs')).size)})`);
      console.log(`  cold import ${median(own).toFixed(0)} ms, SDK clients alone ${median(sdk).toFixed(0)} ms: ` +
        `${(median(own) / median(sdk)).toFixed(2)}x, own ${(median(own) - median(sdk)).toFixed(0)} ms (medians of ${RUNS} fresh processes each, interleaved)`);
    }
  } finally {
    for (const dir of [work, outdir, ...runnable]) rmSync(dir, { recursive: true, force: true });
  }
}
