import { describe, expect, it } from 'vitest';

import rule from '../../src/sql/rules/sql-no-uuid-v4-primary-key.js';
import { expectSqlErrors, expectSqlMalformed, expectSqlOk, runSqlRuleTester, lintSql } from '../sql/sql-rule-tester.js';

const RULE = 'sql-no-uuid-v4-primary-key';

runSqlRuleTester(RULE, rule, {
  valid: [
    // PostgreSQL 18 uuidv7() default.
    "CREATE TABLE orders (id uuid PRIMARY KEY DEFAULT uuidv7(), total_cents bigint NOT NULL);",
    // A non-key uuid column may default to a random UUID.
    "CREATE TABLE orders (id bigint PRIMARY KEY, public_token uuid NOT NULL DEFAULT gen_random_uuid());",
    // A unique (not primary) uuid with a random default.
    "CREATE TABLE api_keys (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, key uuid UNIQUE DEFAULT gen_random_uuid());",
    // A uuid key without a default: the application generates it (uuid v7()).
    "CREATE TABLE orders (id uuid PRIMARY KEY, total_cents bigint NOT NULL);",
    // Identity and serial keys.
    "CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, token uuid DEFAULT gen_random_uuid());",
    "CREATE TABLE legacy (id bigserial PRIMARY KEY, external_id uuid DEFAULT uuid_generate_v4());",
    // Extension v7 generators and look-alike names.
    "CREATE TABLE a (id uuid PRIMARY KEY DEFAULT uuid_generate_v7());",
    "CREATE TABLE b (id uuid PRIMARY KEY DEFAULT app.gen_random_uuid_v7());",
    // The table-level key is another column.
    "CREATE TABLE c (id bigint, token uuid DEFAULT gen_random_uuid(), PRIMARY KEY (id));",
    // ADD PRIMARY KEY over a column without the random default.
    "CREATE TABLE d (token uuid DEFAULT gen_random_uuid(), id bigint NOT NULL);\nALTER TABLE d ADD PRIMARY KEY (id);",
    // The random default is dropped before the column becomes the key.
    "CREATE TABLE e (id uuid NOT NULL DEFAULT gen_random_uuid());\nALTER TABLE e ALTER COLUMN id DROP DEFAULT;\nALTER TABLE e ADD PRIMARY KEY (id);",
    // SET DEFAULT gen_random_uuid() on a non-key column of a table created here.
    "CREATE TABLE f (id uuid PRIMARY KEY, token uuid);\nALTER TABLE f ALTER COLUMN token SET DEFAULT gen_random_uuid();",
    // SET DEFAULT on a table of an earlier migration: whether id is the key is not knowable from this file.
    "ALTER TABLE users ALTER COLUMN id SET DEFAULT gen_random_uuid();",
    // A text key (not uuid-typed) is out of scope.
    "CREATE TABLE g (id text PRIMARY KEY DEFAULT gen_random_uuid()::text);",
    // In a comment only.
    "-- id uuid PRIMARY KEY DEFAULT gen_random_uuid()\nCREATE TABLE h (id uuid PRIMARY KEY DEFAULT uuidv7());",
    // Same column name, different table.
    "CREATE TABLE i (id uuid PRIMARY KEY);\nCREATE TABLE j (id uuid DEFAULT gen_random_uuid(), n int);\nALTER TABLE i ALTER COLUMN id SET DEFAULT uuidv7();",
    // The RuleTester names the rule rule-to-test/<name>: a disable comment for it.
    "-- eslint-disable-next-line rule-to-test/sql-no-uuid-v4-primary-key\nCREATE TABLE k (id uuid PRIMARY KEY DEFAULT gen_random_uuid());",
    // Empty and comment-only files.
    "",
    "-- nothing here yet\n",
  ],
  invalid: [
    // Column-level key, gen_random_uuid().
    { code: "CREATE TABLE orders (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), total_cents bigint);", errors: [{ messageId: 'noUuidV4PrimaryKey', line: 1, column: 42 }] },
    // uuid_generate_v4() (uuid-ossp), lower case.
    { code: "create table orders (id uuid default uuid_generate_v4() primary key);", errors: [{ messageId: 'noUuidV4PrimaryKey', line: 1, column: 30 }] },
    // Schema-qualified generators.
    { code: "CREATE TABLE orders (id uuid PRIMARY KEY DEFAULT public.gen_random_uuid());", errors: [{ messageId: 'noUuidV4PrimaryKey', line: 1, column: 42 }] },
    { code: "CREATE TABLE orders (id pg_catalog.uuid PRIMARY KEY DEFAULT extensions.uuid_generate_v4());", errors: [{ messageId: 'noUuidV4PrimaryKey', line: 1, column: 53 }] },
    // With a cast, upper-case function name.
    { code: "CREATE TABLE orders (id UUID PRIMARY KEY DEFAULT GEN_RANDOM_UUID()::uuid);", errors: [{ messageId: 'noUuidV4PrimaryKey', line: 1, column: 42 }] },
    // Quoted names, and names spelled with Unicode escapes (the file's text never shows the name's letters).
    { code: 'CREATE TABLE orders (id uuid PRIMARY KEY DEFAULT "gen_random_uuid"());', errors: [{ messageId: 'noUuidV4PrimaryKey', line: 1, column: 42 }] },
    { code: 'CREATE TABLE orders (id uuid PRIMARY KEY DEFAULT U&"gen\\005frandom_uuid"());', errors: [{ messageId: 'noUuidV4PrimaryKey', line: 1, column: 42 }] },
    { code: 'CREATE TABLE orders (id uuid PRIMARY KEY DEFAULT u&"uuid\\005fgenerate\\005fv4"());', errors: [{ messageId: 'noUuidV4PrimaryKey', line: 1, column: 42 }] },
    // Table-level PRIMARY KEY (Prisma style, quoted, multi-line).
    { code: "CREATE TABLE \"Invoice\" (\n    \"id\" UUID NOT NULL DEFAULT gen_random_uuid(),\n    \"total\" INTEGER NOT NULL,\n\n    CONSTRAINT \"Invoice_pkey\" PRIMARY KEY (\"id\")\n);", errors: [{ messageId: 'noUuidV4PrimaryKey', line: 2, column: 24 }] },
    // Composite key including a random uuid.
    { code: "CREATE TABLE app.memberships (\n  tenant_id bigint NOT NULL,\n  id uuid NOT NULL DEFAULT gen_random_uuid(),\n  PRIMARY KEY (tenant_id, id)\n);", errors: [{ messageId: 'noUuidV4PrimaryKey', line: 3, column: 20 }] },
    // ADD COLUMN … PRIMARY KEY on an existing table.
    { code: "ALTER TABLE users ADD COLUMN id uuid PRIMARY KEY DEFAULT gen_random_uuid();", errors: [{ messageId: 'noUuidV4PrimaryKey', line: 1, column: 50 }] },
    // ADD PRIMARY KEY later in the file: reported at the PRIMARY KEY clause.
    { code: "CREATE TABLE payments (id uuid NOT NULL DEFAULT gen_random_uuid(), cents bigint);\nALTER TABLE payments ADD CONSTRAINT payments_pkey PRIMARY KEY (id);", errors: [{ messageId: 'noUuidV4PrimaryKey', line: 2, column: 26 }] },
    // ADD COLUMN and ADD PRIMARY KEY in one statement.
    { code: "ALTER TABLE users ADD COLUMN uid uuid NOT NULL DEFAULT gen_random_uuid(), ADD PRIMARY KEY (uid);", errors: [{ messageId: 'noUuidV4PrimaryKey', line: 1, column: 79 }] },
    // SET DEFAULT on a key declared in this file: reported at the function.
    { code: "CREATE TABLE refunds (id uuid PRIMARY KEY, cents bigint);\nALTER TABLE refunds ALTER COLUMN id SET DEFAULT gen_random_uuid();", errors: [{ messageId: 'noUuidV4PrimaryKey', line: 2, column: 49 }] },
    // public.x and x are the same table.
    { code: "CREATE TABLE public.carts (id uuid NOT NULL DEFAULT uuid_generate_v4());\nALTER TABLE carts ADD PRIMARY KEY (id);", errors: [{ messageId: 'noUuidV4PrimaryKey', line: 2, column: 23 }] },
    // Two tables: one finding each.
    { code: "CREATE TABLE a (id uuid PRIMARY KEY DEFAULT gen_random_uuid());\nCREATE TABLE b (id uuid PRIMARY KEY DEFAULT uuidv7());\nCREATE TABLE c (id uuid PRIMARY KEY DEFAULT gen_random_uuid());", errors: [{ messageId: 'noUuidV4PrimaryKey', line: 1, column: 37 }, { messageId: 'noUuidV4PrimaryKey', line: 3, column: 37 }] },
    // Statements after a non-ASCII literal keep their columns (byte offsets converted).
    { code: "-- a note\nINSERT INTO notes VALUES ('d\u00e9j\u00e0 vu');\nCREATE TABLE \u00fc (id uuid PRIMARY KEY DEFAULT gen_random_uuid());", errors: [{ messageId: 'noUuidV4PrimaryKey', line: 3, column: 37 }] },
    // CREATE TABLE IF NOT EXISTS.
    { code: "CREATE TABLE IF NOT EXISTS sessions (\n  id uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY\n);", errors: [{ messageId: 'noUuidV4PrimaryKey', line: 2, column: 11 }] },
  ],
});

describe(`${RULE} with fortress/ disable comments and malformed input`, () => {
  const lintAsFortress = (sql: string) => lintSql(RULE, rule, sql);

  it('-- eslint-disable-next-line fortress/<rule> hides the finding', () => {
    const sql = 'CREATE TABLE orders (\n  -- eslint-disable-next-line fortress/sql-no-uuid-v4-primary-key -- legacy key\n  id uuid PRIMARY KEY DEFAULT gen_random_uuid()\n);';
    expect(lintAsFortress(sql)).toEqual([]);
    expect(lintAsFortress(sql.replace('-- eslint-disable-next-line fortress/sql-no-uuid-v4-primary-key -- legacy key', ''))).toHaveLength(1);
  });

  it('expectSqlOk / expectSqlErrors agree with the RuleTester', () => {
    expectSqlOk(RULE, rule, 'CREATE TABLE t (id uuid PRIMARY KEY DEFAULT uuidv7());');
    expectSqlErrors(RULE, rule, 'CREATE TABLE t (id uuid PRIMARY KEY DEFAULT gen_random_uuid());', [{ messageId: 'noUuidV4PrimaryKey', line: 1, column: 37 }]);
  });

  it("a syntax error after a flagged key is one parsing error, not a crash", () => {
    expectSqlMalformed(RULE, rule, "CREATE TABLE a (id uuid PRIMARY KEY DEFAULT gen_random_uuid());\nCREATE TABLE b (id uuid PRIMARY KEY DEFAULT);");
  });

  it("an unterminated statement is one parsing error", () => {
    expectSqlMalformed(RULE, rule, "CREATE TABLE a (id uuid PRIMARY KEY DEFAULT gen_random_uuid()");
  });

});
