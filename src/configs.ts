import type { TSESLint } from '@typescript-eslint/utils';
import * as tsParser from '@typescript-eslint/parser';

import { rules } from './rules/index.js';
import { sqlRules } from './sql/rules/index.js';

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
    languageOptions: { parser: tsParser, sourceType: 'module' },
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
