// Benchmark: fortress's ESLint SQL language vs squawk-cli on the same generated migration sets.
// Usage: npm run build && node bench/sql-vs-squawk.mjs [--runs 3]
// Each set is `0000_base.sql` (the base tables) plus the migrations that alter them (bench/generate-migrations.mjs);
// a third input is the earlier self-contained file, for comparison.
// Both tools lint the whole folder and write JSON (so their findings can be counted); wall time and peak RSS of the
// whole process come from GNU time. Prints a Markdown table, then the findings per rule.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { measure as measureProcess } from './gnu-time.mjs';
import { writeManySmallFiles, writeOneBigFile, writeSelfContainedFile } from './generate-migrations.mjs';
import { squawkBinary } from './squawk.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = path.join(root, 'bench/out');
const runsIndex = process.argv.indexOf('--runs');
const runs = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 3;
const squawk = squawkBinary();
const eslint = path.join(root, 'node_modules/eslint/bin/eslint.js');

function prepare(name, write) {
  const dir = path.join(out, name);
  mkdirSync(dir, { recursive: true });
  write(dir);
  writeFileSync(
    path.join(dir, 'eslint.config.js'),
    `import fortress from ${JSON.stringify(path.join(root, 'dist/index.js'))};\nexport default [fortress.configs['all-sql']];\n`,
  );
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
  return dir;
}

/** Runs a command under GNU time; returns { seconds, peakMb, status, stdout }. */
const measure = (command, args, cwd) => measureProcess(command, args, cwd, path.join(out, 'time.txt'));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Findings per rule from each tool's JSON output. */
const count = {
  'squawk (default reporter)': () => ({}),
  squawk(stdout) {
    const byRule = {};
    for (const finding of JSON.parse(stdout || '[]')) byRule[finding.rule_name] = (byRule[finding.rule_name] ?? 0) + 1;
    return byRule;
  },
  'fortress (eslint)'(stdout) {
    const byRule = {};
    for (const file of JSON.parse(stdout || '[]')) {
      for (const message of file.messages) {
        const rule = message.ruleId ?? (message.fatal ? 'fatal' : 'other');
        byRule[rule] = (byRule[rule] ?? 0) + 1;
      }
    }
    return byRule;
  },
};

const total = (byRule) => Object.values(byRule).reduce((sum, n) => sum + n, 0);

const cases = [
  { name: 'one file of 20,000 statements', dir: prepare('big', (dir) => writeOneBigFile(dir, 2000)), runs: { squawk: 1, 'squawk (default reporter)': 1, 'fortress (eslint)': runs } },
  { name: '500 files of 10 statements', dir: prepare('small', (dir) => writeManySmallFiles(dir, 500)), runs: { squawk: runs, 'squawk (default reporter)': runs, 'fortress (eslint)': runs } },
  // The earlier input, kept to show where the "squawk takes ~20 s" figure came from: every altered table is created
  // in the same file (so our lock rules rightly stay silent) and no base file.
  { name: 'earlier input: one self-contained file of 20,000 statements', base: false, dir: prepare('self-contained', (dir) => writeSelfContainedFile(dir, 2000)), runs: { squawk: 1, 'squawk (default reporter)': 1, 'fortress (eslint)': 1 } },
];

const rows = [];
const breakdown = [];
for (const benchCase of cases) {
  const bytes = execFileSync('du', ['-sb', path.join(benchCase.dir, 'migrations')], { encoding: 'utf8' }).split('\t')[0];
  const tools = {
    squawk: () => measure(squawk, ['--reporter', 'json', 'migrations/*.sql'], benchCase.dir),
    // squawk's default (tty) reporter, as a user runs it: its time only (it prints the same findings as text).
    'squawk (default reporter)': () => measure(squawk, ['migrations/*.sql'], benchCase.dir),
    'fortress (eslint)': () => measure(process.execPath, [eslint, '--format', 'json', 'migrations'], benchCase.dir),
  };
  for (const [tool, run] of Object.entries(tools)) {
    const samples = Array.from({ length: benchCase.runs[tool] }, run);
    const byRule = count[tool](samples[0].stdout);
    rows.push({
      input: `${benchCase.name}${benchCase.base === false ? '' : ' + 0000_base.sql'} (${(Number(bytes) / 1e6).toFixed(2)} MB)`,
      tool,
      seconds: median(samples.map((s) => s.seconds)),
      peakMb: median(samples.map((s) => s.peakMb)),
      runs: samples.length,
      exit: samples[0].status,
      findings: tool === 'squawk (default reporter)' ? '(same)' : total(byRule),
    });
    if (tool !== 'squawk (default reporter)') breakdown.push({ input: benchCase.name, tool, byRule });
  }
}

process.stdout.write(
  `node ${process.version}, ${execFileSync('nproc', { encoding: 'utf8' }).trim()} CPUs\n\n` +
    '| input | tool | wall time (s, median) | peak RSS (MB) | findings | runs | exit |\n|---|---|---:|---:|---:|---:|---:|\n',
);
for (const row of rows) {
  process.stdout.write(
    `| ${row.input} | ${row.tool} | ${row.seconds.toFixed(2)} | ${row.peakMb.toFixed(0)} | ${row.findings} | ${row.runs} | ${row.exit} |\n`,
  );
}
for (const input of cases.map((c) => c.name)) {
  const inputRows = rows.filter((row) => row.input.startsWith(input));
  const squawkRow = inputRows.find((row) => row.tool === 'squawk');
  const fortressRow = inputRows.find((row) => row.tool === 'fortress (eslint)');
  process.stdout.write(`\n${input}: fortress / squawk wall time = ${(fortressRow.seconds / squawkRow.seconds).toFixed(2)} (squawk / fortress = ${(squawkRow.seconds / fortressRow.seconds).toFixed(2)}).\n`);
}
process.stdout.write('\nFindings per rule:\n\n| input | tool | rule | findings |\n|---|---|---|---:|\n');
for (const { input, tool, byRule } of breakdown) {
  for (const [rule, n] of Object.entries(byRule).sort()) process.stdout.write(`| ${input} | ${tool} | ${rule} | ${n} |\n`);
}
