import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../util/create-rule.js';
import { nameWords } from './utils/key-names.js';
import { CALL, CONSTRUCT, ESM, findReferences, type TraceMap } from './utils/references.js';
import { getTransactionCallback, resolveFunction, type FunctionNode } from './utils/transactions.js';

type Options = [{ clientNames?: string[] }];
type MessageIds = 'externalCall' | 'externalCallVia';

/** `call`: the reference is a network call; `instance`: it returns a client whose method calls are network calls. */
type Kind = 'call' | 'instance';
const call = { [CALL]: 'call' as Kind };
const instance = { [CALL]: 'instance' as Kind };
const methods = (...names: string[]): Record<string, typeof call> => Object.fromEntries(names.map((name) => [name, call]));
const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'];
const nodeHttp = { [ESM]: true, ...methods('request', 'get'), default: methods('request', 'get') };
const NETWORK_MODULES: TraceMap<Kind> = {
  axios: { ...call, ...methods(...HTTP_VERBS, 'postForm', 'putForm', 'patchForm'), create: instance },
  got: { ...call, ...methods(...HTTP_VERBS, 'stream', 'paginate'), extend: instance },
  ky: { ...call, ...methods(...HTTP_VERBS), create: instance, extend: instance },
  undici: {
    [ESM]: true,
    ...methods('request', 'fetch', 'stream', 'pipeline', 'connect'),
    Client: { [CONSTRUCT]: 'instance' },
    Pool: { [CONSTRUCT]: 'instance' },
  },
  'node-fetch': call,
  http: nodeHttp,
  https: nodeHttp,
  'node:http': nodeHttp,
  'node:https': nodeHttp,
};
const NETWORK_GLOBALS: TraceMap<Kind> = { fetch: call };
/** Name words that make `x` in `x.method()` a client even when they are not its last word (`s3Client`, `emailService`). */
const CLIENT_SUFFIXES = new Set([
  'client', 'service', 'svc', 'api', 'sdk', 'provider', 'gateway', 'sender', 'adapter', 'transport', 'transporter',
  'bus', 'broker', 'notifier', 'connector', 'integration', 'publisher', 'producer', 'dispatcher',
]);
/** Roots that hold clients one level down: `this.stripe`, `deps.mailer`. */
const CONTAINERS = new Set([
  'ctx', 'context', 'deps', 'dependencies', 'services', 'clients', 'container', 'providers', 'app', 'fastify',
  'server',
]);
/** String, array and function methods: `userEmail.trim()` is not a call to an email client. */
const LOCAL_METHODS = new Set([
  'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim', 'trimStart', 'trimEnd', 'split',
  'includes', 'startsWith', 'endsWith', 'replace', 'replaceAll', 'slice', 'substring', 'substr', 'match', 'matchAll',
  'padStart', 'padEnd', 'toString', 'valueOf', 'toJSON', 'map', 'filter', 'find', 'findIndex', 'some', 'every',
  'forEach', 'reduce', 'join', 'push', 'pop', 'shift', 'unshift', 'at', 'concat', 'indexOf', 'lastIndexOf',
  'localeCompare', 'normalize', 'charAt', 'charCodeAt', 'repeat', 'flat', 'flatMap', 'sort', 'reverse', 'keys',
  'values', 'entries', 'has', 'bind', 'apply',
]);
const DEFAULTS: Options[0] = {
  clientNames: [
    'stripe', 'paypal', 'twilio', 'sendgrid', 'mail', 'mailer', 'email', 'sms', 'ses', 's3', 'sqs', 'sns', 'kafka',
    'producer', 'queue', 'webhook', 'slack', 'pubsub', 'rabbit', 'amqp',
  ],
};
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
        '`{{call}}` is a network call inside a database transaction, which holds locks and a pooled connection while it waits; move it after the commit, or write an outbox row with the transaction client and send it from a worker.',
      externalCallVia:
        '`{{via}}` makes a network call (`{{call}}`) inside a database transaction, which holds locks and a pooled connection while it waits; move it after the commit, or write an outbox row with the transaction client and send it from a worker.',
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
    const clientWords = new Set(clientNames.map((name) => name.toLowerCase()));
    const isClientWord = (word: string): boolean =>
      clientWords.has(word) || (word.endsWith('s') && clientWords.has(word.slice(0, -1)));
    const reported = new Set<TSESTree.Node>();
    const helperResults = new Map<FunctionNode, string | null>();
    let network: Map<TSESTree.Node, true> | undefined;
    let instanceProperties: Set<string> | undefined;

    const describe = (node: TSESTree.CallExpression | TSESTree.NewExpression): string => {
      const text = sourceCode.getText(node.callee).replace(/\s+/g, '');
      return `${text.length > 50 ? `…${text.slice(-49)}` : text}()`;
    };

    /** Network calls found through imports and globals, once per file. */
    const networkCalls = (): Map<TSESTree.Node, true> => {
      if (network) return network;
      network = new Map();
      instanceProperties = new Set();
      for (const { node, info } of findReferences(sourceCode, { modules: NETWORK_MODULES, globals: NETWORK_GLOBALS })) {
        if (info === 'call') network.set(node, true);
        else markInstance(node, network, instanceProperties);
      }
      return network;
    };

    /** `const api = axios.create()` → every `api.get()` / `api()`; `http = axios.create()` in a class → `this.http.get()`. */
    function markInstance(node: TSESTree.Node, calls: Map<TSESTree.Node, true>, properties: Set<string>): void {
      const parent = node.parent;
      if (parent?.type === 'PropertyDefinition' && !parent.computed && parent.key.type === 'Identifier') {
        properties.add(parent.key.name);
      }
      if (parent?.type !== 'VariableDeclarator' || parent.id.type !== 'Identifier') return;
      for (const variable of sourceCode.getDeclaredVariables(parent)) {
        for (const reference of variable.references) {
          const identifier = reference.identifier as TSESTree.Node;
          const user = identifier.parent;
          if (user?.type === 'CallExpression' && user.callee === identifier) calls.set(user, true);
          const method = user?.type === 'MemberExpression' && user.object === identifier ? user : undefined;
          if (method?.parent.type === 'CallExpression' && method.parent.callee === method) {
            calls.set(method.parent, true);
          }
        }
      }
    }

    /** The label of a network call, or undefined. `clients` are names bound to the transaction client. */
    function networkLabel(node: TSESTree.CallExpression, clients: ReadonlySet<string>): string | undefined {
      if (networkCalls().has(node)) return describe(node);
      const callee = node.callee;
      if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
      if (LOCAL_METHODS.has(callee.property.name)) return undefined;
      const chain: string[] = [];
      let current: TSESTree.Node = callee.object;
      while (current.type === 'MemberExpression' && !current.computed && current.property.type === 'Identifier') {
        chain.unshift(current.property.name);
        current = current.object;
      }
      if (current.type === 'Identifier') {
        if (clients.has(current.name)) return undefined;
        chain.unshift(current.name);
      } else if (current.type === 'ThisExpression') {
        chain.unshift('this');
      } else {
        return undefined;
      }
      const [root, second] = chain;
      if (root === 'this' && chain.length === 2 && instanceProperties?.has(second!)) return describe(node);
      const candidate = root === 'this' || CONTAINERS.has(root!) ? second : root;
      return candidate !== undefined && isClientName(candidate) ? describe(node) : undefined;
    }

    function isClientName(name: string): boolean {
      const words = nameWords(name);
      if (!words.some(isClientWord)) return false;
      const last = words.at(-1)!;
      return isClientWord(last) || CLIENT_SUFFIXES.has(last);
    }

    /** The first network call a same-file helper makes (transitively), or null; recursion-safe. */
    function helperNetworkCall(fn: FunctionNode): string | null {
      const known = helperResults.get(fn);
      if (known !== undefined) return known;
      helperResults.set(fn, null);
      let result: string | null = null;
      for (const inner of callsIn(fn.body)) {
        const found = networkLabel(inner, new Set()) ?? viaHelper(inner)?.call;
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
      return found ? { via: describe(node), call: found } : undefined;
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
          const label = networkLabel(inner, clients);
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
