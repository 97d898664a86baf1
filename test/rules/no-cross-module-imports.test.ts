import { fileURLToPath } from 'node:url';

import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/no-cross-module-imports.js';
import { clearModuleResolutionCache, moduleResolutionStats } from '../../src/rules/utils/module-resolution.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();
const fixture = (project: string, file: string): string =>
  fileURLToPath(new URL(`../fixtures/${project}/${file}`, import.meta.url));
const app = (file: string): string => fixture('module-boundaries', file);
const mono = (file: string): string => fixture('monorepo', file);
const nest = (file: string): string => fixture('nest-modules', file);

const ORDERS = app('src/modules/orders/orders.service.ts');
const CHECKOUT = app('src/features/checkout/index.ts');
const internal = (line: number, column: number) => ({ messageId: 'internalImport', line, column }) as const;
const strict = (line: number, column: number) => ({ messageId: 'crossModuleImport', line, column }) as const;
/** The finding on a tsconfig whose `extends` cannot be read (RuleTester's cwd is `/`: the path is shown absolute). */
const brokenTsconfig = (tsconfig: string, problem: string) =>
  ({ messageId: 'tsconfigProblem', line: 1, column: 1, data: { tsconfig: mono(tsconfig), problem } }) as const;

ruleTester.run('no-cross-module-imports', rule, {
  valid: [
    // NestJS feature modules: another module's module file is its public entry; the root module wires modules together.
    { code: "import { UsersModule } from '../users/users.module';", filename: nest('src/orders/orders.service.ts') },
    {
      code: "import { UsersModule } from './users/users.module';\nimport { UsersService } from './users/users.service';",
      filename: nest('src/app.module.ts'),
    },
    { code: "import { CreateUserDto } from './dto/create-user.dto';", filename: nest('src/users/users.service.ts') },
    // A provider the other module exports (`exports: [UsersService]`), and a @Global() module's files.
    { code: "import { UsersService } from '../users/users.service';", filename: nest('src/orders/orders.service.ts') },
    { code: "import { PrismaService } from '../prisma/prisma.service';", filename: nest('src/orders/orders.service.ts') },
    // The DI contract: the importer's module file imports the provider's module (orders: `forwardRef(() => UsersModule)`
    // next to `ConfigModule.forRoot({ load: [...] })`), or imports a module that re-exports it (reports imports
    // TeamsModule through the tsconfig baseUrl; TeamsModule exports UsersModule), or its imports are not readable
    // (audit-log: `imports: [...sharedModules]`; broken: a module file cut off inside its list).
    { code: "import { TeamsService } from 'src/teams/teams.service';\nimport { UsersService } from '../users/users.service';", filename: nest('src/reports/reports.service.ts') },
    { code: "import { UsersService } from '../users/users.service';", filename: nest('src/audit-log/audit-log.service.ts') },
    { code: "import { UsersService } from '../users/users.service';", filename: nest('src/broken/broken.service.ts') },
    // A @Global() module's provider needs no import.
    { code: "import { PrismaService } from '../prisma/prisma.service';", filename: nest('src/billing/billing.service.ts') },
    // Test files wire modules together (checkTests: false by default).
    { code: "import { UsersRepository } from '../users/users.repository';", filename: nest('src/orders/orders.service.spec.ts') },
    { code: "import { UsersRepository } from '../../users/users.repository';", filename: nest('src/orders/e2e/orders.e2e.ts') },
    // Without nestModules, a folder with a module file is not a module.
    { code: "import { UsersService } from '../users/users.service';", filename: nest('src/orders/orders.service.ts'), options: [{ nestModules: false }] },
    // A module file of a folder that is not on disk; an import into a folder without a module file.
    { code: "import { A } from '../gone/gone.service';", filename: nest('src/orders/orders.service.ts') },
    { code: "import { B } from '../main';", filename: nest('src/orders/orders.service.ts') },
    // Another module's public entry: its folder or its index file, relative or aliased.
    { code: "import { charge } from '../payments/index.js';", filename: ORDERS },
    { code: "import { charge } from '@/modules/payments';", filename: ORDERS },
    { code: "import { charge } from '@/modules/payments/index';", filename: ORDERS },
    { code: "export { charge } from '../payments';", filename: ORDERS },
    { code: "import { placeOrder } from '#orders-alias';", filename: app('src/modules/payments/handler.ts') },
    // Inside one's own module, anything goes.
    { code: "import { price } from './internal/pricing.js';", filename: ORDERS },
    { code: "import { price } from '@/modules/orders/internal/pricing';", filename: ORDERS },
    // The shared kernel (src/shared, and a `shared` folder among the modules) and packages.
    { code: "import { db } from '@/shared/db';", filename: ORDERS },
    { code: "import { log } from '@/modules/shared/logger';", filename: ORDERS },
    {
      code: "import { z } from 'zod';\nimport fs from 'node:fs';\nimport x from 'https://esm.sh/x';\nimport lodash from 'lodash';",
      filename: ORDERS,
    },
    // Files outside every module (composition root, the modules barrel) may wire modules together.
    { code: "import { price } from '@/modules/orders/internal/pricing';", filename: app('src/main.ts') },
    { code: "export * from './payments/internal/gateway.js';", filename: app('src/modules/index.ts') },
    // Near-misses: similar folder names that are not module roots, `require.resolve`, a local `require`.
    { code: "import { x } from '../../modules-legacy/payments/internal/x';", filename: ORDERS },
    { code: "const p = require.resolve('../payments/internal/gateway');", filename: ORDERS },
    {
      code: "function require(id: string) { return id; }\nrequire('../payments/internal/gateway');",
      filename: ORDERS,
    },
    {
      code: "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nrequire('../payments/handler');",
      filename: ORDERS,
    },
    // Options.
    {
      code: "import type { Gateway } from '@/modules/payments/internal/gateway';",
      filename: ORDERS,
      options: [{ allowTypeImports: true }],
    },
    {
      code: "import { type Gateway } from '../payments/internal/gateway';\nexport type { Charge } from '../payments/handler';",
      filename: ORDERS,
      options: [{ allowTypeImports: true }],
    },
    {
      code: "import { x } from '../payments/internal/gateway';",
      filename: ORDERS,
      options: [{ sharedPaths: ['**/payments'] }],
    },
    { code: "import { x } from '../payments/internal/gateway';", filename: ORDERS, options: [{ moduleRoots: ['src/domains/*'] }] },
    { code: "import { h } from '../helpers.js';", filename: ORDERS, options: [{ allowPublicApi: false }] },
    // Monorepo: each package's own tsconfig. The worker has no `@/*` alias, so this is a package name there.
    { code: "import { invoice } from '@/modules/billing/internal/invoice';", filename: mono('apps/worker/src/modules/jobs/run.ts') },
    { code: "import { id } from '@acme/shared';", filename: mono('apps/api/src/modules/orders/handler.ts') },
    { code: "import { now } from '@acme/shared/internal/clock';", filename: mono('apps/api/src/modules/orders/handler.ts') },
    { code: "import { invoice } from '@/modules/billing';", filename: mono('apps/api/src/modules/orders/handler.ts') },
    // Malformed or partial code and odd inputs.
    { code: '', filename: ORDERS },
    { code: 'const m = await import(name);\nconst n = await import(`../payments/${name}`);', filename: ORDERS },
    { code: "import x from '';\nrequire();\nrequire(42);", filename: ORDERS },
    { code: "import { charge } from '../payments/internal/gateway';", filename: '<input>' },
    { code: "import { charge } from '../payments/internal/gateway';", filename: '<text>' },
  ],
  invalid: [
    {
      // NestJS feature modules: another module's provider it does not export, or its DTO
      code: "import { UsersRepository } from '../users/users.repository';\nimport { CreateUserDto } from '../users/dto/create-user.dto';",
      filename: nest('src/orders/orders.service.ts'),
      errors: [internal(1, 33), internal(2, 31)],
    },
    {
      code: "import { UsersRepository } from '../users/users.repository';",
      filename: nest('src/orders/orders.service.spec.ts'),
      options: [{ checkTests: true }],
      errors: [internal(1, 33)],
    },
    {
      // An exported provider of a module the importer's module file does not import (billing imports no module):
      // not injectable there, so not that module's public API for billing.
      code: "import { UsersService } from '../users/users.service';",
      filename: nest('src/billing/billing.service.ts'),
      errors: [{ messageId: 'providerNotImported', line: 1, column: 30, data: { from: 'billing', to: 'users', specifier: '../users/users.service' } }],
    },
    {
      code: "import { TeamsService } from '../teams/teams.service';",
      filename: nest('src/billing/billing.service.ts'),
      errors: [{ messageId: 'providerNotImported', line: 1, column: 30 }],
    },
    {
      // strict mode reports the exported provider like any cross-module import
      code: "import { UsersService } from '../users/users.service';",
      filename: nest('src/orders/orders.service.ts'),
      options: [{ allowPublicApi: false }],
      errors: [strict(1, 30)],
    },
    {
      // src/lib/features/* and Nx apps/*/src/app/*
      code: "import { invoice } from '../invoices/invoices';",
      filename: nest('src/lib/features/billing/billing.ts'),
      errors: [{ ...internal(1, 25), data: { from: 'billing', to: 'invoices', specifier: '../invoices/invoices' } }],
    },
    {
      code: "import { members } from '../members/members';",
      filename: nest('apps/api/src/app/teams/teams.service.ts'),
      errors: [internal(1, 25)],
    },
    { code: "import { charge } from '../payments/internal/gateway.js';", filename: ORDERS, errors: [internal(1, 24)] },
    {
      code: "import { charge } from '@/modules/payments/internal/gateway';",
      filename: ORDERS,
      errors: [{ ...internal(1, 24), data: { from: 'orders', to: 'payments', specifier: '@/modules/payments/internal/gateway' } }],
    },
    { code: "import { handler } from '@payments/handler';", filename: ORDERS, errors: [internal(1, 25)] },
    { code: "export { charge } from '../payments/internal/gateway.js';", filename: ORDERS, errors: [internal(1, 24)] },
    { code: "export * from '@/modules/payments/handler';", filename: ORDERS, errors: [internal(1, 15)] },
    { code: "export * as payments from '../payments/handler';", filename: ORDERS, errors: [internal(1, 27)] },
    { code: "const m = await import('../payments/handler.js');", filename: ORDERS, errors: [internal(1, 24)] },
    { code: 'const m = await import(`@/modules/payments/handler`);', filename: ORDERS, errors: [internal(1, 24)] },
    { code: "const { handler } = require('../payments/handler');", filename: ORDERS, errors: [internal(1, 29)] },
    { code: "import gateway = require('../payments/internal/gateway');", filename: ORDERS, errors: [internal(1, 26)] },
    // Types couple modules too (opt out with allowTypeImports).
    { code: "import type { Gateway } from '@/modules/payments/internal/gateway';", filename: ORDERS, errors: [internal(1, 30)] },
    { code: "type G = import('../payments/internal/gateway').Gateway;", filename: ORDERS, errors: [internal(1, 17)] },
    // The target need not exist on disk.
    { code: "import { ghost } from '@/modules/billing/internal/ghost';", filename: ORDERS, errors: [internal(1, 23)] },
    // Slices under src/features are modules too, in both directions.
    { code: "import { price } from '@/modules/orders/internal/pricing';", filename: CHECKOUT, errors: [internal(1, 23)] },
    { code: "import { confirm } from '../../features/checkout/steps/confirm';", filename: ORDERS, errors: [internal(1, 25)] },
    // Same folder name in two roots: the message names them by path.
    {
      code: "import { price } from '@/modules/orders/internal/pricing';",
      filename: app('src/features/orders/x.ts'),
      errors: [{ ...internal(1, 23), data: { from: 'src/features/orders', to: 'src/modules/orders', specifier: '@/modules/orders/internal/pricing' } }],
    },
    // Several imports: each is reported at its specifier.
    {
      code: "import { a } from './internal/pricing';\nimport { b } from '../payments/handler';\n\nexport { c } from '../../features/checkout/steps/confirm';",
      filename: ORDERS,
      errors: [internal(2, 19), internal(4, 19)],
    },
    // allowPublicApi: false — modules talk through events only.
    { code: "import { charge } from '@/modules/payments';", filename: ORDERS, options: [{ allowPublicApi: false }], errors: [strict(1, 24)] },
    { code: "import { charge } from '../payments/index.js';", filename: ORDERS, options: [{ allowPublicApi: false }], errors: [strict(1, 24)] },
    { code: "import { placeOrder } from '#orders-alias';", filename: CHECKOUT, options: [{ allowPublicApi: false }], errors: [strict(1, 28)] },
    // …but an event contract of the other module (the importer subscribes to it): the advice is the shared kernel,
    // not "publish an event", which would be backwards.
    { code: "import { PaymentCapturedEvent } from '@/modules/payments';", filename: ORDERS, options: [{ allowPublicApi: false }], errors: [{ messageId: 'eventImport', line: 1, column: 38 }] },
    { code: "import { onCaptured } from '../payments/events/captured';", filename: ORDERS, options: [{ allowPublicApi: false }], errors: [{ messageId: 'eventImport', line: 1, column: 28 }] },
    { code: "export { PAYMENT_EVENTS } from '../payments/index.js';", filename: ORDERS, options: [{ allowPublicApi: false }], errors: [{ messageId: 'eventImport', line: 1, column: 32 }] },
    // An event path with the default options is an internal import like any other.
    { code: "import { onCaptured } from '../payments/events/captured';", filename: ORDERS, errors: [internal(1, 28)] },
    // Near-misses: "prevent", "eventual" are not events.
    { code: "import { preventFraud } from '../payments/prevent-fraud';", filename: ORDERS, options: [{ allowPublicApi: false }], errors: [strict(1, 30)] },
    { code: "import { eventually } from '../payments/eventual';", filename: ORDERS, options: [{ allowPublicApi: false }], errors: [strict(1, 28)] },
    // Custom module roots; the importer need not exist either.
    {
      code: "import { y } from '../billing/internal/y';",
      filename: app('src/domains/orders/x.ts'),
      options: [{ moduleRoots: ['src/domains/*'] }],
      errors: [internal(1, 19)],
    },
    // Monorepos: the package's own tsconfig paths decide.
    {
      code: "import { invoice } from '@/modules/billing/internal/invoice';",
      filename: mono('apps/api/src/modules/orders/handler.ts'),
      errors: [internal(1, 25)],
    },
    {
      code: "import { send } from '~/modules/mailer/internal/smtp';",
      filename: mono('apps/worker/src/modules/jobs/run.ts'),
      errors: [internal(1, 22)],
    },
    // Broken tsconfigs: relative imports are still resolved; a syntax error is parsed leniently. A missing or circular
    // `extends` is said (on the first file linted under that tsconfig: here every case has the same file), and the
    // aliases that the readable files of the chain give are still resolved.
    {
      code: "import { b } from '../b/internal/b';",
      filename: mono('apps/broken-extends/src/modules/a/a.ts'),
      errors: [brokenTsconfig('apps/broken-extends/tsconfig.json', "File './does-not-exist.json' not found"), internal(1, 19)],
    },
    // Its own `paths` need a `baseUrl` (`src/*` is not relative), which was in no readable file: nothing guessed.
    {
      code: "import { b } from '@/modules/b/internal/b';",
      filename: mono('apps/broken-extends/src/modules/a/a.ts'),
      errors: [brokenTsconfig('apps/broken-extends/tsconfig.json', "File './does-not-exist.json' not found")],
    },
    {
      code: "import { b } from '@/modules/b/internal/b';",
      filename: mono('apps/circular-extends/src/modules/a/a.ts'),
      errors: [brokenTsconfig('apps/circular-extends/tsconfig.json', `Circularity detected while resolving configuration: ${mono('apps/circular-extends/tsconfig.base.json')}`), internal(1, 19)],
    },
    {
      code: "import { b } from '@/modules/b/internal/b';",
      filename: mono('apps/broken-syntax/src/modules/a/a.ts'),
      errors: [internal(1, 19)],
    },
    // Partial code around a real finding.
    {
      code: "// @ts-nocheck\nimport {} from '../payments/handler';\nconst m = import(name);",
      filename: ORDERS,
      errors: [internal(2, 16)],
    },
    // Windows paths.
    {
      code: "import { charge } from '..\\\\payments\\\\internal\\\\gateway';",
      filename: 'C:\\repo\\src\\modules\\orders\\x.ts',
      errors: [internal(1, 24)],
    },
  ],
});

describe('no-cross-module-imports: tsconfig lookups are cached per process', () => {
  const lint = (filename: string, code: string): number =>
    new Linter()
      .verify(
        code,
        [
          {
            files: ['**/*.ts'],
            plugins: { fortress: { rules: { 'no-cross-module-imports': rule } } as never },
            languageOptions: { parser: tsParser as never },
            rules: { 'fortress/no-cross-module-imports': 'error' },
          },
        ],
        { filename },
      )
      .filter((message) => message.ruleId === 'fortress/no-cross-module-imports').length;

  it('looks up a directory once and parses each tsconfig once, however many files are linted', () => {
    clearModuleResolutionCache();
    const code = "import { charge } from '@/modules/payments/internal/gateway';\nimport { z } from 'zod';";
    for (let run = 0; run < 5; run++) expect(lint(app(`src/modules/orders/file-${run}.ts`), code)).toBe(1);
    expect(moduleResolutionStats).toEqual({ directoryLookups: 1, tsconfigsLoaded: 1 });
    expect(lint(app('src/features/checkout/x.ts'), code)).toBe(1);
    expect(lint(app('src/modules/orders/internal/y.ts'), code)).toBe(1);
    expect(moduleResolutionStats).toEqual({ directoryLookups: 3, tsconfigsLoaded: 1 });
    // Another package of a monorepo has its own tsconfig.
    expect(lint(mono('apps/api/src/modules/orders/handler.ts'), "import '@/modules/billing/internal/invoice';")).toBe(1);
    expect(moduleResolutionStats).toEqual({ directoryLookups: 4, tsconfigsLoaded: 2 });
  });

  it('says a tsconfig cannot be fully read once: on the first file linted under it, each time that file is linted', () => {
    clearModuleResolutionCache();
    const code = "import { b } from '@/modules/b/internal/b';";
    const first = mono('apps/circular-extends/src/modules/a/a.ts');
    const other = mono('apps/circular-extends/src/modules/a/other.ts');
    expect(lint(first, code)).toBe(2); // the tsconfig's problem and the import through its alias
    expect(lint(other, code)).toBe(1);
    expect(lint(first, code)).toBe(2);
  });

  it('does not look up any tsconfig for files outside every module', () => {
    clearModuleResolutionCache();
    expect(lint(app('src/main.ts'), "import { price } from '@/modules/orders/internal/pricing';")).toBe(0);
    expect(moduleResolutionStats.directoryLookups).toBe(0);
  });
});
