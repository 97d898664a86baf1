// `npm run bench` (issue 12): one table on the same tree. ESLint's parse floor (configs.recommended with every rule
// off), configs.recommended, each rule's share of the lint time (bench/rules-vs-floor.mjs), fortress-audit cold and
// warm (`--cache-location` in the temporary folder: nothing is written into the tree), dependency-cruiser over the same
// tree, and the SQL rules vs squawk (bench/sql-vs-squawk.mjs, run as it is, its rows folded into the table).
//
// Usage: npm run bench -- [--size 1000] [--repos <folder> [--repo <name>]...] [--runs 3] [--sql-runs 1] [--no-sql]
//   --size N      a generated project of N files (bench/generate-project.mjs; deterministic), the default tree
//   --repos DIR   instead, every folder in DIR (e.g. real repositories extracted at pinned commits), each its own tree;
//                 --repo NAME (repeatable) keeps only those folders
//   --runs R      runs of each tree command, interleaved round by round (floor, recommended, audit cold, audit warm,
//                 dependency-cruiser), medians shown; one more ESLint run with stats gives the per-rule shares
// Each command is a fresh `node` process under GNU time: CPU is user+sys (what a shared machine's load disturbs
// least), RSS the peak of the process; the 1-minute load average before each run is shown with each figure.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { argument, auditRun, generatedTree, median, timed } from './audit-scale.mjs';
import { lintOnce, ruleShares } from './rules-vs-floor.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(argument('--runs', 3));
const sqlRuns = Number(argument('--sql-runs', 1));
const size = Number(argument('--size', 1000));
const reposDir = argument('--repos', undefined);
const onlyRepos = process.argv.flatMap((value, index) => (process.argv[index - 1] === '--repo' ? [value.replace('/', '+')] : []));
const withSql = !process.argv.includes('--no-sql');

if (!existsSync(path.join(root, 'dist/cli/index.js'))) throw new Error('dist/ is missing: run `npm run build` first');

/** The trees: the generated project, or the folders of --repos. */
function trees() {
  if (reposDir === undefined) return [{ name: `generated, ${size} files`, dir: generatedTree(size) }];
  return readdirSync(reposDir)
    .filter((name) => statSync(path.join(reposDir, name)).isDirectory() && (onlyRepos.length === 0 || onlyRepos.includes(name)))
    .sort()
    .map((name) => ({ name: name.replace('+', '/'), dir: path.resolve(reposDir, name) }));
}

const DEPCRUISE = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** dependency-cruiser over the tree as the audit's module graph runs it: TypeScript pre-compilation deps, tsconfig paths, node_modules not followed. */
function depcruise(dir) {
  const args = [DEPCRUISE, '--no-config', '--ts-pre-compilation-deps', '--do-not-follow', 'node_modules', '--exclude', '(^|/)(node_modules|dist|build|coverage|\\.git)/', '--output-type', 'err'];
  if (existsSync(path.join(dir, 'tsconfig.json'))) args.push('--ts-config', 'tsconfig.json');
  const run = timed(process.execPath, [...args, '.'], dir);
  const modules = /\((\d+) modules/.exec(run.stdout)?.[1];
  return { ...run, findings: modules === undefined ? `exit ${run.status}` : `${modules} modules` };
}

const rows = [];
const fmt = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const loads = (samples) => samples.map((sample) => fmt(sample.load, 1)).join(', ');

for (const tree of trees()) {
  const cache = path.join(tmpdir(), `fortress-bench-all-cache-${process.pid}.json`);
  const samples = { floor: [], rules: [], cold: [], warm: [], depcruise: [] };
  for (let round = 0; round < runs; round += 1) {
    const load = () => loadavg()[0];
    let before = load();
    samples.floor.push({ ...lintOnce(tree.dir, ['.'], 'floor'), load: before });
    before = load();
    samples.rules.push({ ...lintOnce(tree.dir, ['.'], 'rules'), load: before });
    samples.cold.push(auditRun(tree.dir, { cache, fresh: true }));
    samples.warm.push(auditRun(tree.dir, { cache }));
    samples.depcruise.push(depcruise(tree.dir));
    process.stderr.write(
      `${tree.name}, round ${round + 1}/${runs}: ${Object.entries(samples).map(([what, list]) => `${what} ${fmt(list.at(-1).cpu)} s`).join(', ')} (CPU)\n`,
    );
  }
  const stats = lintOnce(tree.dir, ['.'], 'rules', true);
  const floorCpu = median(samples.floor.map((sample) => sample.cpu));
  const row = (what, list, findings) => {
    const cpu = median(list.map((sample) => sample.cpu));
    rows.push([tree.name, what, `${fmt(cpu)} s`, `${fmt(median(list.map((sample) => sample.wall)))} s`, `${fmt(Math.max(...list.map((sample) => sample.peakMb)), 0)} MB`, `${fmt(cpu / floorCpu)}×`, findings, loads(list)]);
  };
  row('ESLint parse floor (recommended, rules off)', samples.floor, `${samples.floor[0].files} files`);
  row('ESLint configs.recommended', samples.rules, samples.rules[0].findings);
  for (const { rule, ms, share } of ruleShares(stats)) {
    rows.push([tree.name, `  ${rule}`, `${fmt(ms / 1000, 3)} s`, '', '', '', `${fmt(share * 100)} % of lint time${share > 0.03 ? ' (over 3 %)' : ''}`, '']);
  }
  row('fortress-audit, cold (empty cache)', samples.cold, samples.cold[0].findings);
  row('fortress-audit, warm (--cache)', samples.warm, `${samples.warm[0].findings}; cold/warm CPU ${fmt(median(samples.cold.map((s) => s.cpu)) / median(samples.warm.map((s) => s.cpu)), 1)}×`);
  row('dependency-cruiser (the module graph alone)', samples.depcruise, samples.depcruise[0].findings);
}

if (withSql) {
  // bench/sql-vs-squawk.mjs as it is (its inputs: generated migration sets and the 20,000-statement file); its rows
  // (input, tool, wall, peak RSS, findings…) become rows of this table. Wall time only: it does not measure CPU.
  const load = loadavg()[0];
  const run = spawnSync(process.execPath, [path.join(root, 'bench/sql-vs-squawk.mjs'), '--runs', String(sqlRuns)], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const tableRows = run.stdout.split('\n').filter((line) => /^\|/.test(line) && !/^\|\s*-/.test(line) && !/^\|\s*input\s*\|/.test(line));
  for (const line of tableRows) {
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    if (cells.length < 5 || !/^\d/.test(cells[2] ?? '')) continue;
    rows.push([`SQL: ${cells[0]}`, cells[1], '—', `${cells[2]} s`, `${cells[3]} MB`, '', cells[4], fmt(load, 1)]);
  }
  if (run.status !== 0 || tableRows.length === 0) rows.push(['SQL vs squawk', `bench/sql-vs-squawk.mjs exited ${run.status}`, '', '', '', '', run.stderr.split('\n').find(Boolean) ?? '', '']);
}

process.stdout.write(
  [
    `npm run bench; node ${process.version}, ${cpus().length} CPUs; ${runs} run(s) of each tree command, interleaved; medians (RSS: max)`,
    '',
    '| tree | what | CPU user+sys | wall | peak RSS | × floor CPU | findings / share | load (1 min) |',
    '|---|---|---:|---:|---:|---:|---:|---|',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
    '',
  ].join('\n'),
);
