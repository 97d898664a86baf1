// SQL in JavaScript/TypeScript migrations: the `fortress/migrations` processor of configs.all lints the `up` SQL of
// db-migrate, MikroORM, Knex, TypeORM, Sequelize and node-pg-migrate migrations with the SQL rules, at the literal's
// line and column; those migrations join the migration set (.sql files too). Real ESLint 10 and ESLint 9 on
// test/fixtures/code-migrations.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint, type Linter } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import fortress from '../../src/index.js';
import { clearCodeMigrationCache, codeMigrationSql, physicalMigrationPath } from '../../src/sql/code-migrations.js';
import { clearDeployedMigrationsCache } from '../../src/sql/deployed-migrations.js';
import { clearSchemaModelCache, migrationSetOf } from '../../src/sql/migrations.js';

const fixtures = fileURLToPath(new URL('../fixtures/code-migrations/', import.meta.url));

const TARGETS = new Set([
  'fortress/sql-no-set-not-null',
  'fortress/sql-no-column-type-change',
  'fortress/sql-require-concurrent-index',
  'fortress/sql-require-unique-using-index',
]);

beforeEach(() => {
  clearSchemaModelCache();
  clearCodeMigrationCache();
  clearDeployedMigrationsCache();
});

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

type Engine = typeof ESLint | typeof ESLint9;

/** `rule line:column` of the target rules' findings and of fatal errors, per file (relative, posix). */
async function lint(engine: Engine, cwd: string, patterns: string[], settings?: Record<string, unknown>, fix = false): Promise<Record<string, string[]>> {
  const config = [...fortress.configs.all, ...(settings ? [{ settings }] : [])] as Linter.Config[];
  const eslint = new engine({ cwd, overrideConfigFile: true, overrideConfig: config as never, fix });
  const results = await eslint.lintFiles(patterns);
  if (fix) await engine.outputFixes(results as never);
  const out: Record<string, string[]> = {};
  for (const result of results) {
    const messages = result.messages.filter((message) => message.fatal || (message.ruleId !== null && TARGETS.has(message.ruleId)) || message.ruleId === null);
    out[path.relative(cwd, result.filePath).split(path.sep).join('/')] = messages.map((message) => `${message.ruleId ?? (message.fatal ? 'fatal' : 'null')} ${message.line}:${message.column}`);
  }
  return out;
}

describe.each([
  ['ESLint 10', ESLint],
  ['ESLint 9', ESLint9],
])('code migrations with %s', (_name, engine) => {
  it('db-migrate: reports SET NOT NULL on an existing table at the literal, not in down, not on a table of the same migration, not outside a migration folder', async () => {
    const found = await lint(engine, path.join(fixtures, 'db-migrate'), ['.']);
    expect(found).toEqual({
      'migrations/20240101000000-init.js': [],
      'migrations/20250301000000-not-null.js': ['fortress/sql-no-set-not-null 7:42'],
      'migrations/20250401000000-new-table.js': [],
      // The `eslint-disable-next-line` of the .js file silences the SQL finding, and is not reported as unused.
      'migrations/20250501000000-disabled.js': [],
      'migrations/20250601000000-block-disabled.js': [],
      // A directive for another rule: the finding stays, and ESLint reports the directive as unused.
      'migrations/20250701000000-other-rule-disabled.js': ['null 3:3', 'fortress/sql-no-set-not-null 4:57'],
      'src/report.js': [],
    });
  });

  it('MikroORM (.ts): a type change and a CREATE INDEX without CONCURRENTLY on a table of an earlier migration', async () => {
    const found = await lint(engine, path.join(fixtures, 'mikro-orm'), ['.']);
    expect(found).toEqual({
      'src/migrations/Migration20240101000000.ts': [],
      'src/migrations/Migration20250301000000.ts': ['fortress/sql-no-column-type-change 6:50', 'fortress/sql-require-concurrent-index 7:7'],
    });
  });

  it('Knex (knex.raw, knex.schema.raw), TypeORM (queryRunner.query), Sequelize, node-pg-migrate (a + concatenation)', async () => {
    expect(await lint(engine, path.join(fixtures, 'knex'), ['.'])).toEqual({
      'migrations/20240101000000_init.js': [],
      'migrations/20250301000000_indexes.ts': ['fortress/sql-require-concurrent-index 4:26', 'fortress/sql-no-column-type-change 5:51'],
    });
    expect(await lint(engine, path.join(fixtures, 'typeorm'), ['.'])).toEqual({
      'src/migrations/1704067200000-Init.ts': [],
      'src/migrations/1740787200000-SlugIndex.ts': ['fortress/sql-require-concurrent-index 5:30'],
    });
    expect(await lint(engine, path.join(fixtures, 'sequelize'), ['.'])).toEqual({
      'migrations/20240101000000-init.js': [],
      'migrations/20250301000000-plan-not-null.js': ['fortress/sql-no-set-not-null 5:82'],
    });
    expect(await lint(engine, path.join(fixtures, 'node-pg-migrate'), ['.'])).toEqual({
      'migrations/1704067200000_init.js': [],
      'migrations/1740787200000_kind-not-null.js': ['fortress/sql-no-set-not-null 2:54'],
    });
  });

  it('one set with .sql files: a table of an earlier .sql file is existing in a .js migration, and one of a .js migration in a later .sql file', async () => {
    const cwd = path.join(fixtures, 'mixed');
    expect(await lint(engine, cwd, ['.'])).toEqual({
      'migrations/001_init.sql': [],
      'migrations/002_b.js': ['fortress/sql-no-set-not-null 4:34'],
      'migrations/003_alter.sql': ['fortress/sql-no-set-not-null 1:30'],
    });
    // deployedMigrations: 001 is deployed, 002.js is not: b is new in 003; a is existing in 002.
    expect(await lint(engine, cwd, ['.'], { fortress: { deployedMigrations: ['migrations/001_init.sql'] } })).toEqual({
      'migrations/001_init.sql': [],
      'migrations/002_b.js': ['fortress/sql-no-set-not-null 4:34'],
      'migrations/003_alter.sql': [],
    });
    // A deployed .js migration is not reported on.
    expect(await lint(engine, cwd, ['.'], { fortress: { deployedMigrations: { files: ['migrations/001_init.sql', 'migrations/002_b.js'] } } })).toEqual({
      'migrations/001_init.sql': [],
      'migrations/002_b.js': [],
      'migrations/003_alter.sql': ['fortress/sql-no-set-not-null 1:30'],
    });
  });

  it('malformed: a SQL syntax error and an unterminated SQL string are one finding each at their literal; holes in names, driver bindings (?) and fragments are skipped; a JS syntax error is ESLint’s own', async () => {
    const found = await lint(engine, path.join(fixtures, 'malformed'), ['.']);
    expect(found).toEqual({
      'migrations/20240101000000-init.js': [],
      'migrations/20250301000000-broken.js': ['fatal 5:42', 'fatal 6:38', 'fortress/sql-no-set-not-null 10:58'],
      'migrations/20250401000000-js-syntax.js': ['fatal 2:71'],
    });
  });
});

describe('configs.recommended and the seed updates of code migrations', () => {
  /** `rule line` of sql-no-unbatched-backfill's findings per file, under one of the shareable configs. */
  async function backfills(config: 'recommended' | 'all'): Promise<Record<string, string[]>> {
    const cwd = path.join(fixtures, 'seed-updates');
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [...fortress.configs[config]] as never });
    const out: Record<string, string[]> = {};
    for (const result of await eslint.lintFiles(['.'])) {
      out[path.relative(cwd, result.filePath).split(path.sep).join('/')] = result.messages
        .filter((message) => message.fatal || message.ruleId === 'fortress/sql-no-unbatched-backfill')
        .map((message) => `${message.ruleId ?? 'fatal'} ${message.line}`);
    }
    return out;
  }

  it('recommended leaves sql-no-unbatched-backfill off on the SQL of a .js migration, and on for .sql files of the same set', async () => {
    expect(await backfills('recommended')).toEqual({
      'migrations/20240101000000-init.js': [],
      'migrations/20250301000000-labels.js': [],
      'migrations/20250401000000-backfill.sql': ['fortress/sql-no-unbatched-backfill 1'],
    });
  });

  it('all reports the one-row seed update of the .js migration too', async () => {
    expect(await backfills('all')).toEqual({
      'migrations/20240101000000-init.js': [],
      'migrations/20250301000000-labels.js': ['fortress/sql-no-unbatched-backfill 5'],
      'migrations/20250401000000-backfill.sql': ['fortress/sql-no-unbatched-backfill 1'],
    });
  });
});

describe('fixes and suggestions', () => {
  it('maps a suggestion onto the literal when the inserted text needs no escaping', async () => {
    const eslint = new ESLint({ cwd: path.join(fixtures, 'typeorm'), overrideConfigFile: true, overrideConfig: [...fortress.configs.all] as never });
    const [result] = await eslint.lintFiles(['src/migrations/1740787200000-SlugIndex.ts']);
    const message = result!.messages.find((candidate) => candidate.ruleId === 'fortress/sql-require-concurrent-index')!;
    const text = readFileSync(path.join(fixtures, 'typeorm/src/migrations/1740787200000-SlugIndex.ts'), 'utf8');
    const fix = message.suggestions?.[0]?.fix;
    expect(fix).toBeDefined();
    const fixed = text.slice(0, fix!.range[0]) + fix!.text + text.slice(fix!.range[1]);
    expect(fixed).toContain('queryRunner.query(`CREATE UNIQUE INDEX CONCURRENTLY "IDX_article_slug" ON "article" ("slug")`)');
  });

  it('drops a suggestion whose place is an escape sequence of the literal', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fortress-code-fix-'));
    dirs.push(dir);
    mkdirSync(path.join(dir, 'migrations'));
    copyFileSync(path.join(fixtures, 'knex/migrations/20240101000000_init.js'), path.join(dir, 'migrations/20240101000000_init.js'));
    // `\x20` between INDEX and the name: the insertion point is inside an escape, it cannot be mapped exactly.
    writeFileSync(path.join(dir, 'migrations/20250301000000_index.js'), "exports.up = (knex) => knex.raw('CREATE INDEX\\x20orders_total_idx ON orders (total)');\n");
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [...fortress.configs.all] as never, fix: true });
    const results = await eslint.lintFiles(['migrations/20250301000000_index.js']);
    const message = results[0]!.messages.find((candidate) => candidate.ruleId === 'fortress/sql-require-concurrent-index')!;
    expect(message.line).toBe(1);
    expect(message.suggestions).toBeUndefined();
    expect(results[0]!.output).toBeUndefined();
  });
});

describe('extraction', () => {
  it('reads only the up direction, literal strings and consts of the file', () => {
    const code = [
      "const SQL = 'CREATE TABLE x (id int)';",
      'exports.up = async (db) => { await db.runSql(SQL); await db.other("ALTER TABLE x DROP COLUMN id"); };',
      "exports.down = (db) => db.runSql('DROP TABLE x');",
    ].join('\n');
    const found = codeMigrationSql(code, '/p/migrations/1_x.js');
    expect(found?.text).toBe('CREATE TABLE x (id int)');
    expect(codeMigrationSql('exports.down = (db) => db.runSql("DROP TABLE x");', '/p/migrations/2_x.js')).toBeUndefined();
    expect(codeMigrationSql('exports.up = (db) => db.runSql(', '/p/migrations/3_x.js')).toBeUndefined();
  });

  it('virtual block paths belong to the set of their file', () => {
    const block = path.join('/p/migrations/20250101000000-x.js', '1_fortress-migration.sql');
    expect(physicalMigrationPath(block)).toBe(path.join('/p/migrations/20250101000000-x.js'));
    expect(migrationSetOf(block)?.folder).toBe(path.normalize('/p/migrations'));
    expect(migrationSetOf('/p/src/services/x.js')).toBeUndefined();
  });
});
