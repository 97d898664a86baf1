import { cpSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as tsParser from '@typescript-eslint/parser';
import { RuleTester, type ValidTestCase } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/no-console-log.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();
/**
 * Files of small packages under test/fixtures/runtime-context/ (a server, CLIs, a browser app, test utilities),
 * linted with `exemptFiles: []` (their path has a `test/` folder, which the default list exempts).
 */
const inPackage = (file: string): string => path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/runtime-context', file);
const server = 'src/features/orders/create-order.ts';
const noExemptFiles: [{ exemptFiles: string[] }] = [{ exemptFiles: [] }];
type RuleOptions = [{ exemptFiles?: string[]; allowedMethods?: string[]; checkNonServerFiles?: boolean }];

ruleTester.run('no-console-log', rule, {
  // A case given as a string is linted as a server file (the tester's default name, `react.tsx`, is browser code).
  valid: ([
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
    // Not server runtime: browser code.
    { code: "'use client';\nexport function Button() { console.log('clicked'); return null; }", filename: server },
    { code: "import { useEffect } from 'react';\nexport function useOrders() { useEffect(() => console.log('mounted'), []); }", filename: 'src/hooks/use-orders.ts' },
    { code: "export const Row = () => { console.log('render'); return <tr />; };", filename: 'src/components/row.tsx' },
    { code: "console.log('boot');", filename: 'frontend/src/index.ts' },
    { code: "export const useFeature = () => { console.error('failed'); };", filename: 'frontend/src/hooks/api/getters/useFeature/useFeature.ts' },
    { code: "console.log('spec list updated');", filename: '.husky/update-openapi-spec-list.js' },
    { code: "console.log('boot');", filename: 'apps/web/src/main.ts' },
    { code: "console.log('boot');", filename: 'packages/client/src/sdk.ts' },
    // A browser polyfill-able import (`events`, `path`) is no sign of Node.
    { code: "import { EventEmitter } from 'events';\nconsole.log('boot');", filename: 'packages/client/src/emitter.ts' },
    { code: "console.log('render');", filename: inPackage('browser-app/src/orders/list.ts'), options: noExemptFiles },
    // Not server runtime: a CLI (a shebang; a package with a bin and no server framework, or `cli` in its name).
    { code: "#!/usr/bin/env node\nconsole.log('usage: acme <command>');", filename: server },
    { code: "console.log('migrated 3 tables');", filename: inPackage('cli-tool/src/commands/migrate.ts'), options: noExemptFiles },
    { code: "console.log('dev server on :9000');", filename: inPackage('cli-with-server/src/commands/develop.ts'), options: noExemptFiles },
    { code: "import inquirer from 'inquirer';\nconsole.log('Setting up your project');", filename: 'remix.init/index.ts' },
    { code: "console.log('seeded 40 teams');", filename: 'packages/prisma/seed/large-team-seed.ts' },
    { code: "console.log('end migration');", filename: 'apps/api/migrations/novu-integrations/novu-integrations.migration.ts' },
    { code: "console.log('backfilled');", filename: 'packages/database/migration/20260416110000_backfill/migration.ts' },
    { code: "console.log(document);", filename: 'packages/api/v1/examples/04-remove-a-field.ts' },
    // Not server runtime: test infrastructure.
    { code: "console.log('db ready');", filename: 'src/test-setup.ts' },
    { code: "console.log('listening');", filename: 'src/server-dev.ts' },
    { code: "console.log('db ready');", filename: 'frontend/src/setupTests.ts' },
    { code: "import { PostgreSqlContainer } from '@testcontainers/postgresql';\nconsole.log('started');", filename: 'src/db/container.ts' },
    { code: "console.log('seeded');", filename: inPackage('test-utils-pkg/src/database.ts'), options: noExemptFiles },
    // Not server runtime: a one-shot script that ends with process.exit().
    { code: "async function run() {\n  console.log('migrating');\n  await migrate();\n  process.exit(0);\n}\nrun();", filename: 'apps/api/migrations/backfill.ts' },
    { code: "main().then(() => process.exit()).catch((e) => { console.error(e); process.exit(1); });", filename: 'src/jobs/reindex.ts' },
    // Test code by another name (default exemptFiles): fixtures, mocks, e2e and integration suites, playgrounds.
    { code: "console.log('products');", filename: 'packages/core/framework/src/http/__fixtures__/routers/admin/products/route.ts' },
    { code: "console.log('step');", filename: 'packages/modules/workflow-engine-redis/integration-tests/__fixtures__/workflow_1.ts' },
    { code: "console.log('db');", filename: 'packages/modules/workflow-engine-redis/integration-tests/utils/database.ts' },
    { code: "console.log('mock');", filename: 'src/__mocks__/mailer.ts' },
    { code: "console.log('fixture');", filename: 'src/orders/fixtures/orders.ts' },
    { code: "console.log('e2e');", filename: 'apps/api/src/app/integrations/e2e/update-integration.e2e.ts' },
    { code: "console.log('e2e');", filename: 'apps/api/src/app/orders/orders.e2e-spec.ts' },
    { code: "console.log('trying the API');", filename: 'packages/core/workflows-sdk/src/utils/_playground.ts' },
    { code: "console.log('trying the API');", filename: 'src/orders/orders.playground.ts' },
    // Not server runtime: a command module (a `commands/` or `cli/` folder, default export a function) that a CLI
    // entry point loads (medusajs/medusa@59e6747 packages/medusa/src/commands/*), even with Node-only imports.
    { code: "export default async function build({ directory }) {\n  console.error('Failed to load medusa-config.js');\n}", filename: 'packages/medusa/src/commands/build.ts' },
    { code: "const main = async function ({ directory }) {\n  console.log('-'.repeat(80));\n};\nexport default main;", filename: 'packages/medusa/src/commands/db/migrate.ts' },
    { code: "import { execSync } from 'child_process';\nfunction develop() { console.log(execSync('git status')); }\nexport default develop;", filename: 'src/cli/develop.ts' },
    { code: "export default () => console.log('done');", filename: 'tools/cli/reindex.ts' },
    // Not server runtime: package.json says browser (fixtures under test/fixtures/runtime-context/).
    // A Vite single-page app: index.html + vite.config.ts at the package root (a dev proxy's express aside).
    { code: "console.error('segment failed');", filename: inPackage('spa-app/src/utils/segment.ts'), options: noExemptFiles },
    // A UMD bundle as entry (a script-tag SDK), a `browser` field, a `browser` export condition.
    { code: "console.error('queue failed');", filename: inPackage('browser-sdk/src/lib/common/command-queue.ts'), options: noExemptFiles },
    { code: "console.warn('retrying');", filename: inPackage('browser-field/src/client.ts'), options: noExemptFiles },
    { code: "console.warn('retrying');", filename: inPackage('browser-condition/src/widget.ts'), options: noExemptFiles },
    // A logger handed over, not a log line: a fallback or default logger, the sink itself.
    'logger ??= console as unknown as Logger;',
    'options.logger ||= console;',
    "const logger = config.logger || { error: console.error, warn: console.warn, info: console.info };",
    'const logger = config.logger ?? console;',
    "createApp({ logger: console });\nnew Client({ id: 'app', log: console.log });",
    'export function boot(logger: Logger = console) {\n  return logger;\n}',
    'export const sink = process.env.JSON_LOGS ? pino() : console;',
    'export const sinks = [console, console.error];',
    'function fallback() {\n  return console;\n}',
    // A fallback logger object: log-level methods only, every use the fallback of an injected logger
    // (medusajs/medusa@59e6747 packages/core/modules-sdk/src/medusa-module.ts:31).
    'const logger: any = {\n  log: (a) => console.log(a),\n  info(a) { console.log(a); },\n  error: (a) => console.error(a),\n};\nexport function load(options) {\n  const log = options.logger ?? logger;\n  return log;\n}',
    'const fallback = { warn: (...args) => console.warn(...args) };\nexport function boot(logger = fallback) {\n  options.logger ||= fallback;\n  return logger || fallback;\n}',
    'const log = injected ?? { info: (message) => console.info(message) };',
    // Output laid out for a terminal: a CLI's (medusajs/medusa@59e6747
    // packages/core/utils/src/modules-sdk/migration-scripts/migration-up.ts:31).
    "const TERMINAL_SIZE = process.stdout.columns;\nexport const run = async () => {\n  console.log(new Array(TERMINAL_SIZE).join('-'));\n};",
    "const [width] = process.stderr.getWindowSize();\nconsole.error('='.repeat(width));",
    // A function documented as writing to stdout or as a debugging aid (medusajs/medusa@59e6747
    // packages/core/utils/src/common/file-system.ts:112, hoppscotch/hoppscotch@afc2cf1 packages/hoppscotch-backend/src/utils.ts:64).
    "export class FileSystem {\n  /**\n   * Dumps file contents to the stdout\n   */\n  async dump(file) {\n    console.log('-----');\n    console.log(await this.contents(file));\n  }\n}",
    '/**\n * Prints the value and returns it.\n * Used for debugging functional pipelines.\n */\nexport const trace = (label) => (value) => {\n  console.log(label, value);\n  return value;\n};',
    '/** Writes the report to standard output. */\nfunction printReport(rows) {\n  rows.forEach((row) => console.table(row));\n}',
    // Not server runtime: a `.client.` module (or a `.client/` folder) of a React Router / Remix app, even under
    // `server/` (documenso/documenso@7533016 apps/remix/server/api/ai/detect-fields.client.ts).
    { code: "console.warn('Failed to parse stream event');", filename: inPackage('react-router-app/server/api/ai/detect-fields.client.ts'), options: noExemptFiles },
    { code: "console.log('chart');", filename: inPackage('react-router-app/app/charts.client/line.ts'), options: noExemptFiles },
    // Not server runtime: a package that depends on a prompt library and on no server framework (a project generator,
    // epicweb-dev/epic-stack@f64d690 remix.init/index.js).
    { code: "console.error('Something went wrong initializing your app');", filename: inPackage('prompt-tool/index.js'), options: noExemptFiles },
    // Not a console call.
    "if (typeof console !== 'undefined') init();",
    // Malformed / partial code: never throws.
    '',
    'console;',
    'const {} = console;',
    'const copy = { ...console };',
  ] as Array<string | ValidTestCase<RuleOptions>>).map((test) => (typeof test === 'string' ? { code: test, filename: server } : test)),
  invalid: [
    // Server code with the same marks nearby: a `'use server'` file in a web app, a `.server.` module, an API
    // route, a `process.exit(1)` on failure and a shutdown handler (a server's), a package whose bin is not its purpose.
    {
      code: "'use server';\nexport async function save() { console.log('saving'); }",
      filename: 'apps/web/modules/orders/actions.ts',
      errors: [{ messageId: 'noConsole', line: 2, column: 32 }],
    },
    { code: "console.log('x');", filename: 'app/utils/cache.server.ts', errors: [{ messageId: 'noConsole', line: 1, column: 1 }] },
    // A `client/` folder whose file imports what only Node has is a server's client (documenso/documenso@7533016
    // packages/lib/jobs/client/bullmq.ts); a `client/` folder without such an import stays browser code (valid above).
    {
      code: "import path from 'node:path';\nimport { Queue } from 'bullmq';\nconsole.log('queue ready', path.sep);",
      filename: 'packages/lib/jobs/client/bullmq.ts',
      errors: [{ messageId: 'noConsole', line: 3, column: 1 }],
    },
    {
      code: "import { readFile } from 'fs/promises';\nconsole.log('loaded');",
      filename: 'apps/web/src/load-config.ts',
      errors: [{ messageId: 'noConsole', line: 2, column: 1 }],
    },
    { code: "console.log('x');", filename: 'apps/web/app/api/orders/route.ts', errors: [{ messageId: 'noConsole', line: 1, column: 1 }] },
    { code: "console.log('x');", filename: 'apps/web/pages/api/orders.ts', errors: [{ messageId: 'noConsole', line: 1, column: 1 }] },
    {
      code: "bootstrap().catch((e) => { console.error(e); process.exit(1); });\nprocess.on('SIGTERM', () => { server.close(); process.exit(0); });",
      filename: 'src/main.ts',
      errors: [{ messageId: 'noConsole', line: 1, column: 28 }],
    },
    { code: "console.log('x');", filename: inPackage('server-with-bin/src/http/app.ts'), options: noExemptFiles, errors: [{ messageId: 'noConsole', line: 1, column: 1 }] },
    { code: "console.log('x');", filename: inPackage('server-app/src/orders.ts'), options: noExemptFiles, errors: [{ messageId: 'noConsole', line: 1, column: 1 }] },
    // A command class in a CQRS `commands/` folder, a default export that is not a function, a default-exported
    // function outside a commands folder: server code.
    {
      code: "export class CreateOrderCommand {\n  constructor() { console.log('x'); }\n}",
      filename: 'apps/api/src/app/shared/commands/base.command.ts',
      errors: [{ messageId: 'noConsole', line: 2, column: 19 }],
    },
    {
      code: "export default class CreateOrderHandler {\n  execute() { console.log('x'); }\n}",
      filename: 'src/orders/commands/handlers/create-order.handler.ts',
      errors: [{ messageId: 'noConsole', line: 2, column: 15 }],
    },
    {
      code: "const main = { run() { console.log('x'); } };\nexport default main;",
      filename: 'src/commands/run.ts',
      errors: [{ messageId: 'noConsole', line: 1, column: 24 }],
    },
    { code: "console.log('x');\nexport default main;", filename: 'src/commands/broken.ts', errors: [{ messageId: 'noConsole', line: 1, column: 1 }] },
    { code: "let main;\nmain = () => console.log('x');\nexport default main;", filename: 'src/cli/late.ts', errors: [{ messageId: 'noConsole', line: 2, column: 14 }] },
    {
      code: "export default async function handler(req) {\n  console.log(req.body);\n}",
      filename: 'src/routes/orders.ts',
      errors: [{ messageId: 'noConsole', line: 2, column: 3 }],
    },
    // Near-misses of test folders: a name that only contains the word.
    { code: "console.log('x');", filename: 'src/features/fixtures-import/import.ts', errors: [{ messageId: 'noConsole', line: 1, column: 1 }] },
    { code: "console.log('x');", filename: 'src/playground-service.ts', errors: [{ messageId: 'noConsole', line: 1, column: 1 }] },
    // package.json near-misses: a Vite-built Node library (no index.html), an index.html without Vite, a browser field
    // in a package with a server framework, a malformed package.json, odd field types.
    ...['vite-library/src/queue.ts', 'html-only/src/app.ts', 'browser-field-server/src/app.ts', 'malformed-package/src/app.ts', 'odd-package/src/app.ts'].map((file) => ({
      code: "console.log('x');",
      filename: inPackage(file),
      options: noExemptFiles,
      errors: [{ messageId: 'noConsole' as const, line: 1, column: 1 }],
    })),
    // A logger object whose methods call console (documenso/documenso@7533016 packages/lib/jobs/client/bullmq.ts:374,
    // the logger of every background job): each call is a log line of the app, reported.
    {
      code: "const job = {\n  logger: {\n    info: (...args) => console.info(`[${jobId}]`, ...args),\n    warn: (...args) => console.warn(`[${jobId}]`, ...args),\n  },\n};",
      filename: server,
      errors: [
        { messageId: 'noConsole', data: { name: 'console.info' }, line: 3, column: 24 },
        { messageId: 'noConsole', data: { name: 'console.warn' }, line: 4, column: 24 },
      ],
    },
    // Near-misses of a fallback logger object: used as the logger itself, handed to a job as its logger, a member
    // that is not a log method, declared and never used, a fallback whose own method is called.
    {
      code: 'const logger = { info: (a) => console.log(a) };\nlogger.info(\'started\');\nconst log = injected ?? logger;',
      filename: server,
      errors: [{ messageId: 'noConsole', data: { name: 'console.log' }, line: 1, column: 31 }],
    },
    {
      code: 'const jobLogger = { info: (...a) => console.info(a) };\nrun({ logger: jobLogger });',
      filename: server,
      errors: [{ messageId: 'noConsole', data: { name: 'console.info' }, line: 1, column: 37 }],
    },
    {
      code: 'const fallback = { info: (a) => console.log(a), format: (a) => String(a) };\nconst log = injected ?? fallback;',
      filename: server,
      errors: [{ messageId: 'noConsole', data: { name: 'console.log' }, line: 1, column: 33 }],
    },
    {
      code: 'const unused = { info: (a) => console.log(a) };\nconst log = (injected ?? { info: (a) => helper(a) }).info ?? { warn: console.warn(\'eager\') };',
      filename: server,
      errors: [
        { messageId: 'noConsole', data: { name: 'console.log' }, line: 1, column: 31 },
        { messageId: 'noConsole', data: { name: 'console.warn' }, line: 2, column: 70 },
      ],
    },
    // Near-misses of terminal output: a TTY check, a write, `columns` of something that is not process.stdout.
    {
      code: "const pretty = process.stdout.isTTY;\nconst width = options.stdout.columns ?? process.columns;\nconsole.log('started', pretty, width);",
      filename: server,
      errors: [{ messageId: 'noConsole', data: { name: 'console.log' }, line: 3, column: 1 }],
    },
    // Near-misses of a documented output helper: a doc that does not say so, a line comment, the class's doc only,
    // a debug-level log helper.
    {
      code: "/** Logs the failure. */\nfunction logFailure(err) { console.error(err); }\n// for debugging\nconst peek = (v) => { console.log(v); return v; };\n/** Helpers used for debugging. */\nclass Orders {\n  save(o) { console.info('saved', o.id); }\n}\n/** Writes a debug-level line. */\nconst debug = (m) => console.debug(m);",
      filename: server,
      errors: [
        { messageId: 'noConsole', data: { name: 'console.error' }, line: 2, column: 28 },
        { messageId: 'noConsole', data: { name: 'console.log' }, line: 4, column: 23 },
        { messageId: 'noConsole', data: { name: 'console.info' }, line: 7, column: 13 },
        { messageId: 'noConsole', data: { name: 'console.debug' }, line: 10, column: 22 },
      ],
    },
    // Near-misses of `.client.` modules: a `.client.` file outside a React Router / Remix package (a NestJS or
    // Express API client, novuhq/novu@74a2e9a packages/framework/src/servers/nest/nest.client.ts), the server module
    // next to it; a prompt library next to a server framework.
    // A library that depends on an argument parser's tokenizer only (`yargs-parser`) is no CLI.
    ...['server-app/src/payments/stripe.client.ts', 'react-router-app/server/api/ai/detect-fields.ts', 'server-with-cli-dep/src/app.ts', 'parser-lib/src/index.ts'].map((file) => ({
      code: "console.log('x');",
      filename: inPackage(file),
      options: noExemptFiles,
      errors: [{ messageId: 'noConsole' as const, line: 1, column: 1 }],
    })),
    // A console method passed as a callback logs: `.catch(console.error)` (Unleash/unleash@ceeb5a9
    // src/lib/features/scheduler/schedule-services.ts:162), an `onError` option.
    {
      code: "schedule(() => metrics.bulkAdd().catch(console.error));\nconst queue = new Queue({ onError: console.warn });",
      filename: server,
      errors: [
        { messageId: 'noConsole', data: { name: 'console.error' }, line: 1, column: 40 },
        { messageId: 'noConsole', data: { name: 'console.warn' }, line: 2, column: 36 },
      ],
    },
    // Handed-over look-alikes that do log: a call inside a fallback, a bound method, a plain alias assignment.
    {
      code: "const found = logger ?? console.log('no logger');\nconst log = console.log.bind(console);\nlogger = console;",
      filename: server,
      errors: [
        { messageId: 'noConsole', data: { name: 'console.log' }, line: 1, column: 25 },
        { messageId: 'noConsole', data: { name: 'console.log' }, line: 2, column: 13 },
        { messageId: 'noConsole', data: { name: 'console' }, line: 3, column: 10 },
      ],
    },
    // checkNonServerFiles: browser code reported too.
    {
      code: "'use client';\nconsole.log('clicked');",
      filename: server,
      options: [{ checkNonServerFiles: true }],
      errors: [{ messageId: 'noConsole', line: 2, column: 1 }],
    },
    {
      code: "console.log('User updated');",
      filename: server,
      errors: [{ messageId: 'noConsole', data: { name: 'console.log' }, line: 1, column: 1 }],
    },
    {
      code: 'export async function createOrder(input) {\n  try {\n    await save(input);\n  } catch (err) {\n    console.error(err);\n  }\n}',
      filename: server,
      errors: [{ messageId: 'noConsole', data: { name: 'console.error' }, line: 5, column: 5 }],
    },
    {
      code: 'const { log, error: logError } = console;\nlog("x");',
      filename: server,
      errors: [
        { messageId: 'noConsole', data: { name: 'console.log' }, line: 1, column: 9 },
        { messageId: 'noConsole', data: { name: 'console.error' }, line: 1, column: 14 },
      ],
    },
    {
      code: "const log = console.log;\nlog('x');",
      filename: server,
      errors: [{ messageId: 'noConsole', line: 1, column: 13 }],
    },
    {
      code: "globalThis.console.info('started');",
      filename: server,
      errors: [{ messageId: 'noConsole', data: { name: 'console.info' }, line: 1, column: 1 }],
    },
    {
      code: "window.console.warn('slow query');",
      filename: server,
      errors: [{ messageId: 'noConsole', data: { name: 'console.warn' }, line: 1, column: 1 }],
    },
    {
      code: "console['debug']('payload', body);",
      filename: server,
      errors: [{ messageId: 'noConsole', data: { name: 'console.debug' }, line: 1, column: 1 }],
    },
    {
      code: "const logger = console;\nlogger.info('x');",
      filename: server,
      errors: [{ messageId: 'noConsole', data: { name: 'console' }, line: 1, column: 16 }],
    },
    {
      code: "(console as Console).log('x');\nconsole!.info('y');",
      filename: server,
      errors: [
        { messageId: 'noConsole', line: 1, column: 1 },
        { messageId: 'noConsole', line: 2, column: 1 },
      ],
    },
    {
      code: "function handler(req) {\n  const console_ = 1;\n  console.dir(req.body, { depth: null });\n}",
      filename: server,
      errors: [{ messageId: 'noConsole', data: { name: 'console.dir' }, line: 3, column: 3 }],
    },
    {
      code: "console.log('x');\nconsole.error(err);",
      options: [{ allowedMethods: ['error'] }],
      filename: server,
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
      code: 'const a = { info: (m) => console.log(m), ...rest };\nconst b = { [level]: (m) => console.log(m) };\nconst log = injected ?? a ?? b;',
      filename: server,
      errors: [
        { messageId: 'noConsole', data: { name: 'console.log' }, line: 1, column: 26 },
        { messageId: 'noConsole', data: { name: 'console.log' }, line: 2, column: 29 },
      ],
    },
    {
      code: 'console[level](message);',
      filename: server,
      errors: [{ messageId: 'noConsole', data: { name: 'console' }, line: 1, column: 1 }],
    },
    {
      code: 'const out = new console.Console();',
      filename: server,
      errors: [{ messageId: 'noConsole', data: { name: 'console.Console' }, line: 1, column: 17 }],
    },
    {
      code: 'const { [key]: fn } = console;',
      filename: server,
      errors: [{ messageId: 'noConsole', data: { name: 'console' }, line: 1, column: 9 }],
    },
  ],
});

// Disable comments for ESLint's own `no-console` (which is not enabled here, so its directives are "unused").
new RuleTester({ linterOptions: { reportUnusedDisableDirectives: 'off' } }).run('no-console-log (disable comments)', rule, {
  valid: [
    // ESLint's own no-console disabled on the line: the team decided.
    { code: "console.log('banner'); // eslint-disable-line no-console", filename: server },
    { code: "// eslint-disable-next-line no-console -- the startup banner\nconsole.log('banner');", filename: server },
    { code: "/* eslint-disable no-console */\nconsole.log('a');\nconsole.info('b');", filename: server },
    { code: "// eslint-disable-next-line no-unused-vars, no-console\nconsole.log('banner');", filename: server },
  ],
  invalid: [
    // A disable comment for another rule, or on another line, is no decision about console.
    {
      code: "// eslint-disable-next-line no-unused-vars\nconsole.log('a');\nconsole.log('b'); // eslint-disable-line no-console\n/* eslint-disable no-console */\nconsole.log('c');\n/* eslint-enable no-console */\nconsole.log('d');",
      filename: server,
      errors: [
        { messageId: 'noConsole', line: 2, column: 1 },
        { messageId: 'noConsole', line: 7, column: 1 },
      ],
    },
  ],
});

describe('no-console-log: package.json facts follow changes (mtime)', () => {
  /** The rule's findings on one console call, linted as a file of `root` (absolute paths, as ESLint gives them). */
  const lint = (root: string): number =>
    new Linter({ cwd: root }).verify(
      "console.log('x');",
      [{ files: ['**/*.ts'], plugins: { fortress: { rules: { 'no-console-log': rule as never } } }, languageOptions: { parser: tsParser as never }, rules: { 'fortress/no-console-log': ['error', { exemptFiles: [] }] } }],
      { filename: path.join(root, 'src/queue.ts') },
    ).length;
  const later = (file: string, seconds: number): void => utimesSync(file, new Date(), new Date(Date.now() + seconds * 1000));

  it('sees an index.html added or removed next to vite.config, and a browser field added or removed, without a new process', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fortress-console-'));
    try {
      cpSync(inPackage('vite-library'), root, { recursive: true });
      const manifest = path.join(root, 'package.json');
      expect(lint(root)).toBe(1);
      writeFileSync(path.join(root, 'index.html'), '<!doctype html>\n');
      later(root, 5);
      expect(lint(root)).toBe(0);
      unlinkSync(path.join(root, 'index.html'));
      later(root, 10);
      expect(lint(root)).toBe(1);
      writeFileSync(manifest, '{ "name": "@acme/jobs", "browser": "./dist/browser.js" }');
      later(manifest, 15);
      expect(lint(root)).toBe(0);
      writeFileSync(manifest, '{ "name": "@acme/jobs" ');
      later(manifest, 20);
      expect(lint(root)).toBe(1);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
