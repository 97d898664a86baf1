// Recognising outbound network calls, and how they read in a message.
//
//   imports and globals   fetch(…), axios(…), axios.get(…), got.post(…), ky(…), undici.request(…), http.request(…),
//                         require('node-fetch')(…); instances: `const api = axios.create()` → `api.get(…)`, `api(…)`;
//                         `new undici.Pool(…)`; a class field `http = axios.create()` → `this.http.get(…)`
//   SDK clients           method calls on clients of network SDKs, by where they come from (client-packages.ts):
//                         `stripe.charges.create()`, `this.s3.send()` (`s3: S3Client` injected), `transporter.sendMail()`
//   client names          (opt-in) `x.method()` where a word of `x` (or of `this.x`, `deps.x`) is one of `clientNames`:
//                         `this.mailer.send()`, `deps.emailService.sendWelcome()`; not `userEmail.trim()`
//
// Usage (one matcher per file):
//   const networkCall = createNetworkCallMatcher(context.sourceCode, { clientNames });
//   const name = networkCall(node); // 'axios.get()', 'this.stripe.charges.create()', or undefined
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { createClientTracker } from './client-packages.js';
import { nameWords } from './key-names.js';
import { CALL, CONSTRUCT, ESM, findReferences, type TraceMap } from './references.js';

export interface NetworkCallOptions {
  /**
   * Words that name a network client, compared case-insensitively with the words of the receiver (`stripe` matches
   * `this.stripe`, `stripeClient`; `email` matches `emailService`, not `emailTemplate`). None: only imports, SDK
   * clients and globals.
   */
  clientNames?: readonly string[];
}

/**
 * The display name of `node` (`axios.get()`, `this.stripe.charges.create()`) when it is an outbound network call;
 * undefined otherwise. `notClients`: root names never taken for a client (a transaction client `tx`).
 */
export type NetworkCallMatcher = (node: TSESTree.CallExpression, notClients?: ReadonlySet<string>) => string | undefined;


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

/** How a call reads in a message: its callee without whitespace, cut to its last 50 characters, then `()`. */
export function describeCall(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
): string {
  const text = sourceCode.getText(node.callee).replace(/\s+/g, '');
  return `${text.length > 50 ? `…${text.slice(-49)}` : text}()`;
}

/** Creates the matcher for one file; imports and globals are traced once, on first use. */
export function createNetworkCallMatcher(
  sourceCode: Readonly<TSESLint.SourceCode>,
  { clientNames = [] }: NetworkCallOptions = {},
): NetworkCallMatcher {
  const clientWords = new Set(clientNames.map((name) => name.toLowerCase()));
  const isClientWord = (word: string): boolean =>
    clientWords.has(word) || (word.endsWith('s') && clientWords.has(word.slice(0, -1)));
  let traced: { calls: Set<TSESTree.Node>; instanceProperties: Set<string> } | undefined;
  const sdkClients = createClientTracker(sourceCode);

  /** Network calls found through imports and globals, and class fields holding a client instance. */
  const trace = (): NonNullable<typeof traced> => {
    if (traced) return traced;
    traced = { calls: new Set(), instanceProperties: new Set() };
    for (const { node, info } of findReferences(sourceCode, { modules: NETWORK_MODULES, globals: NETWORK_GLOBALS })) {
      if (info === 'call') traced.calls.add(node);
      else markInstance(node, traced.calls, traced.instanceProperties);
    }
    return traced;
  };

  /** `const api = axios.create()` → every `api.get()` / `api()`; `http = axios.create()` in a class → `this.http.get()`. */
  function markInstance(node: TSESTree.Node, calls: Set<TSESTree.Node>, properties: Set<string>): void {
    const parent = node.parent;
    if (parent?.type === 'PropertyDefinition' && !parent.computed && parent.key.type === 'Identifier') {
      properties.add(parent.key.name);
    }
    if (parent?.type !== 'VariableDeclarator' || parent.id.type !== 'Identifier') return;
    for (const variable of sourceCode.getDeclaredVariables(parent)) {
      for (const reference of variable.references) {
        const identifier = reference.identifier as TSESTree.Node;
        const user = identifier.parent;
        if (user?.type === 'CallExpression' && user.callee === identifier) calls.add(user);
        const method = user?.type === 'MemberExpression' && user.object === identifier ? user : undefined;
        if (method?.parent.type === 'CallExpression' && method.parent.callee === method) calls.add(method.parent);
      }
    }
  }

  function isClientName(name: string): boolean {
    const words = nameWords(name);
    if (!words.some(isClientWord)) return false;
    const last = words.at(-1)!;
    return isClientWord(last) || CLIENT_SUFFIXES.has(last);
  }

  return (node, notClients) => {
    const { calls, instanceProperties } = trace();
    if (calls.has(node)) return describeCall(sourceCode, node);
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
      if (notClients?.has(current.name)) return undefined;
      chain.unshift(current.name);
    } else if (current.type === 'ThisExpression') {
      chain.unshift('this');
    } else {
      return undefined;
    }
    const [root, second] = chain;
    if (root === 'this' && chain.length === 2 && instanceProperties.has(second!)) return describeCall(sourceCode, node);
    if (sdkClients.isClientCall(node)) return describeCall(sourceCode, node);
    const candidate = root === 'this' || CONTAINERS.has(root!) ? second : root;
    return candidate !== undefined && isClientName(candidate) ? describeCall(sourceCode, node) : undefined;
  };
}
