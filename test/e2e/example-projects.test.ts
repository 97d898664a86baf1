// ESLint's Node API with `[...configs.recommended]` (source and .sql blocks) over the two example projects: the exact set of findings.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

import fortress from '../../src/index.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

async function findings(project: string): Promise<string[]> {
  const cwd = path.join(fixtures, project);
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [...fortress.configs.recommended] as never,
  });
  const results = await eslint.lintFiles(['.']);
  return results
    .flatMap((result) =>
      result.messages.map((message) => {
        const file = path.relative(cwd, result.filePath).split(path.sep).join('/');
        return `${message.ruleId ?? 'fatal'} ${file}:${message.line}`;
      }),
    )
    .sort();
}

describe('example projects linted with [...configs.recommended] (source files and .sql)', () => {
  it('layered Express + Prisma app', async () => {
    expect(await findings('layered-express-prisma')).toEqual(
      [
        'fortress/no-console-log src/server.ts:5',
        'fortress/no-console-log src/services/users.service.ts:12',
        'fortress/no-external-call-in-transaction src/services/users.service.ts:19',
        'fortress/no-horizontal-layers src/controllers/users.controller.ts:1',
        'fortress/no-horizontal-layers src/repositories/users.repository.ts:1',
        'fortress/no-horizontal-layers src/services/users.service.ts:1',
        'fortress/no-offset-pagination src/repositories/users.repository.ts:5',
        'fortress/no-offset-pagination src/repositories/users.repository.ts:12',
        'fortress/no-uuid-v4 src/services/users.service.ts:11',
        'fortress/require-input-validation src/app.ts:14',
        'fortress/sql-no-add-required-column prisma/migrations/20240201000000_orders/migration.sql:14',
        'fortress/sql-no-uuid-v4-primary-key prisma/migrations/20240101000000_init/migration.sql:3',
        'fortress/sql-require-foreign-key-index prisma/migrations/20240201000000_orders/migration.sql:11',
      ].sort(),
    );
  });

  it('vertical-slice Hono + Drizzle app', async () => {
    expect(await findings('sliced-hono-drizzle')).toEqual(
      [
        'fortress/no-console-log src/features/catalog/catalog.routes.ts:9',
        'fortress/no-cross-module-imports src/features/billing/billing.service.ts:5',
        'fortress/no-cross-module-imports src/features/billing/billing.service.ts:6',
        'fortress/no-external-call-in-transaction src/features/billing/billing.service.ts:12',
        'fortress/no-offset-pagination src/features/catalog/catalog.routes.ts:8',
        'fortress/no-offset-pagination src/features/orders/orders.repository.ts:23',
        'fortress/no-uuid-v4 src/features/orders/orders.schema.ts:4',
        'fortress/require-input-validation src/features/billing/billing.routes.ts:10',
        'fortress/require-input-validation src/features/catalog/catalog.routes.ts:14',
        'fortress/sql-no-uuid-v4-primary-key drizzle/0000_init.sql:7',
      ].sort(),
    );
  });
});
