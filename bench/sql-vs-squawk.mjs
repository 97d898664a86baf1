// Benchmark: fortress's ESLint SQL language vs squawk-cli on the same generated migration sets.
// Usage: npm run build && node bench/sql-vs-squawk.mjs [--runs 3]
// Prints a Markdown table of wall time and peak RSS (GNU time) per tool and input.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { writeManySmallFiles, writeOneBigFile } from './generate-migrations.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = path.join(root, 'bench/out');
const runsIndex = process.argv.indexOf('--runs');
const runs = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 3;
const squawk = path.join(root, 'node_modules/.bin/squawk');
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
function measure(command, args, cwd) {
  const timeFile = path.join(out, 'time.txt');
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', timeFile, command, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const [seconds, kilobytes] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  return { seconds, peakMb: kilobytes / 1024, status: result.status, stdout: result.stdout };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const cases = [
  { name: 'one-file-20000-statements', dir: prepare('big', (dir) => writeOneBigFile(dir, 2000)), runs: 1 },
  { name: '500-files-of-10-statements', dir: prepare('small', (dir) => writeManySmallFiles(dir, 500)), runs },
];

const rows = [];
for (const benchCase of cases) {
  const bytes = execFileSync('du', ['-sb', path.join(benchCase.dir, 'migrations')], { encoding: 'utf8' }).split('\t')[0];
  const tools = {
    squawk: () => measure(squawk, ['migrations/*.sql'], benchCase.dir),
    'fortress (eslint)': () => measure(process.execPath, [eslint, '--format', 'json', 'migrations'], benchCase.dir),
  };
  for (const [tool, run] of Object.entries(tools)) {
    const samples = Array.from({ length: benchCase.runs }, run);
    rows.push({
      input: `${benchCase.name} (${(Number(bytes) / 1e6).toFixed(2)} MB)`,
      tool,
      seconds: median(samples.map((s) => s.seconds)),
      peakMb: median(samples.map((s) => s.peakMb)),
      runs: benchCase.runs,
      exit: samples[0].status,
    });
  }
}

process.stdout.write('| input | tool | wall time (s, median) | peak RSS (MB) | runs | exit |\n|---|---|---:|---:|---:|---:|\n');
for (const row of rows) {
  process.stdout.write(`| ${row.input} | ${row.tool} | ${row.seconds.toFixed(2)} | ${row.peakMb.toFixed(0)} | ${row.runs} | ${row.exit} |\n`);
}
