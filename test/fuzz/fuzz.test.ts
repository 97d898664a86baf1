// The short, seeded fuzz suite of issue 11 (see docs/reliability.md). Fixed seed by default; FUZZ_SEED=<n> replays
// another. Generator sizes: SHORT_SIZES in properties.ts.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

import { assertParses } from '../sql/sql-rule-tester.js';
import { CORPUS_STATEMENTS } from './corpus.js';
import { cleanupFuzzDirs, fuzzProperties } from './properties.js';

const DEFAULT_SEED = 20261103;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : DEFAULT_SEED;

afterAll(cleanupFuzzDirs);

describe(`fuzz (seed ${seed})`, () => {
  it('every corpus statement parses with the real parser', () => {
    for (const statement of CORPUS_STATEMENTS) expect(() => assertParses(statement)).not.toThrow();
  });

  for (const { name, arbitrary, check, runs } of fuzzProperties('short')) {
    it(name, () => {
      fc.assert(fc.property(arbitrary, check), { seed, numRuns: runs, endOnFailure: false });
    });
  }
});
