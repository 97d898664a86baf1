// The long fuzz run only (`npm run fuzz`, scripts/fuzz.mjs); `npm test` uses vitest.config.ts.
import { defineConfig } from 'vitest/config';

const minutes = Number(process.env.FUZZ_MINUTES ?? '1');

export default defineConfig({
  test: {
    include: ['test/fuzz/long-run.fuzz.ts'],
    setupFiles: ['test/setup.ts'],
    // The run stops itself at its deadline; the timeout only catches a single input that hangs past it.
    testTimeout: (minutes * 60 + 600) * 1000,
    pool: 'forks',
  },
});
