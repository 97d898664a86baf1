// Behaviours of sql-require-concurrent-index that a mutant changed without a failing test (issue 13, `npm run mutate:target --
// src/sql/rules/sql-require-concurrent-index.ts`).
import rule from '../../src/sql/rules/sql-require-concurrent-index.js';
import { runDeployedMigrationCase, runSqlRuleTester } from '../sql/sql-rule-tester.js';

// An already-deployed migration is history: nothing to change there.
runDeployedMigrationCase('sql-require-concurrent-index', rule, 'CREATE INDEX orders_status_idx ON orders (status);');

runSqlRuleTester('sql-require-concurrent-index', rule, {
  valid: [],
  invalid: [
    // Two existing indexes in one DROP: both named in the finding (and no fix: CONCURRENTLY takes one index).
    {
      code: 'DROP INDEX orders_status_idx, orders_note_idx;',
      errors: [{ messageId: 'dropIndex', line: 1, column: 1, data: { index: 'orders_status_idx, orders_note_idx' } }],
    },
  ],
});
