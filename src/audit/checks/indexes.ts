// Are the database indexes used? (Cognitive Audit Cycle, guideline 000). Foreign keys without an index leading with
// their columns (the rule sql-require-foreign-key-index judges plain .sql migration sets; this check judges the other
// sources with the same function), and queries in the source whose filter and sort columns lead no known index.
import { hasForeignKeyIndex } from '../../sql/foreign-key-index.js';
import type { QueryFact, TableFact } from '../extract/schema.js';
import type { Finding } from '../types.js';
import { defineCheck } from './define-check.js';
import { ruleFindingsOf } from './rule-findings.js';

const RULE_IDS = ['fortress/sql-require-foreign-key-index', 'fortress/no-offset-pagination', 'fortress/sql-no-offset'];

function foreignKeyFindings(table: TableFact): Finding[] {
  // The table is created by a plain SQL migration set: the rule has judged its foreign keys, file by file.
  if (table.inSqlMigrations || table.source === 'sql') return [];
  return table.foreignKeys
    .filter((fk) => !hasForeignKeyIndex(table.indexes, fk.columns))
    .map((fk) => ({
      ruleId: 'indexes/foreign-key-without-index',
      severity: 'error' as const,
      file: fk.file,
      line: fk.line,
      column: fk.column,
      message: `Foreign key ${table.name} (${fk.columns.join(', ')}) → ${fk.references.table} has no index leading with its columns, so every delete or key update in ${fk.references.table} scans ${table.name}; add an index on (${fk.columns.join(', ')}).`,
    }));
}

/** True when some complete index of the table leads with one of the query's columns. */
function isServed(query: QueryFact, table: TableFact): boolean {
  return table.indexes.some((index) => !index.partial && index.columns[0] != null && query.columns.includes(index.columns[0]));
}

function queryFinding(query: QueryFact): Finding {
  const columns = query.columns.join(', ');
  return {
    ruleId: 'indexes/unindexed-query',
    severity: 'warning',
    file: query.file,
    line: query.line,
    column: query.column,
    message: `${query.via} filters or sorts ${query.table} on ${columns}, and no index known from the schema leads with any of them; add an index leading with ${query.columns[0]} (or confirm one exists outside the migrations and run EXPLAIN ANALYZE).`,
  };
}

export default defineCheck({
  meta: { id: 'indexes', title: 'Are the database indexes used?', ruleIds: RULE_IDS },
  run(context) {
    const findings: Finding[] = ruleFindingsOf(context, RULE_IDS);
    const byName = new Map(context.schema.tables.map((table) => [table.name, table]));
    for (const table of context.schema.tables) findings.push(...foreignKeyFindings(table));
    for (const query of context.schema.queries ?? []) {
      const table = byName.get(query.table);
      if (table && !isServed(query, table)) findings.push(queryFinding(query));
    }
    return { findings };
  },
});
