// Behaviours of sql-no-column-type-change that a mutant changed without a failing test (issue 13, `npm run mutate:target --
// src/sql/rules/sql-no-column-type-change.ts`).
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import rule from '../../src/sql/rules/sql-no-column-type-change.js';
import { lintSql, runDeployedMigrationCase, runSqlRuleTester } from '../sql/sql-rule-tester.js';

const RULE = 'sql-no-column-type-change';

// An already-deployed migration is history: nothing to change there.
runDeployedMigrationCase(RULE, rule, 'ALTER TABLE orders ALTER COLUMN total TYPE bigint;');

runSqlRuleTester(RULE, rule, {
  valid: [
    // A composite type's attribute and a foreign table's column: no table rows rewritten here.
    'ALTER TYPE address ALTER ATTRIBUTE zip TYPE bigint;',
    'ALTER FOREIGN TABLE remote_orders ALTER COLUMN total TYPE bigint;',
  ],
  invalid: [],
});

const lint = (sql: string, file: string) =>
  lintSql(RULE, rule, sql, undefined, fileURLToPath(new URL(file, import.meta.url))).map(({ messageId, line, column }) => ({ messageId, line, column }));

describe(`${RULE} with the earlier migrations of the set`, () => {
  // test/fixtures/docs-examples/type-change/migrations/0001_init.sql creates users (email varchar(100), name text).
  const typeChangeSet = '../fixtures/docs-examples/type-change/migrations/0002_change.sql';

  it('a new collation rewrites even a change that is otherwise metadata-only (varchar → text)', () => {
    expect(lint('ALTER TABLE users ALTER COLUMN email TYPE text COLLATE "C";', typeChangeSet)).toEqual([{ messageId: 'typeChange', line: 1, column: 32 }]);
  });

  it('a column the earlier migrations do not define is reported, even with a type that would widen', () => {
    expect(lint('ALTER TABLE users ALTER COLUMN nickname TYPE text;', typeChangeSet)).toEqual([{ messageId: 'typeChange', line: 1, column: 32 }]);
  });

  it('an earlier migration that does not parse is said once, whatever the number of type changes', () => {
    // test/fixtures/migrations/fk-rule/broken-sibling: 0001_init.sql parses, 0002_broken.sql does not.
    const messages = lint(
      'ALTER TABLE users ALTER COLUMN id TYPE numeric;\nALTER TABLE posts ALTER COLUMN author_id TYPE numeric;\nALTER TABLE users ALTER COLUMN id TYPE numeric(30);',
      '../fixtures/migrations/fk-rule/broken-sibling/migrations/0003_change.sql',
    );
    expect(messages).toEqual([
      { messageId: 'unparsedMigration', line: 1, column: 1 },
      { messageId: 'typeChange', line: 1, column: 32 },
      { messageId: 'typeChange', line: 2, column: 32 },
      { messageId: 'typeChange', line: 3, column: 32 },
    ]);
  });
});
