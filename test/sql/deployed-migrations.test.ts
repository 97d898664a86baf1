// settings.fortress.deployedMigrations on the migration rules: real files in temp dirs and real git for `{ ref }`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { Linter } from 'eslint';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { clearDeployedMigrationsCache, REF_CHECK_INTERVAL_MS } from '../../src/sql/deployed-migrations.js';
import { clearSchemaModelCache } from '../../src/sql/migrations.js';

const OLD = 'CREATE TABLE a (id bigint PRIMARY KEY);\n';
const SAME_CHANGE = 'CREATE TABLE b (id bigint PRIMARY KEY);\n';
const ALTER_B = 'ALTER TABLE b ADD COLUMN x text NOT NULL;\n';
const ALTER_A = 'ALTER TABLE a ADD COLUMN y text NOT NULL;\n';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  clearSchemaModelCache();
  clearDeployedMigrationsCache();
});

/** A project with migrations 001 (creates a), 002 (creates b), 003 (alters b then a). */
function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fortress-deployed-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'migrations'));
  writeFileSync(path.join(dir, 'migrations/001_a.sql'), OLD);
  writeFileSync(path.join(dir, 'migrations/002_b.sql'), SAME_CHANGE);
  writeFileSync(path.join(dir, 'migrations/003_alter.sql'), ALTER_B + ALTER_A);
  return dir;
}

/** The project as a git repository: main holds 001; the checked-out branch `feature` adds 002 and 003. */
function projectOnFeatureBranch(): string {
  const dir = project();
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', 'migrations/001_a.sql');
  git(dir, 'commit', '-q', '-m', 'a');
  git(dir, 'checkout', '-q', '-b', 'feature');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'b');
  return dir;
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'ignore' });
}

/** Lints `file` of `dir` with the rules given (`error`) and the settings; returns `ruleId line:message-start`. */
function lint(dir: string, file: string, rules: string[], settings?: Record<string, unknown>): string[] {
  const linter = new Linter({ cwd: dir });
  const config: Linter.Config[] = [
    {
      files: ['**/*.sql'],
      plugins: { fortress: plugin as never },
      language: 'fortress/sql',
      rules: Object.fromEntries(rules.map((rule) => [`fortress/${rule}`, 'error'])),
      ...(settings ? { settings } : {}),
    },
  ];
  const text = (
    {
      'migrations/001_a.sql': OLD,
      'migrations/002_b.sql': SAME_CHANGE,
      'migrations/003_alter.sql': ALTER_B + ALTER_A,
    } as Record<string, string>
  )[file]!;
  return linter.verify(text, config, { filename: path.join(dir, file) }).map((message) => `${message.ruleId} ${message.line}:${message.message}`);
}

const ADD = ['sql-no-add-required-column'];
const onA = expect.stringMatching(/^fortress\/sql-no-add-required-column 2:Adding NOT NULL column "y" .* existing table a /);
const onB = expect.stringMatching(/^fortress\/sql-no-add-required-column 1:Adding NOT NULL column "x" .* existing table b /);

describe('settings.fortress.deployedMigrations', () => {
  it('absent: a table the file did not create is existing, as before (b and a both reported)', () => {
    const dir = project();
    expect(lint(dir, 'migrations/003_alter.sql', ADD)).toEqual([onB, onA]);
  });

  it('a list: b, created by the undeployed 002, is new; a, created by the deployed 001, is existing', () => {
    const dir = project();
    expect(lint(dir, 'migrations/003_alter.sql', ADD, { fortress: { deployedMigrations: ['migrations/001_a.sql'] } })).toEqual([onA]);
    expect(lint(dir, 'migrations/003_alter.sql', ADD, { fortress: { deployedMigrations: { files: ['migrations/001_*.sql'] } } })).toEqual([onA]);
  });

  it('a list naming 002 too: b was created by a deployed migration, so it is existing', () => {
    const dir = project();
    const settings = { fortress: { deployedMigrations: { files: ['migrations/001_a.sql', 'migrations/002_b.sql'] } } };
    expect(lint(dir, 'migrations/003_alter.sql', ADD, settings)).toEqual([onB, onA]);
  });

  it('an empty list: every migration of the set is undeployed; a table the set never creates is still existing', () => {
    const dir = project();
    writeFileSync(path.join(dir, 'migrations/004_c.sql'), 'ALTER TABLE c ADD COLUMN z text NOT NULL;\n');
    expect(lint(dir, 'migrations/003_alter.sql', ADD, { fortress: { deployedMigrations: [] } })).toEqual([]);
    const linter = new Linter({ cwd: dir });
    const messages = linter.verify(
      'ALTER TABLE c ADD COLUMN z text NOT NULL;\n',
      [{ files: ['**/*.sql'], plugins: { fortress: plugin as never }, language: 'fortress/sql', rules: { 'fortress/sql-no-add-required-column': 'error' }, settings: { fortress: { deployedMigrations: [] } } }],
      { filename: path.join(dir, 'migrations/004_c.sql') },
    );
    expect(messages.map((message) => message.messageId)).toEqual(['notNullWithoutDefault']);
  });

  it('a table renamed by an undeployed migration keeps its creator: a deployed table under a new name is existing', () => {
    const dir = project();
    writeFileSync(path.join(dir, 'migrations/002_b.sql'), SAME_CHANGE + 'ALTER TABLE a RENAME TO c;\n');
    const linter = new Linter({ cwd: dir });
    const messages = linter.verify(
      'ALTER TABLE c ADD COLUMN y text NOT NULL;\n',
      [{ files: ['**/*.sql'], plugins: { fortress: plugin as never }, language: 'fortress/sql', rules: { 'fortress/sql-no-add-required-column': 'error' }, settings: { fortress: { deployedMigrations: ['migrations/001_a.sql'] } } }],
      { filename: path.join(dir, 'migrations/003_alter.sql') },
    );
    expect(messages.map((message) => message.messageId)).toEqual(['notNullWithoutDefault']);
  });

  it('a deployed file itself gets no findings from the rules that read it', () => {
    const dir = project();
    const rules = ['sql-no-add-required-column', 'sql-require-lock-timeout', 'sql-no-rename'];
    expect(lint(dir, 'migrations/003_alter.sql', rules).length).toBeGreaterThan(2);
    expect(lint(dir, 'migrations/003_alter.sql', rules, { fortress: { deployedMigrations: ['migrations/*.sql'] } })).toEqual([]);
  });

  it('{ ref }: the migrations on the git ref are deployed (real git; the branch adds 002 and 003)', () => {
    const dir = projectOnFeatureBranch();
    const settings = { fortress: { deployedMigrations: { ref: 'main' } } };
    expect(lint(dir, 'migrations/003_alter.sql', ADD, settings)).toEqual([onA]);
    expect(lint(dir, 'migrations/001_a.sql', ['sql-require-lock-timeout'], settings)).toEqual([]);
    // From a subfolder (ESLint's cwd there), the ref's paths still resolve from the repository's top level.
    const nested = path.join(dir, 'migrations');
    const linter = new Linter({ cwd: nested });
    const messages = linter.verify(
      ALTER_B + ALTER_A,
      [{ files: ['**/*.sql'], plugins: { fortress: plugin as never }, language: 'fortress/sql', rules: { 'fortress/sql-no-add-required-column': 'error' }, settings }],
      { filename: path.join(dir, 'migrations/003_alter.sql') },
    );
    expect(messages.map((message) => message.line)).toEqual([2]);
  });

  it('{ ref } in a long-running process: after the ref moves (002 merged into main), b counts as existing', async () => {
    const dir = projectOnFeatureBranch();
    const settings = { fortress: { deployedMigrations: { ref: 'main' } } };
    expect(lint(dir, 'migrations/003_alter.sql', ADD, settings)).toEqual([onA]);
    // main gets 002 (fast-forward to a commit holding it, as a merge and a fetch would); 003 stays undeployed.
    git(dir, 'checkout', '-q', 'main');
    git(dir, 'checkout', '-q', 'feature', '--', 'migrations/002_b.sql');
    git(dir, 'commit', '-q', '-m', 'b deployed');
    git(dir, 'checkout', '-q', 'feature');
    await sleep(REF_CHECK_INTERVAL_MS + 200);
    expect(lint(dir, 'migrations/003_alter.sql', ADD, settings)).toEqual([onB, onA]);
  });

  it('{ ref } that git does not have: one finding naming the setting on the file, then the findings as without it', () => {
    const dir = project();
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'all');
    const settings = { fortress: { deployedMigrations: { ref: 'origin/nope' } } };
    const messages = lint(dir, 'migrations/003_alter.sql', [...ADD, 'sql-require-lock-timeout'], settings);
    const notices = messages.filter((message) => message.includes('settings.fortress.deployedMigrations'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^fortress\/sql-[a-z-]+ 1:settings\.fortress\.deployedMigrations: git has no ref "origin\/nope" here;/);
    expect(messages.filter((message) => message.startsWith('fortress/sql-no-add-required-column 2:'))).toHaveLength(1);
    expect(messages.filter((message) => message.startsWith('fortress/sql-no-add-required-column 1:Adding'))).toHaveLength(1);
  });

  it('{ ref } outside any git repository, or a setting of the wrong shape: one finding naming it, no crash', () => {
    const dir = project();
    const noGit = lint(dir, 'migrations/003_alter.sql', ADD, { fortress: { deployedMigrations: { ref: 'main' } } });
    expect(noGit.filter((message) => message.includes('settings.fortress.deployedMigrations: cannot ask git'))).toHaveLength(1);
    expect(noGit).toHaveLength(3);
    for (const wrong of [42, { ref: 'main', files: [] }, { files: 'x.sql' }, [1], { ref: '' }]) {
      const messages = lint(dir, 'migrations/003_alter.sql', ADD, { fortress: { deployedMigrations: wrong } });
      expect(messages.filter((message) => message.includes('settings.fortress.deployedMigrations: expected'))).toHaveLength(1);
      expect(messages).toHaveLength(3);
    }
  });

  it('the same file linted again without the setting is back to the default (nothing left over from a previous run)', () => {
    const dir = project();
    expect(lint(dir, 'migrations/003_alter.sql', ADD, { fortress: { deployedMigrations: ['migrations/001_a.sql'] } })).toEqual([onA]);
    expect(lint(dir, 'migrations/003_alter.sql', ADD)).toEqual([onB, onA]);
  });

  it('malformed SQL with the setting: the one parse error, no crash', () => {
    const dir = project();
    const linter = new Linter({ cwd: dir });
    const messages = linter.verify(
      'ALTER TABLE b ADD COLUMN;',
      [{ files: ['**/*.sql'], plugins: { fortress: plugin as never }, language: 'fortress/sql', rules: { 'fortress/sql-no-add-required-column': 'error' }, settings: { fortress: { deployedMigrations: { ref: 'main' } } } }],
      { filename: path.join(dir, 'migrations/003_alter.sql') },
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]!.fatal).toBe(true);
  });
});

// Every rule that reports only on existing tables follows the setting: a statement on b, created by 002.
const CREATES = "CREATE TABLE b (id bigint PRIMARY KEY, name text);\nCREATE TABLE p (id int) PARTITION BY RANGE (id);\nCREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);\n";
const ON_B: Record<string, string> = {
  'sql-no-add-required-column': 'ALTER TABLE b ADD COLUMN x text NOT NULL;',
  'sql-no-column-type-change': 'ALTER TABLE b ALTER COLUMN id TYPE text;',
  'sql-no-rename': 'ALTER TABLE b RENAME COLUMN name TO title;',
  'sql-no-set-not-null': 'ALTER TABLE b ALTER COLUMN name SET NOT NULL;',
  'sql-require-concurrent-index': 'CREATE INDEX b_name_idx ON b (name);',
  'sql-require-not-valid': "ALTER TABLE b ADD CONSTRAINT b_name_check CHECK (name <> '');",
  'sql-require-lock-timeout': 'ALTER TABLE b ADD COLUMN y text;',
  'sql-require-unique-using-index': 'ALTER TABLE b ADD CONSTRAINT b_name_key UNIQUE (name);',
  'sql-require-concurrent-reindex': 'REINDEX TABLE b;',
  'sql-require-concurrent-detach-partition': 'ALTER TABLE p DETACH PARTITION p1;',
  'sql-require-statement-timeout': "ALTER TABLE b ADD CONSTRAINT b_name_check CHECK (name <> '');",
};

describe.each(Object.keys(ON_B))('%s follows settings.fortress.deployedMigrations', (rule) => {
  function findings(deployedMigrations?: unknown): number {
    const dir = mkdtempSync(path.join(tmpdir(), 'fortress-deployed-rule-'));
    dirs.push(dir);
    mkdirSync(path.join(dir, 'migrations'));
    writeFileSync(path.join(dir, 'migrations/001_a.sql'), OLD);
    writeFileSync(path.join(dir, 'migrations/002_b.sql'), CREATES);
    writeFileSync(path.join(dir, 'migrations/003_change.sql'), `${ON_B[rule]!}\n`);
    const settings = deployedMigrations === undefined ? {} : { settings: { fortress: { deployedMigrations } } };
    const messages = new Linter({ cwd: dir }).verify(
      `${ON_B[rule]!}\n`,
      [{ files: ['**/*.sql'], plugins: { fortress: plugin as never }, language: 'fortress/sql', rules: { [`fortress/${rule}`]: 'error' }, ...settings }],
      { filename: path.join(dir, 'migrations/003_change.sql') },
    );
    expect(messages.filter((message) => message.fatal === true || message.ruleId !== `fortress/${rule}`)).toEqual([]);
    return messages.length;
  }

  it('reports b as existing without the setting and when 002 is deployed; not when 002 is not; not on a deployed file', () => {
    expect(findings()).toBeGreaterThan(0);
    expect(findings(['migrations/001_a.sql', 'migrations/002_b.sql'])).toBeGreaterThan(0);
    expect(findings(['migrations/001_a.sql'])).toBe(0);
    expect(findings({ files: ['migrations/*.sql'] })).toBe(0);
  });
});
