/**
 * The article extraction benchmark's body metric, as /work/shared/tools/lib/metric.mjs computes it:
 * tokens are runs of Unicode letters, digits and `_`; 4-token shingles counted as a multiset;
 * per page tp, fp, fn normalised by their sum; precision and recall averaged over pages; F1 from the
 * two means. Kept identical so in-process numbers match the lead's scorer.
 */
export type Counts = [tp: number, fp: number, fn: number];

export const tokenize = (text: string | null | undefined): string[] => (text || '').match(/[\p{L}\p{N}_]+/gu) ?? [];

function shingleCounts(tokens: string[], n = 4): Map<string, number> {
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const sh = tokens.slice(i, i + n);
    if (!sh.length) continue;
    const key = sh.join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function tpFpFn(trueText: string, predText: string): Counts {
  const t = shingleCounts(tokenize(trueText));
  const p = shingleCounts(tokenize(predText));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const a = t.get(key) ?? 0;
    const b = p.get(key) ?? 0;
    tp += Math.min(a, b);
    fp += Math.max(0, b - a);
    fn += Math.max(0, a - b);
  }
  const s = tp + fp + fn;
  return s > 0 ? [tp / s, fp / s, fn / s] : [0, 0, 0];
}

export const precisionOf = ([tp, fp, fn]: Counts) => (fp === 0 && fn === 0 ? 1 : tp === 0 && fp === 0 ? 0 : tp / (tp + fp));
export const recallOf = ([tp, fp, fn]: Counts) => (fp === 0 && fn === 0 ? 1 : tp === 0 && fn === 0 ? 0 : tp / (tp + fn));
export const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

export interface Aggregate { f1: number; precision: number; recall: number }

export function aggregate(rows: Counts[]): Aggregate {
  const precision = mean(rows.filter(([tp, fp]) => tp + fp > 0).map(precisionOf));
  const recall = mean(rows.filter(([tp, , fn]) => tp + fn > 0).map(recallOf));
  return { f1: (2 * precision * recall) / (precision + recall), precision, recall };
}

export function pageF1(trueText: string, predText: string): number {
  const c = tpFpFn(trueText, predText);
  const pr = precisionOf(c);
  const rc = recallOf(c);
  return pr + rc ? (2 * pr * rc) / (pr + rc) : 0;
}

/** Title comparison: NFKC, harakat and tatweel removed, quotes and whitespace folded, lower case. */
export const norm = (s: string | null | undefined) => (s || '').normalize('NFKC').replace(/[\u064B-\u0652\u0640]/gu, '')
  .replace(/[\s"'“”«»‘’]+/gu, ' ').trim().toLowerCase();
