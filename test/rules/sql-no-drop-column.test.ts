import { describe, expect, it } from 'vitest';

import rule from '../../src/sql/rules/sql-no-drop-column.js';
import { expectSqlMalformed, lintSql, runSqlRuleTester } from '../sql/sql-rule-tester.js';

const RULE = 'sql-no-drop-column';
const at = (line: number, data?: { column: string; table: string }) => ({ messageId: 'dropColumn', line, column: 1, ...(data ? { data } : {}) });

runSqlRuleTester(RULE, rule, {
  valid: [
    // Retired names (deprecatedNamePattern's default): snake_case and camelCase, as formbricks/formbricks@b66c1dd978af618a0e402bd3343b456bed68594c renames role → deprecatedRole first.
    'ALTER TABLE "Membership" DROP COLUMN "deprecatedRole";',
    'ALTER TABLE users DROP COLUMN name_old, DROP COLUMN legacy_plan;',
    'ALTER TABLE users DROP COLUMN deprecated_at_v2;',
    // A table created in this file; a column added earlier in this file.
    'CREATE TABLE t (a int, b int);\nALTER TABLE t DROP COLUMN b;',
    'ALTER TABLE users ADD COLUMN tmp int;\nALTER TABLE users DROP COLUMN tmp;',
    // The name comes back: the type swap, a rebuild.
    'ALTER TABLE "Key" ADD COLUMN "type_new" text;\nALTER TABLE "Key" DROP COLUMN "type";\nALTER TABLE "Key" RENAME COLUMN "type_new" TO "type";',
    'ALTER TABLE users DROP COLUMN score;\nALTER TABLE users ADD COLUMN score numeric;',
    // documenso/documenso@75330166cc00b29c14399bc2e391e4b4d8080c00: Prisma drops and recreates a column in one ALTER.
    'ALTER TABLE "Document" DROP COLUMN "visibility",\nADD COLUMN "visibility" "DocumentVisibility" NOT NULL DEFAULT \'EVERYONE\';',
    // A migration named for the contract step.
    { code: 'ALTER TABLE users DROP COLUMN widget_setup;', filename: 'prisma/migrations/20250911192630_remove_deprecated_fields/migration.sql' },
    // Not a column drop.
    'ALTER TABLE users DROP CONSTRAINT users_email_key;',
    'ALTER TABLE users ALTER COLUMN name DROP DEFAULT;',
    '',
  ],
  invalid: [
    { code: 'ALTER TABLE "Field" DROP COLUMN "documentId";', errors: [at(1, { column: 'documentId', table: 'Field' })] },
    { code: 'ALTER TABLE users DROP COLUMN IF EXISTS bio CASCADE;', errors: [at(1)] },
    { code: 'ALTER TABLE users DROP COLUMN a, DROP COLUMN b;', errors: [at(1), at(1)] },
    { code: 'ALTER TABLE users DROP COLUMN a, ADD COLUMN b int;', errors: [at(1)] },
    // Near-misses of the exceptions: names that only contain "old"; the column added to another table; the name given back to another table; another migration name.
    { code: 'ALTER TABLE users DROP COLUMN threshold;', errors: [at(1)] },
    { code: 'ALTER TABLE users DROP COLUMN "holder";', errors: [at(1)] },
    { code: 'ALTER TABLE accounts ADD COLUMN tmp int;\nALTER TABLE users DROP COLUMN tmp;', errors: [at(2)] },
    { code: 'ALTER TABLE users DROP COLUMN score;\nALTER TABLE accounts ADD COLUMN score numeric;', errors: [at(1)] },
    { code: 'ALTER TABLE users ADD COLUMN score numeric;\nALTER TABLE users DROP COLUMN score_v1;', errors: [at(2)] },
    { code: 'ALTER TABLE users DROP COLUMN bio;', filename: 'prisma/migrations/20250911192630_add_profiles/migration.sql', errors: [at(1)] },
  ],
});

describe(`${RULE}: options, disable comments and malformed input`, () => {
  it('deprecatedNamePattern replaces the retired names', () => {
    expect(lintSql(RULE, rule, 'ALTER TABLE users DROP COLUMN zz_bio;', [{ deprecatedNamePattern: '^zz_' }])).toEqual([]);
    expect(lintSql(RULE, rule, 'ALTER TABLE users DROP COLUMN name_old;', [{ deprecatedNamePattern: '^zz_' }])).toHaveLength(1);
  });

  it('an invalid deprecatedNamePattern is reported once and the default is used', () => {
    const messages = lintSql(RULE, rule, 'ALTER TABLE users DROP COLUMN name_old;\nALTER TABLE users DROP COLUMN bio;', [{ deprecatedNamePattern: '[' }]);
    expect(messages.map((message) => [message.messageId, message.line])).toEqual([
      ['invalidPattern', 1],
      ['dropColumn', 2],
    ]);
  });

  it('honours -- eslint-disable-next-line fortress/<rule>', () => {
    expect(lintSql(RULE, rule, '-- eslint-disable-next-line fortress/sql-no-drop-column\nALTER TABLE users DROP COLUMN bio;')).toEqual([]);
  });

  it('a syntax error is one parsing error, not a crash', () => {
    expectSqlMalformed(RULE, rule, 'ALTER TABLE users DROP COLUMN;');
  });
});
