// Behaviours of sql-no-set-not-null that a mutant changed without a failing test (issue 13, `npm run mutate:target --
// src/sql/rules/sql-no-set-not-null.ts`).
import rule from '../../src/sql/rules/sql-no-set-not-null.js';
import { runDeployedMigrationCase, runSqlRuleTester } from '../sql/sql-rule-tester.js';

// An already-deployed migration is history: nothing to change there.
runDeployedMigrationCase('sql-no-set-not-null', rule, 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;');

const setNotNull = (line: number, column: number) => ({ messageId: 'noSetNotNull', line, column });

runSqlRuleTester('sql-no-set-not-null', rule, {
  valid: [
    // Two columns proven by two checks added in two statements: the second check does not forget the first.
    'ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\nALTER TABLE users VALIDATE CONSTRAINT users_name_nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL, ALTER COLUMN name SET NOT NULL;',
    // PostgreSQL 18's unnamed NOT NULL constraint is named <table>_<column>_not_null.
    'ALTER TABLE users ADD NOT NULL email NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
    // Other constraints are not NOT NULL constraints.
    'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);',
    'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\nALTER TABLE users ADD PRIMARY KEY (id);',
    // VALIDATE of another table's constraint, while this file has a check on another table.
    'ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;',
    // A foreign table's NOT NULL is not checked against its rows (nothing scanned here).
    'ALTER FOREIGN TABLE remote_users ALTER COLUMN email SET NOT NULL;',
  ],
  invalid: [
    // The unnamed NOT NULL constraint validated under another name proves nothing.
    {
      code: 'ALTER TABLE users ADD NOT NULL email NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
      errors: [setNotNull(3, 38)],
    },
    // A check on one column does not prove another; a check proving nothing (no IS NOT NULL) does not either.
    {
      code: 'ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\nALTER TABLE users ALTER COLUMN name SET NOT NULL;',
      errors: [setNotNull(3, 37)],
    },
    {
      code: "ALTER TABLE users ADD CONSTRAINT users_email_ok CHECK (email <> '') NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_ok;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
      errors: [setNotNull(3, 38)],
    },
    // SET NOT NULL written with a comment inside: found among the scanner's tokens, reported at SET.
    { code: 'ALTER TABLE users ALTER COLUMN email SET /* now */ NOT NULL;', errors: [setNotNull(1, 38)] },
  ],
});
