// Benchmark: the cold `fortress-audit` run vs `eslint` with fortress's configs.recommended on the same tree.
// Usage: npm run build && node bench/audit-vs-eslint.mjs [--files 4000] [--runs 3]
//        npm run build && node bench/audit-vs-eslint.mjs --dir <git work tree> [--runs 3] [--report <file>]
// Without --dir the project is generated (deterministic): feature slices of routes / service / repository / schema
// files with a mix of clean code and violations, a shared folder, SQL migrations, a tsconfig with a path alias. With
// --dir, an existing project (a git work tree: the audit reads the files git lists) is used as it is.
// Both tools are run as fresh processes, alternately, so that both see the same machine load; wall time, user + sys
// CPU time and peak RSS come from GNU time when it is installed. The target (issue 9): the audit takes at most 1.5×
// the time of eslint.
//
// The same files on both sides: eslint runs `eslint -f json .` in the project with a flat config of
// `[...fortress.configs.recommended]` and, as `ignores`, the audit's own (the folders it always ignores); the audit
// lints the TS/JS/SQL files git lists outside those folders, without the ones over 1 MB or binary. The script counts
// both sets (eslint's from its JSON output, the audit's from `git ls-files` with the same filters) and prints them.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { generateProject } from './generate-project.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const fileCount = Number(argument('--files', 4000));
const runs = Number(argument('--runs', 3));
const dir = argument('--dir', undefined);
/** Where to write the last audit's JSON report (to compare reports between builds). */
const reportFile = argument('--report', undefined);
// Outside this repository, as its own git repository: under bench/out (git-ignored here) the audit would list no file,
// since it reads the files git does not ignore. One folder per checkout of this repository (its config imports this
// checkout's dist/).
const checkout = createHash('sha1').update(root).digest('hex').slice(0, 8);
const out = dir ? path.resolve(dir) : path.join(tmpdir(), `fortress-bench-audit-${fileCount}-${checkout}`);
/** The folders the audit always ignores (src/audit/extract/files.ts, ALWAYS_IGNORED). */
const AUDIT_IGNORES = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/coverage/**', '**/.git/**'];
const CONFIG_NAME = 'fortress-bench.eslint.config.mjs';

/**
 * The eslint config, written into the project (git does not list it: .git/info/exclude; eslint ignores it), so that
 * the project is eslint's base path: fortress's recommended blocks and the audit's ignores.
 */
function writeEslintConfig() {
  writeFileSync(
    path.join(out, CONFIG_NAME),
    `import fortress from ${JSON.stringify(path.join(root, 'dist/index.js'))};\n` +
      `export default [{ ignores: ${JSON.stringify([...AUDIT_IGNORES, CONFIG_NAME])} }, ...fortress.configs.recommended];\n`,
  );
  const exclude = path.join(out, '.git/info/exclude');
  if (!existsSync(exclude) || !readFileSync(exclude, 'utf8').includes(CONFIG_NAME)) {
    mkdirSync(path.dirname(exclude), { recursive: true });
    appendFileSync(exclude, `\n${CONFIG_NAME}\n`);
  }
}

/** The files the audit lints: git's list, the always-ignored folders out, TS/JS/SQL, at most 1 MB, not binary. */
function auditLintedCount() {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: out, encoding: 'utf8', maxBuffer: 1 << 30 }).stdout;
  const ignored = /(?:^|\/)(?:node_modules|dist|build|coverage|\.git)\//;
  return listed.split('\0').filter((file) => {
    if (file === '' || ignored.test(file) || !/\.(?:[cm]?[jt]sx?|sql)$/i.test(file)) return false;
    const absolute = path.join(out, file);
    if (!existsSync(absolute) || statSync(absolute).size > 1024 * 1024) return false;
    return !readFileSync(absolute).subarray(0, 8000).includes(0);
  }).length;
}

const hasGnuTime = existsSync('/usr/bin/time');

function measure(args) {
  const timeFile = path.join(tmpdir(), `fortress-bench-audit-time-${checkout}.txt`);
  const started = process.hrtime.bigint();
  const run = hasGnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, ...args], { cwd: out, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, args, { cwd: out, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const [, user, system, peakKb] = hasGnuTime ? readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(/\s+/).map(Number) : [];
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { seconds, cpu: hasGnuTime ? user + system : NaN, peakMb: hasGnuTime ? peakKb / 1024 : NaN, stdout: run.stdout };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (dir) {
  if (!existsSync(path.join(out, '.git'))) throw new Error(`${out}: not a git work tree (the audit reads the files git lists).`);
} else {
  generateProject(out, fileCount);
}
writeEslintConfig();
const auditLinted = auditLintedCount();
const eslintArgs = [path.join(root, 'node_modules/eslint/bin/eslint.js'), '-c', CONFIG_NAME, '-f', 'json', '.'];
const auditArgs = [path.join(root, 'dist/cli/index.js'), '.', '--format', 'json', '--fail-on', 'never'];
const eslintRuns = [];
const auditRuns = [];
let eslintFindings = 0;
let eslintFiles = 0;
let auditFindings = 0;
for (let run = 0; run < runs; run += 1) {
  const eslint = measure(eslintArgs);
  eslintRuns.push(eslint);
  const results = JSON.parse(eslint.stdout);
  eslintFiles = results.length;
  eslintFindings = results.reduce((sum, result) => sum + result.messages.length, 0);
  const audit = measure(auditArgs);
  auditRuns.push(audit);
  const result = JSON.parse(audit.stdout);
  if (reportFile) writeFileSync(reportFile, audit.stdout);
  auditFindings = result.summary.errors + result.summary.warnings;
  process.stderr.write(
    `run ${run + 1}/${runs}: eslint ${eslint.seconds.toFixed(2)} s (cpu ${eslint.cpu.toFixed(2)} s), fortress-audit ${audit.seconds.toFixed(2)} s (cpu ${audit.cpu.toFixed(2)} s)\n`,
  );
}
const eslintSeconds = median(eslintRuns.map((run) => run.seconds));
const auditSeconds = median(auditRuns.map((run) => run.seconds));
const eslintCpu = median(eslintRuns.map((run) => run.cpu));
const auditCpu = median(auditRuns.map((run) => run.cpu));
const format = (runsOf, key) => runsOf.map((run) => run[key].toFixed(2)).join(', ');
const head = dir
  ? `${out} (${spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: out, encoding: 'utf8' }).stdout.trim()})`
  : `${fileCount} generated TS files + ${Math.ceil(fileCount / 40)} migrations`;
process.stdout.write(
  [
    `${head}, ${runs} runs each, interleaved (node ${process.version}); files linted: eslint ${eslintFiles}, fortress-audit ${auditLinted}`,
    '',
    '| command | median wall | runs, wall (s) | median user+sys | runs, user+sys (s) | peak RSS (median) | findings |',
    '|---|---:|---:|---:|---:|---:|---:|',
    `| \`eslint -c ${CONFIG_NAME} -f json .\` (configs.recommended) | ${eslintSeconds.toFixed(2)} s | ${format(eslintRuns, 'seconds')} | ${eslintCpu.toFixed(2)} s | ${format(eslintRuns, 'cpu')} | ${median(eslintRuns.map((run) => run.peakMb)).toFixed(0)} MB | ${eslintFindings} |`,
    `| \`fortress-audit . --format json\` | ${auditSeconds.toFixed(2)} s | ${format(auditRuns, 'seconds')} | ${auditCpu.toFixed(2)} s | ${format(auditRuns, 'cpu')} | ${median(auditRuns.map((run) => run.peakMb)).toFixed(0)} MB | ${auditFindings} |`,
    '',
    `audit / eslint: ${(auditSeconds / eslintSeconds).toFixed(2)}× wall, ${(auditCpu / eslintCpu).toFixed(2)}× user+sys CPU (target ≤ 1.5×)`,
    '',
  ].join('\n'),
);
