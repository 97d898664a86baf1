// Where parseSql says a statement starts (issue 13): findings on a whole statement are reported there, so it must be
// the statement's first token, never the whitespace or comments after the previous `;`. PostgreSQL 18's grammar, in
// libpg-query 18, gives that position itself (parser.ts had a scanner pass for it that no input ever reached; removed).
import { beforeAll, describe, expect, it } from 'vitest';

import { loadSqlParser, parseSql } from '../../src/sql/parser.js';
import rule from '../../src/sql/rules/sql-require-concurrent-index.js';
import { lintSql } from './sql-rule-tester.js';

beforeAll(async () => {
  await loadSqlParser();
});

/** The text of each statement, from its start to its end. */
function statementTexts(text: string): string[] {
  const parsed = parseSql(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.statements.map((statement) => text.slice(statement.start, statement.end));
}

describe('parseSql: statement positions', () => {
  it('starts each statement at its first token, after comments and blank lines', () => {
    expect(statementTexts('-- create the table\n/* nested /* comment */ */\n  CREATE TABLE a (id int);\n\n-- then\nSELECT 1;\n   \n\tSELECT 2')).toEqual([
      'CREATE TABLE a (id int)',
      'SELECT 1',
      'SELECT 2',
    ]);
  });

  it('does so with multi-byte characters before the statement', () => {
    expect(statementTexts("SELECT 'é';\n-- überprüfen ✓\nSELECT 2;")).toEqual(["SELECT 'é'", 'SELECT 2']);
  });

  it('does so in a big text parsed a chunk at a time', () => {
    const statement = (index: number) => `-- statement ${index}\nINSERT INTO t VALUES (${index}, 'x');\n`;
    const text = Array.from({ length: 3000 }, (_, index) => statement(index)).join('');
    expect(text.length).toBeGreaterThan(64 * 1024);
    const texts = statementTexts(text);
    expect(texts).toHaveLength(3000);
    expect(texts.every((written, index) => written === `INSERT INTO t VALUES (${index}, 'x')`)).toBe(true);
  });

  // The user-visible side: a finding on a statement after a comment is reported on the statement, not on the comment.
  it('reports a finding on the statement, not on the comments before it', () => {
    const sql = 'SELECT 1;\n-- an index for the lookups\n/* by id */ CREATE INDEX t_id ON t (id);';
    const messages = lintSql('sql-require-concurrent-index', rule, sql, undefined, 'scratch/alone.sql');
    expect(messages.map(({ messageId, line, column, endLine, endColumn }) => ({ messageId, line, column, endLine, endColumn }))).toEqual([
      { messageId: 'createIndex', line: 3, column: 13, endLine: 3, endColumn: 40 },
    ]);
  });
});
