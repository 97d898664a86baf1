// The built `fortress-audit` binary (dist/cli/index.js) in temporary git repositories made from test/fixtures/:
// exit codes, every format, --output, --staged, --changed-since, the baseline round trip, secret redaction, bad input.
// Run `npm run build` first (`npm test` does).
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AuditResult } from '../../src/audit/types.js';
import { auditReportSchema } from '../support/audit-contract.js';

import { cli, expectOneErrorLine, type Run } from './cli-run.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const temporaryDirectories: string[] = [];
// A fake AWS access key id, built by concatenation so that this file itself holds no key-shaped string.
const FAKE_AWS_KEY = 'AKIA' + 'QWERTYUIOPASDFGH';

afterAll(() => {
  for (const directory of temporaryDirectories) rmSync(directory, { recursive: true, force: true });
});

function temporaryDirectory(prefix: string): string {
  const directory = mkdtempSync(path.join(tmpdir(), prefix));
  temporaryDirectories.push(directory);
  return directory;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

/** A copy of a fixture project as a git repository with one commit on `main`. */
function fixtureRepo(fixture: string): string {
  const directory = temporaryDirectory(`fortress-audit-${fixture}-`);
  cpSync(path.join(repoRoot, 'test/fixtures', fixture), directory, { recursive: true });
  git(directory, 'init', '-q', '-b', 'main');
  git(directory, 'config', 'user.email', 'audit@example.com');
  git(directory, 'config', 'user.name', 'Audit Test');
  git(directory, 'config', 'commit.gpgsign', 'false');
  git(directory, 'add', '-A');
  git(directory, 'commit', '-q', '-m', 'initial');
  return directory;
}


function json(run: Run): AuditResult {
  return JSON.parse(run.stdout) as AuditResult;
}

const findingFiles = (result: AuditResult): string[] => [...new Set(result.checks.flatMap((check) => check.findings.map((finding) => finding.file)))].sort();

describe('fortress-audit on the layered example (every format, redaction)', () => {
  let project: string;
  const outputs = new Map<string, string>();

  beforeAll(() => {
    project = fixtureRepo('layered-express-prisma');
    writeFileSync(path.join(project, 'src/lib/aws.ts'), `export const awsAccessKeyId = '${FAKE_AWS_KEY}';\n`);
    // Build output that .gitignore excludes is not the project.
    writeFileSync(path.join(project, '.gitignore'), 'generated/\n');
    mkdirSync(path.join(project, 'generated'));
    writeFileSync(path.join(project, 'generated/ids.ts'), "import { v4 } from 'uuid';\nexport const saveRow = (db) => db.insert(rows).values({ id: v4() });\n");
    git(project, 'add', '-A');
    git(project, 'commit', '-q', '-m', 'aws client');
  });

  it('text (default): one verdict line per check, exit 1 on errors', () => {
    const run = cli(project);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout.match(/^[✔▲✖] (PASS|WARN|FAIL) +\S+/gm)?.map((line) => line.split(/\s+/)[2])).toEqual([
      'feature-slices',
      'input-validation',
      'indexes',
      'primary-keys',
      'secrets',
    ]);
    expect(run.stdout).toContain('src/controllers/users.controller.ts:1:1');
    expect(run.stdout).not.toMatch(/\u001B\[/);
    outputs.set('text', run.stdout);
  });

  it('json: the contract, relative posix paths; --fail-on never exits 0', () => {
    const run = cli(project, '--format', 'json', '--fail-on', 'never');
    expect(run.status).toBe(0);
    const result = json(run);
    expect(auditReportSchema.safeParse(result).success).toBe(true);
    expect(result.summary.errors).toBeGreaterThan(0);
    expect(findingFiles(result)).toContain('prisma/migrations/20240101000000_init/migration.sql');
    expect(findingFiles(result).filter((file) => file.startsWith('generated/'))).toEqual([]);
    outputs.set('json', run.stdout);
  });

  it('sarif to --output: valid SARIF 2.1.0 written to the file, nothing on stdout', () => {
    const output = path.join(project, 'reports/audit.sarif');
    mkdirSync(path.dirname(output));
    const run = cli(project, '--format', 'sarif', '--output', 'reports/audit.sarif');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/schemas/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
    delete schema.$schema;
    delete schema.id;
    const ajv = new Ajv({ strict: false });
    (addFormats as unknown as (ajv: Ajv) => void)(ajv);
    const text = readFileSync(output, 'utf8');
    expect(ajv.validate(schema, JSON.parse(text))).toBe(true);
    expect(text).not.toContain(project);
    outputs.set('sarif', text);
  });

  it('markdown with --fail-on warning', () => {
    const run = cli(project, '--format', 'markdown', '--fail-on', 'warning');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^## fortress-audit: \d+ errors?/);
    outputs.set('markdown', run.stdout);
  });

  it('no format prints the fake AWS key: at most its first 4 characters, then ****', () => {
    expect([...outputs.keys()].sort()).toEqual(['json', 'markdown', 'sarif', 'text']);
    for (const output of outputs.values()) {
      expect(output).not.toContain(FAKE_AWS_KEY);
      expect(output).not.toContain(FAKE_AWS_KEY.slice(0, 5));
    }
  });
});

describe('fortress-audit git modes', () => {
  it('--staged judges the staged content of staged files, not the working tree, and only them', () => {
    const project = fixtureRepo('sliced-hono-drizzle');
    const staged = 'src/features/catalog/catalog.ids.ts';
    writeFileSync(path.join(project, staged), "import { v4 } from 'uuid';\n\nexport const saveCatalog = (db: Db) => db.insert(catalog).values({ id: v4() });\n");
    git(project, 'add', staged);
    // Fixed in the working tree after staging: the commit would still carry the v4 key.
    writeFileSync(path.join(project, staged), "import { v7 } from 'uuid';\n\nexport const saveCatalog = (db: Db) => db.insert(catalog).values({ id: v7() });\n");
    // Not staged: never reported by --staged.
    appendFileSync(path.join(project, 'src/features/billing/billing.service.ts'), "\nexport const saveBill = (db: Db) => db.insert(bills).values({ id: crypto.randomUUID() });\n");
    const run = cli(project, '--staged', '--format', 'json');
    expect(run.stderr).toBe('');
    const result = json(run);
    expect(findingFiles(result)).toEqual([staged]);
    expect(result.notices!.filter((notice) => notice.message.startsWith('Not a git repository'))).toEqual([]);
    expect(result.checks.find((check) => check.id === 'primary-keys')!.findings.map((finding) => finding.line)).toEqual([3]);
    expect(run.status).toBe(1);
  });

  it('--changed-since reports only the files changed since the merge base', () => {
    const project = fixtureRepo('sliced-hono-drizzle');
    git(project, 'checkout', '-q', '-b', 'feature');
    const changed = 'src/features/catalog/catalog.ids.ts';
    writeFileSync(path.join(project, changed), "import { v4 } from 'uuid';\n\nexport const saveCatalog = (db: Db) => db.insert(catalog).values({ id: v4() });\n");
    git(project, 'add', '-A');
    git(project, 'commit', '-q', '-m', 'catalog ids');
    const run = cli(project, '--changed-since', 'main', '--format', 'json');
    expect(findingFiles(json(run))).toEqual([changed]);
    const unknownRef = cli(project, '--changed-since', 'no-such-branch');
    expectOneErrorLine(unknownRef, /--changed-since no-such-branch/);
  });

  it('baseline round trip: known findings pass after line shifts and a git mv; fixed ones are stale; new ones fail', () => {
    const project = fixtureRepo('layered-express-prisma');
    const write = cli(project, '--baseline', 'audit-baseline.json', '--update-baseline', '--format', 'json');
    expect(write.status).toBe(0);
    expect(json(write).baseline!.suppressed).toBeGreaterThan(0);
    const known = json(write).baseline!.suppressed;
    git(project, 'add', '-A');
    git(project, 'commit', '-q', '-m', 'baseline');

    // Lines shift in one file; another file moves with git mv.
    const service = path.join(project, 'src/services/users.service.ts');
    writeFileSync(service, `// header\n// another header line\n\n${readFileSync(service, 'utf8')}`);
    git(project, 'mv', 'src/repositories/users.repository.ts', 'src/repositories/user-store.ts');
    const shifted = cli(project, '--baseline', 'audit-baseline.json', '--format', 'json');
    expect(shifted.stderr).toBe('');
    expect(json(shifted).baseline).toEqual({ file: 'audit-baseline.json', suppressed: known, stale: [] });
    expect(json(shifted).summary).toEqual({ errors: 0, warnings: 0 });
    expect(shifted.status).toBe(0);

    // One finding fixed: its entry is stale, and --fail-on-stale-baseline fails the run.
    writeFileSync(service, readFileSync(service, 'utf8').replace(/randomUUID\(\)|v4\(\)/, 'v7()'));
    const fixed = cli(project, '--baseline', 'audit-baseline.json', '--format', 'json', '--fail-on-stale-baseline');
    expect(json(fixed).baseline!.stale.map((entry) => entry.file)).toEqual(['src/services/users.service.ts']);
    expect(fixed.status).toBe(1);

    // A new finding is reported and fails the gate.
    writeFileSync(path.join(project, 'src/lib/ids.ts'), "import { v4 } from 'uuid';\nexport const saveRow = (db: Db) => db.insert(rows).values({ id: v4() });\n");
    const added = cli(project, '--baseline', 'audit-baseline.json', '--format', 'json');
    expect(findingFiles(json(added))).toEqual(['src/lib/ids.ts']);
    expect(added.status).toBe(1);
  });
});

describe('fortress-audit on bad input', () => {
  it('a hostile project: each problem named once, the other checks still run, nothing throws', () => {
    // No git, no tsconfig, no migrations, no package.json.
    const project = temporaryDirectory('fortress-audit-hostile-');
    mkdirSync(path.join(project, 'src/features/users'), { recursive: true });
    mkdirSync(path.join(project, 'src/controllers'), { recursive: true });
    writeFileSync(path.join(project, 'src/controllers/users.controller.ts'), 'export const users: string[] = [];\n');
    writeFileSync(path.join(project, 'src/features/users/broken.ts'), 'export const = ;\nfunction (\n');
    writeFileSync(path.join(project, 'src/features/users/blob.ts'), Buffer.from([0x65, 0x78, 0x00, 0x01, 0x02, 0x00]));
    writeFileSync(path.join(project, 'src/features/users/huge.ts'), `export const data = [\n${'  1234567890,\n'.repeat(400_000)}];\n`);
    symlinkSync('..', path.join(project, 'src/features/users/loop'), 'dir');
    symlinkSync('missing.ts', path.join(project, 'src/features/users/dangling.ts'));
    spawnSync('mkfifo', [path.join(project, 'src/features/users/pipe.ts')]);
    // Root reads any file whatever its mode: the unreadable case is then covered by the dangling symlink only.
    const canDenyReads = process.getuid?.() !== 0;
    if (canDenyReads) {
      writeFileSync(path.join(project, 'src/features/users/secret.ts'), 'export const x = 1;\n');
      chmodSync(path.join(project, 'src/features/users/secret.ts'), 0o000);
    }
    const run = cli(project, '--format', 'json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const result = json(run);
    expect(auditReportSchema.safeParse(result).success).toBe(true);
    const notices = result.notices!.map((notice) => `${notice.file ?? '-'}: ${notice.message}`);
    const about = (file: string): string[] => notices.filter((notice) => notice.startsWith(`${file}:`));
    expect(about('src/features/users/broken.ts')).toHaveLength(1);
    expect(about('src/features/users/blob.ts')).toEqual(['src/features/users/blob.ts: Skipped: binary content.']);
    expect(about('src/features/users/huge.ts')[0]).toMatch(/Skipped: 5\.\d MB is over the 1\.0 MB limit/);
    expect(about('src/features/users/loop')[0]).toMatch(/symlink loop/);
    expect(about('src/features/users/dangling.ts')).toHaveLength(1);
    if (canDenyReads) expect(about('src/features/users/secret.ts')).toEqual(['src/features/users/secret.ts: Skipped: cannot read the file (permission denied).']);
    if (existsSync(path.join(project, 'src/features/users/pipe.ts'))) expect(about('src/features/users/pipe.ts')[0]).toMatch(/not a regular file/);
    expect(notices.filter((notice) => notice.startsWith('-: Not a git repository'))).toHaveLength(1);
    expect(new Set(notices).size).toBe(notices.length);
    // The rules still ran on the healthy file.
    expect(findingFiles(result)).toEqual(['src/controllers/users.controller.ts']);
  });

  it('a missing directory: exit 2, one line', () => {
    expectOneErrorLine(cli(temporaryDirectory('fortress-audit-empty-'), 'no/such/dir'), /no\/such\/dir: no such directory/);
  });

  it('an invalid configuration: exit 2, one line naming the key', () => {
    const project = temporaryDirectory('fortress-audit-config-');
    writeFileSync(path.join(project, 'fortress.config.json'), JSON.stringify({ failOn: 'sometimes', ignore: ['x', 3] }));
    const invalid = cli(project);
    expectOneErrorLine(invalid, /invalid configuration in fortress\.config\.json: /);
    expect(invalid.stderr).toMatch(/"failOn": Invalid option/);
    expect(invalid.stderr).toMatch(/"ignore\[1\]": Invalid input: expected string/);
    writeFileSync(path.join(project, 'fortress.config.json'), JSON.stringify({ sourceRoot: ['src'] }));
    expectOneErrorLine(cli(project), /unknown key "sourceRoot"/);
    rmSync(path.join(project, 'fortress.config.json'));
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'x', fortress: { rules: { 'fortress/no-such-rule': 'error' } } }));
    expectOneErrorLine(cli(project), /rules\["fortress\/no-such-rule"\]/);
    mkdirSync(path.join(project, 'src'));
    writeFileSync(path.join(project, 'src/a.ts'), 'console.log(1);\n');
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'x', fortress: { rules: { 'fortress/no-console-log': ['error', { nope: 1 }] } } }));
    expectOneErrorLine(cli(project), /invalid rule options .*"fortress\/no-console-log".*nope|additional properties/);
  });

  it('usage errors and git flags without git: exit 2, one line', () => {
    const project = temporaryDirectory('fortress-audit-usage-');
    expectOneErrorLine(cli(project, '--format', 'html'), /Unknown format "html": use one of text, json, sarif, markdown/);
    expectOneErrorLine(cli(project, '--frobnicate'), /--frobnicate/);
    expectOneErrorLine(cli(project, '--staged'), /--staged needs a git repository/);
  });

  it('--help and --version', () => {
    const project = temporaryDirectory('fortress-audit-help-');
    expect(cli(project, '--help').stdout).toContain('Usage: fortress-audit [dir] [options]');
    const version = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(cli(project, '--version').stdout).toBe(`fortress-audit ${version.version}\n`);
  });
});

describe('the package bin', () => {
  it('runs as `npx fortress-audit` in a project that installed the package', () => {
    const project = temporaryDirectory('fortress-audit-npx-');
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    mkdirSync(path.join(project, 'node_modules/.bin'), { recursive: true });
    symlinkSync(repoRoot, path.join(project, 'node_modules/eslint-plugin-fortress'), 'dir');
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    symlinkSync(path.join('..', 'eslint-plugin-fortress', pkg.bin['fortress-audit']!), path.join(project, 'node_modules/.bin/fortress-audit'));
    const run = spawnSync('npx', ['--offline', 'fortress-audit', '--version'], { cwd: project, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^fortress-audit \d+\.\d+\.\d+/);
    expect(run.status).toBe(0);
  });
});
