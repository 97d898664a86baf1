// Behaviours of sql-no-set-not-null that a mutant changed without a failing test (issue 13, `npm run mutate:target --
// src/sql/rules/sql-no-set-not-null.ts`).
import rule from '../../src/sql/rules/sql-no-set-not-null.js';
import { runDeployedMigrationCase } from '../sql/sql-rule-tester.js';

// An already-deployed migration is history: nothing to change there.
runDeployedMigrationCase('sql-no-set-not-null', rule, 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;');
