/**
 * `npm run --silent extract -- [--format auto|text|html|json|jsonl|warc] FILE...`
 * Runs the same core as the ingest Lambda on local files (CONTRACT.md section 2): one JSON line per file,
 * in input order; exit 0 when every file was processed, 1 when any failed, 2 on a usage error.
 * Files are streamed through the core (`extractUploadStream`), so a multi-GB WARC needs no more memory
 * than its records' output.
 */
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { isBadInput } from '../shared/errors.js';
import { extractUploadStream, type UploadSummary } from '../shared/extractUpload.js';
import type { ArticleRecord, ScrapeFormat } from '../shared/model.js';

const FORMATS = ['auto', 'text', 'html', 'json', 'jsonl', 'warc'] as const;
const USAGE = 'usage: npm run --silent extract -- [--format auto|text|html|json|jsonl|warc] FILE...';

/** File-system errors as sentences. */
const FILE_ERRORS: Record<string, (file: string) => string> = {
  ENOENT: (f) => `no such file: ${f}`,
  EISDIR: (f) => `${f} is a directory, not a file`,
  EACCES: (f) => `permission denied reading ${f}`,
};

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'auto' } } });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const format = parsed.values.format as ScrapeFormat | 'auto';
  if (!FORMATS.includes(format) || !parsed.positionals.length) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let failed = 0;
  for (const file of parsed.positionals) {
    const line = await extractFile(file, format);
    if (line.status !== 'ok') failed++;
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  return failed ? 1 : 0;
}

async function extractFile(file: string, format: ScrapeFormat | 'auto') {
  try {
    const articles: ArticleRecord[] = [];
    let summary: UploadSummary | undefined;
    const chunks = createReadStream(file, { highWaterMark: 256 * 1024 });
    for await (const event of extractUploadStream(chunks, { upload: { bucket: 'local', key: file }, format, batchSize: 1000 })) {
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
