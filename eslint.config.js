// The project lints itself: typescript-eslint's recommended config, eslint-plugin-eslint-plugin for the rule
// files, and our own recommended config (built into dist/ by `npm run build`, which `npm test` runs first).
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

import fortress from './dist/index.js';

export default [
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test/fixtures/', 'bench/out/'] },
  ...tseslint.configs.recommended,
  ...fortress.configs.recommended,
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
    // Importing the plugin must not load the TypeScript toolchain: `@typescript-eslint/utils`' root entry loads
    // ESLint's classes and the scope manager (~170 ms), `@typescript-eslint/parser` the TypeScript compiler (~0.5 s).
    // Values come from the utils subpaths; the parser is required lazily by src/configs.ts (test/e2e/import-cost.test.ts).
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@typescript-eslint/utils',
              allowTypeImports: true,
              message:
                "Import values from '@typescript-eslint/utils/eslint-utils', '/ast-utils' or '/json-schema' (the root entry loads ESLint and the scope manager); AST node types are string literals ('Identifier').",
            },
            {
              name: '@typescript-eslint/parser',
              allowTypeImports: true,
              message: 'The parser loads the TypeScript compiler: use the lazy parser of src/configs.ts.',
            },
          ],
        },
      ],
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
