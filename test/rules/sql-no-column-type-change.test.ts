import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { isMetadataOnlyTypeChange } from '../../src/sql/migration-helpers.js';
import rule from '../../src/sql/rules/sql-no-column-type-change.js';
import { expectSqlMalformed, lintSql, runSqlRuleTester } from '../sql/sql-rule-tester.js';

const typeChange = (line: number, column: number) => ({ messageId: 'typeChange', line, column });

runSqlRuleTester('sql-no-column-type-change', rule, {
  valid: [
    // A table created in the same file (earlier, qualified or quoted the same way) is empty.
    'CREATE TABLE invoices (id integer PRIMARY KEY, total integer);\nALTER TABLE invoices ALTER COLUMN total TYPE bigint;',
    'CREATE TABLE public.invoices (id integer);\nALTER TABLE invoices ALTER COLUMN id SET DATA TYPE bigint;',
    'CREATE TABLE "Invoice" ("id" INTEGER NOT NULL);\nALTER TABLE "public"."Invoice" ALTER COLUMN "id" SET DATA TYPE BIGINT;',
    'CREATE TABLE events AS SELECT 1 AS id;\nALTER TABLE events ALTER COLUMN id TYPE bigint;',
    // Other column commands.
    'ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
    "ALTER TABLE users ALTER COLUMN status SET DEFAULT 'active';",
    'ALTER TABLE users ALTER COLUMN total SET STATISTICS 500;',
    'ALTER TABLE users ADD COLUMN total_v2 bigint;',
    // Not a table.
    'ALTER TYPE mood ADD VALUE \'meh\';',
    'ALTER DOMAIN positive_int SET DEFAULT 1;',
    // Disable comments; empty and comment-only files.
    '-- eslint-disable-next-line rule-to-test/sql-no-column-type-change\nALTER TABLE users ALTER COLUMN id TYPE bigint;',
    '',
    '-- TODO: widen orders.total\n',
  ],
  invalid: [
    { code: 'ALTER TABLE orders ALTER COLUMN total TYPE bigint;', errors: [typeChange(1, 33)] },
    { code: 'alter table orders alter total type numeric(12,2);', errors: [typeChange(1, 26)] },
    { code: 'ALTER TABLE "public"."Order" ALTER COLUMN "total" SET DATA TYPE BIGINT;', errors: [typeChange(1, 43)] },
    { code: 'ALTER TABLE ONLY orders ALTER COLUMN id TYPE bigint USING id::bigint;', errors: [typeChange(1, 38)] },
    { code: 'ALTER TABLE IF EXISTS app.orders ALTER COLUMN payload TYPE jsonb USING payload::jsonb;', errors: [typeChange(1, 47)] },
    // Without the earlier migrations, even a varchar change may be a narrowing: flagged.
    { code: 'ALTER TABLE users ALTER COLUMN email TYPE varchar(320);', errors: [typeChange(1, 32)] },
    { code: 'ALTER TABLE users ALTER COLUMN email TYPE text;', errors: [typeChange(1, 32)] },
    { code: 'ALTER TABLE users ALTER COLUMN name TYPE text COLLATE "C";', errors: [typeChange(1, 32)] },
    { code: 'ALTER TABLE users ALTER COLUMN created_at TYPE timestamptz;', errors: [typeChange(1, 32)] },
    // Several commands; each type change is reported at its column.
    {
      code: 'ALTER TABLE orders\n  ALTER COLUMN id TYPE bigint,\n  ALTER COLUMN customer_id TYPE bigint,\n  ALTER COLUMN note SET NOT NULL;',
      errors: [typeChange(2, 16), typeChange(3, 16)],
    },
    // A same-named table in another schema, or with other quoting, is another table.
    { code: 'CREATE TABLE staging.orders (id int);\nALTER TABLE orders ALTER COLUMN id TYPE bigint;', errors: [typeChange(2, 33)] },
    { code: 'CREATE TABLE "Orders" (id int);\nALTER TABLE orders ALTER COLUMN id TYPE bigint;', errors: [typeChange(2, 33)] },
    { code: "SELECT 'ñ';\nALTER TABLE orders ALTER COLUMN id TYPE bigint;", errors: [typeChange(2, 33)] },
  ],
});

describe('sql-no-column-type-change with the earlier migrations of the set', () => {
  // test/fixtures/docs-examples/type-change/migrations/0001_init.sql creates users and "Order".
  const file = fileURLToPath(new URL('../fixtures/docs-examples/type-change/migrations/0002_change.sql', import.meta.url));
  const lint = (sql: string) => lintSql('sql-no-column-type-change', rule, sql, undefined, file).map(({ messageId, line, column }) => ({ messageId, line, column }));

  it('lets metadata-only changes pass: varchar widening, varchar → text, text → varchar, numeric widening, cidr → inet', () => {
    expect(
      lint(
        [
          'ALTER TABLE users ALTER COLUMN email TYPE varchar(320);',
          'ALTER TABLE public.users ALTER COLUMN email TYPE text, ALTER COLUMN name TYPE varchar;',
          'ALTER TABLE users ALTER COLUMN price TYPE numeric(14,2), ALTER COLUMN net TYPE inet;',
          'ALTER TABLE "Order" ALTER COLUMN "note" SET DATA TYPE VARCHAR(255);',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('still flags rewrites: narrowing, char → varchar, a new scale, a USING clause, an unknown column', () => {
    expect(
      lint(
        [
          'ALTER TABLE users ALTER COLUMN email TYPE varchar(50);',
          'ALTER TABLE users ALTER COLUMN code TYPE varchar(10);',
          'ALTER TABLE users ALTER COLUMN price TYPE numeric(14,3);',
          'ALTER TABLE users ALTER COLUMN email TYPE varchar(320) USING lower(email);',
          'ALTER TABLE users ALTER COLUMN missing TYPE text;',
          'ALTER TABLE users ALTER COLUMN id TYPE bigint;',
        ].join('\n'),
      ),
    ).toEqual([1, 2, 3, 4, 5, 6].map((line) => typeChange(line, 32)));
  });
});

describe('isMetadataOnlyTypeChange (verified against PostgreSQL 15: relfilenode unchanged)', () => {
  it.each([
    ['character varying(10)', 'character varying(20)', true],
    ['character varying(20)', 'character varying(10)', false],
    ['character varying(10)', 'text', true],
    ['character varying(10)', 'character varying', true],
    ['text', 'character varying', true],
    ['text', 'character varying(10)', false],
    ['character(10)', 'text', false],
    ['numeric(10,2)', 'numeric(12,2)', true],
    ['numeric(10,2)', 'numeric(12,3)', false],
    ['numeric(10,2)', 'numeric', true],
    ['bit varying(5)', 'bit varying(10)', true],
    ['integer', 'bigint', false],
    ['json', 'jsonb', false],
    ['cidr', 'inet', true],
  ])('%s → %s: %s', (before, after, expected) => {
    expect(isMetadataOnlyTypeChange(before, after)).toBe(expected);
  });
});

describe('sql-no-column-type-change with the plugin\'s own rule name', () => {
  it('honours -- eslint-disable-next-line fortress/sql-no-column-type-change', () => {
    const sql = '-- eslint-disable-next-line fortress/sql-no-column-type-change\nALTER TABLE t ALTER COLUMN a TYPE bigint;\nALTER TABLE t ALTER COLUMN b TYPE bigint;';
    expect(lintSql('sql-no-column-type-change', rule, sql).map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual([
      { ruleId: 'fortress/sql-no-column-type-change', line: 3, column: 28 },
    ]);
  });
});

describe('sql-no-column-type-change on malformed input', () => {
  it('a syntax error is one parsing error, no rule message', () => {
    expectSqlMalformed('sql-no-column-type-change', rule, 'ALTER TABLE t ALTER COLUMN a TYPE bigint;\nALTER TABLE t ALTER COLUMN a TYPE;');
  });

  it('a missing closing parenthesis is one parsing error', () => {
    expectSqlMalformed('sql-no-column-type-change', rule, 'ALTER TABLE t ALTER COLUMN a TYPE numeric(12,2;');
  });
});
