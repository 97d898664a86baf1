// Mutation testing (issue 13): `npm run mutate` mutates the rules, the route detection, the schema model, the SQL parser
// wrapper and the audit's checks, and runs the vitest suite of vitest.stryker.config.ts against each mutant.
// One file or folder: `npm run mutate -- --mutate src/sql/schema-model.ts` (the option replaces the list below); one
// file against only its own tests, niced: `npm run mutate:target -- <src file>` (scripts/mutate-target.mjs).
// Incremental: the result of the last run is kept in reports/stryker-incremental.json (committed); a re-run tests only
// the mutants whose code or covering tests changed. `npm run mutate -- --force` ignores it.
// Scores, run times and the equivalent mutants accepted: docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/rules/**/*.ts',
    'src/sql/rules/**/*.ts',
    'src/sql/schema-model.ts',
    'src/sql/parser.ts',
    'src/audit/checks/**/*.ts',
  ],
  // Stryker would prepend `// @ts-nocheck` to test files, which shifts the line numbers the fixture tests assert;
  // vitest does not type-check, so nothing needs it.
  disableTypeChecks: false,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  concurrency: 2,
  // Added to 1.5 × the covering tests' time: a mutant that loops forever (a `while` condition → `true`) costs this, plus a
  // restart of the test worker.
  timeoutMS: 10_000,
  // The first run (every test, one at a time, recording which mutants each covers) takes minutes on a loaded machine.
  dryRunTimeoutMinutes: 30,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  ignorePatterns: ['dist', 'bench/out', 'bench/.tools', 'fuzz-failures', 'reports', 'coverage'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  thresholds: { high: 85, low: 75, break: null },
};
