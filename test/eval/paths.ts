/** Where the read-only reference material sits: beside the checkout (../shared); SIFT_CORPUS / SIFT_SEEDS override. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_CORPUS = resolve(process.env.SIFT_CORPUS ?? join(REPO, '..', 'shared', 'corpus'));
export const DEFAULT_SEEDS = resolve(process.env.SIFT_SEEDS ?? join(REPO, '..', 'shared', 'seeds'));
