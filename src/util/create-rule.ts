import type { RuleContext } from '@eslint/core';
import * as ESLintUtils from '@typescript-eslint/utils/eslint-utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

import type { SqlAstNode, SqlLanguageOptions, SqlProgram, SqlSourceCode, SqlStatementNode } from '../sql/language.js';

import { REPOSITORY_URL, ruleDocsUrl } from './docs-urls.js';
import { noListeners, optionsWithDefaults, speaks } from './rule-options.js';

export { REPOSITORY_URL };

export interface FortressRuleDocs {
  /** In `configs.recommended`. Every rule is in `configs.all`. */
  recommended?: boolean;
  /** The severity the configs give the rule (default 'error'); 'warn' for a rule that informs rather than blocks. */
  severity?: 'warn';
}

/**
 * True when ESLint hands the rule an ESTree program (JavaScript/TypeScript): `{ type: 'Program', body: [] }`.
 * Other languages have other roots: `fortress/sql` `{ type: 'Program', statements }`, @eslint/json `Document`,
 * @eslint/markdown `root`, @eslint/css `StyleSheet`. Two property reads per rule and file: no cache is cheaper.
 */
export function isEstreeProgram(ast: unknown): boolean {
  const root = ast as { type?: unknown; body?: unknown } | null | undefined;
  return root?.type === 'Program' && Array.isArray(root.body);
}

/** True when ESLint hands the rule a `fortress/sql` program (see src/sql/language.ts). */
export function isSqlProgram(ast: unknown): boolean {
  const root = ast as { type?: unknown; statements?: unknown } | null | undefined;
  return root?.type === 'Program' && Array.isArray(root.statements);
}


const createTsRule = ESLintUtils.RuleCreator<FortressRuleDocs>(ruleDocsUrl);

/**
 * The one rule creator for TypeScript rules. Option defaults live in `meta.defaultOptions`, which ESLint applies.
 *
 * A rule turned on without `files` runs on every file ESLint lints, in any language (`.sql`, `.json`, `.md`): on
 * a file whose AST is not ESTree it returns no listeners, so it reports nothing and never reads a missing `body`.
 */
export const createRule: typeof createTsRule = (spec) => {
  const rule = createTsRule(spec);
  const defaults = spec.meta.defaultOptions ?? [];
  return {
    ...rule,
    // Not typescript-eslint's `create`, which deep-merges and clones the defaults again for every rule and file.
    create: (context) =>
      speaks(context, isEstreeProgram) ? spec.create(context, optionsWithDefaults(context.options, defaults as typeof context.options)) : noListeners,
  };
};

/** The rule context, meta and definition types of SQL rules (the `fortress/sql` language). */
export type SqlRuleContext<MessageIds extends string, Options extends unknown[]> = RuleContext<{
  LangOptions: SqlLanguageOptions;
  Code: SqlSourceCode;
  RuleOptions: Options;
  Node: SqlAstNode;
  MessageIds: MessageIds;
}>;

export interface SqlRuleListener {
  Program?: (node: SqlProgram) => void;
  'Program:exit'?: (node: SqlProgram) => void;
  Statement?: (node: SqlStatementNode) => void;
  'Statement:exit'?: (node: SqlStatementNode) => void;
}

export interface SqlRuleMeta<MessageIds extends string, Options extends unknown[] = unknown[]> {
  type: 'problem' | 'suggestion' | 'layout';
  docs: { description: string } & FortressRuleDocs;
  messages: Record<MessageIds, string>;
  schema: JSONSchema4[];
  defaultOptions?: Options;
  fixable?: 'code' | 'whitespace';
  hasSuggestions?: boolean;
  deprecated?: boolean;
}

export interface SqlRule<Options extends unknown[], MessageIds extends string> {
  meta: SqlRuleMeta<MessageIds, Options> & { docs: { url: string } };
  create(context: SqlRuleContext<MessageIds, Options>): SqlRuleListener;
}

/**
 * The SQL twin of `createRule`: same docs URL from the name, options merged over `meta.defaultOptions` and passed
 * as the second argument of `create`. Listeners: `Program`, `Statement`, `Statement:exit`, `Program:exit`.
 *
 * Options: see optionsWithDefaults.
 */
export function createSqlRule<Options extends unknown[], MessageIds extends string>({
  name,
  meta,
  create,
}: {
  name: string;
  meta: SqlRuleMeta<MessageIds, Options>;
  create: (context: SqlRuleContext<MessageIds, Options>, options: Readonly<Options>) => SqlRuleListener;
}): SqlRule<Options, MessageIds> {
  const defaultOptions = (meta.defaultOptions ?? []) as Readonly<Options>;
  return {
    meta: { ...meta, docs: { ...meta.docs, url: ruleDocsUrl(name) } },
    create(context) {
      // A rule turned on without `files` also runs on JS/TS, JSON, Markdown… files: nothing to do there.
      if (!speaks(context, isSqlProgram)) return noListeners;
      // A file for another database is skipped (src/sql/dialect.ts); only sql-unsupported-dialect says so.
      if ((context.sourceCode as { ast?: SqlProgram } | undefined)?.ast?.otherDialect && name !== 'sql-unsupported-dialect') return noListeners;
      return create(context, optionsWithDefaults(context.options as Options | undefined, defaultOptions));
    },
  };
}
