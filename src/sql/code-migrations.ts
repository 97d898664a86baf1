// SQL of JavaScript/TypeScript migrations: the literal SQL that the `up` direction of a db-migrate, MikroORM, Knex,
// TypeORM, Sequelize or node-pg-migrate migration runs, as one SQL text that the `fortress/sql` language and the
// migration-set model read, and the way back from that text to the `.js`/`.ts` file.
//
// Recognised (only inside the `up` function: `exports.up = …`, `module.exports = { up … }`, `export function up`,
// `export const up = …`, a class method `up()`): the first argument of `db.runSql(…)` (db-migrate), `this.addSql(…)`
// (MikroORM), `knex.raw(…)` / `knex.schema.raw(…)`, `queryRunner.query(…)` (TypeORM), `queryInterface.sequelize.query(…)`
// (Sequelize), `pgm.sql(…)` (node-pg-migrate), when it is a string literal, a template literal, a `+` concatenation
// of literals, or a `const` of the file initialised with one. The SQL text (src/sql/sql-in-ts.ts) is each literal's
// value with every `${…}` hole replaced by a `$n` parameter: a string with holes is kept only when it parses that way
// (the holes stand for values); one whose holes stand for names or keywords is skipped, and so is one that does not
// parse and holds a `?` (a driver's binding: `db.runSql('… VALUES (?)', [x])`) or does not start like a statement
// (a fragment: `knex.raw('gen_random_uuid()')` as a column default). A statement without holes that
// does not parse is kept apart (`failing`): the processor lints it on its own, so it gets one syntax-error finding
// and the other strings of the file are still linted. Never throws.
import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';

import { tsEstree } from '../util/ts-parser.js';

import { parseSql } from './parser.js';
import { extractSql, type SqlInTs } from './sql-in-ts.js';

/** The extensions of code migrations (`.js`, `.ts` and their module variants). */
export const CODE_MIGRATION_EXTENSIONS = ['js', 'cjs', 'mjs', 'ts', 'cts', 'mts'] as const;

const CODE_FILE = /\.[cm]?[jt]s$/i;

/** True for a `.js`/`.ts` (`.cjs`, `.mjs`, `.cts`, `.mts`) path. */
export function isCodeMigrationPath(file: string): boolean {
  return CODE_FILE.test(file);
}

/** The name the processor gives the virtual `.sql` blocks of a code migration (ESLint prefixes `<n>_`). */
export const CODE_BLOCK_NAME = 'fortress-migration.sql';

const VIRTUAL_BLOCK = /^(.*\.[cm]?[jt]s)[\\/]\d+_fortress-migration\.sql$/i;

/** The `.js`/`.ts` file a virtual block path (`…/x.js/1_fortress-migration.sql`) was made from; other paths as given. */
export function physicalMigrationPath(file: string): string {
  return VIRTUAL_BLOCK.exec(file)?.[1] ?? file;
}

/** Methods whose first argument is SQL in the migration tools above. */
const SQL_METHODS = new Set(['runSql', 'addSql', 'raw', 'query', 'sql']);
/** A cheap test before parsing: a file without any of these calls has no SQL for us. */
const MAY_HAVE_SQL = /\.\s*(?:runSql|addSql|raw|query|sql)\s*\(/;

/** One SQL string of the migration and where it sits in the combined text. */
export interface SqlPiece {
  sql: SqlInTs;
  /** Offset of the piece's first character in `CodeMigrationSql.text` (pieces in `failing`: in their own text, 0). */
  offset: number;
}

export interface CodeMigrationSql {
  /** The SQL of the `up` direction: the strings that parse, in source order, joined by `\n;\n`. */
  text: string;
  /** The strings in `text`, in order. */
  pieces: SqlPiece[];
  /** Strings without `${…}` holes that do not parse: each is linted on its own (one syntax-error finding each). */
  failing: SqlPiece[];
  /** The file's comments (for `eslint-disable` directives). */
  comments: TSESTree.Comment[];
}

export const PIECE_SEPARATOR = '\n;\n';

/** A text that starts (after comments) with a statement's first keyword: a syntax error in it is worth a finding. */
const STATEMENT_START =
  /^\s*(?:(?:--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)\s*)*(?:select|insert|update|delete|merge|create|alter|drop|with|grant|revoke|comment|set|reset|truncate|do|begin|start|commit|rollback|savepoint|release|reindex|vacuum|analyze|refresh|lock|call|explain|copy|cluster|discard|listen|notify|prepare|execute|deallocate|declare|import|security|values|table)\b/i;

type Node = TSESTree.Node;

/**
 * Results by file text. The migration set reads every migration of its folder, then the processor asks for each file
 * as ESLint lints it: parsing JavaScript/TypeScript is the cost (~10 ms a file), so each text is parsed once while
 * the texts held stay under RECENT_TEXT (characters; a result holds ~16 bytes per character of its SQL).
 */
const recent = new Map<string, CodeMigrationSql | undefined>();
const RECENT_TEXT = 8 * 1024 * 1024;
let recentText = 0;

/**
 * The `up` SQL of a code migration, or undefined when the file has none (no recognised call with literal SQL, or it
 * does not parse as JavaScript/TypeScript: ESLint reports that itself). `filePath` decides TS/TSX parsing.
 */
export function codeMigrationSql(code: string, filePath: string): CodeMigrationSql | undefined {
  const key = `${path.extname(filePath).toLowerCase()}\0${code}`;
  if (recent.has(key)) return recent.get(key);
  let result: CodeMigrationSql | undefined;
  try {
    result = MAY_HAVE_SQL.test(code) ? extract(code, filePath) : undefined;
  } catch {
    result = undefined;
  }
  recent.set(key, result);
  recentText += key.length;
  for (const [oldest] of recent) {
    if (recentText <= RECENT_TEXT) break;
    recent.delete(oldest);
    recentText -= oldest.length;
  }
  return result;
}

function extract(code: string, filePath: string): CodeMigrationSql | undefined {
  // typescript-estree's own `parse`: the tree without the scope analysis of `@typescript-eslint/parser`'s `parse`.
  const program = tsEstree().parse(code, {
    range: true,
    loc: false,
    comment: true,
    filePath,
    jsx: false,
    // JSDoc is not read here; skipping it makes the parse about a third cheaper.
    jsDocParsingMode: 'none',
  }) as TSESTree.Program;
  const constants = constStrings(program);
  const arguments_: Node[] = [];
  for (const up of upFunctions(program)) collectSqlArguments(up, arguments_);
  const pieces: SqlPiece[] = [];
  const failing: SqlPiece[] = [];
  let text = '';
  for (const argument of arguments_) {
    const literal = argument.type === 'Identifier' ? constants.get(argument.name) : argument;
    if (!literal) continue;
    const sql = extractSql(literal, code);
    if (!sql || sql.text.trim() === '') continue;
    const parses = parseSql(sql.text).ok;
    if (!parses) {
      // `?` is a driver's binding (db-migrate, Knex `raw(sql, [values])`), not PostgreSQL: such a string is skipped
      // like one with `${…}` holes.
      // A fragment (`knex.raw('gen_random_uuid()')` as a column default) is not a statement: skipped too.
      if (sql.placeholders.length === 0 && !sql.text.includes('?') && STATEMENT_START.test(sql.text)) failing.push({ sql, offset: 0 });
      continue;
    }
    if (pieces.length > 0) text += PIECE_SEPARATOR;
    pieces.push({ sql, offset: text.length });
    text += sql.text;
  }
  if (pieces.length === 0 && failing.length === 0) return undefined;
  return { text, pieces, failing, comments: program.comments ?? [] };
}

/** `const name = <literal>` declarations anywhere in the file, by name (a name declared twice is left out). */
function constStrings(program: TSESTree.Program): Map<string, Node> {
  const found = new Map<string, Node | undefined>();
  walk(program, (node) => {
    if (node.type !== 'VariableDeclaration' || node.kind !== 'const') return;
    for (const declarator of node.declarations) {
      if (declarator.id.type !== 'Identifier' || !declarator.init) continue;
      const name = declarator.id.name;
      found.set(name, found.has(name) ? undefined : declarator.init);
    }
  });
  const strings = new Map<string, Node>();
  for (const [name, init] of found) if (init) strings.set(name, init);
  return strings;
}

const FUNCTION_TYPES = new Set(['FunctionExpression', 'ArrowFunctionExpression', 'FunctionDeclaration']);

function isFunction(node: Node | null | undefined): node is TSESTree.FunctionLike {
  return node !== null && node !== undefined && FUNCTION_TYPES.has(node.type);
}

function keyName(key: Node): string | undefined {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
}

/** The functions that run the `up` direction. */
function upFunctions(program: TSESTree.Program): Node[] {
  const ups: Node[] = [];
  walk(program, (node) => {
    if (node.type === 'FunctionDeclaration' && node.id?.name === 'up') ups.push(node);
    else if ((node.type === 'MethodDefinition' || node.type === 'Property') && keyName(node.key) === 'up' && !node.computed && isFunction(node.value)) ups.push(node.value);
    else if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.id.name === 'up' && isFunction(node.init)) ups.push(node.init);
    else if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && !node.left.computed && keyName(node.left.property) === 'up' && isFunction(node.right)) ups.push(node.right);
  });
  return ups;
}

/** First arguments of SQL calls (`x.runSql(…)`, `this.addSql(…)`, `x.raw(…)`, `x.query(…)`, `x.sql(…)`) inside `root`. */
function collectSqlArguments(root: Node, into: Node[]): void {
  walk(root, (node) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.computed) return;
    const name = keyName(node.callee.property);
    const first = node.arguments[0];
    if (name !== undefined && SQL_METHODS.has(name) && first && first.type !== 'SpreadElement') into.push(first);
  });
}

/** Visits every node under `root` in source order (an explicit stack: deep nesting does not overflow). */
function walk(root: Node, visit: (node: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    const children: Node[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent' || key === 'range' || key === 'loc' || key === 'comments' || key === 'tokens') continue;
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
      } else if (isNode(value)) children.push(value);
    }
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Forgets the recent extractions (tests). */
export function clearCodeMigrationCache(): void {
  recent.clear();
  recentText = 0;
}
