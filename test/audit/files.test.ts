import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { ignoreMatcher, listProjectFiles } from '../../src/audit/extract/files.js';
import type { Notice } from '../../src/audit/types.js';

const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'fortress-files-'));
  directories.push(root);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

describe('project files', () => {
  it('lists text files sorted, without the always-ignored folders and the configured ignores', async () => {
    const root = tree({
      'src/b.ts': '',
      'src/a.ts': '',
      'src/api.gen.ts': '',
      'generated/client.ts': '',
      'packages/x/fixtures/data.json': '{}',
      'node_modules/pkg/index.js': '',
      'packages/x/node_modules/pkg/index.js': '',
      'dist/index.js': '',
      '.git/HEAD': 'ref',
      'logo.png': Buffer.from([0x89, 0x50, 0x00]),
      '.env': 'X=1',
    });
    const notices: Notice[] = [];
    const files = await listProjectFiles(root, ['generated/', '**/*.gen.ts', 'fixtures'], notices);
    expect(files).toEqual(['.env', 'src/a.ts', 'src/b.ts']);
    expect(notices).toEqual([]);
  });

  it('names each bad file once and keeps the rest', async () => {
    const root = tree({ 'src/ok.ts': 'export {};\n', 'src/blob.ts': Buffer.from([0x61, 0x00, 0x62]), 'src/big.sql': 'x'.repeat(1024 * 1024 + 1) });
    symlinkSync('..', path.join(root, 'src/up'), 'dir');
    symlinkSync('nowhere.ts', path.join(root, 'src/dangling.ts'));
    const notices: Notice[] = [];
    expect(await listProjectFiles(root, [], notices)).toEqual(['src/ok.ts']);
    expect(notices.map((notice) => notice.file).sort()).toEqual(['src/big.sql', 'src/blob.ts', 'src/dangling.ts', 'src/up']);
  });

  it('in a git work tree, reads only what git does not ignore (and never enters an ignored folder)', async () => {
    const root = tree({ 'src/a.ts': '', 'src/local.ts': '', 'out/huge.ts': 'x'.repeat(2 * 1024 * 1024), 'out/b.ts': '' });
    const notices: Notice[] = [];
    expect(await listProjectFiles(root, [], notices, new Set(['src/a.ts']))).toEqual(['src/a.ts']);
    expect(notices).toEqual([]);
  });

  it('names a folder git lists nothing in (ignored by the enclosing repository), not an empty one', async () => {
    const ignoredHere = tree({ 'src/a.ts': 'export const a = 1;\n' });
    const notices: Notice[] = [];
    expect(await listProjectFiles(ignoredHere, [], notices, new Set())).toEqual([]);
    expect(notices.map((notice) => notice.message)).toEqual([
      'git lists no file in this folder (a .gitignore of the enclosing repository ignores it, or all it holds): nothing was audited.',
    ]);
    const empty = tree({});
    const none: Notice[] = [];
    expect(await listProjectFiles(empty, [], none, new Set())).toEqual([]);
    expect(none).toEqual([]);
  });

  it('ignore globs: a trailing slash means the folder, a bare name matches anywhere', () => {
    const ignored = ignoreMatcher(['tmp/', 'snapshots']);
    expect(ignored('tmp')).toBe(true);
    expect(ignored('tmp/a.ts')).toBe(true);
    expect(ignored('src/tmp.ts')).toBe(false);
    expect(ignored('src/__snapshots__')).toBe(false);
    expect(ignored('src/snapshots')).toBe(true);
    expect(ignored('a/coverage/lcov.info')).toBe(true);
  });
});
