// Benchmark (issue 12): how the cold fortress-audit scales with the project's size. For each size, a deterministic
// generated project (bench/generate-project.mjs: feature slices of routes / service / repository / model files, one
// migration per slice, a tsconfig with a path alias, a git repository), then `fortress-audit . --format json` in a
// fresh process under GNU time (user+sys CPU, wall, peak RSS), sizes interleaved round by round. Prints one Markdown
// table with the CPU time per file, its ratio to the smallest size's (target: linear, within ±25 %), the peak RSS
// (target: ≤ 1.5 GB at 20,000 files) and the 1-minute load average before each run.
//
// Usage: npm run build && node bench/audit-scale.mjs [--sizes 1000,5000,10000,20000] [--runs 1] [--cache]
//   --cache: also a warm run (--cache) after each cold one, in the same table.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { generateProject } from './generate-project.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `--name value` from argv, or the fallback. */
export function argument(name, fallback, argv = process.argv) {
  const index = argv.indexOf(name);
  return index > 0 ? argv[index + 1] : fallback;
}

/** The generated project of `files` files, in the system's temporary folder (reused when complete). */
export function generatedTree(files) {
  const out = path.join(tmpdir(), `fortress-bench-project-${files}`);
  generateProject(out, files);
  return out;
}

const timeFile = path.join(tmpdir(), `fortress-bench-time-${process.pid}.txt`);

/** One command in a fresh process under GNU time: { wall, cpu (user+sys), peakMb, status, stdout, load (1-min average before) }. */
export function timed(command, args, cwd) {
  const load = loadavg()[0];
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const [, user, system, peakKb] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(/\s+/).map(Number);
  rmSync(timeFile, { force: true });
  return { wall, cpu: user + system, peakMb: peakKb / 1024, status: run.status, stdout: run.stdout, stderr: run.stderr, load };
}

/** `fortress-audit` on `project`, cold (`cache`: undefined) or with the cache file `cache` (removed first when `fresh`). */
export function auditRun(project, { cache, fresh = false } = {}) {
  if (cache && fresh) rmSync(cache, { force: true });
  const args = [path.join(root, 'dist/cli/index.js'), '.', '--format', 'json', '--fail-on', 'never', ...(cache ? ['--cache-location', cache] : [])];
  const run = timed(process.execPath, args, project);
  if (run.status !== 0) throw new Error(`fortress-audit exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
  const report = JSON.parse(run.stdout);
  return { ...run, stdout: undefined, findings: report.summary.errors + report.summary.warnings };
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(path.join(root, 'dist/cli/index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const sizes = argument('--sizes', '1000,5000,10000,20000').split(',').map(Number);
  const runs = Number(argument('--runs', 1));
  const warm = process.argv.includes('--cache');
  const trees = new Map(sizes.map((size) => [size, generatedTree(size)]));
  const samples = new Map(sizes.map((size) => [size, { cold: [], warm: [] }]));
  for (let round = 0; round < runs; round += 1) {
    for (const size of sizes) {
      const cache = path.join(tmpdir(), `fortress-bench-scale-cache-${size}.json`);
      const cold = auditRun(trees.get(size), warm ? { cache, fresh: true } : {});
      samples.get(size).cold.push(cold);
      process.stderr.write(`${size} files, cold: ${cold.cpu.toFixed(1)} s CPU, ${cold.wall.toFixed(1)} s wall, ${cold.peakMb.toFixed(0)} MB, load ${cold.load.toFixed(1)}\n`);
      if (warm) {
        const hot = auditRun(trees.get(size), { cache });
        samples.get(size).warm.push(hot);
        process.stderr.write(`${size} files, warm: ${hot.cpu.toFixed(2)} s CPU, ${hot.wall.toFixed(2)} s wall\n`);
      }
    }
  }
  const perFile = (size) => median(samples.get(size).cold.map((run) => run.cpu)) / size;
  const base = perFile(sizes[0]);
  const lines = [
    `fortress-audit cold on generated projects (bench/generate-project.mjs); node ${process.version}; ${runs} run(s) per size, sizes interleaved`,
    '',
    `| files | CPU user+sys | wall | CPU per file | vs ${sizes[0]} files | peak RSS | findings | load (1 min) |${warm ? ' warm CPU | warm wall | cold / warm CPU |' : ''}`,
    `|---:|---:|---:|---:|---:|---:|---:|---:|${warm ? '---:|---:|---:|' : ''}`,
  ];
  for (const size of sizes) {
    const { cold, warm: hot } = samples.get(size);
    const cpu = median(cold.map((run) => run.cpu));
    const row = [
      size,
      `${cpu.toFixed(1)} s`,
      `${median(cold.map((run) => run.wall)).toFixed(1)} s`,
      `${((cpu / size) * 1000).toFixed(2)} ms`,
      `${(perFile(size) / base).toFixed(2)}×`,
      `${Math.max(...cold.map((run) => run.peakMb)).toFixed(0)} MB`,
      cold[0].findings,
      cold.map((run) => run.load.toFixed(1)).join(', '),
    ];
    if (warm) {
      const hotCpu = median(hot.map((run) => run.cpu));
      row.push(`${hotCpu.toFixed(2)} s`, `${median(hot.map((run) => run.wall)).toFixed(2)} s`, `${(cpu / hotCpu).toFixed(1)}×`);
    }
    lines.push(`| ${row.join(' | ')} |`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
