/**
 * `npm run --silent extract -- [--format auto|text|html|json|jsonl|warc] [--profiles DIR] FILE...`: the command
 * line extractor (cli/extractCommand.ts; CONTRACT.md section 2). Built into dist/extract.mjs (cli/build.mjs).
 */
import { extractCommand } from './extractCommand.js';

process.exitCode = await extractCommand(process.argv.slice(2));
