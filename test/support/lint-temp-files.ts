// Lints files written to a fresh temp folder through ESLint's Node API with the plugin's `all` config (source files
// and `.sql`), as a project would: for the bad-input, deep-input and option tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll } from 'vitest';

import plugin from '../../src/index.js';

/** Registers the temp folder's hooks; returns `lintFile(name, content)` and the folder (valid inside tests). */
export function useTempLintFolder(prefix: string): { lintFile: (name: string, content: string) => Promise<Linter.LintMessage[]>; folder: () => string } {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  async function lintFile(name: string, content: string): Promise<Linter.LintMessage[]> {
    writeFileSync(path.join(dir, name), content);
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [...(plugin.configs.all as unknown as Linter.Config[])] });
    const [result] = await eslint.lintFiles([name]);
    return result!.messages;
  }
  return { lintFile, folder: () => dir };
}
