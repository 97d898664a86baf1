// Recognising a call that runs a function inside a database transaction, and that function.
//
//   Prisma              prisma.$transaction(async (tx) => …, options?)      (not the array form $transaction([…]))
//   Drizzle / Knex      db.transaction(async (tx) => …), knex.transaction(async (trx) => …)
//   Sequelize           sequelize.transaction(async (t) => …), sequelize.transaction({ isolationLevel }, async (t) => …)
//   TypeORM             dataSource.transaction(async (manager) => …), manager.transaction('SERIALIZABLE', async (em) => …)
//   Kysely              db.transaction().execute(async (trx) => …), db.transaction().setIsolationLevel('…').execute(…)
//   MikroORM            em.transactional(async (em) => …)
//   slonik / postgres.js pool.transaction(async (trx) => …), sql.begin(async (sql) => …)
//   MongoDB / Mongoose  session.withTransaction(async () => …)
//   project wrappers    withTransaction(ctx, async (tx) => …), runInTransaction(async (em) => …),
//                       this.uow.inTransaction(async (tx) => …), userService.transactional(async (txService) => …):
//                       a function or method whose name says transaction, given a callback that declares the
//                       transaction parameter; and a same-file function that opens a transaction and calls its own
//                       callback parameter inside it (`function withTx(fn) { return db.transaction((tx) => fn(tx)); }`)
//
// The callback may be written inline or passed by name (a same-file function declaration or `const` function).
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { nameWords } from './key-names.js';
import { resolveConst } from './query-calls.js';

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

export interface TransactionCallback {
  /** The call that opens the transaction (for Kysely, the `.execute(…)` call). */
  call: TSESTree.CallExpression;
  /** The function that runs inside the transaction. */
  callback: FunctionNode;
  /** The callback's first parameter: the transaction client (`tx`, `trx`, `manager`, `em`), if declared. */
  client: TSESTree.Parameter | undefined;
  /** The expression the transaction was opened on: `prisma`, `this.dataSource`, `db` (Kysely). */
  receiver: TSESTree.Expression;
  /** The method that opened it: `$transaction`, `transaction`, `transactional`, `withTransaction`, `begin`. */
  method: string;
}

const TRANSACTION_METHODS = new Set(['$transaction', 'transaction', 'transactional', 'withTransaction']);
/** Name words of a project's transaction wrapper (`runInTransaction`, `withTx`, `inTransactionScope`). */
const WRAPPER_WORDS = new Set(['transaction', 'transactional', 'tx', 'trx']);
/** Name words of calls that are not wrappers even so (`startTransaction()`, `commitTransaction()`, Sentry spans). */
const NOT_WRAPPER_WORDS = new Set(['start', 'begin', 'commit', 'rollback', 'abort', 'end', 'get', 'create', 'set', 'finish', 'sentry', 'use', 'on', 'after']);
/** postgres.js `sql.begin(fn)`: only on a receiver that reads like a SQL client. */
const BEGIN_RECEIVER_WORDS = new Set(['sql', 'pg', 'postgres', 'db', 'database']);

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration'
  );
}

/**
 * The transaction callback of `call`, or undefined when `call` does not open a transaction with a callback.
 * With `sourceCode`, a callback passed by name is followed to its same-file definition. Never throws.
 */
export function getTransactionCallback(
  call: TSESTree.CallExpression,
  sourceCode?: Readonly<TSESLint.SourceCode>,
): TransactionCallback | undefined {
  const callee = call.callee;
  if (callee.type === 'Identifier') return wrapperCallback(call, callee.name, callee, sourceCode);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  const method = callee.property.name;
  let receiver: TSESTree.Expression = callee.object;
  let methodName = method;
  if (method === 'execute') {
    // Kysely: db.transaction()[.setIsolationLevel(…)…].execute(fn)
    const opener = findTransactionCall(callee.object);
    if (!opener) return undefined;
    receiver = opener.object;
    methodName = 'transaction';
  } else if (method === 'begin') {
    const name = receiverWords(callee.object);
    if (!name.some((word) => BEGIN_RECEIVER_WORDS.has(word))) return undefined;
  } else if (!TRANSACTION_METHODS.has(method)) {
    return wrapperCallback(call, method, callee.object, sourceCode);
  }
  for (const argument of call.arguments) {
    if (argument.type === 'SpreadElement') continue;
    const callback = resolveFunction(argument, sourceCode);
    if (callback) return { call, callback, client: callback.params[0], receiver, method: methodName };
  }
  return undefined;
}

/**
 * A project's transaction wrapper: named like one (with a callback that declares the transaction parameter), or a
 * same-file function that calls its own function parameter inside a transaction callback.
 */
function wrapperCallback(
  call: TSESTree.CallExpression,
  name: string,
  receiver: TSESTree.Expression,
  sourceCode: Readonly<TSESLint.SourceCode> | undefined,
  depth = 0,
): TransactionCallback | undefined {
  const words = nameWords(name);
  const named = words.some((word) => WRAPPER_WORDS.has(word)) && !words.some((word) => NOT_WRAPPER_WORDS.has(word));
  const wrapper = named || !sourceCode || call.callee.type !== 'Identifier' ? undefined : resolveFunction(call.callee, sourceCode);
  if (!named && !(wrapper && depth < 3 && opensTransactionAround(wrapper, sourceCode!, depth))) return undefined;
  for (const argument of call.arguments) {
    if (argument.type === 'SpreadElement') continue;
    const callback = resolveFunction(argument, sourceCode);
    if (callback && (callback.params.length > 0 || !named)) {
      return { call, callback, client: callback.params[0], receiver, method: name };
    }
  }
  return undefined;
}

/** True when `wrapper` calls one of its own parameters inside a transaction callback it opens. */
function opensTransactionAround(wrapper: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): boolean {
  const parameters = new Set(wrapper.params.flatMap((param) => (param.type === 'Identifier' ? [param.name] : [])));
  if (parameters.size === 0) return false;
  let found = false;
  const visit = (node: TSESTree.Node, inTransaction: boolean): void => {
    if (found) return;
    let inside = inTransaction;
    if (node.type === 'CallExpression') {
      if (inside && node.callee.type === 'Identifier' && parameters.has(node.callee.name)) {
        found = true;
        return;
      }
      const callee = node.callee;
      const transaction =
        callee.type === 'Identifier'
          ? wrapperCallback(node, callee.name, callee, sourceCode, depth + 1)
          : getTransactionCallback(node);
      if (transaction) inside = true;
    }
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof (item as TSESTree.Node).type === 'string') visit(item as TSESTree.Node, inside);
      }
    }
  };
  visit(wrapper.body, false);
  return found;
}

/** An inline function, or a same-file function declaration / `const` function passed by name. */
export function resolveFunction(
  node: TSESTree.Node,
  sourceCode?: Readonly<TSESLint.SourceCode>,
): FunctionNode | undefined {
  if (isFunctionNode(node)) return node;
  if (node.type !== 'Identifier' || !sourceCode) return undefined;
  const resolved = resolveConst(node, sourceCode);
  if (isFunctionNode(resolved)) return resolved;
  if (resolved.type !== 'Identifier') return undefined;
  const definition = ASTUtils.findVariable(sourceCode.getScope(resolved), resolved)?.defs[0];
  return definition?.type === 'FunctionName' && isFunctionNode(definition.node) ? definition.node : undefined;
}

/** `db.transaction()` somewhere in a call chain (Kysely's transaction builder). */
function findTransactionCall(node: TSESTree.Node): TSESTree.MemberExpression | undefined {
  let current: TSESTree.Node = node;
  while (current.type === 'CallExpression' && current.callee.type === 'MemberExpression') {
    const member = current.callee;
    if (!member.computed && member.property.type === 'Identifier' && member.property.name === 'transaction') {
      return member;
    }
    current = member.object;
  }
  return undefined;
}

function receiverWords(node: TSESTree.Node): string[] {
  if (node.type === 'Identifier') return nameWords(node.name);
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    return nameWords(node.property.name);
  }
  return [];
}
