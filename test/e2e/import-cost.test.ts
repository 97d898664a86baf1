// Importing the plugin must stay cheap: a `.sql`-only config (or any process that merely loads the plugin) must not
// pay for the TypeScript compiler. The check runs the built package in a fresh Node process and lists the CommonJS
// modules it loaded (Node puts every CommonJS module in `require.cache`, whether `require`d or `import`ed), so the
// result does not depend on timing. A second process proves the check can see TypeScript: the first parse through
// the configs' parser loads it.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const distEntry = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** Code of the packages that must stay unloaded until a TypeScript/JavaScript file is parsed (their package.json may be read). */
const HEAVY = /\/node_modules\/(typescript|@typescript-eslint\/(parser|typescript-estree|scope-manager))\/.*\.[cm]?js$/;

/** Imports the plugin in a new process, optionally parses a file with `configs.recommended`'s parser; returns the heavy modules loaded. */
function loadedAfter(parse: boolean): string[] {
  const script = `
    import { createRequire } from 'node:module';
    const { default: plugin } = await import(${JSON.stringify(distEntry)});
    if (${parse}) {
      const parser = plugin.configs.recommended.languageOptions.parser;
      const result = parser.parseForESLint('const answer: number = 42;', { filePath: 'x.ts', range: true, loc: true });
      if (result.ast.type !== 'Program') throw new Error('the lazy parser did not parse');
    }
    const require = createRequire(import.meta.url);
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '--eval', script], { encoding: 'utf8' });
  return (JSON.parse(stdout) as string[]).map((file) => file.split('\\').join('/')).filter((file) => HEAVY.test(file));
}

describe('importing the plugin', () => {
  it('loads neither TypeScript nor @typescript-eslint/parser', () => {
    expect(loadedAfter(false)).toEqual([]);
  });

  it('loads them on the first parse through configs.recommended (so the check above can see them)', () => {
    const loaded = loadedAfter(true);
    expect(loaded.some((file) => file.includes('/node_modules/typescript/'))).toBe(true);
    expect(loaded.some((file) => file.includes('/node_modules/@typescript-eslint/parser/'))).toBe(true);
  });

  it('gives ESLint a parser with meta (name and version) for config caching', async () => {
    const { default: plugin } = (await import(distEntry)) as {
      default: { configs: { recommended: { languageOptions: { parser: { meta: { name: string; version: string } } } } } };
    };
    expect(plugin.configs.recommended.languageOptions.parser.meta).toEqual({
      name: '@typescript-eslint/parser',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown as string,
    });
  });
});
