/**
 * `npm run --silent extract -- [--format auto|text|html|json|jsonl|warc] [--profiles DIR] [--threads N] FILE...` (`-` is
 * standard input)
 * Runs the same core as the ingest Lambda on local files (CONTRACT.md section 2): one JSON line per file,
 * in input order; exit 0 when every file was processed, 1 when any failed, 2 on a usage error.
 * Files are streamed through the core (`extractUploadStream`), so a multi-GB WARC needs no more memory
 * than its records' output. `--profiles DIR` applies the source profiles in `DIR/*.json` (CONTRACT.md
 * section 5); a profile that cannot be used is a usage error naming the file, the field and the reason.
 * `--threads N` spreads a run's files over N threads (worker threads, cli/extractFiles.ts; default one),
 * and prints the same lines in the same order as one thread would.
 * Copies of one story among the run's files share a `story` (shared/core/story), so the lines are written
 * once every file is read.
 */
import { parseArgs } from 'node:util';
import { groupStories, ProfileSet, type ScrapeFormat } from '../shared/core/index.js';
import { DEFAULT_THREADS, extractFiles, loadProfileDir, STDIN, workerCount } from './extractFiles.js';

const FORMATS = ['auto', 'text', 'html', 'json', 'jsonl', 'warc'] as const;
const USAGE = 'usage: npm run --silent extract -- [--format auto|text|html|json|jsonl|warc] [--profiles DIR] [--threads N] FILE...';
const HELP = `${USAGE}

Extracts the articles of each scrape FILE (HTML, plain text, scraper JSON or JSON Lines, WARC; gzip or not)
with the same core as the ingest function, offline. \`-\` reads standard input.
Prints one JSON line per file: {"file","status":"ok","format","articles":[...]} or {"file","status":"failed","error"}.
Exit status: 0 when every file was processed, 1 when any failed, 2 on a usage error.

  --format F      read every file as F instead of detecting it: ${FORMATS.join(', ')} (default auto)
  --profiles DIR  apply the source profiles in DIR/*.json
  --threads N     read files on at most N threads (default 1; from 1 MiB of input per extra thread)
  -h, --help      this text
`;

/** The command over its arguments; resolves to the exit status. cli/extract.ts runs it, and so does `sift extract`. */
export async function extractCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        format: { type: 'string', default: 'auto' }, profiles: { type: 'string' }, threads: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
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
  const threads = parsed.values.threads === undefined ? DEFAULT_THREADS : Number(parsed.values.threads);
  if (!Number.isInteger(threads) || threads < 1) return usageError(`--threads takes a whole number of at least 1, not '${parsed.values.threads}'`);
  let profiles: ProfileSet;
  try {
    profiles = await loadProfileDir(parsed.values.profiles);
  } catch (error) {
    return usageError((error as Error).message);
  }
  const files = parsed.positionals;
  const extracted = await extractFiles(files, { format, profilesDir: parsed.values.profiles }, profiles, workerCount(files, threads));
  const lines = extracted.map((e) => e.line);
  // One story stage over the whole run, in input order: the first copy of a story names it.
  const grouped = groupStories(lines.flatMap((l) => (l.status === 'ok' ? l.articles : [])), extracted.flatMap((e) => e.fingerprints));
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

