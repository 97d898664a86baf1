// Benchmark (issue 12): ESLint with fortress's configs.recommended vs the parse floor on the same files, and each
// rule's share of the lint time.
//
// Usage: npm run build && node bench/rules-vs-floor.mjs --dir <project> [--lint src,packages] [--runs 5]
//        npm run build && node bench/rules-vs-floor.mjs --files 4000 [--runs 5]     (a generated project)
//
// The floor is the same config with every rule turned off: the same parsers and languages (typescript-eslint's parser
// on JS/TS, `fortress/sql` on .sql), the same files, no rule. Each run is a fresh `node` process (bench/lint-once.mjs,
// ESLint's Node API, `cwd` = the project, nothing written into it), floor and rules alternately so that both see the
// same machine load; user + sys CPU, wall time and peak RSS come from GNU time. One more run of each with ESLint's
// `stats` gives the time per rule (summed over files) as a share of the whole lint time (parse + rules + fixes).
// Targets: recommended ≤ 1.15× the floor in CPU, no rule over 3% of the lint time, peak RSS within 15% of the floor's.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { generateProject } from './generate-project.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : fallback;
};

const hasGnuTime = existsSync('/usr/bin/time');
const timeFile = path.join(tmpdir(), `fortress-bench-floor-time-${process.pid}.txt`);

/**
 * One lint of `paths` in `project` in a fresh process; mode 'floor' or 'rules'; with `stats`, ESLint's per-rule times.
 * Exported for bench/all.mjs (`npm run bench`).
 */
export function lintOnce(project, paths, mode, stats = false) {
  const args = [path.join(root, 'bench/lint-once.mjs'), '--cwd', project, '--mode', mode, ...(stats ? ['--stats'] : []), ...paths];
  const started = process.hrtime.bigint();
  const run = hasGnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`lint-once ${mode} exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
  const [, user, system, peakKb] = hasGnuTime ? readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(/\s+/).map(Number) : [];
  rmSync(timeFile, { force: true });
  return { wall, cpu: hasGnuTime ? user + system : NaN, peakMb: hasGnuTime ? peakKb / 1024 : NaN, ...JSON.parse(run.stdout) };
}

/** Each rule's share of the lint time in one run with ESLint's stats, largest first. */
export function ruleShares(timed) {
  return Object.entries(timed.ruleMs)
    .map(([rule, ms]) => ({ rule, ms, share: ms / timed.totalMs }))
    .sort((a, b) => b.ms - a.ms);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const list = (values, digits = 2) => values.map((value) => value.toFixed(digits)).join(', ');

function main() {
  const runs = Number(argument('--runs', 5));
  const dir = argument('--dir', undefined);
  const fileCount = Number(argument('--files', 4000));
  const lint = (argument('--lint', '.') ?? '.').split(',').filter(Boolean);
  const project = dir ? path.resolve(dir) : path.join(tmpdir(), `fortress-bench-project-${fileCount}`);
  if (!dir) generateProject(project, fileCount);
  if (!existsSync(project)) throw new Error(`${project}: no such folder`);
  if (!existsSync(path.join(root, 'dist/index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const floor = [];
  const rules = [];
  for (let run = 0; run < runs; run += 1) {
    floor.push(lintOnce(project, lint, 'floor'));
    rules.push(lintOnce(project, lint, 'rules'));
    process.stderr.write(`run ${run + 1}/${runs}: floor ${floor.at(-1).cpu.toFixed(2)} s CPU, recommended ${rules.at(-1).cpu.toFixed(2)} s CPU\n`);
  }
  const timed = lintOnce(project, lint, 'rules', true);

  const floorCpu = median(floor.map((run) => run.cpu));
  const rulesCpu = median(rules.map((run) => run.cpu));
  const floorPeak = Math.max(...floor.map((run) => run.peakMb));
  const rulesPeak = Math.max(...rules.map((run) => run.peakMb));
  const shares = ruleShares(timed);
  const lines = [
    `${project} (${lint.join(', ')}): ${rules[0].files} files, ${rules[0].findings} findings; node ${process.version}; ${runs} runs each, interleaved`,
    '',
    '| config | median user+sys | runs (s) | median wall | runs (s) | peak RSS, max of runs |',
    '|---|---:|---:|---:|---:|---:|',
    `| floor (recommended, every rule off) | ${floorCpu.toFixed(2)} s | ${list(floor.map((run) => run.cpu))} | ${median(floor.map((run) => run.wall)).toFixed(2)} s | ${list(floor.map((run) => run.wall))} | ${floorPeak.toFixed(0)} MB |`,
    `| configs.recommended | ${rulesCpu.toFixed(2)} s | ${list(rules.map((run) => run.cpu))} | ${median(rules.map((run) => run.wall)).toFixed(2)} s | ${list(rules.map((run) => run.wall))} | ${rulesPeak.toFixed(0)} MB |`,
    '',
    `recommended / floor: ${(rulesCpu / floorCpu).toFixed(3)}× CPU (target ≤ 1.15×), peak RSS ${(rulesPeak / floorPeak).toFixed(2)}× (target ≤ 1.15×)`,
    '',
    `Per rule (one run with ESLint's stats: ${timed.totalMs.toFixed(0)} ms of lint time over ${timed.files} files, of which parsing ${timed.parseMs.toFixed(0)} ms):`,
    '',
    '| rule | ms | share of lint time |',
    '|---|---:|---:|',
    ...shares.map(({ rule, ms, share }) => `| ${rule} | ${ms.toFixed(1)} | ${(share * 100).toFixed(2)} %${share > 0.03 ? ' (over 3 %)' : ''} |`),
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
