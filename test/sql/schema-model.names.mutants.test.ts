// Index names the schema model must choose as PostgreSQL does (issue 13), each checked by hand on PostgreSQL 15
// (2026-12-03): a name is cut at 63 BYTES, never inside a character, and CREATE TABLE builds one index for a UNIQUE
// constraint written twice.
import { beforeAll, describe, expect, it } from 'vitest';

import { loadSqlParser } from '../../src/sql/parser.js';
import { buildSchemaModel, type SchemaTable } from '../../src/sql/schema-model.js';

beforeAll(async () => {
  await loadSqlParser();
});

function table(sql: string, name: string): SchemaTable {
  const { tables } = buildSchemaModel([{ path: 'migrations/0001.sql', text: sql }]);
  const found = tables.get(`public.${name}`);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}

const indexNames = (t: SchemaTable): string[] => t.indexes.map((index) => index.name);
const bytes = (name: string): number => Buffer.byteLength(name, 'utf8');

describe('schema model: names in bytes, as PostgreSQL counts them', () => {
  it('a 31-character, 62-byte table name is cut to 23 characters in its index name (62 bytes)', () => {
    const name = 'é'.repeat(31);
    const t = table(`CREATE TABLE ${name} (id int, customer_id int);\nCREATE INDEX ON ${name} (customer_id);`, name);
    expect(indexNames(t)).toEqual([`${'é'.repeat(23)}_customer_id_idx`]);
  });

  it('a cut never splits a character: the table part stops before a 2-byte character that would end at byte 64', () => {
    const name = `a${'é'.repeat(30)}`;
    const t = table(`CREATE TABLE ${name} (id int, customer_id int);\nCREATE INDEX ON ${name} (customer_id);`, name);
    for (const index of indexNames(t)) expect(bytes(index)).toBeLessThanOrEqual(63);
    expect(indexNames(t)).toEqual([`a${'é'.repeat(23)}_customer_id_idx`]);
  });

  it('ASCII names are unchanged', () => {
    const t = table('CREATE TABLE orders (id int, customer_id int);\nCREATE INDEX ON orders (customer_id);', 'orders');
    expect(indexNames(t)).toEqual(['orders_customer_id_idx']);
  });
});

describe('schema model: a UNIQUE constraint written twice', () => {
  it('in one CREATE TABLE: one index, as PostgreSQL builds (u_email_key)', () => {
    expect(indexNames(table('CREATE TABLE u (email text, UNIQUE (email), UNIQUE (email));', 'u'))).toEqual(['u_email_key']);
    expect(indexNames(table('CREATE TABLE v (email text UNIQUE, UNIQUE (email));', 'v'))).toEqual(['v_email_key']);
  });

  it('in ALTER TABLE: two indexes (w_email_key, w_email_key1)', () => {
    const t = table('CREATE TABLE w (id int PRIMARY KEY, email text);\nALTER TABLE w ADD UNIQUE (email), ADD UNIQUE (email);', 'w');
    expect(indexNames(t)).toEqual(['w_pkey', 'w_email_key', 'w_email_key1']);
  });
});

describe('schema model: the same key twice in one CREATE TABLE (PostgreSQL keeps one index)', () => {
  it('the second name wins over an unnamed first (named); the first name stays (a)', () => {
    expect(indexNames(table('CREATE TABLE n3 (email text, UNIQUE (email), CONSTRAINT named UNIQUE (email));', 'n3'))).toEqual(['named']);
    expect(indexNames(table('CREATE TABLE n1 (email text, CONSTRAINT a UNIQUE (email), CONSTRAINT b UNIQUE (email));', 'n1'))).toEqual(['a']);
  });

  it('a primary key on the unique column: one index, n6_pkey, and the primary key', () => {
    const t = table('CREATE TABLE n6 (id int UNIQUE, PRIMARY KEY (id));', 'n6');
    expect(indexNames(t)).toEqual(['n6_pkey']);
    expect(t.primaryKey).toEqual({ name: 'n6_pkey', columns: ['id'] });
    expect(indexNames(table('CREATE TABLE n2 (id int PRIMARY KEY UNIQUE);', 'n2'))).toEqual(['n2_pkey']);
  });

  it('other columns, another order or DEFERRABLE: separate indexes', () => {
    expect(indexNames(table('CREATE TABLE n4 (a int, b int, UNIQUE (a, b), UNIQUE (b, a));', 'n4'))).toEqual(['n4_a_b_key', 'n4_b_a_key']);
    expect(indexNames(table('CREATE TABLE n5 (email text UNIQUE, UNIQUE (email) DEFERRABLE);', 'n5'))).toEqual(['n5_email_key', 'n5_email_key1']);
  });

  it('after the merge, the free name is used by the next unnamed unique index', () => {
    const t = table('CREATE TABLE n7 (email text, UNIQUE (email), CONSTRAINT n7_named UNIQUE (email));\nALTER TABLE n7 ADD UNIQUE (email);', 'n7');
    expect(indexNames(t)).toEqual(['n7_named', 'n7_email_key']);
  });
});

describe('schema model: a column repeated in an unnamed index', () => {
  it('three times: email, email1, email2 (PostgreSQL 15: tri_email_email1_email2_idx)', () => {
    expect(indexNames(table('CREATE TABLE tri (email text);\nCREATE INDEX ON tri (email, email, email);', 'tri'))).toEqual(['tri_email_email1_email2_idx']);
  });
});
