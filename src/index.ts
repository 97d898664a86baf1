import { readFileSync } from 'node:fs';

import type { TSESLint } from '@typescript-eslint/utils';

import { createConfigs } from './configs.js';
import { rules } from './rules/index.js';
import { sql } from './sql/language.js';
import { sqlRules } from './sql/rules/index.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

const plugin = {
  meta: { name: packageJson.name, version: packageJson.version },
  rules: { ...rules, ...sqlRules },
  languages: { sql },
  configs: {} as ReturnType<typeof createConfigs>,
};

Object.assign(plugin.configs, createConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin));

export default plugin;
// `require('eslint-plugin-fortress')` from a CommonJS config returns the plugin itself (Node's require(esm) interop).
export { plugin as 'module.exports' };
