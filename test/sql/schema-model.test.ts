// The schema model without a database: statement coverage, origins, problems, discovery and the per-folder cache.
// test/sql/schema-model.pg.test.ts compares the model with a real PostgreSQL.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  clearSchemaModelCache,
  compareNatural,
  findMigrationFiles,
  getSchemaModelForFolder,
  migrationSetOf,
} from '../../src/sql/migrations.js';
import { loadSqlParser } from '../../src/sql/parser.js';
import { buildSchemaModel, getTable, type SchemaForeignKey, type SchemaModel } from '../../src/sql/schema-model.js';

/** A foreign key as pg_catalog knows it (without where the migration declared it). */
function withoutOrigin(fk: SchemaForeignKey): Omit<SchemaForeignKey, 'origin'> {
  return { name: fk.name, columns: fk.columns, references: fk.references };
}

const fixtures = fileURLToPath(new URL('../fixtures/migrations/', import.meta.url));

beforeAll(async () => {
  await loadSqlParser();
});

function model(...texts: string[]): SchemaModel {
  return buildSchemaModel(texts.map((text, index) => ({ path: `migrations/${index + 1}.sql`, text })));
}

describe('buildSchemaModel', () => {
  it('models columns, keys and indexes of CREATE TABLE', () => {
    const { tables, problems } = model(`
      CREATE TABLE users (id uuid PRIMARY KEY DEFAULT uuidv7(), email text NOT NULL UNIQUE);
      CREATE TABLE posts (id serial, author_id uuid REFERENCES users, title varchar(80) DEFAULT 'x', PRIMARY KEY (id));`);
    expect(problems).toEqual([]);
    const posts = tables.get('public.posts')!;
    expect(posts.columns).toEqual([
      { name: 'id', type: 'integer', default: "nextval('posts_id_seq'::regclass)", notNull: true, identity: null },
      { name: 'author_id', type: 'uuid', default: null, notNull: false, identity: null },
      { name: 'title', type: 'character varying(80)', default: "'x'::character varying", notNull: false, identity: null },
    ]);
    expect(posts.primaryKey).toEqual({ name: 'posts_pkey', columns: ['id'] });
    expect(posts.foreignKeys.map((fk) => withoutOrigin(fk))).toEqual([
      { name: 'posts_author_id_fkey', columns: ['author_id'], references: { schema: 'public', table: 'users', columns: ['id'] } },
    ]);
    expect(getTable({ tables, problems }, 'users')!.indexes.map((index) => [index.name, index.constraint])).toEqual([
      ['users_pkey', 'primary key'],
      ['users_email_key', 'unique'],
    ]);
  });

  it('records where each foreign key was declared', () => {
    const text = 'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (a_id int REFERENCES a (id), CONSTRAINT x FOREIGN KEY (a_id) REFERENCES "a");';
    const fks = model(text).tables.get('public.b')!.foreignKeys;
    expect(fks.map((fk) => text.slice(fk.origin.start, fk.origin.end))).toEqual([
      'REFERENCES a (id)',
      'CONSTRAINT x FOREIGN KEY (a_id) REFERENCES "a"',
    ]);
  });

  it('follows renames, drops and later indexes', () => {
    const { tables } = model(
      'CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int, a_id int REFERENCES a, note text);',
      'CREATE INDEX ON b (a_id, note); ALTER TABLE b RENAME COLUMN a_id TO parent_id; ALTER TABLE a RENAME TO parents;',
      'ALTER TABLE b DROP COLUMN note; CREATE INDEX CONCURRENTLY b_parent ON b (parent_id) WHERE parent_id IS NOT NULL;',
    );
    const b = tables.get('public.b')!;
    expect(b.foreignKeys[0]).toMatchObject({ columns: ['parent_id'], references: { table: 'parents', columns: ['id'] } });
    expect(b.indexes).toEqual([{ name: 'b_parent', columns: ['parent_id'], unique: false, partial: true, method: 'btree', constraint: null }]);
    expect([...tables.keys()]).toEqual(['public.parents', 'public.b']);
  });

  it('replays the statement inside Drizzle DO blocks with offsets into the file', () => {
    const text = `CREATE TABLE "u" ("id" uuid PRIMARY KEY);\n--> statement-breakpoint\nCREATE TABLE "p" ("u_id" uuid);\n--> statement-breakpoint\nDO $$ BEGIN\n ALTER TABLE "p" ADD CONSTRAINT "p_u_fk" FOREIGN KEY ("u_id") REFERENCES "public"."u"("id") ON DELETE cascade;\nEXCEPTION\n WHEN duplicate_object THEN null;\nEND $$;`;
    const [fk] = model(text).tables.get('public.p')!.foreignKeys;
    expect(text.slice(fk!.origin.start, fk!.origin.end)).toBe('CONSTRAINT "p_u_fk" FOREIGN KEY ("u_id") REFERENCES "public"."u"("id")');
  });

  it('ends a foreign key origin at the real closing parenthesis of its REFERENCES target (by the scanner)', () => {
    const text = 'CREATE TABLE a ("we)ird" int PRIMARY KEY);\nCREATE TABLE b (x int REFERENCES a ("we)ird"), y int REFERENCES public . a /* key */ ("we)ird") ON DELETE CASCADE, z int REFERENCES a);';
    const fks = model(text).tables.get('public.b')!.foreignKeys;
    expect(fks.map((fk) => text.slice(fk.origin.start, fk.origin.end))).toEqual([
      'REFERENCES a ("we)ird")',
      'REFERENCES public . a /* key */ ("we)ird")',
      'REFERENCES a',
    ]);
  });

  it('recognises Drizzle DO blocks by their tokens: comments inside, upper or lower case, no trailing semicolon', () => {
    const parent = 'CREATE TABLE u (id int PRIMARY KEY); CREATE TABLE p (u_id int);\n';
    const fk = 'ALTER TABLE p ADD CONSTRAINT p_u_fk FOREIGN KEY (u_id) REFERENCES u (id)';
    for (const block of [
      `DO $$ BEGIN -- the key\n ${fk};\nEXCEPTION\n WHEN duplicate_object THEN null; -- already there\nEND; $$;`,
      `DO $body$ begin ${fk}; exception when DUPLICATE_OBJECT then NULL; end $body$;`,
      `DO LANGUAGE plpgsql 'BEGIN ${fk}; EXCEPTION WHEN duplicate_object THEN null; END';`,
    ]) {
      const text = parent + block;
      const fks = model(text).tables.get('public.p')!.foreignKeys;
      expect(fks.map((key) => text.slice(key.origin.start, key.origin.end))).toEqual(['CONSTRAINT p_u_fk FOREIGN KEY (u_id) REFERENCES u (id)']);
    }
    // Other handlers, and a handler named only in a comment or a string, are not Drizzle's block: skipped.
    for (const block of [
      `DO $$ BEGIN ${fk}; EXCEPTION WHEN others THEN null; END $$;`,
      `DO $$ BEGIN ${fk}; -- EXCEPTION WHEN duplicate_object THEN null; END\nEND $$;`,
      `DO $$ BEGIN PERFORM 'EXCEPTION WHEN duplicate_object THEN null; END'; END $$;`,
    ]) {
      expect(model(parent + block).tables.get('public.p')!.foreignKeys).toEqual([]);
    }
  });

  it('drops foreign keys with the table they reference (CASCADE) and indexes with their columns', () => {
    const { tables } = model(
      'CREATE TABLE a (id int PRIMARY KEY, k int); CREATE TABLE b (a_id int REFERENCES a); CREATE INDEX a_k ON a (lower(k::text));',
      'ALTER TABLE a DROP COLUMN k; DROP TABLE a CASCADE;',
    );
    expect([...tables.keys()]).toEqual(['public.b']);
    expect(tables.get('public.b')!.foreignKeys).toEqual([]);
  });

  it('finds a column by its current name through renames, drops and duplicate names', () => {
    const files = [
      'CREATE TABLE t (a int, b int, a text); ALTER TABLE t ALTER COLUMN a SET NOT NULL;',
      "ALTER TABLE t RENAME COLUMN a TO c; ALTER TABLE t ALTER COLUMN a SET DEFAULT 'x'; ALTER TABLE t ALTER COLUMN c TYPE bigint;",
      'ALTER TABLE t RENAME COLUMN b TO a; ALTER TABLE t ALTER COLUMN a TYPE uuid; ALTER TABLE t ADD COLUMN c int;',
      'ALTER TABLE t DROP COLUMN a; ALTER TABLE t ADD COLUMN a date; ALTER TABLE t ALTER COLUMN a SET NOT NULL;',
    ];
    const columns = (texts: string[]): unknown =>
      model(...texts).tables.get('public.t')!.columns.map((column) => [column.name, column.type, column.notNull, column.default]);
    expect(columns(files.slice(0, 3))).toEqual([
      ['c', 'bigint', true, null],
      ['a', 'uuid', false, null],
      ['a', 'text', false, "'x'::text"],
    ]);
    expect(columns(files)).toEqual([
      ['c', 'bigint', true, null],
      ['a', 'date', true, null],
    ]);
    expect(model(...files).problems.map((problem) => problem.message)).toEqual(['Column c already exists.']);
  });

  it('skips statements it does not model and reports what it cannot follow', () => {
    const { tables, problems } = model(
      "CREATE EXTENSION IF NOT EXISTS pgcrypto; GRANT SELECT ON x TO y; COMMENT ON TABLE x IS 'x'; DO $$ BEGIN PERFORM 1; END $$;",
      'CREATE TABLE (;',
      'ALTER TABLE missing ADD COLUMN x int;',
    );
    // The altered table is created outside the set: a stand-in keeps what the set says about it.
    expect([...tables.values()].map((table) => [table.name, table.external, table.columns.map((column) => column.name)])).toEqual([
      ['missing', true, ['x']],
    ]);
    expect(problems.map((problem) => [problem.file, problem.message.split(':')[0]])).toEqual([
      ['migrations/2.sql', 'Cannot parse this migration'],
      ['migrations/3.sql', 'Unknown table public.missing.'],
    ]);
  });

  it('keeps names longer than 63 bytes within the limit, as Postgres does', () => {
    const long = 'a'.repeat(40);
    const { tables } = model(`CREATE TABLE ${long} (${long}_column int, other int); CREATE INDEX ON ${long} (${long}_column);`);
    const [index] = tables.get(`public.${long}`)!.indexes;
    expect(index!.name.length).toBeLessThanOrEqual(63);
    expect(index!.name.endsWith('_idx')).toBe(true);
  });
});

describe('migration discovery', () => {
  it('finds Prisma, Drizzle and plain sets in natural order, without *.down.sql', () => {
    const relative = (root: string) => findMigrationFiles(path.join(fixtures, root)).map((file) => path.relative(path.join(fixtures, root), file).split(path.sep).join('/'));
    expect(relative('plain')).toEqual(['migrations/1_init.sql', 'migrations/2_indexes.sql', 'migrations/10_cleanup.sql']);
    expect(relative('drizzle')).toEqual(['drizzle/0000_brave_wolverine.sql', 'drizzle/0001_sharp_nova.sql']);
    expect(relative('prisma')).toHaveLength(3);
    expect(relative('prisma')[0]).toMatch(/^prisma\/migrations\/20240101090000_init\/migration\.sql$/);
  });

  it('tells which set a file belongs to', () => {
    expect(migrationSetOf('/p/prisma/migrations/2024_x/migration.sql')).toEqual({ folder: path.normalize('/p/prisma/migrations'), pattern: '*/migration.sql' });
    expect(migrationSetOf('/p/packages/api/db/migrations/001.sql')).toEqual({ folder: path.normalize('/p/packages/api/db/migrations'), pattern: '*.{sql,js,cjs,mjs,ts,cts,mts}' });
    expect(migrationSetOf('/p/drizzle/0001_x.sql')?.pattern).toBe('*.sql');
    expect(migrationSetOf('/p/migrations/001.down.sql')).toBeUndefined();
    expect(migrationSetOf('/p/sql/seed.sql')).toBeUndefined();
    expect(migrationSetOf('/p/schema/001.sql', ['schema/*.sql'])?.folder).toBe(path.normalize('/p/schema'));
  });

  it('compares names naturally', () => {
    expect(['10_c.sql', '2_b.sql', '1_a.sql'].sort(compareNatural)).toEqual(['1_a.sql', '2_b.sql', '10_c.sql']);
  });
});

describe('getSchemaModelForFolder', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'fortress-migrations-'));
    mkdirSync(path.join(root, 'migrations'));
    writeFileSync(path.join(root, 'migrations/1_init.sql'), 'CREATE TABLE a (id int PRIMARY KEY);');
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    clearSchemaModelCache();
  });

  it('builds once per folder and rebuilds when a file changes or is added', () => {
    const folder = path.join(root, 'migrations');
    const first = getSchemaModelForFolder(folder);
    expect(getSchemaModelForFolder(folder)).toBe(first);
    writeFileSync(path.join(folder, '2_b.sql'), 'CREATE TABLE b (id int);');
    const second = getSchemaModelForFolder(folder);
    expect(second).not.toBe(first);
    expect([...second.tables.keys()]).toEqual(['public.a', 'public.b']);
    writeFileSync(path.join(folder, '2_b.sql'), 'CREATE TABLE c (id int);');
    utimesSync(path.join(folder, '2_b.sql'), new Date(), new Date(Date.now() + 5000));
    expect([...getSchemaModelForFolder(folder).tables.keys()]).toEqual(['public.a', 'public.c']);
  });

  it('uses an unsaved text in place of the file on disk', () => {
    const folder = path.join(root, 'migrations');
    const file = path.join(folder, '1_init.sql');
    const edited = getSchemaModelForFolder(folder, { override: { path: file, text: 'CREATE TABLE z (id int);' } });
    expect([...edited.tables.keys()]).toEqual(['public.z', 'public.c']);
    expect(getSchemaModelForFolder(folder, { override: { path: file, text: 'CREATE TABLE a (id int PRIMARY KEY);' } })).toBe(
      getSchemaModelForFolder(folder),
    );
  });
});
