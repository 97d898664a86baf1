// Queries found in the source, for the indexes check: the table each reads and the columns it filters or sorts on.
//   SQL strings of query calls (src/rules/utils/query-calls.ts → src/sql/sql-in-ts.ts → the real parser)
//   Prisma    prisma.user.findMany({ where: { email }, orderBy: { createdAt: 'desc' } })
//   Drizzle   db.select().from(users).where(eq(users.email, e)).orderBy(desc(users.createdAt))
//   knex      knex('users').where({ email }).orderBy('created_at');  Kysely  db.selectFrom('users').where('email', '=', e)
// And the SQL strings of TS/JS migrations (knex.raw, queryRunner.query, pgm.sql) inside `up`, for the schema model.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { memberChain, staticName } from '../../rules/utils/key-names.js';
import { isInsideDownMigration } from '../../rules/utils/migration-direction.js';
import { createQueryCallMatcher, receiverName } from '../../rules/utils/query-calls.js';
import { walkSqlNodes } from '../../sql/ast.js';
import { parseSql } from '../../sql/parser.js';
import { extractSql, type SqlInTs } from '../../sql/sql-in-ts.js';
import type { Context } from './orm-tables.js';
import type { SourceLocation } from './schema-facts.js';

type Node = TSESTree.Node;

/** A query before its table is resolved: `table` is a table name, a Prisma model accessor or a Drizzle variable. */
export interface QueryDraft extends SourceLocation {
  table: string;
  resolve: 'name' | 'prisma-model' | 'drizzle-variable';
  columns: string[];
  via: string;
}

const PRISMA_READS = new Set([
  'findMany', 'findFirst', 'findFirstOrThrow', 'findUnique', 'findUniqueOrThrow', 'count', 'aggregate', 'groupBy', 'updateMany', 'deleteMany',
]);
const PRISMA_LOGICAL = new Set(['AND', 'OR', 'NOT']);
const FILTER_METHODS = new Set(['where', 'andWhere', 'orWhere', 'whereIn', 'whereNot', 'whereNull', 'whereNotNull', 'orderBy', 'whereBetween']);
const TABLE_METHODS = new Set(['from', 'table', 'into', 'selectFrom', 'updateTable', 'deleteFrom']);

/** The node's static string value (a literal, a constant template); null for anything else (an object is not a name). */
function stringOf(node: Node | undefined): string | null {
  if (!node || node.type === 'SpreadElement') return null;
  const value = ASTUtils.getStaticValue(node)?.value;
  return typeof value === 'string' ? value : null;
}

function at(context: Context, node: Node): SourceLocation {
  return { file: context.filename, line: node.loc.start.line, column: node.loc.start.column + 1 };
}

/** `users.email` / `u.email` / `email as e` → `email`. */
function bareColumn(name: string): string {
  const spaced = name.trim().split(' ')[0] ?? name;
  return spaced.slice(spaced.lastIndexOf('.') + 1).replaceAll('"', '');
}

/** Prisma's scalar filter and sort operators: an object of only these filters (or sorts) the field it is under. */
const PRISMA_SCALAR_OPERATORS = new Set([
  'equals', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'not', 'contains', 'startsWith', 'endsWith', 'mode', 'search',
  'has', 'hasEvery', 'hasSome', 'isEmpty', 'sort', 'nulls', 'path', 'string_contains', 'array_contains',
]);

function objectKeys(node: Node): string[] | undefined {
  if (node.type !== 'ObjectExpression') return undefined;
  const keys: string[] = [];
  for (const entry of node.properties) {
    const key = entry.type === 'Property' ? staticName(entry) : null;
    if (key === null) return undefined;
    keys.push(key);
  }
  return keys;
}

/**
 * Columns of a Prisma `where` / `orderBy` value: scalar fields (`email: 'x'`, `createdAt: { gte }`), the fields of a
 * compound unique key (`postId_tagId: { postId, tagId }`); logical operators are looked into; relation filters
 * (`author: { email }`, `posts: { some: … }`) filter another table and are left out.
 */
function prismaKeys(node: Node | undefined, into: string[]): void {
  if (!node) return;
  if (node.type === 'ArrayExpression') {
    for (const element of node.elements) if (element) prismaKeys(element, into);
    return;
  }
  if (node.type !== 'ObjectExpression') return;
  const add = (key: string): void => {
    if (!into.includes(key)) into.push(key);
  };
  for (const entry of node.properties) {
    if (entry.type !== 'Property') continue;
    const key = staticName(entry);
    if (key === null) continue;
    if (PRISMA_LOGICAL.has(key)) {
      prismaKeys(entry.value, into);
      continue;
    }
    const nested = objectKeys(entry.value);
    if (!nested) add(key);
    else if (nested.join('_') === key) nested.forEach(add);
    else if (nested.every((operator) => PRISMA_SCALAR_OPERATORS.has(operator))) add(key);
  }
}

function prismaQuery(context: Context, node: TSESTree.CallExpression): QueryDraft | undefined {
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' || !PRISMA_READS.has(staticName(callee) ?? '')) return undefined;
  const model = callee.object.type === 'MemberExpression' ? staticName(callee.object) : null;
  const client = callee.object.type === 'MemberExpression' ? receiverName(callee.object.object) : undefined;
  if (model === null || client === undefined) return undefined;
  const options = node.arguments[0];
  if (options?.type !== 'ObjectExpression') return undefined;
  const columns: string[] = [];
  for (const entry of options.properties) {
    if (entry.type === 'Property' && ['where', 'orderBy', 'cursor'].includes(staticName(entry) ?? '')) prismaKeys(entry.value, columns);
  }
  if (columns.length === 0) return undefined;
  return { ...at(context, node), table: model, resolve: 'prisma-model', columns, via: `${client}.${model}.${staticName(callee)}()` };
}

/** Columns named by a knex/Kysely filter call: `where('email', …)`, `where({ email })`, `orderBy('created_at')`. */
function builderColumns(call: TSESTree.CallExpression, into: string[]): void {
  const first = call.arguments[0];
  const text = stringOf(first);
  if (text !== null) into.push(bareColumn(text));
  else if (first?.type === 'ObjectExpression') {
    for (const entry of first.properties) if (entry.type === 'Property' && staticName(entry) !== null) into.push(bareColumn(staticName(entry)!));
  } else if (first?.type === 'ArrayExpression') {
    for (const element of first.elements) {
      const column = element && element.type !== 'SpreadElement' ? stringOf(element) : null;
      if (column !== null) into.push(bareColumn(column));
    }
  }
}

/** Members `t.col` of Drizzle table variables inside a filter's arguments. */
function drizzleMembers(node: Node, into: Map<string, string[]>): void {
  if (node.type === 'MemberExpression' && node.object.type === 'Identifier' && !node.computed) {
    const column = staticName(node);
    if (column !== null) into.set(node.object.name, [...(into.get(node.object.name) ?? []), column]);
    return;
  }
  for (const key of Object.keys(node) as Array<keyof typeof node>) {
    if (key === 'parent') continue;
    const child = node[key] as unknown;
    if (Array.isArray(child)) for (const item of child) if (item && typeof item === 'object' && 'type' in item) drizzleMembers(item as Node, into);
    if (child && typeof child === 'object' && !Array.isArray(child) && 'type' in child) drizzleMembers(child as Node, into);
  }
}

/** A query-builder chain (knex, Kysely, Drizzle), read at its outermost call. */
function builderQuery(context: Context, top: TSESTree.CallExpression): QueryDraft[] {
  const { calls } = memberChain(top);
  const filters = calls.filter((call) => call.callee.type === 'MemberExpression' && FILTER_METHODS.has(staticName(call.callee) ?? ''));
  if (filters.length === 0) return [];
  const root = calls[0]!;
  const tableCall = calls.find((call) => call.callee.type === 'MemberExpression' && TABLE_METHODS.has(staticName(call.callee) ?? ''));
  // knex('users') / db('users') / trx('users')
  const rootTable = root.callee.type === 'Identifier' ? stringOf(root.arguments[0]) : null;
  const namedTable = rootTable ?? stringOf(tableCall?.arguments[0]);
  const via = context.sourceCode.getText(top.callee).split('(')[0] ?? 'query';
  if (namedTable !== null) {
    const columns: string[] = [];
    for (const filter of filters) builderColumns(filter, columns);
    return columns.length > 0 ? [{ ...at(context, top), table: bareColumn(namedTable.split(' ')[0]!), resolve: 'name', columns, via: `${via}()` }] : [];
  }
  const variable = tableCall?.arguments[0];
  if (variable?.type !== 'Identifier') return [];
  const members = new Map<string, string[]>();
  for (const filter of filters) for (const argument of filter.arguments) drizzleMembers(argument, members);
  const columns = members.get(variable.name) ?? [];
  return columns.length > 0 ? [{ ...at(context, top), table: variable.name, resolve: 'drizzle-variable', columns, via: `${via}()` }] : [];
}

/** The table and filter/sort columns of a single-table SELECT / UPDATE / DELETE. */
function sqlQueryColumns(text: string): { table: string; columns: string[] } | undefined {
  const parsed = parseSql(text);
  if (!parsed.ok || parsed.statements.length !== 1) return undefined;
  const { kind, node } = parsed.statements[0]!;
  if (kind !== 'SelectStmt' && kind !== 'UpdateStmt' && kind !== 'DeleteStmt') return undefined;
  const from = kind === 'SelectStmt' ? (node.fromClause as unknown[] | undefined) : [{ RangeVar: node.relation }];
  if (from?.length !== 1) return undefined;
  const range = (from[0] as { RangeVar?: { relname?: string; schemaname?: string } }).RangeVar;
  if (!range?.relname) return undefined;
  const columns: string[] = [];
  const collect = (clause: unknown): void =>
    walkSqlNodes(clause, (type, found) => {
      if (type !== 'ColumnRef') return;
      const fields = (found.fields as Array<{ String?: { sval?: string } }> | undefined) ?? [];
      const name = fields.at(-1)?.String?.sval;
      if (name && !columns.includes(name)) columns.push(name);
      return false;
    });
  collect(node.whereClause);
  collect(node.sortClause);
  if (columns.length === 0) return undefined;
  return { table: range.schemaname && range.schemaname !== 'public' ? `${range.schemaname}.${range.relname}` : range.relname, columns };
}

export interface QueryCollection {
  queries: QueryDraft[];
  /** SQL strings of this file run by migrations' `up` (when the file is a migration). */
  migrationSql: SqlInTs[];
}

/** Listeners collecting the file's queries (and, when `isMigration`, its migration SQL) into `into`. */
export function queryCollector(context: Context, isMigration: boolean, into: QueryCollection): TSESLint.RuleListener {
  const matchQuery = createQueryCallMatcher(context.sourceCode as Readonly<TSESLint.SourceCode>);
  const text = context.sourceCode.text;
  const onSql = (sqlNode: Node, via: string, node: Node): void => {
    const sql = extractSql(sqlNode, text);
    if (!sql) return;
    if (isMigration) {
      // A statement of `up`; not a fragment handed to another call (`defaultTo(knex.raw('gen_random_uuid()'))`).
      const isArgument = node.parent?.type === 'CallExpression' && node.parent.callee !== node;
      if (!isArgument && !isInsideDownMigration(node)) into.migrationSql.push(sql);
      return;
    }
    const found = sqlQueryColumns(sql.text);
    if (found) into.queries.push({ ...at(context, sqlNode), table: found.table, resolve: 'name', columns: found.columns, via });
  };
  return {
    TaggedTemplateExpression(node) {
      const call = matchQuery(node);
      if (call?.sql) onSql(call.sql, call.name, node);
    },
    CallExpression(node) {
      const call = matchQuery(node);
      if (call?.sql) onSql(call.sql, call.name, node);
      // node-pg-migrate: pgm.sql('…')
      if (!call && node.callee.type === 'MemberExpression' && staticName(node.callee) === 'sql' && receiverName(node.callee.object) === 'pgm' && node.arguments[0]) {
        onSql(node.arguments[0], 'pgm.sql()', node);
      }
      if (isMigration) return;
      const prisma = prismaQuery(context, node);
      if (prisma) into.queries.push(prisma);
      const parent = node.parent;
      const isTop = !(parent.type === 'MemberExpression' && parent.object === node);
      if (!prisma && isTop && node.callee.type === 'MemberExpression') into.queries.push(...builderQuery(context, node));
    },
  };
}
