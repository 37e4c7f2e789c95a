/**
 * `npm start [-- --sample] [--data DIR]`: the local stack (CONTRACT.md section 3). Prints the
 * `SIFT_READY {...}` line when it is ready; with `--sample` also uploads the sample scrapes and prints
 * what came of them. Stops cleanly on SIGINT/SIGTERM; data stays in the data folder (default `.sift/`).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ReadyInfo } from '../../shared/service/localStackInfo.js';
import { startLocalStack } from './localStack.js';

// The SDK's notice about Node versions its future releases will need is noise here: the versions are pinned.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Who started the stack, read first: read after the ready line, a parent killed as soon as it sees that
// line (a busy machine can run it before this process reads on) would already be gone, and never missed.
const parent = process.ppid;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLES = join(root, 'test/fixtures/samples');
/** How often the stack checks that the process that started it is still there. */
const PARENT_CHECK_MS = 500;
/** How long a stop may take before the process ends anyway. */
const STOP_GRACE_MS = 10_000;

const { values } = parseArgs({
  options: {
    sample: { type: 'boolean', default: false },
    data: { type: 'string', default: process.env.SIFT_DATA_DIR ?? join(root, '.sift') },
  },
});

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const PORT_VARIABLES = { s3: ['SIFT_S3_PORT', 4569], dynamodb: ['SIFT_DYNAMODB_PORT', 4570], api: ['SIFT_API_PORT', 4571] } as const;
const ports = { s3: port(...PORT_VARIABLES.s3), dynamodb: port(...PORT_VARIABLES.dynamodb), api: port(...PORT_VARIABLES.api) };

// s3rver emits a listen failure as an 'error' event, not a rejection.
process.on('uncaughtException', portInUse);
const stack = await startLocalStack({
  dataDir: resolve(values.data!),
  ports,
  token: process.env.SIFT_TOKEN,
  logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
}).catch(portInUse);

function portInUse(error: NodeJS.ErrnoException & { port?: number }): never {
  if (error.code !== 'EADDRINUSE') throw error;
  // One line a person can act on instead of a stack trace: which port, which variable moves it, whose it may be.
  const busy = (Object.keys(ports) as (keyof typeof ports)[]).find((name) => ports[name] === error.port);
  const variable = busy ? PORT_VARIABLES[busy][0] : 'SIFT_S3_PORT, SIFT_DYNAMODB_PORT or SIFT_API_PORT';
  const readyFile = join(resolve(values.data!), 'ready.json');
  const sift = existsSync(readyFile) && readFileSync(readyFile, 'utf8').includes(`:${error.port}`);
  process.stderr.write(`sift: port ${error.port ?? '?'}${busy ? ` (${busy})` : ''} is in use${sift ? ', it looks like another Sift is running on this data folder (stop it first)' : ''}; set ${variable} to use another port\n`);
  process.exit(1);
}
// What `npm run sift` reads to find this stack (it holds the token: owner-only).
writeFileSync(join(resolve(values.data!), 'ready.json'), `${JSON.stringify(stack.ready)}\n`, { mode: 0o600 });
process.stdout.write(`SIFT_READY ${JSON.stringify(stack.ready)}\n`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`${signal}: stopping Sift…\n`);
  // A client holding a connection open must not keep the ports: past the grace period the process just ends.
  setTimeout(() => {
    process.stderr.write(`sift: still stopping after ${STOP_GRACE_MS / 1000} s (open connections?), exiting\n`);
    process.exit(1);
  }, STOP_GRACE_MS).unref();
  await stack.stop();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
// Whoever started the stack (npm, a shell, a test) may go without a word, even by SIGKILL: the stack goes with
// it rather than keep its ports as an orphan. Its parent is gone when this process is handed to another one.
setInterval(() => {
  if (process.ppid !== parent) void shutdown('parent exited');
}, PARENT_CHECK_MS).unref();

if (values.sample) await ingestSamples(stack.ready);

async function ingestSamples(ready: ReadyInfo) {
  const s3 = new S3Client({
    endpoint: ready.s3Endpoint, region: ready.region, forcePathStyle: true,
    credentials: { accessKeyId: ready.accessKeyId, secretAccessKey: ready.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  const files = readdirSync(SAMPLES).sort();
  for (const file of files) {
    const key = `${ready.prefix}samples/${basename(file)}`;
    await s3.send(new PutObjectCommand({ Bucket: ready.bucket, Key: key, Body: readFileSync(join(SAMPLES, file)) }));
    process.stderr.write(`uploaded ${key}\n`);
  }
  await stack.settle();
  const headers = { authorization: `Bearer ${ready.token}` };
  for (const file of files) {
    const key = `${ready.prefix}samples/${basename(file)}`;
    const status = await (await fetch(`${ready.api}/uploads/${encodeURIComponent(key)}`, { headers })).json() as { status: string; error?: string; articleIds: string[] };
    process.stderr.write(`${key}: ${status.status}${status.error ? ` (${status.error})` : ''}, ${status.articleIds.length} article(s)\n`);
    for (const id of status.articleIds) {
      const article = await (await fetch(`${ready.api}/articles/${id}`, { headers })).json() as { title: string; lang: string; published: string | null };
      process.stderr.write(`  ${id}  [${article.lang}] ${article.published ?? '—'}  ${article.title}\n`);
    }
  }
  process.stderr.write(`try: curl -H 'Authorization: Bearer ${ready.token}' '${ready.api}/articles?limit=5'\n`);
  s3.destroy();
}
