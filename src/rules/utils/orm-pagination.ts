// Recognising offset pagination in ORM and query-builder calls (SQL text is the caller's business).
//
//   find options     prisma.user.findMany({ skip: 20 }), repo.find({ skip, take }), Model.findAll({ offset, limit }),
//                    em.find(User, {}, { offset }); through same-file `const`s, spreads, `a && {…}`, `c ? {…} : {…}`
//                    and nested relations (Prisma `include` / `select`, Drizzle `with`)
//   builder chains   db.select().from(users).offset(20), knex('users').offset(n), qb.orderBy(…).offset(n),
//                    dataSource.createQueryBuilder(…).skip(n)
//   Mongo cursors    Model.find(q).sort(…).skip(n).limit(m), collection.find(q).skip(n), wrapper(Model.find(q)).skip(n).limit(m):
//                    `.skip(n)` in a chain that also calls `find` or `limit` (before or after it)
//
// Not offsets: `skip: 0` / `.offset(0)`; Prisma's cursor idiom `skip: 1` next to `cursor`, also when a wrapper
// forwards the skip it was given (`{ cursor: args.cursor, skip: args.skip }`) — only page arithmetic
// (`skip: page * size`) next to a cursor is still an offset; `find(x)` whose options
// do not read like a query's; `.offset()` / `.skip()` on anything that is not a query-builder chain or a Mongo
// cursor: RxJS's `skip` operator (a function, or `obs.skip(1).take(1)`), Immutable / linq-style `seq.skip(n).take(m)`.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { nameWords } from './key-names.js';
import { receiverName, resolveConst } from './query-calls.js';

/** One offset found in an ORM call. */
export interface OrmOffset {
  /** Where to report: the `skip` / `offset` property, or the `offset` / `skip` of the builder call. */
  node: TSESTree.Node;
  /** The find method the option was passed to (`findMany`), or the builder method (`offset`, `skip`). */
  method: string;
  /** The option that skips rows (`skip`, `offset`); undefined for a builder method. */
  option?: string;
  /** For an option: the argument of the find call it was found through (its options object, or what resolves to it). */
  argument?: TSESTree.Node;
  /** For an option: found in a nested relation (`include: { posts: { skip } }`), not on the queried model itself. */
  nested?: boolean;
}

/** Methods whose presence in a call chain makes `.offset()` a query builder's (Drizzle, Knex, Kysely, TypeORM). */
const BUILDER_METHODS = new Set([
  'select', 'selectDistinct', 'selectDistinctOn', 'selectFrom', 'selectAll', 'from', 'where', 'andWhere', 'orderBy',
  'addOrderBy', 'limit', 'take', 'innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'join', 'groupBy', 'having',
  'createQueryBuilder', '$dynamic', 'table', 'distinct', 'whereIn', 'orderByRaw',
]);
/**
 * Methods whose presence in the chain around `.skip(n)` make it a MongoDB / Mongoose cursor's skip: `find` (the query
 * that opens the cursor) or `limit` (the page size; RxJS, Immutable and linq-style sequences say `take`).
 */
const MONGO_CURSOR_METHODS = new Set(['find', 'limit']);
/** `knex('users')`, `db('users')`, `trx('users')`: a Knex builder root. */
const KNEX_WORDS = new Set(['knex', 'db', 'database', 'trx', 'tx']);
/** ORM find methods and the option names that are offsets there. */
const FIND_OPTIONS: Record<string, readonly string[]> = {
  findMany: ['skip', 'offset'], // Prisma `skip`, Drizzle relational `offset`
  find: ['skip', 'offset'], // TypeORM `skip`, MikroORM `offset`
  findAndCount: ['skip', 'offset'],
  findAll: ['offset'], // Sequelize
  findAndCountAll: ['offset'],
};
/** `find(…)` is a common name: its option object must also read like a query's (`take`, `where`, `order`…). */
const QUERY_OPTION_KEYS = new Set([
  'take', 'limit', 'where', 'order', 'orderBy', 'sort', 'relations', 'include', 'select', 'attributes',
]);
/** Nested relation arguments: Prisma `include`/`select`, Drizzle `with`. */
const RELATION_KEYS = new Set(['include', 'select', 'with']);

/** The offsets of one call, in source order: options of an ORM find, or `.offset(n)` / `.skip(n)` on a builder. */
export function findOrmOffsets(node: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): OrmOffset[] {
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return [];
  const method = callee.property.name;
  const found: OrmOffset[] = [];
  const keys = Object.hasOwn(FIND_OPTIONS, method) ? FIND_OPTIONS[method] : undefined;
  if (keys) {
    for (const argument of node.arguments) {
      const before = found.length;
      optionOffsets(argument, keys, method, false, false, sourceCode, found);
      for (const offset of found.slice(before)) offset.argument = argument;
    }
  } else if ((method === 'offset' || method === 'skip') && isBuilderOffset(node, callee, method, sourceCode)) {
    found.push({ node: callee.property, method });
  }
  return found;
}

/** Options objects of ORM finds: `skip`/`offset` properties, through spreads, conditionals and relations. */
function optionOffsets(
  node: TSESTree.Node,
  keys: readonly string[],
  method: string,
  cursor: boolean,
  nested: boolean,
  sourceCode: Readonly<TSESLint.SourceCode>,
  found: OrmOffset[],
): void {
  const object = resolveConst(node, sourceCode);
  if (object.type === 'LogicalExpression' || object.type === 'ConditionalExpression') {
    for (const branch of object.type === 'LogicalExpression' ? [object.right] : [object.consequent, object.alternate]) {
      optionOffsets(branch, keys, method, cursor, nested, sourceCode, found);
    }
    return;
  }
  if (object.type !== 'ObjectExpression') return;
  const properties = new Map<string, TSESTree.Property>();
  for (const property of object.properties) {
    if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier') {
      properties.set(property.key.name, property);
    }
  }
  const hasCursor = cursor || properties.has('cursor');
  if (method === 'find' && !nested && ![...properties.keys()].some((key) => QUERY_OPTION_KEYS.has(key))) return;
  for (const key of keys) {
    const property = properties.get(key);
    if (!property || isZero(property.value) || (key === 'skip' && hasCursor && isCursorSkip(property.value))) continue;
    found.push({ node: property, method, option: key, nested });
  }
  for (const property of object.properties) {
    if (property.type === 'SpreadElement') optionOffsets(property.argument, keys, method, hasCursor, nested, sourceCode, found);
  }
  for (const [key, property] of properties) {
    if (!RELATION_KEYS.has(key) || property.value.type !== 'ObjectExpression') continue;
    for (const relation of property.value.properties) {
      if (relation.type === 'Property') optionOffsets(relation.value, keys, method, false, true, sourceCode, found);
    }
  }
}

/** `.offset(n)` / `.skip(n)` with a non-zero argument on a query-builder chain. */
function isBuilderOffset(
  node: TSESTree.CallExpression,
  callee: TSESTree.MemberExpression,
  method: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  const argument = node.arguments[0];
  if (!argument || isZero(argument)) return false;
  const names = chainNames(callee.object, sourceCode);
  if (method !== 'skip') return [...names].some((name) => BUILDER_METHODS.has(name));
  if (names.has('createQueryBuilder')) return true;
  for (const name of namesAfter(node)) names.add(name);
  return [...names].some((name) => MONGO_CURSOR_METHODS.has(name));
}

/** Method names called on the result of `node`, further along the same chain: `.limit` and `.sort` of `x.skip(n).limit(m).sort(s)`. */
function namesAfter(node: TSESTree.CallExpression): Set<string> {
  const names = new Set<string>();
  let current: TSESTree.Node = node;
  for (let steps = 0; steps < 100; steps++) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (parent?.type !== 'MemberExpression' || parent.object !== current) break;
    if (parent.parent.type !== 'CallExpression' || parent.parent.callee !== parent) break;
    const name = receiverName(parent);
    if (name) names.add(name);
    current = parent.parent;
  }
  return names;
}

/** Method names along a call chain, through a same-file `const qb = …` root; `knex('users')` counts as `from`. */
function chainNames(start: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): Set<string> {
  const names = new Set<string>();
  let current: TSESTree.Node = start;
  for (let steps = 0; steps < 100; steps++) {
    if (current.type === 'CallExpression') {
      if (current.callee.type === 'Identifier' && nameWords(current.callee.name).some((word) => KNEX_WORDS.has(word))) {
        names.add('from');
      }
      current = current.callee;
    } else if (current.type === 'MemberExpression') {
      const name = receiverName(current);
      if (name) names.add(name);
      current = current.object;
    } else if (current.type === 'Identifier' || current.type === 'TSNonNullExpression' || current.type === 'AwaitExpression') {
      const next =
        current.type === 'Identifier'
          ? resolveConst(current, sourceCode)
          : current.type === 'TSNonNullExpression'
            ? current.expression
            : current.argument;
      if (next === current) break;
      current = next;
    } else {
      break;
    }
  }
  return names;
}

function isZero(node: TSESTree.Node): boolean {
  return node.type === 'Literal' && node.value === 0;
}

/**
 * Prisma's cursor idiom next to `cursor`: `skip: 1`, `skip: cursor ? 1 : 0`, or a skip forwarded by a pass-through
 * wrapper (`skip: args.skip`, `skip`); not page arithmetic (`skip: page * size`, `skip: (page - 1) * size`).
 */
function isCursorSkip(node: TSESTree.Node): boolean {
  if (node.type === 'ConditionalExpression') return [node.consequent, node.alternate].every((branch) => isCursorSkip(branch));
  if (node.type === 'Literal') return node.value === 1 || node.value === 0;
  return !containsProduct(node);
}

function containsProduct(node: TSESTree.Node): boolean {
  if (node.type === 'BinaryExpression') {
    return node.operator === '*' || containsProduct(node.left) || containsProduct(node.right);
  }
  if (node.type === 'CallExpression') return node.arguments.some((argument) => containsProduct(argument));
  if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression') return containsProduct(node.expression);
  return false;
}
