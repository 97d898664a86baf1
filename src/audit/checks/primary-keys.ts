// Is the primary key UUIDv7? (Cognitive Audit Cycle, guideline 000). Every table's key from the schema facts (SQL
// migrations, schema.prisma, Drizzle, TypeORM, TS migrations), plus the findings of the rules that judge keys per file.
import type { TableFact } from '../extract/schema.js';
import type { Finding, Severity } from '../types.js';
import { defineCheck } from './define-check.js';
import { ruleFindingsOf } from './rule-findings.js';

const RULE_IDS = ['fortress/no-uuid-v4', 'fortress/sql-no-uuid-v4-primary-key'];

function messageOf(table: TableFact): { ruleId: string; severity: Severity; message: string } | undefined {
  const key = table.primaryKey;
  const name = table.name;
  if (!key) {
    return { ruleId: 'primary-keys/no-primary-key', severity: 'warning', message: `Table ${name} has no primary key; add a time-ordered UUIDv7 or identity key.` };
  }
  if (key.verdict === 'pass') return undefined;
  const columns = key.columns.join(', ');
  if (key.verdict === 'fail') {
    return {
      ruleId: 'primary-keys/uuid-v4',
      severity: 'error',
      message: `The primary key of table ${name} (${columns}) defaults to ${table.primaryKeyReason}, which fragments its B-tree index; default it to a time-ordered UUIDv7 (Postgres 18 uuidv7(), Prisma uuid(7), uuid's v7()).`,
    };
  }
  if (key.columns.length > 1) {
    return {
      ruleId: 'primary-keys/composite-key',
      severity: 'warning',
      message: `Table ${name} has a composite primary key (${columns}); keep it for a pure join table, otherwise give the table a UUIDv7 key and a unique constraint on (${columns}).`,
    };
  }
  return {
    ruleId: 'primary-keys/not-generated',
    severity: 'warning',
    message: `The primary key of table ${name} (${columns}) is ${table.primaryKeyReason}; prefer a time-ordered UUIDv7 or identity key (a unique constraint keeps a natural value unique).`,
  };
}

/** The line where the next table defined in the same file starts (the rules' findings before it belong to `table`). */
function nextTableLine(table: TableFact, tables: readonly TableFact[]): number {
  let next = Number.POSITIVE_INFINITY;
  for (const other of tables) if (other.file === table.file && other.line > table.line && other.line < next) next = other.line;
  return next;
}

export default defineCheck({
  meta: { id: 'primary-keys', title: 'Is the primary key UUIDv7?', ruleIds: RULE_IDS },
  run(context) {
    const ruleFindings = ruleFindingsOf(context, RULE_IDS);
    const findings: Finding[] = [...ruleFindings];
    const tables = context.schema.tables;
    for (const table of tables) {
      const judged = messageOf(table);
      if (!judged) continue;
      // A rule already reported this key's random default inside this table's definition: one finding, not two.
      const end = nextTableLine(table, tables);
      if (judged.severity === 'error' && ruleFindings.some((finding) => finding.file === table.file && finding.line >= table.line && finding.line < end)) continue;
      findings.push({ ...judged, file: table.file, line: table.line, column: table.column });
    }
    return { findings, tables: tables.map(({ name, primaryKey }) => ({ name, primaryKey })) };
  },
});
