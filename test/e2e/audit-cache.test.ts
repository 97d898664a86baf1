// `fortress-audit --cache`, through the built binary (dist/cli/index.js) on copies of fixture projects made git
// repositories: the report is the same without the cache, cold and warm; a warm run serves the rules' findings and the
// facts from the cache (entries marked in the cache file show up in the report); a changed file, migration,
// configuration, tool build or Node version invalidates what it should (the marks disappear and the finding changes);
// a corrupt, truncated or foreign cache file is a notice, never a crash; the cache works with --shard and --baseline.
// Run `npm run build` first (`npm test` does).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AuditResult } from '../../src/audit/types.js';
import { cli, cliWith, type CliSetup, fixtureRepo, removeTemporaryDirectories, type Run, temporaryDirectory } from './cli-run.js';

afterAll(removeTemporaryDirectories);

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const CACHED = ' [from the cache]';
const CACHED_PATH = '/from-the-cache';

function cacheFileOf(project: string): string {
  return path.join(project, 'node_modules/.cache/fortress-audit/cache.json');
}

function report(run: Run): AuditResult {
  expect(run.status === 0 || run.status === 1, run.stderr).toBe(true);
  return JSON.parse(run.stdout) as AuditResult;
}

function findings(result: AuditResult): Array<{ ruleId: string; file: string; line: number; message: string }> {
  return result.checks.flatMap((check) => check.findings.map(({ ruleId, file, line, message }) => ({ ruleId, file, line, message })));
}

interface CacheJson {
  files: Record<string, { findings: Array<{ message: string }> }>;
  facts: Record<string, { value: { endpoints?: Array<{ path: string }> } }>;
}

/** Marks every cached rule finding's message and every cached endpoint path, so that a report shows what came from the cache. */
function markCache(project: string): void {
  const file = cacheFileOf(project);
  const cache = JSON.parse(readFileSync(file, 'utf8')) as CacheJson;
  for (const entry of Object.values(cache.files)) for (const finding of entry.findings) finding.message += CACHED;
  for (const endpoint of cache.facts.project?.value.endpoints ?? []) endpoint.path += CACHED_PATH;
  writeFileSync(file, JSON.stringify(cache));
}

function marked(result: AuditResult): { files: string[]; endpoints: number } {
  const files = [...new Set(findings(result).filter((finding) => finding.message.endsWith(CACHED)).map((finding) => finding.file))].sort();
  return { files, endpoints: result.endpoints.filter((endpoint) => endpoint.path.endsWith(CACHED_PATH)).length };
}

function edit(project: string, file: string, from: string | RegExp, to: string): void {
  const absolute = path.join(project, file);
  const text = readFileSync(absolute, 'utf8');
  const changed = text.replace(from, to);
  expect(changed).not.toBe(text);
  writeFileSync(absolute, changed);
}

describe.each(['layered-express-prisma', 'audit-secrets', 'audit-malformed', 'audit-knex', 'audit-nestjs'])('the report of %s', (fixture) => {
  it('is the same without the cache, with a cold cache and with a warm one (JSON and SARIF)', () => {
    const project = fixtureRepo(fixture);
    const out = temporaryDirectory('fortress-cache-out-');
    const without = cli(project, '--format', 'json');
    const cold = cli(project, '--format', 'json', '--cache');
    expect(existsSync(cacheFileOf(project))).toBe(true);
    const warm = cli(project, '--format', 'json', '--cache');
    expect(cold).toEqual(without);
    expect(warm).toEqual(without);
    expect(findings(report(warm)).length + (report(warm).notices?.length ?? 0)).toBeGreaterThan(0);
    const sarifWithout = cli(project, '--format', 'sarif', '--output', path.join(out, 'without.sarif'));
    const sarifWarm = cli(project, '--format', 'sarif', '--cache', '--output', path.join(out, 'warm.sarif'));
    expect(sarifWarm.status).toBe(sarifWithout.status);
    expect(readFileSync(path.join(out, 'warm.sarif'), 'utf8')).toBe(readFileSync(path.join(out, 'without.sarif'), 'utf8'));
  }, 120_000);
});

describe('what a warm run reuses, and what invalidates it (layered-express-prisma)', () => {
  let project: string;
  const setup: CliSetup = {};
  const run = (extra: CliSetup = {}): AuditResult => report(cliWith({ ...setup, ...extra }, project, '--format', 'json', '--cache'));
  let tsFiles: string[];
  let sqlFiles: string[];

  beforeAll(() => {
    project = fixtureRepo('layered-express-prisma');
    // A configuration that reads the environment: the configuration changes while no file does.
    writeFileSync(
      path.join(project, 'fortress.config.mjs'),
      "export default { rules: process.env.FORTRESS_TEST_OFFSET_OFF ? { 'fortress/no-offset-pagination': 'off' } : {} };\n",
    );
    const first = run();
    const files = [...new Set(findings(first).filter((finding) => finding.ruleId.startsWith('fortress/')).map((finding) => finding.file))];
    tsFiles = files.filter((file) => file.endsWith('.ts')).sort();
    sqlFiles = files.filter((file) => file.endsWith('.sql')).sort();
    expect(tsFiles.length).toBeGreaterThan(1);
    expect(sqlFiles.length).toBeGreaterThan(0);
  }, 120_000);

  it('serves the rules findings and the endpoint inventory from the cache when nothing changed', () => {
    markCache(project);
    const warm = run();
    expect(marked(warm)).toEqual({ files: [...tsFiles, ...sqlFiles].sort(), endpoints: warm.endpoints.length });
    expect(warm.endpoints.length).toBeGreaterThan(0);
  }, 120_000);

  it('a changed TS file: its finding changes, the migrations and the unrelated files are still served from the cache', () => {
    markCache(project);
    const before = findings(run()).filter((finding) => finding.file === 'src/controllers/users.controller.ts' && finding.ruleId === 'input-validation/unvalidated-endpoint');
    expect(before).toHaveLength(1);
    edit(project, 'src/controllers/users.controller.ts', 'registerUser(req.body.email)', 'registerUser(registerSchema.parse(req.body).email)');
    const after = run();
    expect(findings(after).filter((finding) => finding.file === 'src/controllers/users.controller.ts' && finding.ruleId === 'input-validation/unvalidated-endpoint')).toEqual([]);
    const still = marked(after);
    expect(still.endpoints).toBe(0);
    expect(still.files).toEqual(expect.arrayContaining(sqlFiles));
    expect(still.files).toContain('src/services/users.service.ts');
    // The report equals an uncached run of the same tree.
    const unmarked = findings(after).map((finding) => ({ ...finding, message: finding.message.replaceAll(CACHED, '') }));
    expect(findings(report(cli(project, '--format', 'json')))).toEqual(unmarked);
  }, 120_000);

  it('a changed migration: its finding changes and every migration is re-linted; the TS files are still served from the cache', () => {
    markCache(project);
    const uuidFinding = (result: AuditResult) => findings(result).filter((finding) => finding.ruleId === 'fortress/sql-no-uuid-v4-primary-key');
    expect(uuidFinding(run())).toHaveLength(1);
    edit(project, 'prisma/migrations/20240101000000_init/migration.sql', 'gen_random_uuid()', 'uuidv7()');
    const after = run();
    expect(uuidFinding(after)).toEqual([]);
    const still = marked(after);
    expect(still.files.filter((file) => file.endsWith('.sql'))).toEqual([]);
    expect(still.files).toEqual(expect.arrayContaining(tsFiles));
    expect(still.endpoints).toBe(after.endpoints.length);
  }, 120_000);

  it('a changed configuration (the same files): nothing is reused and the finding follows the configuration', () => {
    markCache(project);
    const offset = (result: AuditResult) => findings(result).filter((finding) => finding.ruleId === 'fortress/no-offset-pagination');
    expect(offset(run()).length).toBeGreaterThan(0);
    const off = run({ env: { FORTRESS_TEST_OFFSET_OFF: '1' } });
    expect(offset(off)).toEqual([]);
    expect(marked(off)).toEqual({ files: [], endpoints: 0 });
  }, 120_000);

  it('another Node version: nothing is reused; the same one (through the same override): everything is', () => {
    run();
    markCache(project);
    const sameVersion = run({ nodeArgs: ['--import', `data:text/javascript,Object.defineProperty(process,"version",{value:${JSON.stringify(process.version)}})`] });
    expect(marked(sameVersion).files.length).toBeGreaterThan(0);
    const otherVersion = run({ nodeArgs: ['--import', 'data:text/javascript,Object.defineProperty(process,"version",{value:"v99.0.0"})'] });
    expect(marked(otherVersion)).toEqual({ files: [], endpoints: 0 });
  }, 120_000);

  it('another build of the tool (a new version number): nothing is reused', () => {
    run();
    markCache(project);
    // A copy of the package with another version: dist/ and package.json, node_modules linked.
    const other = temporaryDirectory('fortress-cache-tool-');
    cpSync(path.join(repoRoot, 'dist'), path.join(other, 'dist'), { recursive: true });
    const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    writeFileSync(path.join(other, 'package.json'), JSON.stringify({ ...packageJson, version: `${packageJson.version}-next` }));
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(other, 'node_modules'), 'dir');
    const result = run({ bin: path.join(other, 'dist/cli/index.js') });
    expect(result.tool.version).toBe(`${packageJson.version}-next`);
    expect(marked(result)).toEqual({ files: [], endpoints: 0 });
  }, 120_000);
});

describe('the cache file', () => {
  let project: string;
  let expected: Run;

  beforeAll(() => {
    project = fixtureRepo('audit-sql');
    expected = cli(project, '--format', 'json');
  }, 120_000);

  it.each([
    ['not JSON', 'not json{', /notice: the cache file .* is not valid JSON/],
    ['truncated', null, /notice: the cache file .* is not valid JSON/],
    ['foreign JSON', '{"hello":"world"}', /notice: .* is not a fortress-audit cache file/],
    ['another cache format', '{"format":"fortress-audit-cache","version":0}', /notice: the cache file .* has another format/],
  ])('%s: one notice on stderr, the same report, and a valid cache written', (_name, content, notice) => {
    const file = cacheFileOf(project);
    cli(project, '--format', 'json', '--cache');
    const valid = readFileSync(file, 'utf8');
    writeFileSync(file, content ?? valid.slice(0, Math.floor(valid.length / 2)));
    const run = cli(project, '--format', 'json', '--cache');
    expect(run.status).toBe(expected.status);
    expect(run.stdout).toBe(expected.stdout);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(notice);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'fortress-audit-cache', version: 1 });
  }, 120_000);

  it('--cache-location: a file, or a folder that gets cache.json; written atomically (no temporary file left)', () => {
    const folder = temporaryDirectory('fortress-cache-location-');
    const asFile = cli(project, '--format', 'json', '--cache-location', path.join(folder, 'nested/audit.cache'));
    expect(asFile.stdout).toBe(expected.stdout);
    expect(readdirSync(path.join(folder, 'nested'))).toEqual(['audit.cache']);
    mkdirSync(path.join(folder, 'as-folder'));
    expect(cli(project, '--format', 'json', '--cache-location', path.join(folder, 'as-folder')).stdout).toBe(expected.stdout);
    expect(readdirSync(path.join(folder, 'as-folder'))).toEqual(['cache.json']);
    expect(cli(project, '--format', 'json', '--cache-location', `${path.join(folder, 'new-folder')}${path.sep}`).stdout).toBe(expected.stdout);
    expect(readdirSync(path.join(folder, 'new-folder'))).toEqual(['cache.json']);
  }, 120_000);

  it('a location that cannot be written: a notice, and the report and exit code of a run without the cache', () => {
    const blocker = path.join(temporaryDirectory('fortress-cache-blocked-'), 'a-file');
    writeFileSync(blocker, '');
    const run = cli(project, '--format', 'json', '--cache-location', path.join(blocker, 'cache.json'));
    expect(run.status).toBe(expected.status);
    expect(run.stdout).toBe(expected.stdout);
    expect(run.stderr).toMatch(/^fortress-audit: notice: the cache was not written \(/m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('--cache-location with an empty name is a usage error', () => {
    const run = cli(project, '--cache-location', '');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--cache-location needs a file or folder name/);
  });
});

describe('with --shard and --baseline', () => {
  it('merged shards with a cold and a warm cache per shard equal one unsharded run', () => {
    const project = fixtureRepo('layered-express-prisma');
    const out = temporaryDirectory('fortress-cache-shards-');
    const unsharded = cli(project, '--format', 'json');
    for (const pass of ['cold', 'warm']) {
      const reports = [1, 2].map((index) => {
        const file = path.join(out, `${pass}-${index}.json`);
        const run = cli(project, '--shard', `${index}/2`, '--output', file, '--cache-location', path.join(out, `cache-${index}.json`));
        expect(run.stderr).toBe('');
        return file;
      });
      const merged = cli(project, 'merge', ...reports, '--format', 'json');
      expect(merged).toEqual(unsharded);
    }
  }, 120_000);

  it('a baseline applied to a warm run equals the same baseline without the cache', () => {
    const project = fixtureRepo('audit-sql');
    const baseline = path.join(temporaryDirectory('fortress-cache-baseline-'), 'baseline.json');
    cli(project, '--baseline', baseline, '--update-baseline', '--cache');
    edit(project, 'src/sessions.ts', "WHERE user_id = $1 ORDER BY id'", "WHERE user_id = $1 ORDER BY token'");
    const without = cli(project, '--format', 'json', '--baseline', baseline);
    const warm = cli(project, '--format', 'json', '--baseline', baseline, '--cache');
    expect(warm).toEqual(without);
    expect(report(without).baseline?.suppressed).toBeGreaterThan(0);
  }, 120_000);
});
