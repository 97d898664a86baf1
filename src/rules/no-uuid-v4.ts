import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { createRule } from '../util/create-rule.js';
import { MAX_GLOB_LENGTH } from '../util/globs.js';
import { becomesKey, createNameMatcher, isKeyColumnChain, isKeyMember, type NameOptions } from './utils/key-names.js';
import { CALL, ESM, findReferences, type TraceMap } from './utils/references.js';
import { isInsideDownMigration } from './utils/migration-direction.js';
import { NAMES_RANDOM_UUID, sqlUuidKeyDefaults } from './utils/sql-uuid-defaults.js';
import { isFileMatched, TEST_FILE_GLOBS } from './utils/source-path.js';

type Options = [{ keyNames?: string[]; allowedNames?: string[]; exemptFiles?: string[] }];
type MessageIds = 'randomKey' | 'randomKeyDefault' | 'useV7';
type Source = 'v4' | 'randomUUID' | 'primaryGeneratedColumn' | 'generated';

const DEFAULTS: Options[0] = { keyNames: [], allowedNames: [], exemptFiles: [...TEST_FILE_GLOBS] };

const CRYPTO: TraceMap<Source> = {
  [ESM]: true,
  randomUUID: { [CALL]: 'randomUUID' },
  webcrypto: { randomUUID: { [CALL]: 'randomUUID' } },
  default: { randomUUID: { [CALL]: 'randomUUID' }, webcrypto: { randomUUID: { [CALL]: 'randomUUID' } } },
};
const UUID_V4: TraceMap<Source> = { [CALL]: 'v4' };
const TRACE_MAPS = {
  modules: {
    uuid: { [ESM]: true, v4: UUID_V4, default: { v4: UUID_V4 } },
    'uuid/v4': UUID_V4,
    crypto: CRYPTO,
    'node:crypto': CRYPTO,
    typeorm: {
      [ESM]: true,
      PrimaryGeneratedColumn: { [CALL]: 'primaryGeneratedColumn' },
      Generated: { [CALL]: 'generated' },
    },
  } as TraceMap<Source>,
  globals: { crypto: { randomUUID: { [CALL]: 'randomUUID' } } } as TraceMap<Source>,
};

export default createRule<Options, MessageIds>({
  name: 'no-uuid-v4',
  meta: {
    type: 'problem',
    docs: { description: 'Disallow random UUIDv4 values as keys', recommended: true },
    hasSuggestions: true,
    messages: {
      randomKey:
        'A random UUIDv4 used as a key fragments B-tree indexes; generate a time-ordered UUIDv7 instead (`uuid`\'s `v7()`, Postgres 18 `uuidv7()`), or, if this name is not a key, add it to `allowedNames`.',
      randomKeyDefault:
        '{{ what }} generates random UUIDv4 keys that fragment B-tree indexes; default the key to a time-ordered UUIDv7 instead (`uuid`\'s `v7()`, Postgres 18 `uuidv7()`).',
      useV7: "Generate the key with `uuid`'s `v7()` (uuid 10 or later).",
    },
    defaultOptions: [DEFAULTS],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          keyNames: {
            description: 'More names that are keys: exact names, or regular expressions written `/source/flags`.',
            type: 'array',
            items: { type: 'string' },
          },
          allowedNames: {
            description: 'Names that are never keys (win over `keyNames`): exact names or `/source/flags`.',
            type: 'array',
            items: { type: 'string' },
          },
          exemptFiles: {
            description:
              'Globs (picomatch) of files where random keys are fine, matched against the posix path relative to the working directory; replaces the default list (test files).',
            type: 'array',
            items: { type: 'string', minLength: 1, maxLength: MAX_GLOB_LENGTH },
          },
        },
      },
    ],
  },
  create(context, [options]) {
    if (isFileMatched(context.filename, context.cwd, options.exemptFiles ?? TEST_FILE_GLOBS)) return {};
    const { sourceCode } = context;
    const names: NameOptions = {
      isExtraKey: createNameMatcher(options.keyNames ?? []),
      isAllowed: createNameMatcher(options.allowedNames ?? []),
    };
    const firstString = (call: TSESTree.CallExpression): string | null => {
      const first = call.arguments[0];
      return first && first.type !== 'SpreadElement' ? ASTUtils.getStringIfConstant(first) : null;
    };
    const decoratedMember = (call: TSESTree.CallExpression): TSESTree.Node | undefined =>
      call.parent.type === 'Decorator' ? call.parent.parent : undefined;

    /** Suggests `v7` for a call of a named `v4` import from 'uuid', when the name `v7` is free or imports v7. */
    function suggestV7(call: TSESTree.CallExpression): TSESLint.ReportSuggestionArray<MessageIds> {
      if (call.callee.type !== 'Identifier') return [];
      const callee = call.callee;
      const scope = sourceCode.getScope(call);
      const variable = ASTUtils.findVariable(scope, callee);
      const definition = variable?.defs[0];
      if (!variable || definition?.node.type !== 'ImportSpecifier') return [];
      const specifier = definition.node;
      const declaration = specifier.parent;
      if (declaration.type !== 'ImportDeclaration' || declaration.source.value !== 'uuid') return [];
      if (declaration.importKind === 'type' || specifier.importKind === 'type') return [];
      const v7 = declaration.specifiers.find(
        (other) =>
          other.type === 'ImportSpecifier' &&
          (other.imported.type === 'Identifier' ? other.imported.name : other.imported.value) === 'v7',
      );
      if (v7) return [{ messageId: 'useV7', fix: (fixer) => fixer.replaceText(callee, v7.local.name) }];
      const globalScope = sourceCode.scopeManager?.globalScope;
      if (ASTUtils.findVariable(scope, 'v7') || globalScope?.through.some((ref) => ref.identifier.name === 'v7')) return [];
      const onlyUse = variable.references.length === 1;
      return [
        {
          messageId: 'useV7',
          fix: (fixer) => [
            onlyUse ? fixer.replaceText(specifier, 'v7') : fixer.insertTextAfter(specifier, ', v7'),
            fixer.replaceText(callee, 'v7'),
          ],
        },
      ];
    }

    function checkReference(node: TSESTree.Node, source: Source): void {
      if (node.type !== 'CallExpression') return;
      if (source === 'v4' || source === 'randomUUID') {
        if (!becomesKey(node, names, sourceCode)) return;
        context.report({ node, messageId: 'randomKey', suggest: source === 'v4' ? suggestV7(node) : [] });
        return;
      }
      if (firstString(node) !== 'uuid') return;
      const member = decoratedMember(node);
      if (source === 'generated' && !(member && isKeyMember(member, names))) return;
      const what = source === 'generated' ? "`@Generated('uuid')`" : "`@PrimaryGeneratedColumn('uuid')`";
      context.report({ node, messageId: 'randomKeyDefault', data: { what } });
    }

    /** SQL in a string: `DEFAULT gen_random_uuid()` on a key column; `knex.raw('gen_random_uuid()')` as a key's default. */
    function checkSqlString(node: TSESTree.Literal | TSESTree.TemplateLiteral): void {
      if (node.parent.type === 'BinaryExpression' || node.parent.type === 'TaggedTemplateExpression') return;
      if (!NAMES_RANDOM_UUID.test(sourceCode.getText(node))) return;
      const value = node.type === 'Literal' ? node.value : node.quasis.length === 1 ? node.quasis[0]!.value.cooked : null;
      if (typeof value === 'string' && /^\s*(?:uuid_generate_v4|gen_random_uuid)\(\)\s*$/i.test(value)) {
        if (becomesKey(node, names, sourceCode) && !isInsideDownMigration(node)) context.report({ node, messageId: 'randomKeyDefault', data: { what: `\`${value.trim()}\`` } });
        return;
      }
      reportSqlDefaults(node);
    }

    function reportSqlDefaults(node: TSESTree.Node): void {
      // A migration's `down` restores the schema as it was (its old key default included): not a new key choice.
      if (isInsideDownMigration(node)) return;
      for (const found of sqlUuidKeyDefaults(node, sourceCode.text, sourceCode, names)) {
        context.report({ loc: found.loc, messageId: 'randomKeyDefault', data: { what: `\`DEFAULT ${found.call}\` on \`${found.column}\`` } });
      }
    }

    return {
      Program() {
        for (const reference of findReferences(sourceCode, TRACE_MAPS)) checkReference(reference.node, reference.info);
      },
      Literal(node) {
        if (typeof node.value === 'string') checkSqlString(node);
      },
      TemplateLiteral: checkSqlString,
      'TaggedTemplateExpression, BinaryExpression[operator="+"]'(node: TSESTree.TaggedTemplateExpression | TSESTree.BinaryExpression) {
        if (node.parent.type !== 'BinaryExpression' && NAMES_RANDOM_UUID.test(sourceCode.getText(node))) reportSqlDefaults(node);
      },
      // Drizzle: uuid('id').primaryKey().defaultRandom() (gen_random_uuid(), a UUIDv4).
      'CallExpression[callee.type="MemberExpression"][callee.property.name="defaultRandom"]'(
        node: TSESTree.CallExpression & { callee: TSESTree.MemberExpression },
      ) {
        let root: TSESTree.Node = node.callee;
        while (root.type === 'MemberExpression' && root.object.type === 'CallExpression') root = root.object.callee;
        const factory = root.type === 'MemberExpression' ? ASTUtils.getPropertyName(root) : root.type === 'Identifier' ? root.name : null;
        if (factory !== 'uuid' || !isKeyColumnChain(node, names)) return;
        context.report({
          node,
          loc: { start: node.callee.property.loc.start, end: node.loc.end },
          messageId: 'randomKeyDefault',
          data: { what: '`.defaultRandom()`' },
        });
      },
    };
  },
});
