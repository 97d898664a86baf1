// Tables, keys, indexes and the queries that use them: SQL migrations (src/sql), schema.prisma, Drizzle tables,
// TypeORM entities and SQL strings in TS/JS migrations. Owner: the indexes and primary-keys checks. Stub until it lands.
import type { Table } from '../types.js';
import type { ExtractInput } from './input.js';

export interface TableFact extends Table {
  /** Where the table (or model/entity) is defined. */
  file: string;
  line: number;
  column: number;
}

export interface SchemaFacts {
  tables: TableFact[];
}

export async function extractSchema(input: ExtractInput): Promise<SchemaFacts> {
  void input;
  return { tables: [] };
}
