/**
 * `npm run --silent extract -- [--format auto|text|html|json|jsonl|warc] [--profiles DIR] FILE...`
 * Runs the same core as the ingest Lambda on local files (CONTRACT.md section 2): one JSON line per file,
 * in input order; exit 0 when every file was processed, 1 when any failed, 2 on a usage error.
 * Files are streamed through the core (`extractUploadStream`), so a multi-GB WARC needs no more memory
 * than its records' output. `--profiles DIR` applies the source profiles in `DIR/*.json` (CONTRACT.md
 * section 5); a profile that cannot be used is a usage error naming the file, the field and the reason.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isBadInput } from '../shared/errors.js';
import { extractUploadStream, type UploadSummary } from '../shared/extractUpload.js';
import { buildProfileSet, ProfileSet } from '../shared/html/profiles.js';
import type { ArticleRecord, ScrapeFormat } from '../shared/model.js';

const FORMATS = ['auto', 'text', 'html', 'json', 'jsonl', 'warc'] as const;
const USAGE = 'usage: npm run --silent extract -- [--format auto|text|html|json|jsonl|warc] [--profiles DIR] FILE...';

/** File-system errors as sentences. */
const FILE_ERRORS: Record<string, (file: string) => string> = {
  ENOENT: (f) => `no such file: ${f}`,
  EISDIR: (f) => `${f} is a directory, not a file`,
  EACCES: (f) => `permission denied reading ${f}`,
};

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'auto' }, profiles: { type: 'string' } } });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const format = parsed.values.format as ScrapeFormat | 'auto';
  if (!FORMATS.includes(format) || !parsed.positionals.length) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let profiles = ProfileSet.EMPTY;
  if (parsed.values.profiles !== undefined) {
    try {
      profiles = await loadProfileDir(parsed.values.profiles);
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
      return 2;
    }
  }
  let failed = 0;
  for (const file of parsed.positionals) {
    const line = await extractFile(file, format, profiles);
    if (line.status !== 'ok') failed++;
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  return failed ? 1 : 0;
}

/** `DIR/*.json`, in name order, as the profiles in force; throws with the file, field and reason of a bad one. */
async function loadProfileDir(dir: string): Promise<ProfileSet> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new Error(code === 'ENOENT' ? `no such profiles folder: ${dir}` : code === 'ENOTDIR' ? `--profiles takes a folder, and ${dir} is a file` : `could not read the profiles folder ${dir}: ${(error as Error).message}`);
  }
  const documents = await Promise.all(names.map(async (name) => ({ origin: join(dir, name), content: await readFile(join(dir, name), 'utf8') })));
  return buildProfileSet(documents);
}

async function extractFile(file: string, format: ScrapeFormat | 'auto', profiles: ProfileSet) {
  try {
    const articles: ArticleRecord[] = [];
    let summary: UploadSummary | undefined;
    const chunks = createReadStream(file, { highWaterMark: 256 * 1024 });
    for await (const event of extractUploadStream(chunks, { upload: { bucket: 'local', key: file }, format, batchSize: 1000, profiles })) {
      if (event.kind === 'articles') articles.push(...event.articles);
      else summary = event.summary;
    }
    const s = summary!;
    return {
      file, status: 'ok' as const, format: s.format, encoding: s.encoding, documents: s.documents,
      ...(s.documentErrors.length ? { documentErrors: s.documentErrors } : {}),
      articles,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = isBadInput(error) ? error.message
      : FILE_ERRORS[code]?.(file) ?? `could not process the file: ${(error as Error).message}`;
    return { file, status: 'failed' as const, error: reason };
  }
}

process.exitCode = await main(process.argv.slice(2));
