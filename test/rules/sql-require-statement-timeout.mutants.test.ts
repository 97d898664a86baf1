// Behaviours of sql-require-statement-timeout that a mutant changed without a failing test (issue 13, `npm run
// mutate:target -- src/sql/rules/sql-require-statement-timeout.ts`): deployed migrations.
import rule from '../../src/sql/rules/sql-require-statement-timeout.js';
import { deployedCase, runSqlRuleTester } from '../sql/sql-rule-tester.js';

runSqlRuleTester('sql-require-statement-timeout', rule, {
  // An already-deployed migration is history: nothing to change there, a lock or a scan alike.
  valid: [deployedCase('ALTER TABLE orders ADD COLUMN note text;'), deployedCase('VACUUM orders;')],
  invalid: [],
});
