// `node test/bench/readabilityCommand.mjs FILE...`: Readability 0.6 + linkedom as a whole command, the contender
// of the command bench (command.bench.ts): plain node, no build step, one JSON line per file with Readability's
// result (title, byline, content HTML, text, …), as Sift's `extract` prints one line of records per file.
import { readFileSync } from 'node:fs';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

for (const file of process.argv.slice(2)) {
  const { document } = parseHTML(readFileSync(file, 'utf8'));
  process.stdout.write(`${JSON.stringify({ file, article: new Readability(document).parse() })}\n`);
}
