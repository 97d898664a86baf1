// The rule creator of Prisma schema rules (the `fortress/prisma` language): the twin of `createSqlRule`.
import type { RuleContext } from '@eslint/core';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

import type { FortressRuleDocs } from '../util/create-rule.js';
import { ruleDocsUrl } from '../util/docs-urls.js';
import { noListeners, optionsWithDefaults, speaks } from '../util/rule-options.js';

import type { PrismaAstNode, PrismaLanguageOptions, PrismaProgram, PrismaSourceCode } from './language.js';
import type { PrismaAssignment, PrismaBlock, PrismaBlockAttribute, PrismaEnumValue, PrismaField } from './parser.js';

/** True when ESLint hands the rule a `fortress/prisma` program (see ./language.ts). */
export function isPrismaProgram(ast: unknown): boolean {
  const root = ast as { type?: unknown; blocks?: unknown } | null | undefined;
  return root?.type === 'Program' && Array.isArray(root.blocks);
}

export type PrismaRuleContext<MessageIds extends string, Options extends unknown[]> = RuleContext<{
  LangOptions: PrismaLanguageOptions;
  Code: PrismaSourceCode;
  RuleOptions: Options;
  Node: PrismaAstNode;
  MessageIds: MessageIds;
}>;

export interface PrismaRuleListener {
  Program?: (node: PrismaProgram) => void;
  'Program:exit'?: (node: PrismaProgram) => void;
  Block?: (node: PrismaBlock) => void;
  'Block:exit'?: (node: PrismaBlock) => void;
  Field?: (node: PrismaField) => void;
  EnumValue?: (node: PrismaEnumValue) => void;
  Assignment?: (node: PrismaAssignment) => void;
  BlockAttribute?: (node: PrismaBlockAttribute) => void;
}

export interface PrismaRuleMeta<MessageIds extends string, Options extends unknown[] = unknown[]> {
  type: 'problem' | 'suggestion' | 'layout';
  docs: { description: string } & FortressRuleDocs;
  messages: Record<MessageIds, string>;
  schema: JSONSchema4[];
  defaultOptions?: Options;
  hasSuggestions?: boolean;
}

export interface PrismaRule<Options extends unknown[], MessageIds extends string> {
  meta: PrismaRuleMeta<MessageIds, Options> & { docs: { url: string } };
  create(context: PrismaRuleContext<MessageIds, Options>): PrismaRuleListener;
}

/**
 * Docs URL from the name; options merged over `meta.defaultOptions` (ESLint 9.15+ has merged them already) and passed
 * as `create`'s second argument. On a file of another language (a rule turned on without `files`): no listeners.
 */
export function createPrismaRule<Options extends unknown[], MessageIds extends string>({
  name,
  meta,
  create,
}: {
  name: string;
  meta: PrismaRuleMeta<MessageIds, Options>;
  create: (context: PrismaRuleContext<MessageIds, Options>, options: Readonly<Options>) => PrismaRuleListener;
}): PrismaRule<Options, MessageIds> {
  const defaultOptions = (meta.defaultOptions ?? []) as Readonly<Options>;
  return {
    meta: { ...meta, docs: { ...meta.docs, url: ruleDocsUrl(name) } },
    create(context) {
      if (!speaks(context, isPrismaProgram)) return noListeners;
      return create(context, optionsWithDefaults(context.options as Options | undefined, defaultOptions));
    },
  };
}
