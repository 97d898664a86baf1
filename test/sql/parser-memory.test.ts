// Big SQL files (issue 11, items 10 and 6). The statements of a parse are kept in columns, with one small object per
// statement in the program; from 2 MB of SQL on, the parser's JSON is kept deflated and a statement's tree is built
// from its slice when read; the chunked parse cuts a failing chunk again before the statement it failed in instead of
// growing it, and a syntax error near the end is found from the last chunk, not by a parse of the whole text.
// These tests pin the trees against libpg-query's own parse and the errors against parses of the failing piece alone,
// and check that the parser is never handed a long text (what made a 50 MB file take 2.1 GB and end in the parser's
// exit: "The SQL parser failed: [object Object]").
import { ESLint, type Linter } from 'eslint';
import { loadModule, parseSync } from 'libpg-query';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { schemaDump } from '../../bench/generate-schema-dump.mjs';
import plugin from '../../src/index.js';
import { createSqlProgram, getProgramParseResult } from '../../src/sql/language.js';
import { parseSql, resetSqlParserLongestInput, sqlParserLongestInput, type SqlStatement } from '../../src/sql/parser.js';

/** The longest text the parser may be given at once here: chunks are ~16 KB, cut again where a cut fails. */
const LONGEST_CALL = 64 * 1024;

let dump: string;

beforeAll(async () => {
  await loadModule();
  // 2.5 MB: over the 2 MB from which the JSON is kept deflated. Its functions come first (pg_dump's order), with a
  // `;` + line break on most lines of their bodies; one comment string in the middle is made non-ASCII.
  const ascii = schemaDump(2.5);
  const middle = ascii.indexOf("IS 'Column", ascii.length >> 1);
  dump = `${ascii.slice(0, middle)}IS 'Colonne é ${ascii.slice(middle + "IS '".length)}`;
});

const places = (statements: readonly SqlStatement[]): Array<Pick<SqlStatement, 'kind' | 'start' | 'end'>> =>
  statements.map(({ kind, start, end }) => ({ kind, start, end }));

// The count is per process, and test files may share one (vitest's isolate: false): each test measures its own parses.
beforeEach(resetSqlParserLongestInput);

describe('a 2.5 MB schema dump', () => {
  it('is parsed without handing the parser more than a chunk at once, though cuts fall in function bodies', () => {
    const parsed = parseSql(dump);
    expect(parsed.ok).toBe(true);
    expect(parsed.statements.length).toBeGreaterThan(10_000);
    // Doubling each failing chunk from the same start grew the first one to 256 KB here (4 MB in a 50 MB dump).
    expect(sqlParserLongestInput()).toBeLessThan(LONGEST_CALL);
  });

  it("builds the trees of libpg-query's own parse from the deflated JSON, in any order of reading", () => {
    const parsed = parseSql(dump);
    const reference = parseSync(dump).stmts!;
    expect(parsed.statements).toHaveLength(reference.length);
    expect(parsed.statements.map((statement) => ({ [statement.kind]: statement.node }))).toEqual(reference.map((raw) => raw.stmt));
    // Backwards, a statement in every few chunks: each tree comes from a chunk inflated again.
    for (let index = parsed.statements.length - 1; index >= 0; index -= 211) {
      const statement = parsed.statements[index]!;
      expect({ [statement.kind]: statement.node }).toEqual(reference[index]!.stmt);
    }
  });

  it('gives the same tree object while the statement is among the last read, and an equal one after', () => {
    const [first, second] = parseSql(dump).statements;
    const tree = first!.node;
    expect(first!.node).toBe(tree);
    expect(second!.node).not.toBe(tree);
    const later = parseSql(dump).statements;
    for (const statement of later.slice(0, 40)) void statement.node;
    expect(first!.node).toEqual(tree);
  });

  it('reports a syntax error at its very end as a parse of the whole text would, from the last chunk alone (item 6)', () => {
    const tail = '\nCREATE TABLE broken (id int,';
    const alone = parseSql(tail);
    if (alone.ok) throw new Error('the tail must not parse');
    const parsed = parseSql(`${dump}${tail}`);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toEqual({ message: alone.error.message, offset: dump.length + alone.error.offset });
    let reference: { message: string; sqlDetails?: { cursorPosition?: number } } | undefined;
    try {
      parseSync(`${dump}${tail}`);
    } catch (error) {
      reference = error as typeof reference;
    }
    expect(parsed.error.message).toBe(reference?.message);
    expect(places(parsed.statements)).toEqual(places(parseSql(dump).statements));
    // The old recovery parsed the whole text in one call, scanned it and parsed it again up to the error.
    expect(sqlParserLongestInput()).toBeLessThan(LONGEST_CALL);
  });

  it('reports a syntax error in its middle without growing a chunk to the end of the text', () => {
    const at = dump.indexOf(';\n', dump.length >> 1) + 2;
    const broken = 'ALTER TABLE t ADD COLUMN ;\n';
    const alone = parseSql(broken);
    if (alone.ok) throw new Error('the piece must not parse');
    const parsed = parseSql(`${dump.slice(0, at)}${broken}${dump.slice(at)}`);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toEqual({ message: alone.error.message, offset: at + alone.error.offset });
    expect(places(parsed.statements)).toEqual(places(parseSql(dump.slice(0, at)).statements));
    expect(sqlParserLongestInput()).toBeLessThan(LONGEST_CALL);
  });

  it('lints to one clean "SQL syntax error" at the last line when its end is broken', async () => {
    const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: [plugin.configs['all-sql'] as Linter.Config] });
    const text = `${dump}\nCREATE TABLE broken (id int,`;
    const [result] = await eslint.lintText(text, { filePath: 'dump.sql' });
    expect(result!.messages).toEqual([
      expect.objectContaining({ fatal: true, message: 'Parsing error: SQL syntax error: syntax error at end of input.', line: text.split('\n').length }),
    ]);
  });
});

describe("a program's statements", () => {
  it('are the statements of the parse result kept for the program (one object per statement, not two)', () => {
    const text = '-- note\nCREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN c text;\nSELECT 1';
    const program = createSqlProgram(text);
    expect(getProgramParseResult(program)!.statements).toBe(program.statements);
    const [create, alter, select] = program.statements;
    expect([create!.type, create!.kind, create!.range, create!.text]).toEqual(['Statement', 'CreateStmt', [8, 31], 'CREATE TABLE t (id int)']);
    expect(alter!.loc).toEqual({ start: { line: 3, column: 0 }, end: { line: 3, column: 31 } });
    expect(select!.range).toEqual([text.length - 'SELECT 1'.length, text.length]);
    expect(create!.node).toBe(create!.node);
    expect((create!.node.relation as { relname: string }).relname).toBe('t');
    const statement = getProgramParseResult(program)!.statements[1]!;
    expect([statement.kind, statement.start, statement.end, statement.node]).toEqual(['AlterTableStmt', 33, 64, alter!.node]);
  });
});
