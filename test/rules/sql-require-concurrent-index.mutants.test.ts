// Behaviours of sql-require-concurrent-index that a mutant changed without a failing test (issue 13, `npm run mutate:target --
// src/sql/rules/sql-require-concurrent-index.ts`).
import rule from '../../src/sql/rules/sql-require-concurrent-index.js';
import { runDeployedMigrationCase } from '../sql/sql-rule-tester.js';

// An already-deployed migration is history: nothing to change there.
runDeployedMigrationCase('sql-require-concurrent-index', rule, 'CREATE INDEX orders_status_idx ON orders (status);');
