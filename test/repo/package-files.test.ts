// What `npm publish` would ship: the bundled entry (and the CLI bundle, once there is a `bin`), the public types,
// the docs and the package's own files; no unbundled module, no source map, no build on install.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { REPOSITORY_URL } from '../../src/util/create-rule.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  bin?: string | Record<string, string>;
  scripts: Record<string, string>;
  repository?: { url?: string };
  homepage?: string;
  bugs?: { url?: string };
};

/** The tarball's file list, without running `prepack` (a build would rewrite dist/ under the other tests). */
function packedFiles(): string[] {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const output = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
  return (JSON.parse(output) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((file) => file.path).sort();
}

const binFiles = (): string[] =>
  packageJson.bin === undefined ? [] : (typeof packageJson.bin === 'string' ? [packageJson.bin] : Object.values(packageJson.bin)).map((file) => path.posix.normalize(file));

describe('the npm package', () => {
  const files = packedFiles();

  it('ships only the bundles, the public types, the docs and the package files', () => {
    const expected = ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/index.d.ts', 'dist/index.js', 'package.json', ...binFiles()];
    expect(files.filter((file) => !file.startsWith('docs/')).sort()).toEqual([...new Set(expected)].sort());
    expect(files.filter((file) => file.startsWith('docs/')).every((file) => file.endsWith('.md'))).toBe(true);
    expect(files).toContain('docs/rules/no-console-log.md');
  });

  it('every relative import of a shipped module or type file is shipped too (the bundles are self-contained)', () => {
    const shipped = new Set(files);
    for (const file of files.filter((name) => /\.(?:js|d\.ts)$/.test(name))) {
      const text = readFileSync(path.join(root, file), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = path.posix.join(path.posix.dirname(file), specifier!);
        const candidates = file.endsWith('.d.ts') ? [target.replace(/\.js$/, '.d.ts')] : [target];
        expect(candidates.some((candidate) => shipped.has(candidate)), `${file} imports ${specifier}, which is not shipped`).toBe(true);
      }
    }
  });

  it('does not build on install (no prepare/install scripts) but before packing', () => {
    for (const script of ['prepare', 'preinstall', 'install', 'postinstall']) expect(packageJson.scripts[script], script).toBeUndefined();
    expect(packageJson.scripts.prepack).toContain('npm run build');
    expect(packageJson.scripts.test).toMatch(/^npm run build && /);
  });

  it('names its repository, homepage and issue tracker', () => {
    expect(packageJson.repository?.url).toBe(`git+${REPOSITORY_URL}.git`);
    expect(packageJson.homepage).toBe(`${REPOSITORY_URL}#readme`);
    expect(packageJson.bugs?.url).toBe(`${REPOSITORY_URL}/issues`);
  });
});
