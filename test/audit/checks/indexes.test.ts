import { describe, expect, it } from 'vitest';

import indexes from '../../../src/audit/checks/indexes.js';
import type { QueryFact } from '../../../src/audit/extract/schema.js';
import type { Finding } from '../../../src/audit/types.js';
import { contextWith, table } from './context.js';

const fk = { file: 'prisma/schema.prisma', line: 25, column: 3, name: 'posts_author_fkey', columns: ['authorId'], references: { table: 'users', columns: ['id'] } };
const btree = (...columns: Array<string | null>) => ({ columns, unique: false, partial: false, method: 'btree' });

function query(tableName: string, columns: string[]): QueryFact {
  return { file: 'src/posts.ts', line: 6, column: 10, table: tableName, columns, via: 'prisma.post.findMany()' };
}

describe('indexes check: foreign keys', () => {
  it('reports a foreign key of an ORM schema without a covering index', () => {
    const { findings } = indexes.run(contextWith({ schema: { tables: [table('posts', { source: 'prisma', foreignKeys: [fk] })] } }));
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: 'indexes/foreign-key-without-index', severity: 'error', file: 'prisma/schema.prisma', line: 25, column: 3 }),
    ]);
    expect(findings[0]!.message).toContain('Foreign key posts (authorId) → users has no index leading with its columns');
  });

  it.each([
    ['an index leading with the column', [btree('authorId', 'createdAt')]],
    ['a unique composite key leading with it', [{ columns: ['authorId', 'tagId'], unique: true, partial: false, method: 'btree' }]],
    ['a one-column hash index', [{ columns: ['authorId'], unique: false, partial: false, method: 'hash' }]],
  ])('passes a foreign key covered by %s', (_label, tableIndexes) => {
    const { findings } = indexes.run(contextWith({ schema: { tables: [table('posts', { source: 'drizzle', indexes: tableIndexes, foreignKeys: [fk] })] } }));
    expect(findings).toEqual([]);
  });

  it.each([
    ['the column second in an index', [btree('createdAt', 'authorId')]],
    ['a partial index', [{ columns: ['authorId'], unique: false, partial: true, method: 'btree' }]],
    ['a GIN index', [{ columns: ['authorId'], unique: false, partial: false, method: 'gin' }]],
    ['an expression index', [btree(null)]],
  ])('still reports a foreign key with only %s (near-miss)', (_label, tableIndexes) => {
    const { findings } = indexes.run(contextWith({ schema: { tables: [table('posts', { source: 'typeorm', indexes: tableIndexes, foreignKeys: [fk] })] } }));
    expect(findings.map((finding) => finding.ruleId)).toEqual(['indexes/foreign-key-without-index']);
  });

  it('leaves the foreign keys of tables created by plain SQL migrations to the rule', () => {
    const fromSql = table('posts', { source: 'sql', foreignKeys: [fk] });
    const prismaAlsoInSql = table('comments', { source: 'prisma', foreignKeys: [fk], inSqlMigrations: true });
    const ruleFinding: Finding = { ruleId: 'fortress/sql-require-foreign-key-index', severity: 'error', file: 'm.sql', line: 3, column: 3, message: 'x' };
    const { findings } = indexes.run(contextWith({ ruleFindings: [ruleFinding], schema: { tables: [fromSql, prismaAlsoInSql] } }));
    expect(findings).toEqual([ruleFinding]);
  });
});

describe('indexes check: queries', () => {
  const posts = table('Post', { source: 'prisma', indexes: [btree('id'), btree('authorId')] });

  it('warns on a query whose filter and sort columns lead no index', () => {
    const { findings } = indexes.run(contextWith({ schema: { tables: [posts], queries: [query('Post', ['status', 'createdAt'])] } }));
    expect(findings).toEqual([expect.objectContaining({ ruleId: 'indexes/unindexed-query', severity: 'warning', file: 'src/posts.ts', line: 6, column: 10 })]);
    expect(findings[0]!.message).toContain('prisma.post.findMany() filters or sorts Post on status, createdAt');
  });

  it('passes a query when one of its columns leads an index (near-miss: not the first column of the query)', () => {
    const { findings } = indexes.run(contextWith({ schema: { tables: [posts], queries: [query('Post', ['status', 'authorId'])] } }));
    expect(findings).toEqual([]);
  });

  it('does not count a column that is second in an index, or a partial index', () => {
    const table2 = table('Post', { indexes: [btree('authorId', 'status'), { columns: ['status'], unique: false, partial: true, method: 'btree' }] });
    const { findings } = indexes.run(contextWith({ schema: { tables: [table2], queries: [query('Post', ['status'])] } }));
    expect(findings).toHaveLength(1);
  });

  it('says nothing about a query on a table the schema does not know', () => {
    const { findings } = indexes.run(contextWith({ schema: { tables: [posts], queries: [query('audit_log', ['kind'])] } }));
    expect(findings).toEqual([]);
  });

  it('accepts a schema without queries (contexts built before the field existed)', () => {
    expect(indexes.run(contextWith({ schema: { tables: [posts] } })).findings).toEqual([]);
  });
});
