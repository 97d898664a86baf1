// Behaviours of sql-no-drop-column that a mutant changed without a failing test (issue 13, `npm run mutate:target --
// src/sql/rules/sql-no-drop-column.ts`).
import { describe, expect, it } from 'vitest';

import rule from '../../src/sql/rules/sql-no-drop-column.js';
import { lintSql, runDeployedMigrationCase, runSqlRuleTester } from '../sql/sql-rule-tester.js';

const RULE = 'sql-no-drop-column';
const at = (line: number) => ({ messageId: 'dropColumn', line, column: 1 });

// An already-deployed migration is history: nothing to change there.
runDeployedMigrationCase(RULE, rule, 'ALTER TABLE "Field" DROP COLUMN "documentId";');

runSqlRuleTester(RULE, rule, {
  valid: [
    // The name comes back later in the file, in a statement of its own or among other commands.
    'ALTER TABLE users DROP COLUMN bio;\nALTER TABLE users RENAME COLUMN bio_v2 TO bio;',
    'ALTER TABLE users DROP COLUMN bio;\nALTER TABLE users ALTER COLUMN name DROP DEFAULT, ADD COLUMN bio text;',
    // A composite type's attribute (ALTER TYPE … DROP ATTRIBUTE) and a foreign table's column are not a table's rows.
    'ALTER TYPE address DROP ATTRIBUTE street;',
    'ALTER FOREIGN TABLE remote_users DROP COLUMN bio;',
  ],
  invalid: [
    // Near-misses of "the name comes back": another column renamed, another name given, the table renamed to the
    // column's name, the same name on another table, a rename before the drop.
    { code: 'ALTER TABLE users DROP COLUMN bio;\nALTER TABLE users RENAME COLUMN bio_v2 TO biography;', errors: [at(1)] },
    { code: 'ALTER TABLE users DROP COLUMN bio;\nALTER TABLE users RENAME TO bio;', errors: [at(1)] },
    { code: 'ALTER TABLE users DROP COLUMN bio;\nALTER TABLE accounts RENAME COLUMN bio_v2 TO bio;', errors: [at(1)] },
    { code: 'ALTER TABLE users RENAME COLUMN bio_v2 TO bio;\nALTER TABLE users DROP COLUMN bio;', errors: [at(2)] },
    { code: 'ALTER TABLE users ADD COLUMN bio text;\nALTER TABLE users DROP COLUMN bio;\nALTER TABLE users DROP COLUMN name;', errors: [at(3)] },
    // Later commands on the table that give no column the name back.
    { code: 'ALTER TABLE users DROP COLUMN bio;\nALTER TABLE users ALTER COLUMN bio_v2 TYPE text, ADD COLUMN about text;', errors: [at(1)] },
    { code: 'ALTER TABLE users DROP COLUMN bio;\nCREATE INDEX users_bio_idx ON users (bio);', errors: [at(1)] },
  ],
});

describe(`${RULE}: an invalid deprecatedNamePattern`, () => {
  it('is named in the message, cut at 80 characters', () => {
    const pattern = `(${'a'.repeat(100)}`;
    const [message] = lintSql(RULE, rule, 'SELECT 1;', [{ deprecatedNamePattern: pattern }]);
    expect(message?.messageId).toBe('invalidPattern');
    expect(message?.message).toContain(`(${pattern.slice(0, 80)})`);
    expect(message?.message).not.toContain(pattern.slice(0, 81));
  });
});
