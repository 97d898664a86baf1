// Behaviours of sql-no-drop-column that a mutant changed without a failing test (issue 13, `npm run mutate:target --
// src/sql/rules/sql-no-drop-column.ts`).
import rule from '../../src/sql/rules/sql-no-drop-column.js';
import { runDeployedMigrationCase } from '../sql/sql-rule-tester.js';

// An already-deployed migration is history: nothing to change there.
runDeployedMigrationCase('sql-no-drop-column', rule, 'ALTER TABLE "Field" DROP COLUMN "documentId";');
