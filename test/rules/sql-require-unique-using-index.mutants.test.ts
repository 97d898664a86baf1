// Behaviours of sql-require-unique-using-index that a mutant changed without a failing test (issue 13, `npm run mutate:target --
// src/sql/rules/sql-require-unique-using-index.ts`).
import rule from '../../src/sql/rules/sql-require-unique-using-index.js';
import { runDeployedMigrationCase } from '../sql/sql-rule-tester.js';

// An already-deployed migration is history: nothing to change there.
runDeployedMigrationCase('sql-require-unique-using-index', rule, 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);');
