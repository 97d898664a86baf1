// Hostile input (issue 11): no regex with quadratic backtracking on user text (item 4), and parser failures that
// read as what they are, with the parser usable after them (item 6). Each input here takes seconds or minutes with
// the old code (a quadratic regex); the tests assert the results only, and run fast.
import { describe, expect, it } from 'vitest';

import { nameWords } from '../../src/rules/utils/key-names.js';
import { toPosix } from '../../src/rules/utils/source-path.js';
import { createSqlProgram } from '../../src/sql/language.js';
import { keywordOffsets } from '../../src/sql/constraint-helpers.js';
import { hasLockTimeoutBefore } from '../../src/sql/ast.js';
import { describeParserFailure, lengthWithoutTrailingSemicolons, parseSql } from '../../src/sql/parser.js';

describe('linear scans on user text (item 4)', () => {
  it('SELECT + 200,000 spaces + 1 without `;`: the last statement ends at the 1', () => {
    const text = `SELECT${' '.repeat(200_000)}1`;
    const parsed = parseSql(text);
    expect(parsed.ok).toBe(true);
    expect(parsed.statements.map(({ kind, start, end }) => ({ kind, start, end }))).toEqual([{ kind: 'SelectStmt', start: 0, end: text.length }]);
  });

  it('trailing whitespace and semicolons are left out of the last statement; Unicode spaces are not SQL whitespace', () => {
    expect(lengthWithoutTrailingSemicolons('SELECT 1 ; ;\n\t')).toBe(8);
    expect(lengthWithoutTrailingSemicolons(';;  ')).toBe(0);
    expect(lengthWithoutTrailingSemicolons('x\u00a0')).toBe(2);
    const parsed = parseSql(`SELECT 1;\nSELECT 2${' \t\n'.repeat(100_000)}`);
    expect(parsed.statements.map(({ start, end }) => [start, end])).toEqual([[0, 8], [10, 18]]);
  });

  it('a number run of 100,000 `1.` (keyword search) and 100,000 spaces in a lock_timeout value', () => {
    const numbers = `ALTER TABLE t ALTER c SET NOT NULL, ADD d int DEFAULT ${'1.'.repeat(100_000)}`;
    expect(keywordOffsets(numbers, /\bSET\s+NOT\s+NULL\b/gi)).toEqual([22]);
    const program = createSqlProgram(`SET lock_timeout = '0${' '.repeat(100_000)}x';\nSELECT 1;`);
    expect(hasLockTimeoutBefore(program, program.range[1])).toBe(true);
    const off = createSqlProgram("SET lock_timeout = ' 00 ms ';\nSELECT 1;");
    expect(hasLockTimeoutBefore(off, off.range[1])).toBe(false);
  });

  it('a name of 100,000 capitals and a path of 100,000 slashes', () => {
    expect(nameWords(`${'A'.repeat(100_000)}x`).map((word) => word.length)).toEqual([99_999, 2]);
    expect(nameWords('HTTPServerID')).toEqual(['http', 'server', 'id']);
    expect(toPosix(`a${'/'.repeat(100_000)}b`).length).toBe(100_002);
    expect(toPosix('a/b///')).toBe('a/b');
  });
});

describe('parser failures are readable and leave the parser usable (item 6)', () => {
  it("emscripten's ExitStatus (a plain object) names the memory limit, not `[object Object]`", () => {
    const exit = Object.assign(Object.create(null) as object, { name: 'ExitStatus', message: 'Program terminated with exit(1)', status: 1 });
    const message = describeParserFailure(exit, 'parser', 50 * 1024 * 1024);
    expect(message).toBe('The SQL parser stopped on this 50.0 MB file (it exited with status 1, as it does when its 1 GiB of memory runs out). Split the file into smaller ones.');
    expect(describeParserFailure(new Error('Aborted(OOM)'), 'scanner', 2048)).toMatch(/^The SQL scanner ran out of memory on this 2 KB file/);
    expect(describeParserFailure(42, 'parser', 10)).toBe('The SQL parser failed on this 1 KB file (42); this is not a syntax error in the file.');
    expect(describeParserFailure({}, 'parser', 10)).not.toContain('[object Object]');
  });

  it('an expression of 20,000 terms hits the stack limit: said so (not a syntax error), and the next parse works', () => {
    const deep = `SELECT ${Array.from({ length: 20_000 }, () => '1').join('+')};`;
    for (let round = 0; round < 3; round++) {
      const failed = parseSql(deep);
      expect(failed.ok).toBe(false);
      expect(failed.ok ? undefined : failed.error).toMatchObject({ failure: true, message: expect.stringMatching(/^The SQL parser hit its stack limit/) });
      const next = parseSql('CREATE TABLE a (id int);\nSELECT 1 + 2;');
      expect(next.ok && next.statements.map((statement) => statement.kind)).toEqual(['CreateStmt', 'SelectStmt']);
    }
    // Still a parser that can go deep after the failures (its stack was not left short).
    expect(parseSql(`SELECT ${Array.from({ length: 1000 }, () => '1').join('+')};`).ok).toBe(true);
  });

  it("Postgres's own nesting limit is a limit, not a syntax error", () => {
    const parsed = parseSql(`SELECT ${'('.repeat(20_000)}1${')'.repeat(20_000)};`);
    expect(parsed.ok ? undefined : parsed.error).toMatchObject({ failure: true, message: expect.stringMatching(/^The SQL parser hit its nesting limit here/) });
    const program = createSqlProgram(`SELECT ${'('.repeat(20_000)}1${')'.repeat(20_000)};`);
    expect(program.parseError?.failure).toBe(true);
    expect(parseSql('SELECT (1);').ok).toBe(true);
  });
});
