import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/fixtures/**', 'node_modules/**'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Test files of a worker share loaded modules (the rule tester, ESLint, typescript-eslint, the SQL parser's WASM)
    // instead of loading them again for each of the ~100 files: 372 s → about 240 s of suite on 2 cores. Tests that
    // read process-wide counters or caches reset them first (e.g. resetSqlParserLongestInput, clearModuleResolutionCache).
    isolate: false,
  },
});
