// Behaviours of sql-no-rename that a mutant changed without a failing test (issue 13, `npm run mutate:target --
// src/sql/rules/sql-no-rename.ts`): the names printed in the finding, views' columns, deployed migrations.
import rule from '../../src/sql/rules/sql-no-rename.js';
import { deployedCase, runSqlRuleTester } from '../sql/sql-rule-tester.js';

runSqlRuleTester('sql-no-rename', rule, {
  valid: [
    // A view's or materialized view's column is not a table's (docs/rules/sql-no-rename.md: views are out of scope).
    'ALTER VIEW active_users RENAME COLUMN name TO full_name;',
    'ALTER MATERIALIZED VIEW daily RENAME COLUMN total TO amount;',
    // An already-deployed migration is history: nothing to change there.
    deployedCase('ALTER TABLE users RENAME COLUMN name TO full_name;'),
    deployedCase('ALTER TABLE customers RENAME TO clients;'),
  ],
  invalid: [
    // Only a view created AFTER the rename keeps the old name working: one written before it (which PostgreSQL would
    // refuse while the table holds the name) does not count.
    { code: 'CREATE VIEW customers AS SELECT 1 AS id;\nALTER TABLE customers RENAME TO clients;', errors: [{ messageId: 'renameTable', line: 2, column: 1 }] },
    // The finding names the table, the old column and the new name the user wrote.
    {
      code: 'ALTER TABLE users RENAME COLUMN name TO full_name;',
      errors: [{ messageId: 'renameColumn', line: 1, column: 1, data: { table: 'users', column: 'name', name: 'full_name' } }],
    },
    {
      code: 'ALTER TABLE "public"."Customer" RENAME TO "Client";',
      errors: [{ messageId: 'renameTable', line: 1, column: 1, data: { table: 'public.Customer', name: 'Client' } }],
    },
  ],
});
