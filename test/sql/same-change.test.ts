// Issue 10: without settings.fortress.deployedMigrations, a table created by an earlier migration of the set less than
// a day before the linted one (timestamps in the names, as Prisma writes them) is the same change split in several
// migrations: new, not existing (documenso/documenso@75330166cc00b29c14399bc2e391e4b4d8080c00 creates WebhookCall and
// adds a required column 1.5 hours later). Also: Prisma's layout in a `migration/` folder outside `prisma/` is a set
// (formbricks/formbricks@b66c1dd978af618a0e402bd3343b456bed68594c). Real ESLint, real files in a temp dir.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { migrationTimestamp } from '../../src/sql/deployed-migrations.js';
import { clearSchemaModelCache } from '../../src/sql/migrations.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fortress-same-change-'));
  mkdirSync(path.join(dir, '.git'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function lint(files: Record<string, string>, linted: string, settings: Record<string, unknown> = {}): Promise<string[]> {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  clearSchemaModelCache();
  const config: Linter.Config = { ...(plugin.configs['recommended-sql'] as Linter.Config), settings };
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [config] });
  const [result] = await eslint.lintFiles([linted]);
  return result!.messages.map((message) => `${message.ruleId}:${message.line}`);
}

const CREATE = 'CREATE TABLE "Job" ("id" TEXT NOT NULL, CONSTRAINT "Job_pkey" PRIMARY KEY ("id"));\n';
const ADD = 'ALTER TABLE "Job" ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL;\n';

describe('the same change split in several migrations', () => {
  it('a table created 1.5 hours earlier is new; 4 days earlier it is existing', async () => {
    const files = {
      'db/migration/20240516022236_create_job/migration.sql': CREATE,
      'db/migration/20240516034546_job_updated_at/migration.sql': ADD,
      'db/migration/20240520000000_job_name/migration.sql': 'ALTER TABLE "Job" ADD COLUMN "name" TEXT NOT NULL;\n',
    };
    expect(await lint(files, 'db/migration/20240516034546_job_updated_at/migration.sql')).toEqual([]);
    expect(await lint(files, 'db/migration/20240520000000_job_name/migration.sql')).toEqual(['fortress/sql-no-add-required-column:1']);
  });

  it('names without timestamps keep the table existing (no window to read)', async () => {
    const files = { 'plain/migrations/0001_create.sql': CREATE, 'plain/migrations/0002_add.sql': ADD };
    expect(await lint(files, 'plain/migrations/0002_add.sql')).toEqual(['fortress/sql-no-add-required-column:1']);
  });

  it('with deployedMigrations set, the setting decides, not the window', async () => {
    const files = {
      'set/migration/20240516022236_create_job/migration.sql': CREATE,
      'set/migration/20240516034546_job_updated_at/migration.sql': ADD,
    };
    const settings = { fortress: { deployedMigrations: ['set/migration/20240516022236_create_job/migration.sql'] } };
    expect(await lint(files, 'set/migration/20240516034546_job_updated_at/migration.sql', settings)).toEqual(['fortress/sql-no-add-required-column:1']);
  });
});

describe('migrationTimestamp', () => {
  it('reads YYYYMMDDHHMMSS and 13-digit epochs; nothing else', () => {
    expect(migrationTimestamp('20240516030441_add/migration.sql')).toBe(Date.UTC(2024, 4, 16, 3, 4, 41));
    expect(migrationTimestamp('1610000000000_init.sql')).toBe(1610000000000);
    expect(migrationTimestamp('0001_init.sql')).toBeUndefined();
    expect(migrationTimestamp('20241399999999_bad/migration.sql')).toBeUndefined();
    expect(migrationTimestamp('v2/x20240516030441y.sql')).toBeUndefined();
    expect(migrationTimestamp('')).toBeUndefined();
  });
});
