// Behaviours of sql-require-not-valid that a mutant changed without a failing test (issue 13, `npm run mutate:target --
// src/sql/rules/sql-require-not-valid.ts`).
import rule from '../../src/sql/rules/sql-require-not-valid.js';
import { runDeployedMigrationCase } from '../sql/sql-rule-tester.js';

// An already-deployed migration is history: nothing to change there.
runDeployedMigrationCase('sql-require-not-valid', rule, 'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);');
