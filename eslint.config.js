// The project lints itself: typescript-eslint's recommended config, eslint-plugin-eslint-plugin for the rule
// files, and our own recommended config (built into dist/ by `npm run build`, which `npm test` runs first).
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

import fortress from './dist/index.js';

export default [
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test/fixtures/', 'bench/out/'] },
  ...tseslint.configs.recommended,
  fortress.configs.recommended,
  {
    files: ['src/rules/*.ts', 'src/sql/rules/*.ts'],
    ...eslintPlugin.configs.recommended,
    rules: {
      ...eslintPlugin.configs.recommended.rules,
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Disallow|Require|Enforce) .+[^. ]$' }],
      'eslint-plugin/require-meta-schema-description': 'error',
      'eslint-plugin/require-meta-default-options': 'error',
      'eslint-plugin/no-meta-schema-default': 'error',
      'eslint-plugin/require-meta-docs-url': 'off', // the URL comes from createRule
    },
  },
  {
    files: ['test/rules/*.test.ts'],
    plugins: { 'eslint-plugin': eslintPlugin },
    rules: {
      'eslint-plugin/no-only-tests': 'error',
      'eslint-plugin/require-test-error-positions': 'off',
    },
  },
];
