/**
 * Where the read-only reference material sits, resolved once for every test, eval script and bench: beside
 * the checkout (../shared), whatever folder the command runs in. SIFT_CORPUS, SIFT_CORPUS_MULTI and
 * SIFT_SEEDS point elsewhere; the multi-article set defaults to the folder next to the corpus.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REFERENCE = join(REPO, '..', 'shared');

/** Labelled single-article pages: `<page>/source.html|source.txt|expected.json` and `manifest.json`. */
export const CORPUS = resolve(process.env.SIFT_CORPUS ?? join(REFERENCE, 'corpus'));
/** Labelled plain-text scrapes that join several pages: `*.txt` and `index.json`. */
export const CORPUS_MULTI = resolve(process.env.SIFT_CORPUS_MULTI ?? join(CORPUS, '..', 'corpus-multi'));
/** Annotated seed scrapes: `<name>.txt` with `<name>.expected.json`. */
export const SEEDS = resolve(process.env.SIFT_SEEDS ?? join(REFERENCE, 'seeds'));

/** The file whose presence says a set's labels are there (a folder can exist and hold nothing labelled). */
const LABELS: Record<string, string> = { [CORPUS]: 'manifest.json', [CORPUS_MULTI]: 'index.json' };

/**
 * Whether a test needing the reference set at `dir` should skip because it is not there. Outside CI it
 * may: a checkout without ../shared still runs everything else, and the skip is said on stderr. Under CI
 * (`CI` set) it throws, so the test file fails: a quality floor that skips is a floor that holds nothing.
 */
export function referenceMissing(dir: string): boolean {
  const label = LABELS[dir];
  const probe = label ? join(dir, label) : dir;
  if (existsSync(probe)) return false;
  const why = `reference material missing: ${probe} (check out the reference set beside the repository, or set SIFT_CORPUS / SIFT_CORPUS_MULTI / SIFT_SEEDS)`;
  if (process.env.CI) throw new Error(`${why}; CI runs every test that reads it`);
  console.warn(`skipped, ${why}`);
  return true;
}
