// A multi-MB `pg_dump --schema-only`-shaped file (bench/generate-schema-dump.mjs: functions with PL/pgSQL bodies,
// tables, comments, sequences, constraints, indexes, grants) lints through ESLint with every SQL rule, without an
// error and with the findings it had before the memory work of issue 11 (item 10). Its function bodies have `;` +
// line break on most lines: a chunk cut there used to send the whole file to the parser in one call (~50 MB of
// RSS per MB of dump); the chunk is now parsed again longer instead. The statements are those of
// one call (a syntax error at the end makes the parse one call, and its recovery gives the statements before it).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { schemaDump } from '../../bench/generate-schema-dump.mjs';
import plugin from '../../src/index.js';
import { parseSql, resetSqlParserLongestInput, sqlParserLongestInput } from '../../src/sql/parser.js';

let dir: string;
let dump: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fortress-big-dump-'));
  dump = schemaDump(3);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// The count is per process, and test files may share one (vitest's isolate: false): each test measures its own parses.
beforeEach(resetSqlParserLongestInput);

describe('a 3 MB schema dump', () => {
  it('is parsed a chunk at a time, with the same statements as one call', () => {
    const parsed = parseSql(dump);
    expect(parsed.ok).toBe(true);
    // Chunks of 16 KB; a chunk cut inside a statement is cut again before that statement (no parser call over ~30 KB here), never the whole 3 MB.
    expect(sqlParserLongestInput()).toBeLessThan(1024 * 1024);
    const whole = parseSql(`${dump}SELECT (`);
    expect(whole.ok).toBe(false);
    expect(whole.statements.map(({ kind, start, end }) => ({ kind, start, end }))).toEqual(parsed.statements.map(({ kind, start, end }) => ({ kind, start, end })));
    expect(parsed.statements.length).toBeGreaterThan(15_000);
    const functions = parsed.statements.filter((statement) => statement.kind === 'CreateFunctionStmt');
    expect(functions.length).toBeGreaterThan(100);
    const text = dump.slice(functions[0]!.start, functions[0]!.end);
    expect(text).toMatch(/^CREATE FUNCTION [\s\S]*\$\$$/);
  });

  it('lints with every SQL rule, without an error and with the findings it had before', async () => {
    writeFileSync(path.join(dir, 'dump.sql'), dump);
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs['all-sql'] as Linter.Config] });
    const [result] = await eslint.lintFiles(['dump.sql']);
    const messages = result!.messages;
    expect(messages.filter((message) => message.fatal || !message.ruleId)).toEqual([]);
    const counts: Record<string, number> = {};
    for (const message of messages) counts[message.ruleId!] = (counts[message.ruleId!] ?? 0) + 1;
    expect(counts).toEqual({ 'fortress/sql-no-uuid-v4-primary-key': 9, 'fortress/sql-require-foreign-key-index': 78 });
    // Rule, line and column of each finding, as ESLint 10 reported them on this dump before the change.
    const list = messages.map((message) => `${message.ruleId}:${message.line}:${message.column}`).join('\n');
    expect(createHash('md5').update(list).digest('hex')).toBe('914be548153461ec05cf186536d002c2');
  });
});
