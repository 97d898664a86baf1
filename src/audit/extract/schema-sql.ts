// Tables from SQL: the schema model (src/sql/schema-model.ts) of each PostgreSQL migration set, and of the SQL strings
// of TS/JS migrations (each string one file of the replay, its offsets mapped back to the TS source).
import { blankPsqlMetaCommands } from '../../sql/language.js';
import { parseSql, type SqlParseResult } from '../../sql/parser.js';
import { buildSchemaModel, type MigrationFile, type SchemaModel } from '../../sql/schema-model.js';
import { primaryKeyOf } from './primary-key-verdict.js';
import { displayTableName, type SchemaSource, type SourceLocation, type TableFact } from './schema-facts.js';

/** One SQL text of a migration set: a `.sql` file, or a SQL string of a TS migration. */
export interface SqlUnit {
  /** A unique key of the text (the file's path; `file#n` for the n-th string of a TS file). */
  key: string;
  text: string;
  /** Where a string offset of `text` sits in the project. */
  locate(offset: number): SourceLocation;
}

export interface SqlSetResult {
  tables: TableFact[];
  /** Units whose text does not parse (left out of the model), with the error's location and message. */
  errors: Array<SourceLocation & { message: string }>;
}

interface Created {
  unit: SqlUnit;
  offset: number;
}

/**
 * A parser message without the text of a string literal it quotes (`syntax error at or near "'s3cret'"` →
 * `"'s3cr****'"`): a migration's literal may be a password (`CREATE ROLE app PASSWORD '…'`), and notices are printed.
 */
export function withoutLiterals(message: string): string {
  return message.replace(/"'([^"']{0,200})'?"/g, (_all, literal: string) => `"'${literal.length > 4 ? `${literal.slice(0, 4)}****` : literal}'"`);
}

/** Replays the units in order into one schema model and returns its tables (those the set creates). */
export function tablesOfSqlSet(units: readonly SqlUnit[], source: SchemaSource): SqlSetResult {
  const files: MigrationFile[] = [];
  const created = new Map<string, Created>();
  const byKey = new Map<string, SqlUnit>();
  const errors: SqlSetResult['errors'] = [];
  for (const unit of units) {
    byKey.set(unit.key, unit);
    const text = blankPsqlMetaCommands(unit.text);
    const parsed: SqlParseResult = parseSql(text);
    if (!parsed.ok) {
      errors.push({ ...unit.locate(parsed.error.offset), message: withoutLiterals(parsed.error.message) });
      continue;
    }
    for (const statement of parsed.statements) {
      if (statement.kind !== 'CreateStmt') continue;
      const relation = statement.node.relation as { schemaname?: string; relname?: string } | undefined;
      if (relation?.relname) created.set(`${relation.schemaname ?? 'public'}.${relation.relname}`, { unit, offset: statement.start });
    }
    files.push({ path: unit.key, text: unit.text, parsed });
  }
  const model = buildSchemaModel(files);
  return { tables: factsOf(model, created, byKey, source), errors };
}

function factsOf(model: SchemaModel, created: Map<string, Created>, units: Map<string, SqlUnit>, source: SchemaSource): TableFact[] {
  const tables: TableFact[] = [];
  for (const [key, table] of model.tables) {
    if (table.external) continue;
    const at = created.get(key);
    const location = at ? at.unit.locate(at.offset) : { file: units.values().next().value?.locate(0).file ?? '', line: 1, column: 1 };
    const keyColumns = table.primaryKey?.columns.map((name) => {
      const column = table.columns.find((candidate) => candidate.name === name);
      const generated = column?.identity ? `identity (generated ${column.identity})` : null;
      return { name, type: column?.type ?? null, default: generated ?? column?.default ?? null };
    });
    const foreignKeys = table.foreignKeys.map((fk) => {
      const unit = units.get(fk.origin.file);
      const where = unit ? unit.locate(fk.origin.start) : location;
      return {
        ...where,
        name: fk.name,
        columns: fk.columns,
        references: { table: displayTableName(fk.references.schema, fk.references.table), columns: fk.references.columns },
      };
    });
    const { primaryKey, reason } = primaryKeyOf(keyColumns ?? null);
    tables.push({
      name: displayTableName(table.schema, table.name),
      primaryKey,
      primaryKeyReason: reason,
      ...location,
      source,
      indexes: table.indexes.map(({ columns, partial, method, unique }) => ({ columns, partial, method, unique })),
      foreignKeys,
    });
  }
  return tables;
}
