/**
 * The files of one `extract` run, read by the core: in this thread alone, or spread over worker threads
 * (cli/extractWorker.ts) when the run has enough bytes to repay their start-up. Either way one line per
 * file, in input order, and the same lines: a worker runs the same `extractFile` on the same options.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  type ArticleRecord, buildProfileSet, extractUploadStream, fingerprintOf, isBadInput, ProfileSet, type ScrapeFormat,
  type StoryFingerprint,
} from '../shared/core/index.js';

/** The file name that stands for standard input. */
export const STDIN = '-';

/** Where relative names start: where the person ran the command (npm runs scripts in the package folder). */
const fromInvocation = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);

/** File-system errors as sentences. */
const FILE_ERRORS: Record<string, (file: string) => string> = {
  ENOENT: (f) => `no such file: ${f}`,
  EISDIR: (f) => `${f} is a directory, not a file`,
  EACCES: (f) => `permission denied reading ${f}`,
};

/** What every thread of a run reads its files with. */
export interface ExtractOptions {
  format: ScrapeFormat | 'auto';
  /** `--profiles DIR`, as given (each worker loads it again: a profile set holds functions, not data). */
  profilesDir?: string;
}

type FileLine =
  | {
    file: string; status: 'ok'; format: ScrapeFormat; encoding: string; documents: number;
    documentErrors?: { position: number; error: string }[]; articleCount: number; warnings?: string[]; articles: ArticleRecord[];
  }
  | { file: string; status: 'failed'; error: string };

/** A file's line, and the story fingerprints of its articles (made where it was read, so on its thread). */
export interface ExtractedFile {
  line: FileLine;
  fingerprints: StoryFingerprint[];
}

/**
 * A worker thread starts by loading the core (about 40 ms of CPU): below this many bytes per extra thread
 * the run is over before a worker would have paid for itself.
 */
const MIN_BYTES_PER_WORKER = 1 << 20;

/** `DIR/*.json`, in name order, as the profiles in force; throws with the file, field and reason of a bad one. */
export async function loadProfileDir(dir: string | undefined): Promise<ProfileSet> {
  if (dir === undefined) return ProfileSet.EMPTY;
  let names: string[];
  const path = fromInvocation(dir);
  try {
    names = (await readdir(path)).filter((n) => n.endsWith('.json')).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new Error(code === 'ENOENT' ? `no such profiles folder: ${dir}` : code === 'ENOTDIR' ? `--profiles takes a folder, and ${dir} is a file` : `could not read the profiles folder ${dir}: ${(error as Error).message}`);
  }
  const documents = await Promise.all(names.map(async (name) => ({ origin: join(dir, name), content: await readFile(join(path, name), 'utf8') })));
  return buildProfileSet(documents);
}

/** One file through the core, and its articles' fingerprints; never a throw. */
export async function extractFile(file: string, format: ScrapeFormat | 'auto', profiles: ProfileSet): Promise<ExtractedFile> {
  const line = await readOne(file, format, profiles);
  return { line, fingerprints: line.status === 'ok' ? line.articles.map((a) => fingerprintOf(a.text)) : [] };
}

/** Bytes a file is read in (as a stream's highWaterMark: the core sees the same chunks either way). */
const READ_CHUNK = 256 * 1024;

/**
 * A file's bytes, a chunk at a time, read in place: the core takes them one after another anyway, and a
 * stream sends each open, read and close to the thread pool and back (the 119 corpus pages: 33-50 ms of CPU
 * through createReadStream, 2-5 ms so). Memory is one chunk ahead of the core, as with a stream.
 */
async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    // the size is a hint for the buffers only: reading goes on to the end, whatever the file does meanwhile
    const size = fstatSync(fd).size;
    for (let offset = 0; ;) {
      const buffer = Buffer.allocUnsafe(offset < size ? Math.min(READ_CHUNK, size - offset) : READ_CHUNK);
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) return;
      offset += n;
      yield n === buffer.length ? buffer : buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** One file through the core: its line, never a throw. */
async function readOne(file: string, format: ScrapeFormat | 'auto', profiles: ProfileSet): Promise<FileLine> {
  try {
    const articles: ArticleRecord[] = [];
    let summary;
    const chunks = file === STDIN ? process.stdin : fileChunks(fromInvocation(file));
    for await (const event of extractUploadStream(chunks, { upload: { bucket: 'local', key: file }, format, batchSize: 1000, profiles })) {
      if (event.kind === 'articles') articles.push(...event.articles);
      else summary = event.summary;
    }
    const s = summary!;
    return {
      file, status: 'ok', format: s.format, encoding: s.encoding, documents: s.documents,
      ...(s.documentErrors.length ? { documentErrors: s.documentErrors } : {}),
      articleCount: articles.length,
      ...(s.warnings.length ? { warnings: s.warnings } : {}),
      articles,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = isBadInput(error) ? error.message
      : FILE_ERRORS[code]?.(file) ?? `could not process the file: ${(error as Error).message}`;
    return { file, status: 'failed', error: reason };
  }
}

/**
 * The extractor worker, built beside this bundle (dist/extractWorker.cjs); none when this module runs from
 * the TypeScript sources (tsx), as Node 20's worker threads do not take tsx's loader.
 */
const WORKER_URL = import.meta.url.endsWith('.ts') ? null : new URL('./extractWorker.cjs', import.meta.url);

/** Extra threads for a run: none for one file or standard input, else one per core beyond this one, as the bytes repay. */
export function workerCount(files: string[], threads: number): number {
  if (!WORKER_URL || files.length < 2 || files.includes(STDIN)) return 0;
  let bytes = 0;
  for (const file of files) {
    try {
      bytes += statSync(fromInvocation(file)).size;
    } catch {
      // a missing file is reported by its line
    }
  }
  return Math.max(0, Math.min(threads - 1, files.length - 1, Math.floor(bytes / MIN_BYTES_PER_WORKER)));
}

/**
 * Threads an `extract` run uses unless told: one. Measured on the 119 corpus pages (12.7 MB, 2 cores, quiet):
 * one thread 1.39-1.48 s wall, 1.9 s CPU; two 1.41-1.50 s wall, 2.6 s CPU (each worker loads and warms up
 * the core again): more threads pay only on runs far longer than that, so they are asked for (`--threads`).
 */
export const DEFAULT_THREADS = 1;

/** Files each worker holds at once: the next is there when it finishes one, while this thread is busy with its own. */
const JOBS_IN_FLIGHT = 2;

/**
 * Every file's line, in input order. With workers, files go out one at a time to whichever thread is free
 * (this one included). A worker that dies on a file (out of memory on a hostile input, say) fails that file
 * with the reason; the files it held besides, and all of one that could not start, go back to the others.
 */
export async function extractFiles(files: string[], options: ExtractOptions, profiles: ProfileSet, workers: number): Promise<ExtractedFile[]> {
  const lines: ExtractedFile[] = new Array(files.length);
  const queue = files.map((_, i) => i);
  const pool = Array.from({ length: workers }, () => runWorker(options, files, lines, queue));
  const drain = async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) lines[i] = await extractFile(files[i]!, options.format, profiles);
  };
  await drain();
  await Promise.all(pool);
  await drain();
  return lines;
}

/** A worker that takes files off the queue until it is empty; resolves when it holds none. */
function runWorker(options: ExtractOptions, files: string[], lines: ExtractedFile[], queue: number[]): Promise<void> {
  return new Promise((done) => {
    const worker = new Worker(WORKER_URL!, { workerData: options });
    // In the order sent: the worker reads them one after another, so the first is the one it is reading.
    const held: number[] = [];
    let ready = false;
    let stopped = false;
    const feed = () => {
      while (held.length < JOBS_IN_FLIGHT && queue.length) {
        const i = queue.shift()!;
        held.push(i);
        worker.postMessage({ index: i, file: files[i] });
      }
      if (!held.length && !stopped) {
        stopped = true;
        void worker.terminate().then(() => done());
      }
    };
    worker.on('message', (message: { ready: true } | { index: number; extracted: ExtractedFile }) => {
      if ('ready' in message) {
        ready = true;
        return;
      }
      lines[message.index] = message.extracted;
      held.splice(held.indexOf(message.index), 1);
      feed();
    });
    const stop = (reason: string) => {
      if (stopped) return;
      stopped = true;
      const reading = ready ? held.shift() : undefined;
      if (reading !== undefined) {
        lines[reading] = { line: { file: files[reading]!, status: 'failed', error: `the extractor stopped on this file: ${reason}` }, fingerprints: [] };
      }
      queue.unshift(...held);
      held.length = 0;
      done();
    };
    worker.on('error', (error) => stop(error.message));
    worker.on('exit', (code) => stop(`its thread exited (code ${code})`));
    feed();
  });
}
