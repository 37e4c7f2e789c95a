/**
 * `npm run fuzz`: the property-based checks of test/fuzz/properties.ts with many more runs than the unit
 * tests use. SIFT_FUZZ_RUNS sets the runs per property (default 10000); a failure prints fast-check's
 * shrunk counterexample and exits 1.
 */
import { checkAll } from './properties.js';

const runs = Number(process.env.SIFT_FUZZ_RUNS ?? 10000);
try {
  await checkAll(runs, (line) => console.log(line));
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
