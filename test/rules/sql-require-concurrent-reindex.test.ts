import { describe, expect, it } from 'vitest';

import rule from '../../src/sql/rules/sql-require-concurrent-reindex.js';
import { expectSqlMalformed, lintSql, runSqlRuleTester } from '../sql/sql-rule-tester.js';

const RULE = 'sql-require-concurrent-reindex';
const error = (line: number, column: number, target?: string) => ({ messageId: 'requireConcurrentReindex', line, column, ...(target ? { data: { target } } : {}) });
const pg = (postgresVersion: unknown) => ({ fortress: { postgresVersion } });

runSqlRuleTester(RULE, rule, {
  valid: [
    // CONCURRENTLY, in each spelling (and an explicit true).
    'REINDEX INDEX CONCURRENTLY orders_note_idx;',
    'REINDEX TABLE CONCURRENTLY orders;',
    'REINDEX (CONCURRENTLY) TABLE orders;',
    'REINDEX (VERBOSE, CONCURRENTLY true) INDEX orders_note_idx;',
    'REINDEX (CONCURRENTLY on) SCHEMA public;',
    // An index or table this file creates (empty, unused).
    'CREATE TABLE coupons (id bigint PRIMARY KEY, code text);\nREINDEX TABLE coupons;',
    'CREATE INDEX coupons_code_idx ON coupons (code);\nREINDEX INDEX coupons_code_idx;',
    // REINDEX SYSTEM has no CONCURRENTLY form.
    'REINDEX SYSTEM;',
    // Before PostgreSQL 12 there is no CONCURRENTLY to ask for.
    { code: 'REINDEX TABLE orders;', settings: pg(11) },
    // Near-misses: other statements that rebuild or read indexes.
    'CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);\nCLUSTER orders USING orders_note_idx;',
    "ALTER INDEX orders_note_idx RENAME TO orders_remark_idx;\nCOMMENT ON INDEX orders_remark_idx IS 'x';",
    '-- REINDEX TABLE orders;\nSELECT 1;',
    '-- eslint-disable-next-line rule-to-test/sql-require-concurrent-reindex\nREINDEX TABLE orders;',
    '',
  ],
  invalid: [
    { code: 'REINDEX TABLE orders;', errors: [error(1, 1, 'table orders')] },
    { code: 'REINDEX INDEX orders_note_idx;', errors: [error(1, 1, 'index orders_note_idx')] },
    { code: 'reindex index public.orders_note_idx;', errors: [error(1, 1, 'index public.orders_note_idx')] },
    { code: 'REINDEX (CONCURRENTLY false) TABLE orders;', errors: [error(1, 1)] },
    { code: 'REINDEX (CONCURRENTLY off) INDEX orders_note_idx;', errors: [error(1, 1)] },
    { code: 'REINDEX (CONCURRENTLY 0) TABLE orders;', errors: [error(1, 1)] },
    { code: 'REINDEX (VERBOSE) TABLE orders;', errors: [error(1, 1)] },
    { code: 'REINDEX SCHEMA public;', errors: [error(1, 1, 'every index of public')] },
    { code: 'REINDEX DATABASE app;', errors: [error(1, 1)] },
    { code: 'REINDEX TABLE "Order";', errors: [error(1, 1, 'table Order')] },
    // A table of another schema than the one created here.
    { code: 'CREATE TABLE staging.orders (id int);\nREINDEX TABLE public.orders;', errors: [error(2, 1)] },
    // Each statement; the default and an explicit 12+ target.
    { code: 'SELECT 1;\n\nREINDEX TABLE orders;\nREINDEX TABLE invoices;', errors: [error(3, 1), error(4, 1)] },
    { code: 'REINDEX TABLE orders;', settings: pg(12), errors: [error(1, 1)] },
    { code: 'REINDEX TABLE orders;', settings: pg('not a version'), errors: [error(1, 1)] },
  ],
});

describe(`${RULE}: disable comments and malformed input`, () => {
  it('honours -- eslint-disable-next-line fortress/<rule>', () => {
    expect(lintSql(RULE, rule, '-- eslint-disable-next-line fortress/sql-require-concurrent-reindex\nREINDEX TABLE orders;')).toEqual([]);
  });

  it('a syntax error is one parsing error, not a crash', () => {
    expectSqlMalformed(RULE, rule, 'REINDEX TABLE orders;\nREINDEX TABLE;');
  });

  it('a half-written option list is one parsing error', () => {
    expectSqlMalformed(RULE, rule, 'REINDEX (CONCURRENTLY TABLE orders;');
  });
});
