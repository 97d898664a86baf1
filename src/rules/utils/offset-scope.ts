// What an ORM / query-builder offset reads, and whether its query is scoped to one parent row (no-offset-pagination).
//
//   model    Prisma `prisma.tag.findMany` → tag; TypeORM / MikroORM `this.userRepository.find` → user,
//            `em.find(User, …)` / `getRepository(User).find` → User; Sequelize / Mongoose `UserModel.find` → User;
//            Mongoose `this.MongooseModel.find` / `this.model.find` → the enclosing class minus Repository/Store/
//            Service/Dal (MessageRepository → Message); Knex / Drizzle / Kysely `knex('users')`, `.from('users')`,
//            `.from(users)`, `.selectFrom('users as u')`, `.table('users')`. Generic receivers (`repo.find`,
//            `db.find`, `this.db(this.tableName)`) give no model.
//   scoped   the filter names ONE other row (or a few): a key ending in `id` / `uid` that is not the row's own id
//            (`surveyId`, `survey_id`, `_environmentId`, `workspaceID`, `creatorUid`) with a value (not null, not a
//            negation), `{ in: ids }` / `{ $in: ids }` / `{ equals: id }`; or such a key / an `id` down a relation path
//            (`{ team: { id } }`, `{ triggers: { some: { actionClass: { id } } } }`, through `some` / `is`, not
//            `every` / `none` / `NOT` / `OR`, at most MAX_FILTER_DEPTH objects deep); or a filter built by a helper
//            given such a key (`team: buildTeamWhereQuery({ teamId, userId })`, `where: buildWhere(workspaceId)`).
//            Read in: Prisma / TypeORM `where` (top level, spreads, `AND: [...]`), MikroORM / Mongoose filter
//            argument before the options, Mongoose `find(filter)` / `findOne(filter)` in a cursor chain, Knex / Kysely
//            `.where({ x_id })`, `.where('x_id', v)`, `.where('x_id', '=', v)` in the builder chain. Same-file `const`s
//            are followed. Text search, status and date filters alone do not scope.
//   growing  the model's head word (its last, singularised: `notificationTemplate` → template, `integration_events`
//            → event) or a trailing run of its words is in the list of growing activity tables.
//   generic forwarder  a generic repository's method (`class BaseRepository<T>`, `this.MongooseModel.find(query)…
//            .skip(options.skip)`) whose filter and offset are both its caller's parameters: whether that is offset
//            pagination on a large table is decided where a caller passes a page (reported there), not here.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { nameWords } from './key-names.js';
import type { OrmOffset } from './orm-pagination.js';
import { receiverName, resolveConst } from './query-calls.js';

/** The model an offset reads (undefined when no name was found) and whether its query is scoped to one parent row. */
export interface OffsetTarget {
  model?: string;
  scoped: boolean;
}

/** Tables that grow with activity (events, messages, responses…): offset is reported on them even inside one parent. */
export const DEFAULT_GROWING_TABLES: readonly string[] = [
  'event', 'log', 'audit', 'message', 'notification', 'response', 'display', 'call', 'delivery', 'execution', 'activity',
  'change', 'history', 'member', 'membership', 'user', 'subscriber', 'session', 'comment', 'order', 'transaction',
  'payment', 'invoice', 'view', 'visit', 'click', 'submission', 'attempt', 'tenant', 'customer', 'contact', 'document',
  'envelope', 'article', 'post',
];

/** Receivers that name a database or a generic repository, not a model. */
const GENERIC_RECEIVERS = new Set([
  'prisma', 'db', 'database', 'knex', 'trx', 'tx', 'em', 'manager', 'entitymanager', 'repository', 'repo', 'client',
  'ctx', 'orm', 'datasource', 'query', 'qb', 'builder', 'collection', 'connection', 'conn', 'kysely', 'this', 'model',
  'mongoosemodel', 'table', 'dal', 'store', 'service',
]);
/** Receivers that stand for "this class's model" (Mongoose base repositories). */
const OWN_MODEL_RECEIVERS = new Set(['mongoosemodel', 'model', '_model']);
/** Suffixes of a repository / store / model holder's name, removed to get the model. */
const HOLDER_SUFFIX = /(?:Repository|Repo|Store|Service|Dal|DAL|Model|Collection)$/;
/** `this.db('users')`, `this.knex('users')`: a Knex root reached through a member. */
const KNEX_ROOTS = new Set(['db', 'knex', 'trx', 'database']);
const WHERE_METHODS = new Set(['where', 'andWhere']);
const TABLE_METHODS = new Set(['from', 'table', 'into', 'selectFrom']);
const MONGO_FIND_METHODS = new Set(['find', 'findOne']);
const ONE_VALUE_KEYS = new Set(['in', '$in', 'equals', '$eq']);
const NEGATION_KEYS = new Set(['not', 'notIn', '$ne', '$nin', '$exists', '$not']);
const AND_KEYS = new Set(['AND', '$and']);
/**
 * Keys whose filter does not narrow the list to the rows of one parent: Prisma's `every` / `none` / `isNot` (true for
 * rows with no related row at all), `NOT`, and alternatives (`OR`: one branch may be unscoped).
 */
const NON_SCOPING_KEYS = new Set(['every', 'none', 'isNot', 'NOT', 'OR', '$or', '$nor', '$not']);
/** The row's own key: not a parent at the top of a filter, the related row's key down a relation. */
const OWN_ID_KEYS = new Set(['id', '_id']);
/** How many filter objects deep a parent key is looked for (`teamGroups.some.organisationGroup.members.some.member.userId` is 6). */
const MAX_FILTER_DEPTH = 8;
/** Chains longer than this are not followed (a rule never loops on odd input). */
const MAX_STEPS = 100;

/** The model and scope of one offset found by findOrmOffsets in `call`. Never throws. */
export function offsetTarget(
  offset: OrmOffset,
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): OffsetTarget {
  if (offset.option === undefined) return builderTarget(call, sourceCode);
  if (offset.nested || call.callee.type !== 'MemberExpression') return { scoped: false };
  const model = findModel(call);
  const argumentIndex = offset.argument ? call.arguments.indexOf(offset.argument as TSESTree.CallExpressionArgument) : -1;
  const options = offset.argument ? resolveConst(offset.argument, sourceCode) : undefined;
  const where = options?.type === 'ObjectExpression' ? propertyValue(options, 'where') : undefined;
  let filter: TSESTree.Node | undefined = where;
  if (!filter && argumentIndex > 0) {
    // MikroORM `em.find(User, where, { offset })`, Mongoose `Model.find(filter, projection, { skip })`
    filter = call.arguments.slice(0, argumentIndex).find((argument) => !isEntityClass(argument) && argument.type !== 'Literal');
  }
  return { model, scoped: filter !== undefined && isScopedFilter(filter, sourceCode) };
}

/**
 * A generic repository's forwarder: the offset and the filter of a query on the class's own model
 * (`this.MongooseModel`, `this.model`) both come from the enclosing method's parameters, in a class with type
 * parameters (`class BaseRepository<T>`). It pages whatever table and rows a caller names; a caller that passes a page
 * (`repo.find(q, '', { skip: page * limit })`) is reported where it does. Never throws.
 */
export function isGenericForwarder(
  offset: OrmOffset,
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  const value = offset.option === undefined ? call.arguments[0] : offsetValue(offset.node);
  if (value === undefined || !isParameterValue(value, sourceCode)) return false;
  const find = offset.option === undefined ? chainCalls(call, sourceCode).find((link) => MONGO_FIND_METHODS.has(receiverName(link.callee) ?? '')) : call;
  if (find?.callee.type !== 'MemberExpression' || find.callee.object.type !== 'MemberExpression') return false;
  const receiver = find.callee.object;
  if (receiver.object.type !== 'ThisExpression' || !OWN_MODEL_RECEIVERS.has((receiverName(receiver) ?? '').toLowerCase())) return false;
  const filter = find.arguments[0];
  return filter !== undefined && isParameterValue(filter, sourceCode) && isInGenericClass(call);
}

/** The value of an offset option property (`skip: options.skip`). */
function offsetValue(node: TSESTree.Node): TSESTree.Node | undefined {
  return node.type === 'Property' ? node.value : undefined;
}

/** `skip`, `options.skip`, `options?.skip as number`, `options.skip || 0`: read from a parameter of the enclosing function. */
function isParameterValue(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let current = unwrap(node);
  if (current.type === 'LogicalExpression') current = unwrap(current.left);
  if (current.type === 'ChainExpression') current = current.expression;
  for (let steps = 0; steps < MAX_STEPS && current.type === 'MemberExpression'; steps++) current = current.object;
  if (current.type !== 'Identifier') return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(current), current);
  return variable !== null && variable.defs.length > 0 && variable.defs.every((definition) => definition.type === 'Parameter');
}

function isInGenericClass(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'ClassDeclaration' || current.type === 'ClassExpression') return (current.typeParameters?.params.length ?? 0) > 0;
  }
  return false;
}

/** Whether `model`'s name ends with one of `growing` (words or names, compared singularised and case-insensitively). */
export function isGrowingModel(model: string, growing: readonly string[]): boolean {
  const words = nameWords(model).map(singular);
  return growing.some((entry) => {
    const tail = nameWords(entry).map(singular);
    return tail.length > 0 && tail.length <= words.length && tail.every((word, index) => word === words[words.length - tail.length + index]);
  });
}

function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The model a find call reads: `prisma.tag.findMany` → tag, `em.find(User, …)` → User, `this.MongooseModel.find` → the class. */
function findModel(call: TSESTree.CallExpression): string | undefined {
  if (call.callee.type !== 'MemberExpression') return undefined;
  const receiver = call.callee.object;
  const name = receiverName(receiver);
  if (name !== undefined && OWN_MODEL_RECEIVERS.has(name.toLowerCase())) return enclosingClassModel(call);
  // TypeORM `getRepository(User).find`, MikroORM `em.getRepository(User).find`
  if (receiver.type === 'CallExpression') return entityName(receiver.arguments[0]);
  const model = name === undefined ? undefined : modelOf(name);
  return model ?? entityName(call.arguments[0]);
}

/** `userRepository` → user, `UserModel` → User, `tag` → tag; generic names (`repo`, `db`) → undefined. */
function modelOf(name: string): string | undefined {
  const stripped = name.replace(HOLDER_SUFFIX, '');
  const model = stripped === '' ? name : stripped;
  return GENERIC_RECEIVERS.has(model.toLowerCase()) || GENERIC_RECEIVERS.has(name.toLowerCase()) ? undefined : model;
}

/** An entity class passed to a generic manager: `User` in `em.find(User, …)`. */
function entityName(node: TSESTree.Node | undefined): string | undefined {
  return node && isEntityClass(node) ? (node as TSESTree.Identifier).name : undefined;
}

function isEntityClass(node: TSESTree.Node): boolean {
  return node.type === 'Identifier' && /^[A-Z]/.test(node.name);
}

/** The enclosing class name minus its holder suffix: MessageRepository → Message. */
function enclosingClassModel(node: TSESTree.Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if ((current.type === 'ClassDeclaration' || current.type === 'ClassExpression') && current.id) return modelOf(current.id.name);
  }
  return undefined;
}

/** Model and scope of a builder or cursor `.offset(n)` / `.skip(n)`: read from every call of its chain. */
function builderTarget(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): OffsetTarget {
  let model: string | undefined;
  let scoped = false;
  for (const link of chainCalls(call, sourceCode)) {
    const callee = link.callee;
    const first = link.arguments[0];
    if (first?.type === 'Literal' && (callee.type === 'Identifier' || KNEX_ROOTS.has(receiverName(callee) ?? ''))) {
      // `knex('users')`, `db('users')`, `this.db('users')`: a Knex root
      model ??= tableName(first);
    }
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') continue;
    const method = callee.property.name;
    if (TABLE_METHODS.has(method)) model ??= tableName(first);
    else if (method === 'createQueryBuilder') model ??= findModel(link);
    else if (MONGO_FIND_METHODS.has(method)) {
      model ??= findModel(link);
      scoped ||= first !== undefined && isScopedFilter(first, sourceCode);
    } else if (WHERE_METHODS.has(method)) scoped ||= isScopedWhereCall(link, sourceCode);
  }
  return { model, scoped };
}

/** `'users'`, `'public.users as u'` → users; a Drizzle table identifier `users` → users. */
function tableName(node: TSESTree.Node | undefined): string | undefined {
  if (node?.type === 'Literal' && typeof node.value === 'string') {
    const table = node.value.trim().split(/\s+/)[0] ?? '';
    const name = table.split('.').pop() ?? '';
    return name === '' ? undefined : name.replace(/"/g, '');
  }
  if (node?.type === 'Identifier') return modelOf(node.name);
  return undefined;
}

/** Every call of the chain `call` is on: down its callee (through same-file `const`s) and up its parents. */
function chainCalls(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  let current: TSESTree.Node = call;
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    if (current.type === 'CallExpression') {
      calls.push(current);
      current = current.callee;
    } else if (current.type === 'MemberExpression') {
      current = current.object;
    } else if (current.type === 'TSNonNullExpression') {
      current = current.expression;
    } else if (current.type === 'AwaitExpression') {
      current = current.argument;
    } else if (current.type === 'Identifier') {
      const next = resolveConst(current, sourceCode, 1);
      if (next === current) break;
      current = next;
    } else {
      break;
    }
  }
  let up: TSESTree.Node = call;
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    const parent: TSESTree.Node | undefined = up.parent;
    if (parent?.type !== 'MemberExpression' || parent.object !== up) break;
    if (parent.parent.type !== 'CallExpression' || parent.parent.callee !== parent) break;
    calls.push(parent.parent);
    up = parent.parent;
  }
  return calls;
}

/** `.where({ x_id })`, `.where('x_id', v)`, `.where('t.x_id', '=', v)`. */
function isScopedWhereCall(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const [column, second, third] = call.arguments;
  if (!column) return false;
  if (column.type !== 'Literal' || typeof column.value !== 'string') return isScopedFilter(column, sourceCode);
  if (!isParentIdKey(column.value)) return false;
  if (third === undefined) return second !== undefined && isOneValue(second, sourceCode);
  return second?.type === 'Literal' && (second.value === '=' || second.value === 'in') && isOneValue(third, sourceCode);
}

/**
 * A filter that names one (or a few) parent rows: a parent key at the top or down a relation path (`inRelation`: the
 * filter of a related row, whose own `id` names it), or a filter built by a helper given a parent key. `depth` counts
 * the objects entered (relations, spreads, `AND` elements).
 */
function isScopedFilter(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, inRelation = false, depth = 0): boolean {
  if (depth > MAX_FILTER_DEPTH) return false;
  const filter = resolveConst(unwrap(node), sourceCode);
  if (filter.type === 'CallExpression') return isScopedHelperCall(filter, sourceCode);
  if (filter.type !== 'ObjectExpression') return false;
  for (const property of filter.properties) {
    if (property.type === 'SpreadElement') {
      if (isScopedFilter(property.argument, sourceCode, inRelation, depth + 1)) return true;
      continue;
    }
    const key = propertyKey(property);
    if (key === undefined || NON_SCOPING_KEYS.has(key) || NEGATION_KEYS.has(key)) continue;
    if (AND_KEYS.has(key)) {
      const list = resolveConst(unwrap(property.value), sourceCode);
      if (list.type !== 'ArrayExpression') continue;
      if (list.elements.some((element) => element?.type !== 'SpreadElement' && element != null && isScopedFilter(element, sourceCode, inRelation, depth + 1))) return true;
      continue;
    }
    if (OWN_ID_KEYS.has(key)) {
      // the row's own id does not scope a list; the related row's id (`{ team: { id } }`) does
      if (inRelation && isOneValue(property.value, sourceCode)) return true;
      continue;
    }
    if (isParentIdKey(key)) {
      if (isOneValue(property.value, sourceCode)) return true;
      continue;
    }
    // a relation (`team: {…}`), a relation filter (`some: {…}`, `is: {…}`) or a helper-built relation filter
    const value = resolveConst(unwrap(property.value), sourceCode);
    if ((value.type === 'ObjectExpression' || value.type === 'CallExpression') && isScopedFilter(value, sourceCode, true, depth + 1)) return true;
  }
  return false;
}

/** `buildTeamWhereQuery({ teamId, userId })`, `buildWhere(workspaceId, search)`: a helper given one parent's key. */
function isScopedHelperCall(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return call.arguments.some((argument) => {
    const value = unwrap(argument);
    if (value.type === 'Identifier' || value.type === 'MemberExpression') {
      const name = receiverName(value);
      return name !== undefined && isParentIdKey(name);
    }
    if (value.type !== 'ObjectExpression') return false;
    return value.properties.some((property) => {
      if (property.type !== 'Property') return false;
      const key = propertyKey(property);
      return key !== undefined && isParentIdKey(key) && isOneValue(property.value, sourceCode);
    });
  });
}

/** Last words of a key naming another row: `surveyId`, `creatorUid`. */
const PARENT_KEY_WORDS = new Set(['id', 'uid']);

/** `surveyId`, `survey_id`, `_environmentId`, `workspaceID`, `creatorUid`, `t.organisationId`: another row's id (not `id`, `_id`). */
function isParentIdKey(key: string): boolean {
  const words = nameWords(key.split('.').pop() ?? '');
  return words.length >= 2 && PARENT_KEY_WORDS.has(words[words.length - 1] ?? '');
}

/**
 * A value naming one row or a few: not null / undefined, not a negation (`{ not: x }`, `{ $exists: false }`). Nested
 * ternaries and filter objects deeper than MAX_VALUE_DEPTH (source text can nest them without end) are not one value.
 */
function isOneValue(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): boolean {
  if (depth > MAX_VALUE_DEPTH) return false;
  const value = unwrap(node);
  switch (value.type) {
    case 'Literal':
      return value.value !== null && typeof value.value !== 'boolean';
    case 'Identifier':
      return value.name !== 'undefined';
    case 'MemberExpression':
    case 'CallExpression':
    case 'TemplateLiteral':
    case 'ChainExpression':
    case 'AwaitExpression':
      return true;
    case 'ConditionalExpression':
      return isOneValue(value.consequent, sourceCode, depth + 1) && isOneValue(value.alternate, sourceCode, depth + 1);
    case 'ObjectExpression': {
      let one = false;
      for (const property of value.properties) {
        if (property.type === 'SpreadElement') return false;
        const key = propertyKey(property);
        if (key !== undefined && NEGATION_KEYS.has(key)) return false;
        if (key !== undefined && ONE_VALUE_KEYS.has(key)) one = isOneValue(property.value, sourceCode, depth + 1);
      }
      return one;
    }
    default:
      return false;
  }
}

/** How deep isOneValue follows nested ternaries and filter objects. */
const MAX_VALUE_DEPTH = 16;

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    if (current.type === 'TSAsExpression' || current.type === 'TSNonNullExpression' || current.type === 'TSSatisfiesExpression') {
      current = current.expression;
    } else {
      return current;
    }
  }
  return current;
}

function propertyKey(property: TSESTree.Property): string | undefined {
  if (property.computed) return undefined;
  if (property.key.type === 'Identifier') return property.key.name;
  if (property.key.type === 'Literal' && typeof property.key.value === 'string') return property.key.value;
  return undefined;
}

function propertyValue(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
  for (const property of object.properties) {
    if (property.type === 'Property' && propertyKey(property) === key) return property.value;
  }
  return undefined;
}
