// Reading a TS/JS file of the audited project with the same ESTree AST and SourceCode an ESLint rule gets: a
// collector "rule" runs in ESLint's Linter over the file (parsed by the plugin's lazy typescript-eslint parser), so
// the audit calls the helpers of src/rules/utils and src/sql (query calls, SQL in TS) exactly as the rules do.
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import { lazyTsParser } from '../../configs.js';

export type Collector = (context: Readonly<TSESLint.RuleContext<string, []>>) => TSESLint.RuleListener;

/** Files above this size are not parsed (named in a Notice): minified bundles and generated code hold no schema. */
export const MAX_PARSED_SIZE = 1024 * 1024;

const TS_EXTENSION = /\.(?:[cm]?[jt]sx?)$/i;
const DECLARATION = /\.d\.[cm]?ts$/i;

export function isScriptFile(file: string): boolean {
  return TS_EXTENSION.test(file) && !DECLARATION.test(file);
}

/** Globs of every script extension: a config object matching every file would not make ESLint lint a `.ts` file (a universal pattern alone matches nothing). */
const SCRIPT_GLOBS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];

let linter: Linter | undefined;

/**
 * Runs `collector` over `text` (the file `file`). Returns undefined on success, or the parse error's message
 * (`line:column message`); never throws.
 */
export function visitScript(file: string, text: string, collector: Collector): string | undefined {
  linter ??= new Linter({ configType: 'flat' });
  const jsx = /x$/i.test(file);
  const config = [
    {
      files: SCRIPT_GLOBS,
      languageOptions: { parser: lazyTsParser, sourceType: 'module' as const, parserOptions: { ecmaFeatures: { jsx } } },
      plugins: { audit: { rules: { collect: { meta: { type: 'problem' as const, schema: [] }, create: collector } } } },
      rules: { 'audit/collect': 'error' as const },
    },
  ];
  try {
    const messages = linter.verify(text, config as unknown as Linter.Config[], { filename: file });
    const fatal = messages.find((message) => message.fatal);
    return fatal ? `${fatal.line}:${fatal.column} ${fatal.message}` : undefined;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}
