// `fortress-audit --changed-since <ref>` and migrations: those on the ref are deployed (settings.fortress.deployedMigrations
// as the list the CLI computed), so a table created by a migration of the branch is new and old migrations are quiet.
// In a temporary git repository: the audit's own steps (git's files on the ref, then the ESLint run of the plugin's
// rules, with the migration rules no check surfaces yet), and the built binary (dist/cli/index.js; `npm run build`
// first, `npm test` does).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runRules } from '../../src/audit/extract/eslint.js';
import { changedSince } from '../../src/audit/extract/git.js';
import type { ExtractInput } from '../../src/audit/extract/input.js';
import { auditConfigSchema } from '../../src/audit/options.js';
import type { AuditResult } from '../../src/audit/types.js';

const bin = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));
let project: string;

function git(...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=audit@example.com', '-c', 'user.name=Audit Test', '-c', 'commit.gpgsign=false', ...args], { cwd: project, stdio: 'ignore' });
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
  writeFileSync(path.join(project, file), text);
}

const MIGRATIONS = ['migrations/001_a.sql', 'migrations/002_b.sql', 'migrations/003_alter.sql'];

/** `file:line` of sql-no-add-required-column's findings, linted as the audit lints (runRules), given the deployed set. */
async function addColumnFindings(deployedMigrations?: ReadonlySet<string>): Promise<string[]> {
  const input: ExtractInput = { root: project, config: auditConfigSchema.parse({}), files: MIGRATIONS, notices: [] };
  if (deployedMigrations) input.deployedMigrations = deployedMigrations;
  const findings = await runRules(input, { ruleIds: ['fortress/sql-no-add-required-column'], files: MIGRATIONS });
  expect(input.notices).toEqual([]);
  return findings.map((finding) => `${finding.file}:${finding.line}`).sort();
}

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'fortress-audit-deployed-'));
  write('package.json', '{ "name": "deployed-migrations", "private": true }\n');
  // On main: 001 creates a (and, on its own, would be a finding: an ALTER of a table the file did not create).
  write('migrations/001_a.sql', 'CREATE TABLE a (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\nALTER TABLE legacy ADD COLUMN z text NOT NULL;\n');
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'a');
  // The branch: 002 creates b, 003 adds a NOT NULL column without default to b (new) and to a (deployed, existing).
  git('checkout', '-q', '-b', 'feature');
  write('migrations/002_b.sql', 'CREATE TABLE b (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\n');
  write('migrations/003_alter.sql', 'ALTER TABLE b ADD COLUMN x text NOT NULL;\nALTER TABLE a ADD COLUMN y text NOT NULL;\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'b');
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

describe('fortress-audit --changed-since and deployed migrations', () => {
  it('without a deployed set every table a file did not create is existing: legacy (001), b and a are reported', async () => {
    expect(await addColumnFindings()).toEqual(['migrations/001_a.sql:2', 'migrations/003_alter.sql:1', 'migrations/003_alter.sql:2']);
  });

  it('with the migrations on main deployed: the finding on a (created by the deployed 001) only; b is new; nothing from 001', async () => {
    const changes = await changedSince(project, 'main');
    expect([...changes.onRef].sort()).toEqual(['migrations/001_a.sql', 'package.json']);
    expect(await addColumnFindings(changes.onRef)).toEqual(['migrations/003_alter.sql:2']);
  });

  it('the binary with --changed-since main: a clean run, findings only in the branch\'s files, no notice about the setting', () => {
    const run = spawnSync(process.execPath, [bin, '--changed-since', 'main', '--format', 'json', '--fail-on', 'never'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as AuditResult;
    const files = result.checks.flatMap((check) => check.findings.map((finding) => finding.file));
    expect(files.filter((file) => !['migrations/002_b.sql', 'migrations/003_alter.sql'].includes(file))).toEqual([]);
    expect(JSON.stringify(result)).not.toContain('deployedMigrations');
  });
});
