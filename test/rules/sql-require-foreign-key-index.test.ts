import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import rule from '../../src/sql/rules/sql-require-foreign-key-index.js';
import { expectSqlMalformed, lintSql, runSqlRuleTester } from '../sql/sql-rule-tester.js';

const NAME = 'sql-require-foreign-key-index';
/** Fixture migration sets on disk (paths relative to the repository root, ESLint's cwd in these tests). */
const FIXTURES = 'test/fixtures/migrations';
const fixture = (file: string) => `${FIXTURES}/${file}`;
const read = (file: string) => readFileSync(new URL(`../fixtures/migrations/${file}`, import.meta.url), 'utf8');
/** A file that belongs to no migration set on disk: it is its own set. */
const ALONE = 'scratch/standalone.sql';

const missing = (line: number, column: number) => ({ messageId: 'missingIndex', line, column });
const missingNew = (line: number, column: number) => ({ messageId: 'missingIndexNewTable', line, column });

const USERS = 'CREATE TABLE users (id bigint PRIMARY KEY, email text UNIQUE);\n';

runSqlRuleTester(NAME, rule, {
  valid: [
    // An index on the foreign key column in the same file.
    `${USERS}CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users (id));\nCREATE INDEX ON posts (author_id);`,
    // The index leads with the column and has more columns after it.
    `${USERS}CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users, created_at timestamptz);\nCREATE INDEX posts_author_created ON posts (author_id, created_at DESC);`,
    // The primary key leads with the foreign key's column (a join table).
    `${USERS}CREATE TABLE tags (id bigint PRIMARY KEY);\nCREATE TABLE user_tags (user_id bigint REFERENCES users, tag_id bigint REFERENCES tags, PRIMARY KEY (user_id, tag_id));\nCREATE INDEX ON user_tags (tag_id);`,
    // A UNIQUE constraint, and a unique index, count as indexes.
    `${USERS}CREATE TABLE profiles (id bigint PRIMARY KEY, user_id bigint NOT NULL UNIQUE REFERENCES users (id));`,
    `${USERS}CREATE TABLE profiles (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), kind text);\nCREATE UNIQUE INDEX profiles_user_kind ON profiles (user_id, kind);`,
    // A one-column key that is also the primary key.
    `${USERS}CREATE TABLE user_settings (user_id bigint PRIMARY KEY REFERENCES users (id), theme text);`,
    // A one-column hash index serves the equality lookups of the foreign key check.
    `${USERS}CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint REFERENCES users);\nCREATE INDEX sessions_user ON sessions USING hash (user_id);`,
    // The foreign key (or its column, or its table) is dropped later in the file: not in the final schema.
    `${USERS}CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint CONSTRAINT posts_author_fk REFERENCES users);\nALTER TABLE posts DROP CONSTRAINT posts_author_fk;`,
    `${USERS}CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users);\nALTER TABLE posts DROP COLUMN author_id;`,
    `${USERS}CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users);\nDROP TABLE posts;`,
    // Column renamed after the index was created: the index follows it.
    `${USERS}CREATE TABLE posts (id bigint PRIMARY KEY, writer bigint REFERENCES users);\nCREATE INDEX ON posts (writer);\nALTER TABLE posts RENAME COLUMN writer TO author_id;`,
    // Nothing to check.
    '',
    '-- only a comment\n',
    "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;\nGRANT SELECT ON users TO reader;",
    // An index added by a LATER migration of the set counts.
    { code: read('fk-rule/later-index/migrations/0001_init.sql'), filename: fixture('fk-rule/later-index/migrations/0001_init.sql') },
    // A composite foreign key covered by a composite index (columns in another order, then more columns).
    { code: read('fk-rule/composite/migrations/0001_init.sql'), filename: fixture('fk-rule/composite/migrations/0001_init.sql') },
    // A foreign key is reported in the file that declares it, not in later files of the set.
    { code: read('fk-rule/second-column/migrations/0002_posts_index.sql'), filename: fixture('fk-rule/second-column/migrations/0002_posts_index.sql') },
    // Real-world sets: Drizzle's DO-block foreign keys covered by later indexes, a column dropped later; plain SQL.
    { code: read('drizzle/drizzle/0000_brave_wolverine.sql'), filename: fixture('drizzle/drizzle/0000_brave_wolverine.sql') },
    { code: read('plain/migrations/10_cleanup.sql'), filename: fixture('plain/migrations/10_cleanup.sql') },
    {
      code: read('prisma/prisma/migrations/20240215120000_post_author_index/migration.sql'),
      filename: fixture('prisma/prisma/migrations/20240215120000_post_author_index/migration.sql'),
    },
    // The migrationGlobs option: with only `migrations/*.sql`, the set (and its later index) is still found.
    {
      code: 'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint NOT NULL REFERENCES users (id));\n',
      filename: fixture('fk-rule/later-index/migrations/0001_init.sql'),
      options: [{ migrationGlobs: ['migrations/*.sql'] }],
    },
  ],
  invalid: [
    // Column-level REFERENCES on a table created in this file: index it in the same file.
    { code: `${USERS}CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users (id));`, filename: ALONE, errors: [missingNew(2, 61)] },
    // Table-level FOREIGN KEY, and a named CONSTRAINT.
    {
      code: `${USERS}CREATE TABLE posts (\n  id bigint PRIMARY KEY,\n  author_id bigint NOT NULL,\n  FOREIGN KEY (author_id) REFERENCES users\n);`,
      filename: ALONE,
      errors: [missingNew(5, 3)],
    },
    {
      code: `${USERS}CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint,\n  CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE);`,
      filename: ALONE,
      errors: [missingNew(3, 3)],
    },
    // ALTER TABLE … ADD CONSTRAINT on a table this file did not create (CONCURRENTLY, in a later migration).
    {
      code: 'ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id) NOT VALID;',
      filename: ALONE,
      errors: [missing(1, 23)],
    },
    // ADD COLUMN … REFERENCES.
    { code: 'ALTER TABLE posts ADD COLUMN editor_id bigint REFERENCES users;', filename: ALONE, errors: [missing(1, 47)] },
    // Near-miss: the column is the SECOND column of the index.
    {
      code: `${USERS}CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users, created_at timestamptz);\nCREATE INDEX ON posts (created_at, author_id);`,
      filename: ALONE,
      errors: [missingNew(2, 61)],
    },
    // Near-miss: a partial index does not serve every lookup.
    {
      code: `${USERS}CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users);\nCREATE INDEX ON posts (author_id) WHERE author_id IS NOT NULL;`,
      filename: ALONE,
      errors: [missingNew(2, 61)],
    },
    // Near-miss: an expression index on the column.
    {
      code: `${USERS}CREATE TABLE accounts (id bigint PRIMARY KEY, owner_email text REFERENCES users (email));\nCREATE INDEX ON accounts (lower(owner_email));`,
      filename: ALONE,
      errors: [missingNew(2, 64)],
    },
    // Near-miss: a composite foreign key with an index on its first column only.
    {
      code: 'CREATE TABLE orders (tenant_id bigint, id bigint, PRIMARY KEY (tenant_id, id));\nCREATE TABLE items (tenant_id bigint, order_id bigint, FOREIGN KEY (tenant_id, order_id) REFERENCES orders);\nCREATE INDEX ON items (tenant_id);',
      filename: ALONE,
      errors: [missingNew(2, 56)],
    },
    // Near-miss: a GIN index.
    {
      code: `${USERS}CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users);\nCREATE INDEX ON posts USING gin (author_id);`,
      filename: ALONE,
      errors: [missingNew(2, 61)],
    },
    // The index is dropped later in the file, and quoted Prisma-style identifiers.
    {
      code: 'CREATE TABLE "Post" ("id" TEXT NOT NULL, "authorId" TEXT NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));\nCREATE INDEX "Post_authorId_idx" ON "Post"("authorId");\nALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;\nDROP INDEX "Post_authorId_idx";',
      filename: ALONE,
      errors: [
        {
          ...missingNew(3, 24),
          data: {
            constraint: '"Post_authorId_fkey"',
            table: '"Post"',
            columns: '"authorId"',
            referenced: '"User"',
            index: '"Post_authorId_idx"',
          },
        },
      ],
    },
    // A schema-qualified table.
    {
      code: 'ALTER TABLE app.posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES app.users (id);',
      filename: ALONE,
      errors: [{ ...missing(1, 27), data: { constraint: 'posts_author_fk', table: 'app.posts', columns: 'author_id', referenced: 'app.users', index: 'posts_author_id_idx' } }],
    },
    // Near-miss across files: the later migration's index has the column second.
    { code: read('fk-rule/second-column/migrations/0001_init.sql'), filename: fixture('fk-rule/second-column/migrations/0001_init.sql'), errors: [missingNew(4, 29)] },
    // The index was dropped by a later migration.
    { code: read('fk-rule/dropped-index/migrations/0001_init.sql'), filename: fixture('fk-rule/dropped-index/migrations/0001_init.sql'), errors: [missingNew(2, 70)] },
    // A later migration that does not parse is left out of the schema, and said so (once); this file is still checked.
    {
      code: read('fk-rule/broken-sibling/migrations/0001_init.sql'),
      filename: fixture('fk-rule/broken-sibling/migrations/0001_init.sql'),
      errors: [{ messageId: 'unparsedMigration', line: 1, column: 1 }, missingNew(2, 70)],
    },
    // Real-world sets. Prisma: "Comment_postId_idx" is dropped later and the remaining index has "postId" second.
    {
      code: read('prisma/prisma/migrations/20240101090000_init/migration.sql'),
      filename: fixture('prisma/prisma/migrations/20240101090000_init/migration.sql'),
      errors: [missingNew(50, 27)],
    },
    // Drizzle: the self-referencing parent_id has no index. Plain: users.account_id has none.
    { code: read('drizzle/drizzle/0001_sharp_nova.sql'), filename: fixture('drizzle/drizzle/0001_sharp_nova.sql'), errors: [missing(2, 28)] },
    { code: read('plain/migrations/1_init.sql'), filename: fixture('plain/migrations/1_init.sql'), errors: [missingNew(12, 30)] },
  ],
});

describe(`${NAME}: editor and malformed input`, () => {
  it('uses the unsaved text of a file in place of the one on disk', () => {
    const filename = fixture('fk-rule/later-index/migrations/0001_init.sql');
    const edited = `${read('fk-rule/later-index/migrations/0001_init.sql')}ALTER TABLE posts ADD COLUMN editor_id bigint REFERENCES users (id);\n`;
    expect(lintSql(NAME, rule, edited, undefined, filename).map(({ line, column }) => [line, column])).toEqual([[7, 47]]);
    expect(lintSql(NAME, rule, read('fk-rule/later-index/migrations/0001_init.sql'), undefined, filename)).toEqual([]);
  });

  it('names the index to create in its message', () => {
    const [message] = lintSql(NAME, rule, 'ALTER TABLE posts ADD COLUMN author_id bigint REFERENCES users;', undefined, ALONE);
    expect(message?.message).toBe(
      'Foreign key posts_author_id_fkey on posts (author_id) has no index leading with its columns, so every delete or key update in users scans posts; add one in a later migration: CREATE INDEX CONCURRENTLY posts_author_id_idx ON posts (author_id).',
    );
  });

  it('gives one parsing error for malformed SQL', () => {
    expectSqlMalformed(NAME, rule, 'CREATE TABLE posts (author_id bigint REFERENCES', { line: 1, column: 48 });
    expectSqlMalformed(NAME, rule, 'ALTER TABLE posts ADD CONSTRAINT FOREIGN KEY (author_id;');
  });

  it('gets its default options from a context made outside ESLint, which merges none', () => {
    // ESLint passes the options with meta.defaultOptions merged in; another caller may pass fewer, or none.
    expect(Object.keys(rule.create({ options: [] } as never))).toEqual(['Program']);
    expect(Object.keys(rule.create({} as never))).toEqual(['Program']);
  });
});
