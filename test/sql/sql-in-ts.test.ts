import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { beforeAll, describe, expect, it } from 'vitest';

import { isSqlComment, loadSqlParser, parseSql, scanSql, type SqlToken } from '../../src/sql/parser.js';
import { extractSql, toSourceLoc, type SqlInTs } from '../../src/sql/sql-in-ts.js';

beforeAll(async () => {
  await loadSqlParser();
});

/** The expression of `const q = <expression>;` as written in `source`. */
function expressionOf(source: string): TSESTree.Node {
  const program = parse(source, { range: true, loc: true, sourceType: 'module' });
  const statement = program.body[0] as TSESTree.VariableDeclaration;
  return statement.declarations[0]!.init!;
}

function extract(source: string): SqlInTs {
  const sql = extractSql(expressionOf(source), source);
  expect(sql).toBeDefined();
  return sql!;
}

/** The TypeScript source that produced the first occurrence of `needle` in the SQL text. */
function sourceOf(source: string, sql: SqlInTs, needle: string): string {
  const start = sql.text.indexOf(needle);
  expect(start).toBeGreaterThanOrEqual(0);
  const [from, to] = sql.toSourceRange(start, start + needle.length);
  return source.slice(from, to);
}

describe('extractSql', () => {
  it('reads a plain string literal', () => {
    const source = `const q = 'SELECT * FROM users OFFSET 10';`;
    const sql = extract(source);
    expect(sql.text).toBe('SELECT * FROM users OFFSET 10');
    expect(sql.placeholders).toEqual([]);
    expect(sourceOf(source, sql, 'OFFSET')).toBe('OFFSET');
  });

  it('replaces ${…} with $1..$n so that the real parser accepts it', () => {
    const source = 'const q = `SELECT * FROM users WHERE org_id = ${orgId} LIMIT ${limit} OFFSET ${page * 20}`;';
    const sql = extract(source);
    expect(sql.text).toBe('SELECT * FROM users WHERE org_id = $1 LIMIT $2 OFFSET $3');
    expect(parseSql(sql.text).ok).toBe(true);
    expect(sql.placeholders.map((placeholder) => placeholder.number)).toEqual([1, 2, 3]);
    expect(source.slice(...sql.placeholders[2]!.expression.range)).toBe('page * 20');
    expect(sourceOf(source, sql, '$3')).toBe('${page * 20}');
    expect(sourceOf(source, sql, 'OFFSET')).toBe('OFFSET');
  });

  it('decodes escape sequences and maps each character to its escape', () => {
    const source = String.raw`const q = 'SELECT \'a\'\n  FROM \x74\u0061ble\u{62} -- é\tOFFSET';`;
    const sql = extract(source);
    expect(sql.text).toBe("SELECT 'a'\n  FROM table\u{62} -- é\tOFFSET");
    expect(sourceOf(source, sql, '\n')).toBe(String.raw`\n`);
    expect(sourceOf(source, sql, 'ta')).toBe(String.raw`\x74\u0061`);
    expect(sourceOf(source, sql, '\t')).toBe(String.raw`\t`);
    expect(sourceOf(source, sql, 'OFFSET')).toBe('OFFSET');
  });

  it('handles line continuations, CRLF in templates and astral characters', () => {
    const source = 'const q = `SELECT 1\r\n  -- 😀 \\\n  OFFSET ${n}`;';
    const sql = extract(source);
    expect(sql.text).toBe('SELECT 1\n  -- 😀   OFFSET $1');
    expect(sourceOf(source, sql, '\n')).toBe('\r\n');
    expect(sourceOf(source, sql, 'OFFSET')).toBe('OFFSET');
  });

  it('gives TypeScript line and column through toSourceLoc', () => {
    const source = 'const q = `\n  SELECT id\n  FROM users\n  OFFSET $1`;';
    const sql = extract(source);
    const start = sql.text.indexOf('OFFSET');
    const lines = source.split('\n');
    const loc = toSourceLoc(sql, start, start + 6, {
      getLocFromIndex(index) {
        const before = source.slice(0, index).split('\n');
        return { line: before.length, column: before.at(-1)!.length };
      },
    });
    expect(loc).toEqual({ start: { line: 4, column: 2 }, end: { line: 4, column: 8 } });
    expect(lines[3]!.slice(2, 8)).toBe('OFFSET');
  });

  it('reads a + concatenation, non-literal operands becoming placeholders', () => {
    const source = `const q = 'SELECT * FROM t ORDER BY id ' + "LIMIT " + size + ' OFFSET ' + offset;`;
    const sql = extract(source);
    expect(sql.text).toBe('SELECT * FROM t ORDER BY id LIMIT $1 OFFSET $2');
    expect(parseSql(sql.text).ok).toBe(true);
    expect(sourceOf(source, sql, '$2')).toBe('offset');
    expect(sourceOf(source, sql, 'OFFSET')).toBe('OFFSET');
  });

  it('reads the template of a tagged template', () => {
    const source = 'const q = sql`SELECT * FROM users OFFSET ${n}`;';
    const sql = extract(source);
    expect(sql.text).toBe('SELECT * FROM users OFFSET $1');
    expect(sql.node.type).toBe('TemplateLiteral');
  });

  it('reads a template made only of ${} parts', () => {
    const source = 'const q = `${a}${b}`;';
    const sql = extract(source);
    expect(sql.text).toBe('$1$2');
    expect(sourceOf(source, sql, '$2')).toBe('${b}');
  });

  it('reads an empty string', () => {
    const source = `const q = '';`;
    const sql = extract(source);
    expect(sql.text).toBe('');
    expect(sql.toSourceRange(0, 0)).toEqual([10, 10]);
  });

  it('maps non-ASCII SQL through the parser byte offsets', () => {
    const source = "const q = `SELECT 'é' AS é FROM t OFFSET ${n}`;";
    const sql = extract(source);
    const parsed = parseSql(sql.text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const select = parsed.statements[0]!.node as { limitOffset: { ParamRef: { location: number } } };
    const offset = parsed.toOffset(select.limitOffset.ParamRef.location);
    expect(sourceOf(source, sql, sql.text.slice(offset))).toBe('${n}');
  });

  it('returns undefined for what is not a string', () => {
    for (const source of ['const q = 42;', 'const q = text;', 'const q = a + b;', 'const q = fn(`x`);', 'const q = /offset/;']) {
      expect(extractSql(expressionOf(source), source)).toBeUndefined();
    }
  });

  it('returns undefined for a tagged template whose escapes do not decode', () => {
    const source = 'const q = sql`SELECT \\unicode`;';
    expect(extractSql(expressionOf(source), source)).toBeUndefined();
  });
});

/** The tokens of SQL text by PostgreSQL's scanner (the text must scan). */
function scanSqlTokens(text: string): SqlToken[] {
  const scanned = scanSql(text);
  if (!scanned.ok) throw new Error(`does not scan: ${scanned.error.message}`);
  return scanned.tokens;
}

describe('tokens of SQL found in TypeScript (scanSql, PostgreSQL\'s own scanner)', () => {
  /** Keywords and unquoted identifiers. */
  const words = (text: string): string[] =>
    scanSqlTokens(text)
      .filter((token) => token.keyword || (token.kind === 'IDENT' && !token.text.startsWith('"')))
      .map((token) => token.text);

  it('keeps comments, string constants and quoted identifiers as single tokens', () => {
    const text = `SELECT 'offset', E'it\\'s offset', $$ offset $$, $fn$ offset $fn$, "offset" -- OFFSET 5
FROM t /* offset /* nested */ offset */ OFFSET $1`;
    expect(words(text)).toEqual(['SELECT', 'FROM', 't', 'OFFSET']);
    const kinds = scanSqlTokens(text).map((token) => token.kind);
    expect(kinds.filter((kind) => kind === 'SCONST')).toHaveLength(4);
    expect(scanSqlTokens(text).filter((token) => token.kind === 'IDENT' && token.text === '"offset"')).toHaveLength(1);
    expect(scanSqlTokens(text).filter(isSqlComment)).toHaveLength(2);
    expect(scanSqlTokens(text).at(-1)).toMatchObject({ kind: 'PARAM', text: '$1' });
  });

  it('gives string offsets', () => {
    const text = "SELECT 'é' AS é OFFSET 10";
    const token = scanSqlTokens(text).find((candidate) => candidate.text === 'OFFSET')!;
    expect(text.slice(token.start, token.end)).toBe('OFFSET');
    expect(scanSqlTokens(text).at(-1)).toMatchObject({ kind: 'ICONST', text: '10' });
  });

  it('splits operators, casts and named parameters', () => {
    const tokens = scanSqlTokens('x::int >= ? AND y = :limit');
    expect(tokens.map((token) => [token.kind, token.text])).toEqual([
      ['IDENT', 'x'], ['TYPECAST', '::'], ['KEYWORD', 'int'], ['GREATER_EQUALS', '>='], ['Op', '?'],
      ['KEYWORD', 'AND'], ['IDENT', 'y'], ['ASCII_61', '='], ['ASCII_58', ':'], ['KEYWORD', 'limit'],
    ]);
  });

  it('never throws on unterminated strings, identifiers and comments: it says what is unterminated', () => {
    const cases: Array<[string, string]> = [
      ["SELECT 'unterminated offset", 'unterminated quoted string'],
      ['SELECT "x', 'unterminated quoted identifier'],
      ['SELECT /* offset', 'unterminated /* comment'],
      ['SELECT $$ offset', 'unterminated dollar-quoted string'],
      ["E'\\", 'unterminated quoted string'],
    ];
    for (const [text, message] of cases) {
      let scanned: ReturnType<typeof scanSql> | undefined;
      expect(() => (scanned = scanSql(text))).not.toThrow();
      expect(scanned?.ok, text).toBe(false);
      expect(scanned?.ok === false && scanned.error.message, text).toMatch(new RegExp(`^${message.replace(/[$*/]/g, '\\$&')} at or near`));
    }
    expect(scanSql('')).toEqual({ ok: true, tokens: [] });
    // The same texts, terminated: the word inside is not a keyword, the one after is.
    expect(words("SELECT 'terminated offset' OFFSET 1")).toEqual(['SELECT', 'OFFSET']);
    expect(words('SELECT /* offset */ x OFFSET 1')).toEqual(['SELECT', 'x', 'OFFSET']);
  });

  it('maps the tokens of an extracted template back to the TypeScript source', () => {
    const source = 'const q = sql`SELECT * FROM t /* OFFSET ${x} */ WHERE a = \'${y} offset\' OFFSET ${n}`;';
    const sql = extract(source);
    expect(sql.text).toBe("SELECT * FROM t /* OFFSET $1 */ WHERE a = '$2 offset' OFFSET $3");
    const tokens = scanSqlTokens(sql.text);
    const offsets = tokens.filter((token) => token.keyword && token.text.toUpperCase() === 'OFFSET');
    expect(offsets).toHaveLength(1);
    const loc = toSourceLoc(sql, offsets[0]!.start, offsets[0]!.end, { getLocFromIndex: (index) => ({ line: 1, column: index }) });
    expect(source.slice(loc.start.column, loc.end.column)).toBe('OFFSET');
    expect(tokens.filter((token) => token.kind === 'PARAM').map((token) => sql.toSourceRange(token.start, token.end)).map((range) => source.slice(...range))).toEqual(['${n}']);
  });
});
