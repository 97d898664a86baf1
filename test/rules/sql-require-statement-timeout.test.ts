import { describe, expect, it } from 'vitest';

import rule from '../../src/sql/rules/sql-require-statement-timeout.js';
import { expectSqlMalformed, lintSql, runSqlRuleTester } from '../sql/sql-rule-tester.js';

const RULE = 'sql-require-statement-timeout';
const error = (line: number, column: number, data?: { statement: string; action: string; target: string }) => ({ messageId: 'requireStatementTimeout', line, column, ...(data ? { data } : {}) });

runSqlRuleTester(RULE, rule, {
  valid: [
    // SET statement_timeout before, in its spellings.
    "SET statement_timeout = '5min';\nALTER TABLE orders ADD COLUMN note text;",
    "SET LOCAL statement_timeout TO '30s';\nCREATE INDEX orders_a_idx ON orders (a);",
    'SET statement_timeout TO 60000;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;',
    // Tables created in this file.
    'CREATE TABLE coupons (id bigint PRIMARY KEY, code text);\nALTER TABLE coupons ADD COLUMN note text;\nCREATE INDEX coupons_code_idx ON coupons (code);',
    // Weak locks that neither scan nor rewrite: reads and writes go on, and they end at once.
    "COMMENT ON TABLE orders IS 'orders';\nLOCK TABLE orders IN ACCESS SHARE MODE;",
    'ALTER TABLE orders ALTER COLUMN a SET STATISTICS 500;\nANALYZE orders;',
    'ALTER INDEX orders_a_idx RENAME TO orders_b_idx;\nALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;',
    "CREATE TYPE order_status AS ENUM ('open');\nALTER TYPE order_status ADD VALUE 'paid';",
    // Data changes are not in the lock table; new objects without references.
    "UPDATE orders SET status = 'open' WHERE id = 1;\nCREATE VIEW open_orders AS SELECT * FROM orders;",
    '-- eslint-disable-next-line rule-to-test/sql-require-statement-timeout\nALTER TABLE orders ADD COLUMN note text;',
    '',
    '/* nothing */',
  ],
  invalid: [
    // A strong lock (any duration counts: it queues every query behind it).
    { code: 'ALTER TABLE orders ADD COLUMN note text;', errors: [error(1, 1, { statement: 'ALTER TABLE … ADD COLUMN', action: 'takes a lock in ACCESS EXCLUSIVE mode on', target: 'existing table orders' })] },
    { code: 'CREATE INDEX orders_a_idx ON orders (a);', errors: [error(1, 1)] },
    // Scans under a weak lock: VALIDATE, CREATE INDEX CONCURRENTLY, REINDEX CONCURRENTLY, VACUUM.
    { code: 'ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;', errors: [error(1, 1, { statement: 'ALTER TABLE … VALIDATE CONSTRAINT', action: 'scans', target: 'existing table orders' })] },
    { code: 'CREATE INDEX CONCURRENTLY orders_a_idx ON orders (a);', errors: [error(1, 1, { statement: 'CREATE INDEX CONCURRENTLY', action: 'scans', target: 'existing table orders' })] },
    { code: 'REINDEX INDEX CONCURRENTLY orders_a_idx;', errors: [error(1, 1)] },
    { code: 'VACUUM orders;', errors: [error(1, 1)] },
    // Rewrites and whole-table locks.
    { code: 'VACUUM FULL orders;', errors: [error(1, 1)] },
    { code: 'REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;', errors: [error(1, 1)] },
    { code: 'LOCK TABLE orders;', errors: [error(1, 1)] },
    // A foreign key from a new table to an existing one: at the referenced table.
    { code: 'CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id));', errors: [error(1, 73)] },
    // lock_timeout is not statement_timeout; 0 disables; RESET undoes.
    { code: "SET lock_timeout = '1s';\nALTER TABLE orders ADD COLUMN note text;", errors: [error(2, 1)] },
    { code: 'SET statement_timeout = 0;\nALTER TABLE orders ADD COLUMN note text;', errors: [error(2, 1)] },
    { code: "SET statement_timeout = '1min';\nRESET ALL;\nALTER TABLE orders ADD COLUMN note text;", errors: [error(3, 1)] },
    // A constant default (`false`, a string) neither rewrites nor is called volatile; a volatile call is.
    { code: 'ALTER TABLE orders ADD COLUMN archived boolean NOT NULL DEFAULT false;', errors: [error(1, 1, { statement: 'ALTER TABLE … ADD COLUMN … DEFAULT <constant, or non-volatile expression>', action: 'takes a lock in ACCESS EXCLUSIVE mode on', target: 'existing table orders' })] },
    { code: "ALTER TABLE orders ADD COLUMN locale text NOT NULL DEFAULT 'en';", errors: [error(1, 1, { statement: 'ALTER TABLE … ADD COLUMN … DEFAULT <constant, or non-volatile expression>', action: 'takes a lock in ACCESS EXCLUSIVE mode on', target: 'existing table orders' })] },
    { code: 'ALTER TABLE orders ADD COLUMN salt double precision DEFAULT random();', errors: [error(1, 1, { statement: 'ALTER TABLE … ADD COLUMN … DEFAULT <volatile expression>', action: 'takes a lock in ACCESS EXCLUSIVE mode on', target: 'existing table orders' })] },
    // One finding per file.
    { code: 'CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int;\nALTER TABLE orders ADD COLUMN c int;\nALTER TABLE orders ADD COLUMN d int;', errors: [error(3, 1)] },
  ],
});

describe(`${RULE}: config, disable comments and malformed input`, () => {
  it('is not in the recommended config', () => {
    expect(rule.meta.docs.recommended).toBe(false);
  });

  it('honours -- eslint-disable-next-line fortress/<rule>', () => {
    expect(lintSql(RULE, rule, '-- eslint-disable-next-line fortress/sql-require-statement-timeout\nALTER TABLE orders ADD COLUMN note text;')).toEqual([]);
  });

  it('a syntax error is one parsing error, not a crash', () => {
    expectSqlMalformed(RULE, rule, 'ALTER TABLE orders ADD COLUMN note text;\nALTER TABLE orders ADD COLUMN;');
  });

  it('a half-written SET is one parsing error', () => {
    expectSqlMalformed(RULE, rule, 'SET statement_timeout = ;\nVACUUM orders;');
  });
});
