// An editor keeps one ESLint instance for hours: a path alias added to tsconfig.json, or a migration added to the
// set, must change the findings of the next lint without a restart (issue 12, item 6). One `ESLint` object lints the
// same project before and after each change, as an editor integration does.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { ESLint, type Linter } from 'eslint';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { CACHE_CHECK_INTERVAL_MS } from '../../src/rules/utils/module-resolution.js';
import { DIALECT_CACHE_LIFETIME_MS } from '../../src/sql/dialect.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fortress-long-running-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(relative: string, text: string): void {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** The caches check the disk again at most once per interval: wait past it, as a user between two edits does. */
const pastTheCheckInterval = () => sleep(CACHE_CHECK_INTERVAL_MS + 200);

function runningEslint(): ESLint {
  return new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [...(plugin.configs.all as unknown as Linter.Config[])] });
}

async function ruleIdsOf(eslint: ESLint, file: string, rule: string): Promise<Array<{ line: number; message: string }>> {
  const [result] = await eslint.lintFiles([file]);
  return result!.messages.filter((message) => message.ruleId === rule).map(({ line, message }) => ({ line, message }));
}

describe('one ESLint instance sees the project change', () => {
  it('a path alias added to tsconfig.json makes an aliased deep import a cross-module finding', async () => {
    write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true } }));
    write('src/modules/orders/index.ts', "export { saveOrder } from './internal/repository';\n");
    write('src/modules/orders/internal/repository.ts', 'export function saveOrder(): void {}\n');
    write('src/modules/billing/index.ts', "import { saveOrder } from '@orders/internal/repository';\n\nexport const bill = saveOrder;\n");
    const eslint = runningEslint();

    // No alias yet: `@orders/…` is a package, not the orders module.
    expect(await ruleIdsOf(eslint, 'src/modules/billing/index.ts', 'fortress/no-cross-module-imports')).toEqual([]);

    write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, baseUrl: '.', paths: { '@orders/*': ['src/modules/orders/*'] } } }));
    await pastTheCheckInterval();
    const findings = await ruleIdsOf(eslint, 'src/modules/billing/index.ts', 'fortress/no-cross-module-imports');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.line).toBe(1);

    // And the alias taken away again.
    write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true } }));
    await pastTheCheckInterval();
    expect(await ruleIdsOf(eslint, 'src/modules/billing/index.ts', 'fortress/no-cross-module-imports')).toEqual([]);
  });

  it('a tsconfig.json added in a package folder replaces the root one for the files below it', async () => {
    write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true } }));
    write('packages/api/src/modules/orders/internal/repository.ts', 'export function saveOrder(): void {}\n');
    write('packages/api/src/modules/billing/index.ts', "import { saveOrder } from '~/modules/orders/internal/repository';\n\nexport const bill = saveOrder;\n");
    const eslint = runningEslint();
    expect(await ruleIdsOf(eslint, 'packages/api/src/modules/billing/index.ts', 'fortress/no-cross-module-imports')).toEqual([]);

    write('packages/api/tsconfig.json', JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '~/*': ['src/*'] } } }));
    await pastTheCheckInterval();
    expect(await ruleIdsOf(eslint, 'packages/api/src/modules/billing/index.ts', 'fortress/no-cross-module-imports')).toHaveLength(1);
  });

  it('a migration that adds the missing index silences the foreign-key finding of an earlier one', async () => {
    write(
      'migrations/001_orders.sql',
      'CREATE TABLE customers (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id));\n',
    );
    const eslint = runningEslint();
    expect(await ruleIdsOf(eslint, 'migrations/001_orders.sql', 'fortress/sql-require-foreign-key-index')).toHaveLength(1);

    write('migrations/002_orders_customer_index.sql', 'CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);\n');
    await pastTheCheckInterval();
    expect(await ruleIdsOf(eslint, 'migrations/001_orders.sql', 'fortress/sql-require-foreign-key-index')).toEqual([]);
  });

  it('a Prisma datasource switched from SQLite to PostgreSQL makes its migrations linted instead of skipped', async () => {
    const schema = (provider: string) => `datasource db {\n  provider = "${provider}"\n  url      = env("DATABASE_URL")\n}\n`;
    write('prisma/schema.prisma', schema('sqlite'));
    write('prisma/migrations/20240101000000_init/migration.sql', 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n');
    write('prisma/migrations/20240301000000_email_index/migration.sql', 'CREATE INDEX users_email_idx ON users (email);\n');
    const eslint = runningEslint();
    const file = 'prisma/migrations/20240301000000_email_index/migration.sql';
    expect(await ruleIdsOf(eslint, file, 'fortress/sql-require-concurrent-index')).toEqual([]);

    write('prisma/schema.prisma', schema('postgresql'));
    await sleep(DIALECT_CACHE_LIFETIME_MS + 200);
    expect(await ruleIdsOf(eslint, file, 'fortress/sql-require-concurrent-index')).toHaveLength(1);
  });
});
