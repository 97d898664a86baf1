// Deep input (issue 11, items 1 and 2): expressions nested thousands deep through ESLint's Node API with every rule
// (`configs.all`), on real files in a temp dir. The walks over the parser's tree use an explicit stack, so each case
// gives its finding (or nothing) and no exception; past the WASM parser's own depth limit the file gets one clear
// parsing error that reads as a limit.
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { useTempLintFolder } from '../support/lint-temp-files.js';

const { lintFile } = useTempLintFolder('fortress-deep-input-');

const summary = (messages: Linter.LintMessage[]) =>
  messages.map(({ ruleId, fatal, line, column, message }) => ({ ruleId, fatal: fatal ?? false, line, column, message: ruleId ? undefined : message }));

const sum = (terms: number): string => Array.from({ length: terms }, () => '1').join('+');
const nest = (depth: number, open: string, inner: string, close: string): string => open.repeat(depth) + inner + close.repeat(depth);

describe('deep expressions in .sql files', () => {
  it('SELECT 1+1+… (5,000 terms) with OFFSET: one sql-no-offset finding', async () => {
    const sql = `SELECT ${sum(5000)} FROM t\nOFFSET 5;\n`;
    expect(summary(await lintFile('sum.sql', sql))).toEqual([
      { ruleId: 'fortress/sql-no-offset', fatal: false, line: 2, column: 1, message: undefined },
    ]);
  });

  it('ADD COLUMN c int DEFAULT (random()+1+1+…) (2,400 terms): the volatile call at the bottom is found', async () => {
    const sql = `ALTER TABLE users ADD COLUMN c int DEFAULT (random()+${sum(2399)});\n`;
    const messages = await lintFile('0002_default.sql', sql);
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    expect(messages.filter((message) => message.ruleId === 'fortress/sql-no-add-required-column').map((message) => message.message)).toEqual([
      expect.stringContaining('random()'),
    ]);
  });

  it('ADD COLUMN c int NOT NULL DEFAULT (1+1+…) (2,400 terms): a constant default, no sql-no-add-required-column finding', async () => {
    const messages = await lintFile('0002_constant.sql', `ALTER TABLE users ADD COLUMN c int NOT NULL DEFAULT (${sum(2400)});\n`);
    expect(messages.filter((message) => message.fatal || message.ruleId === 'fortress/sql-no-add-required-column')).toEqual([]);
  });

  it('CREATE TABLE with a deep CHECK, DEFAULT and index expression: the schema model replays it', async () => {
    const sql = [
      `CREATE TABLE t (id int PRIMARY KEY, a int DEFAULT (${sum(3000)}), CHECK (${nest(1000, 'abs(', 'a', ')')} > 0));`,
      `CREATE INDEX ON t ((${sum(3000)}));`,
      `ALTER TABLE t ADD CONSTRAINT c CHECK (${nest(1000, 'NOT (', 'a = 1', ')')});`,
      `SELECT * FROM t OFFSET 1;`,
      '',
    ].join('\n');
    expect(summary(await lintFile('0001_model.sql', sql)).filter((m) => m.fatal || m.ruleId === 'fortress/sql-no-offset')).toEqual([
      { ruleId: 'fortress/sql-no-offset', fatal: false, line: 4, column: 17, message: undefined },
    ]);
  });

  for (const [name, build] of [
    ['1,000 nested CASE', () => `SELECT ${nest(1000, 'CASE WHEN x THEN ', '1', ' END')} FROM t OFFSET 5;\n`],
    ['3,000 nested ARRAY[', () => `SELECT ${nest(3000, 'ARRAY[', '1', ']')} FROM t OFFSET 5;\n`],
    ['3,000 nested abs(', () => `SELECT ${nest(3000, 'abs(', '1', ')')} FROM t OFFSET 5;\n`],
    ['3,000 nested NOT', () => `SELECT * FROM t WHERE ${'NOT '.repeat(3000)}x OFFSET 5;\n`],
    ['1,000 nested subqueries', () => `SELECT * FROM t WHERE x IN (${nest(1000, 'SELECT x FROM t WHERE x IN (', 'SELECT 1', ')')}) OFFSET 5;\n`],
  ] as const) {
    it(`${name} with OFFSET: one sql-no-offset finding`, async () => {
      const sql = build();
      const messages = summary(await lintFile('nested.sql', sql));
      expect(messages).toEqual([{ ruleId: 'fortress/sql-no-offset', fatal: false, line: 1, column: sql.lastIndexOf('OFFSET') + 1, message: undefined }]);
    });
  }

  it('an OFFSET deep inside 1,000 nested subqueries is found where it is', async () => {
    const sql = `SELECT * FROM t WHERE x IN (${nest(1000, 'SELECT x FROM t WHERE x IN (', 'SELECT 1 OFFSET 3', ')')});\n`;
    expect(summary(await lintFile('inner.sql', sql))).toEqual([
      { ruleId: 'fortress/sql-no-offset', fatal: false, line: 1, column: sql.indexOf('OFFSET') + 1, message: undefined },
    ]);
  });

  // The parser's own limits: past them the file is one parsing error worded as a limit, and the parser still works
  // for the next file.
  for (const [name, build] of [
    ['1+1+… with 30,000 terms', () => `SELECT ${sum(30_000)} OFFSET 5;\n`],
    ['100,000 nested parentheses', () => `SELECT ${nest(100_000, '(', '1', ')')} OFFSET 5;\n`],
  ] as const) {
    it(`${name}: one parsing error that reads as a limit, not a syntax error`, async () => {
      const messages = await lintFile('too-deep.sql', build());
      expect(messages).toHaveLength(1);
      expect(messages[0]!.fatal).toBe(true);
      expect(messages[0]!.message).not.toMatch(/syntax error/i);
      expect(messages[0]!.message).toMatch(/too deep|nest|limit/i);
    });

    it(`${name}: one fatal parsing error, no exception, and the next file still parses`, async () => {
      const messages = await lintFile('too-deep.sql', build());
      expect(messages.map((message) => message.fatal)).toEqual([true]);
      expect(summary(await lintFile('after.sql', 'SELECT * FROM t OFFSET 5;\n'))).toEqual([
        { ruleId: 'fortress/sql-no-offset', fatal: false, line: 1, column: 17, message: undefined },
      ]);
    });
  }
});

describe('deep expressions in SQL strings in TypeScript', () => {
  it("db.query('SELECT 1+1+… (3,000 terms) LIMIT 10 OFFSET 5'): one no-offset-pagination finding", async () => {
    const code = `declare const db: { query(sql: string): unknown };\nexport const rows = db.query('SELECT ${sum(3000)} LIMIT 10 OFFSET 5');\n`;
    const messages = summary(await lintFile('deep.ts', code)).filter((m) => m.fatal || m.ruleId === 'fortress/no-offset-pagination');
    expect(messages).toEqual([
      { ruleId: 'fortress/no-offset-pagination', fatal: false, line: 2, column: code.split('\n')[1]!.indexOf('OFFSET') + 1, message: undefined },
    ]);
  });

  it("an OFFSET deep inside 1,000 nested subqueries in a TS string is found", async () => {
    const sql = `SELECT * FROM t WHERE x IN (${nest(1000, 'SELECT x FROM t WHERE x IN (', 'SELECT 1 OFFSET 3', ')')})`;
    const code = `declare const db: { query(sql: string): unknown };\nexport const rows = db.query('${sql}');\n`;
    const messages = summary(await lintFile('nested.ts', code)).filter((m) => m.fatal || m.ruleId === 'fortress/no-offset-pagination');
    expect(messages).toEqual([
      { ruleId: 'fortress/no-offset-pagination', fatal: false, line: 2, column: code.split('\n')[1]!.indexOf('OFFSET') + 1, message: undefined },
    ]);
  });
});
