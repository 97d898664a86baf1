import { describe, expect, it } from 'vitest';

import rule from '../../src/sql/rules/sql-require-not-valid.js';
import { expectSqlErrors, expectSqlMalformed, expectSqlOk, runSqlRuleTester, lintSql } from '../sql/sql-rule-tester.js';

const RULE = 'sql-require-not-valid';

runSqlRuleTester(RULE, rule, {
  valid: [
    // NOT VALID present.
    "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;",
    "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total_cents >= 0) NOT VALID;",
    "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID;",
    // Validating later is the second half of the recipe.
    "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;",
    // A table created earlier in the same file is not existing.
    "CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint NOT NULL, cents bigint);\nALTER TABLE refunds ADD CONSTRAINT refunds_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id);\nALTER TABLE refunds ADD CONSTRAINT refunds_cents_check CHECK (cents > 0);",
    // Prisma: quoted, schema-qualified CREATE, unqualified ALTER (public.x is x).
    "CREATE TABLE \"public\".\"Post\" (\"id\" SERIAL NOT NULL, \"authorId\" INTEGER NOT NULL, CONSTRAINT \"Post_pkey\" PRIMARY KEY (\"id\"));\nALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\"(\"id\") ON DELETE RESTRICT ON UPDATE CASCADE;",
    // A column with REFERENCES added to a table created here.
    "CREATE TABLE carts (id bigint PRIMARY KEY);\nALTER TABLE carts ADD COLUMN user_id bigint REFERENCES users (id);",
    // UNIQUE, PRIMARY KEY and EXCLUDE build an index: other rules.
    "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
    "ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx;",
    "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);",
    // PostgreSQL 18 NOT ENFORCED never scans.
    "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT ENFORCED;",
    // Constraints inline in CREATE TABLE.
    "CREATE TABLE line_items (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id), qty int CHECK (qty > 0));",
    // A new column without constraints; NOT NULL and DEFAULT are other rules.
    "ALTER TABLE orders ADD COLUMN note text, ALTER COLUMN total_cents SET DEFAULT 0;",
    // In a comment only.
    "-- ALTER TABLE orders ADD CONSTRAINT c CHECK (x > 0);\nSELECT 1;",
    // Disable comment (RuleTester rule name).
    "-- eslint-disable-next-line rule-to-test/sql-require-not-valid\nALTER TABLE orders ADD CHECK (total_cents >= 0);",
    // Empty file.
    "",
    // VALIDATE after a COMMIT (or ROLLBACK) that ends the NOT VALID add's transaction.
    "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\nCOMMIT;\nBEGIN;\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;",
    "BEGIN;\nALTER TABLE orders ADD CONSTRAINT c CHECK (total_cents >= 0) NOT VALID;\nEND;\nALTER TABLE orders VALIDATE CONSTRAINT c;",
    // VALIDATE of another constraint, or of the same name on another table (or schema, or quoted case).
    "ALTER TABLE orders ADD CONSTRAINT c CHECK (total_cents >= 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT d;",
    "ALTER TABLE orders ADD CONSTRAINT c CHECK (total_cents >= 0) NOT VALID;\nALTER TABLE invoices VALIDATE CONSTRAINT c;",
    "ALTER TABLE orders ADD CONSTRAINT c CHECK (total_cents >= 0) NOT VALID;\nALTER TABLE archive.orders VALIDATE CONSTRAINT c;",
    "ALTER TABLE orders ADD CONSTRAINT c CHECK (total_cents >= 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT \"C\";",
    // VALIDATE before the add (a constraint added NOT VALID by an earlier migration), and on a table created here.
    "ALTER TABLE orders VALIDATE CONSTRAINT c;\nALTER TABLE orders ADD CONSTRAINT c2 CHECK (total_cents >= 0) NOT VALID;",
    "CREATE TABLE refunds (id bigint PRIMARY KEY, cents bigint);\nALTER TABLE refunds ADD CONSTRAINT refunds_cents_check CHECK (cents > 0) NOT VALID;\nALTER TABLE refunds VALIDATE CONSTRAINT refunds_cents_check;",
  ],
  invalid: [
    // Named foreign key.
    { code: "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);", errors: [{ messageId: 'requireNotValid', line: 1, column: 24 }] },
    // Unnamed foreign key.
    { code: "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);", errors: [{ messageId: 'requireNotValid', line: 1, column: 24 }] },
    // Named and unnamed CHECK.
    { code: "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total_cents >= 0);", errors: [{ messageId: 'requireNotValid', line: 1, column: 24 }] },
    { code: "alter table orders add check (total_cents >= 0);", errors: [{ messageId: 'requireNotValid', line: 1, column: 24 }] },
    // Prisma style, quoted and schema-qualified, multi-line.
    { code: "ALTER TABLE \"public\".\"Post\"\n  ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"public\".\"User\"(\"id\")\n  ON DELETE RESTRICT ON UPDATE CASCADE;", errors: [{ messageId: 'requireNotValid', line: 2, column: 7 }] },
    // ONLY and IF EXISTS.
    { code: "ALTER TABLE ONLY orders ADD CONSTRAINT c CHECK (total_cents >= 0);", errors: [{ messageId: 'requireNotValid', line: 1, column: 29 }] },
    { code: "ALTER TABLE IF EXISTS orders ADD CONSTRAINT f FOREIGN KEY (customer_id) REFERENCES customers (id) DEFERRABLE INITIALLY DEFERRED;", errors: [{ messageId: 'requireNotValid', line: 1, column: 34 }] },
    // Two constraints in one ALTER: only the one without NOT VALID.
    { code: "ALTER TABLE orders\n  ADD CONSTRAINT a CHECK (total_cents >= 0) NOT VALID,\n  ADD CONSTRAINT b CHECK (tax_cents >= 0);", errors: [{ messageId: 'requireNotValid', line: 3, column: 7 }] },
    // A constraint on a new column is validated too.
    { code: "ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);", errors: [{ messageId: 'columnConstraint', line: 1, column: 48 }] },
    { code: "ALTER TABLE orders ADD COLUMN discount int CONSTRAINT discount_positive CHECK (discount > 0);", errors: [{ messageId: 'columnConstraint', line: 1, column: 44 }] },
    // Another table was created in the file, not this one.
    { code: "CREATE TABLE coupons (id bigint PRIMARY KEY);\nALTER TABLE orders ADD CONSTRAINT orders_coupon_fkey FOREIGN KEY (coupon_id) REFERENCES coupons (id);", errors: [{ messageId: 'requireNotValid', line: 2, column: 24 }] },
    // "Orders" (quoted) is not orders.
    { code: "CREATE TABLE \"Orders\" (id int);\nALTER TABLE orders ADD CHECK (id > 0);", errors: [{ messageId: 'requireNotValid', line: 2, column: 24 }] },
    // app.orders is not orders.
    { code: "CREATE TABLE app.orders (id int);\nALTER TABLE orders ADD CHECK (id > 0);", errors: [{ messageId: 'requireNotValid', line: 2, column: 24 }] },
    // VALIDATE in the same file (one transaction under Prisma, drizzle-kit and most runners) as the NOT VALID add.
    {
      code: "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;",
      errors: [{ messageId: 'validateInSameTransaction', line: 2, column: 1, data: { name: 'orders_customer_id_fkey', line: '1', lock: 'SHARE ROW EXCLUSIVE', table: 'orders' } }],
    },
    // Explicit BEGIN … COMMIT around both; a CHECK's add holds ACCESS EXCLUSIVE (reads wait too).
    {
      code: "BEGIN;\nALTER TABLE public.orders ADD CONSTRAINT orders_total_check CHECK (total_cents >= 0) NOT VALID;\nSELECT 1;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;\nCOMMIT;",
      errors: [{ messageId: 'validateInSameTransaction', line: 4, column: 1, data: { name: 'orders_total_check', line: '2', lock: 'ACCESS EXCLUSIVE', table: 'orders' } }],
    },
    // A COMMIT before the add does not separate them; a new transaction after COMMIT with both in it is flagged too.
    {
      code: "COMMIT;\nBEGIN;\nALTER TABLE \"Order\" ADD CONSTRAINT \"Order_check\" CHECK (\"total\" > 0) NOT VALID;\nALTER TABLE \"Order\" VALIDATE CONSTRAINT \"Order_check\";",
      errors: [{ messageId: 'validateInSameTransaction', line: 4, column: 1 }],
    },
    // Each offending statement is reported.
    { code: "ALTER TABLE a ADD CHECK (x > 0);\nALTER TABLE b ADD FOREIGN KEY (a_id) REFERENCES a (id);", errors: [{ messageId: 'requireNotValid', line: 1, column: 19 }, { messageId: 'requireNotValid', line: 2, column: 19 }] },
  ],
});

describe(`${RULE} with fortress/ disable comments and malformed input`, () => {
  const lintAsFortress = (sql: string) => lintSql(RULE, rule, sql);

  it('-- eslint-disable-next-line fortress/<rule> hides the finding', () => {
    const sql = '-- eslint-disable-next-line fortress/sql-require-not-valid -- small lookup table\nALTER TABLE countries ADD CHECK (code <> \'\');';
    expect(lintAsFortress(sql)).toEqual([]);
    expect(lintAsFortress(sql.replace('fortress/sql-require-not-valid', 'fortress/sql-no-offset')).filter((message) => message.ruleId === `fortress/${RULE}`)).toHaveLength(1);
  });

  it('expectSqlOk / expectSqlErrors agree with the RuleTester', () => {
    expectSqlOk(RULE, rule, 'ALTER TABLE t ADD CHECK (x > 0) NOT VALID;');
    expectSqlErrors(RULE, rule, 'ALTER TABLE t ADD CHECK (x > 0);', [{ messageId: 'requireNotValid', line: 1, column: 19 }]);
  });

  it("a syntax error is one parsing error, not a crash", () => {
    expectSqlMalformed(RULE, rule, "ALTER TABLE orders ADD CONSTRAINT c CHECK (x > 0);\nALTER TABLE orders ADD CONSTRAINT CHECK;");
  });

  it("a truncated statement is one parsing error", () => {
    expectSqlMalformed(RULE, rule, "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES");
  });

});
