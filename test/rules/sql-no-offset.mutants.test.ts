// Behaviours of sql-no-offset that a mutant changed without a failing test (issue 13, `npm run mutate:target --
// src/sql/rules/sql-no-offset.ts`): where the finding goes (the OFFSET keyword, in the file or inside a function
// body), and the OFFSETs inside PL/pgSQL expressions.
import rule from '../../src/sql/rules/sql-no-offset.js';
import { runSqlRuleTester } from '../sql/sql-rule-tester.js';

const noOffset = (line: number, column: number, endColumn = column + 6) => ({ messageId: 'noOffset', line, column, endLine: line, endColumn });

/** A PL/pgSQL function whose body is `lines`, one a line after `BEGIN`. */
const plpgsql = (returns: string, ...lines: string[]) =>
  `CREATE FUNCTION page(n int) RETURNS ${returns} AS $b$\nDECLARE x int;\nBEGIN\n${lines.map((line) => `  ${line}\n`).join('')}END\n$b$ LANGUAGE plpgsql;`;

runSqlRuleTester('sql-no-offset', rule, {
  valid: [
    // An assignment and a condition without OFFSET.
    plpgsql('void', 'x := (SELECT id FROM users ORDER BY id LIMIT 1);', 'IF x > 0 THEN RETURN; END IF;'),
    plpgsql('void', 'x := 5;'),
    // A LANGUAGE sql body that does not parse is skipped whole, the statements before its error too.
    'CREATE FUNCTION f() RETURNS SETOF users LANGUAGE sql AS $$ SELECT * FROM users OFFSET 5; SELEC 1 $$;',
  ],
  invalid: [
    // The finding spans the keyword only, whatever follows it.
    { code: 'SELECT * FROM users OFFSET 10 ROWS;', errors: [noOffset(1, 21)] },
    // A value that is not an integer constant still skips rows (PostgreSQL rounds 2.5, casts '10').
    { code: 'SELECT * FROM users OFFSET 2.5;', errors: [noOffset(1, 21)] },
    { code: "SELECT * FROM users OFFSET '10';", errors: [noOffset(1, 21)] },
    // A keyword (here the column `level`) between OFFSET and the value's location is not the OFFSET keyword.
    { code: 'SELECT * FROM users ORDER BY id OFFSET level * 20;', errors: [noOffset(1, 33)] },
    // Two OFFSETs in a statement that is not the first of the file: each at its own keyword.
    { code: 'SELECT 1;\nSELECT * FROM (SELECT * FROM a OFFSET 1) x OFFSET 2;', errors: [noOffset(2, 32), noOffset(2, 44)] },
    // A function without LANGUAGE (PostgreSQL's default is sql for a body given as a string: the rule reads it so).
    { code: 'CREATE FUNCTION f() RETURNS SETOF users AS $$ SELECT * FROM users OFFSET 5 $$;', errors: [noOffset(1, 67)] },
    // A body in single quotes: the finding in the body; escaped (a doubled quote, an E'' string): at the statement.
    {
      code: "CREATE FUNCTION page(n int) RETURNS SETOF users LANGUAGE sql AS 'SELECT * FROM users ORDER BY id OFFSET n';",
      errors: [noOffset(1, 98)],
    },
    {
      code: "CREATE FUNCTION page(n int) RETURNS SETOF users LANGUAGE sql AS 'SELECT * FROM users WHERE name <> ''x'' OFFSET n';",
      errors: [noOffset(1, 1)],
    },
    { code: "CREATE FUNCTION page(n int) RETURNS SETOF users LANGUAGE sql AS E'SELECT * FROM users OFFSET n';", errors: [noOffset(1, 1)] },
    // Another string constant before the body (SET search_path = 'public') is not the body.
    {
      code: "CREATE FUNCTION page(n int) RETURNS SETOF users LANGUAGE sql SET search_path = 'public' AS $$ SELECT * FROM users OFFSET n $$;",
      errors: [noOffset(1, 115)],
    },
    // A PL/pgSQL function after another statement.
    { code: `SELECT 1;\n${plpgsql('SETOF users', 'RETURN QUERY SELECT * FROM users OFFSET n;')}`, errors: [noOffset(5, 36)] },
    // The same query twice in a PL/pgSQL body: two findings, each at its own line.
    {
      code: plpgsql('SETOF users', 'RETURN QUERY SELECT * FROM users OFFSET n;', 'RETURN QUERY SELECT * FROM users OFFSET n;'),
      errors: [noOffset(4, 36), noOffset(5, 36)],
    },
    // A query whose text is a prefix of an earlier one (`… OFFSET n` in `… OFFSET n2`): each finding on its own line.
    {
      code: plpgsql('SETOF users', 'RETURN QUERY SELECT * FROM users OFFSET n2;', 'RETURN QUERY SELECT * FROM users OFFSET n;'),
      errors: [noOffset(4, 36), noOffset(5, 36)],
    },
    // A query holding a string constant or a comment, one written right after a comment.
    { code: plpgsql('SETOF users', "RETURN QUERY SELECT * FROM users WHERE name <> 'x' OFFSET n;"), errors: [noOffset(4, 54)] },
    { code: plpgsql('SETOF users', 'RETURN QUERY SELECT * FROM users /* all */ OFFSET n;'), errors: [noOffset(4, 46)] },
    { code: plpgsql('SETOF users', 'RETURN QUERY/* p */SELECT * FROM users OFFSET n;'), errors: [noOffset(4, 42)] },
    // OFFSET inside PL/pgSQL expressions: a condition and an assignment (both were missed before this file).
    { code: plpgsql('void', 'IF EXISTS (SELECT 1 FROM users OFFSET n) THEN RETURN; END IF;'), errors: [noOffset(4, 34)] },
    { code: plpgsql('void', 'x :=   (SELECT id FROM users OFFSET n LIMIT 1);'), errors: [noOffset(4, 32)] },
    { code: plpgsql('void', 'x = (SELECT id FROM users OFFSET n LIMIT 1);'), errors: [noOffset(4, 29)] },
    // PERFORM's query is not the body's text (PL/pgSQL writes SELECT for PERFORM): at the statement.
    { code: plpgsql('void', 'PERFORM * FROM users OFFSET n;'), errors: [noOffset(1, 1)] },
    // An escaped PL/pgSQL body with two OFFSETs: one finding, at the statement.
    {
      code: "CREATE FUNCTION page(n int) RETURNS SETOF users AS 'BEGIN RETURN QUERY SELECT * FROM users WHERE a <> ''x'' OFFSET n; RETURN QUERY SELECT * FROM users OFFSET 2 * n; END' LANGUAGE plpgsql;",
      errors: [noOffset(1, 1)],
    },
  ],
});
