/**
 * `sift upload`: puts files into the drop bucket under the upload prefix (keeping each file's path relative to
 * the folder the command was run from, or its name for a file outside it), then
 * waits for each upload's final status. A status counts only once it is newer than what the key had before
 * this upload (and names this upload's S3 version, when the bucket is versioned), so re-uploading a file
 * waits for the new run instead of reporting the old one.
 */
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import type { UploadStatus } from './apiClient.js';

export interface UploadDeps {
  readFile(file: string): Promise<Uint8Array>;
  put(key: string, body: Uint8Array): Promise<{ versionId?: string }>;
  status(key: string): Promise<UploadStatus | null>;
  sleep(ms: number): Promise<void>;
  now(): number;
}

export interface UploadOptions {
  prefix: string;
  /** Where relative file names start (by default the folder the command was run from). */
  cwd?: string;
  timeoutMs: number;
  pollMs: number;
  /** Files uploaded and statuses read at once. */
  concurrency: number;
  onProgress?(progress: { uploaded: number; finished: number; total: number }): void;
  /** Each file's outcome, in input order, as soon as it and every file before it are known. */
  onResult?(result: UploadResult): void;
}

export type UploadResult =
  | { file: string; key: string; status: 'PROCESSED' | 'FAILED' | 'DELETED'; upload: UploadStatus }
  | { file: string; key: string; status: 'TIMEOUT'; upload: UploadStatus | null }
  | { file: string; key: string; status: 'NOT_UPLOADED'; error: string };

/** The folder the person ran the command from: npm runs scripts in the package folder and says where it was called in INIT_CWD. */
export const invocationDir = () => process.env.INIT_CWD ?? process.cwd();

/**
 * A file's key: its path relative to `cwd` under the prefix (`a/index.html` and `b/index.html` stay apart),
 * or its name alone when it lies outside `cwd`.
 */
export function keyFor(prefix: string, file: string, cwd = invocationDir()): string {
  const path = relative(cwd, resolve(cwd, file));
  const inside = path !== '' && !path.startsWith('..') && !isAbsolute(path);
  return `${prefix}${inside ? path.split(sep).join('/') : basename(file)}`;
}

/** Keys that two of the files would share (they would overwrite each other). */
export function duplicateKeys(prefix: string, files: string[], cwd = invocationDir()): string[] {
  const seen = new Map<string, number>();
  for (const f of files) seen.set(keyFor(prefix, f, cwd), (seen.get(keyFor(prefix, f, cwd)) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([key]) => key);
}

const FINAL = new Set(['PROCESSED', 'FAILED', 'DELETED']);

async function pool<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await run(items[next++]);
  });
  await Promise.all(workers);
}

export async function uploadAndWait(files: string[], deps: UploadDeps, options: UploadOptions): Promise<UploadResult[]> {
  interface Job {
    file: string;
    key: string;
    before?: string;
    versionId?: string;
    result?: UploadResult;
  }
  const jobs: Job[] = files.map((file) => ({ file, key: keyFor(options.prefix, file, options.cwd) }));
  let uploaded = 0;
  let finished = 0;
  let reported = 0;
  const progress = () => options.onProgress?.({ uploaded, finished, total: jobs.length });
  const settle = (job: Job, result: UploadResult) => {
    job.result = result;
    finished++;
    progress();
    while (reported < jobs.length && jobs[reported].result) {
      const ready = jobs[reported++].result!;
      options.onResult?.(ready);
    }
  };

  await pool(jobs, options.concurrency, async (job) => {
    let body: Uint8Array;
    try {
      body = await deps.readFile(job.file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? `no such file: ${job.file}` : code === 'EISDIR' ? `${job.file} is a folder, not a file`
        : `cannot read ${job.file}: ${(error as Error).message}`;
      settle(job, { file: job.file, key: job.key, status: 'NOT_UPLOADED', error: reason });
      return;
    }
    job.before = (await deps.status(job.key))?.updatedAt;
    try {
      job.versionId = (await deps.put(job.key, body)).versionId;
    } catch (error) {
      settle(job, { file: job.file, key: job.key, status: 'NOT_UPLOADED', error: `could not upload to ${job.key}: ${(error as Error).message}` });
      return;
    }
    uploaded++;
    progress();
  });

  const deadline = deps.now() + options.timeoutMs;
  for (;;) {
    const waiting = jobs.filter((j) => !j.result);
    if (!waiting.length) break;
    await pool(waiting, options.concurrency, async (job) => {
      const s = await deps.status(job.key);
      if (!s || !FINAL.has(s.status) || s.updatedAt === job.before) return;
      if (job.versionId && s.versionId && s.versionId !== job.versionId) return;
      settle(job, { file: job.file, key: job.key, status: s.status as 'PROCESSED' | 'FAILED' | 'DELETED', upload: s });
    });
    if (jobs.every((j) => j.result)) break;
    if (deps.now() >= deadline) {
      for (const job of jobs.filter((j) => !j.result)) {
        settle(job, { file: job.file, key: job.key, status: 'TIMEOUT', upload: await deps.status(job.key) });
      }
      break;
    }
    await deps.sleep(options.pollMs);
  }
  return jobs.map((j) => j.result!);
}
