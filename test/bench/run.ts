/**
 * `npm run bench`: every benchmark section in test/bench/*.bench.ts, in name order, or only those named
 * on the command line (`npm run bench -- text html`). Each module's default export is an async function
 * that prints its own report lines.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const sections = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort()
  .filter((f) => !wanted.length || wanted.some((w) => f.startsWith(w)));
for (const file of sections) {
  console.log(`\n## ${file.replace('.bench.ts', '')}`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<void> };
  await mod.default();
}
