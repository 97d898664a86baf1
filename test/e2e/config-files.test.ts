// The shareable configs load from eslint.config.js, .mjs and .cjs with the real ESLint CLI on the built package,
// with ESLint 10 and with ESLint 9 (the oldest supported line, installed as the `eslint-v9` alias).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslintBins = {
  'ESLint 10': path.join(root, 'node_modules/eslint/bin/eslint.js'),
  'ESLint 9': path.join(root, 'node_modules/eslint-v9/bin/eslint.js'),
};
const temporaryDirectories: string[] = [];

afterAll(() => {
  for (const directory of temporaryDirectories) rmSync(directory, { recursive: true, force: true });
});

/** How a config file can use the shareable configs; `lints` is what the run is given. */
const usages = {
  // Both blocks: the source-file object and, through its iterator, the `.sql` block.
  spread: { configs: '...fortress.configs.recommended', lints: ['src', 'migrations'] },
  // The source-file object alone, as before the `.sql` block existed.
  single: { configs: 'fortress.configs.recommended', lints: ['src'] },
  // The two objects by name.
  named: { configs: "fortress.configs.recommended, fortress.configs['recommended-sql']", lints: ['src', 'migrations'] },
};
type Usage = keyof typeof usages;

const configFiles = {
  'eslint.config.js': (usage: Usage) => `import fortress from 'eslint-plugin-fortress';\nexport default [${usages[usage].configs}];\n`,
  'eslint.config.mjs': (usage: Usage) => `import fortress from 'eslint-plugin-fortress';\nexport default [${usages[usage].configs}];\n`,
  'eslint.config.cjs': (usage: Usage) => `const fortress = require('eslint-plugin-fortress');\nmodule.exports = [${usages[usage].configs}];\n`,
};

interface LintResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; fatal?: boolean; message: string }>;
}

function createProject(configName: keyof typeof configFiles, usage: Usage): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'fortress-config-'));
  temporaryDirectories.push(directory);
  mkdirSync(path.join(directory, 'node_modules'));
  symlinkSync(root, path.join(directory, 'node_modules/eslint-plugin-fortress'), 'dir');
  // .js is ESM only when package.json says so; .mjs and .cjs decide for themselves.
  writeFileSync(
    path.join(directory, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: configName === 'eslint.config.js' ? 'module' : 'commonjs' }),
  );
  writeFileSync(path.join(directory, configName), configFiles[configName](usage));
  mkdirSync(path.join(directory, 'src/controllers'), { recursive: true });
  mkdirSync(path.join(directory, 'src/features/users'), { recursive: true });
  writeFileSync(path.join(directory, 'src/controllers/users.controller.ts'), 'export const users: string[] = [];\n');
  writeFileSync(
    path.join(directory, 'src/features/users/users.service.ts'),
    "export function greet(name: string): void {\n  console.log('hello', name);\n}\n",
  );
  mkdirSync(path.join(directory, 'migrations'));
  writeFileSync(path.join(directory, 'migrations/0001_feed.sql'), 'CREATE VIEW feed AS\n  SELECT id FROM posts ORDER BY id LIMIT 20 OFFSET 40;\n');
  return directory;
}

function lint(eslintBin: string, directory: string, targets: string[]): LintResult[] {
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, [eslintBin, '--format', 'json', ...targets], { cwd: directory, encoding: 'utf8' });
  } catch (error) {
    // Exit code 1 means "lint errors found": the JSON is still on stdout.
    const failure = error as { status?: number; stdout?: string; stderr?: string };
    if (failure.status !== 1) throw new Error(`eslint failed (${failure.status}): ${failure.stderr}`);
    stdout = failure.stdout ?? '';
  }
  return JSON.parse(stdout) as LintResult[];
}

// Every file format with the spread usage; the other usages once per ESLint version.
const matrix = Object.entries(eslintBins).flatMap(([version, bin]) => [
  ...(Object.keys(configFiles) as Array<keyof typeof configFiles>).map((configName) => [version, configName, 'spread' as Usage, bin] as const),
  [version, 'eslint.config.mjs', 'single' as Usage, bin] as const,
  [version, 'eslint.config.cjs', 'named' as Usage, bin] as const,
]);

const sqlFinding = { file: 'migrations/0001_feed.sql', ruleId: 'fortress/sql-no-offset', line: 2 };
const sourceFindings = [
  { file: 'src/controllers/users.controller.ts', ruleId: 'fortress/no-horizontal-layers', line: 1 },
  { file: 'src/features/users/users.service.ts', ruleId: 'fortress/no-console-log', line: 2 },
];

describe('configs.recommended (alone, spread, or with configs["recommended-sql"]) from each config file format', () => {
  it.each(matrix)('%s, %s, %s', (_version, configName, usage, eslintBin) => {
    const directory = createProject(configName, usage);
    const findings = lint(eslintBin, directory, usages[usage].lints)
      .flatMap((result) =>
        result.messages.map((message) => ({
          file: path.relative(directory, result.filePath).split(path.sep).join('/'),
          ruleId: message.ruleId,
          line: message.line,
        })),
      )
      .sort((a, b) => a.file.localeCompare(b.file));
    expect(findings).toEqual(usage === 'single' ? sourceFindings : [sqlFinding, ...sourceFindings]);
  });
});
