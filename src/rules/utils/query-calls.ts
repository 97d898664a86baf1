// Recognising the calls that run SQL, and the expression that carries their SQL text.
//
//   pg / mysql / TypeORM / Sequelize / MikroORM   pool.query('…'), client.query({ text: '…' }), db.execute('…'),
//                                                 dataSource.query('…'), sequelize.query('…'), query('…')
//   sql tags (postgres.js, slonik, @vercel/postgres, Drizzle, Kysely, Prisma.sql, sql-template-tag)
//                                                 sql`…`, sql.unsafe('…'), sql.raw('…'), sql.fragment`…`, sql.type(T)`…`
//   Prisma                                        prisma.$queryRaw`…`, tx.$executeRaw(Prisma.sql`…`), $queryRawUnsafe('…')
//   knex                                          knex.raw('…'), trx.raw('…')
//
// Method calls (`query`, `execute`, `raw`, `unsafe`) count only on a receiver whose name reads like a database handle
// (`pool`, `client`, `db`, `this.connection`, `queryRunner`, `trx`…); so do tags (postgres.js' `client`…` `). The SQL expression is resolved through a
// same-file `const` (`const text = '…'; pool.query(text)`), so a caller can hand it straight to `extractSql`.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { nameWords } from './key-names.js';
import { ESM, READ, findReferences } from './references.js';

export interface QueryCall {
  /** The call or tagged template that runs or builds the query. */
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
  /** How the call reads in the source, for messages: `pool.query()`, `sql`, `prisma.$queryRaw`, `knex.raw()`. */
  name: string;
  /**
   * The expression carrying the SQL text: a string literal, a template literal (a tag's template) or a `+`
   * concatenation, after following a same-file `const`. Undefined when the SQL is not written in this file
   * (a parameter, a function result) or the call has no argument.
   */
  sql: TSESTree.Node | undefined;
}

/** Recognises query calls in one file. */
export type QueryCallMatcher = (node: TSESTree.Node) => QueryCall | undefined;

/** Receiver name parts that make `.query()` / `.execute()` / `.raw()` a database call. */
const DB_WORDS = new Set([
  'pool', 'client', 'db', 'database', 'conn', 'connection', 'pg', 'postgres', 'sql', 'tx', 'trx', 'transaction',
  'knex', 'sequelize', 'manager', 'em', 'source', 'runner', 'prisma', 'kysely', 'drizzle', 'orm', 'repository', 'repo',
]);
const DB_METHODS = new Set(['query', 'execute', 'raw', 'unsafe']);
const PRISMA_RAW = new Set(['$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe']);
/** Members of a `sql` tag that are themselves tags (`sql.fragment`…) or take SQL text (`sql.raw('…')`). */
const SQL_TAG_MEMBERS = new Set(['fragment', 'unsafe', 'raw', 'type', 'typeAlias']);

/** Imports whose value is a SQL tag, whatever the local name. */
const SQL_TAG_IMPORTS = {
  'drizzle-orm': { [ESM]: true, sql: { [READ]: true } },
  'drizzle-orm/sql': { [ESM]: true, sql: { [READ]: true } },
  kysely: { [ESM]: true, sql: { [READ]: true } },
  slonik: { [ESM]: true, sql: { [READ]: true } },
  '@vercel/postgres': { [ESM]: true, sql: { [READ]: true } },
  '@databases/pg': { [ESM]: true, sql: { [READ]: true } },
  'sql-template-tag': { [ESM]: true, default: { [READ]: true }, sql: { [READ]: true } },
  'sql-template-strings': { [ESM]: true, default: { [READ]: true }, SQL: { [READ]: true } },
  '@prisma/client': { [ESM]: true, Prisma: { sql: { [READ]: true }, raw: { [READ]: true } } },
};

/** The name a member chain ends with: `pool` for `pool`, `this.pool`, `deps.db.pool`; undefined otherwise. */
export function receiverName(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.type === 'TSNonNullExpression') return receiverName(node.expression);
  return undefined;
}

/**
 * Follows an identifier to the initializer of a same-file `const` that is never reassigned (one level at a time,
 * at most `depth` levels); returns the node itself otherwise. Never throws.
 */
export function resolveConst(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 3): TSESTree.Node {
  let current = node;
  for (let level = 0; level < depth && current.type === 'Identifier'; level++) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(current), current);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!definition || definition.type !== 'Variable') break;
    const declarator = definition.node;
    if (declarator.parent.kind !== 'const' || declarator.id.type !== 'Identifier' || !declarator.init) break;
    current = declarator.init;
  }
  return current;
}

/** Identifiers and members that read an imported SQL tag (`import { sql as q } from 'drizzle-orm'` → every `q`). */
function importedSqlTags(sourceCode: Readonly<TSESLint.SourceCode>): Set<TSESTree.Node> {
  const tags = new Set<TSESTree.Node>();
  for (const { node } of findReferences(sourceCode, { modules: SQL_TAG_IMPORTS })) {
    tags.add(node);
    // the tracker reports a named or default import once, at its specifier: add the specifier's references
    if (node.type !== 'ImportSpecifier' && node.type !== 'ImportDefaultSpecifier') continue;
    for (const variable of sourceCode.getDeclaredVariables(node)) {
      for (const reference of variable.references) tags.add(reference.identifier as TSESTree.Node);
    }
  }
  return tags;
}

/** Creates the matcher for one file; `sql` imports under another name are found once, on first use. */
export function createQueryCallMatcher(sourceCode: Readonly<TSESLint.SourceCode>): QueryCallMatcher {
  let importedTags: Set<TSESTree.Node> | undefined;
  const isSqlTag = (tag: TSESTree.Node): boolean => {
    importedTags ??= importedSqlTags(sourceCode);
    if (importedTags.has(tag)) return true;
    // sql`…`, SQL`…`, Prisma.sql`…`, this.sql`…`, and tags named like a database handle (postgres.js `client`, `db`)
    const name = receiverName(tag);
    if (name !== undefined && nameWords(name).some((word) => DB_WORDS.has(word))) return true;
    if (tag.type === 'MemberExpression' && !tag.computed && tag.property.type === 'Identifier') {
      return SQL_TAG_MEMBERS.has(tag.property.name) && isSqlTag(tag.object);
    }
    // slonik: sql.type(schema)`…`, sql.typeAlias('name')`…`
    if (tag.type === 'CallExpression') return isSqlTag(tag.callee);
    return false;
  };
  const text = (node: TSESTree.Node): string => {
    const source = sourceCode.getText(node);
    return source.length > 40 ? source.slice(source.lastIndexOf('.') + 1) : source;
  };
  const sqlOf = (argument: TSESTree.Node | undefined): TSESTree.Node | undefined => {
    if (!argument || argument.type === 'SpreadElement') return undefined;
    let resolved = resolveConst(argument, sourceCode);
    if (resolved.type === 'ObjectExpression') {
      // pg's QueryConfig { text }, mysql's { sql }
      const property = resolved.properties.find(
        (candidate): candidate is TSESTree.Property =>
          candidate.type === 'Property' &&
          !candidate.computed &&
          candidate.key.type === 'Identifier' &&
          (candidate.key.name === 'text' || candidate.key.name === 'sql'),
      );
      if (!property) return undefined;
      resolved = resolveConst(property.value, sourceCode);
    }
    if (resolved.type === 'TaggedTemplateExpression') return isSqlTag(resolved.tag) ? resolved.quasi : undefined;
    if (resolved.type === 'Literal') return typeof resolved.value === 'string' ? resolved : undefined;
    if (resolved.type === 'TemplateLiteral' || resolved.type === 'BinaryExpression') return resolved;
    return undefined;
  };

  return (node) => {
    if (node.type === 'TaggedTemplateExpression') {
      const tag = node.tag;
      const isPrisma = tag.type === 'MemberExpression' && receiverName(tag) !== undefined && PRISMA_RAW.has(receiverName(tag)!);
      if (!isPrisma && !isSqlTag(tag)) return undefined;
      return { node, name: text(tag), sql: node.quasi };
    }
    if (node.type !== 'CallExpression') return undefined;
    const callee = node.callee;
    if (callee.type === 'Identifier') {
      // a project's own `query('…')` helper; `sql('…')` is postgres.js's identifier helper, not SQL text
      if (callee.name !== 'query') return undefined;
      const sql = sqlOf(node.arguments[0]);
      return sql ? { node, name: 'query()', sql } : undefined;
    }
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
    const method = callee.property.name;
    if (PRISMA_RAW.has(method)) return { node, name: `${text(callee)}()`, sql: sqlOf(node.arguments[0]) };
    if (!DB_METHODS.has(method)) return undefined;
    const receiver = receiverName(callee.object);
    const isDb = receiver !== undefined && nameWords(receiver).some((word) => DB_WORDS.has(word));
    if (!isDb && !isSqlTag(callee.object)) return undefined;
    return { node, name: `${text(callee)}()`, sql: sqlOf(node.arguments[0]) };
  };
}
