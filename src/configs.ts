import { createRequire } from 'node:module';

import type { TSESLint } from '@typescript-eslint/utils';

import { prismaRules } from './prisma/rules/index.js';
import { rules } from './rules/index.js';
import { sqlRules } from './sql/rules/index.js';
import { tsParser, type TsParser } from './util/ts-parser.js';

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

type RuleMap = Record<string, { meta?: { docs?: { recommended?: boolean; severity?: 'warn' } } }>;
type ConfigName = 'recommended' | 'all' | 'recommended-sql' | 'all-sql';

/** The files the TypeScript rules apply to. */
export const SOURCE_FILES = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];
/** The files the SQL rules apply to. */
export const SQL_FILES = ['**/*.sql'];
/**
 * JavaScript/TypeScript migrations whose `up` SQL the `fortress/migrations` processor hands to the SQL rules: the code
 * files of a `migrations/` folder (the folder of the migration sets, src/sql/migrations.ts). The processor lints only
 * those of them that run literal SQL in `up`; every other file is linted as itself and nothing more.
 */
export const CODE_MIGRATION_FILES = ['**/migrations/*.{js,cjs,mjs,ts,cts,mts}'];
/** The files the Prisma schema rules apply to. */
export const PRISMA_FILES = ['**/*.prisma'];

function severities(ruleMap: RuleMap, pick: (recommended: boolean) => boolean): TSESLint.FlatConfig.Rules {
  const out: TSESLint.FlatConfig.Rules = {};
  for (const [name, rule] of Object.entries(ruleMap)) {
    if (pick(rule.meta?.docs?.recommended === true)) out[`fortress/${name}`] = rule.meta?.docs?.severity ?? 'error';
  }
  return out;
}

const isRecommended = (recommended: boolean): boolean => recommended;
const everyRule = (): boolean => true;

/** A config object that is also the list of its blocks: `[config]` is the object alone, `[...config]` every block. */
export type FortressConfig = TSESLint.FlatConfig.Config & Iterable<TSESLint.FlatConfig.Config>;

/**
 * Makes `config` iterable over `[config, ...more]`. The iterator is a non-enumerable symbol property: ESLint reads a
 * config object's own enumerable string keys only, so the object still validates and merges as a plain config.
 */
function withBlocks(config: TSESLint.FlatConfig.Config, ...more: TSESLint.FlatConfig.Config[]): FortressConfig {
  const blocks = [config, ...more];
  return Object.defineProperty(config, Symbol.iterator, {
    value: () => blocks[Symbol.iterator](),
    enumerable: false,
  }) as FortressConfig;
}

/**
 * The shareable configs. ESLint rejects nested arrays in a config array ("Unexpected array"), and a config object has
 * a single `language`, so source files and `.sql` files need separate objects:
 * - `recommended` / `all` are the source-file object, usable alone (`export default [fortress.configs.recommended]`),
 *   and iterate over it plus the `.sql` block, so `[...fortress.configs.recommended]` lints both;
 * - `recommended-sql` / `all-sql` are the `.sql` block alone.
 * `recommended` / `all` also iterate over a `.prisma` block (the `fortress/prisma` language, Prisma schema rules) and a
 * block that runs the `fortress/migrations` processor on JavaScript/TypeScript migrations (their `up` SQL is linted as
 * a virtual `.sql` block by the `.sql` block's rules).
 */
export function createConfigs(plugin: TSESLint.FlatConfig.Plugin): Record<ConfigName, FortressConfig> {
  const forSource = (name: string, pick: (recommended: boolean) => boolean): TSESLint.FlatConfig.Config => ({
    name: `fortress/${name}`,
    files: SOURCE_FILES,
    plugins: { fortress: plugin },
    languageOptions: { parser: lazyTsParser, sourceType: 'module' },
    rules: severities(rules as RuleMap, pick),
  });
  /** A block of one of the plugin's own languages (`sql`, `prisma`): its files and its rules. */
  const forLanguage =
    (language: 'sql' | 'prisma', files: string[], ruleMap: RuleMap) =>
    (name: string, pick: (recommended: boolean) => boolean): TSESLint.FlatConfig.Config =>
      ({ name: `fortress/${name}`, files, plugins: { fortress: plugin }, language: `fortress/${language}`, rules: severities(ruleMap, pick) }) as TSESLint.FlatConfig.Config;
  const forSql = forLanguage('sql', SQL_FILES, sqlRules as RuleMap);
  const forPrisma = forLanguage('prisma', PRISMA_FILES, prismaRules as RuleMap);
  const recommendedSql = withBlocks(forSql('recommended-sql', isRecommended));
  const allSql = withBlocks(forSql('all-sql', everyRule));
  // Only with the source-file block: it gives `.ts` migrations their parser (the processor lints the file itself too).
  const forCodeMigrations = (name: string): TSESLint.FlatConfig.Config =>
    ({ name: `fortress/${name}`, files: CODE_MIGRATION_FILES, plugins: { fortress: plugin }, processor: 'fortress/migrations' }) as TSESLint.FlatConfig.Config;
  // In `recommended`, sql-no-unbatched-backfill stays off on the SQL of code migrations: there, most of its findings
  // on real code were one-row updates of seed tables by a natural key (`UPDATE permissions … WHERE permission = '…'`,
  // 57 of 111 on Unleash; docs/precision.md), which the rule cannot yet tell from a backfill. `all` keeps it on.
  const codeMigrationSql: TSESLint.FlatConfig.Config = {
    name: 'fortress/recommended-migrations-sql',
    files: CODE_MIGRATION_FILES.map((pattern) => `${pattern}/*.sql`),
    rules: { 'fortress/sql-no-unbatched-backfill': 'off' },
  };
  return {
    // The processor block comes last: the source, `.sql` and `.prisma` blocks keep their places in the iteration.
    recommended: withBlocks(
      forSource('recommended', isRecommended),
      recommendedSql,
      forPrisma('recommended-prisma', isRecommended),
      forCodeMigrations('recommended-migrations'),
      codeMigrationSql,
    ),
    all: withBlocks(forSource('all', everyRule), allSql, forPrisma('all-prisma', everyRule), forCodeMigrations('all-migrations')),
    'recommended-sql': recommendedSql,
    'all-sql': allSql,
  };
}
