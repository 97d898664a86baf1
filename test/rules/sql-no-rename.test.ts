import { describe, expect, it } from 'vitest';

import rule from '../../src/sql/rules/sql-no-rename.js';
import { expectSqlMalformed, lintSql, runSqlRuleTester } from '../sql/sql-rule-tester.js';

const at = (messageId: 'renameColumn' | 'renameTable', line: number, column: number) => ({ messageId, line, column });

runSqlRuleTester('sql-no-rename', rule, {
  valid: [
    // Issue 10 (formbricks/formbricks@b66c1dd978af618a0e402bd3343b456bed68594c): the column swap of a type change, the
    // column added earlier in this file, and the table swap keep every name running code reads.
    'ALTER TABLE "Key" ADD COLUMN "type_new" "KeyType";\nUPDATE "Key" SET "type_new" = \'custom\';\nALTER TABLE "Key" DROP COLUMN "type";\nALTER TABLE "Key" RENAME COLUMN "type_new" TO "type";',
    'ALTER TABLE users ADD COLUMN nick text;\nALTER TABLE users RENAME COLUMN nick TO nickname;',
    'DROP TABLE IF EXISTS "ApiKey";\nALTER TABLE "ApiKeyNew" RENAME TO "ApiKey";',
    'DROP TABLE public.api_key;\nALTER TABLE api_key_new RENAME TO api_key;',
    // Tables created in this file (earlier; qualified, quoted the same way) and their columns.
    'CREATE TABLE invoices_draft (id bigint PRIMARY KEY, num text);\nALTER TABLE invoices_draft RENAME COLUMN num TO number;\nALTER TABLE invoices_draft RENAME TO invoices;',
    'CREATE TABLE public.tmp (a int);\nALTER TABLE tmp RENAME a TO b;',
    'CREATE TABLE "Draft" ("firstName" TEXT);\nALTER TABLE "public"."Draft" RENAME COLUMN "firstName" TO "givenName";',
    // Indexes and constraints: nothing refers to their names.
    'ALTER INDEX users_email_idx RENAME TO users_email_key;',
    'ALTER TABLE users RENAME CONSTRAINT users_age_check TO users_age_positive;',
    // Views, sequences, types, schemas, SET SCHEMA: not tables or their columns.
    'ALTER VIEW active_users RENAME TO current_users;',
    'ALTER MATERIALIZED VIEW daily RENAME TO daily_totals;',
    'ALTER SEQUENCE users_id_seq RENAME TO users_pk_seq;',
    'ALTER TYPE mood RENAME VALUE \'sad\' TO \'blue\';',
    'ALTER TABLE users SET SCHEMA archive;',
    // A table rename kept compatible by a view under the old name, in the same migration.
    'ALTER TABLE customers RENAME TO clients;\nCREATE VIEW customers AS SELECT * FROM clients;',
    // Expand instead of rename.
    'ALTER TABLE users ADD COLUMN full_name text;',
    // Disable comments; empty and comment-only files.
    '-- eslint-disable-next-line rule-to-test/sql-no-rename\nALTER TABLE users RENAME COLUMN name TO full_name;',
    '',
    '-- rename later\n',
  ],
  invalid: [
    // Near-misses of the swaps: the dropped column/table is another one, another table's, or dropped after the rename.
    { code: 'ALTER TABLE users DROP COLUMN legacy;\nALTER TABLE users RENAME COLUMN name_new TO name;', errors: [at('renameColumn', 2, 1)] },
    { code: 'ALTER TABLE accounts DROP COLUMN name;\nALTER TABLE users RENAME COLUMN name_new TO name;', errors: [at('renameColumn', 2, 1)] },
    { code: 'ALTER TABLE users RENAME COLUMN name_new TO name;\nALTER TABLE users DROP COLUMN name_old;', errors: [at('renameColumn', 1, 1)] },
    { code: 'ALTER TABLE accounts ADD COLUMN nick text;\nALTER TABLE users RENAME COLUMN nick TO nickname;', errors: [at('renameColumn', 2, 1)] },
    { code: 'ALTER TABLE "ApiKeyNew" RENAME TO "ApiKey";\nDROP TABLE "ApiKeyOld";', errors: [at('renameTable', 1, 1)] },
    { code: 'DROP TABLE other.api_key;\nALTER TABLE api_key_new RENAME TO api_key;', errors: [at('renameTable', 2, 1)] },
    { code: 'ALTER TABLE users RENAME COLUMN name TO full_name;', errors: [at('renameColumn', 1, 1)] },
    { code: 'alter table users rename name to full_name;', errors: [at('renameColumn', 1, 1)] },
    { code: 'ALTER TABLE "public"."User" RENAME COLUMN "firstName" TO "givenName";', errors: [at('renameColumn', 1, 1)] },
    { code: 'ALTER TABLE IF EXISTS ONLY app.users RENAME COLUMN a TO b;', errors: [at('renameColumn', 1, 1)] },
    { code: 'ALTER TABLE customers RENAME TO clients;', errors: [at('renameTable', 1, 1)] },
    { code: 'ALTER TABLE "public"."Customer" RENAME TO "Client";', errors: [at('renameTable', 1, 1)] },
    // A view created BEFORE the rename, or under another name, does not keep the old name working.
    { code: 'CREATE VIEW v AS SELECT 1;\nALTER TABLE customers RENAME TO clients;', errors: [at('renameTable', 2, 1)] },
    { code: 'ALTER TABLE customers RENAME TO clients;\nCREATE VIEW customer_view AS SELECT * FROM clients;', errors: [at('renameTable', 1, 1)] },
    // The view keeps the table name, not a renamed column.
    { code: 'ALTER TABLE users RENAME COLUMN a TO b;\nCREATE VIEW users_v AS SELECT b AS a FROM users;', errors: [at('renameColumn', 1, 1)] },
    // Another schema's table, or other quoting, is another table.
    { code: 'CREATE TABLE staging.users (a int);\nALTER TABLE users RENAME COLUMN a TO b;', errors: [at('renameColumn', 2, 1)] },
    { code: 'CREATE TABLE "Users" (a int);\nALTER TABLE users RENAME COLUMN a TO b;', errors: [at('renameColumn', 2, 1)] },
    // After a leading comment, on a later line, after non-ASCII text.
    { code: "SELECT 'Ärger';\n-- clearer name\nALTER TABLE orders\n  RENAME COLUMN amt TO amount;", errors: [at('renameColumn', 3, 1)] },
    {
      code: 'ALTER TABLE a RENAME COLUMN x TO y;\n-- eslint-disable-next-line rule-to-test/sql-no-rename\nALTER TABLE b RENAME TO c;\nALTER TABLE d RENAME TO e;',
      errors: [at('renameColumn', 1, 1), at('renameTable', 4, 1)],
    },
  ],
});

describe('sql-no-rename with the plugin\'s own rule name', () => {
  it('honours -- eslint-disable-next-line fortress/sql-no-rename', () => {
    const sql = '-- eslint-disable-next-line fortress/sql-no-rename\nALTER TABLE a RENAME TO b;\nALTER TABLE c RENAME TO d;';
    expect(lintSql('sql-no-rename', rule, sql).map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual([
      { ruleId: 'fortress/sql-no-rename', line: 3, column: 1 },
    ]);
  });
});

describe('sql-no-rename on malformed input', () => {
  it('a syntax error is one parsing error, no rule message', () => {
    expectSqlMalformed('sql-no-rename', rule, 'ALTER TABLE a RENAME TO b;\nALTER TABLE c RENAME COLUMN TO d;');
  });

  it('a rename cut short is one parsing error', () => {
    expectSqlMalformed('sql-no-rename', rule, 'ALTER TABLE users RENAME COLUMN name');
  });
});
