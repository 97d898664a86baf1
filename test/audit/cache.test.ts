// The cache's keys (src/audit/cache.ts): which change moves which key. The end-to-end behaviour (reports, reuse,
// invalidation on the built binary) is in test/e2e/audit-cache.test.ts; this file pins the key rules one by one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { emptyCache, loadCache, readAcrossFiles, runKeys, serializeCache, sha256, type KeyInputs } from '../../src/audit/cache.js';

const folder = mkdtempSync(path.join(tmpdir(), 'fortress-cache-unit-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const TEXTS: Record<string, string> = {
  'src/users/users.route.ts': "export const route = app.get('/users', handler);\n",
  'src/users/users.service.ts': 'export function list() { return []; }\n',
  'src/users/create-user.command.ts': 'export class CreateUser { static create(data) { return validateSync(data); } }\n',
  'src/main.ts': 'bootstrap();\n',
  'migrations/001.sql': 'CREATE TABLE users (id uuid PRIMARY KEY);\n',
  'migrations/002.sql': 'ALTER TABLE users ADD COLUMN name text;\n',
  'package.json': '{}\n',
};

function inputs(changes: Record<string, string> = {}, extra: Partial<KeyInputs> = {}): KeyInputs {
  const texts = { ...TEXTS, ...changes };
  const files = Object.keys(texts).sort();
  return {
    toolVersion: '1.0.0',
    nodeVersion: 'v20.0.0',
    config: 'config',
    deployed: null,
    gitAvailable: true,
    tracked: files.join('\0'),
    hashes: new Map(files.map((file) => [file, sha256(texts[file]!)])),
    texts: new Map(files.filter((file) => file.endsWith('.ts')).map((file) => [file, texts[file]!])),
    ...extra,
  };
}

const FILES = Object.keys(TEXTS);

/** The files and facts whose key differs between the two runs. */
function moved(before: KeyInputs, after: KeyInputs): string[] {
  const a = runKeys(before);
  const b = runKeys(after);
  const files = FILES.filter((file) => a.fileKey(file) !== b.fileKey(file));
  const facts = (Object.keys(a.facts) as Array<keyof typeof a.facts>).filter((name) => a.facts[name] !== b.facts[name]).map((name) => `fact:${name}`);
  return [...files, ...facts].sort();
}

describe('runKeys', () => {
  it('is stable: the same inputs give the same keys', () => {
    expect(moved(inputs(), inputs())).toEqual([]);
  });

  it('a TS file no rule reads from elsewhere: its own key and the TS/JS facts move, not the other files', () => {
    expect(moved(inputs(), inputs({ 'src/users/users.service.ts': 'export function list() { return [1]; }\n' }))).toEqual(
      ['fact:moduleGraph', 'fact:project', 'fact:schema', 'fact:secrets', 'src/users/users.service.ts'].sort(),
    );
  });

  it.each(['src/users/create-user.command.ts', 'src/main.ts'])('%s, which rules read while linting other files: every TS key moves', (file) => {
    const result = moved(inputs(), inputs({ [file]: `${TEXTS[file]}// changed\n` }));
    expect(result).toEqual(expect.arrayContaining(FILES.filter((name) => name.endsWith('.ts'))));
    expect(result.filter((name) => name.endsWith('.sql'))).toEqual([]);
  });

  it('a file that starts being read by other files (a class with a static factory appears): every TS key moves', () => {
    const result = moved(inputs(), inputs({ 'src/users/users.service.ts': 'export class Service { static create() {} }\n' }));
    expect(result).toEqual(expect.arrayContaining(FILES.filter((name) => name.endsWith('.ts'))));
  });

  it('a migration: every SQL key, the schema model and the secrets scan move; the TS keys, endpoints and module graph do not', () => {
    expect(moved(inputs(), inputs({ 'migrations/002.sql': 'ALTER TABLE users ADD COLUMN email text;\n' }))).toEqual(
      ['fact:schema', 'fact:secrets', 'migrations/001.sql', 'migrations/002.sql'],
    );
  });

  it.each([
    ['another non-source file', inputs({ 'package.json': '{"type":"module"}\n' })],
    ['a new file', inputs({ 'README.md': 'hello\n' })],
    ['another tool version', inputs({}, { toolVersion: '1.0.1' })],
    ['another Node version', inputs({}, { nodeVersion: 'v22.0.0' })],
    ['another configuration', inputs({}, { config: 'other' })],
    ['a deployed set', inputs({}, { deployed: ['migrations/001.sql'] })],
    ['git unavailable', inputs({}, { gitAvailable: false })],
  ])('%s: every key moves', (_name, changed) => {
    expect(moved(inputs(), changed)).toEqual([...FILES, 'fact:moduleGraph', 'fact:project', 'fact:schema', 'fact:secrets'].sort());
  });

  it('git tracking another list (same files): only the schema model and the secrets scan move', () => {
    expect(moved(inputs(), inputs({}, { tracked: 'package.json' }))).toEqual(['fact:schema', 'fact:secrets']);
  });
});

describe('readAcrossFiles', () => {
  it.each([
    ['src/main.ts', ''],
    ['src/users/users.module.ts', ''],
    ['src/index.ts', ''],
    ['knexfile.js', ''],
    ['src/users/index.tsx', ''],
    ['src/a.ts', "export * from './b';"],
    ['src/a.ts', "export { A } from './b';"],
    ['src/a.ts', 'module.exports = {};'],
    ['src/dto.ts', 'export class CreateDto { @IsString() name: string; }'],
    ['src/cmd.ts', 'export class Cmd { static create() {} }'],
    ['src/child.ts', 'export class Child extends Base {}'],
  ])('%s with %j: yes', (file, text) => {
    expect(readAcrossFiles(file, text)).toBe(true);
  });

  it.each([
    ['src/users/users.service.ts', 'export function list() { return []; }'],
    ['src/plain.ts', 'export class Plain { run() {} }'],
    ['src/mainframe.ts', ''],
  ])('%s with %j: no', (file, text) => {
    expect(readAcrossFiles(file, text)).toBe(false);
  });
});

describe('loadCache', () => {
  it('a missing file is an empty cache without a problem', async () => {
    const loaded = await loadCache(path.join(folder, 'missing.json'));
    expect(loaded.problem).toBeUndefined();
    expect(loaded.cache.key).toBeNull();
  });

  it('round-trips what serializeCache wrote, and drops malformed entries', async () => {
    const cache = emptyCache();
    cache.key = 'k';
    cache.files.set('a.ts', { key: 'fa', findings: [], notices: [] });
    cache.facts.set('schema', { key: 'fs', value: { tables: [] }, notices: [] });
    const file = path.join(folder, 'round-trip.json');
    const data = JSON.parse(serializeCache(cache)) as { files: Record<string, unknown> };
    data.files['bad.ts'] = { key: 1 };
    writeFileSync(file, JSON.stringify(data));
    const loaded = await loadCache(file);
    expect(loaded.problem).toBeUndefined();
    expect(loaded.cache.key).toBe('k');
    expect([...loaded.cache.files.keys()]).toEqual(['a.ts']);
    expect(loaded.cache.facts.get('schema')?.value).toEqual({ tables: [] });
  });

  it.each([
    ['', /not valid JSON/],
    ['[]', /not a fortress-audit cache/],
    ['null', /not a fortress-audit cache/],
    ['{"format":"fortress-audit-cache","version":2,"key":"k","files":{},"facts":{}}', /another format \(version 2\)/],
    ['{"format":"fortress-audit-cache","version":1,"key":"k","files":[],"facts":{}}', /another format/],
  ])('%j: an empty cache and a problem', async (content, problem) => {
    const file = path.join(folder, 'bad.json');
    writeFileSync(file, content);
    const loaded = await loadCache(file);
    expect(loaded.problem).toMatch(problem);
    expect(loaded.cache.files.size).toBe(0);
    expect(loaded.cache.key).toBeNull();
  });

  it('a folder where the file should be: an empty cache and a problem, not a throw', async () => {
    const loaded = await loadCache(folder);
    expect(loaded.problem).toMatch(/cannot read the cache file .*EISDIR/);
  });
});
