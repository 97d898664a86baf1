// What the indexes check's findings say, in full (issue 13: a mutant in a message went unnoticed while tests read
// parts of it).
import { describe, expect, it } from 'vitest';

import indexes from '../../../src/audit/checks/indexes.js';
import { contextWith, table } from './context.js';

const btree = (...columns: string[]) => ({ columns, unique: false, partial: false, method: 'btree' });

describe('indexes check messages', () => {
  it('a composite foreign key: its columns in order, the referenced table, the index to add', () => {
    const fk = { file: 'src/db/schema.ts', line: 12, column: 5, name: 'items_order_fk', columns: ['tenantId', 'orderId'], references: { table: 'orders', columns: ['tenantId', 'id'] } };
    const { findings } = indexes.run(contextWith({ schema: { tables: [table('items', { source: 'drizzle', indexes: [btree('tenantId')], foreignKeys: [fk] })] } }));
    expect(findings.map((finding) => finding.message)).toEqual([
      'Foreign key items (tenantId, orderId) → orders has no index leading with its columns, so every delete or key update in orders scans items; add an index on (tenantId, orderId).',
    ]);
  });

  it('an unindexed query: the call, the table, its columns and the first one to index', () => {
    const query = { file: 'src/orders.ts', line: 3, column: 7, table: 'orders', columns: ['status', 'createdAt'], via: 'db.select().from(orders)' };
    const { findings } = indexes.run(contextWith({ schema: { tables: [table('orders', { source: 'drizzle' })], queries: [query] } }));
    expect(findings.map((finding) => finding.message)).toEqual([
      'db.select().from(orders) filters or sorts orders on status, createdAt, and no index known from the schema leads with any of them; add an index leading with status (or confirm one exists outside the migrations and run EXPLAIN ANALYZE).',
    ]);
  });

  it('an index whose first column is unknown (an expression) serves no query', () => {
    const query = { file: 'src/orders.ts', line: 3, column: 7, table: 'orders', columns: ['email'], via: 'q' };
    const expression = { columns: [null, 'email'], unique: false, partial: false, method: 'btree' };
    const { findings } = indexes.run(contextWith({ schema: { tables: [table('orders', { source: 'drizzle', indexes: [expression] })], queries: [query] } }));
    expect(findings).toHaveLength(1);
  });
});
