// Behaviours of sql-no-unbatched-backfill that a mutant could change without a failing test (issue 13,
// `npm run mutate:target -- src/sql/rules/sql-no-unbatched-backfill.ts`): which WHERE clauses bound an UPDATE.
import rule from '../../src/sql/rules/sql-no-unbatched-backfill.js';
import { runDeployedMigrationCase, runSqlRuleTester } from '../sql/sql-rule-tester.js';

const RULE = 'sql-no-unbatched-backfill';
const unbounded = { messageId: 'unboundedWhere', line: 1, column: 1, data: { table: 'users' } };

// An already-deployed migration is history: nothing to change there.
runDeployedMigrationCase(RULE, rule, 'UPDATE "DocumentMeta" SET "subject" = "customEmailSubject";');

runSqlRuleTester(RULE, rule, {
  valid: [
    // A key equal to a cast value; BETWEEN SYMMETRIC; a range written value-first on both ends.
    "UPDATE users SET plan = 1 WHERE id = '5'::bigint;",
    'UPDATE users SET plan = 1 WHERE id = CAST($1 AS bigint);',
    'UPDATE users SET plan = 1 WHERE id BETWEEN SYMMETRIC 1000 AND 1;',
    'UPDATE users SET plan = 1 WHERE 1000 >= id AND 0 <= id;',
    // An OR of two bounded ranges.
    'UPDATE users SET plan = 1 WHERE (id >= 1 AND id < 10) OR (id >= 20 AND id < 30);',
    // The batch of a loop: the key in a LIMIT subquery.
    'UPDATE users SET plan = 1 WHERE id = ANY (SELECT id FROM users WHERE plan IS NULL LIMIT 100);',
  ],
  invalid: [
    // A list holding a column, a list on a non-key column.
    { code: 'UPDATE users SET plan = 1 WHERE id IN (1, legacy_id);', errors: [unbounded] },
    { code: "UPDATE users SET plan = 1 WHERE status IN ('a', 'b');", errors: [unbounded] },
    // A key equal to a function's result, a cast column, an inequality, a negation, NOT BETWEEN.
    { code: "UPDATE users SET plan = 1 WHERE id = length('x');", errors: [unbounded] },
    { code: "UPDATE users SET plan = 1 WHERE email = lower('X');", errors: [unbounded] },
    { code: 'UPDATE users SET plan = 1 WHERE id <> 5;', errors: [unbounded] },
    { code: 'UPDATE users SET plan = 1 WHERE NOT (id = 5);', errors: [unbounded] },
    { code: 'UPDATE users SET plan = 1 WHERE id NOT BETWEEN 1 AND 10;', errors: [unbounded] },
    // Two ends of a range on two columns, two lower ends, two upper ends written value-first.
    { code: 'UPDATE users SET plan = 1 WHERE id > 5 AND seq < 10;', errors: [unbounded] },
    { code: 'UPDATE users SET plan = 1 WHERE id > 5 AND id >= 10;', errors: [unbounded] },
    { code: 'UPDATE users SET plan = 1 WHERE 10 >= id AND 20 > id;', errors: [unbounded] },
    // An OR whose branches hold one end each: not a range.
    { code: 'UPDATE users SET plan = 1 WHERE id >= 1 OR id < 10;', errors: [unbounded] },
    // EXISTS (… LIMIT 1) tests a row's existence: every row of users is still updated.
    { code: 'UPDATE users SET plan = 1 WHERE EXISTS (SELECT 1 FROM orders WHERE orders.user_id = users.id LIMIT 1);', errors: [unbounded] },
  ],
});
