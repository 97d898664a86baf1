// `npm run eval:real -- --repos <folder>`: precision and recall of the plugin's rules on real backends.
// Lints each pinned checkout of test/real-code/repos.json (a folder named owner+name under --repos) with the built
// plugin (dist/, as a user's eslint.config.js loads it) and compares the findings with the labels of
// test/real-code/labels/<rule>.json. Not part of `npm test`: the checkouts are not in this repository.
//
// Options:
//   --repos <dir>       folder holding the owner+name checkouts (required unless --load)
//   --repo <owner/name> only this repository (repeatable)
//   --rule <name>       only this rule in the report (repeatable; with or without the fortress/ prefix)
//   --config <name>     plugin config to lint with: recommended (default) or all
//   --unlabelled <N>    print a seeded random sample of N unlabelled findings per rule, to label next
//   --seed <n>          seed of that sample (default 1)
//   --timeout <s>       time limit per repository, in seconds (default 900); a repository over it is reported, not waited for
//   --save <file>       write the findings of this run (JSON) ...
//   --load <file>       ... and report from such a file instead of linting again
//   --json              print the report as JSON
//   --verbose           list parse errors and crashes by file
import { execFileSync, fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const realCodeDir = path.join(root, 'test/real-code');
/** Candidate files: source files, `.sql` migrations and Prisma schemas (each linted by its block of the config). */
const SOURCE = /\.(?:[cm]?[jt]sx?|sql|prisma)$/i;
/** Not linted in any repository: dependencies, build output, generated declarations and minified bundles. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', '.next', '.turbo', 'coverage', '.output', '.wrangler']);
const SKIPPED_FILE = /\.d\.[cm]?ts$|\.min\.js$/i;
const BATCH_SIZE = 100;

const write = (text) => process.stdout.write(text);
// `npm run eval:real ... | head` closes stdout early: stop quietly.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const posix = (file) => file.split(path.sep).join('/');
const ruleName = (ruleId) => ruleId.replace(/^fortress\//, '');
const keyOf = (repo, file, line, rule) => `${repo}\n${file}\n${line}\n${rule}`;

// ── worker: lints one repository in a child process (bounded time, isolated from a crash) ──

/** The files to lint under `dir`, as relative posix paths, sorted. */
function listFiles(repoRoot, dir) {
  const out = [];
  const walk = (relative) => {
    let entries;
    try {
      entries = readdirSync(path.join(repoRoot, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(child);
      } else if (entry.isFile() && SOURCE.test(entry.name) && !SKIPPED_FILE.test(entry.name)) {
        out.push(child);
      }
    }
  };
  walk(dir === '.' ? '' : dir);
  return out.sort();
}

function firstLine(error) {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}

async function lintRepository({ repoRoot, subdirs, config }) {
  const { ESLint } = await import('eslint');
  const plugin = (await import(pathToFileURL(path.join(root, 'dist/index.js')).href)).default;
  const files = [...new Set(subdirs.flatMap((dir) => listFiles(repoRoot, dir)))];
  const eslint = new ESLint({
    cwd: repoRoot,
    overrideConfigFile: true,
    overrideConfig: [...plugin.configs[config], { linterOptions: { reportUnusedDisableDirectives: 'off' } }],
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
  });
  const findings = [];
  const parseErrors = [];
  const crashes = [];
  let linted = 0;
  const collect = (results) => {
    linted += results.length;
    for (const result of results) {
      const file = posix(path.relative(repoRoot, result.filePath));
      for (const message of result.messages) {
        if (message.fatal === true) parseErrors.push({ path: file, line: message.line ?? 1, message: message.message });
        else if (message.ruleId?.startsWith('fortress/')) {
          findings.push({ rule: ruleName(message.ruleId), path: file, line: message.line ?? 1, message: message.message });
        }
      }
    }
  };
  const started = performance.now();
  for (let start = 0; start < files.length; start += BATCH_SIZE) {
    const batch = files.slice(start, start + BATCH_SIZE).map((file) => path.join(repoRoot, file));
    try {
      collect(await eslint.lintFiles(batch));
    } catch {
      // One file made ESLint or a rule throw: lint the batch file by file to name it and keep the others.
      for (const file of batch) {
        try {
          collect(await eslint.lintFiles([file]));
        } catch (error) {
          crashes.push({ path: posix(path.relative(repoRoot, file)), message: firstLine(error) });
        }
      }
    }
  }
  return {
    // The files ESLint linted: a candidate no block of the config matches gives no result.
    files: linted,
    ms: Math.round(performance.now() - started),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    findings,
    parseErrors,
    crashes,
  };
}

// ── parent: runs the workers, matches findings with labels, prints the report ──

function lintInChild(job, timeoutMs) {
  return new Promise((resolve) => {
    const child = fork(fileURLToPath(import.meta.url), ['--worker'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    let settled = false;
    const settle = (value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle({ status: `timed out after ${timeoutMs / 1000} s` });
    }, timeoutMs);
    child.on('message', (result) => {
      settle({ status: 'ok', ...result });
      child.disconnect();
    });
    child.on('exit', (code, signal) => settle({ status: `worker exited (${signal ?? code}): ${stderr.trim().split('\n').pop() ?? ''}` }));
    child.send(job);
  });
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** What is wrong with a label file, so a typo does not silently count as an unmatched label. */
function labelProblems(name, findings, misses) {
  const problems = [];
  const seen = new Set();
  const located = (entry) => typeof entry.repo === 'string' && typeof entry.path === 'string' && Number.isInteger(entry.line);
  findings.forEach((entry, index) => {
    if (!located(entry)) problems.push(`findings[${index}] needs repo, path and an integer line`);
    if (entry.verdict !== 'fix' && entry.verdict !== 'noise') problems.push(`findings[${index}].verdict is "fix" or "noise", not ${JSON.stringify(entry.verdict)}`);
    if (typeof entry.reason !== 'string' || entry.reason.trim() === '') problems.push(`findings[${index}] has no reason`);
    const key = keyOf(entry.repo, entry.path, entry.line, name);
    if (seen.has(key)) problems.push(`findings[${index}] labels ${entry.path}:${entry.line} twice`);
    seen.add(key);
  });
  misses.forEach((entry, index) => {
    if (!located(entry)) problems.push(`misses[${index}] needs repo, path and an integer line`);
    if (entry.endLine !== undefined && !(Number.isInteger(entry.endLine) && entry.endLine >= entry.line)) problems.push(`misses[${index}].endLine is an integer >= line`);
  });
  return problems;
}

function readLabels() {
  const dir = path.join(realCodeDir, 'labels');
  const labels = new Map();
  if (!existsSync(dir)) return labels;
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.json')).sort()) {
    const data = readJson(path.join(dir, name));
    const rule = ruleName(data.rule ?? name.replace(/\.json$/, ''));
    const findings = data.findings ?? [];
    const misses = data.misses ?? [];
    for (const problem of labelProblems(name, findings, misses)) process.stderr.write(`labels/${name}: ${problem}\n`);
    labels.set(rule, { findings, misses });
  }
  return labels;
}

function checkoutCommit(repoRoot) {
  if (!existsSync(path.join(repoRoot, '.git'))) return undefined;
  try {
    return execFileSync('git', ['-C', repoRoot, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/** FNV-1a: a stable hash, so a sample is the same on every run. */
function hash(text) {
  let h = 2166136261;
  for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** A seeded random sample: the findings ordered by a hash of (seed, finding), the first `count` of them. */
function sample(findings, count, seed) {
  const rank = (f) => hash(`${seed}\n${keyOf(f.repo, f.path, f.line, f.rule)}`);
  return findings
    .map((f) => [rank(f), f])
    .sort(([a], [b]) => a - b)
    .slice(0, count)
    .map(([, f]) => f);
}

/**
 * A miss is found when the rule reports its line, or any line from `line` to `endLine` when the miss gives one
 * (a handler, a loader); a miss whose path ends in '/' (a folder) is found by any finding in a file under it.
 */
function missFound(miss, findingsOfRule) {
  const inRepo = findingsOfRule.filter((f) => f.repo === miss.repo);
  if (miss.path.endsWith('/')) return inRepo.some((f) => f.path.startsWith(miss.path));
  const last = miss.endLine ?? miss.line;
  return inRepo.some((f) => f.path === miss.path && f.line >= miss.line && f.line <= last);
}

function report(run, labels, options) {
  const linted = new Set(run.repos.filter((repo) => repo.status === 'ok').map((repo) => repo.name));
  const wantedRules = options.rule.length > 0 ? new Set(options.rule.map(ruleName)) : undefined;
  const byRule = new Map();
  for (const rule of [...run.rules, ...labels.keys()]) byRule.set(rule, []);
  for (const finding of run.findings) {
    if (!byRule.has(finding.rule)) byRule.set(finding.rule, []);
    byRule.get(finding.rule).push(finding);
  }
  const rows = [];
  for (const [rule, findings] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    if (wantedRules && !wantedRules.has(rule)) continue;
    const label = labels.get(rule) ?? { findings: [], misses: [] };
    const present = new Set(findings.map((f) => keyOf(f.repo, f.path, f.line, rule)));
    const labelled = new Map(label.findings.map((l) => [keyOf(l.repo, l.path, l.line, rule), l]));
    let fix = 0;
    let noise = 0;
    const gone = [];
    for (const [key, l] of labelled) {
      if (present.has(key)) {
        if (l.verdict === 'fix') fix++;
        else noise++;
      } else if (linted.has(l.repo)) {
        gone.push(l);
      }
    }
    const unlabelled = findings.filter((f) => !labelled.has(keyOf(f.repo, f.path, f.line, rule)));
    const misses = label.misses.filter((m) => linted.has(m.repo));
    const found = misses.filter((m) => missFound(m, findings));
    rows.push({
      rule,
      findings: findings.length,
      fix,
      noise,
      unlabelled: unlabelled.length,
      precision: fix + noise === 0 ? null : fix / (fix + noise),
      missesFound: found.length,
      missesTotal: misses.length,
      missesNotFound: misses.filter((m) => !found.includes(m)),
      goneFix: gone.filter((l) => l.verdict === 'fix'),
      goneNoise: gone.filter((l) => l.verdict !== 'fix'),
      sample: options.unlabelled > 0 ? sample(unlabelled, options.unlabelled, options.seed) : [],
    });
  }
  return rows;
}

const pct = (value) => (value === null ? '   -' : `${Math.round(value * 100)}%`.padStart(4));

function printText(run, rows, verbose) {
  write('repository                                      files  findings  parse errors  crashes  time   status\n');
  for (const repo of run.repos) {
    const count = run.findings.filter((f) => f.repo === repo.name).length;
    const time = repo.ms === undefined ? '-' : `${(repo.ms / 1000).toFixed(0)} s`;
    write(
      `${repo.name.padEnd(46)} ${String(repo.files ?? '-').padStart(6)} ${String(count).padStart(9)} ${String(repo.parseErrors?.length ?? '-').padStart(13)} ${String(repo.crashes?.length ?? '-').padStart(8)} ${time.padStart(6)}   ${repo.status}\n`,
    );
    if (verbose) {
      for (const error of repo.parseErrors ?? []) write(`    parse error ${error.path}:${error.line} ${error.message}\n`);
    }
    for (const crash of repo.crashes ?? []) write(`    CRASH ${crash.path}: ${crash.message}\n`);
  }
  write('\nrule                                       findings  fix  noise  unlabelled  precision  misses found\n');
  for (const row of rows) {
    write(
      `${row.rule.padEnd(42)} ${String(row.findings).padStart(8)} ${String(row.fix).padStart(4)} ${String(row.noise).padStart(6)} ${String(row.unlabelled).padStart(11)} ${pct(row.precision).padStart(10)}  ${`${row.missesFound}/${row.missesTotal}`.padStart(12)}\n`,
    );
  }
  for (const row of rows) {
    const lines = [];
    for (const l of row.goneFix) lines.push(`  REGRESSION (a 'fix' finding is gone) ${l.repo} ${l.path}:${l.line}`);
    for (const l of row.goneNoise) lines.push(`  progress (a 'noise' finding is gone) ${l.repo} ${l.path}:${l.line}`);
    if (verbose) for (const m of row.missesNotFound) lines.push(`  missed ${m.repo} ${m.path}:${m.line ?? ''} ${m.reason}`);
    for (const f of row.sample) lines.push(`  to label: ${f.repo} ${f.path}:${f.line}  ${f.message.split('\n')[0].slice(0, 160)}`);
    if (lines.length > 0) write(`\n${row.rule}\n${lines.join('\n')}\n`);
  }
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      repos: { type: 'string' },
      repo: { type: 'string', multiple: true, default: [] },
      rule: { type: 'string', multiple: true, default: [] },
      config: { type: 'string', default: 'recommended' },
      unlabelled: { type: 'string', default: '0' },
      seed: { type: 'string', default: '1' },
      timeout: { type: 'string', default: '900' },
      save: { type: 'string' },
      load: { type: 'string' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  return { ...values, unlabelled: Number(values.unlabelled), seed: Number(values.seed), timeout: Number(values.timeout) };
}

async function lintAll(options) {
  if (!['recommended', 'all'].includes(options.config)) throw new Error(`--config: recommended or all, not ${options.config}`);
  const plugin = (await import(pathToFileURL(path.join(root, 'dist/index.js')).href)).default;
  const rules = [...new Set([...plugin.configs[options.config]].flatMap((block) => Object.keys(block.rules ?? {})))].map(ruleName);
  const repos = readJson(path.join(realCodeDir, 'repos.json')).filter((repo) => options.repo.length === 0 || options.repo.includes(repo.name));
  const run = { config: options.config, rules, repos: [], findings: [] };
  for (const repo of repos) {
    const repoRoot = path.resolve(options.repos, repo.dir);
    const entry = { name: repo.name, commit: repo.commit };
    if (!existsSync(repoRoot) || !statSync(repoRoot).isDirectory()) {
      entry.status = `missing: git clone https://github.com/${repo.name} ${repo.dir} && git -C ${repo.dir} checkout ${repo.commit}`;
    } else {
      const head = checkoutCommit(repoRoot);
      if (!options.json) write(`linting ${repo.name} ...\n`);
      const result = await lintInChild({ repoRoot, subdirs: repo.subdirs ?? ['.'], config: options.config }, options.timeout * 1000);
      Object.assign(entry, result);
      if (head !== undefined && head !== repo.commit) entry.status += ` (checkout is at ${head}, not the pinned commit)`;
      for (const finding of result.findings ?? []) run.findings.push({ repo: repo.name, ...finding });
      delete entry.findings;
    }
    run.repos.push(entry);
  }
  return run;
}

async function main() {
  const options = parseOptions();
  if (options.repos === undefined && options.load === undefined) {
    process.stderr.write('usage: npm run eval:real -- --repos <folder holding the owner+name checkouts> [--rule r] [--repo r] [--json] [--unlabelled N]\n');
    process.exitCode = 2;
    return;
  }
  const run = options.load === undefined ? await lintAll(options) : readJson(options.load);
  if (options.save !== undefined) writeFileSync(options.save, `${JSON.stringify(run, null, 1)}\n`);
  const rows = report(run, readLabels(), options);
  if (options.json) write(`${JSON.stringify({ config: run.config, repos: run.repos, rules: rows }, null, 2)}\n`);
  else printText(run, rows, options.verbose);
  if (run.repos.some((repo) => (repo.crashes?.length ?? 0) > 0 || /^(?:timed out|worker exited)/.test(repo.status))) process.exitCode = 1;
}

if (process.argv.includes('--worker')) {
  process.once('message', async (job) => {
    process.send(await lintRepository(job), () => process.exit(0));
  });
} else {
  await main();
}
