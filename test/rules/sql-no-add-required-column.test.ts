import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import rule from '../../src/sql/rules/sql-no-add-required-column.js';
import { expectSqlMalformed, lintSql, runSqlRuleTester } from '../sql/sql-rule-tester.js';

type MessageId = 'notNullWithoutDefault' | 'volatileDefault' | 'defaultBefore11' | 'rewritingColumn';
/** A migration set whose first file creates current_tenant() STABLE and next_ticket() without a volatility. */
const SET_FILE = fileURLToPath(new URL('../fixtures/migrations/volatility/migrations/0002_columns.sql', import.meta.url));
const pg = (postgresVersion: unknown) => ({ fortress: { postgresVersion } });
const at = (messageId: MessageId, line: number, column: number) => ({ messageId, line, column });

runSqlRuleTester('sql-no-add-required-column', rule, {
  valid: [
    // Issue 10 (documenso/documenso@75330166cc00b29c14399bc2e391e4b4d8080c00): a table emptied earlier in the file.
    'DELETE FROM "UserProfile";\nALTER TABLE "UserProfile" ADD COLUMN "userId" INTEGER NOT NULL;',
    'TRUNCATE sessions, tokens;\nALTER TABLE public.tokens ADD COLUMN expires_at timestamptz NOT NULL;',
    'TRUNCATE TABLE sessions;\nALTER TABLE sessions ADD COLUMN id bigserial;',
    // Constant and STABLE defaults are stored in the catalog (PostgreSQL 11+): instant, even NOT NULL.
    "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';",
    'ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();',
    'ALTER TABLE users ADD COLUMN seen_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP, ADD COLUMN day date NOT NULL DEFAULT CURRENT_DATE;',
    "ALTER TABLE \"public\".\"User\" ADD COLUMN \"settings\" JSONB NOT NULL DEFAULT '{}'::jsonb, ADD COLUMN \"tags\" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];",
    'ALTER TABLE users ADD COLUMN score integer DEFAULT -1 NOT NULL;',
    "ALTER TABLE users ADD COLUMN slug text NOT NULL DEFAULT lower('x' || 'y');",
    // Built-ins PostgreSQL's catalogue lists as STABLE / IMMUTABLE, qualified or not.
    "ALTER TABLE users ADD COLUMN year text DEFAULT to_char(pg_catalog.now(), 'YYYY');",
    "ALTER TABLE users ADD COLUMN tz text DEFAULT current_setting('TimeZone');",
    // A STABLE function an earlier migration of the set declares.
    { code: 'ALTER TABLE users ADD COLUMN tenant text DEFAULT current_tenant();', filename: SET_FILE },
    // PostgreSQL 11+ (the default target, and explicit ones): a constant default is instant; a NULL default always is.
    { code: "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';", settings: pg(11) },
    { code: "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';", settings: pg('16') },
    { code: 'ALTER TABLE users ADD COLUMN note text DEFAULT NULL;', settings: pg(10) },
    // An invalid setting falls back to the default target (14).
    { code: "ALTER TABLE users ADD COLUMN status text DEFAULT 'active';", settings: pg('eleven') },
    { code: "ALTER TABLE users ADD COLUMN status text DEFAULT 'active';", settings: { fortress: 'x' } },
    // Nullable without a default; a virtual generated column (PostgreSQL 18) is computed on read.
    'ALTER TABLE users ADD COLUMN nickname text;',
    'ALTER TABLE users ADD COLUMN double_id bigint GENERATED ALWAYS AS (id * 2) VIRTUAL;',
    // A function this file declares STABLE or IMMUTABLE.
    "CREATE FUNCTION default_region() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'eu' $$;\nALTER TABLE users ADD COLUMN region text NOT NULL DEFAULT default_region();",
    // Tables created in this file (earlier, qualified or not) are empty.
    'CREATE TABLE invoices (id bigint PRIMARY KEY);\nALTER TABLE invoices ADD COLUMN number bigserial, ADD COLUMN customer_id bigint NOT NULL;',
    'CREATE TABLE public.invoices (id bigint);\nALTER TABLE invoices ADD COLUMN uid uuid NOT NULL DEFAULT gen_random_uuid();',
    'CREATE TABLE "Invoice" ("id" TEXT NOT NULL);\nALTER TABLE "Invoice" ADD COLUMN "seq" INTEGER GENERATED ALWAYS AS IDENTITY;',
    // CREATE TABLE itself, and other ALTER TABLE commands.
    'CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, total bigint NOT NULL);',
    'ALTER TABLE users ALTER COLUMN uid SET DEFAULT gen_random_uuid();',
    'ALTER TABLE users DROP COLUMN legacy;',
    // Disable comments; empty and comment-only files.
    '-- eslint-disable-next-line rule-to-test/sql-no-add-required-column\nALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;',
    '',
    '/* no statements */',
  ],
  invalid: [
    // Near-misses: a DELETE with WHERE, another table emptied, emptied after the ALTER.
    { code: 'DELETE FROM "UserProfile" WHERE "userId" IS NULL;\nALTER TABLE "UserProfile" ADD COLUMN "userId" INTEGER NOT NULL;', errors: [at('notNullWithoutDefault', 2, 38)] },
    { code: 'TRUNCATE tokens;\nALTER TABLE sessions ADD COLUMN n int NOT NULL;', errors: [at('notNullWithoutDefault', 2, 33)] },
    { code: 'ALTER TABLE sessions ADD COLUMN n int NOT NULL;\nTRUNCATE sessions;', errors: [at('notNullWithoutDefault', 1, 33)] },
    { code: 'ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;', errors: [at('notNullWithoutDefault', 1, 30)] },
    { code: 'alter table users add tenant_id bigint not null default null;', errors: [at('notNullWithoutDefault', 1, 23)] },
    { code: 'ALTER TABLE ONLY public.users ADD COLUMN IF NOT EXISTS code int PRIMARY KEY;', errors: [at('notNullWithoutDefault', 1, 56)] },
    {
      code: 'ALTER TABLE "public"."Order" ADD COLUMN "publicId" UUID NOT NULL DEFAULT gen_random_uuid();',
      errors: [at('volatileDefault', 1, 41)],
    },
    // A volatile default rewrites even a nullable column; anywhere in the expression, qualified or cast.
    { code: 'ALTER TABLE users ADD COLUMN token text DEFAULT md5(random()::text);', errors: [at('volatileDefault', 1, 30)] },
    { code: 'ALTER TABLE users ADD COLUMN uid uuid DEFAULT public.uuid_generate_v4();', errors: [at('volatileDefault', 1, 30)] },
    { code: 'ALTER TABLE users ADD COLUMN at timestamptz NOT NULL DEFAULT clock_timestamp();', errors: [at('volatileDefault', 1, 30)] },
    { code: "ALTER TABLE users ADD COLUMN n bigint NOT NULL DEFAULT nextval('users_n_seq');", errors: [at('volatileDefault', 1, 30)] },
    // A function created in the file without IMMUTABLE/STABLE is VOLATILE.
    {
      code: "CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'c' $$;\nALTER TABLE users ADD COLUMN code text NOT NULL DEFAULT next_code();",
      errors: [at('volatileDefault', 2, 30)],
    },
    { code: 'ALTER TABLE orders ADD COLUMN position bigserial;', errors: [at('rewritingColumn', 1, 31)] },
    { code: 'ALTER TABLE orders ADD COLUMN n integer GENERATED BY DEFAULT AS IDENTITY;', errors: [at('rewritingColumn', 1, 31)] },
    { code: 'ALTER TABLE orders ADD COLUMN double_total bigint GENERATED ALWAYS AS (total * 2) STORED;', errors: [at('rewritingColumn', 1, 31)] },
    // Several commands: each offending column is reported where it is defined.
    {
      code: "ALTER TABLE users\n  ADD COLUMN a int NOT NULL DEFAULT 0,\n  ADD COLUMN b int NOT NULL,\n  ADD COLUMN c uuid DEFAULT gen_random_uuid();",
      errors: [at('notNullWithoutDefault', 3, 14), at('volatileDefault', 4, 14)],
    },
    // A function the set declares without a volatility (so VOLATILE), or does not declare at all: unknown is volatile.
    { code: 'ALTER TABLE users ADD COLUMN ticket text DEFAULT next_ticket();', filename: SET_FILE, errors: [at('volatileDefault', 1, 30)] },
    { code: 'ALTER TABLE users ADD COLUMN ticket text DEFAULT make_ticket();', errors: [at('volatileDefault', 1, 30)] },
    { code: 'ALTER TABLE users ADD COLUMN tenant text DEFAULT current_tenant();', errors: [at('volatileDefault', 1, 30)] },
    // pg_catalog.x is the built-in even when a same-named user function is declared STABLE; timeofday() is volatile.
    { code: 'ALTER TABLE users ADD COLUMN t text DEFAULT pg_catalog.timeofday();', errors: [at('volatileDefault', 1, 30)] },
    // Before PostgreSQL 11 every non-NULL default rewrites.
    { code: "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';", settings: pg(10), errors: [at('defaultBefore11', 1, 30)] },
    { code: 'ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now();', settings: pg(9.6), errors: [at('defaultBefore11', 1, 30)] },
    // Another schema's table of the same name is not the one created here.
    {
      code: 'CREATE TABLE staging.users (id bigint);\nALTER TABLE public.users ADD COLUMN tenant_id bigint NOT NULL;',
      errors: [at('notNullWithoutDefault', 2, 37)],
    },
    { code: "SELECT 'größe';\nALTER TABLE users ADD COLUMN x int NOT NULL;", errors: [at('notNullWithoutDefault', 2, 30)] },
  ],
});

describe('sql-no-add-required-column with the plugin\'s own rule name', () => {
  it('honours -- eslint-disable-next-line fortress/sql-no-add-required-column', () => {
    const sql = '-- eslint-disable-next-line fortress/sql-no-add-required-column\nALTER TABLE users ADD COLUMN a int NOT NULL;\nALTER TABLE users ADD COLUMN b int NOT NULL;';
    expect(lintSql('sql-no-add-required-column', rule, sql).map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual([
      { ruleId: 'fortress/sql-no-add-required-column', line: 3, column: 30 },
    ]);
  });
});

describe('sql-no-add-required-column on malformed input', () => {
  it('a syntax error is one parsing error, no rule message', () => {
    expectSqlMalformed('sql-no-add-required-column', rule, 'ALTER TABLE users ADD COLUMN a int NOT NULL;\nALTER TABLE users ADD COLUMN NOT NULL;');
  });

  it('an unterminated default string is one parsing error', () => {
    expectSqlMalformed('sql-no-add-required-column', rule, "ALTER TABLE users ADD COLUMN s text NOT NULL DEFAULT 'oops;");
  });
});
