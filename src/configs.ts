import { createRequire } from 'node:module';

import type { TSESLint } from '@typescript-eslint/utils';

import { rules } from './rules/index.js';
import { sqlRules } from './sql/rules/index.js';

type TsParser = typeof import('@typescript-eslint/parser');

let loadedParser: TsParser | undefined;

/** `@typescript-eslint/parser` (CommonJS), required on first use: it loads the TypeScript compiler (~0.5 s). */
function tsParser(): TsParser {
  loadedParser ??= createRequire(import.meta.url)('@typescript-eslint/parser') as TsParser;
  return loadedParser;
}

/**
 * The parser of the source-file configs, as a small object that loads `@typescript-eslint/parser` only when ESLint
 * first parses a file with it: importing the plugin (for example only to lint `.sql` files) never loads TypeScript.
 * `meta` (name and version, read from the package.json without loading it) lets ESLint cache and serialise configs.
 */
export const lazyTsParser = {
  meta: { name: '@typescript-eslint/parser', version: parserVersion() },
  parseForESLint(code: string, options?: Parameters<TsParser['parseForESLint']>[1]): ReturnType<TsParser['parseForESLint']> {
    return tsParser().parseForESLint(code, options);
  },
};

function parserVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    return (require('@typescript-eslint/parser/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

type RuleMap = Record<string, { meta?: { docs?: { recommended?: boolean } } }>;
type ConfigName = 'recommended' | 'all' | 'recommended-sql' | 'all-sql';

/** The files the TypeScript rules apply to. */
export const SOURCE_FILES = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];
/** The files the SQL rules apply to. */
export const SQL_FILES = ['**/*.sql'];

function severities(ruleMap: RuleMap, pick: (recommended: boolean) => boolean): TSESLint.FlatConfig.Rules {
  const out: TSESLint.FlatConfig.Rules = {};
  for (const [name, rule] of Object.entries(ruleMap)) {
    if (pick(rule.meta?.docs?.recommended === true)) out[`fortress/${name}`] = 'error';
  }
  return out;
}

const isRecommended = (recommended: boolean): boolean => recommended;
const everyRule = (): boolean => true;

/**
 * The shareable configs. Each is ONE flat-config object, because ESLint rejects nested arrays in a config
 * array ("Unexpected array"): `export default [fortress.configs.recommended, fortress.configs['recommended-sql']]`.
 * Source files and `.sql` files need separate objects since a config object has a single `language`.
 */
export function createConfigs(plugin: TSESLint.FlatConfig.Plugin): Record<ConfigName, TSESLint.FlatConfig.Config> {
  const forSource = (name: string, pick: (recommended: boolean) => boolean): TSESLint.FlatConfig.Config => ({
    name: `fortress/${name}`,
    files: SOURCE_FILES,
    plugins: { fortress: plugin },
    languageOptions: { parser: lazyTsParser, sourceType: 'module' },
    rules: severities(rules as RuleMap, pick),
  });
  const forSql = (name: string, pick: (recommended: boolean) => boolean): TSESLint.FlatConfig.Config =>
    ({
      name: `fortress/${name}`,
      files: SQL_FILES,
      plugins: { fortress: plugin },
      language: 'fortress/sql',
      rules: severities(sqlRules as RuleMap, pick),
    }) as TSESLint.FlatConfig.Config;
  return {
    recommended: forSource('recommended', isRecommended),
    all: forSource('all', everyRule),
    'recommended-sql': forSql('recommended-sql', isRecommended),
    'all-sql': forSql('all-sql', everyRule),
  };
}
