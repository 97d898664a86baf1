import { describe, expect, it } from 'vitest';

import { keywordOffsets, maskCommentsAndLiterals } from '../../src/sql/constraint-helpers.js';
import { isSqlComment, isSqlLiteral, scanSql, type SqlToken } from '../../src/sql/parser.js';

/** The tokens of a text that must scan. */
function tokensOf(text: string): SqlToken[] {
  const scanned = scanSql(text);
  if (!scanned.ok) throw new Error(`does not scan: ${scanned.error.message}`);
  return scanned.tokens;
}

const pairs = (text: string): Array<[string, string]> => tokensOf(text).map((token) => [token.kind, token.text]);
const keywords = (text: string): string[] => tokensOf(text).filter((token) => token.keyword).map((token) => token.text.toUpperCase());

describe('scanSql (PostgreSQL\'s own scanner)', () => {
  it('keeps comments, string constants and quoted identifiers as single tokens', () => {
    const text = `SELECT 'offset', E'it\\'s offset', $$ offset $$, $fn$ offset $fn$, "offset" -- OFFSET 5
FROM t /* offset /* nested */ offset */ OFFSET $1`;
    expect(keywords(text)).toEqual(['SELECT', 'FROM', 'OFFSET']);
    const tokens = tokensOf(text);
    expect(tokens.filter((token) => token.kind === 'SCONST').map((token) => token.text)).toEqual([
      "'offset'", "E'it\\'s offset'", '$$ offset $$', '$fn$ offset $fn$',
    ]);
    expect(tokens.filter(isSqlComment).map((token) => [token.kind, token.text])).toEqual([
      ['SQL_COMMENT', '-- OFFSET 5'],
      ['C_COMMENT', '/* offset /* nested */ offset */'],
    ]);
    expect(tokens.find((token) => token.text === '"offset"')).toMatchObject({ kind: 'IDENT', keyword: false });
    expect(tokens.at(-1)).toMatchObject({ kind: 'PARAM', text: '$1', keyword: false });
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.text);
  });

  it('ends a nested block comment only at its matching */', () => {
    const text = 'SELECT 1 /* a /* b /* c */ OFFSET 1 */ OFFSET 2 */ OFFSET 3';
    expect(pairs(text)).toEqual([
      ['KEYWORD', 'SELECT'], ['ICONST', '1'], ['C_COMMENT', '/* a /* b /* c */ OFFSET 1 */ OFFSET 2 */'], ['KEYWORD', 'OFFSET'], ['ICONST', '3'],
    ]);
  });

  it('reads dollar quotes with and without tags, and a dollar inside an identifier', () => {
    expect(pairs('SELECT $a$ x $$ y $b$ $a$, $$$$, a$b')).toEqual([
      ['KEYWORD', 'SELECT'], ['SCONST', '$a$ x $$ y $b$ $a$'], ['ASCII_44', ','], ['SCONST', '$$$$'], ['ASCII_44', ','], ['IDENT', 'a$b'],
    ]);
  });

  it("reads E'' strings with backslash escapes, and standard strings where a backslash is plain", () => {
    expect(pairs("SELECT E'a\\'b', e'\\\\', 'c\\', 'it''s'")).toEqual([
      ['KEYWORD', 'SELECT'], ['SCONST', "E'a\\'b'"], ['ASCII_44', ','], ['SCONST', "e'\\\\'"], ['ASCII_44', ','],
      ['SCONST', "'c\\'"], ['ASCII_44', ','], ['SCONST', "'it''s'"],
    ]);
  });

  it('names bit, hex, Unicode strings and identifiers, and marks them as literals', () => {
    const tokens = tokensOf(`SELECT B'101', X'ff', U&'d\\0061t', U&"x", "a""b", plain`);
    expect(tokens.filter((token) => token.kind !== 'ASCII_44').map((token) => [token.kind, isSqlLiteral(token)])).toEqual([
      ['KEYWORD', false], ['BCONST', true], ['XCONST', true], ['USCONST', true], ['UIDENT', true], ['IDENT', true], ['IDENT', false],
    ]);
  });

  it('reads $n parameters, numbers, operators and casts', () => {
    expect(pairs('x::int >= ? AND y = :limit OFFSET $12 + 1.5e3 || $')).toEqual([
      ['IDENT', 'x'], ['TYPECAST', '::'], ['KEYWORD', 'int'], ['GREATER_EQUALS', '>='], ['Op', '?'], ['KEYWORD', 'AND'],
      ['IDENT', 'y'], ['ASCII_61', '='], ['ASCII_58', ':'], ['KEYWORD', 'limit'], ['KEYWORD', 'OFFSET'], ['PARAM', '$12'],
      ['ASCII_43', '+'], ['FCONST', '1.5e3'], ['Op', '||'], ['ASCII_36', '$'],
    ]);
  });

  it('treats keywords case-insensitively and quoted keywords as identifiers', () => {
    expect(tokensOf('select Offset "OFFSET" offset_x').map((token) => [token.text, token.keyword])).toEqual([
      ['select', true], ['Offset', true], ['"OFFSET"', false], ['offset_x', false],
    ]);
  });

  it('gives string offsets (UTF-16 code units), not UTF-8 bytes, after non-ASCII text', () => {
    const text = "SELECT 'é' AS é, '😀' AS \"名前\" /* ü */ OFFSET 10";
    const tokens = tokensOf(text);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.text);
    const offset = tokens.find((token) => token.keyword && token.text === 'OFFSET')!;
    expect(offset.start).toBe(text.indexOf('OFFSET'));
    expect(tokens.at(-1)).toMatchObject({ kind: 'ICONST', text: '10', start: text.length - 2, end: text.length });
  });

  it('scans empty, blank and comment-only texts', () => {
    expect(scanSql('')).toEqual({ ok: true, tokens: [] });
    expect(scanSql(' \n\t ')).toEqual({ ok: true, tokens: [] });
    expect(pairs('-- only a note')).toEqual([['SQL_COMMENT', '-- only a note']]);
  });

  it('keeps scanning past a NUL character, at the same offsets', () => {
    expect(pairs('SELECT a\0OFFSET 1')).toEqual([['KEYWORD', 'SELECT'], ['IDENT', 'a'], ['KEYWORD', 'OFFSET'], ['ICONST', '1']]);
  });

  it('returns what the real scanner rejects as { ok: false } with its message, and never throws', () => {
    const rejected: Array<[string, RegExp]> = [
      ["SELECT 'unterminated offset", /unterminated quoted string/],
      ['SELECT "x', /unterminated quoted identifier/],
      ['SELECT 1 /* offset', /unterminated \/\* comment/],
      ['SELECT $$ offset', /unterminated dollar-quoted string/],
      ["E'\\", /unterminated quoted string/],
      ['SELECT 1abc', /trailing junk/],
      ['SELECT ""', /zero-length delimited identifier/],
    ];
    for (const [text, message] of rejected) {
      let scanned: ReturnType<typeof scanSql> | undefined;
      expect(() => (scanned = scanSql(text))).not.toThrow();
      expect(scanned).toEqual({ ok: false, error: { message: expect.stringMatching(message) as string } });
    }
  });
});

describe('keyword search over tokens (constraint-helpers)', () => {
  const SET_NOT_NULL = /\bSET\s+NOT\s+NULL\b/gi;

  it('masks comments, string constants and quoted identifiers, keeping length and line breaks', () => {
    const text = "ALTER TABLE \"SET NOT NULL\" -- SET NOT NULL\n  /* a /* SET */ b */ ALTER c SET DEFAULT $$SET NOT NULL$$ || E'\\'SET'";
    const masked = maskCommentsAndLiterals(text);
    expect(masked).toHaveLength(text.length);
    expect(masked.split('\n').map((line) => line.length)).toEqual(text.split('\n').map((line) => line.length));
    expect(masked.replace(/\s+/g, ' ').trim()).toBe('ALTER TABLE ALTER c SET DEFAULT ||');
  });

  it('finds a keyword sequence only where the scanner has those keywords', () => {
    const text = 'ALTER TABLE t ALTER a SET NOT NULL, ALTER b SET /* first */ NOT\n NULL, ALTER c set not null';
    expect(keywordOffsets(text, SET_NOT_NULL)).toEqual([22, 44, 79]);
  });

  it('never matches inside a comment, a string constant or a quoted identifier, or across one', () => {
    for (const text of [
      'ALTER TABLE t ALTER a DROP NOT NULL -- then SET NOT NULL',
      'ALTER TABLE t ALTER a DROP NOT NULL /* SET /* NOT */ NULL */',
      "COMMENT ON TABLE t IS 'SET NOT NULL'",
      'COMMENT ON TABLE t IS $c$ SET NOT NULL $c$',
      "COMMENT ON TABLE t IS E'\\' SET NOT NULL'",
      'ALTER TABLE "SET NOT NULL" ALTER a DROP NOT NULL',
      "SELECT a$SET NOT NULL",
      "SELECT SET 'x' NOT NULL",
    ]) {
      expect(keywordOffsets(text, SET_NOT_NULL), text).toEqual([]);
    }
  });

  it('blanks a text the scanner rejects, so nothing in it is taken for a keyword', () => {
    expect(maskCommentsAndLiterals("ALTER a SET NOT NULL 'unterminated")).toBe(' '.repeat(34));
    expect(keywordOffsets("ALTER a SET NOT NULL 'unterminated", SET_NOT_NULL)).toEqual([]);
  });
});
