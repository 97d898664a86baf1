import rule from '../../src/rules/no-console-log.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();
const server = 'src/features/orders/create-order.ts';

ruleTester.run('no-console-log', rule, {
  valid: [
    // Structured logging.
    "logger.info({ event: 'user_updated', userId, traceId });",
    "logger.log('user updated');\nthis.logger.error({ event: 'payment_failed', err });",
    'this.console.log("not the global");',
    'const settings = { console: true };\nif (settings.console) run();',
    // A local console shadows the global.
    "const console = createLogger();\nconsole.log('x');",
    "function handle(console: Logger) {\n  console.info('x');\n}",
    "import console from './logger';\nconsole.warn('x');",
    "console = pino();\nconsole.info('replaced the global');",
    // Exempt files.
    { code: "console.log('debug');", filename: 'src/users/users.test.ts' },
    { code: "console.log('debug');", filename: 'src/orders/orders.spec.tsx' },
    { code: "console.log('debug');", filename: 'src/orders/__tests__/helpers.ts' },
    { code: "console.log('debug');", filename: 'test/helpers/db.ts' },
    { code: "console.table(rows);", filename: 'scripts/backfill-orders.ts' },
    { code: "console.log('usage: …');", filename: 'bin/cli.ts' },
    { code: "console.log('seeded');", filename: 'prisma/seed.ts' },
    { code: "console.log('seeded');", filename: 'db/seeds/users.ts' },
    { code: "console.log('migrated');", filename: 'src/cli/migrate.ts', options: [{ exemptFiles: ['src/cli/**'] }] },
    // Allowed methods.
    { code: 'console.error(err);', filename: server, options: [{ allowedMethods: ['error'] }] },
    { code: 'const { error } = console;', filename: server, options: [{ allowedMethods: ['error'] }] },
    // Not a console call.
    "if (typeof console !== 'undefined') init();",
    // Malformed / partial code: never throws.
    '',
    'console;',
    'const {} = console;',
    'const copy = { ...console };',
  ],
  invalid: [
    {
      code: "console.log('User updated');",
      filename: server,
      errors: [{ messageId: 'noConsole', data: { name: 'console.log' }, line: 1, column: 1 }],
    },
    {
      code: 'export async function createOrder(input) {\n  try {\n    await save(input);\n  } catch (err) {\n    console.error(err);\n  }\n}',
      errors: [{ messageId: 'noConsole', data: { name: 'console.error' }, line: 5, column: 5 }],
    },
    {
      code: 'const { log, error: logError } = console;\nlog("x");',
      errors: [
        { messageId: 'noConsole', data: { name: 'console.log' }, line: 1, column: 9 },
        { messageId: 'noConsole', data: { name: 'console.error' }, line: 1, column: 14 },
      ],
    },
    {
      code: "const log = console.log;\nlog('x');",
      errors: [{ messageId: 'noConsole', line: 1, column: 13 }],
    },
    {
      code: "globalThis.console.info('started');",
      errors: [{ messageId: 'noConsole', data: { name: 'console.info' }, line: 1, column: 1 }],
    },
    {
      code: "window.console.warn('slow query');",
      errors: [{ messageId: 'noConsole', data: { name: 'console.warn' }, line: 1, column: 1 }],
    },
    {
      code: "console['debug']('payload', body);",
      errors: [{ messageId: 'noConsole', data: { name: 'console.debug' }, line: 1, column: 1 }],
    },
    {
      code: "const logger = console;\nlogger.info('x');",
      errors: [{ messageId: 'noConsole', data: { name: 'console' }, line: 1, column: 16 }],
    },
    {
      code: "(console as Console).log('x');\nconsole!.info('y');",
      errors: [
        { messageId: 'noConsole', line: 1, column: 1 },
        { messageId: 'noConsole', line: 2, column: 1 },
      ],
    },
    {
      code: "function handler(req) {\n  const console_ = 1;\n  console.dir(req.body, { depth: null });\n}",
      errors: [{ messageId: 'noConsole', data: { name: 'console.dir' }, line: 3, column: 3 }],
    },
    {
      code: "console.log('x');\nconsole.error(err);",
      options: [{ allowedMethods: ['error'] }],
      errors: [{ messageId: 'noConsole', data: { name: 'console.log' }, line: 1, column: 1 }],
    },
    {
      code: "console.log('x');",
      filename: 'src/users/users.test.ts',
      options: [{ exemptFiles: ['src/cli/**'] }],
      errors: [{ messageId: 'noConsole', line: 1, column: 1 }],
    },
    {
      code: "console.time('query');",
      filename: 'src/features/seeding-jobs/run.ts',
      languageOptions: { globals: { console: 'readonly' } },
      errors: [{ messageId: 'noConsole', data: { name: 'console.time' }, line: 1, column: 1 }],
    },
    // Malformed / partial code.
    {
      code: 'console[level](message);',
      errors: [{ messageId: 'noConsole', data: { name: 'console' }, line: 1, column: 1 }],
    },
    {
      code: 'const out = new console.Console();',
      errors: [{ messageId: 'noConsole', data: { name: 'console.Console' }, line: 1, column: 17 }],
    },
    {
      code: 'const { [key]: fn } = console;',
      errors: [{ messageId: 'noConsole', data: { name: 'console' }, line: 1, column: 9 }],
    },
  ],
});
