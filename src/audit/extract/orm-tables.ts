// Tables declared in TypeScript: Drizzle `pgTable(…)`, TypeORM `@Entity` classes and knex's
// `schema.createTable('name', (table) => …)`. Each yields a table draft whose references to other tables (a Drizzle
// variable, a TypeORM class) are resolved once every file has been read.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { memberChain, staticName } from '../../rules/utils/key-names.js';
import type { KeyColumn } from './primary-key-verdict.js';
import type { IndexFact, SchemaSource, SourceLocation } from './schema-facts.js';

type Node = TSESTree.Node;

export interface TableDraft extends SourceLocation {
  source: SchemaSource;
  name: string;
  /** Property / field name → column name. */
  fields: Map<string, string>;
  columns: Map<string, { type: string | null; default: string | null }>;
  primaryKey: string[] | null;
  indexes: IndexFact[];
  /** Foreign keys; `references.table` is a Drizzle variable or TypeORM class name while `resolve` is set. */
  foreignKeys: Array<SourceLocation & { columns: string[]; references: { table: string; resolve?: 'variable' | 'class' } }>;
  /** The variable (Drizzle) or class (TypeORM) that names the table in code. */
  binding: string | undefined;
  /** A non-PostgreSQL table builder (`mysqlTable`, `sqliteTable`). */
  otherDialect?: string;
}

export type Context = Readonly<TSESLint.RuleContext<string, []>>;

/** The node's static string value (a literal, a constant template); null for anything else (an object is not a name). */
function stringOf(node: Node | undefined): string | null {
  if (!node || node.type === 'SpreadElement') return null;
  const value = ASTUtils.getStaticValue(node)?.value;
  return typeof value === 'string' ? value : null;
}

function calleeName(call: TSESTree.CallExpression): string | null {
  return call.callee.type === 'Identifier' ? call.callee.name : call.callee.type === 'MemberExpression' ? staticName(call.callee) : null;
}

function locationOf(context: Context, node: Node): SourceLocation {
  return { file: context.filename, line: node.loc.start.line, column: node.loc.start.column + 1 };
}

function bindingOf(node: Node): string | undefined {
  const parent = node.parent;
  return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : undefined;
}

function property(object: Node | undefined, name: string): Node | undefined {
  if (object?.type !== 'ObjectExpression') return undefined;
  for (const candidate of object.properties) {
    if (candidate.type === 'Property' && staticName(candidate) === name) return candidate.value;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Drizzle

const DRIZZLE_TABLES: Record<string, string | undefined> = { pgTable: undefined, mysqlTable: 'mysql', sqliteTable: 'sqlite', singlestoreTable: 'singlestore' };
const DRIZZLE_SERIAL = new Set(['serial', 'bigserial', 'smallserial']);

function drizzleColumn(context: Context, key: string, value: Node, draft: TableDraft): void {
  if (value.type !== 'CallExpression') return;
  const { calls } = memberChain(value);
  const base = calls[0]!;
  const column = stringOf(base.arguments[0]) ?? key;
  const type = calleeName(base);
  draft.fields.set(key, column);
  let fallback: string | null = type && DRIZZLE_SERIAL.has(type) ? type : null;
  let chosen: string | null = null;
  for (const link of calls.slice(1)) {
    const method = calleeName(link);
    const argument = link.arguments[0];
    if (method === 'primaryKey') draft.primaryKey = [column];
    else if (method === 'defaultRandom') chosen = 'defaultRandom()';
    else if (method === 'generatedAlwaysAsIdentity' || method === 'generatedByDefaultAsIdentity') chosen = 'identity';
    else if ((method === '$defaultFn' || method === 'default' || method === '$default') && argument) chosen = context.sourceCode.getText(argument);
    else if (method === 'unique') draft.indexes.push({ columns: [column], unique: true, partial: false, method: 'btree' });
    else if (method === 'references' && argument && (argument.type === 'ArrowFunctionExpression' || argument.type === 'FunctionExpression')) {
      const body = argument.body.type === 'BlockStatement' ? undefined : argument.body;
      if (body?.type === 'MemberExpression' && body.object.type === 'Identifier') {
        draft.foreignKeys.push({ ...locationOf(context, link), columns: [column], references: { table: body.object.name, resolve: 'variable' } });
      }
    }
  }
  fallback = chosen ?? fallback;
  draft.columns.set(column, { type, default: fallback });
}

/** `t.userId` / `table.userId` → the column of field `userId`; anything else → null. */
function fieldColumn(node: Node, draft: TableDraft): string | null {
  if (node.type !== 'MemberExpression') return null;
  const name = staticName(node);
  return name === null ? null : (draft.fields.get(name) ?? name);
}

/** The extra-config argument: `(t) => ({ … })`, `(t) => [ … ]`: indexes and composite primary keys. */
function drizzleExtras(extras: Node, draft: TableDraft): void {
  const visit = (node: Node | null | undefined): void => {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'CallExpression') {
      const method = calleeName(node);
      if (method === 'on' && node.callee.type === 'MemberExpression') {
        const root = memberChain(node).calls[0]!;
        const kind = calleeName(root);
        const columns = node.arguments.map((argument) => fieldColumn(argument, draft));
        if (kind === 'index' || kind === 'uniqueIndex') {
          const partial = memberChain(node).calls.some((link) => calleeName(link) === 'where');
          const using = memberChain(node).calls.find((link) => calleeName(link) === 'using');
          draft.indexes.push({ columns, unique: kind === 'uniqueIndex', partial, method: stringOf(using?.arguments[0]) ?? 'btree' });
        }
      } else if (method === 'primaryKey') {
        const options = node.arguments[0];
        const list = property(options, 'columns') ?? options;
        const elements = list?.type === 'ArrayExpression' ? list.elements : node.arguments;
        const columns = elements.flatMap((element) => (element ? [fieldColumn(element, draft)] : [])).filter((c): c is string => c !== null);
        if (columns.length > 0) draft.primaryKey = columns;
      }
    }
    for (const key of Object.keys(node) as Array<keyof typeof node>) {
      if (key === 'parent') continue;
      const child = node[key] as unknown;
      if (Array.isArray(child)) for (const item of child) visit(item as Node);
      else if (child && typeof child === 'object' && 'type' in child) visit(child as Node);
    }
  };
  visit(extras);
}

function drizzleTable(context: Context, call: TSESTree.CallExpression): TableDraft | undefined {
  const builder = calleeName(call);
  if (builder === null || !(builder in DRIZZLE_TABLES)) return undefined;
  const name = stringOf(call.arguments[0]);
  const columns = call.arguments[1];
  if (name === null || columns?.type !== 'ObjectExpression') return undefined;
  const draft: TableDraft = {
    ...locationOf(context, call),
    source: 'drizzle',
    name,
    fields: new Map(),
    columns: new Map(),
    primaryKey: null,
    indexes: [],
    foreignKeys: [],
    binding: bindingOf(call),
    ...(DRIZZLE_TABLES[builder] ? { otherDialect: DRIZZLE_TABLES[builder] } : {}),
  };
  for (const entry of columns.properties) {
    if (entry.type !== 'Property') continue;
    const key = staticName(entry);
    if (key !== null) drizzleColumn(context, key, entry.value, draft);
  }
  const extras = call.arguments[2];
  if (extras) drizzleExtras(extras, draft);
  return draft;
}

// ---------------------------------------------------------------------------------------------------------------
// TypeORM

function decoratorCall(decorators: readonly TSESTree.Decorator[], names: readonly string[]): { name: string; args: TSESTree.CallExpressionArgument[] } | undefined {
  for (const decorator of decorators) {
    const expression = decorator.expression;
    const callee = expression.type === 'CallExpression' ? expression.callee : expression;
    const name = callee.type === 'Identifier' ? callee.name : null;
    if (name !== null && names.includes(name)) return { name, args: expression.type === 'CallExpression' ? expression.arguments : [] };
  }
  return undefined;
}

/** TypeORM's default naming strategy: `UserProfile` → `user_profile`. */
function snakeCase(name: string): string {
  return name.replaceAll(/([a-z\d])([A-Z])/g, '$1_$2').replaceAll(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

const GENERATED_DEFAULTS: Record<string, { type: string; default: string }> = {
  uuid: { type: 'uuid', default: "uuid_generate_v4() (@PrimaryGeneratedColumn('uuid'))" },
  increment: { type: 'integer', default: 'increment' },
  identity: { type: 'integer', default: 'identity' },
  rowid: { type: 'integer', default: 'rowid' },
};

function typeormMember(context: Context, member: TSESTree.PropertyDefinition, draft: TableDraft): void {
  const key = staticName(member);
  if (key === null) return;
  const optionsOf = (args: TSESTree.CallExpressionArgument[]): Node | undefined => args.find((arg) => arg.type === 'ObjectExpression');
  const generated = decoratorCall(member.decorators, ['PrimaryGeneratedColumn']);
  const primary = decoratorCall(member.decorators, ['PrimaryColumn']);
  const column = generated ?? primary ?? decoratorCall(member.decorators, ['Column']);
  const name = (column && stringOf(property(optionsOf(column.args), 'name'))) ?? key;
  draft.fields.set(key, name);
  if (generated) {
    const strategy = stringOf(generated.args[0]) ?? 'increment';
    draft.primaryKey = [...(draft.primaryKey ?? []), name];
    draft.columns.set(name, GENERATED_DEFAULTS[strategy] ?? { type: null, default: strategy });
  } else if (column) {
    const options = optionsOf(column.args);
    const annotation = member.typeAnnotation ? context.sourceCode.getText(member.typeAnnotation.typeAnnotation) : null;
    const type = stringOf(column.args[0]) ?? stringOf(property(options, 'type')) ?? annotation;
    const defaultNode = property(options, 'default');
    draft.columns.set(name, { type, default: defaultNode ? context.sourceCode.getText(defaultNode) : null });
    if (primary || property(options, 'primary')?.type === 'Literal') draft.primaryKey = [...(draft.primaryKey ?? []), name];
  }
  const unique = column && property(optionsOf(column.args), 'unique');
  if (unique?.type === 'Literal' && unique.value === true) draft.indexes.push({ columns: [name], unique: true, partial: false, method: 'btree' });
  if (decoratorCall(member.decorators, ['Index'])) draft.indexes.push({ columns: [name], unique: false, partial: false, method: 'btree' });
  const relation = decoratorCall(member.decorators, ['ManyToOne', 'OneToOne']);
  const join = decoratorCall(member.decorators, ['JoinColumn']);
  const target = relation?.args[0];
  if (relation && (relation.name === 'ManyToOne' || join) && (target?.type === 'ArrowFunctionExpression') && target.body.type === 'Identifier') {
    const fkColumn = stringOf(property(join?.args[0], 'name')) ?? `${key}Id`;
    draft.foreignKeys.push({ ...locationOf(context, member), columns: [fkColumn], references: { table: target.body.name, resolve: 'class' } });
  }
}

function typeormEntity(context: Context, node: TSESTree.ClassDeclaration): TableDraft | undefined {
  const entity = decoratorCall(node.decorators, ['Entity']);
  if (!entity) return undefined;
  const first = entity.args[0];
  const className = node.id?.name ?? 'anonymous';
  const name = stringOf(first) ?? stringOf(property(first, 'name')) ?? snakeCase(className);
  const draft: TableDraft = { ...locationOf(context, node), source: 'typeorm', name, fields: new Map(), columns: new Map(), primaryKey: null, indexes: [], foreignKeys: [], binding: className };
  for (const member of node.body.body) if (member.type === 'PropertyDefinition') typeormMember(context, member, draft);
  const classIndex = decoratorCall(node.decorators, ['Index', 'Unique']);
  const list = classIndex?.args.find((arg) => arg.type === 'ArrayExpression');
  if (classIndex && list?.type === 'ArrayExpression') {
    const columns = list.elements.map((element) => (element ? stringOf(element) : null)).map((field) => (field === null ? null : (draft.fields.get(field) ?? field)));
    draft.indexes.push({ columns, unique: classIndex.name === 'Unique', partial: false, method: 'btree' });
  }
  return draft;
}

// ---------------------------------------------------------------------------------------------------------------
// knex schema builder

const KNEX_INCREMENTS = new Set(['increments', 'bigIncrements']);

function knexTable(context: Context, call: TSESTree.CallExpression): TableDraft | undefined {
  if (calleeName(call) !== 'createTable') return undefined;
  const name = stringOf(call.arguments[0]);
  const builder = call.arguments[1];
  if (name === null || !builder || (builder.type !== 'ArrowFunctionExpression' && builder.type !== 'FunctionExpression')) return undefined;
  const parameter = builder.params[0];
  if (parameter?.type !== 'Identifier') return undefined;
  const draft: TableDraft = { ...locationOf(context, call), source: 'ts-migration', name, fields: new Map(), columns: new Map(), primaryKey: null, indexes: [], foreignKeys: [], binding: undefined };
  const statements = builder.body.type === 'BlockStatement' ? builder.body.body.map((statement) => (statement.type === 'ExpressionStatement' ? statement.expression : undefined)) : [builder.body];
  for (const expression of statements) {
    if (expression?.type !== 'CallExpression') continue;
    const { calls } = memberChain(expression);
    const base = calls[0]!;
    if (base.callee.type !== 'MemberExpression' || base.callee.object.type !== 'Identifier' || base.callee.object.name !== parameter.name) continue;
    const type = calleeName(base);
    if (type === 'primary' || type === 'index' || type === 'unique') {
      const list = base.arguments[0];
      const columns = list?.type === 'ArrayExpression' ? list.elements.map((element) => (element ? stringOf(element) : null)) : [stringOf(list)];
      if (type === 'primary') draft.primaryKey = columns.filter((column): column is string => column !== null);
      else draft.indexes.push({ columns, unique: type === 'unique', partial: false, method: 'btree' });
      continue;
    }
    const reference = knexReference(calls.slice(1));
    if (type === 'foreign') {
      const list = base.arguments[0];
      const columns = list?.type === 'ArrayExpression' ? list.elements.map((element) => (element ? stringOf(element) : null)) : [stringOf(list)];
      if (reference && columns.every((column) => column !== null)) draft.foreignKeys.push({ ...locationOf(context, expression), columns: columns as string[], references: { table: reference } });
      continue;
    }
    const column = stringOf(base.arguments[0]) ?? (type && KNEX_INCREMENTS.has(type) ? 'id' : null);
    if (column === null) continue;
    if (reference) draft.foreignKeys.push({ ...locationOf(context, expression), columns: [column], references: { table: reference } });
    let value: string | null = type && KNEX_INCREMENTS.has(type) ? 'identity' : null;
    for (const link of calls.slice(1)) {
      const method = calleeName(link);
      if (method === 'primary') draft.primaryKey = [column];
      if (method === 'unique') draft.indexes.push({ columns: [column], unique: true, partial: false, method: 'btree' });
      if (method === 'index') draft.indexes.push({ columns: [column], unique: false, partial: false, method: 'btree' });
      if (method === 'defaultTo' && link.arguments[0]) {
        const argument = link.arguments[0];
        const raw = argument.type === 'CallExpression' && calleeName(argument) === 'raw' ? stringOf(argument.arguments[0]) : null;
        value = raw ?? context.sourceCode.getText(argument);
      }
    }
    if (type && KNEX_INCREMENTS.has(type) && draft.primaryKey === null) draft.primaryKey = [column];
    draft.columns.set(column, { type: type && KNEX_INCREMENTS.has(type) ? (type === 'increments' ? 'serial' : 'bigserial') : type, default: value });
  }
  return draft;
}

/** The table of `.references('accounts.id')` or `.references('id').inTable('accounts')` in a column chain. */
function knexReference(links: readonly TSESTree.CallExpression[]): string | undefined {
  let target: string | undefined;
  for (const link of links) {
    const method = calleeName(link);
    const value = stringOf(link.arguments[0]);
    if (method === 'references' && value !== null && value.includes('.')) target = value.slice(0, value.lastIndexOf('.'));
    if (method === 'inTable' && value !== null) target = value;
  }
  return target;
}

/** Listeners collecting the file's table drafts into `into`. */
export function tableCollector(context: Context, into: TableDraft[]): TSESLint.RuleListener {
  return {
    CallExpression(node) {
      const draft = drizzleTable(context, node) ?? knexTable(context, node);
      if (draft) into.push(draft);
    },
    ClassDeclaration(node) {
      const draft = typeormEntity(context, node);
      if (draft) into.push(draft);
    },
  };
}

/** The key columns of a draft, for the verdict. */
export function draftKeyColumns(draft: TableDraft): KeyColumn[] | null {
  return draft.primaryKey?.map((name) => ({ name, ...(draft.columns.get(name) ?? { type: null, default: null }) })) ?? null;
}
