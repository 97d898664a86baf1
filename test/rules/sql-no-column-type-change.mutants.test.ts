// Behaviours of sql-no-column-type-change that a mutant changed without a failing test (issue 13, `npm run mutate:target --
// src/sql/rules/sql-no-column-type-change.ts`).
import rule from '../../src/sql/rules/sql-no-column-type-change.js';
import { runDeployedMigrationCase } from '../sql/sql-rule-tester.js';

// An already-deployed migration is history: nothing to change there.
runDeployedMigrationCase('sql-no-column-type-change', rule, 'ALTER TABLE orders ALTER COLUMN total TYPE bigint;');
