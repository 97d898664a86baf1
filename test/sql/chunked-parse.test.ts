// Statement trees are cut out of the parser's JSON output and built when first read; a text of 64 KB or more is
// parsed in chunks cut at `;` + line break (src/sql/parser.ts, parseInChunks). These tests
// check both against libpg-query's own API, and chunks against parses of the same statements one piece at a time (small texts, parsed in one call), with every
// position moved by the piece's place in the big text: same statements, same trees, same positions, same errors.
import { loadModule, parseSync } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';

import { parseSql, type SqlStatement } from '../../src/sql/parser.js';

const CHUNKED_FROM = 64 * 1024;
const CHUNK_LENGTH = 16 * 1024;

/** Adds `base` to every parser position in a tree (an independent copy of what the chunked parse must do). */
function shifted(node: unknown, base: number): unknown {
  if (Array.isArray(node)) return node.map((child) => shifted(child, base));
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      typeof value === 'number' && value >= 0 && (key === 'location' || key === 'name_location') ? value + base : shifted(value, base),
    ]),
  );
}

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The statements of `pieces` joined, each piece parsed alone (in one call) and moved to its place. */
function expectedStatements(pieces: string[]): Array<Pick<SqlStatement, 'kind' | 'start' | 'end' | 'node'>> {
  const expected: Array<Pick<SqlStatement, 'kind' | 'start' | 'end' | 'node'>> = [];
  let offset = 0;
  let bytes = 0;
  for (const piece of pieces) {
    expect(piece.length).toBeLessThan(CHUNKED_FROM);
    const parsed = parseSql(piece);
    if (!parsed.ok) throw new Error(`piece does not parse: ${parsed.error.message}`);
    for (const statement of parsed.statements) {
      expected.push({ kind: statement.kind, start: statement.start + offset, end: statement.end + offset, node: shifted(statement.node, bytes) as SqlStatement['node'] });
    }
    offset += piece.length;
    bytes += utf8Length(piece);
  }
  return expected;
}

const simplified = (statements: SqlStatement[]): Array<Pick<SqlStatement, 'kind' | 'start' | 'end' | 'node'>> =>
  statements.map(({ kind, start, end, node }) => ({ kind, start, end, node }));

/** `count` copies of a block of statements, each made distinct by its number. */
function repeated(count: number, block: (index: number) => string): string[] {
  return Array.from({ length: count }, (_, index) => block(index));
}

/** Statements that are exactly `length` characters long in all (`length` ≥ 40), so that a piece after them starts there. */
function padTo(length: number): string[] {
  const pieces: string[] = [];
  let total = 0;
  for (let index = 0; total + 500 < length; index++) {
    pieces.push(migrationBlock(index));
    total += pieces.at(-1)!.length;
  }
  pieces.push(`SELECT '${'x'.repeat(length - total - "SELECT '';\n".length)}';\n`);
  return pieces;
}

const migrationBlock = (index: number): string =>
  `CREATE TABLE item_${index} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, owner_id bigint NOT NULL REFERENCES owner (id), title text NOT NULL DEFAULT 'x');\n` +
  `CREATE INDEX item_${index}_owner_idx ON item_${index} (owner_id) WHERE title <> '';\n` +
  `ALTER TABLE item_${index} ADD COLUMN note_${index} text, ALTER COLUMN title SET NOT NULL;\n` +
  `INSERT INTO item_${index} (owner_id, title) SELECT id, name FROM owner WHERE id > ${index} ORDER BY id LIMIT 5 OFFSET 10;\n`;

describe('parsing a large text in chunks', () => {
  it('gives the statements, trees and positions of one-piece parses on a plain 20,000-statement migration', () => {
    const pieces = repeated(5000, migrationBlock);
    const text = pieces.join('');
    expect(text.length).toBeGreaterThan(10 * CHUNKED_FROM);
    const parsed = parseSql(text);
    expect(parsed.ok).toBe(true);
    expect(parsed.statements).toHaveLength(20_000);
    expect(simplified(parsed.statements)).toEqual(expectedStatements(pieces));
  });

  it('keeps positions right after non-ASCII text (UTF-8 bytes against UTF-16 offsets) and CRLF line ends', () => {
    const pieces = repeated(3000, (index) =>
      index % 7 === 0
        ? `INSERT INTO "tæble" (name) VALUES ('héllo ✓ 😀 ${index}');\r\n`
        : `ALTER TABLE "tæble_${index}" ADD COLUMN "naïve" text DEFAULT '→';\n`,
    );
    const parsed = parseSql(pieces.join(''));
    expect(parsed.ok).toBe(true);
    expect(simplified(parsed.statements)).toEqual(expectedStatements(pieces));
    const statement = parsed.statements.at(-1)!;
    expect(pieces.join('').slice(statement.start, statement.end)).toBe(pieces.at(-1)!.replace(/;\r?\n$/, ''));
  });

  it('is not fooled by `;` + line break inside strings, quoted names, dollar quotes, comments, CREATE RULE or BEGIN ATOMIC', () => {
    const tricky = [
      "SELECT 'a;\nb';\n",
      'SELECT "x;\ny" FROM t;\n',
      "SELECT E'a\\';\nb';\n",
      'CREATE FUNCTION f() RETURNS int AS $$ BEGIN\n  RETURN 1;\nEND; $$ LANGUAGE plpgsql;\n',
      'SELECT $tag$ ;\n $tag$;\n',
      '/* block; \n /* nested;\n */ ;\n */\n',
      '-- a comment with a semicolon;\n',
      'CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1);\nINSERT INTO b VALUES (2));\n',
      'CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1;\nSELECT 2;\nEND;\n',
      'SELECT 1 -- a comment that ends with a semicolon;\n, 2;\n',
      'SELECT 1 -- a comment that ends with a semicolon;\n;\n',
    ];
    for (const piece of tricky) {
      // Put the piece's first `;` + line break just past the first chunk's nominal end (the parser's CHUNK_LENGTH,
      // 16 KB), so that the first chunk is cut inside the piece; then enough statements for more chunks.
      for (const cutAt of [1, piece.indexOf(';\n')]) {
        const pieces = [...padTo(CHUNK_LENGTH - cutAt), piece, ...repeated(150, migrationBlock)];
        const text = pieces.join('');
        expect(text.indexOf(';\n', CHUNK_LENGTH)).toBe(CHUNK_LENGTH - cutAt + piece.indexOf(';\n'));
        const parsed = parseSql(text);
        expect(parsed.ok, piece).toBe(true);
        expect(simplified(parsed.statements), piece).toEqual(expectedStatements(pieces));
      }
    }
  });

  it('reports a syntax error at the same place, with the statements before it, as a one-piece parse', () => {
    const before = repeated(1500, migrationBlock);
    const broken = 'ALTER TABLE item_1 ADD COLUMN ;\n';
    const text = [...before, broken, ...repeated(1500, migrationBlock)].join('');
    const parsed = parseSql(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const alone = parseSql(broken);
    expect(alone.ok).toBe(false);
    if (alone.ok) return;
    const brokenAt = before.join('').length;
    expect(parsed.error).toEqual({ message: alone.error.message, offset: brokenAt + alone.error.offset });
    expect(simplified(parsed.statements)).toEqual(expectedStatements(before));
  });

  it('handles a last statement without `;`, and a text of blank lines and comments after the statements', () => {
    const pieces = [...repeated(2000, migrationBlock), 'SELECT 1'];
    expect(simplified(parseSql(pieces.join('')).statements)).toEqual(expectedStatements(pieces));
    const trailing = [...repeated(2000, migrationBlock), `${'-- trailing note;\n'.repeat(3000)}\n\n`];
    const parsed = parseSql(trailing.join(''));
    expect(parsed.ok).toBe(true);
    expect(simplified(parsed.statements)).toEqual(expectedStatements(trailing));
  });
});

describe('statement trees cut out of the parser output and built on first read', () => {
  beforeAll(async () => {
    await loadModule();
  });

  /** Our statements against libpg-query's own parse (its JSON parsed whole), tree for tree and place for place. */
  function expectSameAsLibpgQuery(text: string): void {
    const reference = parseSync(text).stmts ?? [];
    const parsed = parseSql(text);
    expect(parsed.ok).toBe(true);
    expect(parsed.statements.map((statement) => ({ [statement.kind]: statement.node }))).toEqual(reference.map((raw) => raw.stmt));
    expect(parsed.statements.map((statement) => statement.end)).toEqual(
      reference.map((raw) => (raw.stmt_len ? (raw.stmt_location ?? 0) + raw.stmt_len : text.replace(/[\s;]+$/, '').length)),
    );
  }

  it("gives the trees of libpg-query's own parse, whatever the statements' strings hold", () => {
    expectSameAsLibpgQuery(
      [
        `SELECT ',"stmt_len":5}', '"stmts":[{"stmt":', '}]}', E'\\",\\"stmt_location\\":1' AS "a"",""stmt_len"":2";`,
        'CREATE TABLE "q""uoted" (id int, "stmt_len" int DEFAULT 0, stmt_location text);',
        ';;',
        'ALTER TABLE t ADD COLUMN c int; -- trailing comment',
        "INSERT INTO t VALUES (1, 'two'), (3, $$four$$);",
        // CreateRoleStmt has a `stmt_type` field: the only other `stmt_` field, not a statement's end.
        'CREATE ROLE reader WITH LOGIN;',
        'CREATE USER writer;',
        'CREATE GROUP "stmt_len";',
      ].join('\n'),
    );
  });

  it('handles one statement at offset 0 without a `;` (no stmt_location, no stmt_len), and leading comments', () => {
    expectSameAsLibpgQuery('SELECT 1');
    expectSameAsLibpgQuery('-- note\n/* block */ CREATE INDEX i ON t (a)');
    expectSameAsLibpgQuery('SELECT 1;\nSELECT 2');
  });

  it('builds a tree once, on first read, and keeps it', () => {
    const [statement] = parseSql('CREATE TABLE t (id int);').statements;
    const node = statement!.node;
    expect(statement!.node).toBe(node);
    expect(Object.keys(node)).toContain('relation');
  });

  it('moves the positions inside a later chunk\'s trees when they are built', () => {
    const pieces = repeated(2000, migrationBlock);
    const parsed = parseSql(pieces.join(''));
    const last = parsed.statements.at(-1)!;
    const reference = parseSync(pieces.join('')).stmts!.at(-1)!.stmt!;
    expect({ [last.kind]: last.node }).toEqual(reference);
  });
});
