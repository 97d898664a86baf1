// "Did an earlier statement of this file …" (src/sql/migration-helpers.ts): the answers, and that they read each
// statement's tree once per file (a file of 20,000 statements with ~670 renames took ~20 s of CPU when each question
// walked every earlier statement again).
import { describe, expect, it } from 'vitest';

import type { RangeVar } from '../../src/sql/ast.js';
import { createSqlProgram, type SqlProgram } from '../../src/sql/language.js';
import { columnAddedBefore, columnDroppedBefore, emptiedBefore, tableDroppedBefore } from '../../src/sql/migration-helpers.js';

const table = (relname: string, schemaname?: string): RangeVar => ({ relname, ...(schemaname ? { schemaname } : {}) }) as RangeVar;

/** The program of `text` whose statements count the reads of their `node` (the tree, built on read). */
function counted(text: string): { program: SqlProgram; reads: () => number } {
  const program = createSqlProgram(text);
  let reads = 0;
  const statements = program.statements.map(
    (statement) =>
      new Proxy(statement, {
        get(target, key) {
          if (key === 'node') reads++;
          return Reflect.get(target, key, target) as unknown;
        },
      }),
  );
  return { program: { ...program, statements }, reads: () => reads };
}

describe('facts of earlier statements of a file', () => {
  const text = [
    'ALTER TABLE users ADD COLUMN nick text',
    'ALTER TABLE public.users DROP COLUMN old_name',
    'DELETE FROM audit',
    'DELETE FROM events WHERE id < 10',
    'TRUNCATE logs, public.sessions',
    'DROP TABLE accounts',
    'ALTER INDEX users_pkey RENAME TO users_key',
    'SELECT 1',
  ].join(';\n');
  const program = createSqlProgram(text);
  const endOf = (index: number): number => program.statements[index]!.range[1];
  const startOf = (index: number): number => program.statements[index]!.range[0];

  it('knows a column added, from the end of the statement that adds it on, public. or not', () => {
    expect(columnAddedBefore(program, table('users'), 'nick', endOf(0))).toBe(true);
    expect(columnAddedBefore(program, table('users', 'public'), 'nick', startOf(7))).toBe(true);
    expect(columnAddedBefore(program, table('users'), 'nick', startOf(0))).toBe(false);
    expect(columnAddedBefore(program, table('users'), 'nick', endOf(0) - 1)).toBe(false);
    expect(columnAddedBefore(program, table('users'), 'old_name', startOf(7))).toBe(false);
    expect(columnAddedBefore(program, table('users', 'other'), 'nick', startOf(7))).toBe(false);
    expect(columnAddedBefore(program, table('posts'), 'nick', startOf(7))).toBe(false);
  });

  it('knows a column dropped', () => {
    expect(columnDroppedBefore(program, table('users'), 'old_name', endOf(1))).toBe(true);
    expect(columnDroppedBefore(program, table('users'), 'old_name', startOf(1))).toBe(false);
    expect(columnDroppedBefore(program, table('users'), 'nick', startOf(7))).toBe(false);
  });

  it('knows a table emptied by DELETE without WHERE or by TRUNCATE, not by a DELETE with WHERE', () => {
    expect(emptiedBefore(program, table('audit'), endOf(2))).toBe(true);
    expect(emptiedBefore(program, table('audit'), startOf(2))).toBe(false);
    expect(emptiedBefore(program, table('events'), startOf(7))).toBe(false);
    expect(emptiedBefore(program, table('logs'), endOf(4))).toBe(true);
    expect(emptiedBefore(program, table('sessions'), endOf(4))).toBe(true);
    expect(emptiedBefore(program, table('sessions', 'public'), endOf(4))).toBe(true);
    expect(emptiedBefore(program, table('sessions', 'other'), endOf(4))).toBe(false);
  });

  it('knows a table dropped, in the schema of the renamed relation', () => {
    expect(tableDroppedBefore(program, table('accounts_new'), 'accounts', endOf(5))).toBe(true);
    expect(tableDroppedBefore(program, table('accounts_new', 'public'), 'accounts', endOf(5))).toBe(true);
    expect(tableDroppedBefore(program, table('accounts_new', 'billing'), 'accounts', endOf(5))).toBe(false);
    expect(tableDroppedBefore(program, table('accounts_new'), 'accounts', startOf(5))).toBe(false);
  });

  it('answers false on a file that does not parse and on an empty file', () => {
    const broken = createSqlProgram('ALTER TABLE users ADD COLUMN');
    expect(columnAddedBefore(broken, table('users'), 'nick', 100)).toBe(false);
    expect(emptiedBefore(createSqlProgram(''), table('users'), 0)).toBe(false);
  });

  it('reads each tree once per file however many questions are asked', () => {
    const statements: string[] = [];
    for (let index = 0; index < 150; index++) {
      statements.push(`ALTER TABLE t${index % 10} ADD COLUMN c${index} int`, `ALTER TABLE t${index % 10} RENAME COLUMN c${index} TO d${index}`);
    }
    const { program: file, reads } = counted(statements.join(';\n'));
    let added = 0;
    for (const [at, statement] of file.statements.entries()) {
      if (statement.kind !== 'RenameStmt') continue;
      const index = (at - 1) / 2;
      const relation = table(`t${index % 10}`);
      if (columnAddedBefore(file, relation, `c${index}`, statement.range[0])) added++;
      columnDroppedBefore(file, relation, `d${index}`, statement.range[0]);
      emptiedBefore(file, relation, statement.range[0]);
      tableDroppedBefore(file, relation, 'x', statement.range[0]);
    }
    expect(added).toBe(150);
    // One read per ALTER TABLE (150) to index the file; walking the earlier statements per question read ~45,000.
    expect(reads()).toBeLessThanOrEqual(150);
  });
});
