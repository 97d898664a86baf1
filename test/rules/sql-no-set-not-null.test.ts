import { describe, expect, it } from 'vitest';

import { keywordOffsets } from '../../src/sql/constraint-helpers.js';
import rule from '../../src/sql/rules/sql-no-set-not-null.js';
import { expectSqlErrors, expectSqlMalformed, expectSqlOk, runSqlRuleTester, lintSql } from '../sql/sql-rule-tester.js';

const RULE = 'sql-no-set-not-null';

runSqlRuleTester(RULE, rule, {
  valid: [
    // A table created earlier in the same file.
    "CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint);\nALTER TABLE sessions ALTER COLUMN user_id SET NOT NULL;",
    // The safe recipe in one file: CHECK … NOT VALID, VALIDATE, SET NOT NULL, DROP the check.
    "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users DROP CONSTRAINT users_email_not_null;",
    // Quoted identifiers (Prisma), schema-qualified once.
    "ALTER TABLE \"public\".\"User\" ADD CONSTRAINT \"User_email_nn\" CHECK (\"email\" IS NOT NULL) NOT VALID;\nALTER TABLE \"User\" VALIDATE CONSTRAINT \"User_email_nn\";\nALTER TABLE \"User\" ALTER COLUMN \"email\" SET NOT NULL;",
    // A check added without NOT VALID is validated at once (sql-require-not-valid flags that one).
    "ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
    // IS NOT NULL as a conjunct; a table-qualified column reference.
    "ALTER TABLE users ADD CONSTRAINT users_email_ok CHECK (email IS NOT NULL AND email <> '') NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_ok;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
    "ALTER TABLE users ADD CONSTRAINT c CHECK (users.email IS NOT NULL);\nALTER TABLE users ALTER email SET NOT NULL;",
    // An unnamed check gets Postgres's name <table>_<column>_check.
    "ALTER TABLE users ADD CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_check;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
    // PostgreSQL 18: NOT NULL constraints with NOT VALID, validated later.
    "ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email NOT VALID;",
    "ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
    // DROP NOT NULL; ADD COLUMN … NOT NULL is sql-no-add-required-column.
    "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;",
    "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';",
    // In a comment only.
    "-- ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nSELECT 1;",
    // Disable comment (RuleTester rule name).
    "-- eslint-disable-next-line rule-to-test/sql-no-set-not-null\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
    // Empty file.
    "",
  ],
  invalid: [
    // Plain SET NOT NULL, reported at SET NOT NULL.
    { code: "ALTER TABLE users ALTER COLUMN email SET NOT NULL;", errors: [{ messageId: 'noSetNotNull', line: 1, column: 38 }] },
    // Without COLUMN, lower case, spread over lines.
    { code: "alter table users\n  alter email\n  set   not null;", errors: [{ messageId: 'noSetNotNull', line: 3, column: 3 }] },
    // Two columns: two findings.
    { code: "ALTER TABLE users ALTER COLUMN email SET NOT NULL, ALTER COLUMN name SET NOT NULL;", errors: [{ messageId: 'noSetNotNull', line: 1, column: 38 }, { messageId: 'noSetNotNull', line: 1, column: 70 }] },
    // A "SET NOT NULL" in a comment inside the statement does not shift the position.
    { code: "ALTER TABLE users /* SET NOT NULL later */ ALTER COLUMN email DROP DEFAULT, ALTER COLUMN email SET NOT NULL;", errors: [{ messageId: 'noSetNotNull', line: 1, column: 96 }] },
    // Quoted, schema-qualified, ONLY, IF EXISTS.
    { code: "ALTER TABLE IF EXISTS ONLY \"public\".\"User\" ALTER COLUMN \"email\" SET NOT NULL;", errors: [{ messageId: 'noSetNotNull', line: 1, column: 65 }] },
    // The validated check is for another column.
    { code: "ALTER TABLE \"User\" ADD CONSTRAINT \"User_name_nn\" CHECK (\"name\" IS NOT NULL) NOT VALID;\nALTER TABLE \"User\" VALIDATE CONSTRAINT \"User_name_nn\";\nALTER TABLE \"User\" ALTER COLUMN \"email\" SET NOT NULL;", errors: [{ messageId: 'noSetNotNull', line: 3, column: 41 }] },
    // The check is added NOT VALID but never validated.
    { code: "ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;", errors: [{ messageId: 'noSetNotNull', line: 2, column: 38 }] },
    // Validated after the SET NOT NULL: too late.
    { code: "ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users VALIDATE CONSTRAINT users_email_nn;", errors: [{ messageId: 'noSetNotNull', line: 2, column: 38 }] },
    // The validated check is on another table.
    { code: "ALTER TABLE accounts ADD CONSTRAINT accounts_email_nn CHECK (email IS NOT NULL);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;", errors: [{ messageId: 'noSetNotNull', line: 2, column: 38 }] },
    // A check that does not prove NOT NULL (OR, IS NULL).
    { code: "ALTER TABLE users ADD CONSTRAINT users_email_shape CHECK (email IS NULL OR email LIKE '%@%');\nALTER TABLE users ALTER COLUMN email SET NOT NULL;", errors: [{ messageId: 'noSetNotNull', line: 2, column: 38 }] },
    // VALIDATE of another constraint name.
    { code: "ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_check;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;", errors: [{ messageId: 'noSetNotNull', line: 3, column: 38 }] },
    // Another table created in the file.
    { code: "CREATE TABLE audit (id int);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;", errors: [{ messageId: 'noSetNotNull', line: 2, column: 38 }] },
    // PostgreSQL 18 ADD CONSTRAINT … NOT NULL without NOT VALID.
    { code: "ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email;", errors: [{ messageId: 'noAddNotNull', line: 1, column: 23 }] },
    // Positions where the statement is not plain ASCII words, so the scanner locates SET NOT NULL: a number run into
    // letters, a dollar-quoted "SET NOT NULL", a non-ASCII identifier.
    { code: "ALTER TABLE users ALTER COLUMN score SET DEFAULT 1.5e3, ALTER COLUMN email SET NOT NULL;", errors: [{ messageId: 'noSetNotNull', line: 1, column: 76 }] },
    { code: "ALTER TABLE users ALTER COLUMN note SET DEFAULT $$SET NOT NULL$$, ALTER COLUMN email SET NOT NULL;", errors: [{ messageId: 'noSetNotNull', line: 1, column: 86 }] },
    { code: "ALTER TABLE users ALTER COLUMN \u00e9mail SET NOT NULL;", errors: [{ messageId: 'noSetNotNull', line: 1, column: 38 }] },
    // CRLF line ends, and a statement after others: lines and columns counted from the statement's start.
    { code: "ALTER TABLE users\r\n  ALTER COLUMN email\r\n  SET NOT NULL;", errors: [{ messageId: 'noSetNotNull', line: 3, column: 3 }] },
    {
      code: "SELECT 1;\n\nALTER TABLE users ALTER COLUMN note SET DEFAULT 'x',\n  ALTER COLUMN email SET NOT NULL,\n  ALTER COLUMN name SET NOT NULL;",
      errors: [{ messageId: 'noSetNotNull', line: 4, column: 22 }, { messageId: 'noSetNotNull', line: 5, column: 21 }],
    },
  ],
});

describe(`${RULE} with fortress/ disable comments and malformed input`, () => {
  const lintAsFortress = (sql: string) => lintSql(RULE, rule, sql);

  it('-- eslint-disable-next-line fortress/<rule> hides the finding', () => {
    const sql = 'ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\n-- eslint-disable-next-line fortress/sql-no-set-not-null -- validated in 0002\nALTER TABLE users ALTER COLUMN email SET NOT NULL;';
    expect(lintAsFortress(sql)).toEqual([]);
    expect(lintAsFortress(sql.replace('fortress/sql-no-set-not-null', 'fortress/sql-no-offset')).filter((message) => message.ruleId === `fortress/${RULE}`)).toHaveLength(1);
  });

  it('expectSqlOk / expectSqlErrors agree with the RuleTester', () => {
    expectSqlOk(RULE, rule, 'ALTER TABLE t ALTER COLUMN c DROP NOT NULL;');
    expectSqlErrors(RULE, rule, 'ALTER TABLE t ALTER COLUMN c SET NOT NULL;', [{ messageId: 'noSetNotNull', line: 1, column: 30 }]);
  });

  it("a syntax error is one parsing error, not a crash", () => {
    expectSqlMalformed(RULE, rule, "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users ALTER COLUMN SET NOT NULL;");
  });

  it('keywordOffsets finds the same offsets with and without the scanner', () => {
    const SET_NOT_NULL = /\bSET\s+NOT\s+NULL\b/gi;
    // Plain ASCII words: a regex match on word boundaries is a run of whole tokens.
    expect(keywordOffsets('ALTER TABLE t ALTER a SET NOT NULL, ALTER b set\n not  null', SET_NOT_NULL)).toEqual([22, 44]);
    expect(keywordOffsets('ALTER TABLE t ALTER a DROP NOT NULL', SET_NOT_NULL)).toEqual([]);
    expect(keywordOffsets('ALTER TABLE t(x)SET NOT NULL;', SET_NOT_NULL)).toEqual([16]);
    // What the scanner rejects (a number run into letters) has no keywords, as before.
    expect(keywordOffsets('ALTER TABLE t ALTER a 1.SET NOT NULL', SET_NOT_NULL)).toEqual([]);
    expect(keywordOffsets('ALTER TABLE t ALTER a SET NOT NULL 1abc', SET_NOT_NULL)).toEqual([]);
    // A pattern that can match inside a word: only matches on token boundaries count.
    expect(keywordOffsets('ALTER a SETNOT NULL, b SET NOT NULL', /NOT\s+NULL/gi)).toEqual([27]);
    // `$` continues an identifier, and quotes and comments hide text.
    expect(keywordOffsets('SELECT a$SET NOT NULL', SET_NOT_NULL)).toEqual([]);
    expect(keywordOffsets("SELECT 'SET NOT NULL', x SET NOT NULL -- SET NOT NULL", SET_NOT_NULL)).toEqual([25]);
  });

  it("an unterminated string is one parsing error", () => {
    expectSqlMalformed(RULE, rule, "ALTER TABLE users ADD CONSTRAINT c CHECK (email <> 'x);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;");
  });

});
