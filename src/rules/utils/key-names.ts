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

/** What `becomesKey` needs of ESLint's `SourceCode`. */
export interface KeyScopes {
  getDeclaredVariables(node: Node): readonly TSESLint.Scope.Variable[];
  getScope(node: Node): TSESLint.Scope.Scope;
}

/** Calls that store what they are given: ORM / query-builder inserts, creates and saves. */
const PERSIST_METHODS = new Set(['insert', 'insertOne', 'insertMany', 'create', 'createMany', 'createOne', 'bulkCreate', 'bulkInsert', 'save', 'upsert', 'persist', 'persistAndFlush', 'values']);
/** Receivers whose `create` builds an object in memory, not a row: `TriggerCommand.create({ … })`. */
const IN_MEMORY_RECEIVER = /(?:Command|Event|Message|Dto|DTO|Request|Response|Query|Job|Payload|Error|Exception|Action|Notification|Schema)$/;
/** Class decorators of a persisted entity (TypeORM, MikroORM, Mongoose, Sequelize, Typegoose). */
const ENTITY_DECORATORS = /^(?:Entity|Table|Model|Schema|Collection|Document|ObjectType|modelOptions)$/;
/** Array methods whose callback's result becomes the array's element: `rows.map(() => ({ id: v4() }))`. */
const MAPPING_METHODS = new Set(['map', 'flatMap']);

/** A call that stores its arguments: `db.insert(t).values(…)`, `repo.save(…)`, `prisma.user.create(…)`, `knex('t').insert(…)`. */
export function isPersistCall(call: TSESTree.CallExpression): boolean {
  if (call.callee.type !== 'MemberExpression') return false;
  if (!PERSIST_METHODS.has(staticName(call.callee) ?? '')) return false;
  const receiver = call.callee.object;
  const receiverName = receiver.type === 'Identifier' ? receiver.name : receiver.type === 'MemberExpression' ? staticName(receiver) : null;
  return receiverName === null || !IN_MEMORY_RECEIVER.test(receiverName);
}

/** The class around `node` is an entity: an entity decorator on it, or decorated properties (columns). */
function inEntityClass(node: Node): boolean {
  let current: Node | undefined = node.parent;
  while (current && current.type !== 'ClassBody') current = current.parent;
  const owner = current?.parent;
  if (!owner || (owner.type !== 'ClassDeclaration' && owner.type !== 'ClassExpression')) return false;
  if (owner.decorators.some((decorator) => ENTITY_DECORATORS.test(decoratorName(decorator) ?? ''))) return true;
  return owner.body.body.some((member) => member.type === 'PropertyDefinition' && member.decorators.length > 0);
}

/**
 * Does the value of `start` become a key? A random UUID is a key only when it is persisted as one:
 * - it lands under a key name (`id`, `userId`, `user_id`; a variable, property or member on the way) and the value,
 *   or the object / array holding it, reaches a store call (`insert`, `create`, `save`, `upsert`, `values`, …;
 *   not `SomeCommand.create(…)`), directly or through variables;
 * - it is assigned to an entity's key field (`this.id = …` / `id = …` in a class decorated `@Entity`-like or with
 *   decorated columns), or to a key field of an object that is then stored (`user.id = v4(); repo.save(user)`);
 * - it is a primary-key default (`@PrimaryKey({ onCreate: () => … })`, `uuid('id').$defaultFn(() => …)`).
 * Non-key names (`requestId`, `token`) stop the search. Ids held in memory, returned from a function, sent in a
 * message or put in a cache key are not keys.
 */
export function becomesKey(
  start: Node,
  options: NameOptions,
  scopes: KeyScopes,
  depth = 0,
  keyNamed = false,
): boolean {
  let node = start;
  let named = keyNamed;
  let factory = false; // the value is now a function that produces it
  const judge = (name: string | null): NameKind => (name === null ? 'neutral' : classifyName(name, options));
  /** Judges a name on the way: false to stop (a non-key name); marks a key name. */
  const pass = (name: string | null): boolean => {
    const kind = judge(name);
    if (kind === 'key') named = true;
    return kind !== 'non-key';
  };
  /** Some read of the variables declared by `declaration` carries the value on to a store. */
  const followVariables = (variables: readonly TSESLint.Scope.Variable[]): boolean =>
    depth < 3 &&
    variables.some((variable) =>
      variable.references.some((reference) => reference.isReadOnly() && becomesKey(reference.identifier, options, scopes, depth + 1, named)),
    );
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
      case 'ArrayExpression':
      case 'SpreadElement':
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
        if (DEFAULT_PROPERTIES.has(name ?? '')) {
          node = parent.parent; // the options object of the owner: continue from there
          factory = false;
          continue;
        }
        if (factory || !pass(name)) return false;
        node = parent.parent;
        continue;
      }
      case 'VariableDeclarator':
        if (parent.init !== node || parent.id.type !== 'Identifier' || factory || !pass(parent.id.name)) return false;
        return followVariables(scopes.getDeclaredVariables(parent));
      case 'AssignmentPattern': {
        // const { id = randomUUID() } = body
        if (parent.right !== node || parent.left.type !== 'Identifier' || !pass(parent.left.name)) return false;
        const variable = ASTUtils.findVariable(scopes.getScope(parent.left), parent.left);
        return !!variable && followVariables([variable]);
      }
      case 'AssignmentExpression': {
        if (parent.right !== node || factory || !pass(staticName(parent.left))) return false;
        const target = parent.left;
        if (target.type === 'Identifier') {
          const variable = ASTUtils.findVariable(scopes.getScope(target), target);
          return !!variable && followVariables([variable]);
        }
        if (target.type !== 'MemberExpression' || !named) return false;
        if (target.object.type === 'ThisExpression') return inEntityClass(parent);
        // user.id = v4(); … repo.save(user)
        if (target.object.type !== 'Identifier') return false;
        const object = target.object;
        const variable = ASTUtils.findVariable(scopes.getScope(object), object);
        return !!variable?.references.some((reference) => {
          const use = reference.identifier.parent;
          return use?.type === 'CallExpression' && use.arguments.includes(reference.identifier as TSESTree.Identifier) && isPersistCall(use);
        });
      }
      case 'PropertyDefinition': {
        if (parent.value !== node) return false;
        if (parent.decorators.some((decorator) => PRIMARY_DECORATORS.has(decoratorName(decorator) ?? ''))) return true;
        return judge(staticName(parent)) === 'key' && inEntityClass(parent);
      }
      case 'ArrowFunctionExpression':
        if (parent.body !== node) return false;
        node = parent;
        factory = true;
        continue;
      case 'ReturnStatement': {
        let fn: Node | undefined = parent.parent;
        while (fn && !['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'].includes(fn.type)) fn = fn.parent;
        if (!fn || fn.type === 'FunctionDeclaration') return false;
        factory = true;
        node = fn;
        continue;
      }
      case 'CallExpression': {
        if (!parent.arguments.includes(node as TSESTree.CallExpressionArgument)) return false;
        if (parent.parent.type === 'Decorator') {
          const decorator = parent.parent;
          return PRIMARY_DECORATORS.has(decoratorName(decorator) ?? '') || isKeyMember(decorator.parent, options);
        }
        const method = methodName(parent);
        if (factory) {
          // rows.map(() => ({ id: v4() })): the callback's result is the element
          if (!MAPPING_METHODS.has(method ?? '') || parent.callee.type !== 'MemberExpression') {
            return DEFAULT_METHODS.has(method ?? '') && parent.callee.type === 'MemberExpression' ? isKeyColumnChain(parent, options) : false;
          }
          factory = false;
          node = parent;
          continue;
        }
        if (DEFAULT_METHODS.has(method ?? '') && parent.callee.type === 'MemberExpression') return isKeyColumnChain(parent, options);
        if (method === 'raw') {
          node = parent; // knex.raw('gen_random_uuid()') handed on as a default
          continue;
        }
        return named && isPersistCall(parent);
      }
      default:
        return false;
    }
  }
  return false;
}

