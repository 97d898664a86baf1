// Behaviours of sql-require-unique-using-index that a mutant changed without a failing test (issue 13, `npm run mutate:target --
// src/sql/rules/sql-require-unique-using-index.ts`).
import rule from '../../src/sql/rules/sql-require-unique-using-index.js';
import { runDeployedMigrationCase, runSqlRuleTester } from '../sql/sql-rule-tester.js';

// An already-deployed migration is history: nothing to change there.
runDeployedMigrationCase('sql-require-unique-using-index', rule, 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);');

runSqlRuleTester('sql-require-unique-using-index', rule, {
  valid: [
    // ALTER VIEW / MATERIALIZED VIEW / FOREIGN TABLE take ALTER TABLE's subcommands in the grammar, but PostgreSQL builds
    // no index for them (it rejects the constraint): not this rule's finding.
    'ALTER VIEW active_users ADD CONSTRAINT active_users_email_key UNIQUE (email);',
    'ALTER MATERIALIZED VIEW daily ADD PRIMARY KEY (day);',
    'ALTER FOREIGN TABLE remote_users ADD CONSTRAINT remote_users_email_key UNIQUE (email);',
  ],
  invalid: [],
});
