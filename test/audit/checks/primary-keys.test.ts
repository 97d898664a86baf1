import { describe, expect, it } from 'vitest';

import primaryKeys from '../../../src/audit/checks/primary-keys.js';
import { primaryKeyOf } from '../../../src/audit/extract/primary-key-verdict.js';
import type { Finding } from '../../../src/audit/types.js';
import { contextWith, table } from './context.js';

function keyed(name: string, columns: Array<{ name: string; type: string | null; default: string | null }> | null, file = 'prisma/schema.prisma', line = 1) {
  const { primaryKey, reason } = primaryKeyOf(columns);
  return table(name, { primaryKey, primaryKeyReason: reason, file, line, source: 'prisma' });
}

describe('primaryKeyOf (the verdict)', () => {
  it.each([
    ['uuidv7()', 'uuid', 'pass'],
    ['uuid_generate_v7()', 'uuid', 'pass'],
    ['uuid(7)', 'Uuid', 'pass'],
    ['() => uuidv7()', 'uuid', 'pass'],
    ['identity (generated always)', 'bigint', 'pass'],
    ["nextval('users_id_seq'::regclass)", 'integer', 'pass'],
    ['autoincrement()', 'Int', 'pass'],
    ['increment', 'integer', 'pass'],
    [null, 'serial', 'pass'],
    ['gen_random_uuid()', 'uuid', 'fail'],
    ['uuid_generate_v4()', 'uuid', 'fail'],
    ['uuid()', 'String', 'fail'],
    ['uuid(4)', 'String', 'fail'],
    ['defaultRandom()', 'uuid', 'fail'],
    ['sql`gen_random_uuid()`', 'uuid', 'fail'],
    ['() => crypto.randomUUID()', 'uuid', 'fail'],
    ['cuid()', 'String', 'warn'],
    [null, 'uuid', 'warn'],
    [null, 'text', 'warn'],
  ] as const)('default %s on %s → %s', (value, type, verdict) => {
    expect(primaryKeyOf([{ name: 'id', type, default: value }]).primaryKey?.verdict).toBe(verdict);
  });

  it('warns on a composite key and reports its columns and types', () => {
    const { primaryKey, reason } = primaryKeyOf([
      { name: 'user_id', type: 'uuid', default: null },
      { name: 'role', type: 'text', default: null },
    ]);
    expect(primaryKey).toEqual({ columns: ['user_id', 'role'], type: 'uuid, text', default: null, verdict: 'warn' });
    expect(reason).toBe('a composite key');
  });

  it('has no key for no columns', () => {
    expect(primaryKeyOf(null).primaryKey).toBeNull();
    expect(primaryKeyOf([]).primaryKey).toBeNull();
  });
});

describe('primary-keys check', () => {
  const run = (...tables: ReturnType<typeof table>[]) => primaryKeys.run(contextWith({ schema: { tables, queries: [] } }));

  it('reports a random UUIDv4 key as an error at the table definition', () => {
    const { findings } = run(keyed('users', [{ name: 'id', type: 'Uuid', default: 'uuid()' }], 'prisma/schema.prisma', 11));
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: 'primary-keys/uuid-v4', severity: 'error', file: 'prisma/schema.prisma', line: 11, column: 1 }),
    ]);
    expect(findings[0]!.message).toContain('The primary key of table users (id) defaults to a random UUIDv4 (uuid())');
  });

  it('passes UUIDv7 and identity keys without findings (near-misses)', () => {
    const { findings, tables } = run(
      keyed('orders', [{ name: 'id', type: 'uuid', default: 'uuidv7()' }]),
      keyed('events', [{ name: 'id', type: 'bigint', default: 'identity (generated always)' }]),
    );
    expect(findings).toEqual([]);
    expect(tables?.map((entry) => entry.primaryKey?.verdict)).toEqual(['pass', 'pass']);
  });

  it('warns on composite, natural and missing keys with one finding each', () => {
    const { findings } = run(
      keyed('user_roles', [
        { name: 'user_id', type: 'uuid', default: null },
        { name: 'role', type: 'text', default: null },
      ]),
      keyed('countries', [{ name: 'code', type: 'character(2)', default: null }]),
      keyed('page_views', null),
    );
    expect(findings.map((finding: Finding) => [finding.ruleId, finding.severity])).toEqual([
      ['primary-keys/composite-key', 'warning'],
      ['primary-keys/not-generated', 'warning'],
      ['primary-keys/no-primary-key', 'warning'],
    ]);
  });

  it('lists every table with its key for the report, in the order given (sorted by the extractor)', () => {
    const { tables } = run(keyed('a', null), keyed('b', [{ name: 'id', type: 'uuid', default: 'gen_random_uuid()' }]));
    expect(tables).toEqual([
      { name: 'a', primaryKey: null },
      { name: 'b', primaryKey: { columns: ['id'], type: 'uuid', default: 'gen_random_uuid()', verdict: 'fail' } },
    ]);
  });

  it("keeps one finding when a rule already reported the key's random default inside the table's definition", () => {
    const ruleFinding: Finding = { ruleId: 'fortress/sql-no-uuid-v4-primary-key', severity: 'error', file: 'm.sql', line: 2, column: 17, message: 'x' };
    const sessions = keyed('sessions', [{ name: 'id', type: 'uuid', default: 'gen_random_uuid()' }], 'm.sql', 1);
    const tokens = keyed('tokens', [{ name: 'id', type: 'uuid', default: 'gen_random_uuid()' }], 'm.sql', 5);
    const { findings } = primaryKeys.run(contextWith({ ruleFindings: [ruleFinding], schema: { tables: [sessions, tokens] } }));
    // The rule's finding for sessions (line 2) replaces the check's; tokens (from line 5 on) is still reported.
    expect(findings.map((finding) => [finding.ruleId, finding.line])).toEqual([
      ['fortress/sql-no-uuid-v4-primary-key', 2],
      ['primary-keys/uuid-v4', 5],
    ]);
  });

  it('ignores findings of rules it does not own', () => {
    const other: Finding = { ruleId: 'fortress/no-console-log', severity: 'error', file: 'a.ts', line: 1, column: 1, message: 'x' };
    expect(primaryKeys.run(contextWith({ ruleFindings: [other] })).findings).toEqual([]);
  });
});
