// One fact, one function: does an index serve the lookups of a foreign key? Used by the rule
// `sql-require-foreign-key-index` (per migration file) and by the audit's `indexes` check (whole schema, any source).
import type { SchemaIndex } from './schema-model.js';

/** Access methods whose index serves the `WHERE fk = $1` lookups of a foreign key check (hash: one column only). */
const LOOKUP_METHODS = new Set(['btree', 'hash']);

/** What the covering test reads of an index (the schema model's `SchemaIndex` has it; so do indexes read from an ORM schema). */
export type LookupIndex = Pick<SchemaIndex, 'columns' | 'partial' | 'method'>;

/**
 * True when a complete (non-partial) btree index, or a one-column hash index, has exactly the foreign key's columns
 * as its leading columns, in any order: PRIMARY KEY and UNIQUE constraints count, expression parts never do.
 */
export function isForeignKeyCovered(index: LookupIndex, columns: readonly string[]): boolean {
  if (index.partial || !LOOKUP_METHODS.has(index.method)) return false;
  if (index.method === 'hash' && (columns.length !== 1 || index.columns.length !== 1)) return false;
  const leading = index.columns.slice(0, columns.length);
  return leading.length === columns.length && columns.every((column) => leading.includes(column));
}

/** Whether any of `indexes` covers the foreign key `columns`. */
export function hasForeignKeyIndex(indexes: readonly LookupIndex[], columns: readonly string[]): boolean {
  return indexes.some((index) => isForeignKeyCovered(index, columns));
}
