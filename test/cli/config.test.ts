import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { formatKeyPath, loadConfig } from '../../src/cli/config.js';
import { progressLine } from '../../src/cli/output.js';

const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'fortress-config-load-'));
  directories.push(directory);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(directory, name), content);
  return directory;
}

describe('configuration loading', () => {
  it('no configuration: the defaults', async () => {
    const loaded = await loadConfig(project({ 'package.json': '{"name":"x"}' }));
    expect(loaded).toEqual({ source: null, config: { sourceRoots: [], migrationGlobs: [], dialect: 'postgresql', ignore: [], failOn: 'error', rules: {} } });
  });

  it('reads fortress.config.json, .mjs, .js (ESM package) and the package.json key', async () => {
    expect((await loadConfig(project({ 'fortress.config.json': '{"failOn":"warning"}' }))).config.failOn).toBe('warning');
    expect((await loadConfig(project({ 'fortress.config.mjs': "export default { ignore: ['generated/'] };" }))).config.ignore).toEqual(['generated/']);
    const js = project({ 'package.json': '{"type":"module"}', 'fortress.config.js': "export default { sourceRoots: ['src'] };" });
    expect(await loadConfig(js)).toMatchObject({ source: 'fortress.config.js', config: { sourceRoots: ['src'] } });
    const key = project({ 'package.json': JSON.stringify({ name: 'x', fortress: { migrationGlobs: ['db/*.sql'] } }) });
    expect(await loadConfig(key)).toMatchObject({ source: 'package.json#fortress', config: { migrationGlobs: ['db/*.sql'] } });
  });

  it('names the file and the key path of every problem, on one line', async () => {
    const bad = project({ 'fortress.config.json': JSON.stringify({ rules: { 'no-console-log': 'off' }, extra: true }) });
    const error = await loadConfig(bad).then(
      () => null,
      (caught: Error) => caught.message,
    );
    expect(error).toMatch(/^invalid configuration in fortress\.config\.json: /);
    expect(error).toContain('unknown key "extra"');
    expect(error).toContain('"rules["no-console-log"]"');
    expect(error).not.toContain('\n');
  });

  it('refuses two configuration files, broken JSON and a module that throws', async () => {
    await expect(loadConfig(project({ 'fortress.config.json': '{}', 'fortress.config.mjs': 'export default {};' }))).rejects.toThrow(
      'found fortress.config.json and fortress.config.mjs: keep one configuration file.',
    );
    await expect(loadConfig(project({ 'fortress.config.json': '{ failOn: ' }))).rejects.toThrow(/^fortress\.config\.json is not valid JSON: /);
    await expect(loadConfig(project({ 'fortress.config.mjs': "throw new Error('boom');" }))).rejects.toThrow('cannot load fortress.config.mjs: boom');
  });

  it('formats key paths as code would write them', () => {
    expect(formatKeyPath(['rules', 'fortress/x', 1, 'allow'])).toBe('rules["fortress/x"][1].allow');
    expect(formatKeyPath(['ignore', 0])).toBe('ignore[0]');
  });
});

describe('progress line', () => {
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return { isTTY, written, write: (text: string) => written.push(text) };
  };

  it('writes nothing on a non-TTY', () => {
    const out = stream(false);
    const progress = progressLine(out, 0);
    progress.update(1, 2);
    progress.done();
    expect(out.written).toEqual([]);
  });

  it('on a TTY, nothing before the delay, then files parsed / total, cleared at the end', () => {
    const early = stream(true);
    progressLine(early, 60_000).update(1, 2);
    expect(early.written).toEqual([]);
    const late = stream(true);
    const progress = progressLine(late, 0);
    progress.update(100, 250);
    progress.done();
    expect(late.written).toEqual(['\rfortress-audit: 100/250 files parsed\u001B[K', '\r\u001B[K']);
  });
});
