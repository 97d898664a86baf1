// Glob options that cannot compile (issue 11, item 3): picomatch throws on an empty pattern and on one over 65,536
// characters. The rules' schemas reject both (also from an inline `/* eslint … */` comment, which ESLint turns into
// one message on the file naming the rule and the limit), and where a glob reaches picomatch anyway it matches nothing and the rule says so once.
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { folderMatcher } from '../../src/rules/utils/source-path.js';
import { migrationSetOf } from '../../src/sql/migrations.js';
import { globProblem, invalidGlobData } from '../../src/util/globs.js';
import { useTempLintFolder } from '../support/lint-temp-files.js';

const { lintFile, folder } = useTempLintFolder('fortress-glob-options-');

const LONG_GLOB = `migrations/${'a'.repeat(70_000)}.sql`;
const inline = (rule: string, option: string, glob: string): string => `"fortress/${rule}": ["error", { "${option}": [${JSON.stringify(glob)}] }]`;

describe('glob options that cannot compile', () => {
  for (const [label, glob] of [
    ['an empty glob', ''],
    ['a glob over 65,536 characters', LONG_GLOB],
  ] as const) {
    it(`sql-require-foreign-key-index with ${label} in an inline comment: one message naming the rule, no exception`, async () => {
      const messages = await lintFile('0001_a.sql', `/* eslint ${inline('sql-require-foreign-key-index', 'migrationGlobs', glob)} */\nCREATE TABLE a (id int PRIMARY KEY);\n`);
      expect(messages).toHaveLength(1);
      expect(messages[0]!.message).toMatch(/^Inline configuration for rule "fortress\/sql-require-foreign-key-index" is invalid/);
      expect(messages[0]!.message).toMatch(/shorter than 1 characters|longer than 4096 characters/);
    });

    for (const [rule, option] of [
      ['no-console-log', 'exemptFiles'],
      ['no-uuid-v4', 'exemptFiles'],
      ['no-cross-module-imports', 'moduleRoots'],
      ['no-cross-module-imports', 'sharedPaths'],
      ['no-horizontal-layers', 'sourceRoots'],
    ] as const) {
      it(`${rule} with ${label} as ${option} in an inline comment: one message naming the rule, no exception`, async () => {
        const messages = await lintFile('a.ts', `/* eslint ${inline(rule, option, glob)} */\nexport const a = 1;\n`);
        expect(messages).toHaveLength(1);
        expect(messages[0]!.message).toMatch(new RegExp(`^Inline configuration for rule "fortress/${rule}" is invalid`));
        expect(messages[0]!.message).toMatch(/shorter than 1 characters|longer than 4096 characters/);
      });
    }
  }

  it('a glob that cannot compile matches no migration set instead of throwing', () => {
    const file = path.join(folder(), 'migrations', '0001_a.sql');
    expect(() => migrationSetOf(file, [''])).not.toThrow();
    expect(migrationSetOf(file, [''])).toBeUndefined();
    expect(migrationSetOf(file, [LONG_GLOB])).toBeUndefined();
    // The valid glob after an invalid one still finds the set.
    expect(migrationSetOf(file, ['', 'migrations/*.sql'])).toEqual({ folder: path.join(folder(), 'migrations'), pattern: '*.sql' });
    expect(folderMatcher(['', LONG_GLOB, 'src'])('src')).toBe(true);
  });

  it('invalidGlobData names the option, the problem and a shortened glob; undefined when every glob compiles', () => {
    expect(invalidGlobData('migrationGlobs', ['migrations/*.sql', '**/{a,b'])).toBeUndefined();
    expect(invalidGlobData('migrationGlobs', undefined)).toBeUndefined();
    expect(invalidGlobData('migrationGlobs', ['migrations/*.sql', ''])).toEqual({
      option: 'migrationGlobs',
      problem: 'Expected pattern to be a non-empty string',
      glob: '""',
    });
    const long = invalidGlobData('migrationGlobs', [LONG_GLOB])!;
    expect(long.problem).toMatch(/exceeds maximum allowed length/);
    expect(long.glob).toBe(`${JSON.stringify(LONG_GLOB.slice(0, 80))}… (${LONG_GLOB.length} characters)`);
    expect(globProblem('migrations/*.sql')).toBeUndefined();
  });
});
