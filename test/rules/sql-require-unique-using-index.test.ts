import { describe, expect, it } from 'vitest';

import rule from '../../src/sql/rules/sql-require-unique-using-index.js';
import { expectSqlMalformed, lintSql, runSqlRuleTester } from '../sql/sql-rule-tester.js';

const RULE = 'sql-require-unique-using-index';
const error = (line: number, column: number, data?: { kind: string; table: string; lock: string }) => ({ messageId: 'requireUsingIndex', line, column, ...(data ? { data } : {}) });

runSqlRuleTester(RULE, rule, {
  valid: [
    // The recipe: build the index concurrently, then attach it.
    'CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;',
    'ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx;',
    'ALTER TABLE public.users ADD PRIMARY KEY USING INDEX users_id_idx;',
    // A table this file creates (empty), qualified or not.
    'CREATE TABLE coupons (id bigint, code text);\nALTER TABLE coupons ADD CONSTRAINT coupons_pkey PRIMARY KEY (id);\nALTER TABLE coupons ADD UNIQUE (code);',
    'CREATE TABLE public.coupons (id bigint);\nALTER TABLE coupons ADD PRIMARY KEY (id);',
    // Constraints inline in CREATE TABLE.
    'CREATE TABLE tags (id bigint PRIMARY KEY, name text UNIQUE);',
    // Near-misses: other constraints (their own rules), EXCLUDE (no USING INDEX form), dropping a constraint.
    'ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;',
    'ALTER TABLE orders ADD CONSTRAINT orders_customer_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;',
    'ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);',
    'ALTER TABLE users DROP CONSTRAINT users_email_key;',
    // A unique index alone; a new column without constraints.
    'CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);\nALTER TABLE users ADD COLUMN note text;',
    '-- ALTER TABLE users ADD UNIQUE (email);\nSELECT 1;',
    '-- eslint-disable-next-line rule-to-test/sql-require-unique-using-index\nALTER TABLE users ADD UNIQUE (email);',
    '',
  ],
  invalid: [
    { code: 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);', errors: [error(1, 23, { kind: 'UNIQUE', table: 'users', lock: 'ACCESS EXCLUSIVE' })] },
    { code: 'ALTER TABLE users ADD UNIQUE (email);', errors: [error(1, 23)] },
    { code: 'ALTER TABLE users ADD PRIMARY KEY (id);', errors: [error(1, 23, { kind: 'PRIMARY KEY', table: 'users', lock: 'ACCESS EXCLUSIVE' })] },
    { code: 'ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id);', errors: [error(1, 23)] },
    { code: 'alter table users add unique nulls not distinct (email);', errors: [error(1, 23)] },
    { code: 'ALTER TABLE users ADD CONSTRAINT k UNIQUE (tenant_id, email) INCLUDE (name) DEFERRABLE;', errors: [error(1, 23)] },
    // Prisma style: quoted, schema-qualified.
    { code: 'ALTER TABLE "public"."User" ADD CONSTRAINT "User_email_key" UNIQUE ("email");', errors: [error(1, 33, { kind: 'UNIQUE', table: 'public.User', lock: 'ACCESS EXCLUSIVE' })] },
    { code: 'ALTER TABLE ONLY users ADD PRIMARY KEY (id);', errors: [error(1, 28)] },
    { code: 'ALTER TABLE IF EXISTS users ADD UNIQUE (email);', errors: [error(1, 33)] },
    // Two in one ALTER; one with USING INDEX is fine.
    { code: 'ALTER TABLE users\n  ADD CONSTRAINT a UNIQUE USING INDEX a_idx,\n  ADD CONSTRAINT b UNIQUE (b);', errors: [error(3, 7)] },
    { code: 'ALTER TABLE users ADD UNIQUE (a), ADD UNIQUE (b);', errors: [error(1, 23), error(1, 39)] },
    // Another schema's table of the same name.
    { code: 'CREATE TABLE staging.users (id int);\nALTER TABLE public.users ADD PRIMARY KEY (id);', errors: [error(2, 30)] },
  ],
});

describe(`${RULE}: disable comments and malformed input`, () => {
  it('honours -- eslint-disable-next-line fortress/<rule>', () => {
    expect(lintSql(RULE, rule, '-- eslint-disable-next-line fortress/sql-require-unique-using-index\nALTER TABLE users ADD UNIQUE (email);')).toEqual([]);
  });

  it('a syntax error is one parsing error, not a crash', () => {
    expectSqlMalformed(RULE, rule, 'ALTER TABLE users ADD UNIQUE (email);\nALTER TABLE users ADD UNIQUE USING;');
  });

  it('an unterminated identifier is one parsing error', () => {
    expectSqlMalformed(RULE, rule, 'ALTER TABLE "users ADD PRIMARY KEY (id);');
  });
});
