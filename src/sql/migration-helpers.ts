// Readers for the migration rules (sql-require-concurrent-index, sql-no-add-required-column, sql-no-column-type-change,
// sql-no-rename): indexes a file creates and the type a column had
// before the linted file (from the earlier files of its migration set), and the one report of a file of the set that
// does not parse. Pure where possible; never throw.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { relationKey, type RangeVar } from './ast.js';
import { asList, bodyOf, stringsOf, type PgNode } from './constraint-helpers.js';
import { otherDialectOf } from './dialect.js';
import type { SqlProgram } from './language.js';
import { DEFAULT_MIGRATION_GLOBS, getTableBeforeFile, getUnparsedMigrationsBeforeFile, migrationSetOf, type UnparsedMigration } from './migrations.js';
import { formatType, type SchemaTable } from './schema-model.js';

/** `schema.name` / `name` with `public.` dropped, so `public.users` and `users` compare equal. */
export function withoutPublic(key: string): string {
  return key.startsWith('public.') ? key.slice('public.'.length) : key;
}

const createdIndexes = new WeakMap<SqlProgram, Set<string>>();

/** The indexes this file creates by name (`CREATE INDEX name ON …`), keyed like `withoutPublic(schema.name)`. */
export function indexesCreatedInFile(ast: SqlProgram): Set<string> {
  let indexes = createdIndexes.get(ast);
  if (indexes) return indexes;
  indexes = new Set();
  for (const statement of ast.statements) {
    if (statement.kind !== 'IndexStmt' || typeof statement.node.idxname !== 'string') continue;
    const relation = statement.node.relation as RangeVar | undefined;
    const schema = relation?.schemaname;
    indexes.add(withoutPublic(schema ? `${schema}.${statement.node.idxname}` : statement.node.idxname));
  }
  createdIndexes.set(ast, indexes);
  return indexes;
}

/** The names of a DROP statement's objects (`[{ List: { items: [String…] } }]`), keyed like `indexesCreatedInFile`. */
export function droppedObjectKeys(objects: unknown): string[] {
  return asList(objects).map((object) => withoutPublic(stringsOf(bodyOf(object, 'List')?.items).join('.')));
}

// ---------------------------------------------------------------------------------------------------------------
// Column types before this file, for type changes that Postgres does without a rewrite.

/** `character varying(20)` → { base: 'character varying', mods: [20] }; arrays and other shapes keep `mods: []`. */
function splitType(type: string): { base: string; mods: number[] } {
  const match = /^([a-z ]+)(?:\((\d+)(?:,(\d+))?\))?$/.exec(type);
  if (!match) return { base: type, mods: [] };
  return { base: match[1]!, mods: [match[2], match[3]].filter((mod) => mod !== undefined).map(Number) };
}

/**
 * True when changing a column from `before` to `after` (both as `format_type` prints them) changes only the catalog:
 * varchar(n) → varchar(m ≥ n) / varchar / text, text ↔ varchar, numeric(p,s) → numeric(q ≥ p,s) / numeric,
 * varbit(n) → varbit(m ≥ n) / varbit, cidr → inet, or no change at all (checked against PostgreSQL 15).
 */
export function isMetadataOnlyTypeChange(before: string, after: string): boolean {
  if (before === after) return true;
  const from = splitType(before);
  const to = splitType(after);
  const wider = (): boolean => to.mods.length === 0 || (from.mods.length > 0 && to.mods[0]! >= from.mods[0]! && to.mods[1] === from.mods[1]);
  const strings = new Set(['character varying', 'text']);
  if (strings.has(from.base) && to.base === 'text') return true;
  if (from.base === 'text' && to.base === 'character varying') return to.mods.length === 0;
  if (from.base === 'character varying' && to.base === 'character varying') return wider();
  if (from.base === 'numeric' && to.base === 'numeric') return wider();
  if (from.base === 'bit varying' && to.base === 'bit varying') return wider();
  return from.base === 'cidr' && to.base === 'inet';
}

/** `ALTER … TYPE x`'s target as `format_type` prints it. */
export function formatTargetType(typeName: PgNode | undefined): string {
  return formatType(typeName);
}

/**
 * The table as the earlier migrations of `file`'s set leave it (only that table of the model before `file` is looked
 * at; the model itself is not built), or undefined when they do not create it or `file` is in no set.
 */
export function tableBeforeFile(file: string, table: RangeVar): SchemaTable | undefined {
  const set = migrationSetOf(file, DEFAULT_MIGRATION_GLOBS);
  if (!set) return undefined;
  return getTableBeforeFile(set.folder, file, relationKey(table), { pattern: set.pattern, amortizeChecks: true });
}

/** The files before `file` in its migration set that do not parse (what `tableBeforeFile` misses); none outside a set. */
export function unparsedMigrationsBefore(file: string): UnparsedMigration[] {
  const set = migrationSetOf(file, DEFAULT_MIGRATION_GLOBS);
  if (!set) return [];
  return getUnparsedMigrationsBeforeFile(set.folder, file, { pattern: set.pattern, amortizeChecks: true });
}

/** The type of `column` in a table as `tableBeforeFile` gives it, as `format_type` prints it. */
export function columnTypeIn(table: SchemaTable | undefined, column: string): string | undefined {
  return table?.columns.find((candidate) => candidate.name === column)?.type;
}

/** What `unparsedSiblingReports` needs of a rule's context. */
interface LintedFile {
  cwd: string;
  physicalFilename: string;
  /** One object per lint of one file, shared by all its rules. */
  sourceCode: { ast: SqlProgram };
}

/** The loc and data of one `unparsedMigration` report (the rule's message takes `file` and `reason`). */
export interface UnparsedSiblingReport {
  loc: { line: number; column: number };
  data: { file: string; reason: string };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Siblings already reported, by the linted file's SourceCode. */
const reportedSiblings = new WeakMap<object, Set<string>>();

/**
 * What to report for `siblings` (files of the linted file's migration set that do not parse), each file once per lint
 * of the linted file across all rules: the first rule that reads the set and calls this reports it, on line 1, with
 * the sibling's path relative to ESLint's working directory and the parser's reason; later callers get nothing for it.
 * The linted file itself is skipped (it gets its own parsing error). Each rule reports these as its
 * `unparsedMigration` message, which says what the missing file means for its verdicts.
 */
export function unparsedSiblingReports(context: LintedFile, siblings: readonly UnparsedMigration[]): UnparsedSiblingReport[] {
  // A file for another database (src/sql/dialect.ts) is skipped, and says so by sql-unsupported-dialect, not here.
  if (siblings.length === 0 || context.sourceCode.ast.otherDialect) return [];
  const self = path.resolve(context.cwd, context.physicalFilename);
  let reported = reportedSiblings.get(context.sourceCode);
  if (!reported) reportedSiblings.set(context.sourceCode, (reported = new Set()));
  const reports: UnparsedSiblingReport[] = [];
  for (const sibling of siblings) {
    const file = path.resolve(sibling.file);
    if (file === self || reported.has(file) || otherDialectOf(file, readText(file), false)) continue;
    reported.add(file);
    reports.push({ loc: { line: 1, column: 0 }, data: { file: path.relative(context.cwd, file).split(path.sep).join('/'), reason: sibling.reason } });
  }
  return reports;
}

// ---------------------------------------------------------------------------------------------------------------
// What earlier statements of the same file did to a table: emptied it, dropped a name, added a column.

/** True when `a` and `b` name the same table (`public.` dropped). */
export function sameRelation(a: RangeVar | undefined, b: RangeVar | undefined): boolean {
  return a !== undefined && b !== undefined && withoutPublic(relationKey(a)) === withoutPublic(relationKey(b));
}

/**
 * What the statements of one file do to tables, each fact with the end offset of the first statement that does it:
 * `empty <table>` (DELETE without WHERE/USING, TRUNCATE), `drop <table>` (DROP TABLE), and `<subtype> <table>
 * <column>` for the ALTER TABLE sub-commands AT_AddColumn and AT_DropColumn. Built once per program (each statement's
 * tree is read once), so the rules' "did an earlier statement …" questions cost a lookup each, not a walk of every
 * earlier statement (quadratic: ~20 s of CPU on a file of 20,000 statements with ~670 renames). Tables are keyed like
 * `withoutPublic(relationKey(…))`, so `public.t` and `t` are the same table, as `sameRelation` says.
 */
const firstFacts = new WeakMap<SqlProgram, Map<string, number>>();

const FACT_KINDS = new Set(['DeleteStmt', 'TruncateStmt', 'AlterTableStmt', 'DropStmt']);
const TRACKED_SUBTYPES = new Set(['AT_AddColumn', 'AT_DropColumn']);

const tableKeyOf = (relation: RangeVar): string => withoutPublic(relationKey(relation));

function factsOf(ast: SqlProgram): Map<string, number> {
  let facts = firstFacts.get(ast);
  if (facts) return facts;
  facts = new Map();
  const note = (fact: string, end: number): void => {
    if (!facts!.has(fact)) facts!.set(fact, end);
  };
  for (const statement of ast.statements) {
    if (!FACT_KINDS.has(statement.kind)) continue;
    const { node } = statement;
    const end = statement.range[1];
    if (statement.kind === 'DeleteStmt') {
      const relation = node.relation as RangeVar | undefined;
      if (node.whereClause === undefined && node.usingClause === undefined && relation) note(`empty ${tableKeyOf(relation)}`, end);
    } else if (statement.kind === 'TruncateStmt') {
      for (const item of asList(node.relations)) {
        const relation = bodyOf(item, 'RangeVar') as RangeVar | undefined;
        if (relation) note(`empty ${tableKeyOf(relation)}`, end);
      }
    } else if (statement.kind === 'DropStmt') {
      if (node.removeType === 'OBJECT_TABLE') for (const key of droppedObjectKeys(node.objects)) note(`drop ${key}`, end);
    } else {
      const relation = node.relation as RangeVar | undefined;
      if (!relation) continue;
      for (const item of asList(node.cmds)) {
        const cmd = bodyOf(item, 'AlterTableCmd');
        if (!cmd || !TRACKED_SUBTYPES.has(String(cmd.subtype))) continue;
        const column = cmd.subtype === 'AT_AddColumn' ? bodyOf(cmd.def, 'ColumnDef')?.colname : cmd.name;
        if (typeof column === 'string') note(`${String(cmd.subtype)} ${tableKeyOf(relation)}\0${column}`, end);
      }
    }
  }
  firstFacts.set(ast, facts);
  return facts;
}

/** True when `fact` holds after a statement that ends at or before `offset`. */
function factBefore(ast: SqlProgram, fact: string, offset: number): boolean {
  const end = factsOf(ast).get(fact);
  return end !== undefined && end <= offset;
}

/** True when a statement before `offset` deletes every row of the table (`DELETE FROM t` without WHERE, `TRUNCATE t`). */
export function emptiedBefore(ast: SqlProgram, relation: RangeVar, offset: number): boolean {
  return factBefore(ast, `empty ${tableKeyOf(relation)}`, offset);
}

/** True when a statement before `offset` adds `column` to the table (it is new: no running code reads it yet). */
export function columnAddedBefore(ast: SqlProgram, relation: RangeVar, column: string, offset: number): boolean {
  return factBefore(ast, `AT_AddColumn ${tableKeyOf(relation)}\0${column}`, offset);
}

/** True when a statement before `offset` drops `column` of the table. */
export function columnDroppedBefore(ast: SqlProgram, relation: RangeVar, column: string, offset: number): boolean {
  return factBefore(ast, `AT_DropColumn ${tableKeyOf(relation)}\0${column}`, offset);
}

/** True when a statement before `offset` drops the table `name` (in `relation`'s schema). */
export function tableDroppedBefore(ast: SqlProgram, relation: RangeVar, name: string, offset: number): boolean {
  return factBefore(ast, `drop ${withoutPublic(relation.schemaname ? `${relation.schemaname}.${name}` : name)}`, offset);
}
