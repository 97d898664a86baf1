// Issue 10: `.sql` files for another database (SQLite, MySQL, ClickHouse) next to PostgreSQL ones are skipped, never a
// fatal parse error, and said once per set by sql-unsupported-dialect (a warning in the configs). Layouts reduced from
// epicweb-dev/epic-stack@f64d690722d8260a055bb63b042de877ab3f6a18 (Prisma + SQLite) and made-up monorepo, drizzle-kit
// and knex projects (test/fixtures/sql-dialect/), linted by the real ESLint with `configs.recommended`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { clearDialectCache, dialectBySyntax, otherDialectOf, prismaDatasourceProvider, setting } from '../../src/sql/dialect.js';
import rule from '../../src/sql/rules/sql-unsupported-dialect.js';
import { expectSqlMalformed, lintSql, runSqlRuleTester } from '../sql/sql-rule-tester.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/sql-dialect');
const RULE = 'fortress/sql-unsupported-dialect';

type Finding = { file: string; ruleId: string | null; line: number; severity: number; fatal?: boolean; message: string };

async function lint(project: string, patterns = ['**/*.sql']): Promise<Finding[]> {
  const eslint = new ESLint({ cwd: path.join(FIXTURES, project), overrideConfigFile: true, overrideConfig: [...(plugin.configs.recommended as Iterable<Linter.Config>)] });
  const results = await eslint.lintFiles(patterns);
  return results.flatMap((result) =>
    result.messages.map(({ ruleId, line, severity, fatal, message }) => ({ file: path.relative(path.join(FIXTURES, project), result.filePath).split(path.sep).join('/'), ruleId, line, severity, fatal, message })),
  );
}

beforeEach(() => {
  clearDialectCache();
});

describe('sql-unsupported-dialect on real layouts', () => {
  it('Prisma + SQLite (epic-stack): the migrations and TypedSQL folders are skipped, each said once, as a warning', async () => {
    const findings = await lint('epic-sqlite');
    expect(findings.filter((finding) => finding.fatal)).toEqual([]);
    // No PostgreSQL rule runs on the SQLite set, though its first migration parses as PostgreSQL.
    expect(findings.map(({ file, ruleId, line, severity }) => ({ file, ruleId, line, severity }))).toEqual([
      { file: 'prisma/migrations/20250221233640_init/migration.sql', ruleId: RULE, line: 1, severity: 1 },
      { file: 'prisma/sql/searchUsers.sql', ruleId: RULE, line: 1, severity: 1 },
    ]);
    expect(findings[0]!.message).toBe(
      'The .sql files under prisma/migrations are SQLite, not PostgreSQL (prisma/migrations/migration_lock.toml names provider "sqlite"), so the fortress SQL rules skip them (this is said once, on the first file); to silence it, add "prisma/migrations/**" to the ignores of the fortress SQL config, or turn this rule off.',
    );
    expect(findings[1]!.message).toContain('(prisma/schema.prisma names provider "sqlite")');
  });

  it('a monorepo: the PostgreSQL Prisma set is linted, the ClickHouse folder and the MySQL dump are skipped and said once each', async () => {
    const findings = await lint('monorepo');
    expect(findings.filter((finding) => finding.fatal)).toEqual([]);
    const byRule = findings.map(({ file, ruleId }) => `${file} ${ruleId}`);
    expect(byRule).toContain('apps/api/prisma/migrations/20240102000000_add_name/migration.sql fortress/sql-no-add-required-column');
    expect(findings.filter((finding) => finding.ruleId === RULE).map(({ file, message }) => ({ file, message }))).toEqual([
      {
        file: 'apps/analytics/clickhouse/migrations/001_events.sql',
        message:
          'The .sql files under apps/analytics/clickhouse/migrations that do not parse as PostgreSQL look like ClickHouse (ENGINE = …MergeTree on line 7 of apps/analytics/clickhouse/migrations/001_events.sql), so the fortress SQL rules skip them (this is said once, on the first such file); if they are meant for PostgreSQL, fix their syntax, otherwise add "apps/analytics/clickhouse/migrations/**" to the ignores of the fortress SQL config.',
      },
      { file: 'apps/legacy/db/schema.sql', message: expect.stringContaining('look like MySQL (ENGINE=InnoDB on line 5 of apps/legacy/db/schema.sql)') },
    ]);
  });

  it('a drizzle-kit config naming dialect "mysql" skips its out folder, files that parse as PostgreSQL too', async () => {
    const findings = await lint('drizzle-mysql');
    expect(findings.map(({ file, ruleId }) => `${file} ${ruleId}`)).toEqual([`drizzle/0000_init.sql ${RULE}`]);
    expect(findings[0]!.message).toContain('MySQL, not PostgreSQL (drizzle.config.ts names dialect "mysql")');
  });

  it('a knexfile whose environments name sqlite3 and pg counts as PostgreSQL: linted', async () => {
    const findings = await lint('knex-envs');
    expect(findings.map(({ ruleId }) => ruleId)).toEqual(['fortress/sql-no-add-required-column']);
  });

  it('a knexfile whose client is not a literal is no evidence: PostgreSQL files are linted, a MySQL file is skipped by its syntax', async () => {
    const findings = await lint('knex-dynamic');
    expect(findings.map(({ file, ruleId }) => `${file} ${ruleId}`)).toEqual([
      'migrations/001_age.sql fortress/sql-no-add-required-column',
      `migrations/002_mysql.sql ${RULE}`,
    ]);
  });

  it('a schema.prisma without a datasource provider is no evidence: the set is linted as PostgreSQL', async () => {
    const findings = await lint('prisma-no-provider');
    expect(findings.map(({ ruleId }) => ruleId)).toEqual(['fortress/sql-no-add-required-column']);
  });
});

describe('sql-unsupported-dialect without evidence', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'fortress-dialect-'));
    mkdirSync(path.join(dir, '.git'));
    mkdirSync(path.join(dir, 'db'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function lintText(name: string, text: string): Promise<Linter.LintMessage[]> {
    writeFileSync(path.join(dir, 'db', name), text);
    clearDialectCache();
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [...(plugin.configs.recommended as Iterable<Linter.Config>)] });
    const [result] = await eslint.lintFiles([`db/${name}`]);
    return result!.messages;
  }

  it('a PostgreSQL syntax error stays one fatal parsing error (no marker of another database)', async () => {
    const messages = await lintText('broken.sql', 'CREATE TABLE t (id int;\n');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ fatal: true, ruleId: null });
  });

  it('a backquote inside a comment or a string is no marker: still a syntax error', async () => {
    const messages = await lintText('comment.sql', "-- see `docs`\nSELECT 'a`b`c';\nSELEC 1;\n");
    expect(messages).toMatchObject([{ fatal: true }]);
  });

  it('a SQLite file with AUTOINCREMENT is skipped with one warning', async () => {
    const messages = await lintText('sqlite.sql', 'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);\n');
    expect(messages).toMatchObject([{ ruleId: RULE, severity: 1, line: 1 }]);
    expect(messages[0]!.message).toContain('look like SQLite (AUTOINCREMENT on line 1 of db/sqlite.sql)');
  });

  it('a file that parses as PostgreSQL is linted even with a marker-like word in a string', async () => {
    const messages = await lintText('fine.sql', "SELECT 'ENGINE = MergeTree' AS note;\n");
    expect(messages).toEqual([]);
  });
});

describe('dialect helpers', () => {
  it('reads the datasource provider, not a generator\'s; none when absent or not a literal', () => {
    expect(prismaDatasourceProvider('generator client {\n  provider = "prisma-client-js"\n}\ndatasource db {\n  provider = "mysql"\n}\n')).toBe('mysql');
    expect(prismaDatasourceProvider('generator client {\n  provider = "prisma-client-js"\n}\n')).toBeUndefined();
    expect(prismaDatasourceProvider('datasource db {\n  provider = env("PROVIDER")\n}\n')).toBeUndefined();
    expect(prismaDatasourceProvider('datasource db {\n')).toBeUndefined();
  });

  it('reads a config setting only as a whole key with a literal value', () => {
    expect(setting("export default { dialect: 'sqlite' }", 'dialect')).toBe('sqlite');
    expect(setting('module.exports = { dbclient: "mysql", client: "pg" }', 'client')).toBe('pg');
    expect(setting('module.exports = { client: process.env.CLIENT }', 'client')).toBeUndefined();
    expect(setting('', 'client')).toBeUndefined();
  });

  it('recognises the markers of each dialect, and none in PostgreSQL', () => {
    expect(dialectBySyntax('CREATE TABLE t (x Int32) ENGINE = ReplicatedMergeTree ORDER BY x;')?.dialect).toBe('ClickHouse');
    expect(dialectBySyntax('CREATE TABLE t (id int AUTO_INCREMENT);')?.dialect).toBe('MySQL');
    expect(dialectBySyntax('PRAGMA foreign_keys=OFF;')?.dialect).toBe('SQLite');
    expect(dialectBySyntax('CREATE TABLE t (id int PRIMARY KEY) WITHOUT ROWID;')?.dialect).toBe('SQLite');
    expect(dialectBySyntax('CREATE TABLE "t" ("id" serial PRIMARY KEY); /* ENGINE=InnoDB */')).toBeUndefined();
  });

  it('never throws on a path that does not exist', () => {
    expect(otherDialectOf(path.join(tmpdir(), 'no-such-dir-fortress', 'x.sql'), 'SELEC 1', false)).toBeUndefined();
  });
});

describe('sql-unsupported-dialect in ESLint\'s RuleTester', () => {
  // RuleTester checks that each case parses as PostgreSQL, so only files that do are cases here: the rule is silent on them.
  runSqlRuleTester('sql-unsupported-dialect', rule, {
    valid: ['CREATE TABLE events (id uuid PRIMARY KEY, at timestamptz NOT NULL);', "SELECT '`x`' AS quoted, 'ENGINE=InnoDB' AS text;", ''],
    invalid: [],
  });

  it('a ClickHouse file linted alone (no folder on disk) gets its one warning, no parsing error', () => {
    expect(lintSql('sql-unsupported-dialect', rule, 'CREATE TABLE e (x Int32) ENGINE = MergeTree ORDER BY x;', undefined, 'clickhouse/001.sql')).toMatchObject([
      { ruleId: RULE, line: 1, column: 1, message: expect.stringContaining('look like ClickHouse (ENGINE = …MergeTree on line 1 of clickhouse/001.sql)') },
    ]);
  });

  it('a PostgreSQL syntax error without a marker stays one fatal parsing error', () => {
    expectSqlMalformed('sql-unsupported-dialect', rule, 'CREATE TABLE t (id int;');
  });
});
