import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { extractSchema, type TableFact } from '../../../src/audit/extract/schema.js';
import { withoutLiterals } from '../../../src/audit/extract/schema-sql.js';
import { inputFor } from '../fixture-input.js';

async function extract(name: string) {
  const input = inputFor(name);
  const facts = await extractSchema(input);
  const byName = new Map(facts.tables.map((table) => [table.name, table]));
  return { ...facts, byName, notices: input.notices };
}

const keyOf = (table: TableFact | undefined) => table && [table.primaryKey?.columns.join('+') ?? null, table.primaryKey?.default ?? null, table.primaryKey?.verdict ?? null];

describe('extractSchema: schema.prisma', async () => {
  const facts = await extract('audit-prisma');

  it('reads every model, named by @@map, sorted by name', () => {
    expect(facts.tables.map((table) => table.name)).toEqual(['AuditEntry', 'Post', 'PostTag', 'Setting', 'Tag', 'users']);
    expect(facts.notices).toEqual([]);
  });

  it('judges each key: uuid() fails, uuid(7) and autoincrement() pass, composite and natural keys warn, no key', () => {
    expect(keyOf(facts.byName.get('users'))).toEqual(['id', 'uuid()', 'fail']);
    expect(keyOf(facts.byName.get('Post'))).toEqual(['id', 'uuid(7)', 'pass']);
    expect(keyOf(facts.byName.get('Tag'))).toEqual(['id', 'autoincrement()', 'pass']);
    expect(keyOf(facts.byName.get('PostTag'))).toEqual(['postId+tagId', null, 'warn']);
    expect(keyOf(facts.byName.get('Setting'))).toEqual(['key', null, 'warn']);
    expect(facts.byName.get('AuditEntry')?.primaryKey).toBeNull();
    expect(facts.byName.get('users')?.primaryKey?.type).toBe('Uuid');
  });

  it('places each table at its model line, and a comment saying "@id" changes nothing', () => {
    expect(facts.byName.get('users')).toMatchObject({ file: 'prisma/schema.prisma', line: 11, column: 1, source: 'prisma' });
    expect(facts.byName.get('Post')?.primaryKey?.columns).toEqual(['id']);
  });

  it('reads relations as foreign keys and @@index / @unique / @@id as indexes', () => {
    expect(facts.byName.get('Post')?.foreignKeys).toEqual([
      { file: 'prisma/schema.prisma', line: 25, column: 3, name: 'Post_authorId_fkey', columns: ['authorId'], references: { table: 'users', columns: ['id'] } },
    ]);
    expect(facts.byName.get('PostTag')?.indexes.map((index) => index.columns)).toEqual([['postId', 'tagId'], ['tagId']]);
    expect(facts.byName.get('users')?.indexes.map((index) => index.columns)).toEqual([['id'], ['email']]);
  });

  it('finds Prisma queries with their where / orderBy fields, on the mapped table (compound keys read, relation filters and a spread cursor not)', () => {
    expect(facts.queries).toEqual([
      { file: 'src/posts.ts', line: 6, column: 10, table: 'Post', columns: ['status', 'createdAt'], via: 'prisma.post.findMany()' },
      { file: 'src/posts.ts', line: 10, column: 10, table: 'users', columns: ['email'], via: 'prisma.user.findUnique()' },
      { file: 'src/posts.ts', line: 14, column: 10, table: 'PostTag', columns: ['tagId'], via: 'prisma.postTag.findMany()' },
      { file: 'src/posts.ts', line: 18, column: 10, table: 'PostTag', columns: ['postId', 'tagId'], via: 'prisma.postTag.findUnique()' },
      { file: 'src/posts.ts', line: 22, column: 10, table: 'Post', columns: ['createdAt'], via: 'prisma.post.findMany()' },
    ]);
  });
});

describe('extractSchema: another database is skipped and named, never parsed as PostgreSQL', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'fortress-otherdb-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('skips the migrations of a knexfile client and a drizzle dialect that are not PostgreSQL', async () => {
    mkdirSync(path.join(root, 'migrations'));
    mkdirSync(path.join(root, 'drizzle'));
    mkdirSync(path.join(root, 'src'));
    writeFileSync(path.join(root, 'knexfile.js'), "module.exports = { client: 'sqlite3', connection: { filename: './dev.sqlite3' } };\n");
    writeFileSync(path.join(root, 'migrations/001_init.js'), "exports.up = (knex) => knex.raw('CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT)');\n");
    writeFileSync(path.join(root, 'drizzle.config.ts'), "export default { dialect: 'mysql', out: './drizzle' };\n");
    writeFileSync(path.join(root, 'drizzle/0000_init.sql'), 'CREATE TABLE `b` (`id` int AUTO_INCREMENT PRIMARY KEY);\n');
    writeFileSync(path.join(root, 'src/schema.ts'), "import { mysqlTable, int } from 'drizzle-orm/mysql-core';\nexport const b = mysqlTable('b', { id: int('id').primaryKey() });\n");
    const input = inputFor(root);
    const facts = await extractSchema(input);
    expect(facts.tables).toEqual([]);
    expect(input.notices).toEqual([
      { file: 'drizzle', message: 'Migration set skipped: drizzle.config.ts names dialect "mysql", not PostgreSQL.' },
      { file: 'migrations', message: 'Migration set skipped: knexfile.js names client "sqlite3", not PostgreSQL.' },
      { file: 'src/schema.ts', message: 'Tables for mysql skipped: not PostgreSQL.' },
    ]);
  });

  it('skips a sqlite Prisma schema and its migrations', async () => {
    const facts = await extract('audit-prisma-sqlite');
    expect(facts.tables).toEqual([]);
    expect(facts.notices).toEqual([
      { file: 'prisma/schema.prisma', message: 'Prisma schema skipped: provider "sqlite" is not PostgreSQL.' },
      { file: 'prisma/migrations', message: 'Migration set skipped: prisma/schema.prisma names provider "sqlite", not PostgreSQL.' },
    ]);
  });
});

describe('extractSchema: Drizzle', async () => {
  const facts = await extract('audit-drizzle');

  it('judges pgTable keys: defaultRandom and gen_random_uuid fail; uuidv7, serial and identity pass; composite warns', () => {
    expect(keyOf(facts.byName.get('users'))).toEqual(['id', 'defaultRandom()', 'fail']);
    expect(keyOf(facts.byName.get('invoices'))).toEqual(['id', 'sql`gen_random_uuid()`', 'fail']);
    expect(keyOf(facts.byName.get('orders'))).toEqual(['id', '() => uuidv7()', 'pass']);
    expect(keyOf(facts.byName.get('products'))).toEqual(['id', 'serial', 'pass']);
    expect(keyOf(facts.byName.get('events'))).toEqual(['id', 'identity', 'pass']);
    expect(keyOf(facts.byName.get('order_products'))).toEqual(['order_id+product_id', null, 'warn']);
    expect(facts.notices).toEqual([]);
  });

  it('resolves .references(() => table.column) to the table and reads index().on() with column names', () => {
    expect(facts.byName.get('orders')?.foreignKeys.map((fk) => [fk.columns, fk.references.table, fk.line])).toEqual([[['user_id'], 'users', 14]]);
    expect(facts.byName.get('orders')?.indexes.map((index) => index.columns)).toEqual([['user_id'], ['id']]);
  });

  it('finds select().from(table).where(…).orderBy(…) with the columns of the table variable', () => {
    expect(facts.queries?.map((query) => [query.table, query.columns, query.line])).toEqual([
      ['orders', ['user_id', 'created_at'], 7],
      ['orders', ['status', 'created_at'], 11],
    ]);
  });
});

describe('extractSchema: TypeORM', async () => {
  const facts = await extract('audit-typeorm');

  it("judges entities: PrimaryGeneratedColumn('uuid') fails, increment and identity pass, PrimaryColumn warns", () => {
    expect(keyOf(facts.byName.get('users'))?.[2]).toBe('fail');
    expect(keyOf(facts.byName.get('purchase_order'))).toEqual(['id', 'increment', 'pass']);
    expect(keyOf(facts.byName.get('ledger'))).toEqual(['id', 'identity', 'pass']);
    expect(keyOf(facts.byName.get('invoices'))).toEqual(['number', null, 'warn']);
    expect(facts.byName.get('invoices')?.primaryKey?.type).toBe('string');
  });

  it('reads ManyToOne + JoinColumn as a foreign key to the target entity table', () => {
    expect(facts.byName.get('invoices')?.foreignKeys.map((fk) => [fk.columns, fk.references.table])).toEqual([[['order_id'], 'purchase_order']]);
  });

  it("reads the SQL strings of a migration's up(), not its down()", () => {
    expect(keyOf(facts.byName.get('audit_events'))).toEqual(['id', 'uuid_generate_v4()', 'fail']);
    expect(keyOf(facts.byName.get('outbox'))).toEqual(['id', 'uuidv7()', 'pass']);
    expect(facts.byName.get('outbox')).toMatchObject({ file: 'src/migrations/1700000000000-Init.ts', line: 6, source: 'ts-migration' });
  });
});

describe('extractSchema: knex', async () => {
  const facts = await extract('audit-knex');

  it("reads the schema builder and knex.raw DDL of up() (a raw default is no statement)", () => {
    expect(facts.tables.map((table) => table.name)).toEqual(['accounts', 'audit_trail', 'events', 'memberships', 'tags']);
    expect(keyOf(facts.byName.get('audit_trail'))).toEqual(['id', 'uuid_generate_v4()', 'fail']);
    expect(keyOf(facts.byName.get('accounts'))).toEqual(['id', 'gen_random_uuid()', 'fail']);
    expect(keyOf(facts.byName.get('events'))).toEqual(['id', 'identity (generated always)', 'pass']);
    expect(keyOf(facts.byName.get('tags'))?.[2]).toBe('pass');
    expect(facts.notices).toEqual([]);
  });

  it('maps a foreign key in a knex.raw string back to its line in the JS file', () => {
    expect(facts.byName.get('events')?.foreignKeys).toEqual([
      expect.objectContaining({ file: 'migrations/20240101000000_init.js', line: 9, columns: ['account_id'], references: { table: 'accounts', columns: ['id'] } }),
    ]);
  });

  it("reads the builder's foreign keys (.references().inTable(), .references('t.c'), foreign()) and .index()", () => {
    const memberships = facts.byName.get('memberships');
    expect(memberships?.foreignKeys.map((fk) => [fk.columns, fk.references.table, fk.line])).toEqual([
      [['account_id'], 'accounts', 4],
      [['tag_id'], 'tags', 5],
      [['role'], 'roles', 7],
    ]);
    expect(memberships?.indexes.map((index) => index.columns)).toEqual([['tag_id'], ['id']]);
    expect(keyOf(memberships)).toEqual(['id', 'identity', 'pass']);
  });

  it("finds knex('table').where({ … }).orderBy('…') queries", () => {
    expect(facts.queries?.map((query) => [query.table, query.columns])).toEqual([
      ['events', ['kind', 'created_at']],
      ['events', ['account_id']],
    ]);
  });
});

describe('extractSchema: plain SQL migrations', async () => {
  const facts = await extract('audit-sql');

  it('builds the schema model of the set and judges every key', () => {
    expect(facts.tables.map((table) => [table.name, table.primaryKey?.verdict ?? null])).toEqual([
      ['billing.invoices', 'pass'],
      ['countries', 'warn'],
      ['page_views', null],
      ['sessions', 'fail'],
      ['user_roles', 'warn'],
      ['users', 'pass'],
    ]);
    expect(facts.byName.get('sessions')).toMatchObject({ file: 'migrations/001_init.sql', line: 6, column: 1, inSqlMigrations: true });
    expect(keyOf(facts.byName.get('billing.invoices'))).toEqual(['id', "nextval('billing.invoices_id_seq'::regclass)", 'pass']);
  });

  it('names a migration with a syntax error once and leaves it out', () => {
    expect(facts.notices).toEqual([
      { file: 'migrations/002_broken.sql', message: 'Cannot parse this migration (line 4: syntax error at or near ";"); it is left out of the schema model.' },
    ]);
    expect(facts.byName.has('audit_log')).toBe(false);
  });

  it('reads the table and filter / sort columns of SQL strings in query calls and of a Kysely chain', () => {
    expect(facts.queries?.map((query) => [query.table, query.columns, query.via])).toEqual([
      ['page_views', ['path', 'seen_at'], 'db.selectFrom()'],
      ['sessions', ['token'], 'pool.query()'],
      ['users', ['email'], 'pool.query()'],
      ['sessions', ['user_id', 'id'], 'pool.query()'],
    ]);
  });
});

describe('notices never show a secret', () => {
  it("redacts a string literal quoted by the parser's message", () => {
    expect(withoutLiterals(`syntax error at or near "'s3cretPassw0rd'"`)).toBe(`syntax error at or near "'s3cr****'"`);
    expect(withoutLiterals('syntax error at or near "gen_random_uuid"')).toBe('syntax error at or near "gen_random_uuid"');
  });

  it('names a broken line of schema.prisma by number, never by its text', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fortress-prisma-url-'));
    try {
      mkdirSync(path.join(root, 'prisma'));
      writeFileSync(path.join(root, 'prisma/schema.prisma'), 'url = "postgresql://app:Zx81kLm2pQ@db.prod/app"\nmodel A {\n  id Int @id\n}\n');
      const input = inputFor(root);
      await extractSchema(input);
      expect(input.notices).toEqual([{ file: 'prisma/schema.prisma', message: 'Cannot read line 1 of this Prisma schema: a line outside any block.' }]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('extractSchema: malformed input never throws, each problem is one notice', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'fortress-schema-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'prisma'), { recursive: true });
  mkdirSync(path.join(root, 'migrations'), { recursive: true });
  mkdirSync(path.join(root, 'src'), { recursive: true });
  writeFileSync(path.join(root, 'prisma/schema.prisma'), 'datasource db {\n  provider = "postgresql"\n}\nmodel User {\n  id String @id @default(uuid(\n  ???\n');
  writeFileSync(path.join(root, 'migrations/001_bad.sql'), 'CREATE TABLE x (id uuid PRIMARY KEY DEFAULT gen_random_uuid(),);\n');
  writeFileSync(path.join(root, 'src/bundle.min.js'), `var a=${'1+'.repeat(600_000)}1;db.query("SELECT * FROM t WHERE x = 1");`);
  writeFileSync(path.join(root, 'src/broken.ts'), 'export const users = pgTable("users", { id: uuid("id").primaryKey( ;\n');
  writeFileSync(path.join(root, 'src/image.ts'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02, 0x71, 0x75, 0x65, 0x72, 0x79]));

  it('reports the broken Prisma schema, the bad migration, the huge file and the syntax error; skips the binary file (the secrets extractor names it)', async () => {
    const input = inputFor(root);
    const facts = await extractSchema(input);
    expect(facts.tables.map((table) => [table.name, keyOf(table)])).toEqual([['User', ['id', 'uuid(', 'warn']]]);
    const byFile = new Map(input.notices.map((notice) => [notice.file, notice.message]));
    expect([...byFile.keys()].sort()).toEqual(['migrations/001_bad.sql', 'prisma/schema.prisma', 'src/broken.ts', 'src/bundle.min.js']);
    expect(byFile.get('prisma/schema.prisma')).toMatch(/^Cannot read line \d+ of this Prisma schema/);
    expect(byFile.get('src/bundle.min.js')).toBe('Larger than 1024 KB: not parsed for tables and queries.');
    expect(byFile.get('src/broken.ts')).toMatch(/^Cannot parse this file \(1:\d+ /);
    expect(input.notices).toHaveLength(4);
  });
});
