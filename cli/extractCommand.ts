/**
 * `npm run --silent extract -- [--format auto|text|html|json|jsonl|warc] [--profiles DIR] FILE...` (`-` is standard input)
 * Runs the same core as the ingest Lambda on local files (CONTRACT.md section 2): one JSON line per file,
 * in input order; exit 0 when every file was processed, 1 when any failed, 2 on a usage error.
 * Files are streamed through the core (`extractUploadStream`), so a multi-GB WARC needs no more memory
 * than its records' output. `--profiles DIR` applies the source profiles in `DIR/*.json` (CONTRACT.md
 * section 5); a profile that cannot be used is a usage error naming the file, the field and the reason.
 * Copies of one story among the run's files share a `story` (shared/core/story), so the lines are written
 * once every file is read.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type ArticleRecord, buildProfileSet, extractUploadStream, groupStories, isBadInput, ProfileSet,
  type ScrapeFormat, type UploadSummary,
} from '../shared/core/index.js';

const FORMATS = ['auto', 'text', 'html', 'json', 'jsonl', 'warc'] as const;
const USAGE = 'usage: npm run --silent extract -- [--format auto|text|html|json|jsonl|warc] [--profiles DIR] FILE...';
const HELP = `${USAGE}

Extracts the articles of each scrape FILE (HTML, plain text, scraper JSON or JSON Lines, WARC; gzip or not)
with the same core as the ingest function, offline. \`-\` reads standard input.
Prints one JSON line per file: {"file","status":"ok","format","articles":[...]} or {"file","status":"failed","error"}.
Exit status: 0 when every file was processed, 1 when any failed, 2 on a usage error.

  --format F      read every file as F instead of detecting it: ${FORMATS.join(', ')} (default auto)
  --profiles DIR  apply the source profiles in DIR/*.json
  -h, --help      this text
`;
/** The file name that stands for standard input. */
const STDIN = '-';

/** Where relative names start: where the person ran the command (npm runs scripts in the package folder). */
const fromInvocation = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);

/** File-system errors as sentences. */
const FILE_ERRORS: Record<string, (file: string) => string> = {
  ENOENT: (f) => `no such file: ${f}`,
  EISDIR: (f) => `${f} is a directory, not a file`,
  EACCES: (f) => `permission denied reading ${f}`,
};

/** The command over its arguments; resolves to the exit status. cli/extract.ts runs it, and so does `sift extract`. */
export async function extractCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: { format: { type: 'string', default: 'auto' }, profiles: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const format = parsed.values.format as ScrapeFormat | 'auto';
  if (!FORMATS.includes(format)) return usageError(`unknown format '${format}': use one of ${FORMATS.join(', ')}`);
  if (!parsed.positionals.length) return usageError('no FILE given (`-` reads standard input)');
  if (parsed.positionals.filter((f) => f === STDIN).length > 1) return usageError('`-` (standard input) may be given once');
  let profiles = ProfileSet.EMPTY;
  if (parsed.values.profiles !== undefined) {
    try {
      profiles = await loadProfileDir(parsed.values.profiles);
    } catch (error) {
      return usageError((error as Error).message);
    }
  }
  const lines = [];
  for (const file of parsed.positionals) lines.push(await extractFile(file, format, profiles));
  // One story stage over the whole run, in input order: the first copy of a story names it.
  const grouped = groupStories(lines.flatMap((l) => (l.status === 'ok' ? l.articles : [])));
  let next = 0;
  for (const line of lines) {
    if (line.status === 'ok') line.articles = grouped.slice(next, (next += line.articles.length));
    // what the status says, said to the person at the terminal too (stdout stays machine-readable)
    if (line.status === 'ok') for (const w of line.warnings ?? []) process.stderr.write(`${line.file}: warning: ${w}\n`);
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  return lines.some((l) => l.status !== 'ok') ? 1 : 0;
}

function usageError(reason: string): number {
  process.stderr.write(`extract: ${reason}\n${USAGE}\n`);
  return 2;
}

/** `DIR/*.json`, in name order, as the profiles in force; throws with the file, field and reason of a bad one. */
async function loadProfileDir(dir: string): Promise<ProfileSet> {
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

async function extractFile(file: string, format: ScrapeFormat | 'auto', profiles: ProfileSet) {
  try {
    const articles: ArticleRecord[] = [];
    let summary: UploadSummary | undefined;
    const chunks = file === STDIN ? process.stdin : createReadStream(fromInvocation(file), { highWaterMark: 256 * 1024 });
    for await (const event of extractUploadStream(chunks, { upload: { bucket: 'local', key: file }, format, batchSize: 1000, profiles })) {
      if (event.kind === 'articles') articles.push(...event.articles);
      else summary = event.summary;
    }
    const s = summary!;
    return {
      file, status: 'ok' as const, format: s.format, encoding: s.encoding, documents: s.documents,
      ...(s.documentErrors.length ? { documentErrors: s.documentErrors } : {}),
      articleCount: articles.length,
      ...(s.warnings.length ? { warnings: s.warnings } : {}),
      articles,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = isBadInput(error) ? error.message
      : FILE_ERRORS[code]?.(file) ?? `could not process the file: ${(error as Error).message}`;
    return { file, status: 'failed' as const, error: reason };
  }
}
