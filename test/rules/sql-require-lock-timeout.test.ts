import { describe, expect, it } from 'vitest';

import rule from '../../src/sql/rules/sql-require-lock-timeout.js';
import { expectSqlErrors, expectSqlMalformed, expectSqlOk, runSqlRuleTester, lintSql } from '../sql/sql-rule-tester.js';

const RULE = 'sql-require-lock-timeout';

runSqlRuleTester(RULE, rule, {
  valid: [
    // SET lock_timeout before the ALTER, in its spellings.
    "SET lock_timeout = '1s';\nALTER TABLE orders ADD COLUMN note text;",
    "SET LOCAL lock_timeout TO '2s';\nCREATE INDEX orders_created_at_idx ON orders (created_at);",
    "SET lock_timeout TO 1000;\nDROP TABLE legacy_orders;",
    "set session lock_timeout = '500ms';\nALTER TABLE orders RENAME COLUMN note TO remark;",
    // Tables created earlier in the file: nobody else holds a lock on them.
    "CREATE TABLE coupons (id bigint PRIMARY KEY, code text NOT NULL);\nALTER TABLE coupons ADD COLUMN expires_at timestamptz;\nCREATE INDEX coupons_code_idx ON coupons (code);\nDROP INDEX coupons_code_idx;",
    // A foreign key to a table created in the file (and a self-reference).
    "CREATE TABLE folders (id bigint PRIMARY KEY, parent_id bigint REFERENCES folders (id));\nCREATE TABLE files (id bigint PRIMARY KEY, folder_id bigint REFERENCES public.folders (id));",
    // CONCURRENTLY takes a lock that lets writes go on.
    "CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at);",
    "DROP INDEX CONCURRENTLY IF EXISTS orders_created_at_idx;",
    // VALIDATE CONSTRAINT and SET STATISTICS take SHARE UPDATE EXCLUSIVE.
    "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;\nALTER TABLE orders ALTER COLUMN customer_id SET STATISTICS 500;",
    "ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;",
    // Renaming an index or a view, or a table created here.
    "ALTER INDEX orders_note_idx RENAME TO orders_remark_idx;\nALTER VIEW open_orders RENAME TO pending_orders;\nCREATE TABLE t (a int);\nALTER TABLE t RENAME TO u;",
    // ALTER TYPE … ADD VALUE locks the type, not a table.
    "ALTER TYPE order_status ADD VALUE 'refunded';",
    // Data changes and new objects without references.
    "UPDATE orders SET status = 'open' WHERE status IS NULL;\nCREATE TABLE tags (id bigint PRIMARY KEY, name text);\nCREATE VIEW open_orders AS SELECT * FROM orders WHERE status = 'open';",
    // Disable comment (RuleTester rule name).
    "-- eslint-disable-next-line rule-to-test/sql-require-lock-timeout\nALTER TABLE orders ADD COLUMN note text;",
    // Weak locks (reads and writes go on): LOCK … IN ACCESS SHARE / ROW EXCLUSIVE MODE, plain VACUUM, ANALYZE,
    // COMMENT ON, CREATE TYPE … AS ENUM, REINDEX … CONCURRENTLY, REFRESH … CONCURRENTLY is EXCLUSIVE (see invalid).
    "LOCK TABLE orders IN ACCESS SHARE MODE;",
    "LOCK orders IN ROW EXCLUSIVE MODE;",
    "VACUUM orders;\nVACUUM (ANALYZE, FULL false) orders;\nANALYZE orders;",
    "COMMENT ON TABLE orders IS 'customer orders';\nCOMMENT ON COLUMN orders.note IS 'free text';",
    "CREATE TYPE order_status AS ENUM ('open', 'paid');",
    "REINDEX INDEX CONCURRENTLY orders_note_idx;\nREINDEX (CONCURRENTLY) TABLE orders;\nREINDEX (VERBOSE, CONCURRENTLY true) TABLE orders;",
    // A REINDEX of an index this file creates; a DROP of a materialized view this file creates.
    "CREATE TABLE t_new (a int);\nCREATE INDEX t_idx ON t_new (a);\nREINDEX INDEX t_idx;\nCREATE MATERIALIZED VIEW mv_new AS SELECT 1 AS x;\nDROP MATERIALIZED VIEW mv_new;",
    // Empty and comment-only files.
    "",
    "/* nothing yet */",
  ],
  invalid: [
    // ALTER TABLE on an existing table: reported at the statement.
    { code: "ALTER TABLE orders ADD COLUMN note text;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1 }] },
    // CREATE INDEX without CONCURRENTLY (SHARE).
    { code: "-- add an index\nCREATE INDEX orders_created_at_idx ON orders (created_at);", errors: [{ messageId: 'requireLockTimeout', line: 2, column: 1 }] },
    // DROP TABLE, TRUNCATE, DROP INDEX.
    { code: "DROP TABLE IF EXISTS public.legacy_orders;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1 }] },
    { code: "TRUNCATE sessions;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1 }] },
    { code: "DROP INDEX orders_note_idx;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1 }] },
    // RENAME and CREATE TRIGGER.
    { code: "ALTER TABLE \"Order\" RENAME COLUMN \"note\" TO \"remark\";", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1 }] },
    { code: "ALTER TABLE orders RENAME TO purchase_orders;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1 }] },
    { code: "CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit();", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1 }] },
    // A new table referencing an existing one locks it (SHARE ROW EXCLUSIVE): reported at the referenced table.
    { code: "CREATE TABLE refunds (\n  id bigint PRIMARY KEY,\n  order_id bigint NOT NULL REFERENCES orders (id)\n);", errors: [{ messageId: 'requireLockTimeout', line: 3, column: 39 }] },
    // lock_timeout = 0 disables the timeout.
    { code: "SET lock_timeout = 0;\nALTER TABLE orders ADD COLUMN note text;", errors: [{ messageId: 'requireLockTimeout', line: 2, column: 1 }] },
    { code: "SET lock_timeout = '0s';\nALTER TABLE orders ADD COLUMN note text;", errors: [{ messageId: 'requireLockTimeout', line: 2, column: 1 }] },
    // RESET / DEFAULT undo an earlier SET.
    { code: "SET lock_timeout = '1s';\nALTER TABLE orders ADD COLUMN a text;\nRESET lock_timeout;\nALTER TABLE orders ADD COLUMN b text;", errors: [{ messageId: 'requireLockTimeout', line: 4, column: 1 }] },
    { code: "SET lock_timeout = '1s';\nSET lock_timeout TO DEFAULT;\nCREATE INDEX i ON orders (a);", errors: [{ messageId: 'requireLockTimeout', line: 3, column: 1 }] },
    // SET after the statement is too late; statement_timeout is not lock_timeout.
    { code: "ALTER TABLE orders ADD COLUMN note text;\nSET lock_timeout = '1s';", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1 }] },
    { code: "SET statement_timeout = '5s';\nALTER TABLE orders ADD COLUMN note text;", errors: [{ messageId: 'requireLockTimeout', line: 2, column: 1 }] },
    // Strong locks the rule used not to see: REINDEX (SHARE on the table, ACCESS EXCLUSIVE on the index), LOCK
    // (ACCESS EXCLUSIVE by default, or a write-blocking mode), CLUSTER, REFRESH MATERIALIZED VIEW, VACUUM FULL,
    // DROP VIEW / MATERIALIZED VIEW, DETACH PARTITION, CREATE TABLE … PARTITION OF.
    { code: "REINDEX TABLE orders;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1, data: { statement: 'REINDEX TABLE / INDEX', lock: 'SHARE', target: 'existing table orders' } }] },
    { code: "REINDEX INDEX orders_note_idx;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1, data: { statement: 'REINDEX TABLE / INDEX', lock: 'ACCESS EXCLUSIVE', target: 'index orders_note_idx' } }] },
    { code: "REINDEX (CONCURRENTLY false) TABLE orders;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1 }] },
    { code: "REINDEX SCHEMA public;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1 }] },
    { code: "LOCK TABLE orders;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1, data: { statement: 'LOCK TABLE', lock: 'ACCESS EXCLUSIVE', target: 'existing table orders' } }] },
    { code: "LOCK TABLE orders IN SHARE MODE;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1, data: { statement: 'LOCK TABLE', lock: 'SHARE', target: 'existing table orders' } }] },
    { code: "CLUSTER orders USING orders_created_at_idx;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1 }] },
    { code: "REFRESH MATERIALIZED VIEW order_totals;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1, data: { statement: 'REFRESH MATERIALIZED VIEW', lock: 'ACCESS EXCLUSIVE', target: 'materialized view order_totals' } }] },
    { code: "REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1, data: { statement: 'REFRESH MATERIALIZED VIEW CONCURRENTLY', lock: 'EXCLUSIVE', target: 'materialized view order_totals' } }] },
    { code: "VACUUM FULL orders;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1 }] },
    { code: "VACUUM (FULL) orders;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1 }] },
    { code: "DROP VIEW IF EXISTS open_orders;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1, data: { statement: 'DROP VIEW', lock: 'ACCESS EXCLUSIVE', target: 'view open_orders' } }] },
    { code: "DROP MATERIALIZED VIEW order_totals;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1 }] },
    { code: "ALTER TABLE events DETACH PARTITION events_2023;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1, data: { statement: 'ALTER TABLE … DETACH PARTITION', lock: 'ACCESS EXCLUSIVE', target: 'partitioned table events' } }] },
    { code: "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1 }] },
    { code: "DROP TRIGGER orders_audit ON orders;", errors: [{ messageId: 'requireLockTimeout', line: 1, column: 1 }] },
    // One finding per file, at the first offending statement after new tables.
    { code: "CREATE TABLE tags (id bigint PRIMARY KEY);\nALTER TABLE tags ADD COLUMN name text;\nALTER TABLE orders ADD COLUMN tag_id bigint;\nALTER TABLE orders ADD COLUMN note text;", errors: [{ messageId: 'requireLockTimeout', line: 3, column: 1 }] },
  ],
});

describe(`${RULE} with fortress/ disable comments and malformed input`, () => {
  const lintAsFortress = (sql: string) => lintSql(RULE, rule, sql);

  it('-- eslint-disable-next-line fortress/<rule> hides the finding', () => {
    const sql = '-- eslint-disable-next-line fortress/sql-require-lock-timeout -- runner sets lock_timeout\nALTER TABLE orders ADD COLUMN note text;';
    expect(lintAsFortress(sql)).toEqual([]);
    expect(lintAsFortress(sql.replace('fortress/sql-require-lock-timeout', 'fortress/sql-no-offset')).filter((message) => message.ruleId === `fortress/${RULE}`)).toHaveLength(1);
  });

  it('names the statement and its lock mode in grammatical English (never "a ACCESS EXCLUSIVE")', () => {
    const [accessExclusive] = lintAsFortress('ALTER TABLE orders ADD COLUMN note text;');
    expect(accessExclusive?.message).toMatch(/^ALTER TABLE … ADD COLUMN takes a lock in ACCESS EXCLUSIVE mode on existing table orders /);
    const [share] = lintAsFortress('CREATE INDEX orders_note_idx ON orders (note);');
    expect(share?.message).toMatch(/^CREATE INDEX takes a lock in SHARE mode on existing table orders /);
    expect(`${accessExclusive?.message} ${share?.message}`).not.toMatch(/\ba [AEIOU]/);
  });

  it('disabling the first finding does not move it to the next statement (one finding per file)', () => {
    const sql = '-- eslint-disable-next-line fortress/sql-require-lock-timeout\nALTER TABLE orders ADD COLUMN a text;\nALTER TABLE orders ADD COLUMN b text;';
    expect(lintAsFortress(sql)).toEqual([]);
  });

  it('is not in the recommended config', () => {
    expect(rule.meta.docs.recommended).toBe(false);
    expectSqlOk(RULE, rule, "SET lock_timeout = '1s'; ALTER TABLE t ADD COLUMN c int;");
    expectSqlErrors(RULE, rule, 'ALTER TABLE t ADD COLUMN c int;', [{ messageId: 'requireLockTimeout', line: 1, column: 1 }]);
  });

  it("a syntax error is one parsing error, not a crash", () => {
    expectSqlMalformed(RULE, rule, "ALTER TABLE orders ADD COLUMN note text;\nALTER TABLE orders ADD COLUMN;");
  });

  it("a half-written SET is one parsing error", () => {
    expectSqlMalformed(RULE, rule, "SET lock_timeout = ;\nALTER TABLE orders ADD COLUMN note text;");
  });

});
