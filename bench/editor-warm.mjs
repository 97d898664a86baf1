// Benchmark (issue 12): the editor's case. An editor's ESLint server keeps one ESLint instance for the session and
// re-lints the open file after each edit. This runs two such instances in one process, the parse floor (the
// recommended config with every rule off) and configs.recommended, warms both on the project and on the file, then
// re-lints the file after an edit, alternately, and compares the times. Each re-lint sees a different text (a
// comment line with the edit's number is appended), so nothing keyed by the text can be reused between two re-lints.
//
// Usage: npm run build && node bench/editor-warm.mjs --dir <project> --file <path in the project> [--runs 40] [--warm src]
//   --warm: folders linted once by both instances before the timed re-lints (the files an editor session has opened
//   and the module caches a real session has filled); default: the folder of --file.
// Target: recommended's median re-lint within 10 % of the floor's.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ESLint } from 'eslint';

import fortress from '../dist/index.js';

const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const dir = argument('--dir', undefined);
const file = argument('--file', undefined);
const runs = Number(argument('--runs', 40));
if (!dir || !file) {
  process.stderr.write('usage: node bench/editor-warm.mjs --dir <project> --file <path in the project> [--runs 40] [--warm folders]\n');
  process.exit(2);
}
const cwd = path.resolve(dir);
const filePath = path.resolve(cwd, file);
const warm = (argument('--warm', path.dirname(path.relative(cwd, filePath))) ?? '.').split(',').filter(Boolean);

const IGNORES = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/.next/**', '**/coverage/**', '**/*.d.ts', '**/*.min.js'];
const recommended = [...fortress.configs.recommended];
const withoutRules = recommended.map((block) => (block.rules ? { ...block, rules: Object.fromEntries(Object.keys(block.rules).map((rule) => [rule, 'off'])) } : block));
const instance = (config) => new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [{ ignores: IGNORES }, ...config], errorOnUnmatchedPattern: false });
const instances = { floor: instance(withoutRules), rules: instance(recommended) };

const text = readFileSync(filePath, 'utf8');
const lines = text.split('\n').length;
let findings = 0;
for (const eslint of Object.values(instances)) {
  await eslint.lintFiles(warm);
  for (let edit = 0; edit < 3; edit += 1) await eslint.lintText(`${text}\n// warm-up ${edit}\n`, { filePath });
}

const times = { floor: [], rules: [] };
for (let run = 0; run < runs; run += 1) {
  // Alternate which goes first, so that neither always runs right after a GC the other triggered.
  const order = run % 2 === 0 ? ['floor', 'rules'] : ['rules', 'floor'];
  for (const mode of order) {
    const edited = `${text}\n// edit ${run}\n`;
    const started = performance.now();
    const [result] = await instances[mode].lintText(edited, { filePath });
    times[mode].push(performance.now() - started);
    if (mode === 'rules') findings = result.messages.length;
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))];
const row = (name, values) => `| ${name} | ${median(values).toFixed(1)} | ${quantile(values, 0.1).toFixed(1)} | ${quantile(values, 0.9).toFixed(1)} |`;
process.stdout.write(
  [
    `${path.relative(cwd, filePath)} (${lines} lines) in ${cwd}: ${runs} re-lints per config, alternating, one process; node ${process.version}; warmed on ${warm.join(', ')}; ${findings} findings with recommended`,
    '',
    '| config | median ms | p10 ms | p90 ms |',
    '|---|---:|---:|---:|',
    row('floor (recommended, every rule off)', times.floor),
    row('configs.recommended', times.rules),
    '',
    `recommended / floor, medians: ${(median(times.rules) / median(times.floor)).toFixed(3)}× (target ≤ 1.10×)`,
    '',
  ].join('\n'),
);
