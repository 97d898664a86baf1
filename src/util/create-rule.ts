import type { RuleContext } from '@eslint/core';
import * as ESLintUtils from '@typescript-eslint/utils/eslint-utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

import type { SqlAstNode, SqlLanguageOptions, SqlProgram, SqlSourceCode, SqlStatementNode } from '../sql/language.js';

export const REPOSITORY_URL = 'https://github.com/eslint-plugin-fortress/eslint-plugin-fortress';

export interface FortressRuleDocs {
  /** In `configs.recommended`. Every rule is in `configs.all`. */
  recommended?: boolean;
}

/** The one rule creator: every rule's docs URL is derived from its name. */
export const createRule = ESLintUtils.RuleCreator<FortressRuleDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);

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

export interface SqlRuleMeta<MessageIds extends string> {
  type: 'problem' | 'suggestion' | 'layout';
  docs: { description: string } & FortressRuleDocs;
  messages: Record<MessageIds, string>;
  schema: JSONSchema4[];
  defaultOptions?: unknown[];
  fixable?: 'code' | 'whitespace';
  hasSuggestions?: boolean;
  deprecated?: boolean;
}

export interface SqlRule<Options extends unknown[], MessageIds extends string> {
  meta: SqlRuleMeta<MessageIds> & { docs: { url: string } };
  defaultOptions: Options;
  create(context: SqlRuleContext<MessageIds, Options>): SqlRuleListener;
}

/**
 * The SQL twin of `createRule`: same docs URL from the name, options merged over `defaultOptions` and passed
 * as the second argument of `create`. Listeners: `Program`, `Statement`, `Statement:exit`, `Program:exit`.
 */
export function createSqlRule<Options extends unknown[], MessageIds extends string>({
  name,
  meta,
  defaultOptions,
  create,
}: {
  name: string;
  meta: SqlRuleMeta<MessageIds>;
  defaultOptions: Readonly<Options>;
  create: (context: SqlRuleContext<MessageIds, Options>, options: Readonly<Options>) => SqlRuleListener;
}): SqlRule<Options, MessageIds> {
  return {
    meta: { ...meta, docs: { ...meta.docs, url: sqlDocsUrl(name) } },
    defaultOptions: defaultOptions as Options,
    create(context) {
      const options = ESLintUtils.applyDefault(defaultOptions, context.options as Readonly<Options>);
      return create(context, options);
    },
  };
}

const sqlDocsUrl = (name: string): string => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`;
