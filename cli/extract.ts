/**
 * `npm run --silent extract -- [--format auto|text|html|json|jsonl|warc] [--profiles DIR] FILE...`: the command
 * line extractor (cli/extractCommand.ts; CONTRACT.md section 2). Built into dist/extract.cjs (cli/build.mjs).
 */
import { extractCommand } from './extractCommand.js';

// not a top-level await: the bundle is CommonJS, which V8 can keep a code cache of (cli/build.mjs)
void extractCommand(process.argv.slice(2)).then((code) => { process.exitCode = code; });
