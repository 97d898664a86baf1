import type { RuleContext } from '@eslint/core';
import * as ESLintUtils from '@typescript-eslint/utils/eslint-utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

import type { SqlAstNode, SqlLanguageOptions, SqlProgram, SqlSourceCode, SqlStatementNode } from '../sql/language.js';

import { REPOSITORY_URL, ruleDocsUrl } from './docs-urls.js';

export { REPOSITORY_URL };

export interface FortressRuleDocs {
  /** In `configs.recommended`. Every rule is in `configs.all`. */
  recommended?: boolean;
}

/** The one rule creator for TypeScript rules. Option defaults live in `meta.defaultOptions`. */
export const createRule = ESLintUtils.RuleCreator<FortressRuleDocs>(ruleDocsUrl);

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
 * ESLint 9.15+ merges `meta.defaultOptions` into `context.options` itself (flat config, the only mode that runs a
 * language such as `fortress/sql`; RuleTester too), so those options are passed as they are instead of being merged
 * again for every file and rule. Options shorter than the defaults (a context made outside ESLint) are merged here.
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
      // ESLint's options hold every default already; a context made outside ESLint may have fewer options, or none.
      const options = context.options as Readonly<Options> | undefined;
      const hasDefaults = options !== undefined && options.length >= defaultOptions.length;
      return create(context, hasDefaults ? options : ESLintUtils.applyDefault(defaultOptions, options ?? null));
    },
  };
}
