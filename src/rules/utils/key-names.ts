// Is a property / variable / column / header name a key (an identifier of a stored row), or a value that only
// looks like one? `id`, `userId`, `user_id`, `userID`, `_id`, `pk` are keys. Request, trace, span, correlation,
// causation and session ids, idempotency keys, nonces, tokens, secrets, salts and CSRF values are not: they are
// random on purpose and are not indexed as a table's key. Everything else (`fileName`, `uuid`, `value`) is neutral.

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

export type NameKind = 'key' | 'non-key' | 'neutral';

/** Words that make an id-like name a non-key (`requestId`, `x-request-id`, `sessionToken`, `idempotencyKey`). */
export const NON_KEY_WORDS: readonly string[] = [
  'request',
  'req',
  'trace',
  'span',
  'correlation',
  'causation',
  'session',
  'idempotency',
  'nonce',
  'token',
  'secret',
  'salt',
  'csrf',
  'xsrf',
  'otp',
  'jti',
];

/** Last words that make a name a key. */
const KEY_LAST_WORDS = new Set(['id', 'pk']);

/**
 * The lower-case words of a name in any casing: `userId` → user, id; `user_id` → user, id; `userID` → user, id;
 * `X-Request-ID` → x, request, id; `_id` → id.
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ') // (not `([A-Z]+)([A-Z][a-z])`: quadratic on a long upper-case run)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/** A matcher for user-given names: exact names, or regular expressions written `/source/flags`. */
export function createNameMatcher(patterns: readonly string[]): (name: string) => boolean {
  const exact = new Set<string>();
  const regexps: RegExp[] = [];
  for (const pattern of patterns) {
    const literal = /^\/(.+)\/([a-z]*)$/s.exec(pattern);
    if (!literal) {
      exact.add(pattern);
      continue;
    }
    try {
      regexps.push(new RegExp(literal[1]!, literal[2]!.replace(/[gy]/g, '')));
    } catch {
      exact.add(pattern); // not a valid regular expression: an exact name
    }
  }
  return (name) => exact.has(name) || regexps.some((regexp) => regexp.test(name));
}

export interface NameOptions {
  /** Extra names that are keys (checked after `allowedNames`). */
  isExtraKey?: (name: string) => boolean;
  /** Names that are never keys. */
  isAllowed?: (name: string) => boolean;
}

/** Classifies a name: a key, a non-key (random on purpose) or neutral. */
export function classifyName(name: string, options: NameOptions = {}): NameKind {
  if (options.isAllowed?.(name)) return 'non-key';
  if (options.isExtraKey?.(name)) return 'key';
  const words = nameWords(name);
  if (words.some((word) => NON_KEY_WORDS.includes(word))) return 'non-key';
  const last = words.at(-1);
  return last !== undefined && KEY_LAST_WORDS.has(last) ? 'key' : 'neutral';
}

/** `id`, `userId`, `user_id`, `userID`, `_id`, `pk`; not `requestId`, `traceId`, `idempotencyKey`, `token`. */
export function isKeyName(name: string, options?: NameOptions): boolean {
  return classifyName(name, options) === 'key';
}

// ---------------------------------------------------------------------------------------------------------------
// Where a value goes: does the value of an expression become a key?

/** Object properties whose value is a default for the object's owner (a column, an entity property). */
const DEFAULT_PROPERTIES = new Set(['default', 'defaultValue', 'defaultRaw', 'onCreate', 'defaultFn', '$defaultFn']);
/** Query-builder / schema-builder methods taking a default (Drizzle `$defaultFn`, Knex `defaultTo`, zod `default`). */
const DEFAULT_METHODS = new Set(['$defaultFn', '$default', 'default', 'defaultTo']);
/** Decorators that declare a primary key (TypeORM, MikroORM). */
const PRIMARY_DECORATORS = new Set(['PrimaryKey', 'PrimaryColumn', 'PrimaryGeneratedColumn']);
/** String methods that keep a value's randomness (`v4().replace(/-/g, '')`). */
const STRING_METHODS = new Set(['replace', 'replaceAll', 'toString', 'toUpperCase', 'toLowerCase']);
/** Verb prefixes of id-factory names: `newId`, `generateUserId`, `createId`. */
const FACTORY_VERB = /^(?:new|generate|gen|create|make|next|build|get|random)(?=[A-Z_])_?/;

type Node = TSESTree.Node;

/** A static name of a property, member, class member or variable. */
export function staticName(node: Node): string | null {
  if (node.type === 'Identifier') return node.name;
  if (
    node.type === 'Property' ||
    node.type === 'MemberExpression' ||
    node.type === 'PropertyDefinition' ||
    node.type === 'MethodDefinition'
  ) {
    return ASTUtils.getPropertyName(node);
  }
  return null;
}

function decoratorName(decorator: TSESTree.Decorator): string | null {
  const callee = decorator.expression.type === 'CallExpression' ? decorator.expression.callee : decorator.expression;
  return callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticName(callee) : null;
}

/** A class member declares a primary key: a `@PrimaryKey()`-like decorator or a key name. */
export function isKeyMember(member: Node, options: NameOptions): boolean {
  if (member.type !== 'PropertyDefinition' && member.type !== 'TSAbstractPropertyDefinition') return false;
  if (member.decorators.some((decorator) => PRIMARY_DECORATORS.has(decoratorName(decorator) ?? ''))) return true;
  const name = staticName(member as TSESTree.PropertyDefinition);
  return name !== null && isKeyName(name, options);
}

/** Calls of a member chain, from its root call to `call` and on to its outermost call: `uuid('id').primaryKey()`. */
export function memberChain(call: TSESTree.CallExpression): { calls: TSESTree.CallExpression[]; top: Node } {
  const calls: TSESTree.CallExpression[] = [call];
  let root: Node = call.callee;
  while (root.type === 'MemberExpression' && root.object.type === 'CallExpression') {
    calls.unshift(root.object);
    root = root.object.callee;
  }
  let top: Node = call;
  while (
    top.parent?.type === 'MemberExpression' &&
    top.parent.object === top &&
    top.parent.parent.type === 'CallExpression' &&
    top.parent.parent.callee === top.parent
  ) {
    top = top.parent.parent;
    calls.push(top);
  }
  return { calls, top };
}

function methodName(call: TSESTree.CallExpression): string | null {
  return call.callee.type === 'MemberExpression' ? staticName(call.callee) : call.callee.type === 'Identifier' ? call.callee.name : null;
}

/**
 * A column-builder chain defines a key: `.primaryKey()` / `.primary()` in the chain, a key column name as the root
 * call's first argument (`uuid('user_id')`), or a key property holding the chain (`id: uuid().defaultRandom()`).
 */
export function isKeyColumnChain(call: TSESTree.CallExpression, options: NameOptions): boolean {
  const { calls, top } = memberChain(call);
  if (calls.some((link) => ['primaryKey', 'primary'].includes(methodName(link) ?? ''))) return true;
  const first = calls[0]!.arguments[0];
  const column = first && first.type !== 'SpreadElement' ? ASTUtils.getStringIfConstant(first) : null;
  if (column !== null) return isKeyName(column, options);
  return top.parent?.type === 'Property' && top.parent.value === top && isKeyName(staticName(top.parent) ?? '', options);
}

/**
 * Does the value of `start` become a key? It does when it is assigned to a key-named variable, property or class
 * member, is a primary-key default (`@PrimaryKey({ onCreate: () => … })`, `uuid('id').$defaultFn(() => …)`), or is
 * returned by an id factory (`function newId() { return … }`). A neutral variable (`const value = …`) is followed to
 * its uses once. Non-key names (`requestId`, `token`) stop the search.
 */
export function becomesKey(
  start: Node,
  options: NameOptions,
  getDeclaredVariables: (node: Node) => readonly TSESLint.Scope.Variable[],
  depth = 0,
): boolean {
  let node = start;
  let factory = false; // the value is now a function that produces it
  const judge = (name: string | null): NameKind =>
    name === null ? 'neutral' : classifyName(factory ? name.replace(FACTORY_VERB, '') || name : name, options);
  for (let steps = 0; steps < 50; steps++) {
    const parent: Node | undefined = node.parent;
    if (!parent) return false;
    switch (parent.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ChainExpression':
      case 'AwaitExpression':
      case 'LogicalExpression':
      case 'TemplateLiteral':
        node = parent;
        continue;
      case 'ConditionalExpression':
        if (parent.test === node) return false;
        node = parent;
        continue;
      case 'MemberExpression': {
        const call = parent.parent;
        if (parent.object !== node || call.type !== 'CallExpression' || call.callee !== parent) return false;
        if (!STRING_METHODS.has(staticName(parent) ?? '')) return false;
        node = call;
        continue;
      }
      case 'Property': {
        if (parent.value !== node) return false;
        const name = staticName(parent);
        const kind = judge(name);
        if (kind !== 'neutral') return kind === 'key';
        if (!DEFAULT_PROPERTIES.has(name ?? '')) return false;
        node = parent.parent; // the options object of the owner: continue from there
        factory = false;
        continue;
      }
      case 'VariableDeclarator': {
        if (parent.init !== node || parent.id.type !== 'Identifier') return false;
        const kind = judge(parent.id.name);
        if (kind !== 'neutral' || factory) return kind === 'key';
        if (depth > 0) return false;
        return getDeclaredVariables(parent).some((variable) =>
          variable.references.some(
            (reference) => reference.isReadOnly() && becomesKey(reference.identifier, options, getDeclaredVariables, depth + 1),
          ),
        );
      }
      case 'AssignmentExpression':
      case 'AssignmentPattern':
        return parent.right === node && judge(staticName(parent.left)) === 'key';
      case 'PropertyDefinition':
        return parent.value === node && (judge(staticName(parent)) === 'key' || isKeyMember(parent, options));
      case 'ArrowFunctionExpression':
        if (parent.body !== node) return false;
        node = parent;
        factory = true;
        continue;
      case 'ReturnStatement': {
        let fn: Node | undefined = parent.parent;
        while (fn && !['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'].includes(fn.type)) fn = fn.parent;
        if (!fn) return false;
        factory = true;
        if (fn.type === 'FunctionDeclaration') return judge(fn.id?.name ?? null) === 'key';
        node = fn;
        continue;
      }
      case 'MethodDefinition':
        return judge(staticName(parent)) === 'key';
      case 'CallExpression': {
        if (!parent.arguments.includes(node as TSESTree.CallExpressionArgument)) return false;
        if (parent.parent.type === 'Decorator') {
          const decorator = parent.parent;
          return PRIMARY_DECORATORS.has(decoratorName(decorator) ?? '') || isKeyMember(decorator.parent, options);
        }
        return DEFAULT_METHODS.has(methodName(parent) ?? '') && parent.callee.type === 'MemberExpression'
          ? isKeyColumnChain(parent, options)
          : false;
      }
      default:
        return false;
    }
  }
  return false;
}
