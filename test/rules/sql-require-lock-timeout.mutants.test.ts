// Behaviours of sql-require-lock-timeout that a mutant changed without a failing test (issue 13, `npm run mutate:target
// -- src/sql/rules/sql-require-lock-timeout.ts`): a scan under a weak lock first in the file, deployed migrations.
import rule from '../../src/sql/rules/sql-require-lock-timeout.js';
import { deployedCase, runSqlRuleTester } from '../sql/sql-rule-tester.js';

const ADD_NOTE = 'ALTER TABLE orders ADD COLUMN note text;';

runSqlRuleTester('sql-require-lock-timeout', rule, {
  valid: [
    // An already-deployed migration is history: nothing to change there.
    deployedCase(ADD_NOTE),
  ],
  invalid: [
    // A scan under a weak lock comes first (a statement_timeout matter, not this rule's): the finding is still on the
    // first statement that queues queries behind its lock.
    {
      code: `ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;\n${ADD_NOTE}`,
      errors: [{ messageId: 'requireLockTimeout', line: 2, column: 1, data: { statement: 'ALTER TABLE … ADD COLUMN', lock: 'ACCESS EXCLUSIVE', target: 'existing table orders' } }],
    },
    {
      code: `VACUUM orders;\nCREATE INDEX CONCURRENTLY orders_a_idx ON orders (a);\n${ADD_NOTE}`,
      errors: [{ messageId: 'requireLockTimeout', line: 3, column: 1 }],
    },
  ],
});
