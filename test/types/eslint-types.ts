// Compiled by test/repo/types.test.ts with `tsc --noEmit` against the BUILT types (dist/index.d.ts, through the
// package's own name and `exports`): the plugin and its configs must be what ESLint's own types expect, so that
// eslint.config.ts and `// @ts-check` users get no TS2322. ESLint 10's types (`eslint`) and ESLint 9's (`eslint-v9`).
import type { ESLint, Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import type { ESLint as ESLint9, Linter as Linter9 } from 'eslint-v9';
import { defineConfig as defineConfig9 } from 'eslint-v9/config';
import fortress from 'eslint-plugin-fortress';

export const plugin: ESLint.Plugin = fortress;
export const spread: Linter.Config[] = [...fortress.configs.recommended, ...fortress.configs.all];
export const single: Linter.Config[] = [fortress.configs.recommended, fortress.configs['recommended-sql'], fortress.configs['all-sql']];
export const defined = defineConfig([...fortress.configs.recommended], {
  extends: [fortress.configs.recommended],
  rules: { 'fortress/no-cross-module-imports': ['error', { allowPublicApi: false }] },
});
export const withPlugin = defineConfig({ plugins: { fortress }, rules: { 'fortress/no-console-log': 'error' } });

export const plugin9: ESLint9.Plugin = fortress;
export const spread9: Linter9.Config[] = [...fortress.configs.recommended, fortress.configs['all-sql']];
export const defined9 = defineConfig9([...fortress.configs.recommended], { plugins: { fortress } });
