import { describe, expect, it } from 'vitest';

import rule from '../../src/sql/rules/sql-require-concurrent-index.js';
import { expectSqlMalformed, lintSql, runSqlRuleTester, type SqlInvalidCase } from '../sql/sql-rule-tester.js';

type ErrorCase = SqlInvalidCase['errors'][number];

/** An error with the "add CONCURRENTLY" suggestion, whose output is `output` (or no suggestion when null). */
const error = (messageId: 'createIndex' | 'dropIndex', line: number, column: number, output: string | null): ErrorCase =>
  ({ messageId, line, column, suggestions: output === null ? [] : [{ messageId: 'addConcurrently', output }] }) as ErrorCase;

runSqlRuleTester('sql-require-concurrent-index', rule, {
  valid: [
    // CONCURRENTLY, in its spellings.
    'CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);',
    'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "User_email_key" ON "public"."User" ("email");',
    'DROP INDEX CONCURRENTLY orders_status_idx;',
    'DROP INDEX CONCURRENTLY IF EXISTS public.orders_status_idx;',
    // An index on a table created in the same file (earlier, schema-qualified or quoted the same way).
    'CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint);\nCREATE INDEX refunds_order_id_idx ON refunds (order_id);',
    'CREATE TABLE public.refunds (id bigint PRIMARY KEY, order_id bigint);\nCREATE INDEX ON refunds (order_id);',
    'CREATE TABLE "Refund" ("id" TEXT NOT NULL, "orderId" TEXT NOT NULL);\nCREATE INDEX "Refund_orderId_idx" ON "public"."Refund"("orderId");',
    // Tables created by CREATE TABLE AS / materialized views in the file.
    'CREATE MATERIALIZED VIEW daily_totals AS SELECT 1 AS day;\nCREATE UNIQUE INDEX daily_totals_day ON daily_totals (day);',
    'CREATE TABLE orders_copy AS SELECT * FROM orders;\nCREATE INDEX orders_copy_id ON orders_copy (id);',
    // SELECT … INTO creates a table too, in any case and layout.
    'SELECT id, email INTO archived_users FROM users WHERE deleted_at IS NOT NULL;\nCREATE INDEX archived_users_email ON archived_users (email);',
    'select id\n  into temp_orders\n  from orders;\ncreate index on temp_orders (id);',
    // Dropping an index this file created (e.g. replaced within the same migration).
    'CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\nDROP INDEX t_a;',
    'CREATE INDEX CONCURRENTLY s_idx ON app.s (a);\nDROP INDEX app.s_idx;',
    // ON ONLY a partitioned parent reads no row (the partitioned-table recipe).
    'CREATE INDEX measurements_at_idx ON ONLY measurements (at);',
    // Other DROPs and index statements are not this rule's business.
    'DROP TABLE old_orders;',
    'ALTER INDEX orders_status_idx RENAME TO orders_state_idx;',
    'REINDEX INDEX orders_status_idx;',
    // Disable comments; empty and comment-only files.
    '-- eslint-disable-next-line rule-to-test/sql-require-concurrent-index\nCREATE INDEX orders_customer_id_idx ON orders (customer_id);',
    '',
    '-- nothing here yet\n',
  ],
  invalid: [
    {
      code: 'CREATE INDEX orders_customer_id_idx ON orders (customer_id);',
      errors: [error('createIndex', 1, 1, 'CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);')],
    },
    {
      code: 'create unique index users_email_key on users (lower(email));',
      errors: [error('createIndex', 1, 1, 'create unique index CONCURRENTLY users_email_key on users (lower(email));')],
    },
    {
      code: 'CREATE UNIQUE INDEX "User_email_key" ON "public"."User"("email");',
      errors: [error('createIndex', 1, 1, 'CREATE UNIQUE INDEX CONCURRENTLY "User_email_key" ON "public"."User"("email");')],
    },
    {
      code: 'CREATE INDEX ON orders USING gin (tags) WHERE deleted_at IS NULL;',
      errors: [error('createIndex', 1, 1, 'CREATE INDEX CONCURRENTLY ON orders USING gin (tags) WHERE deleted_at IS NULL;')],
    },
    // Near-misses of SELECT … INTO: the word in a string, a column alias or an INSERT INTO creates no table.
    {
      code: "SELECT 'into' AS word, id AS into_id FROM users;\nINSERT INTO users (id) SELECT 1;\nCREATE INDEX users_id_idx ON users (id);",
      errors: [
        error(
          'createIndex',
          3,
          1,
          "SELECT 'into' AS word, id AS into_id FROM users;\nINSERT INTO users (id) SELECT 1;\nCREATE INDEX CONCURRENTLY users_id_idx ON users (id);",
        ),
      ],
    },
    // A table with the same name in another schema is another table.
    {
      code: 'CREATE TABLE audit.orders (id bigint);\nCREATE INDEX orders_id_idx ON public.orders (id);',
      errors: [error('createIndex', 2, 1, 'CREATE TABLE audit.orders (id bigint);\nCREATE INDEX CONCURRENTLY orders_id_idx ON public.orders (id);')],
    },
    // Quoting matters: "Orders" is not orders.
    {
      code: 'CREATE TABLE "Orders" (id bigint);\nCREATE INDEX orders_id_idx ON orders (id);',
      errors: [error('createIndex', 2, 1, 'CREATE TABLE "Orders" (id bigint);\nCREATE INDEX CONCURRENTLY orders_id_idx ON orders (id);')],
    },
    // The statement starts after its leading comment; a multi-line statement.
    {
      code: 'SELECT 1;\n-- speed up the dashboard\nCREATE INDEX\n  orders_created_at_idx\n  ON orders (created_at);',
      errors: [error('createIndex', 3, 1, 'SELECT 1;\n-- speed up the dashboard\nCREATE INDEX CONCURRENTLY\n  orders_created_at_idx\n  ON orders (created_at);')],
    },
    { code: 'DROP INDEX orders_status_idx;', errors: [error('dropIndex', 1, 1, 'DROP INDEX CONCURRENTLY orders_status_idx;')] },
    { code: 'DROP INDEX IF EXISTS "public"."Order_status_idx";', errors: [error('dropIndex', 1, 1, 'DROP INDEX CONCURRENTLY IF EXISTS "public"."Order_status_idx";')] },
    // CONCURRENTLY takes one index and no CASCADE: flagged without a suggestion.
    { code: 'DROP INDEX a_idx, b_idx;', errors: [error('dropIndex', 1, 1, null)] },
    { code: 'DROP INDEX a_idx CASCADE;', errors: [error('dropIndex', 1, 1, null)] },
    // An index created in the file with the same name in another schema does not count.
    {
      code: 'CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\nDROP INDEX archive.t_a;',
      errors: [error('dropIndex', 3, 1, 'CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\nDROP INDEX CONCURRENTLY archive.t_a;')],
    },
    // The disable comment covers only the next line.
    {
      code: '-- eslint-disable-next-line rule-to-test/sql-require-concurrent-index\nCREATE INDEX a ON t (a);\nCREATE INDEX b ON t (b);',
      errors: [
        error('createIndex', 3, 1, '-- eslint-disable-next-line rule-to-test/sql-require-concurrent-index\nCREATE INDEX a ON t (a);\nCREATE INDEX CONCURRENTLY b ON t (b);'),
      ],
    },
    // Non-ASCII text before the statement.
    {
      code: "COMMENT ON TABLE orders IS 'Bestellungen (größte Tabelle)';\nCREATE INDEX o ON orders (a);",
      errors: [error('createIndex', 2, 1, "COMMENT ON TABLE orders IS 'Bestellungen (größte Tabelle)';\nCREATE INDEX CONCURRENTLY o ON orders (a);")],
    },
  ],
});

describe('sql-require-concurrent-index with the plugin\'s own rule name', () => {
  it('honours -- eslint-disable-next-line fortress/sql-require-concurrent-index', () => {
    const sql = '-- eslint-disable-next-line fortress/sql-require-concurrent-index\nCREATE INDEX a ON t (a);\nDROP INDEX b;';
    expect(lintSql('sql-require-concurrent-index', rule, sql).map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual([
      { ruleId: 'fortress/sql-require-concurrent-index', line: 3, column: 1 },
    ]);
  });
});

describe('sql-require-concurrent-index on malformed input', () => {
  it('a syntax error is one parsing error, no rule message', () => {
    expectSqlMalformed('sql-require-concurrent-index', rule, 'CREATE INDEX a ON t (a);\nCREATE INDEX ON (b);', { line: 2, column: 17 });
  });

  it('an index statement cut short is one parsing error', () => {
    expectSqlMalformed('sql-require-concurrent-index', rule, 'CREATE UNIQUE INDEX CONCURRENTLY');
  });
});

describe('sql-require-concurrent-index: where the suggestion inserts CONCURRENTLY', () => {
  // The keywords are matched on the raw text first; a comment among them needs the scanner's mask.
  it('after the keywords, with or without comments between them', () => {
    const suggested = (sql: string): string | undefined => {
      const [message] = lintSql('sql-require-concurrent-index', rule, sql);
      const fix = message?.suggestions?.[0]?.fix;
      return fix && sql.slice(0, fix.range[0]) + fix.text + sql.slice(fix.range[1]);
    };
    expect(suggested('CREATE UNIQUE INDEX a ON t (a);')).toBe('CREATE UNIQUE INDEX CONCURRENTLY a ON t (a);');
    expect(suggested('CREATE /* x */ UNIQUE -- y\nINDEX a ON t (a);')).toBe('CREATE /* x */ UNIQUE -- y\nINDEX CONCURRENTLY a ON t (a);');
    expect(suggested('DROP /* INDEX */ INDEX b;')).toBe('DROP /* INDEX */ INDEX CONCURRENTLY b;');
    expect(suggested('DROP INDEX"b";')).toBe('DROP INDEX CONCURRENTLY"b";');
  });
});
