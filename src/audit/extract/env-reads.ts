// `process.env` in one file: does the file validate it with a schema (`envSchema.parse(process.env)`,
// `cleanEnv(process.env, …)` of envalid, `createEnv({ runtimeEnv: process.env })` of t3-env, `schema.validate(process.env)`
// of joi/yup), and where does it read it.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { staticName } from '../../rules/utils/key-names.js';
import type { Context } from './orm-tables.js';

export interface EnvRead {
  line: number;
  column: number;
  /** `DATABASE_URL` for `process.env.DATABASE_URL`; null for a dynamic or whole-object read. */
  name: string | null;
}

export interface EnvUse {
  /** The file hands `process.env` to a schema. */
  validates: boolean;
  reads: EnvRead[];
}

/** Callee names that check a value against a schema (zod, valibot, envalid, t3-env, joi, yup, ajv, typebox, arktype). */
const VALIDATING_CALL = /^(?:parse|safeParse|parseAsync|safeParseAsync|cleanEnv|createEnv|validate|validateSync|assert|decode|check|load|loadEnv|envsafe)$/;

function isProcessEnv(node: TSESTree.Node): node is TSESTree.MemberExpression {
  return (
    node.type === 'MemberExpression' &&
    node.object.type === 'Identifier' &&
    node.object.name === 'process' &&
    staticName(node) === 'env'
  );
}

/** The call `process.env` is handed to, directly or as a property value of an options object. */
function receivingCall(node: TSESTree.Node): TSESTree.CallExpression | undefined {
  let current = node;
  if (current.parent?.type === 'Property' && current.parent.value === current) current = current.parent.parent;
  const parent = current.parent;
  return parent?.type === 'CallExpression' && parent.arguments.includes(current as TSESTree.CallExpressionArgument) ? parent : undefined;
}

function calleeName(call: TSESTree.CallExpression): string | null {
  const callee = call.callee;
  return callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticName(callee) : null;
}

/** Listeners recording the file's use of `process.env` into `into`. */
export function envCollector(_context: Context, into: EnvUse): TSESLint.RuleListener {
  return {
    MemberExpression(node) {
      if (!isProcessEnv(node)) return;
      const call = receivingCall(node);
      if (call && VALIDATING_CALL.test(calleeName(call) ?? '')) {
        into.validates = true;
        return;
      }
      const parent = node.parent;
      const name = parent.type === 'MemberExpression' && parent.object === node ? staticName(parent) : null;
      // `NODE_ENV` is replaced by bundlers and read by every framework: not a configuration secret.
      if (name === 'NODE_ENV') return;
      into.reads.push({ line: node.loc.start.line, column: node.loc.start.column + 1, name });
    },
  };
}
