import { describe, expect, it } from 'vitest';

import rule from '../../src/sql/rules/sql-no-offset.js';
import { expectSqlMalformed, lintSql, runSqlRuleTester } from '../sql/sql-rule-tester.js';

const noOffset = (line: number, column: number) => ({ messageId: 'noOffset', line, column });

runSqlRuleTester('sql-no-offset', rule, {
  valid: [
    // Keyset (cursor) pagination.
    'SELECT * FROM users WHERE (created_at, id) < ($1, $2) ORDER BY created_at DESC, id DESC LIMIT 20;',
    // `offset` as a column name (quoted, or qualified: the keyword is reserved).
    'SELECT p.offset, "offset" FROM pages p;',
    'CREATE TABLE pages (id bigint PRIMARY KEY, "offset" integer NOT NULL);',
    'ALTER TABLE pages ADD COLUMN utc_offset interval;',
    // OFFSET in a comment or a string literal.
    '-- SELECT * FROM users OFFSET 10;\nSELECT 1;',
    "/* OFFSET 10 */ SELECT 'LIMIT 10 OFFSET 20' AS example;",
    "INSERT INTO audit (query) VALUES ($$SELECT * FROM users OFFSET 5$$);",
    // FETCH FIRST without an offset; plain LIMIT.
    'SELECT * FROM users ORDER BY id FETCH FIRST 10 ROWS ONLY;',
    'SELECT * FROM users ORDER BY id LIMIT ALL;',
    // OFFSET 0 skips nothing (a planner fence); OFFSET NULL neither.
    'SELECT * FROM (SELECT * FROM events OFFSET 0) AS fenced WHERE fenced.kind = 1;',
    'SELECT * FROM users OFFSET NULL;',
    // A function in another language is skipped; a function without OFFSET passes.
    "CREATE FUNCTION f() RETURNS int LANGUAGE plv8 AS $$ return plv8.execute('SELECT 1 OFFSET 5').length $$;",
    'CREATE FUNCTION recent() RETURNS SETOF users LANGUAGE sql AS $$ SELECT * FROM users ORDER BY id DESC LIMIT 10 $$;',
    // Window frames and time zones use other keywords.
    "SELECT id, lag(amount, 1) OVER (ORDER BY id) FROM payments WHERE created_at AT TIME ZONE 'UTC' > now() - interval '1 day';",
    // Disable comments work (RuleTester names the rule under test `rule-to-test/<name>`).
    '-- eslint-disable-next-line rule-to-test/sql-no-offset\nSELECT * FROM users OFFSET 10;',
    '/* eslint-disable rule-to-test/sql-no-offset */\nSELECT * FROM users OFFSET 10;\n/* eslint-enable rule-to-test/sql-no-offset */',
  ],
  invalid: [
    { code: 'SELECT * FROM users ORDER BY id LIMIT 20 OFFSET 40;', errors: [noOffset(1, 42)] },
    { code: 'select * from users order by id offset 40 limit 20;', errors: [noOffset(1, 33)] },
    { code: 'SELECT * FROM users ORDER BY id OFFSET $1 ROWS FETCH FIRST 20 ROWS ONLY;', errors: [noOffset(1, 33)] },
    { code: 'SELECT 1;\n\nSELECT *\n  FROM users\n  OFFSET :page * 20;'.replace(':page', '$1'), errors: [noOffset(5, 3)] },
    { code: 'CREATE VIEW page_two AS SELECT * FROM users ORDER BY id LIMIT 20 OFFSET 20;', errors: [noOffset(1, 66)] },
    { code: 'CREATE MATERIALIZED VIEW p AS SELECT * FROM users ORDER BY id OFFSET 5;', errors: [noOffset(1, 63)] },
    { code: 'INSERT INTO archive SELECT * FROM events ORDER BY id OFFSET 1000;', errors: [noOffset(1, 54)] },
    { code: 'WITH page AS (SELECT * FROM users ORDER BY id OFFSET 10 LIMIT 10) SELECT * FROM page;', errors: [noOffset(1, 47)] },
    { code: 'SELECT * FROM orders WHERE user_id IN (SELECT id FROM users ORDER BY id OFFSET 5);', errors: [noOffset(1, 73)] },
    { code: '(SELECT id FROM a) UNION ALL (SELECT id FROM b) ORDER BY id OFFSET 10;', errors: [noOffset(1, 61)] },
    {
      code: 'SELECT * FROM (SELECT * FROM a OFFSET 1) x OFFSET 2;',
      errors: [noOffset(1, 32), noOffset(1, 44)],
    },
    {
      code: 'CREATE FUNCTION page(n int) RETURNS SETOF users LANGUAGE sql AS $$\n  SELECT * FROM users ORDER BY id LIMIT 20 OFFSET n * 20\n$$;',
      errors: [noOffset(2, 44)],
    },
    {
      code: 'CREATE FUNCTION page(n int) RETURNS SETOF users AS $body$\nBEGIN\n  RETURN QUERY SELECT * FROM users ORDER BY id OFFSET n;\nEND\n$body$ LANGUAGE plpgsql;',
      errors: [noOffset(3, 48)],
    },
    {
      code: 'CREATE FUNCTION page(n int) RETURNS SETOF users LANGUAGE sql BEGIN ATOMIC SELECT * FROM users ORDER BY id OFFSET n; END;',
      errors: [noOffset(1, 107)],
    },
    { code: 'DECLARE c CURSOR FOR SELECT * FROM users OFFSET 10;', errors: [noOffset(1, 42)] },
    { code: 'SELECT * FROM users OFFSET 10;\n-- eslint-disable-next-line rule-to-test/sql-no-offset\nSELECT * FROM users OFFSET 20;\n-- eslint-enable\nSELECT * FROM users OFFSET 30;', errors: [noOffset(1, 21), noOffset(5, 21)] },
    { code: "SELECT 'é' AS accent, * FROM users OFFSET 10;", errors: [noOffset(1, 36)] },
    // The keyword is found among tokens: "offset" in a comment or string between it and the value does not mislead it.
    { code: 'SELECT * FROM users ORDER BY id OFFSET /* skip offset rows */ 10;', errors: [noOffset(1, 33)] },
    { code: 'SELECT * FROM users ORDER BY id OFFSET -- offset:\n  10;', errors: [noOffset(1, 33)] },
    {
      code: 'CREATE FUNCTION page(n int) RETURNS SETOF users LANGUAGE sql AS $$\n  SELECT * FROM users ORDER BY id OFFSET /* offset */ n * 20\n$$;',
      errors: [noOffset(2, 35)],
    },
    {
      // The query also appears in a comment of the PL/pgSQL body: the finding goes to the real one.
      code: 'CREATE FUNCTION page(n int) RETURNS SETOF users AS $body$\nBEGIN\n  -- RETURN QUERY SELECT * FROM users ORDER BY id OFFSET n;\n  RETURN QUERY SELECT * FROM users ORDER BY id OFFSET n;\nEND\n$body$ LANGUAGE plpgsql;',
      errors: [noOffset(4, 48)],
    },
  ],
});

describe('sql-no-offset with the plugin\'s own rule name', () => {
  it('honours -- eslint-disable-next-line fortress/sql-no-offset and block disable/enable comments', () => {
    const sql = [
      '-- eslint-disable-next-line fortress/sql-no-offset',
      'SELECT * FROM users OFFSET 10;',
      '/* eslint-disable fortress/sql-no-offset */',
      'SELECT * FROM users OFFSET 20;',
      '/* eslint-enable fortress/sql-no-offset */',
      'SELECT * FROM users OFFSET 30;',
    ].join('\n');
    expect(lintSql('sql-no-offset', rule, sql).map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual([
      { ruleId: 'fortress/sql-no-offset', line: 6, column: 21 },
    ]);
  });
});

describe('sql-no-offset on malformed input', () => {
  it('reports one parsing error at the position Postgres gives, and no rule message', () => {
    expectSqlMalformed('sql-no-offset', rule, 'SELECT * FROM users OFFSET 10;\nSELECT * FROM WHERE;', { line: 2, column: 15 });
  });

  it('an unterminated string is one parsing error', () => {
    expectSqlMalformed('sql-no-offset', rule, "SELECT * FROM users WHERE name = 'oops OFFSET 10;");
  });

  it('a LANGUAGE sql body that does not parse is skipped, not thrown', () => {
    const messages = lintSql('sql-no-offset', rule, 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELEC 1 OFFSET 2 $$;');
    expect(messages).toEqual([]);
  });

  it('a plpgsql body that does not parse is skipped, not thrown', () => {
    const messages = lintSql('sql-no-offset', rule, 'CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN SELEC OFFSET; $$;');
    expect(messages).toEqual([]);
  });
});
