// Small helpers for SQL rules over the `fortress/sql` AST (see the contract at the top of src/sql/language.ts).
import { getProgramParseResult, type SqlPosition, type SqlProgram, type SqlStatementNode } from './language.js';
import type { SqlToken } from './parser.js';
import { walkTree } from './tree-walk.js';

/** A libpg-query RangeVar (`{ schemaname?, relname, inh, relpersistence, location }`). */
export interface RangeVar {
  schemaname?: string;
  relname?: string;
  location?: number;
}

/** The key of a relation: `schema.name` or `name`, with the case the parser gives (unquoted names are lower-cased). */
export function relationKey(rangeVar: RangeVar): string {
  const name = rangeVar.relname ?? '';
  return rangeVar.schemaname ? `${rangeVar.schemaname}.${name}` : name;
}

/** Anything with the source text's offset ↔ position conversion (an ESLint SourceCode). */
export interface OffsetSource {
  ast: SqlProgram;
  text: string;
  getLocFromIndex(index: number): { line: number; column: number };
}

/** Converts a parser `location` (a UTF-8 byte offset in the file's text) into a string offset. */
export function locationToOffset(sourceCode: OffsetSource, byteLocation: number): number {
  const parsed = getProgramParseResult(sourceCode.ast);
  const offset = parsed ? parsed.toOffset(byteLocation) : byteLocation;
  return Math.min(Math.max(offset, 0), sourceCode.ast.range[1]);
}

/**
 * Converts a parser `location` (UTF-8 bytes) into `{ line, column }` (line 1-based, column 0-based), for
 * `context.report({ loc })`. Pass the statement the location is in: see `offsetToLoc`.
 */
export function locationToLoc(sourceCode: OffsetSource, byteLocation: number, statement?: SqlStatementNode): SqlPosition {
  const offset = locationToOffset(sourceCode, byteLocation);
  return statement ? offsetToLoc(sourceCode, offset, statement) : sourceCode.getLocFromIndex(offset);
}

/**
 * `sourceCode.getLocFromIndex(offset)` for an offset inside `statement`, counted from the statement's start, whose
 * position the language has computed: `getLocFromIndex` indexes every line of the file up to the offset on first use
 * (20,000 lines in a large migration), which the findings of a file need not pay. Both end lines at `\n` only.
 */
export function offsetToLoc(sourceCode: OffsetSource, offset: number, statement: SqlStatementNode): SqlPosition {
  const [start, end] = statement.range;
  if (offset < start || offset > end) return sourceCode.getLocFromIndex(offset);
  const { text } = sourceCode;
  // Resumed from the statement's last answer when the offset is not before it: a rule reports a statement's
  // findings in text order, so 10,000 findings in one statement cost one pass over it, not 10,000.
  const last = lastOffsetLoc.get(statement);
  const resume = last !== undefined && last.text === text && last.offset <= offset;
  let line = resume ? last.line : statement.loc.start.line;
  let lineStart = resume ? last.lineStart : start - statement.loc.start.column;
  const from = resume ? last.offset : start;
  for (let newline = text.indexOf('\n', from); newline !== -1 && newline < offset; newline = text.indexOf('\n', newline + 1)) {
    line++;
    lineStart = newline + 1;
  }
  lastOffsetLoc.set(statement, { text, offset, line, lineStart });
  return { line, column: offset - lineStart };
}

/** Per statement, the last `offsetToLoc` answer (see there). */
const lastOffsetLoc = new WeakMap<SqlStatementNode, { text: string; offset: number; line: number; lineStart: number }>();

const createdTables = new WeakMap<SqlProgram, Set<string>>();

/**
 * The tables (and materialized views) this file creates: CREATE TABLE (incl. partitions, `PARTITION OF`),
 * CREATE TABLE … AS, SELECT … INTO, CREATE MATERIALIZED VIEW. Keys as `relationKey`.
 */
export function tablesCreatedInFile(ast: SqlProgram): Set<string> {
  let tables = createdTables.get(ast);
  if (tables) return tables;
  tables = new Set();
  for (const statement of ast.statements) {
    const relation = createdRelation(statement);
    if (relation) tables.add(relationKey(relation));
  }
  createdTables.set(ast, tables);
  return tables;
}

/** The kind is checked first: a statement's tree is built when first read (see SqlStatementList in parser.ts). */
function createdRelation(statement: SqlStatementNode): RangeVar | undefined {
  switch (statement.kind) {
    case 'CreateStmt':
      return (statement.node as { relation?: RangeVar }).relation;
    case 'CreateTableAsStmt':
      return (statement.node as { into?: { rel?: RangeVar } }).into?.rel;
    case 'SelectStmt':
      // SELECT … INTO creates a table: a SELECT without the word INTO anywhere (most) keeps its tree unbuilt.
      if (statement.text !== undefined && !/into/i.test(statement.text)) return undefined;
      return (statement.node as { intoClause?: { rel?: RangeVar } }).intoClause?.rel;
    default:
      return undefined;
  }
}

/**
 * True when the relation is a table this file did NOT create ("existing" in migration rules). `users` and
 * `public.users` are the same table (the default search_path).
 */
export function isExistingTable(ast: SqlProgram, rangeVar: RangeVar): boolean {
  const created = tablesCreatedInFile(ast);
  const name = rangeVar.relname ?? '';
  const schema = rangeVar.schemaname;
  if (created.has(relationKey(rangeVar))) return false;
  if (!schema && created.has(`public.${name}`)) return false;
  if (schema === 'public' && created.has(name)) return false;
  return existingTableHooks.get(ast)?.(rangeVar) ?? true;
}

/** Per file, a second opinion on a table this file did not create (see `setExistingTableHook`). */
const existingTableHooks = new WeakMap<SqlProgram, (rangeVar: RangeVar) => boolean>();

/**
 * Sets (or with undefined, removes) what `isExistingTable` answers for a table `ast` did not create: set by the rules
 * through `deployed-migrations.ts` when `settings.fortress.deployedMigrations` is given, for each lint of the file.
 */
export function setExistingTableHook(ast: SqlProgram, hook: ((rangeVar: RangeVar) => boolean) | undefined): void {
  if (hook) existingTableHooks.set(ast, hook);
  else existingTableHooks.delete(ast);
}

/** The session settings the migration rules read: a non-zero value is a timeout, `0` disables it. */
export type TimeoutSetting = 'lock_timeout' | 'statement_timeout';

/** Whether a `SET <setting>` / `RESET` statement turns the timeout on or off, or undefined for another statement. */
function timeoutSetting(statement: SqlStatementNode, setting: TimeoutSetting): 'on' | 'off' | undefined {
  if (statement.kind !== 'VariableSetStmt') return undefined;
  const node = statement.node as { kind?: string; name?: string; args?: Array<{ A_Const?: { ival?: { ival?: number }; sval?: { sval?: string } } }> };
  if (node.name !== setting && node.kind !== 'VAR_RESET_ALL') return undefined;
  if (node.kind !== 'VAR_SET_VALUE') return 'off';
  const value = node.args?.[0]?.A_Const;
  if (!value) return 'off';
  const text = value.sval?.sval ?? String(value.ival?.ival ?? 0);
  // Trimmed first: `\s*` on both sides of an optional group backtracks quadratically on a long run of spaces.
  return /^0+\s*(?:ms|s|min)?$/i.test(text.trim()) ? 'off' : 'on';
}

/**
 * True when a `SET [LOCAL] <setting> = <non-zero>` (default: lock_timeout) ends before `offset` and no later
 * `SET <setting> = 0`, `RESET <setting>` or `RESET ALL` before `offset` undoes it.
 */
export function hasLockTimeoutBefore(ast: SqlProgram, offset: number, setting: TimeoutSetting = 'lock_timeout'): boolean {
  const settings = timeoutSettings(ast, setting);
  // The last setting that ends before `offset` (settings are in text order): binary search, as a file of n statements
  // asks once per statement.
  const before = countEndingBy(settings, offset);
  return before > 0 && settings[before - 1]!.active;
}

const timeoutCache = new WeakMap<SqlProgram, Map<TimeoutSetting, Array<{ end: number; active: boolean }>>>();

/** The file's `SET <setting>` / `RESET` statements in order: where each ends and whether a timeout is then set. */
function timeoutSettings(ast: SqlProgram, setting: TimeoutSetting): Array<{ end: number; active: boolean }> {
  let bySetting = timeoutCache.get(ast);
  if (!bySetting) {
    bySetting = new Map();
    timeoutCache.set(ast, bySetting);
  }
  let settings = bySetting.get(setting);
  if (settings) return settings;
  settings = [];
  for (const statement of ast.statements) {
    const value = timeoutSetting(statement, setting);
    if (value) settings.push({ end: statement.range[1], active: value === 'on' });
  }
  bySetting.set(setting, settings);
  return settings;
}

/**
 * Every node object under `value` (depth first), with its libpg-query type name: for `{ SelectStmt: {...} }`
 * the callback gets ('SelectStmt', {...}). Stops descending where the callback returns false.
 */
export function walkSqlNodes(value: unknown, visit: (type: string, node: Record<string, unknown>) => boolean | void): void {
  // An explicit stack (walkTree): expressions nest as deep as the SQL says.
  walkTree(value, (child, key) => {
    if (key === undefined || Array.isArray(child) || !isNodeTypeName(key)) return true;
    return visit(key, child as Record<string, unknown>) !== false;
  });
}

/** libpg-query names node types in PascalCase and fields in snake_case: a key starting with A–Z is a node type. */
function isNodeTypeName(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 0x41 && first <= 0x5a;
}

/** How many of `items` (in text order, by `end`) end at or before `offset`: a binary search. */
function countEndingBy(items: ReadonlyArray<{ end: number }>, offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (items[middle]!.end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The last of `tokens` (in text order) that ends at or before `offset`, by binary search: a statement with n OFFSETs
 * asks n times, which a scan of its tokens each time would make quadratic.
 */
export function lastTokenEndingBy(tokens: readonly SqlToken[], offset: number): SqlToken | undefined {
  const before = countEndingBy(tokens, offset);
  return before > 0 ? tokens[before - 1] : undefined;
}
