// Benchmark: fortress's `.sql` rules (ESLint, the `recommended-sql` block) vs squawk-cli on real migration sets
// (bench/sql-real-corpus.mjs: the pinned migration folders of public projects) and on the generated file of 20,000
// statements (bench/generate-migrations.mjs, after its base file).
// Usage: npm run build && node bench/sql-real-vs-squawk.mjs [--corpus <dir>] [--sources <dir>] [--runs 5]
//          [--dist dist[,bench/out/before/dist]] [--inputs real,big] [--tools fortress,eslint-floor,squawk,squawk-json]
//          [--slow-runs 1]
//   --corpus: where the real corpus is (written there by bench/sql-real-corpus.mjs if missing; default
//   bench/out/sql-real); --sources is passed on to it. --dist: one or more builds of the plugin, each a tool of its own
//   (a copy of an older dist/ next to a copy of package.json, e.g. bench/out/before/dist), for before/after runs.
// Every run is `/usr/bin/time -f '%e %U %S %M'` around the whole process: wall time, CPU (user + sys, start-up
// included) and peak RSS. The tools run interleaved (run 1 of each tool, then run 2 of each …); the table has medians,
// the load average before and after, the findings and the md5 of ESLint's JSON output (paths made relative).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { measure as measureProcess } from './gnu-time.mjs';
import { writeOneBigFile } from './generate-migrations.mjs';
import { sqlFilesUnder, writeSqlCorpus } from './sql-real-corpus.mjs';
import { squawkBinary } from './squawk.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// The configs are written here: inside the repository, so `@eslint/plugin-kit` resolves from its node_modules.
const out = path.join(root, 'bench/out');
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const runs = Number(option('--runs', '5'));
const corpus = path.resolve(option('--corpus', path.join(out, 'sql-real')));
const sources = option('--sources');
const dists = option('--dist', 'dist').split(',').map((dist) => path.resolve(root, dist));
const inputs = option('--inputs', 'real,big').split(',');
const toolNames = option('--tools', 'fortress,eslint-floor,squawk,squawk-json').split(',');
// squawk's default reporter takes ~15 s on the big file (quiet machine): it runs in the first --slow-runs rounds only.
const slowRuns = Number(option('--slow-runs', '1'));
const squawk = squawkBinary();
const eslint = path.join(root, 'node_modules/eslint/bin/eslint.js');

mkdirSync(out, { recursive: true });

/** An ESLint config file per build: the `recommended-sql` block of configs.recommended (the `.sql` files' part). */
function configFor(dist) {
  const file = path.join(out, `eslint.sql-real.${path.relative(root, dist).replaceAll(/[^\w]+/g, '-')}.mjs`);
  writeFileSync(file, `import fortress from ${JSON.stringify(path.join(dist, 'index.js'))};\nexport default [fortress.configs['recommended-sql']];\n`);
  return file;
}

const measure = (command, args, cwd) => measureProcess(command, args, cwd, path.join(out, 'time-sql-real.txt'));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');

function eslintSummary(stdout, cwd) {
  const results = JSON.parse(stdout || '[]');
  const relative = results
    .map((result) => ({ ...result, filePath: path.relative(cwd, result.filePath) }))
    .sort((a, b) => (a.filePath < b.filePath ? -1 : 1));
  const findings = results.reduce((sum, result) => sum + result.messages.length, 0);
  const fatal = results.reduce((sum, result) => sum + result.messages.filter((message) => message.fatal).length, 0);
  return { findings, fatal, files: results.length, md5: createHash('md5').update(JSON.stringify(relative)).digest('hex').slice(0, 12) };
}

function squawkSummary(stdout) {
  const findings = JSON.parse(stdout || '[]');
  return { findings: findings.length, files: new Set(findings.map((finding) => finding.file)).size };
}

const cases = [];
if (inputs.includes('real')) {
  writeSqlCorpus(corpus, sources && path.resolve(sources));
  cases.push({ name: `real migration sets (${sqlFilesUnder(corpus).length} files)`, dir: corpus, glob: '**/*.sql', eslintTarget: '.' });
}
if (inputs.includes('big')) {
  const dir = path.join(out, 'big');
  if (!existsSync(path.join(dir, 'migrations'))) {
    mkdirSync(dir, { recursive: true });
    writeOneBigFile(dir, 2000);
  }
  cases.push({ name: 'one file of 20,000 statements + 0000_base.sql', dir, glob: 'migrations/*.sql', eslintTarget: 'migrations', slow: true });
}

/**
 * ESLint's own floor on the same files: a language whose parse returns an empty Program and no rules (start-up, config,
 * the file walk, reading, and ESLint's per-file work; no SQL parse).
 */
function floorConfig() {
  const file = path.join(out, 'eslint.sql-real.floor.mjs');
  writeFileSync(
    file,
    [
      "import { TextSourceCodeBase } from '@eslint/plugin-kit';",
      'class Code extends TextSourceCodeBase {',
      '  traverse() { return []; }',
      '}',
      'const language = {',
      "  fileType: 'text', lineStart: 1, columnStart: 0, nodeTypeKey: 'type', defaultLanguageOptions: {},",
      '  validateLanguageOptions() {},',
      '  parse(file) {',
      '    const text = String(file.body);',
      "    return { ok: true, ast: { type: 'Program', range: [0, text.length], loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } } } };",
      '  },',
      '  createSourceCode(file, input) { return new Code({ text: String(file.body), ast: input.ast }); },',
      '};',
      "export default [{ files: ['**/*.sql'], plugins: { floor: { languages: { text: language } } }, language: 'floor/text' }];",
      '',
    ].join('\n'),
  );
  return file;
}

const rows = [];
for (const benchCase of cases) {
  const tools = [];
  for (const dist of dists) {
    if (!toolNames.includes('fortress')) break;
    const config = configFor(dist);
    tools.push({
      name: `fortress (${path.relative(root, dist)})`,
      run: () => measure(process.execPath, [eslint, '--no-config-lookup', '-c', config, '-f', 'json', benchCase.eslintTarget], benchCase.dir),
      summary: (stdout) => eslintSummary(stdout, benchCase.dir),
    });
  }
  if (toolNames.includes('eslint-floor')) {
    const config = floorConfig();
    tools.push({ name: 'ESLint floor (no-op language, no rules)', run: () => measure(process.execPath, [eslint, '--no-config-lookup', '-c', config, '-f', 'json', benchCase.eslintTarget], benchCase.dir) });
  }
  if (toolNames.includes('squawk')) {
    tools.push({ name: 'squawk (default reporter)', run: () => measure(squawk, [benchCase.glob], benchCase.dir), runs: benchCase.slow ? slowRuns : runs });
  }
  if (toolNames.includes('squawk-json')) {
    tools.push({ name: 'squawk --reporter json', run: () => measure(squawk, ['--reporter', 'json', benchCase.glob], benchCase.dir), summary: squawkSummary });
  }
  const samples = new Map(tools.map((tool) => [tool.name, []]));
  const loadBefore = load();
  for (let run = 0; run < runs; run++) for (const tool of tools) if (run < (tool.runs ?? runs)) samples.get(tool.name).push(tool.run());
  const loadAfter = load();
  for (const tool of tools) {
    const list = samples.get(tool.name);
    rows.push({
      input: benchCase.name,
      tool: tool.name,
      wall: median(list.map((s) => s.wall)),
      cpu: median(list.map((s) => s.cpu)),
      cpuRange: `${Math.min(...list.map((s) => s.cpu)).toFixed(2)}–${Math.max(...list.map((s) => s.cpu)).toFixed(2)}`,
      peakMb: median(list.map((s) => s.peakMb)),
      runs: list.length,
      exit: list[0].status,
      summary: tool.summary ? tool.summary(list[0].stdout) : undefined,
      load: `${loadBefore} → ${loadAfter}`,
    });
  }
}

process.stdout.write(
  `node ${process.version}, ${execFileSync('nproc', { encoding: 'utf8' }).trim()} CPUs, runs interleaved\n\n` +
    '| input | tool | CPU s (median) | CPU s (min–max) | wall s (median) | peak RSS MB | findings | md5 of ESLint output | runs | exit | load average (1, 5, 15 min) before → after |\n|---|---|---:|---:|---:|---:|---:|---|---:|---:|---|\n',
);
for (const row of rows) {
  const findings = row.summary ? `${row.summary.findings}${row.summary.fatal ? ` (${row.summary.fatal} parse errors)` : ''}` : '(same as JSON)';
  process.stdout.write(
    `| ${row.input} | ${row.tool} | ${row.cpu.toFixed(2)} | ${row.cpuRange} | ${row.wall.toFixed(2)} | ${row.peakMb.toFixed(0)} | ${findings} | ${row.summary?.md5 ?? ''} | ${row.runs} | ${row.exit} | ${row.load} |\n`,
  );
}
process.stdout.write('\nRatios (fortress or the ESLint floor / squawk, medians):\n\n');
for (const benchCase of cases) {
  const caseRows = rows.filter((row) => row.input === benchCase.name);
  for (const fortress of caseRows.filter((row) => !row.tool.startsWith('squawk'))) {
    for (const peer of caseRows.filter((row) => row.tool.startsWith('squawk'))) {
      process.stdout.write(
        `- ${benchCase.name}, ${fortress.tool} / ${peer.tool}: CPU ${(fortress.cpu / peer.cpu).toFixed(2)}×, wall ${(fortress.wall / peer.wall).toFixed(2)}×\n`,
      );
    }
  }
}
