// Behaviours of no-external-call-in-transaction that a deliberate bug left unnoticed (issue 13): after-commit hooks.
import rule from '../../src/rules/no-external-call-in-transaction.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();
const inTransaction = (hook: string): string =>
  `import nodemailer from 'nodemailer';\nconst mailer = nodemailer.createTransport(smtpConfig);\nawait sequelize.transaction(async (t) => {\n  await Order.create(data, { transaction: t });\n  t.${hook}(() => mailer.sendMail(data.email));\n});`;

ruleTester.run('no-external-call-in-transaction (mutants)', rule, {
  // Callbacks handed to a hook that runs after the commit are outside the transaction.
  valid: [inTransaction('onCommit'), inTransaction('afterCommit'), inTransaction('afterTransaction'), inTransaction('onTransaction')],
  invalid: [
    // A hook that runs before the commit (or any other method taking a callback) is inside it.
    { code: inTransaction('beforeCommit'), errors: [{ messageId: 'externalCall', line: 5, column: 24 }] },
    { code: inTransaction('onCommitted'), errors: [{ messageId: 'externalCall', line: 5, column: 23 }] },
    { code: inTransaction('run'), errors: [{ messageId: 'externalCall', line: 5, column: 15 }] },
    // A computed hook name is not recognised.
    { code: inTransaction('["onCommit"]').replace('t.[', 't['), errors: [{ messageId: 'externalCall', line: 5, column: 23 }] },
  ],
});
