#!/usr/bin/env node
// Mutation testing of one source file against only the tests relevant to it (issue 13).
//
//   npm run mutate:target -- <src file>[:<lines>][,<src file>…] [test globs...] [--concurrency 1|2] [--force] [--with-static]
//   npm run mutate:score -- <src file>[,<src file>…] [--survivors]
//
// Several targets, comma-separated, share one Stryker run (one coverage run; each mutant still runs only the tests that
// cover it): without test globs, the tests of each are guessed as below.
//
// Without test globs, the tests are guessed from the file's name: src/sql/rules/<rule>.ts → test/rules/<rule>.test.ts and
// test/rules/<rule>.*.test.ts; src/sql/<name>.ts → test/sql/<name>*.test.ts; src/audit/checks/<name>.ts →
// test/audit/checks/<name>*.test.ts. PostgreSQL ground-truth files (*.pg.test.ts) are never run (vitest.stryker.config.ts).
// Only those files take part in the first (coverage) run, so it takes seconds instead of minutes; the score is a lower
// bound (a mutant that only another file's tests kill counts as surviving).
//
// Stryker runs under `nice -n 19` (the machine is shared). The incremental state stays in
// reports/stryker-incremental.json: Stryker keeps the results of mutants outside the run's `--mutate` scope, so a run on one
// target does not wipe another's. After the run, the target's counts and score are printed (mutate:score does the same
// from the last report, reports/mutation/mutation.json); `projectRoot` and the project's absolute path are removed from
// the state file (it is committed).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const STATE_FILE = 'reports/stryker-incremental.json';
const REPORT_FILE = 'reports/mutation/mutation.json';

const argv = process.argv.slice(2);
const mode = argv[0] === '--score' ? 'score' : 'run';
const args = mode === 'score' ? argv.slice(1) : argv;
const flags = new Set(args.filter((arg) => arg === '--force' || arg === '--survivors' || arg === '--with-static'));
const concurrencyIndex = args.indexOf('--concurrency');
const concurrency = concurrencyIndex >= 0 ? args[concurrencyIndex + 1] : '1';
const positional = args.filter(
  (arg, index) => !arg.startsWith('--') && !(concurrencyIndex >= 0 && index === concurrencyIndex + 1),
);
const [target, ...testGlobs] = positional;

if (!target) {
  console.error('usage: npm run mutate:target -- <src file>[:<lines>] [test globs...] [--concurrency 1|2] [--force]');
  process.exit(2);
}
const targets = target.split(',');
const targetFiles = targets.map((one) => one.replace(/:\d+-\d+$/, ''));
for (const targetFile of targetFiles) {
  if (!existsSync(targetFile)) {
    console.error(`no such file: ${targetFile}`);
    process.exit(2);
  }
}

/** The test files named like the source file, ground truth left out. */
function guessTestFiles(file) {
  const base = path.basename(file, '.ts');
  const folder = file.startsWith('src/sql/rules/')
    ? 'test/rules'
    : file.startsWith('src/audit/checks/')
      ? 'test/audit/checks'
      : file.startsWith('src/sql/')
        ? 'test/sql'
        : undefined;
  if (!folder || !existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => (name === `${base}.test.ts` || name.startsWith(`${base}.`)) && name.endsWith('.test.ts'))
    .filter((name) => !name.endsWith('.pg.test.ts'))
    .map((name) => `${folder}/${name}`);
}

/** Counts by status for one file of a mutation-testing report, and its survivors. */
function summarize(reportFile, file) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const entry = Object.entries(report.files).find(([name]) => name === file || name.endsWith(`/${file}`));
  if (!entry) return undefined;
  const counts = {};
  for (const mutant of entry[1].mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  const killed = counts.Killed ?? 0;
  const timeout = counts.Timeout ?? 0;
  const survived = counts.Survived ?? 0;
  const noCoverage = counts.NoCoverage ?? 0;
  const detected = killed + timeout;
  const valid = detected + survived + noCoverage;
  const survivors = entry[1].mutants
    .filter((mutant) => mutant.status === 'Survived' || mutant.status === 'NoCoverage')
    .sort((a, b) => a.location.start.line - b.location.start.line);
  return { counts, mutants: entry[1].mutants.length, killed, timeout, survived, noCoverage, valid, detected, survivors };
}

function printSummary(file) {
  if (!existsSync(REPORT_FILE)) {
    console.error(`no report: ${REPORT_FILE}`);
    return 1;
  }
  const summary = summarize(REPORT_FILE, file);
  if (!summary) {
    console.error(`${file} is not in ${REPORT_FILE}`);
    return 1;
  }
  const score = summary.valid === 0 ? 100 : (100 * summary.detected) / summary.valid;
  console.log(
    `${file}: ${summary.mutants} mutants, ${summary.killed} killed, ${summary.timeout} timed out, ${summary.survived} survived, ` +
      `${summary.noCoverage} no coverage, score ${score.toFixed(1)}% (other: ${JSON.stringify(summary.counts)})`,
  );
  if (flags.has('--survivors')) {
    for (const mutant of summary.survivors) {
      const { start, end } = mutant.location;
      const replacement = (mutant.replacement ?? '').replace(/\s+/g, ' ').slice(0, 100);
      console.log(`  ${mutant.status} L${start.line}:${start.column}-${end.line}:${end.column} ${mutant.mutatorName}: ${replacement}`);
    }
  }
  return 0;
}

/** The summary of every target; 1 when one is missing from the report. */
const printSummaries = () => Math.max(...targetFiles.map((file) => printSummary(file)));

if (mode === 'score') process.exit(printSummaries());

const missing = testGlobs.length > 0 ? [] : targetFiles.filter((file) => guessTestFiles(file).length === 0);
if (missing.length > 0) {
  console.error(`no test files found for ${missing.join(', ')}: name them after it`);
  process.exit(2);
}
const testFiles = testGlobs.length > 0 ? testGlobs : [...new Set(targetFiles.flatMap((file) => guessTestFiles(file)))];
const strykerArgs = [
  'node_modules/@stryker-mutator/core/bin/stryker.js',
  'run',
  '--mutate',
  target,
  '--testFiles',
  testFiles.join(','),
  '--concurrency',
  concurrency,
  // A mutant run loads each covering test file again: two files take more than the config's 10 s on a loaded machine,
  // and a mutant that merely ran slowly would count as a timeout (detected) instead of surviving.
  '--timeoutMS',
  '60000',
  // Static mutants (code run once, when the module loads: a rule's meta — name, description, message templates, schema)
  // would each re-run every test file of the target; test/repo/consistency.test.ts and the docs snapshot check them.
  ...(flags.has('--with-static') ? [] : ['--ignoreStatic']),
  ...(flags.has('--force') ? ['--force'] : []),
];
console.log(`nice -n 19 node ${strykerArgs.join(' ')}`);
const started = Date.now();
const child = spawnSync('nice', ['-n', '19', process.execPath, ...strykerArgs], { stdio: 'inherit' });
console.log(`run time: ${((Date.now() - started) / 1000).toFixed(0)} s`);

if (existsSync(STATE_FILE)) {
  const state = JSON.parse(readFileSync(STATE_FILE, 'utf8'));
  delete state.projectRoot;
  // A killed mutant's reason may quote a path of the sandbox: the state file is committed, so no path of this machine.
  writeFileSync(STATE_FILE, `${JSON.stringify(state).split(process.cwd()).join('.')}\n`);
}
const status = child.status ?? 1;
process.exit(status === 0 ? printSummaries() : status);
