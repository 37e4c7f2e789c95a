import fc from 'fast-check';
import { describe, it } from 'vitest';
import { properties } from '../../fuzz/properties.js';

/** A bounded run (a few seconds); `npm run fuzz` runs the same properties far longer. */
const NUM_RUNS = Number(process.env.SIFT_FUZZ_RUNS ?? 60);

describe('properties (fast-check)', () => {
  for (const [name, property] of Object.entries(properties)) {
    it(name, async () => {
      await fc.assert(property as fc.IAsyncPropertyWithHooks<unknown[]>, { numRuns: NUM_RUNS });
    });
  }
});
