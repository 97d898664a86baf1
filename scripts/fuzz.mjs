#!/usr/bin/env node
// The long fuzz run: `npm run fuzz -- --minutes 30 [--out fuzz-failures] [--seed n] [--batch 10]`.
// Runs test/fuzz/long-run.fuzz.ts under vitest (the properties import the TypeScript sources), then prints the
// summary it wrote. Exit code 0 when no failure was found, 1 when some were (saved under --out), 2 on a crash.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
function option(name, fallback) {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1] : fallback;
}

const minutes = Number(option('minutes', '30'));
const out = path.resolve(option('out', 'fuzz-failures'));
const seed = option('seed', undefined);
const batch = option('batch', '10');
if (!Number.isFinite(minutes) || minutes < 0) {
  console.error('--minutes must be a number >= 0');
  process.exit(2);
}

const summaryFile = path.join(out, 'summary.json');
rmSync(summaryFile, { force: true });
console.log(`fuzzing for ${minutes} min, failures under ${out}${seed ? `, first seed ${seed}` : ''}`);
const child = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.fuzz.config.ts', '--reporter', 'dot'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_MINUTES: String(minutes), FUZZ_OUT: out, FUZZ_BATCH: batch, ...(seed ? { FUZZ_SEED: seed } : {}) },
  // Hard stop: the run checks its deadline between batches; one input that hangs cannot keep it going forever.
  timeout: (minutes * 60 + 900) * 1000,
});

if (!existsSync(summaryFile)) {
  console.error(`the fuzz run ended without a summary (exit ${child.status ?? child.signal})`);
  process.exit(2);
}
const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
let failures = 0;
const shown = (file) => (path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file));
console.log('\nproperty                                              runs  failures');
for (const [name, stats] of Object.entries(summary.properties)) {
  failures += stats.failures.length;
  console.log(`${name.slice(0, 52).padEnd(52)} ${String(stats.runs).padStart(7)}  ${String(stats.failures.length).padStart(8)}`);
  for (const failure of stats.failures) console.log(`    seed ${failure.seed} path ${failure.path}: ${failure.error}\n      saved in ${shown(failure.saved)}`);
}
console.log(`\n${failures} failure(s); summary in ${shown(summaryFile)}`);
process.exit(failures > 0 ? 1 : 0);
