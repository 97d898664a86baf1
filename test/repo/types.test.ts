// The BUILT types (dist/index.d.ts, what users get) type-check against ESLint's own types: test/types/eslint-types.ts
// uses the plugin and its configs as eslint.config.ts and `// @ts-check` users do, with ESLint 10's and 9's types.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('public types', () => {
  it('defineConfig, Linter.Config[] and ESLint.Plugin (ESLint 10 and 9) accept the plugin and its configs', () => {
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', 'test/types/tsconfig.json', '--pretty', 'false'], { cwd: root, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  });
});
