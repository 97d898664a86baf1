// Running the built `fortress-audit` binary (dist/cli/index.js) in temporary git repositories made from
// test/fixtures/, for the end-to-end tests. Run `npm run build` first (`npm test` does).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const bin = path.join(repoRoot, 'dist/cli/index.js');
const temporaryDirectories: string[] = [];

/** Call from afterAll: removes every folder temporaryDirectory and fixtureRepo made. */
export function removeTemporaryDirectories(): void {
  for (const directory of temporaryDirectories.splice(0)) rmSync(directory, { recursive: true, force: true });
}

export function temporaryDirectory(prefix: string): string {
  const directory = mkdtempSync(path.join(tmpdir(), prefix));
  temporaryDirectories.push(directory);
  return directory;
}

/** A copy of a fixture project as a git repository with one commit on `main`. */
export function fixtureRepo(fixture: string): string {
  const directory = temporaryDirectory(`fortress-e2e-${fixture}-`);
  cpSync(path.join(repoRoot, 'test/fixtures', fixture), directory, { recursive: true });
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: directory, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.email=audit@example.com', '-c', 'user.name=Audit Test', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'initial');
  return directory;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The binary with `args` in `cwd`, colours off. */
export function cli(cwd: string, ...args: string[]): Run {
  return cliWith({}, cwd, ...args);
}

export interface CliSetup {
  /** Options for node before the script (`--import …`). */
  nodeArgs?: string[];
  /** Variables added to the environment. */
  env?: Record<string, string>;
  /** Another build of the binary (default: this checkout's dist/cli/index.js). */
  bin?: string;
}

/** The binary (or another build of it) with node options and environment variables, colours off. */
export function cliWith(setup: CliSetup, cwd: string, ...args: string[]): Run {
  const run = spawnSync(process.execPath, [...(setup.nodeArgs ?? []), setup.bin ?? bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...setup.env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A usage, configuration or I/O error: exit 2, nothing on stdout, one line on stderr matching `text`, no stack. */
export function expectOneErrorLine(run: Run, text: RegExp): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^fortress-audit: /);
  expect(lines[0]).toMatch(text);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}
