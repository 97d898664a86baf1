// Behaviours of sql-require-concurrent-detach-partition that a mutant changed without a failing test (issue 13, `npm run mutate:target --
// src/sql/rules/sql-require-concurrent-detach-partition.ts`).
import rule from '../../src/sql/rules/sql-require-concurrent-detach-partition.js';
import { runDeployedMigrationCase } from '../sql/sql-rule-tester.js';

// An already-deployed migration is history: nothing to change there.
runDeployedMigrationCase('sql-require-concurrent-detach-partition', rule, 'ALTER TABLE events DETACH PARTITION events_2023;');
