// Behaviours of sql-require-not-valid that a mutant changed without a failing test (issue 13, `npm run mutate:target --
// src/sql/rules/sql-require-not-valid.ts`).
import rule from '../../src/sql/rules/sql-require-not-valid.js';
import { runDeployedMigrationCase, runSqlRuleTester } from '../sql/sql-rule-tester.js';

// An already-deployed migration is history: nothing to change there.
runDeployedMigrationCase('sql-require-not-valid', rule, 'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);');

const RULE = 'sql-require-not-valid';
const validateInSameTransaction = (line: number) => ({ messageId: 'validateInSameTransaction', line, column: 1 });
const ADD = 'ALTER TABLE orders ADD CONSTRAINT c CHECK (total_cents >= 0) NOT VALID;';
const VALIDATE = 'ALTER TABLE orders VALIDATE CONSTRAINT c;';

runSqlRuleTester(RULE, rule, {
  valid: [
    // ROLLBACK, ABORT, PREPARE TRANSACTION, COMMIT / ROLLBACK PREPARED end the add's transaction.
    `${ADD}\nROLLBACK;\n${VALIDATE}`,
    `${ADD}\nABORT;\n${VALIDATE}`,
    `BEGIN;\n${ADD}\nPREPARE TRANSACTION 'add_c';\nCOMMIT PREPARED 'add_c';\n${VALIDATE}`,
    `BEGIN;\n${ADD}\nPREPARE TRANSACTION 'add_c';\n${VALIDATE}`,
    `${ADD}\nROLLBACK PREPARED 'other';\n${VALIDATE}`,
    // A foreign table's or a composite type's ALTER is not a table's.
    'ALTER FOREIGN TABLE remote_orders ADD CONSTRAINT c CHECK (total_cents >= 0);',
    // Only a leading `public.` is dropped from a table's name: xpublic.orders is not xorders.
    'ALTER TABLE xpublic.orders ADD CONSTRAINT c CHECK (total_cents >= 0) NOT VALID;\nALTER TABLE xorders VALIDATE CONSTRAINT c;',
    // Dropping the constraint added NOT VALID is not validating it.
    `${ADD}\nALTER TABLE orders DROP CONSTRAINT c;`,
    // A new column's UNIQUE, NOT NULL and DEFAULT are other rules' business.
    "ALTER TABLE orders ADD COLUMN code text UNIQUE NOT NULL DEFAULT 'x';",
  ],
  invalid: [
    // A constraint added without NOT VALID is reported for that; validating it again later is not a second finding.
    {
      code: 'ALTER TABLE orders ADD CONSTRAINT c CHECK (total_cents >= 0);\nALTER TABLE orders VALIDATE CONSTRAINT c;',
      errors: [{ messageId: 'requireNotValid', line: 1, column: 24 }],
    },
    // A savepoint, or a rollback to one, does not end the transaction.
    { code: `BEGIN;\n${ADD}\nSAVEPOINT s;\nROLLBACK TO SAVEPOINT s;\nRELEASE SAVEPOINT s;\n${VALIDATE}`, errors: [validateInSameTransaction(6)] },
    // What the findings say: the constraint kind, the table, the new column.
    {
      code: 'ALTER TABLE app.orders ADD CONSTRAINT f FOREIGN KEY (customer_id) REFERENCES customers (id);',
      errors: [{ messageId: 'requireNotValid', line: 1, column: 28, data: { kind: 'FOREIGN KEY', table: 'app.orders' } }],
    },
    {
      code: 'ALTER TABLE orders ADD CHECK (total_cents >= 0);',
      errors: [{ messageId: 'requireNotValid', line: 1, column: 24, data: { kind: 'CHECK', table: 'orders' } }],
    },
    {
      code: 'ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id), ADD COLUMN discount int CHECK (discount > 0);',
      errors: [
        { messageId: 'columnConstraint', line: 1, column: 48, data: { kind: 'FOREIGN KEY', table: 'orders', column: 'coupon_id' } },
        { messageId: 'columnConstraint', line: 1, column: 97, data: { kind: 'CHECK', table: 'orders', column: 'discount' } },
      ],
    },
    // NOT VALID on a new column's constraint is not accepted by PostgreSQL's grammar there; the plain one is reported
    // even when the ALTER also holds a NOT VALID table constraint.
    {
      code: 'ALTER TABLE orders ADD CONSTRAINT a CHECK (total_cents >= 0) NOT VALID, ADD COLUMN coupon_id bigint REFERENCES coupons (id);',
      errors: [{ messageId: 'columnConstraint', line: 1, column: 101 }],
    },
  ],
});
