// Valid psql scripts are not syntax errors (issue 11, item 7): psql meta-commands and COPY … FROM stdin data are
// blanked by a pass that knows where strings, quoted identifiers, dollar quotes and comments are, in linear time.
// Each case runs the real parser, and through ESLint (all SQL rules) on a real file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { blankPsqlMetaCommands } from '../../src/sql/language.js';
import { parseSql } from '../../src/sql/parser.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fortress-psql-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function lint(name: string, content: string): Promise<Linter.LintMessage[]> {
  writeFileSync(path.join(dir, name), content);
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs['all-sql'] as Linter.Config] });
  const [result] = await eslint.lintFiles([name]);
  return result!.messages;
}

/** The statement kinds the parser finds in the blanked text (and that the blanking kept every offset). */
function kinds(text: string): string[] {
  const blanked = blankPsqlMetaCommands(text);
  expect(blanked).toHaveLength(text.length);
  const parsed = parseSql(blanked);
  expect(parsed.ok ? null : parsed.error).toBeNull();
  return parsed.statements.map((statement) => statement.kind);
}

const MULTI_LINE_LITERAL = "CREATE TABLE t (a int);\nCOMMENT ON TABLE t IS 'C:\n\\Users\\x';\nSELECT 1 OFFSET 2;\n";
const COPY_WITH_COMMENT = 'CREATE TABLE t (a int);\nCOPY t (a) FROM stdin; -- data\n1\n2\n\\.\nSELECT 1 OFFSET 2;\n';
const COPY_HEADER_OVER_LINES = 'CREATE TABLE t (a int, b text);\nCOPY t (\n  a,\n  b\n)\nFROM\n  stdin\n  WITH (FORMAT text);\n1\tit\'s\n\\.\nSELECT 1 OFFSET 2;\n';

describe('psql scripts', () => {
  it('a multi-line string literal with a line that starts with a backslash is kept whole', () => {
    expect(kinds(MULTI_LINE_LITERAL)).toEqual(['CreateStmt', 'CommentStmt', 'SelectStmt']);
    expect(blankPsqlMetaCommands(MULTI_LINE_LITERAL)).toBe(MULTI_LINE_LITERAL);
  });

  it('COPY … FROM stdin followed by a comment on its line: the data lines and `\\.` are blanked', () => {
    expect(kinds(COPY_WITH_COMMENT)).toEqual(['CreateStmt', 'CopyStmt', 'SelectStmt']);
    expect(blankPsqlMetaCommands(COPY_WITH_COMMENT)).toBe('CREATE TABLE t (a int);\nCOPY t (a) FROM stdin; -- data\n \n \n  \nSELECT 1 OFFSET 2;\n');
  });

  it('a COPY header over several lines (an unbalanced quote in the data does not matter)', () => {
    expect(kinds(COPY_HEADER_OVER_LINES)).toEqual(['CreateStmt', 'CopyStmt', 'SelectStmt']);
  });

  it('through ESLint: no parsing error, and the rules still see the statement after the data', async () => {
    for (const [name, text] of [
      ['literal.sql', MULTI_LINE_LITERAL],
      ['copy-comment.sql', COPY_WITH_COMMENT],
      ['copy-lines.sql', COPY_HEADER_OVER_LINES],
    ] as const) {
      const messages = await lint(name, text);
      expect(messages.filter((message) => message.fatal)).toEqual([]);
      expect(messages.map((message) => message.ruleId)).toContain('fortress/sql-no-offset');
    }
  });

  it('backslashes inside E-strings, dollar quotes, quoted identifiers and comments are no meta-commands', () => {
    const text = [
      "SELECT E'a\\'\n\\b';",
      'SELECT $fn$\n\\c\n$fn$;',
      'SELECT 1 AS "x\n\\y";',
      '/* a\n\\d /* nested\n\\e */ still\n\\f */ SELECT 2;',
      '',
    ].join('\n');
    expect(blankPsqlMetaCommands(text)).toBe(text);
    expect(kinds(text)).toEqual(['SelectStmt', 'SelectStmt', 'SelectStmt', 'SelectStmt']);
  });

  it('near misses: a meta-command after a line comment, a COPY TO stdout and FROM stdin of another statement', () => {
    const text = "SELECT 1; -- it's\n\\set x 1\nCOPY t TO stdout;\nSELECT * FROM stdin;\n\\.\n";
    expect(blankPsqlMetaCommands(text)).toBe("SELECT 1; -- it's\n        \nCOPY t TO stdout;\nSELECT * FROM stdin;\n  \n");
  });

  it('COPY data without `\\.` runs to the end of the text; `\\r\\n` line ends are kept', () => {
    expect(blankPsqlMetaCommands('COPY t FROM STDIN;\r\n1\r\n\\x')).toBe('COPY t FROM STDIN;\r\n \r\n  ');
    expect(blankPsqlMetaCommands('copy t from stdin;\n1\t2\n')).toBe('copy t from stdin;\n   \n');
  });

  it('is linear: 200,000 lines of unterminated quotes, dollar signs and backslashes', () => {
    const text = "'\n\\a\n".repeat(100_000) + '$a\n\\b\n'.repeat(100_000);
    const blanked = blankPsqlMetaCommands(text);
    expect(blanked).toHaveLength(text.length);
    // (booleans: a failing toBe on strings this long would spend minutes on its diff)
    // Every other `\a` is inside a string ('\n\a\n'), the others are meta-commands.
    expect(blanked === "'\n\\a\n'\n  \n".repeat(50_000) + '$a\n  \n'.repeat(100_000)).toBe(true);
    const copy = blankPsqlMetaCommands('COPY t FROM stdin;\n' + 'x\n'.repeat(200_000));
    expect(copy === 'COPY t FROM stdin;\n' + ' \n'.repeat(200_000)).toBe(true);
  });
});
