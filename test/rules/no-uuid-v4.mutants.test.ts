// Behaviours of no-uuid-v4 that a deliberate bug left unnoticed (issue 13): the user-visible finding or silence.
import rule from '../../src/rules/no-uuid-v4.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-uuid-v4 (mutants)', rule, {
  valid: [
    // A webcrypto random UUID that is not a key.
    "import { webcrypto } from 'node:crypto';\nconst requestId = webcrypto.randomUUID();",
    // A `webcrypto` of another module is not Node's.
    "import { webcrypto } from './polyfills';\nawait db.insert(users).values({ id: webcrypto.randomUUID() });",
    // Node's webcrypto UUID as a key that is never stored (a preview object) is not a key.
    "import { webcrypto } from 'node:crypto';\nconst preview = { id: webcrypto.randomUUID() };",
  ],
  invalid: [
    // The named `webcrypto` import of node:crypto, and of crypto, as a key that is stored.
    {
      code: "import { webcrypto } from 'node:crypto';\nawait db.insert(users).values({ id: webcrypto.randomUUID() });",
      errors: [{ messageId: 'randomKey', line: 2, column: 37 }],
    },
    {
      code: "import { webcrypto } from 'crypto';\nawait orders.create({ orderId: webcrypto.randomUUID() });",
      errors: [{ messageId: 'randomKey', line: 2, column: 32 }],
    },
    // Through the default import.
    {
      code: "import crypto from 'node:crypto';\nawait db.insert(users).values({ id: crypto.webcrypto.randomUUID() });",
      errors: [{ messageId: 'randomKey', line: 2, column: 37 }],
    },
  ],
});
