// Behaviours of sql-no-add-required-column that a mutant changed without a failing test (issue 13, `npm run mutate:target --
// src/sql/rules/sql-no-add-required-column.ts`).
import rule from '../../src/sql/rules/sql-no-add-required-column.js';
import { runDeployedMigrationCase } from '../sql/sql-rule-tester.js';

// An already-deployed migration is history: nothing to change there.
runDeployedMigrationCase('sql-no-add-required-column', rule, 'ALTER TABLE users ADD COLUMN tenant text NOT NULL;');
