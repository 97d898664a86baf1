// One ESLint run for bench/rules-vs-floor.mjs, in its own process: fortress's configs.recommended ('rules') or the
// same config with every rule off ('floor'), through ESLint's Node API with `cwd` = the project (nothing is written
// there). Prints one JSON line: files, findings, and with --stats the lint time per rule, parsing and in all (ms).
// Usage: node bench/lint-once.mjs --cwd <project> --mode floor|rules [--stats] [paths…]
import { ESLint } from 'eslint';

import fortress from '../dist/index.js';

const args = process.argv.slice(2);
const valueOf = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args.splice(index, 2)[1] : undefined;
};
const cwd = valueOf('--cwd');
const mode = valueOf('--mode');
const statsIndex = args.indexOf('--stats');
const stats = statsIndex >= 0;
if (stats) args.splice(statsIndex, 1);
if (!cwd || (mode !== 'floor' && mode !== 'rules')) {
  process.stderr.write('usage: node bench/lint-once.mjs --cwd <project> --mode floor|rules [--stats] [paths…]\n');
  process.exit(2);
}

const IGNORES = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/.next/**', '**/coverage/**', '**/.turbo/**', '**/*.d.ts', '**/*.min.js'];
const recommended = [...fortress.configs.recommended];
const config =
  mode === 'rules'
    ? recommended
    : recommended.map((block) => (block.rules ? { ...block, rules: Object.fromEntries(Object.keys(block.rules).map((rule) => [rule, 'off'])) } : block));
const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [{ ignores: IGNORES }, ...config], stats, errorOnUnmatchedPattern: false });
const results = await eslint.lintFiles(args.length > 0 ? args : ['.']);

const ruleMs = {};
let parseMs = 0;
let totalMs = 0;
for (const result of results) {
  for (const pass of result.stats?.times.passes ?? []) {
    parseMs += pass.parse.total;
    totalMs += pass.total;
    for (const [rule, time] of Object.entries(pass.rules ?? {})) ruleMs[rule] = (ruleMs[rule] ?? 0) + time.total;
  }
}
const findings = results.reduce((sum, result) => sum + result.messages.length, 0);
process.stdout.write(`${JSON.stringify({ files: results.length, findings, ruleMs, parseMs, totalMs })}\n`);
