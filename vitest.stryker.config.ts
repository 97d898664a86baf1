// The vitest run Stryker uses for mutation testing (`npm run mutate`, stryker.config.mjs); `npm test` uses vitest.config.ts.
// Stryker mutates src/ in a sandbox and runs the tests that cover each mutant. Left out here, because a mutant in src/
// cannot be seen by them or they are too slow to re-run for every mutant (docs/testing.md says what this means for the score):
// - test/e2e/**, test/repo/package-files, test/repo/types, test/sql/esm-cjs-config, test/sql/wasm-tiering: they run the
//   BUILT package (dist/), which Stryker does not rebuild per mutant, so they would test the unmutated code;
// - test/fuzz/**: property runs with random inputs, not attributable to one mutant and slow;
// - test/**/*.pg.test.ts: PostgreSQL ground truth, an initdb and a server start per run.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [
      'test/fixtures/**',
      'node_modules/**',
      'test/e2e/**',
      'test/fuzz/**',
      'test/**/*.pg.test.ts',
      'test/repo/package-files.test.ts',
      'test/repo/types.test.ts',
      'test/sql/esm-cjs-config.test.ts',
      'test/sql/wasm-tiering.test.ts',
    ],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
