// Behaviours of no-uuid-v4 that a deliberate bug left unnoticed (issue 13): the user-visible finding or silence.
import rule from '../../src/rules/no-uuid-v4.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-uuid-v4 (mutants)', rule, {
  valid: [
    // A webcrypto random UUID that is not a key.
    "import { webcrypto } from 'node:crypto';\nconst requestId = webcrypto.randomUUID();",
    // A `webcrypto` of another module is not Node's.
    "import { webcrypto } from './polyfills';\nconst user = { id: webcrypto.randomUUID() };",
  ],
  invalid: [
    // The named `webcrypto` import of node:crypto, and of crypto.
    {
      code: "import { webcrypto } from 'node:crypto';\nconst user = { id: webcrypto.randomUUID() };",
      errors: [{ messageId: 'randomKey', line: 2, column: 20 }],
    },
    {
      code: "import { webcrypto } from 'crypto';\nconst order = { orderId: webcrypto.randomUUID() };",
      errors: [{ messageId: 'randomKey', line: 2, column: 26 }],
    },
    // Through the default import.
    {
      code: "import crypto from 'node:crypto';\nconst user = { id: crypto.webcrypto.randomUUID() };",
      errors: [{ messageId: 'randomKey', line: 2, column: 20 }],
    },
  ],
});
