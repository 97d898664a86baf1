// Behaviours of sql-require-concurrent-reindex that a mutant changed without a failing test (issue 13, `npm run
// mutate:target -- src/sql/rules/sql-require-concurrent-reindex.ts`).
import rule from '../../src/sql/rules/sql-require-concurrent-reindex.js';
import { runDeployedMigrationCase, runSqlRuleTester } from '../sql/sql-rule-tester.js';

// An already-deployed migration is history: nothing to change there.
runDeployedMigrationCase('sql-require-concurrent-reindex', rule, 'REINDEX TABLE orders;');

runSqlRuleTester('sql-require-concurrent-reindex', rule, {
  valid: [],
  invalid: [
    // PostgreSQL 16+: `REINDEX DATABASE;` names no database (the current one).
    { code: 'REINDEX DATABASE;', errors: [{ messageId: 'requireConcurrentReindex', line: 1, column: 1, data: { target: 'every index of the database' } }] },
  ],
});
