// Benchmark (issue 12, item "worker threads where they pay"): the per-file ESLint work, the audit's largest cost, split
// over N worker threads of one process vs done in the main thread. Each worker loads ESLint, the plugin and the
// TypeScript parser itself and lints every N-th file of the tree with configs.recommended; the main thread only waits.
// Fresh processes under GNU time, N = 1 (no worker: the main thread lints), 2, … interleaved round by round. CPU is
// user+sys of the whole process (all threads), so it shows what the threads cost, the wall what they save.
//
// Usage: npm run build && node bench/threads.mjs [--size 1000] [--threads 1,2] [--runs 3]
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

import { argument, generatedTree, median, timed } from './audit-scale.mjs';

const self = fileURLToPath(import.meta.url);

/** The TS/JS/SQL files of the tree (relative), sorted; the folders every tool ignores left out. */
function filesOf(dir, prefix = '') {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return ['node_modules', 'dist', 'build', 'coverage', '.git'].includes(entry.name) ? [] : filesOf(dir, relative);
      return /\.(?:[cm]?[jt]sx?|sql)$/.test(entry.name) ? [relative] : [];
    })
    .sort();
}

/** Lints `files` of `dir` with configs.recommended; the number of findings. */
async function lint(dir, files) {
  const [{ ESLint }, { default: fortress }] = await Promise.all([import('eslint'), import('../dist/index.js')]);
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [...fortress.configs.recommended] });
  const results = await eslint.lintFiles(files.map((file) => path.join(dir, file)));
  return results.reduce((sum, result) => sum + result.messages.length, 0);
}

if (!isMainThread) {
  parentPort.postMessage(await lint(workerData.dir, workerData.files));
} else if (process.argv.includes('--child')) {
  // One measured process: N threads (N = 1: the main thread itself lints).
  const dir = argument('--dir', '');
  const threads = Number(argument('--child-threads', 1));
  const files = filesOf(dir);
  let findings = 0;
  if (threads === 1) findings = await lint(dir, files);
  else {
    const shares = Array.from({ length: threads }, (_, index) => files.filter((_file, position) => position % threads === index));
    const counts = await Promise.all(
      shares.map((share) => new Promise((resolve, reject) => {
        const worker = new Worker(self, { workerData: { dir, files: share } });
        worker.once('message', resolve);
        worker.once('error', reject);
      })),
    );
    findings = counts.reduce((sum, count) => sum + count, 0);
  }
  process.stdout.write(`${JSON.stringify({ files: files.length, findings })}\n`);
} else {
  const size = Number(argument('--size', 1000));
  const counts = argument('--threads', '1,2').split(',').map(Number);
  const runs = Number(argument('--runs', 3));
  const dir = generatedTree(size);
  const samples = new Map(counts.map((count) => [count, []]));
  for (let round = 0; round < runs; round += 1) {
    for (const count of counts) {
      const run = timed(process.execPath, [self, '--child', '--dir', dir, '--child-threads', String(count)], dir);
      if (run.status !== 0) throw new Error(`threads=${count} exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
      samples.get(count).push({ ...run, ...JSON.parse(run.stdout) });
      process.stderr.write(`round ${round + 1}, ${count} thread(s): ${run.cpu.toFixed(2)} s CPU, ${run.wall.toFixed(2)} s wall, load ${run.load.toFixed(1)}\n`);
    }
  }
  const one = samples.get(counts[0]);
  const lines = [
    `ESLint configs.recommended over ${one[0].files} files of the generated ${size}-file tree, split over worker threads; node ${process.version}; ${runs} run(s), interleaved`,
    '',
    '| threads | CPU user+sys | runs (s) | wall | runs (s) | wall vs 1 | CPU vs 1 | peak RSS | findings | load (1 min) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const [count, list] of samples) {
    const cpu = median(list.map((run) => run.cpu));
    const wall = median(list.map((run) => run.wall));
    lines.push(
      `| ${count} | ${cpu.toFixed(2)} s | ${list.map((run) => run.cpu.toFixed(2)).join(', ')} | ${wall.toFixed(2)} s | ${list.map((run) => run.wall.toFixed(2)).join(', ')} | ${(wall / median(one.map((run) => run.wall))).toFixed(2)}× | ${(cpu / median(one.map((run) => run.cpu))).toFixed(2)}× | ${Math.max(...list.map((run) => run.peakMb)).toFixed(0)} MB | ${list[0].findings} | ${list.map((run) => run.load.toFixed(1)).join(', ')} |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
