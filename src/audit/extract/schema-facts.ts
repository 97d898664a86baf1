// The schema facts every source produces (SQL migrations, schema.prisma, Drizzle, TypeORM, SQL in TS migrations),
// and the small helpers they share.
import { lineStarts, positionAt } from '../../sql/language.js';
import type { Table } from '../types.js';

export type SchemaSource = 'sql' | 'prisma' | 'drizzle' | 'typeorm' | 'ts-migration';

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** An index (or a PRIMARY KEY / UNIQUE constraint's index) as the covering tests read it. */
export interface IndexFact {
  /** Key columns in order; null for an expression part. */
  columns: Array<string | null>;
  partial: boolean;
  method: string;
  unique: boolean;
}

export interface ForeignKeyFact extends SourceLocation {
  name: string;
  columns: string[];
  references: { table: string; columns: string[] };
}

export interface TableFact extends Table, SourceLocation {
  source: SchemaSource;
  /** Why the primary key's verdict (one clause, for messages). */
  primaryKeyReason: string;
  indexes: IndexFact[];
  foreignKeys: ForeignKeyFact[];
  /** A plain SQL migration set also creates the table: the rule `sql-require-foreign-key-index` judges its foreign keys. */
  inSqlMigrations?: boolean;
}

/** A query found in the source: the table it reads and the columns it filters or sorts on, in order. */
export interface QueryFact extends SourceLocation {
  table: string;
  columns: string[];
  /** How the query reads (`prisma.user.findMany`, `pool.query()`, `knex('users').where`). */
  via: string;
}

/** 1-based line and column of a string offset (the SQL language's line index, found once per text). */
export function createLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = lineStarts(text);
  return (offset) => {
    const position = positionAt(starts, offset);
    return { line: position.line, column: position.column + 1 };
  };
}

/** The table name as the report shows it: `users`, or `billing.invoices` outside `public`. */
export function displayTableName(schema: string, name: string): string {
  return schema === 'public' ? name : `${schema}.${name}`;
}
