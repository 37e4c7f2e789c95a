/**
 * `npm run sift -- <command>`: Sift for people, against the local stack (default) or a deployed one.
 *
 *   upload FILE...   put scrapes into the drop bucket under the upload prefix, keeping their relative paths; wait and
 *                    print each upload's final status and article count (a counter on stderr for many files)
 *   query            articles newest first, filtered: a table of id, date, lang, title (--json: JSON Lines)
 *   article ID       one article (--json: the full record)
 *   status KEY       an upload's status, reason and article ids
 *   reprocess        re-run the pipeline over stored uploads (keys, --prefix P, --host H, or --all), with progress
 *   dlq list|redrive the dead-letter queue: what waits there; send it back to the ingest queue
 *   profile put|list|test  source profiles: store one (checked first), list them, compare with the generic path (files or URLs)
 *   extract FILE...  the offline extractor, `npm run extract`'s command (cli/extractCommand.ts), with its own options
 *
 * Exit status: 0 when everything asked for succeeded, 1 when something failed (an upload, the API, no
 * stack), 2 on a usage error.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ApiClient, ApiRequestError, type ArticleQuery, type UploadStatus } from './apiClient.js';
import { articleText, oneLine, statusText, TABLE_HEADER, tableRow, uploadJson, uploadLine } from './output.js';
import { resolveTarget, type Target, TargetError } from './target.js';
import { duplicateKeys, invocationDir, uploadAndWait } from './uploads.js';
import { awsOperations, deadLetterKey, localOperations } from './operations.js';
import { listProfiles, putProfiles, testProfiles } from './profiles.js';
import { reprocessMessage } from '../shared/service/pipeline/reprocess.js';
import { hostMatches, hostOf, hostPattern } from '../shared/core/index.js';

// The SDK's notice about future Node versions is noise for people at a terminal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// `..` of this file: cli/ when run from source, dist/ when built (cli/build.mjs), both one level under the root.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `usage: npm run sift -- <command> [options]

commands:
  upload FILE...   upload scrapes (each keeps its path relative to the current folder under the
                   upload prefix, or its name when outside it), wait for
                   ingestion and print each upload's status and article count
                   --timeout SECONDS (default 300)  --json
  query            articles, newest first: --lang L --source S --tag T --from YYYY-MM-DD
                   --to YYYY-MM-DD --upload KEY --story ID (that story's copies)
                   --distinct (one article per story) --limit N (default 20) --json
                   --all (every match, following the cursors; --limit is then the page size)
  article ID       one article (--json: the full record as JSON)
  status KEY       an upload's status (KEY, or a file name under the upload prefix)  --json
  reprocess [KEY...]  re-run the pipeline over stored uploads and replace their records; waits and
                   shows progress.  --prefix P (every upload whose key starts with P)  --all
                   --host H (every upload with pages of host H, or under *.H: after changing a
                   source profile)  --timeout SECONDS (default 300)
  dlq list         messages in the dead-letter queue (the uploads they are about)  --json
  dlq redrive      move them back to the ingest queue
  profile put FILE...   check source profiles (JSON, CONTRACT.md section 5) and store them under the
                   profiles prefix; the ingest function uses them within a minute
  profile list     the stored profiles: key, name, hosts (or why one cannot be used)  --json
  profile test FILE|URL...  extract local pages or live URLs (http, https; fetched with a time and size
                   limit) with the stored profiles and the generic path, side by side  --json
  extract FILE...  extract local scrapes offline, as \`npm run --silent extract\` does (no stack needed;
                   its own options: sift extract --help)

target (default: the local stack \`npm start\` runs, found through .sift/ready.json):
  --local DIR      the data folder of a local stack
  --stack NAME     a deployed stack (its outputs name the bucket, upload prefix and API URL);
                   AWS credentials from the usual chain, --region R, --profile P

exit status: 0 done, 1 something failed, 2 usage error
(pipe with \`npm run --silent sift -- …\` so npm's own header stays out of the output)`;

const COMMON = {
  local: { type: 'string' }, stack: { type: 'string' }, region: { type: 'string' }, profile: { type: 'string' },
  json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;
const FILTERS = ['lang', 'source', 'tag', 'from', 'to', 'upload', 'story'] as const;
const OPTIONS = {
  ...COMMON,
  ...Object.fromEntries(FILTERS.map((f) => [f, { type: 'string' }])) as Record<(typeof FILTERS)[number], { type: 'string' }>,
  limit: { type: 'string' }, all: { type: 'boolean' }, distinct: { type: 'boolean' }, timeout: { type: 'string' }, prefix: { type: 'string' },
  host: { type: 'string' },
} as const;
type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

const COMMANDS: Record<string, { args: 'none' | 'one' | 'many' | 'any'; options: (keyof typeof OPTIONS)[] }> = {
  upload: { args: 'many', options: ['timeout'] },
  query: { args: 'none', options: [...FILTERS, 'limit', 'all', 'distinct'] },
  article: { args: 'one', options: [] },
  status: { args: 'one', options: [] },
  reprocess: { args: 'any', options: ['prefix', 'host', 'all', 'timeout'] },
  dlq: { args: 'one', options: [] },
  profile: { args: 'any', options: [] },
};

class UsageError extends Error {}

const usageError = (message: string) =>
  process.stderr.write(`sift: ${message}\n${USAGE.split('\n')[0]}\n(npm run sift -- --help lists the commands and options)\n`);

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const values = parsed.values as Values;
  const [command, ...args] = parsed.positionals;
  if (values.help) return { help: true as const };
  if (!command) throw new UsageError('no command given');
  const spec = COMMANDS[command];
  if (!spec) throw new UsageError(`unknown command '${command}'`);
  const foreign = Object.keys(values).filter((k) => !(k in COMMON) && !spec.options.includes(k as keyof typeof OPTIONS));
  if (foreign.length) throw new UsageError(`${foreign.map((k) => `--${k}`).join(', ')} is not an option of ${command}`);
  if (spec.args === 'none' && args.length) throw new UsageError(`${command} takes no arguments (got '${args[0]}')`);
  if (spec.args === 'one' && args.length !== 1) throw new UsageError(`${command} takes exactly one ${{ article: 'ID', dlq: 'action (list or redrive)' }[command] ?? 'KEY'}`);
  if (command === 'dlq' && !['list', 'redrive'].includes(args[0])) throw new UsageError(`dlq takes list or redrive (got '${args[0]}')`);
  if (command === 'profile') {
    if (!['put', 'list', 'test'].includes(args[0])) throw new UsageError(`profile takes put, list or test (got '${args[0] ?? ''}')`);
    if (args[0] === 'list' && args.length > 1) throw new UsageError('profile list takes no arguments');
    if (args[0] !== 'list' && args.length < 2) throw new UsageError(`profile ${args[0]} needs at least one ${args[0] === 'test' ? 'FILE or URL' : 'FILE'}`);
  }
  if (command === 'reprocess' && [args.length > 0, Boolean(values.prefix), values.host !== undefined, Boolean(values.all)].filter(Boolean).length !== 1) {
    throw new UsageError('reprocess takes keys, or --prefix P, or --host H, or --all (one of them)');
  }
  if (command === 'reprocess' && values.host !== undefined) {
    const pattern = hostPattern(values.host);
    if (typeof pattern !== 'string') throw new UsageError(`--host: ${pattern.reason}`);
  }
  if (spec.args === 'many' && !args.length) throw new UsageError(`${command} needs at least one FILE`);
  if (values.local && values.stack) throw new UsageError('--local and --stack exclude each other');
  return { help: false as const, command, args, values };
}

function positiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number of at least 1 (got '${text}')`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  // the extractor parses its own options and needs no target
  if (argv[0] === 'extract') return (await import('./extractCommand.js')).extractCommand(argv.slice(1));
  let request;
  try {
    request = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    usageError(error.message);
    return 2;
  }
  if (request.help) {
    out(USAGE);
    return 0;
  }
  const { command, args, values } = request;
  try {
    // Options are checked before the target is looked up, so a usage error never waits for AWS.
    const limit = positiveInt('limit', values.limit, values.all ? 100 : 20);
    const timeoutSeconds = positiveInt('timeout', values.timeout, 300);
    if (command === 'upload') {
      const dupes = duplicateKeys('', args);
      if (dupes.length) throw new UsageError(`two files would both be uploaded as ${dupes.map((d) => `'${d}'`).join(', ')} and overwrite each other under the upload prefix`);
    }
    if (values.profile) process.env.AWS_PROFILE = values.profile;
    // Paths a person typed are relative to where they ran the command, not to the folder npm runs scripts in.
    const local = values.local === undefined ? undefined : resolve(invocationDir(), values.local);
    const target = await resolveTarget({ local, stack: values.stack, region: values.region, root: ROOT });
    const api = new ApiClient(target.api, target.auth);
    switch (command) {
      case 'upload': return await upload(target, api, args, { json: Boolean(values.json), timeoutMs: timeoutSeconds * 1000 });
      case 'query': return await query(api, values, limit);
      case 'article': return await article(api, args[0], Boolean(values.json));
      case 'reprocess': return await reprocess(target, api, {
        keys: args, prefix: values.prefix, host: values.host === undefined ? undefined : hostPattern(values.host) as string,
        all: Boolean(values.all), timeoutMs: timeoutSeconds * 1000,
      });
      case 'dlq': return await dlq(target, api, args[0] as 'list' | 'redrive', Boolean(values.json));
      case 'profile': {
        const [action, ...files] = args;
        if (action === 'put') return await putProfiles(target, files, out, err);
        if (action === 'list') return await listProfiles(target, Boolean(values.json), out);
        return await testProfiles(target, files, Boolean(values.json), out, err);
      }
      default: return await status(target, api, args[0], Boolean(values.json));
    }
  } catch (error) {
    if (error instanceof UsageError) {
      usageError(error.message);
      return 2;
    }
    if (error instanceof TargetError || isApiError(error)) {
      err(`sift: ${error.message}`);
      return 1;
    }
    err(`sift: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}

const isApiError = (e: unknown): e is ApiRequestError => e instanceof ApiRequestError;

/** A counter on stderr: rewritten in place on a terminal, otherwise a line at most every 2 s and at the end. */
function progressReporter(total: number) {
  const tty = Boolean(process.stderr.isTTY);
  let lastLine = '';
  let lastAt = 0;
  return {
    update(p: { uploaded: number; finished: number; total: number }) {
      if (total < 2) return;
      const line = `uploaded ${p.uploaded}/${p.total}, finished ${p.finished}/${p.total}`;
      if (line === lastLine) return;
      lastLine = line;
      if (tty) process.stderr.write(`\r\u001b[K${line}`);
      else if (Date.now() - lastAt >= 2000 || p.finished === p.total) {
        lastAt = Date.now();
        err(line);
      }
    },
    /** Clears the counter before a result line goes to the same terminal; `redraw` puts it back. */
    clear() {
      if (tty && total >= 2 && lastLine) process.stderr.write('\r\u001b[K');
    },
    redraw() {
      if (tty && total >= 2 && lastLine) process.stderr.write(lastLine);
    },
    done() {
      if (tty && total >= 2 && lastLine) process.stderr.write('\n');
    },
  };
}

async function upload(target: Target, api: ApiClient, files: string[], o: { json: boolean; timeoutMs: number }): Promise<number> {
  const { PutObjectCommand, S3Client } = await import('@aws-sdk/client-s3');
  const s3 = new S3Client(target.s3);
  const progress = progressReporter(files.length);
  try {
    const results = await uploadAndWait(files, {
      readFile: (file) => readFile(resolve(invocationDir(), file)),
      put: async (key, body) => {
        const res = await s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: body }));
        return res.VersionId ? { versionId: res.VersionId } : {};
      },
      status: (key) => api.getUpload(key),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      now: () => Date.now(),
    }, {
      prefix: target.prefix,
      timeoutMs: o.timeoutMs,
      pollMs: target.local ? 250 : 1500,
      concurrency: 8,
      onProgress: (p) => progress.update(p),
      onResult: (r) => {
        progress.clear();
        out(o.json ? JSON.stringify(uploadJson(r)) : uploadLine(r));
        progress.redraw();
      },
    });
    progress.done();
    return results.every((r) => r.status === 'PROCESSED') ? 0 : 1;
  } finally {
    s3.destroy();
  }
}

/** Without --all, `limit` articles at most; with --all, every match, `limit` per request (100 by default). */
async function query(api: ApiClient, values: Values, limit: number): Promise<number> {
  const filter: ArticleQuery = {};
  for (const f of FILTERS) if (values[f] !== undefined) filter[f] = values[f] as string;
  if (values.distinct) filter.distinct = 'story';
  const width = process.stdout.isTTY ? process.stdout.columns : undefined;
  let printed = 0;
  let cursor: string | undefined;
  try {
    do {
      const page = await api.listArticles({ ...filter, limit: Math.min(100, values.all ? limit : limit - printed), ...(cursor ? { cursor } : {}) });
      for (const item of page.items) {
        if (!values.json && printed === 0) out(TABLE_HEADER);
        out(values.json ? JSON.stringify(item) : tableRow(item, width));
        printed++;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor && (values.all || printed < limit));
  } catch (error) {
    // A filter the API rejects is the caller's mistake: a usage error, with the API's reason.
    if (isApiError(error) && error.status === 400) throw new UsageError(error.message.replace(/^the API answered 400: /, ''));
    throw error;
  }
  if (!printed) err('no articles match');
  else if (cursor) err(`${printed} shown; more match: add --all, or a larger --limit`);
  return 0;
}

async function article(api: ApiClient, id: string, json: boolean): Promise<number> {
  const record = await api.getArticle(id);
  if (!record) {
    err(`sift: no article with id '${oneLine(id)}'`);
    return 1;
  }
  out(json ? JSON.stringify(record) : articleText(record));
  return 0;
}

async function status(target: Target, api: ApiClient, key: string, json: boolean): Promise<number> {
  let found = await api.getUpload(key);
  // A bare file name: the key `upload` gives it under the prefix.
  if (!found && !key.startsWith(target.prefix)) found = await api.getUpload(`${target.prefix}${key}`);
  if (!found) {
    err(`sift: no upload with key '${oneLine(key)}' in ${target.description}`);
    return 1;
  }
  out(json ? JSON.stringify(found) : statusText(found));
  return 0;
}

const operationsFor = (target: Target, api: ApiClient) => (target.local ? Promise.resolve(localOperations(api)) : awsOperations(target));

/** Enqueues a reprocess request per upload, then waits until each upload's status is newer than the request. */
async function reprocess(target: Target, api: ApiClient, o: { keys: string[]; prefix?: string; host?: string; all: boolean; timeoutMs: number }): Promise<number> {
  let keys = o.keys;
  if (!keys.length) {
    keys = [];
    let checkedByArticles = 0;
    for await (const upload of api.uploads()) {
      if (upload.status === 'DELETED') continue;
      if (o.host) {
        const found = uploadHasHost(upload, o.host);
        if (found === 'unknown') checkedByArticles++;
        if (found === true || (found === 'unknown' && await articlesHaveHost(api, upload.key, o.host))) keys.push(upload.key);
      } else if (o.all || upload.key.startsWith(o.prefix!)) keys.push(upload.key);
    }
    if (o.host) err(`${keys.length} upload(s) hold pages of ${o.host}${checkedByArticles ? ` (${checkedByArticles} without a full host list were checked by their articles)` : ''}`);
  }
  if (!keys.length) {
    err('no uploads to reprocess');
    return 0;
  }
  const started = new Date().toISOString();
  const operations = await operationsFor(target, api);
  const sent = await operations.enqueue(keys.map((key) => reprocessMessage(target.bucket, key)));
  err(`asked for ${sent} upload(s) to be reprocessed`);
  const progress = progressReporter(keys.length);
  const pending = new Set(keys);
  const outcomes = new Map<string, string>();
  const deadline = Date.now() + o.timeoutMs;
  while (pending.size && Date.now() < deadline) {
    for (const key of [...pending]) {
      const status = await api.getUpload(key);
      if (!status || (status.status !== 'PENDING' && status.updatedAt > started)) {
        pending.delete(key);
        outcomes.set(key, status ? `${status.status}${status.error ? ` (${status.error})` : ''}, ${status.articleIds.length} article(s)` : 'no longer exists');
      }
    }
    progress.update({ uploaded: keys.length, finished: keys.length - pending.size, total: keys.length });
    if (pending.size) await new Promise((r) => setTimeout(r, target.local ? 250 : 2000));
  }
  progress.done();
  for (const key of keys) out(`${oneLine(key)}\t${outcomes.get(key) ?? 'still pending (timed out waiting)'}`);
  return pending.size ? 1 : 0;
}

/**
 * Whether an upload's status says it holds pages of a host: it lists the hosts of its articles (statuses
 * written before hosts were kept, or with more hosts than the status keeps, leave it 'unknown').
 */
function uploadHasHost(upload: UploadStatus, pattern: string): boolean | 'unknown' {
  if (upload.hosts?.some((h) => hostMatches(pattern, h))) return true;
  if (upload.hosts && !upload.hostsTruncated) return false;
  // nothing to find in an upload without articles
  return upload.status === 'PROCESSED' && (upload.articleCount ?? upload.articleIds.length) > 0 ? 'unknown' : false;
}

/** An upload's articles (`?upload=`, through the API), until one's URL is of the host. */
async function articlesHaveHost(api: ApiClient, key: string, pattern: string): Promise<boolean> {
  let cursor: string | undefined;
  do {
    const page = await api.listArticles({ upload: key, limit: 100, ...(cursor ? { cursor } : {}) });
    if (page.items.some((a) => { const host = hostOf(a.url as string | null); return host !== null && hostMatches(pattern, host); })) return true;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return false;
}

async function dlq(target: Target, api: ApiClient, action: 'list' | 'redrive', json: boolean): Promise<number> {
  const operations = await operationsFor(target, api);
  if (action === 'redrive') {
    out(await operations.redrive());
    return 0;
  }
  const letters = await operations.deadLetters();
  for (const letter of letters) out(json ? JSON.stringify(letter) : `${letter.sentAt ?? ''}\t${letter.messageId}\t${oneLine(deadLetterKey(letter.body))}`);
  if (!letters.length) err('the dead-letter queue is empty');
  return 0;
}

// not a top-level await: the bundle is CommonJS, which V8 can keep a code cache of (cli/build.mjs)
void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
