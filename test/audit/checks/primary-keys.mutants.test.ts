// What the primary-keys check's findings say, and which rule findings stand in for them (issue 13).
import { describe, expect, it } from 'vitest';

import primaryKeys from '../../../src/audit/checks/primary-keys.js';
import type { Finding } from '../../../src/audit/types.js';
import { contextWith, table } from './context.js';

const uuidV4 = { primaryKey: { columns: ['id'], type: 'uuid', default: 'gen_random_uuid()', verdict: 'fail' as const }, primaryKeyReason: 'a random UUIDv4 (gen_random_uuid())' };
const ruleFinding = (file: string, line: number): Finding => ({ ruleId: 'fortress/sql-no-uuid-v4-primary-key', severity: 'error', file, line, column: 3, message: 'x' });

describe('primary-keys check messages', () => {
  it('each verdict in full: a random key, a composite key, a natural key, no key', () => {
    const tables = [
      table('sessions', uuidV4),
      table('memberships', { primaryKey: { columns: ['user_id', 'team_id'], type: 'bigint, bigint', default: null, verdict: 'warn' }, primaryKeyReason: 'composite' }),
      table('countries', { primaryKey: { columns: ['code'], type: 'text', default: null, verdict: 'warn' }, primaryKeyReason: 'a natural value without a default' }),
      table('audit_log', { primaryKey: null }),
    ];
    expect(primaryKeys.run(contextWith({ schema: { tables } })).findings.map(({ ruleId, severity, message }) => [ruleId, severity, message])).toEqual([
      [
        'primary-keys/uuid-v4',
        'error',
        "The primary key of table sessions (id) defaults to a random UUIDv4 (gen_random_uuid()), which fragments its B-tree index; default it to a time-ordered UUIDv7 (Postgres 18 uuidv7(), Prisma uuid(7), uuid's v7()).",
      ],
      [
        'primary-keys/composite-key',
        'warning',
        'Table memberships has a composite primary key (user_id, team_id); keep it for a pure join table, otherwise give the table a UUIDv7 key and a unique constraint on (user_id, team_id).',
      ],
      [
        'primary-keys/not-generated',
        'warning',
        'The primary key of table countries (code) is a natural value without a default; prefer a time-ordered UUIDv7 or identity key (a unique constraint keeps a natural value unique).',
      ],
      ['primary-keys/no-primary-key', 'warning', 'Table audit_log has no primary key; add a time-ordered UUIDv7 or identity key.'],
    ]);
  });

  it("a rule finding stands in for the check's only inside the table's own lines of its own file", () => {
    const sessions = table('sessions', { ...uuidV4, file: 'm.sql', line: 3 });
    const tokens = table('tokens', { ...uuidV4, file: 'm.sql', line: 8 });
    const elsewhere = table('devices', { ...uuidV4, file: 'other.sql', line: 3 });
    const findings = primaryKeys.run(contextWith({ ruleFindings: [ruleFinding('m.sql', 8), ruleFinding('m.sql', 2)], schema: { tables: [sessions, tokens, elsewhere] } })).findings;
    // Line 8 is tokens' (not sessions', which ends where tokens starts); line 2 is before sessions; other.sql has none.
    expect(findings.map(({ ruleId, file, line }) => [ruleId, file, line])).toEqual([
      ['fortress/sql-no-uuid-v4-primary-key', 'm.sql', 8],
      ['fortress/sql-no-uuid-v4-primary-key', 'm.sql', 2],
      ['primary-keys/uuid-v4', 'm.sql', 3],
      ['primary-keys/uuid-v4', 'other.sql', 3],
    ]);
  });

  it("a table's lines end at the nearest next table of its file, whatever the order of the tables", () => {
    const sessions = table('sessions', { ...uuidV4, file: 'm.sql', line: 1 });
    const users = table('users', { ...uuidV4, file: 'm.sql', line: 10 });
    const tokens = table('tokens', { ...uuidV4, file: 'm.sql', line: 20 });
    // Line 15 is users' (10 to 20), not sessions' (1 to 10).
    const findings = primaryKeys.run(contextWith({ ruleFindings: [ruleFinding('m.sql', 15)], schema: { tables: [sessions, users, tokens] } })).findings;
    expect(findings.map(({ ruleId, line }) => [ruleId, line])).toEqual([
      ['fortress/sql-no-uuid-v4-primary-key', 15],
      ['primary-keys/uuid-v4', 1],
      ['primary-keys/uuid-v4', 20],
    ]);
  });

  it("a table of another file does not end a table's lines", () => {
    const sessions = table('sessions', { ...uuidV4, file: 'm.sql', line: 1 });
    const devices = table('devices', { ...uuidV4, file: 'other.sql', line: 5 });
    const findings = primaryKeys.run(contextWith({ ruleFindings: [ruleFinding('m.sql', 7)], schema: { tables: [sessions, devices] } })).findings;
    expect(findings.map(({ ruleId, file, line }) => [ruleId, file, line])).toEqual([
      ['fortress/sql-no-uuid-v4-primary-key', 'm.sql', 7],
      ['primary-keys/uuid-v4', 'other.sql', 5],
    ]);
  });

  it('a warning is kept even when a rule reported inside the table', () => {
    const countries = table('countries', { primaryKey: { columns: ['code'], type: 'text', default: null, verdict: 'warn' }, primaryKeyReason: 'a natural value', file: 'm.sql', line: 1 });
    const findings = primaryKeys.run(contextWith({ ruleFindings: [ruleFinding('m.sql', 2)], schema: { tables: [countries] } })).findings;
    expect(findings.map(({ ruleId }) => ruleId)).toEqual(['fortress/sql-no-uuid-v4-primary-key', 'primary-keys/not-generated']);
  });
});
