// Readiness proof: the REAL eslint CLI, on the BUILT package (dist/), loads `fortress.configs['recommended-sql']`
// from eslint.config.js, eslint.config.mjs and eslint.config.cjs (require(esm)) and reports on .sql files at once:
// the parser instantiates synchronously on the first parse, so there is no loading promise to win or lose.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslintBin = path.join(root, 'node_modules/eslint/bin/eslint.js');

const CONFIGS = {
  'eslint.config.js': "import fortress from 'eslint-plugin-fortress';\n\nexport default [fortress.configs['recommended-sql']];\n",
  'eslint.config.mjs': "import fortress from 'eslint-plugin-fortress';\n\nexport default [fortress.configs['recommended-sql']];\n",
  'eslint.config.cjs': "const fortress = require('eslint-plugin-fortress');\n\nmodule.exports = [fortress.configs['recommended-sql']];\n",
} as const;

const FILES = {
  'migrations/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n\nSELECT * FROM users ORDER BY id LIMIT 20 OFFSET 40;\n',
  'migrations/0002_broken.sql': 'CREATE TABLE a (id int);\nCREATE TABLE FROM WHERE;\nSELECT 1 OFFSET 5;\n',
  'migrations/0003_view.sql': '-- a view\nCREATE VIEW page AS\n  SELECT * FROM users OFFSET 10;\n',
  'migrations/0004_clean.sql': 'SELECT * FROM users WHERE id > $1 ORDER BY id LIMIT 20;\n',
};

interface LintResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; fatal?: boolean; line: number; column: number; message: string }>;
}

let project: string;

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'fortress-config-'));
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  mkdirSync(path.join(project, 'node_modules'));
  symlinkSync(root, path.join(project, 'node_modules/eslint-plugin-fortress'), 'dir');
  symlinkSync(path.join(root, 'node_modules/eslint'), path.join(project, 'node_modules/eslint'), 'dir');
  mkdirSync(path.join(project, 'migrations'));
  for (const [file, text] of Object.entries({ ...CONFIGS, ...FILES })) writeFileSync(path.join(project, file), text);
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

function lint(config: string): LintResult[] {
  const run = spawnSync(process.execPath, [eslintBin, '--config', config, '--format', 'json', 'migrations'], {
    cwd: project,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.stderr, `eslint --config ${config} wrote to stderr`).toBe('');
  expect(run.status, 'exit code 1: findings').toBe(1);
  return (JSON.parse(run.stdout) as LintResult[]).sort((a, b) => a.filePath.localeCompare(b.filePath));
}

describe.each(Object.keys(CONFIGS))('the eslint CLI with %s', (config) => {
  it('reports the findings of every file and one parsing error for the broken one', () => {
    const results = lint(config);
    const summary = results.map((result) => ({
      file: path.relative(project, result.filePath).split(path.sep).join('/'),
      messages: result.messages.map(({ ruleId, fatal, line, column }) => ({ ruleId, fatal: fatal ?? false, line, column })),
    }));
    expect(summary).toEqual([
      // The broken file is named once on each other file of the set (sql-require-foreign-key-index reads the set).
      { file: 'migrations/0001_users.sql', messages: [{ ruleId: 'fortress/sql-require-foreign-key-index', fatal: false, line: 1, column: 1 }, { ruleId: 'fortress/sql-no-offset', fatal: false, line: 3, column: 42 }] },
      { file: 'migrations/0002_broken.sql', messages: [{ ruleId: null, fatal: true, line: 2, column: 14 }] },
      { file: 'migrations/0003_view.sql', messages: [{ ruleId: 'fortress/sql-require-foreign-key-index', fatal: false, line: 1, column: 1 }, { ruleId: 'fortress/sql-no-offset', fatal: false, line: 3, column: 23 }] },
      { file: 'migrations/0004_clean.sql', messages: [{ ruleId: 'fortress/sql-require-foreign-key-index', fatal: false, line: 1, column: 1 }] },
    ]);
    expect(results[1]!.messages[0]!.message).toMatch(/^Parsing error: SQL syntax error: syntax error at or near "FROM"/);
  });
});

describe('readiness without any await', () => {
  it('a CommonJS require() of the built package parses SQL synchronously in the same tick', () => {
    const script = [
      "const fortress = require('eslint-plugin-fortress');",
      "const { Linter } = require('eslint');",
      'const linter = new Linter();',
      "const messages = linter.verify('SELECT 1 OFFSET 3;', [fortress.configs['recommended-sql']], { filename: 'a.sql' });",
      'process.stdout.write(JSON.stringify(messages.map((m) => m.ruleId)));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=commonjs', '-e', script], { cwd: project, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['fortress/sql-no-offset']);
  });

  it('importing the package does not load the WASM; the first lint of SQL does, synchronously', () => {
    // The package entry is one bundled module (rolldown.config.mjs): the WASM module constructions are counted at
    // WebAssembly.Module itself, not through a deep import of dist/sql/parser.js (another module instance).
    const script = [
      'let compiled = 0;',
      'const { Module } = WebAssembly;',
      'WebAssembly.Module = new Proxy(Module, { construct(target, args) { compiled++; return Reflect.construct(target, args); } });',
      "const { default: fortress } = await import('eslint-plugin-fortress');",
      'const afterImport = compiled;',
      "const { Linter } = await import('eslint');",
      "const messages = new Linter().verify('SELECT 1 OFFSET 3;', [fortress.configs['recommended-sql']], { filename: 'a.sql' });",
      "new Linter().verify('SELECT 2;', [fortress.configs['recommended-sql']], { filename: 'b.sql' });",
      'process.stdout.write(JSON.stringify({ afterImport, afterLints: compiled, rules: messages.map((m) => m.ruleId), sql: Object.keys(fortress.languages) }));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ afterImport: 0, afterLints: 1, rules: ['fortress/sql-no-offset'], sql: ['sql', 'prisma'] });
  });

  // The parser is compiled with V8's tier-up off (see withoutWasmTierUp in src/sql/parser.ts), or under the user's own
  // WebAssembly flags untouched: either way it parses, and V8 writes no flag warning.
  it.each([[], ['--liftoff-only'], ['--no-liftoff'], ['--no-wasm-dynamic-tiering'], ['--wasm-lazy-compilation']])('parses with node %j and writes nothing to stderr', (...flags) => {
    const script = [
      `import { parseSql } from ${JSON.stringify(pathToFileURL(path.join(root, 'dist/sql/parser.js')).href)};`,
      "const parsed = parseSql('CREATE TABLE a (id bigint PRIMARY KEY);\\nSELECT 1 OFFSET;');",
      "const again = parseSql('SELECT 1;');",
      'process.stdout.write(JSON.stringify({ first: parsed.ok ? parsed.statements.length : parsed.error.message, again: again.ok }));',
    ].join('\n');
    const run = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ first: 'syntax error at or near ";"', again: true });
  });
});
