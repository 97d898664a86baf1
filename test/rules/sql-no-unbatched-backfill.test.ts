import { describe, expect, it } from 'vitest';

import rule from '../../src/sql/rules/sql-no-unbatched-backfill.js';
import { expectSqlMalformed, lintSql, runSqlRuleTester } from '../sql/sql-rule-tester.js';

const RULE = 'sql-no-unbatched-backfill';
const at = (messageId: 'noWhere' | 'unboundedWhere', line: number, column = 1) => ({ messageId, line, column });

runSqlRuleTester(RULE, rule, {
  valid: [
    // Batches: a LIMIT subquery, a key range with both ends, BETWEEN.
    'UPDATE users SET plan = \'free\' WHERE id IN (SELECT id FROM users WHERE plan IS NULL LIMIT 1000);',
    'UPDATE users SET plan = \'free\' WHERE id >= $1 AND id < $2 AND plan IS NULL;',
    'UPDATE users SET plan = \'free\' WHERE 1000 > id AND id >= 0;',
    'UPDATE users SET plan = \'free\' WHERE id BETWEEN 1 AND 1000;',
    // Targeted fixes: a key equal to a value, or in a list of values (quoted Prisma names, camelCase keys).
    'UPDATE "User" SET "role" = \'ADMIN\' WHERE "id" = 1;',
    'UPDATE "Document" SET "status" = \'DRAFT\' WHERE "teamId" = $1;',
    'UPDATE users SET email = lower(email) WHERE user_id IN (1, 2, 3);',
    'UPDATE users SET email = lower(email) WHERE \'x@y.z\' = email;',
    'UPDATE settings SET v = 1 WHERE key = \'a\' OR key = \'b\';',
    // Tables created in this file, or emptied earlier in it.
    'CREATE TABLE plans (id int, name text);\nUPDATE plans SET name = upper(name);',
    'TRUNCATE plans;\nUPDATE plans SET name = upper(name);',
    // Not an UPDATE.
    'DELETE FROM sessions WHERE expires_at < now();',
    '-- UPDATE users SET plan = 1;\nSELECT 1;',
    '-- eslint-disable-next-line rule-to-test/sql-no-unbatched-backfill\nUPDATE users SET plan = 1;',
    '',
  ],
  invalid: [
    // Whole-table backfills, as documenso/documenso@75330166cc00b29c14399bc2e391e4b4d8080c00 and
    // hoppscotch/hoppscotch@afc2cf181c16e56647b099e5d18cfe55710c6cdd write them.
    { code: 'UPDATE "DocumentMeta" SET "subject" = "customEmailSubject";', errors: [{ ...at('noWhere', 1), data: { table: 'DocumentMeta' } }] },
    { code: 'UPDATE "UserRequest" SET request = request WHERE request IS NOT NULL;', errors: [at('unboundedWhere', 1)] },
    { code: 'UPDATE "Webhook" w SET "teamId" = t."id" FROM "Team" t WHERE w."userId" = t."ownerUserId" AND w."teamId" IS NULL;', errors: [at('unboundedWhere', 1)] },
    { code: 'UPDATE "Project" SET "overlay" = CASE WHEN "darkOverlay" THEN \'dark\' ELSE \'none\' END;', errors: [at('noWhere', 1)] },
    // Near-misses of the bounds: one end of a range, a non-key equality, a key compared with a column, an OR with an unbounded branch, a subquery without LIMIT.
    { code: 'UPDATE users SET plan = 1 WHERE id > 1000;', errors: [at('unboundedWhere', 1)] },
    { code: 'UPDATE users SET plan = 1 WHERE status = \'active\';', errors: [at('unboundedWhere', 1)] },
    { code: 'UPDATE users SET plan = 1 WHERE id = legacy_id;', errors: [at('unboundedWhere', 1)] },
    { code: 'UPDATE users SET plan = 1 WHERE id = 1 OR plan IS NULL;', errors: [at('unboundedWhere', 1)] },
    { code: 'UPDATE users SET plan = 1 WHERE id IN (SELECT user_id FROM orders);', errors: [at('unboundedWhere', 1)] },
    { code: 'UPDATE users SET plan = 1 WHERE email = \'a\' AND id > 5;', options: [{ keyColumnPattern: '^id$' }], errors: [at('unboundedWhere', 1)] },
    // Emptied after, or another table emptied.
    { code: 'UPDATE plans SET name = upper(name);\nTRUNCATE plans;', errors: [at('noWhere', 1)] },
    { code: 'DELETE FROM plans WHERE id = 1;\nUPDATE plans SET name = upper(name);', errors: [at('noWhere', 2)] },
    { code: 'CREATE TABLE other.plans (id int);\nUPDATE public.plans SET id = 1;', errors: [at('noWhere', 2)] },
  ],
});

describe(`${RULE}: options, disable comments and malformed input`, () => {
  it('keyColumnPattern widens the targeted keys', () => {
    expect(lintSql(RULE, rule, 'UPDATE users SET plan = 1 WHERE status = \'x\';', [{ keyColumnPattern: '^status$' }])).toEqual([]);
  });

  it('an invalid keyColumnPattern is reported once and the default is used', () => {
    const messages = lintSql(RULE, rule, 'UPDATE users SET plan = 1 WHERE id = 1;\nUPDATE users SET plan = 2;', [{ keyColumnPattern: '(' }]);
    expect(messages.map((message) => [message.messageId, message.line])).toEqual([
      ['invalidPattern', 1],
      ['noWhere', 2],
    ]);
  });

  it('honours -- eslint-disable-next-line fortress/<rule>', () => {
    expect(lintSql(RULE, rule, '-- eslint-disable-next-line fortress/sql-no-unbatched-backfill\nUPDATE users SET plan = 1;')).toEqual([]);
  });

  it('a syntax error is one parsing error, not a crash', () => {
    expectSqlMalformed(RULE, rule, 'UPDATE users SET plan = 1 WHERE;');
  });
});
