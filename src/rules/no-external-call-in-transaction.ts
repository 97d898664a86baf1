import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../util/create-rule.js';
import { createNetworkCallMatcher, DEFAULT_CLIENT_NAMES, describeCall } from './utils/network-calls.js';
import { getTransactionCallback, resolveFunction, type FunctionNode } from './utils/transactions.js';

type Options = [{ clientNames?: string[] }];
type MessageIds = 'externalCall' | 'externalCallVia';

const DEFAULTS: Options[0] = { clientNames: [...DEFAULT_CLIENT_NAMES] };
/** Hooks that run their callback after the commit (Sequelize `t.afterCommit`): not inside the transaction. */
const AFTER_COMMIT = /^(after|on)(Commit|Transaction)$/;

export default createRule<Options, MessageIds>({
  name: 'no-external-call-in-transaction',
  meta: {
    type: 'problem',
    defaultOptions: [DEFAULTS],
    docs: { description: 'Disallow network calls inside database transaction callbacks', recommended: true },
    messages: {
      externalCall:
        '`{{call}}` is a network call inside a database transaction, which holds locks and a pooled connection while it waits; move it after the commit, or write an outbox row with the transaction client and send it from a worker (not a network client? leave its name out of `clientNames`).',
      externalCallVia:
        '`{{via}}` makes a network call (`{{call}}`) inside a database transaction, which holds locks and a pooled connection while it waits; move it after the commit, or write an outbox row with the transaction client and send it from a worker (not a network client? leave its name out of `clientNames`).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          clientNames: {
            description:
              'Words that name a network client: `x.method()` is reported when a word of `x` (or of `this.x`) is one of them, compared case-insensitively (`stripe` matches `this.stripe`, `stripeClient`; `email` matches `emailService`, not `emailTemplate`). Replaces the default list.',
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
          },
        },
      },
    ],
  },
  create(context, [{ clientNames = [] }]) {
    const sourceCode = context.sourceCode;
    const networkCall = createNetworkCallMatcher(sourceCode, { clientNames });
    const reported = new Set<TSESTree.Node>();
    const helperResults = new Map<FunctionNode, string | null>();

    /** The first network call a same-file helper makes (transitively), or null; recursion-safe. */
    function helperNetworkCall(fn: FunctionNode): string | null {
      const known = helperResults.get(fn);
      if (known !== undefined) return known;
      helperResults.set(fn, null);
      let result: string | null = null;
      for (const inner of callsIn(fn.body)) {
        const found = networkCall(inner) ?? viaHelper(inner)?.call;
        if (found) {
          result = found;
          break;
        }
      }
      helperResults.set(fn, result);
      return result;
    }

    function viaHelper(node: TSESTree.CallExpression): { via: string; call: string } | undefined {
      const helper = calledHelper(node);
      const found = helper && helperNetworkCall(helper);
      return found ? { via: describeCall(sourceCode, node), call: found } : undefined;
    }

    /** `helper()` → its same-file definition; `this.helper()` → the method of the enclosing class. */
    function calledHelper(node: TSESTree.CallExpression): FunctionNode | undefined {
      const callee = node.callee;
      if (callee.type === 'Identifier') return resolveFunction(callee, sourceCode);
      if (callee.type !== 'MemberExpression' || callee.object.type !== 'ThisExpression') return undefined;
      if (callee.computed || callee.property.type !== 'Identifier') return undefined;
      const name = callee.property.name;
      for (let scope: TSESTree.Node | undefined = node.parent; scope; scope = scope.parent) {
        if (scope.type !== 'ClassBody') continue;
        for (const member of scope.body) {
          if ((member.type !== 'MethodDefinition' && member.type !== 'PropertyDefinition') || member.computed) continue;
          if (member.key.type !== 'Identifier' || member.key.name !== name || !member.value) continue;
          return resolveFunction(member.value, sourceCode);
        }
        return undefined;
      }
      return undefined;
    }

    /** Every call in `root`, in source order, skipping callbacks handed to after-commit hooks. */
    function callsIn(root: TSESTree.Node): TSESTree.CallExpression[] {
      const calls: TSESTree.CallExpression[] = [];
      const visit = (node: TSESTree.Node): void => {
        let skipArguments = false;
        if (node.type === 'CallExpression') {
          calls.push(node);
          const callee = node.callee;
          skipArguments =
            callee.type === 'MemberExpression' &&
            callee.property.type === 'Identifier' &&
            AFTER_COMMIT.test(callee.property.name);
        }
        for (const key of sourceCode.visitorKeys[node.type] ?? []) {
          if (skipArguments && key === 'arguments') continue;
          const child = (node as unknown as Record<string, unknown>)[key];
          for (const item of Array.isArray(child) ? child : [child]) {
            if (item && typeof (item as TSESTree.Node).type === 'string') visit(item as TSESTree.Node);
          }
        }
      };
      visit(root);
      return calls;
    }

    /** Names bound by the callback's parameters (`tx`, `{ outbox }`). */
    function boundNames(fn: FunctionNode): Set<string> {
      const names = new Set<string>();
      for (const variable of sourceCode.getDeclaredVariables(fn)) {
        if (variable.defs.some((definition) => definition.type === 'Parameter')) names.add(variable.name);
      }
      return names;
    }

    return {
      CallExpression(node) {
        const transaction = getTransactionCallback(node, sourceCode);
        if (!transaction) return;
        const clients = boundNames(transaction.callback);
        for (const inner of callsIn(transaction.callback.body)) {
          if (reported.has(inner)) continue;
          const label = networkCall(inner, clients);
          const via = label ? undefined : viaHelper(inner);
          if (!label && !via) continue;
          reported.add(inner);
          if (label) context.report({ node: inner, messageId: 'externalCall', data: { call: label } });
          else context.report({ node: inner, messageId: 'externalCallVia', data: via! });
        }
      },
    } satisfies TSESLint.RuleListener;
  },
});
