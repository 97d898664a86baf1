import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../util/create-rule.js';
import { nameWords } from './utils/key-names.js';
import { createNetworkCallMatcher, describeCall } from './utils/network-calls.js';
import { getTransactionCallback, resolveFunction, type FunctionNode, type TransactionCallback } from './utils/transactions.js';

type Options = [{ clientNames?: string[] }];
type MessageIds = 'externalCall' | 'externalCallVia' | 'serviceSend';

const DEFAULTS: Options[0] = { clientNames: [] };
/** Hooks that run their callback after the commit (Sequelize `t.afterCommit`): not inside the transaction. */
const AFTER_COMMIT = /^(after|on)(Commit|Transaction)$/;
/** A callback parameter or wrapper receiver that is a service scoped to the transaction: `txUserService`, `service`. */
const SERVICE_WORDS = new Set(['service', 'svc']);
/** First words of a service method that sends a message out: `sendWelcomeEmail`, `deliverWebhook`. */
const SEND_VERBS = new Set(['send', 'resend', 'deliver']);

export default createRule<Options, MessageIds>({
  name: 'no-external-call-in-transaction',
  meta: {
    type: 'problem',
    defaultOptions: [DEFAULTS],
    docs: { description: 'Disallow network calls inside database transaction callbacks', recommended: true },
    messages: {
      externalCall:
        '`{{call}}` is a network call inside a database transaction, which holds locks and a pooled connection while it waits; move it after the commit, or write an outbox row with the transaction client and send it from a worker.',
      externalCallVia:
        '`{{via}}` makes a network call (`{{call}}`) inside a database transaction, which holds locks and a pooled connection while it waits; move it after the commit, or write an outbox row with the transaction client and send it from a worker.',
      serviceSend:
        '`{{call}}` sends a message from a service scoped to a database transaction, which holds locks and a pooled connection while it waits (and the message is out even if the transaction rolls back); send it after the commit, or write an outbox row in the transaction and send it from a worker.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          clientNames: {
            description:
              'Words that name a project\'s own network client or wrapper (clients of known SDKs are found by their import): `x.method()` is reported when a word of `x` (or of `this.x`) is one of them, compared case-insensitively (`email` matches `emailService`, `this.emailService`, not `emailTemplate`). None by default.',
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

    /** Names of callback parameters that are services scoped to the transaction (`userService.transactional(…)`). */
    function scopedServices(transaction: TransactionCallback, bound: Set<string>): Set<string> {
      const receiver = transaction.receiver;
      const receiverName =
        receiver.type === 'Identifier'
          ? receiver.name
          : receiver.type === 'MemberExpression' && receiver.property.type === 'Identifier'
            ? receiver.property.name
            : '';
      const receiverIsService = SERVICE_WORDS.has(nameWords(receiverName).at(-1) ?? '');
      return new Set([...bound].filter((name) => receiverIsService || SERVICE_WORDS.has(nameWords(name).at(-1) ?? '')));
    }

    /** `txService.sendWelcomeEmail(…)` on a transaction-scoped service: a method named for sending. */
    function serviceSend(node: TSESTree.CallExpression, services: Set<string>): boolean {
      const callee = node.callee;
      if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
      if (callee.object.type !== 'Identifier' || !services.has(callee.object.name)) return false;
      return SEND_VERBS.has(nameWords(callee.property.name)[0] ?? '');
    }

    return {
      CallExpression(node) {
        const transaction = getTransactionCallback(node, sourceCode);
        if (!transaction) return;
        const clients = boundNames(transaction.callback);
        const services = scopedServices(transaction, clients);
        for (const inner of callsIn(transaction.callback.body)) {
          if (reported.has(inner)) continue;
          const label = networkCall(inner, clients);
          const via = label ? undefined : viaHelper(inner);
          const sends = !label && !via && serviceSend(inner, services);
          if (!label && !via && !sends) continue;
          reported.add(inner);
          if (label) context.report({ node: inner, messageId: 'externalCall', data: { call: label } });
          else if (via) context.report({ node: inner, messageId: 'externalCallVia', data: via });
          else context.report({ node: inner, messageId: 'serviceSend', data: { call: describeCall(sourceCode, inner) } });
        }
      },
    } satisfies TSESLint.RuleListener;
  },
});
