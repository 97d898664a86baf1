import { readFileSync } from 'node:fs';

import type { TSESLint } from '@typescript-eslint/utils';
import type { ESLint, Linter } from 'eslint';

import { createConfigs } from './configs.js';
import { prisma } from './prisma/language.js';
import { prismaRules } from './prisma/rules/index.js';
import { rules } from './rules/index.js';
import { sql } from './sql/language.js';
import { migrationsProcessor } from './sql/migration-processor.js';
import { sqlRules } from './sql/rules/index.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

// The public types are written in ESLint's own terms (`eslint` is a peer dependency: they follow the user's ESLint 9
// or 10), and in this file only, so dist/index.d.ts needs no other file of dist/: `defineConfig`, `Linter.Config[]`
// and `ESLint.Plugin` accept the plugin and its configs (test/types/eslint-types.ts).

/** A shareable config: a flat config object that is also iterable over its blocks (`[...config]`). */
export type FortressConfig = Linter.Config & Iterable<Linter.Config>;
export type FortressConfigName = 'recommended' | 'all' | 'recommended-sql' | 'all-sql';
type PluginRule = NonNullable<ESLint.Plugin['rules']>[string];
type PluginLanguage = NonNullable<ESLint.Plugin['languages']>[string];
type PluginProcessor = NonNullable<ESLint.Plugin['processors']>[string];

export interface FortressPlugin extends ESLint.Plugin {
  meta: { name: string; version: string };
  rules: Record<string, PluginRule>;
  languages: { sql: PluginLanguage; prisma: PluginLanguage };
  processors: { migrations: PluginProcessor };
  configs: Record<FortressConfigName, FortressConfig>;
}

// The rule creators' types (typescript-eslint's RuleModule, the SQL rule type) describe the same objects as
// ESLint's rule and language types, in other libraries' terms: the casts below only change the names.
const plugin: FortressPlugin = {
  meta: { name: packageJson.name, version: packageJson.version },
  rules: { ...rules, ...sqlRules, ...prismaRules } as unknown as Record<string, PluginRule>,
  languages: { sql: sql as unknown as PluginLanguage, prisma: prisma as unknown as PluginLanguage },
  processors: { migrations: migrationsProcessor as PluginProcessor },
  configs: {} as Record<FortressConfigName, FortressConfig>,
};

Object.assign(plugin.configs, createConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin));

export default plugin;
// `require('eslint-plugin-fortress')` from a CommonJS config returns the plugin itself (Node's require(esm) interop).
export { plugin as 'module.exports' };
