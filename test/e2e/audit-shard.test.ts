// `fortress-audit --shard i/n` and `fortress-audit merge`, through the built binary (dist/cli/index.js) on copies of
// fixture projects made git repositories: merged shards equal one unsharded run (JSON, SARIF, text, exit code), for
// n = 2 and 3, with a shard of zero files and n above the file count; bad --shard values and every refused merge.
// Run `npm run build` first (`npm test` does).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AuditResult } from '../../src/audit/types.js';
import { auditReportSchema } from '../support/audit-contract.js';
import { cli, expectOneErrorLine, fixtureRepo, removeTemporaryDirectories, type Run, temporaryDirectory } from './cli-run.js';

afterAll(removeTemporaryDirectories);

/** Runs shard i/n for every i (or the first `only`) into `<out>/report-<i>-of-<n>.json`; returns the report paths and exit codes. */
function runShards(project: string, count: number, out: string, only = count): { files: string[]; statuses: Array<number | null> } {
  const files: string[] = [];
  const statuses: Array<number | null> = [];
  for (let index = 1; index <= only; index += 1) {
    const file = path.join(out, `report-${index}-of-${count}.json`);
    const run = cli(project, '--shard', `${index}/${count}`, '--output', file);
    expect(run.stderr).toBe('');
    statuses.push(run.status);
    files.push(file);
  }
  return { files, statuses };
}

/** JSON with every array sorted (by each element's canonical text): equal reports compare equal whatever their order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

function readReport(file: string): AuditResult {
  return JSON.parse(readFileSync(file, 'utf8')) as AuditResult;
}

describe.each([
  { fixture: 'layered-express-prisma', counts: [2, 3] },
  { fixture: 'audit-secrets', counts: [2] },
])('merged shards of $fixture equal one unsharded run', ({ fixture, counts }) => {
  let project: string;
  let out: string;
  const unsharded = new Map<string, Run>();

  beforeAll(() => {
    project = fixtureRepo(fixture);
    out = temporaryDirectory('fortress-shard-reports-');
    for (const format of ['json', 'sarif', 'text']) unsharded.set(format, cli(project, '--format', format));
  }, 120_000);

  it.each(counts)('n = %i: the same JSON, SARIF, text and exit code', (count) => {
    const { files, statuses } = runShards(project, count, out);
    const shards = files.map(readReport);
    // Each shard's report is the public contract plus its `shard` field; together the shards lint each target once.
    for (const shard of shards) expect(auditReportSchema.safeParse(shard).success).toBe(true);
    const owned = shards.flatMap((shard) => shard.shard!.files);
    expect(new Set(owned).size).toBe(owned.length);
    expect(owned.length).toBeGreaterThan(0);
    expect(shards.filter((shard) => shard.shard!.facts !== undefined).map((shard) => shard.shard!.index)).toEqual([1]);
    expect(statuses.every((status) => status === 0 || status === 1)).toBe(true);

    for (const format of ['json', 'sarif', 'text']) {
      const merged = cli(project, 'merge', ...files, '--format', format);
      const expected = unsharded.get(format)!;
      expect(merged.stderr).toBe('');
      expect(merged.status).toBe(expected.status);
      if (format === 'text') expect(merged.stdout).toBe(expected.stdout);
      else expect(canonical(JSON.parse(merged.stdout))).toEqual(canonical(JSON.parse(expected.stdout)));
    }
    const json = JSON.parse(cli(project, 'merge', ...files, '--format', 'json').stdout) as AuditResult;
    expect(json.shard).toBeUndefined();
    expect(json.summary.errors + json.summary.warnings).toBeGreaterThan(0);
    // The order of the reports on the command line does not matter.
    const reversed = cli(project, 'merge', ...[...files].reverse(), '--format', 'json');
    expect(canonical(JSON.parse(reversed.stdout))).toEqual(canonical(json));
  }, 240_000);
});

describe('more shards than files (tiny project)', () => {
  let project: string;
  let out: string;
  let files: string[];

  beforeAll(() => {
    project = fixtureRepo('audit-shard-tiny');
    out = temporaryDirectory('fortress-shard-tiny-');
    files = runShards(project, 5, out).files;
  }, 120_000);

  it('n = 5 over 2 lint targets: empty shards write valid reports, and the merge equals the unsharded run', () => {
    const shards = files.map(readReport);
    const empty = shards.filter((shard) => shard.shard!.files.length === 0);
    expect(empty.length).toBeGreaterThanOrEqual(3);
    for (const shard of empty) {
      expect(auditReportSchema.safeParse(shard).success).toBe(true);
      expect(shard.shard!.ruleFindings).toEqual([]);
    }
    expect(shards.flatMap((shard) => shard.shard!.files).sort()).toEqual(['migrations/001_users.sql', 'src/features/users/routes.ts']);

    const expected = cli(project, '--format', 'json');
    const merged = cli(project, 'merge', ...files, '--format', 'json');
    expect(canonical(JSON.parse(merged.stdout))).toEqual(canonical(JSON.parse(expected.stdout)));
    // The table's random key is reported once: the rule's finding (one shard) and the schema model (shard 1) meet in the merge.
    const primaryKeys = (JSON.parse(merged.stdout) as AuditResult).checks.find((check) => check.id === 'primary-keys')!;
    expect(primaryKeys.findings).toHaveLength(1);
  });

  it("exits as the configuration's failOn says (never here), and --fail-on overrides it", () => {
    expect(cli(project).status).toBe(0);
    expect(cli(project, 'merge', ...files).status).toBe(0);
    expect(cli(project, '--fail-on', 'error').status).toBe(1);
    expect(cli(project, 'merge', ...files, '--fail-on', 'error').status).toBe(1);
  });

  it('the split depends on the relative paths only: the same on a copy elsewhere', () => {
    const copy = fixtureRepo('audit-shard-tiny');
    const again = runShards(copy, 5, temporaryDirectory('fortress-shard-copy-')).files.map(readReport);
    expect(again.map((shard) => shard.shard!.files)).toEqual(files.map(readReport).map((shard) => shard.shard!.files));
    expect(again[0]!.shard!.project).toBe(readReport(files[0]!).shard!.project);
  });

  it('refuses an incomplete set, a duplicate shard, mixed splits and an unsharded report', () => {
    expectOneErrorLine(cli(project, 'merge', ...files.slice(0, 3), files[4]!), /incomplete set: shard 4\/5 missing/);
    expectOneErrorLine(cli(project, 'merge', ...files, files[2]!), /are both shard 3\/5/);
    const two = runShards(project, 2, out).files;
    expectOneErrorLine(cli(project, 'merge', two[0]!, files[1]!), /split the run differently/);
    const plain = path.join(out, 'plain.json');
    writeFileSync(plain, cli(project, '--format', 'json').stdout);
    expectOneErrorLine(cli(project, 'merge', plain), /plain\.json: not a shard report/);
  });

  it('refuses reports of another tool version', () => {
    const report = readReport(files[1]!);
    report.tool.version = '0.0.0-other';
    const other = path.join(out, 'other-version.json');
    writeFileSync(other, JSON.stringify(report));
    expectOneErrorLine(cli(project, 'merge', files[0]!, other, ...files.slice(2)), /other-version\.json: written by fortress-audit 0\.0\.0-other/);
  });

  it('refuses reports of another project and of another configuration', () => {
    const otherProject = fixtureRepo('audit-module-graph');
    // The identity checks come before the completeness check: shard 1 of the other run is enough.
    const foreign = runShards(otherProject, 5, temporaryDirectory('fortress-shard-foreign-'), 1).files;
    expectOneErrorLine(cli(project, 'merge', foreign[0]!, ...files.slice(1)), /audited different file trees/);

    // The same files, one configuration value changed.
    const reconfigured = fixtureRepo('audit-shard-tiny');
    writeFileSync(path.join(reconfigured, 'fortress.config.json'), '{ "migrationGlobs": ["migrations/*.sql"], "failOn": "warning" }\n');
    const otherConfig = runShards(reconfigured, 5, temporaryDirectory('fortress-shard-config-'), 1).files;
    expectOneErrorLine(cli(project, 'merge', otherConfig[0]!, ...files.slice(1)), /ran with different configurations/);
  }, 120_000);

  it('refuses malformed JSON, a missing file, a truncated shard field and no report at all', () => {
    const broken = path.join(out, 'broken.json');
    writeFileSync(broken, '{ "tool": ');
    expectOneErrorLine(cli(project, 'merge', broken, ...files.slice(1)), /broken\.json: not valid JSON/);
    expectOneErrorLine(cli(project, 'merge', path.join(out, 'nope.json')), /cannot read .*nope\.json/);
    const report = readReport(files[0]!) as unknown as { shard: Record<string, unknown> };
    delete report.shard.ruleFindings;
    const truncated = path.join(out, 'truncated.json');
    writeFileSync(truncated, JSON.stringify(report));
    expectOneErrorLine(cli(project, 'merge', truncated, ...files.slice(1)), /truncated\.json: not a fortress-audit shard report \(shard\.ruleFindings/);
    expectOneErrorLine(cli(project, 'merge'), /merge: name the shard reports/);
    expectOneErrorLine(cli(project, 'merge', ...files, '--format', 'yaml'), /Unknown format "yaml"/);
  });
});

describe('--shard validation', () => {
  const project = fileURLToPath(new URL('../fixtures/audit-shard-tiny', import.meta.url));

  it.each([
    ['0/2', /--shard 0\/2: i must be between 1 and n/],
    ['3/2', /--shard 3\/2: i must be between 1 and n/],
    ['1/0', /--shard 1\/0: n must be a whole number of at least 1/],
    ['a/b', /--shard a\/b: write it as i\/n/],
    ['1.5/2', /--shard 1\.5\/2: write it as i\/n/],
    ['2', /--shard 2: write it as i\/n/],
    ['-1/2', /--shard -1\/2: write it as i\/n/],
    ['1/99999999999999999999', /n must be a whole number/],
  ])('--shard %s is a usage error (exit 2, one line)', (value, message) => {
    expectOneErrorLine(cli(project, `--shard=${value}`), message);
  });

  it('refuses a format other than JSON and the partial modes', () => {
    expectOneErrorLine(cli(project, '--shard', '1/2', '--format', 'sarif'), /--shard writes the JSON report/);
    expectOneErrorLine(cli(project, '--shard', '1/2', '--staged'), /--shard cannot be combined with --staged/);
    expectOneErrorLine(cli(project, '--shard', '1/2', '--changed-since', 'main'), /--shard cannot be combined with --changed-since/);
    expectOneErrorLine(cli(project, '--shard', '1/2', '--baseline', 'b.json'), /--shard cannot be combined with --baseline/);
    expectOneErrorLine(cli(project, '--shard'), /--shard/);
  });
});
