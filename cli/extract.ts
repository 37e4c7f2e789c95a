/**
 * `npm run --silent extract -- [--format auto|text|html|json|jsonl|warc] FILE...`
 * Runs the same core as the ingest Lambda on local files (CONTRACT.md section 2): one JSON line per file,
 * in input order; exit 0 when every file was processed, 1 when any failed, 2 on a usage error.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isBadInput } from '../shared/errors.js';
import { extractUpload } from '../shared/extractUpload.js';
import type { ScrapeFormat } from '../shared/model.js';

const FORMATS = ['auto', 'text', 'html', 'json', 'jsonl', 'warc'] as const;
const USAGE = 'usage: npm run --silent extract -- [--format auto|text|html|json|jsonl|warc] FILE...';

function main(argv: string[]): number {
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
    const line = extractFile(file, format);
    if (line.status !== 'ok') failed++;
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  return failed ? 1 : 0;
}

function extractFile(file: string, format: ScrapeFormat | 'auto') {
  try {
    const bytes = readFileSync(file);
    const result = extractUpload(bytes, { upload: { bucket: 'local', key: file }, format });
    return {
      file, status: 'ok' as const, format: result.format, encoding: result.encoding,
      ...(result.documentErrors.length ? { documentErrors: result.documentErrors } : {}),
      articles: result.articles,
    };
  } catch (error) {
    const reason = isBadInput(error) ? error.message
      : (error as NodeJS.ErrnoException).code === 'ENOENT' ? `no such file: ${file}`
      : `could not process the file: ${(error as Error).message}`;
    return { file, status: 'failed' as const, error: reason };
  }
}

process.exitCode = main(process.argv.slice(2));
