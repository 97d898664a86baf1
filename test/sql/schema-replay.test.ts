// The schema model's replay file by file: the model before each file of a set (used by sql-no-column-type-change)
// must equal a fresh build of the files before it, whatever order the files are asked for in, and a snapshot must
// not change when the replay goes on.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clearSchemaModelCache, findMigrationFiles, getSchemaModelBeforeFile, getSchemaModelForFolder } from '../../src/sql/migrations.js';
import { buildSchemaModel, createSchemaReplay, type SchemaModel } from '../../src/sql/schema-model.js';

const fixtures = path.join(import.meta.dirname, '../fixtures/migrations');
const plain = (model: SchemaModel): unknown => JSON.parse(JSON.stringify({ tables: [...model.tables], problems: model.problems }));

const SET = [
  'CREATE TABLE users (id serial PRIMARY KEY, email varchar(100), name text);',
  'CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id int REFERENCES users);\nCREATE INDEX ON orders (user_id);',
  'ALTER TABLE users ALTER COLUMN email TYPE varchar(200);\nALTER TABLE users RENAME TO accounts;',
  'ALTER TABLE accounts RENAME COLUMN email TO mail;\nCREATE UNIQUE INDEX ON accounts (mail);\nALTER TABLE orders DROP COLUMN user_id;',
  'DROP TABLE orders;\nCREATE TABLE orders (id serial PRIMARY KEY, account_id int REFERENCES accounts);',
];

describe('createSchemaReplay', () => {
  it.for(readdirSync(fixtures))('%s: the model after each file equals a fresh build of the files so far', (set) => {
    const files = findMigrationFiles(path.join(fixtures, set)).map((file) => ({ path: file, text: readFileSync(file, 'utf8') }));
    const replay = createSchemaReplay();
    const snapshots: Array<[SchemaModel, unknown]> = [];
    files.forEach((file, index) => {
      replay.file(file);
      const model = replay.model();
      expect(plain(model)).toEqual(plain(buildSchemaModel(files.slice(0, index + 1))));
      snapshots.push([model, plain(model)]);
    });
    for (const [model, before] of snapshots) expect(plain(model)).toEqual(before);
  });
});

describe('getSchemaModelBeforeFile', () => {
  let folder: string;
  let files: string[];
  beforeAll(() => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'fortress-before-'));
    folder = path.join(root, 'migrations');
    mkdirSync(folder);
    files = SET.map((text, index) => {
      const file = path.join(folder, `${index + 1}_step.sql`);
      writeFileSync(file, text);
      return file;
    });
  });
  afterAll(() => {
    rmSync(path.dirname(folder), { recursive: true, force: true });
    clearSchemaModelCache();
  });

  const expected = (count: number): unknown => plain(buildSchemaModel(SET.slice(0, count).map((text, index) => ({ path: files[index]!, text }))));

  it('gives the model of the earlier files, in order, out of order and for a file not in the set', () => {
    for (const order of [[0, 1, 2, 3, 4], [4, 2, 3, 0, 1, 1]]) {
      clearSchemaModelCache();
      for (const index of order) expect(plain(getSchemaModelBeforeFile(folder, files[index]!))).toEqual(expected(index));
    }
    expect(plain(getSchemaModelBeforeFile(folder, path.join(folder, '3a_new.sql')))).toEqual(expected(3));
    expect(plain(getSchemaModelBeforeFile(folder, path.join(folder, '9_last.sql')))).toEqual(expected(SET.length));
    expect(getSchemaModelBeforeFile(folder, path.join(folder, '9_last.sql'))).toBe(getSchemaModelForFolder(folder));
  });

  it('sees a changed earlier file', () => {
    clearSchemaModelCache();
    expect(getSchemaModelBeforeFile(folder, files[1]!).tables.has('public.users')).toBe(true);
    writeFileSync(files[0]!, 'CREATE TABLE people (id int);');
    expect([...getSchemaModelBeforeFile(folder, files[1]!).tables.keys()]).toEqual(['public.people']);
  });
});
