// Behaviours of the schema model that deliberate bugs left unnoticed (issue 13): the names PostgreSQL gives unnamed
// objects (63-byte truncation, numbered suffixes) and what a dropped column takes with it. Each case is a migration a
// user writes and what the model (so the rules and the audit) then knows; the expected names are PostgreSQL 15's, as
// printed by `\d` on a real server for the same SQL.
import { beforeAll, describe, expect, it } from 'vitest';

import { loadSqlParser } from '../../src/sql/parser.js';
import { buildSchemaModel, type SchemaTable } from '../../src/sql/schema-model.js';

beforeAll(async () => {
  await loadSqlParser();
});

function table(sql: string, name: string): SchemaTable {
  const { tables, problems } = buildSchemaModel([{ path: 'migrations/0001.sql', text: sql }]);
  expect(problems).toEqual([]);
  const found = tables.get(`public.${name}`);
  expect(found, `table ${name}`).toBeDefined();
  return found!;
}

const indexNames = (t: SchemaTable): string[] => t.indexes.map((index) => index.name);

// 52 and 29 characters: together too long for a 63-byte name.
const LONG_TABLE = 'order_line_items_with_a_rather_long_descriptive_name';
const LONG_COLUMN = 'customer_reference_identifier';

describe('schema model: names PostgreSQL chooses', () => {
  it('numbers a repeated unnamed index idx, idx1, idx2', () => {
    const t = table('CREATE TABLE orders (id int, customer_id int);\nCREATE INDEX ON orders (customer_id);\nCREATE INDEX ON orders (customer_id);\nCREATE INDEX ON orders (customer_id);', 'orders');
    expect(indexNames(t)).toEqual(['orders_customer_id_idx', 'orders_customer_id_idx1', 'orders_customer_id_idx2']);
  });

  it('numbers a repeated unnamed UNIQUE constraint key, key1', () => {
    const t = table('CREATE TABLE users (id int, email text UNIQUE);\nALTER TABLE users ADD UNIQUE (email);', 'users');
    expect(indexNames(t)).toEqual(['users_email_key', 'users_email_key1']);
  });

  it('names an expression index after the function, and a multi-column one after every column', () => {
    const t = table('CREATE TABLE users (id int, email text, org int);\nCREATE INDEX ON users (lower(email));\nCREATE INDEX ON users (org, email);\nCREATE INDEX ON users (email, email);', 'users');
    expect(indexNames(t)).toEqual(['users_lower_idx', 'users_org_email_idx', 'users_email_email1_idx']);
  });

  it('truncates the longer of table and column names until the name fits in 63 bytes', () => {
    const t = table(`CREATE TABLE ${LONG_TABLE} (id int, ${LONG_COLUMN} int);\nCREATE INDEX ON ${LONG_TABLE} (${LONG_COLUMN});\nCREATE INDEX ON ${LONG_TABLE} (${LONG_COLUMN});`, LONG_TABLE);
    expect(indexNames(t)).toEqual([
      'order_line_items_with_a_rathe_customer_reference_identifier_idx',
      // With the longer label, the parts are equal in length: the column name is shortened.
      'order_line_items_with_a_rathe_customer_reference_identifie_idx1',
    ]);
    for (const name of indexNames(t)) expect(name.length).toBeLessThanOrEqual(63);
  });

  it('truncates a long table name in its primary key and foreign key names', () => {
    const sql = `CREATE TABLE parents (id int PRIMARY KEY);\nCREATE TABLE ${LONG_TABLE}_and_more (id int PRIMARY KEY, parent_id int REFERENCES parents);`;
    const t = table(sql, `${LONG_TABLE}_and_more`);
    expect(t.primaryKey).toEqual({ name: `${LONG_TABLE}_and_m_pkey`, columns: ['id'] });
    expect(t.foreignKeys.map((fk) => fk.name)).toEqual(["order_line_items_with_a_rather_long_descriptive__parent_id_fkey"]);
  });

  it('keeps a short name whole', () => {
    const t = table('CREATE TABLE a (id int PRIMARY KEY, b int UNIQUE);', 'a');
    expect(indexNames(t)).toEqual(['a_pkey', 'a_b_key']);
  });
});

describe('schema model: what a dropped column takes with it', () => {
  it('drops the primary key with its column', () => {
    const t = table('CREATE TABLE t (id int PRIMARY KEY, code text);\nALTER TABLE t DROP COLUMN id;', 't');
    expect(t.primaryKey).toBeNull();
    expect(indexNames(t)).toEqual([]);
  });

  it('drops a composite primary key with any of its columns', () => {
    const t = table('CREATE TABLE t (a int, b int, c int, PRIMARY KEY (a, b));\nALTER TABLE t DROP COLUMN b;', 't');
    expect(t.primaryKey).toBeNull();
    expect(t.columns.map((column) => column.name)).toEqual(['a', 'c']);
  });

  it('keeps the primary key when another column is dropped', () => {
    const t = table('CREATE TABLE t (id int PRIMARY KEY, code text);\nALTER TABLE t DROP COLUMN code;', 't');
    expect(t.primaryKey).toEqual({ name: 't_pkey', columns: ['id'] });
  });

  it('lets a new primary key take the freed name', () => {
    const t = table('CREATE TABLE t (id int PRIMARY KEY, code text NOT NULL);\nALTER TABLE t DROP COLUMN id;\nALTER TABLE t ADD PRIMARY KEY (code);', 't');
    expect(t.primaryKey).toEqual({ name: 't_pkey', columns: ['code'] });
  });
});
