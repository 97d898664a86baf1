// The schema model's replay file by file: the model before each file of a set (used by sql-no-column-type-change)
// must equal a fresh build of the files before it, whatever order the files are asked for in, and a snapshot must
// not change when the replay goes on.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  clearSchemaModelCache,
  findMigrationFiles,
  getSchemaModelBeforeFile,
  getSchemaModelForFolder,
  getTableBeforeFile,
} from '../../src/sql/migrations.js';
import { buildSchemaModel, createSchemaReplay, getTable, type SchemaModel, type SchemaTable } from '../../src/sql/schema-model.js';

const fixtures = path.join(import.meta.dirname, '../fixtures/migrations');
const plain = (model: SchemaModel): unknown => JSON.parse(JSON.stringify({ tables: [...model.tables], problems: model.problems }));
const plainTable = (table: SchemaTable | undefined): unknown => JSON.parse(JSON.stringify(table ?? null));

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

describe('deferredModel', () => {
  // Drops, re-creations and renames, files that change nothing, few changes (a snapshot is a log of them) and more
  // changes than tables (a full list).
  const files = [
    'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int);\nCREATE TABLE c (id int);\nCREATE TABLE d (id int);',
    ...SET,
    'DROP TABLE b;',
    'DROP TABLE c;\nCREATE TABLE c (id int, a_id int REFERENCES a);\nCREATE TABLE b (id int);',
    'SELECT 1;',
    'DROP TABLE accounts;\nCREATE TABLE accounts (id int PRIMARY KEY);\nALTER TABLE orders RENAME TO purchases;\nDROP TABLE accounts;',
    'ALTER TABLE a RENAME COLUMN id TO key;\nDROP TABLE d;',
    'CREATE TABLE accounts (mail text);\nCREATE TABLE items (id int REFERENCES accounts);\nDROP TABLE purchases;',
    'ALTER TABLE items RENAME COLUMN id TO account_id;\nALTER TABLE accounts ADD COLUMN id int;',
    'ALTER TABLE a DROP CONSTRAINT a_pkey;',
    'DROP TABLE accounts;',
  ].map((text, index) => ({ path: `migrations/${index + 1}.sql`, text }));

  it('equals a fresh build of the files so far, read later in any order; table() agrees without building it', () => {
    const replay = createSchemaReplay();
    const taken = [{ deferred: replay.deferredModel(), expected: buildSchemaModel([]) }];
    files.forEach((file, index) => {
      replay.file(file);
      taken.push({ deferred: replay.deferredModel(), expected: buildSchemaModel(files.slice(0, index + 1)) });
    });
    for (const { deferred, expected } of taken.reverse()) {
      expect(deferred.tableCount).toBe(expected.tables.size);
      for (const key of [...expected.tables.keys(), 'public.users', 'public.orders', 'public.missing']) {
        expect(plainTable(deferred.table(key))).toEqual(plainTable(expected.tables.get(key)));
      }
      expect(plain(deferred.get())).toEqual(plain(expected));
      expect(deferred.get()).toBe(deferred.get());
    }
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

  it('gives a table of the model before a file without building that model', () => {
    clearSchemaModelCache();
    for (const index of [4, 1, 3, 0, 2]) {
      for (const name of ['users', 'public.accounts', 'orders', 'missing']) {
        expect(plainTable(getTableBeforeFile(folder, files[index]!, name))).toEqual(plainTable(getTable(getSchemaModelBeforeFile(folder, files[index]!), name)));
      }
    }
  });

  it('sees a changed earlier file', () => {
    clearSchemaModelCache();
    expect(getSchemaModelBeforeFile(folder, files[1]!).tables.has('public.users')).toBe(true);
    writeFileSync(files[0]!, 'CREATE TABLE people (id int);');
    expect([...getSchemaModelBeforeFile(folder, files[1]!).tables.keys()]).toEqual(['public.people']);
  });
});
