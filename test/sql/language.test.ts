// The `fortress/sql` language and the parser wrapper: the AST contract, positions, recovery, helpers, caches.
import { TextSourceCodeBase } from '@eslint/plugin-kit';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { hasLockTimeoutBefore, isExistingTable, locationToLoc, relationKey, tablesCreatedInFile } from '../../src/sql/ast.js';
import { blankPsqlMetaCommands, createSqlProgram, sql, SqlSourceCode } from '../../src/sql/language.js';
import { isSqlParserReady, parsePlpgsql, parseSql } from '../../src/sql/parser.js';
import { getParsedSql, getSqlFileParse } from '../../src/sql/visitor.js';

const file = (body: string) => ({ path: 'a.sql', physicalPath: 'a.sql', bom: false, body });

describe('parser', () => {
  it('is ready synchronously and keeps working after the glue finishes its asynchronous run()', async () => {
    expect(parseSql('SELECT 1').ok).toBe(true);
    expect(isSqlParserReady()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const parsed = parseSql('SELECT 1; CREATE TABLE t (id int)');
    expect(parsed.ok && parsed.statements.map((statement) => statement.kind)).toEqual(['SelectStmt', 'CreateStmt']);
  });

  it('gives statement offsets without leading comments or the trailing semicolon', () => {
    const text = 'SELECT 1;\n-- note\n  CREATE TABLE t (id int);';
    const parsed = parseSql(text);
    expect(parsed.ok && parsed.statements.map((statement) => text.slice(statement.start, statement.end))).toEqual([
      'SELECT 1',
      'CREATE TABLE t (id int)',
    ]);
  });

  it('recovers the complete statements before a syntax error, with the real parser', () => {
    const parsed = parseSql("SELECT ';'; SELECT 2; SELEC 3; SELECT 4");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toEqual({ message: 'syntax error at or near "SELEC"', offset: 22 });
    expect(parsed.statements.map((statement) => statement.kind)).toEqual(['SelectStmt', 'SelectStmt']);
  });

  it('maps UTF-8 byte locations to string offsets', () => {
    const text = "SELECT 'é😀', x FROM t";
    const parsed = parseSql(text);
    if (!parsed.ok) throw new Error('parse');
    const target = (parsed.statements[0]!.node.targetList as Array<{ ResTarget: { location: number } }>)[1]!.ResTarget;
    expect(text[parsed.toOffset(target.location)]).toBe('x');
  });

  it('parses PL/pgSQL bodies', () => {
    const tree = parsePlpgsql('CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; END $$');
    expect(tree?.plpgsql_funcs).toHaveLength(1);
    expect(parsePlpgsql('CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN oops $$')).toBeUndefined();
  });
});

describe('the language', () => {
  it('follows the AST contract', () => {
    const text = 'SET lock_timeout = \'1s\';\n\nCREATE TABLE app.users (\n  id bigint\n);\n';
    const result = sql.parse(file(text), { languageOptions: {} });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { ast } = result;
    expect(ast.type).toBe('Program');
    expect(ast.parseError).toBeNull();
    expect(ast.range).toEqual([0, text.length]);
    expect(ast.statements.map(({ type, kind, range, loc }) => ({ type, kind, range, loc }))).toEqual([
      { type: 'Statement', kind: 'VariableSetStmt', range: [0, 23], loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 23 } } },
      { type: 'Statement', kind: 'CreateStmt', range: [26, 64], loc: { start: { line: 3, column: 0 }, end: { line: 5, column: 1 } } },
    ]);
    const sourceCode = sql.createSourceCode(file(text), result, { languageOptions: {} });
    expect(sourceCode).toBeInstanceOf(SqlSourceCode);
    expect(sourceCode.lines[2]).toBe('CREATE TABLE app.users (');
    expect(sourceCode.getLoc(ast.statements[1]!)).toEqual(ast.statements[1]!.loc);
    expect(sourceCode.getRange(ast.statements[1]!)).toEqual([26, 64]);
    const steps = [...sourceCode.traverse()].map((step) => `${(step.target as { type: string }).type}:${(step as { phase: number }).phase}`);
    expect(steps).toEqual(['Program:1', 'Statement:1', 'Statement:2', 'Statement:1', 'Statement:2', 'Program:2']);
    // The steps are made as they are walked: a second walk gets them all again.
    expect([...sourceCode.traverse()]).toHaveLength(steps.length);
    expect(sourceCode.getParent(ast.statements[0]!)).toBe(ast);
    expect(sourceCode.getParent(ast.statements[1]!)).toBe(ast);
    expect(sourceCode.getParent(ast)).toBeUndefined();
  });

  it('returns a syntax error as one parsing error with a 1-based column, and keeps the recovered program for others', () => {
    expect(sql.parse(file('SELECT 1;\nSELECT FROM WHERE;'), { languageOptions: {} })).toEqual({
      ok: false,
      errors: [{ message: 'SQL syntax error: syntax error at or near "WHERE".', line: 2, column: 13 }],
    });
    const program = createSqlProgram('SELECT 1;\nSELECT FROM WHERE;');
    expect(program.parseError).toEqual({ message: 'syntax error at or near "WHERE"', offset: 22, loc: { line: 2, column: 12 } });
    expect(program.statements).toHaveLength(1);
  });

  it('ignores language options meant for JavaScript (configs without `files` apply to .sql files too)', () => {
    expect(() => sql.validateLanguageOptions({ sourceType: 'module', parser: {} })).not.toThrow();
    const linter = new Linter();
    const messages = linter.verify(
      'SELECT 1 OFFSET 2;',
      [{ languageOptions: { sourceType: 'module' } }, plugin.configs['recommended-sql'] as Linter.Config],
      { filename: 'a.sql' },
    );
    expect(messages.map((message) => message.ruleId)).toEqual(['fortress/sql-no-offset']);
  });

  it('blanks psql meta-commands and COPY data, keeping every offset', () => {
    const text = '\\connect app\nCOPY t FROM stdin;\n1\tx\n\\.\nSELECT 1;\n';
    const blanked = blankPsqlMetaCommands(text);
    expect(blanked).toHaveLength(text.length);
    expect(blanked).toBe('            \nCOPY t FROM stdin;\n   \n  \nSELECT 1;\n');
  });

  it('finds directive comments but not comment-like text inside strings and dollar quotes', () => {
    const text = "SELECT '-- eslint-disable'; SELECT $x$ /* eslint-disable */ $x$; -- eslint-disable-line\n/* eslint-enable */";
    const program = createSqlProgram(text);
    expect(program.comments.map((comment) => [comment.kind, comment.value])).toEqual([
      ['Line', ' eslint-disable-line'],
      ['Block', ' eslint-enable '],
    ]);
  });

  it('takes directives only from real comments: not from strings, psql meta-commands or COPY data', () => {
    const linter = new Linter();
    const lint = (text: string) =>
      linter.verify(text, [plugin.configs['recommended-sql'] as Linter.Config], { filename: 'a.sql' }).map((message) => [message.ruleId, message.line]);
    // `--` inside string constants (a standard string ending in a backslash, an E'' string with \') is no comment.
    expect(lint("SELECT '-- eslint-disable';\nSELECT 1 OFFSET 2;")).toEqual([['fortress/sql-no-offset', 2]]);
    expect(lint("SELECT '\\', E'\\' -- eslint-disable', 1 OFFSET 2;")).toEqual([['fortress/sql-no-offset', 1]]);
    // COPY data is not SQL: a row that reads like a directive disables nothing (the hand lexer took it for one).
    expect(lint('COPY t (note) FROM stdin;\n-- eslint-disable\n\\.\nSELECT 1 OFFSET 2;')).toEqual([['fortress/sql-no-offset', 4]]);
    // A quote in a psql meta-command opens no string: the directive after it works (the hand lexer missed it).
    expect(lint("\\echo Don't panic\nSELECT 1 OFFSET 2; -- eslint-disable-line fortress/sql-no-offset")).toEqual([]);
    expect(lint("\\echo -- eslint-disable\nSELECT 1 OFFSET 2;")).toEqual([['fortress/sql-no-offset', 2]]);
  });

  it('finds the comments before a syntax error, and those after it unless the scanner stops there', () => {
    const values = (text: string) => createSqlProgram(text).comments.map((comment) => [comment.value, comment.loc.start.line]);
    expect(values('-- eslint-disable\nSELECT 1;\nSELEC 2; /* eslint-enable */\n')).toEqual([
      [' eslint-disable', 1],
      [' eslint-enable ', 3],
    ]);
    // An unterminated string: Postgres's scanner stops there (the rest is inside the string).
    expect(values("-- eslint-disable\nSELECT 1;\nSELECT 'x; -- eslint-enable\n")).toEqual([[' eslint-disable', 1]]);
    expect(values('/* eslint-disable */ SELECT 1; /* eslint-enable')).toEqual([[' eslint-disable ', 1]]);
  });

  it('reports `/* eslint rule: … */` inline configuration', () => {
    const linter = new Linter();
    const messages = linter.verify('/* eslint fortress/sql-no-offset: "off" */\nSELECT 1 OFFSET 2;', [plugin.configs['recommended-sql'] as Linter.Config], { filename: 'a.sql' });
    expect(messages).toEqual([]);
  });
});

describe('big-file memory (issue 11, item 10)', () => {
  it("getLocFromIndex (from the program's line starts) answers as TextSourceCodeBase's, errors included", () => {
    // Line breaks \n and \r\n, an empty line, a last line without a break, astral characters (two code units).
    const text = "SELECT 1;\r\n\r\nCOMMENT ON TABLE t IS '\u{1F600}';\n\nSELECT\n  2";
    const result = sql.parse(file(text), { languageOptions: {} });
    if (!result.ok) throw new Error('expected a parse');
    const ours = sql.createSourceCode(file(text), result, { languageOptions: {} });
    const base = new TextSourceCodeBase({ text, ast: result.ast });
    for (let index = 0; index <= text.length; index++) expect(ours.getLocFromIndex(index), `index ${index}`).toEqual(base.getLocFromIndex(index));
    for (const bad of [-1, text.length + 1, '1' as unknown as number]) {
      expect(() => ours.getLocFromIndex(bad)).toThrow((() => {
        try {
          base.getLocFromIndex(bad);
        } catch (error) {
          return error as Error;
        }
        throw new Error('expected an error');
      })());
    }
  });

  it('a statement read again after many others gets an equal tree (the same object while among the last read)', () => {
    const text = Array.from({ length: 40 }, (_, index) => `CREATE TABLE t${index} (id bigint PRIMARY KEY, v text DEFAULT 'x${index}');`).join('\n');
    const parsed = parseSql(`SELECT 1;\n${text}\n`); // trees built on read (LazyStatement), 16 kept
    expect(parsed.ok).toBe(true);
    const [first, ...rest] = parsed.statements.slice(1);
    const tree = first!.node;
    expect(first!.node).toBe(tree);
    const snapshot = structuredClone(tree);
    for (const statement of rest) expect(statement.node).toBeDefined();
    expect(first!.node).toEqual(snapshot);
    expect(first!.node.tableElts).toEqual(tree.tableElts);
    expect(JSON.stringify(first!.node)).toContain('"relname":"t0"');
  });
});

describe('ast helpers', () => {
  const program = createSqlProgram(
    [
      'CREATE TABLE users (id int);',
      'CREATE TABLE app.events (id int) PARTITION BY RANGE (id);',
      'CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM (1) TO (10);',
      'CREATE TABLE copy AS SELECT * FROM users;',
      "SET lock_timeout = '2s';",
      'ALTER TABLE orders ADD COLUMN x int;',
      'SET lock_timeout = 0;',
      'ALTER TABLE orders ADD COLUMN y int;',
    ].join('\n'),
  );

  it('tablesCreatedInFile and isExistingTable', () => {
    expect([...tablesCreatedInFile(program)].sort()).toEqual(['app.events', 'app.events_2024', 'copy', 'users']);
    expect(isExistingTable(program, { relname: 'users' })).toBe(false);
    expect(isExistingTable(program, { schemaname: 'public', relname: 'users' })).toBe(false);
    expect(isExistingTable(program, { relname: 'events' })).toBe(true);
    expect(isExistingTable(program, { relname: 'orders' })).toBe(true);
    expect(relationKey({ schemaname: 'app', relname: 'events' })).toBe('app.events');
  });

  it('hasLockTimeoutBefore', () => {
    const [first, second] = program.statements.filter((statement) => statement.kind === 'AlterTableStmt');
    expect(hasLockTimeoutBefore(program, program.statements[0]!.range[0])).toBe(false);
    expect(hasLockTimeoutBefore(program, first!.range[0])).toBe(true);
    expect(hasLockTimeoutBefore(program, second!.range[0])).toBe(false);
  });

  it('locationToLoc converts byte locations', () => {
    const text = "SELECT 'é'; ALTER TABLE orders ADD COLUMN x int;";
    const result = sql.parse(file(text), { languageOptions: {} });
    if (!result.ok) throw new Error('parse');
    const sourceCode = sql.createSourceCode(file(text), result, { languageOptions: {} });
    const relation = (result.ast.statements[1]!.node as { relation: { location: number } }).relation;
    expect(locationToLoc(sourceCode, relation.location)).toEqual({ line: 1, column: 24 });
    expect(getSqlFileParse(sourceCode)?.ok).toBe(true);
  });

  it('getParsedSql parses each text once per file', () => {
    const sourceCode = {};
    const first = getParsedSql(sourceCode, 'SELECT 1');
    expect(getParsedSql(sourceCode, 'SELECT 1')).toBe(first);
    expect(getParsedSql({}, 'SELECT 1')).not.toBe(first);
  });
});
