/**
 * The ESLint language `fortress/sql` for `.sql` files (ESLint's Language API), on the real PostgreSQL parser.
 *
 * AST contract (public to SQL rules; extend, don't break):
 *
 *   Program   = { type: 'Program', statements: SqlStatementNode[], parseError: SqlProgramError | null,
 *                 comments: SqlComment[], range: [0, text.length], loc }
 *   SqlStatementNode = { type: 'Statement', kind: string,  // 'CreateStmt', 'AlterTableStmt', 'IndexStmt', 'SelectStmt', 'VariableSetStmt', …
 *                        node: <libpg-query statement body: the value under `kind`; built on first read>,
 *                        range: [start, end],              // string offsets; the statement without its trailing `;`
 *                        loc: { start: { line, column }, end: { line, column } } }   // line 1-based, column 0-based
 *   SqlComment = { type: 'Comment', kind: 'Line' | 'Block', value, range, loc }   // not traversed
 *
 * Rules listen to `Program`, `Statement` and `Program:exit` (and `Statement:exit`). Positions nested inside
 * `node` (`location` fields) are UTF-8 byte offsets into the text: convert them with `locationToLoc` (src/sql/ast.ts).
 *
 * A syntax error is ONE fatal parsing error at the position Postgres reports (`parse` returns `ok: false`, as for a
 * JavaScript syntax error): ESLint shows it with its line and column, runs no rule on that file and goes on with the
 * other files. Under ESLint, rules therefore always see `parseError: null`; `createSqlProgram` (for non-ESLint callers
 * such as the audit) returns the program with `parseError` set and the statements recovered before the error.
 *
 * psql meta-commands (`\connect`, `\i`, `\set` … lines) and `COPY … FROM stdin` data are blanked (replaced by spaces,
 * newlines kept) before parsing, so positions stay right and nothing is reported for them.
 */
import type { File, Language, OkParseResult, ParseResult } from '@eslint/core';
import { VisitNodeStep } from '@eslint/plugin-kit';

import { CommentDirectivesSourceCode } from '../util/inline-config.js';
import { TEXT_LANGUAGE, textOf } from '../util/text-language.js';

import { otherDialectOf, type OtherDialect } from './dialect.js';
import { takeParse } from './parse-cache.js';
import { isSqlComment, parseSql, scanSql, type SqlParseResult, type SqlStatement, type SqlStatementList, type SqlToken } from './parser.js';

export interface SqlPosition {
  line: number;
  column: number;
}

export interface SqlStatementNode {
  type: 'Statement';
  kind: string;
  node: Record<string, unknown>;
  range: [number, number];
  loc: { start: SqlPosition; end: SqlPosition };
  /** The statement's source text (`range` of the file's text), without its trailing `;`. */
  readonly text?: string;
}

export interface SqlComment {
  type: 'Comment';
  kind: 'Line' | 'Block';
  value: string;
  range: [number, number];
  loc: { start: SqlPosition; end: SqlPosition };
}

export interface SqlProgramError {
  message: string;
  offset: number;
  loc: SqlPosition;
  /** Not a syntax error: a limit the parser hit or a parser failure (`message` says which and what to do). */
  failure?: true;
}

export interface SqlProgram {
  type: 'Program';
  statements: SqlStatementNode[];
  parseError: SqlProgramError | null;
  comments: SqlComment[];
  range: [number, number];
  loc: { start: SqlPosition; end: SqlPosition };
  /** Set when the file is for another database (src/sql/dialect.ts): no statements; sql-unsupported-dialect says so. */
  otherDialect?: OtherDialect;
}

export type SqlAstNode = SqlProgram | SqlStatementNode;

/** The SQL language has no options (`languageOptions` must be empty). */
export type SqlLanguageOptions = Record<string, unknown>;

/** An ASCII letter, digit or `_`, `$`, or any non-ASCII character: a character that continues an identifier (scan.l). */
function isIdentifierChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x24 || code >= 0x80;
}

/** A character that starts a dollar-quote tag (scan.l `dolq_start`). */
function isDollarTagStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code >= 0x80;
}

/** The offset after the quoted text that opens at `start` with `quote` (the text's length + 1 when unterminated). */
function quotedEnd(text: string, start: number, quote: number, escapes: boolean): number {
  let index = start + 1;
  while (index < text.length) {
    const inner = text.charCodeAt(index);
    if (inner === 0x5c && escapes) index += 2;
    else if (inner === quote) {
      if (text.charCodeAt(index + 1) !== quote) break;
      index += 2;
    } else index++;
  }
  return index + 1;
}

/** The end of the line at `index` (the offset of its `\n`, or the text's length). */
function lineEnd(text: string, index: number): number {
  const end = text.indexOf('\n', index);
  return end === -1 ? text.length : end;
}

/**
 * The text the parser sees: psql meta-commands (a line whose first non-blank character is a `\` outside any string,
 * quoted identifier, dollar quote or comment) and the data of `COPY … FROM stdin` (the lines after the statement's
 * `;`, up to and including the `\.` line) replaced by spaces, line breaks kept. One pass over the text, which follows
 * PostgreSQL's lexical rules (scan.l) as far as they decide where a line is inside a literal or a comment:
 * `'…'` (`''` inside), `E'…'` (also `\` escapes), `"…"`, `$tag$…$tag$`, `--` and nested `/* *\/` comments. So a
 * string literal whose continuation line starts with `\` is kept, and a COPY header may span lines and be followed
 * by a comment.
 */
export function blankPsqlMetaCommands(text: string): string {
  // No meta-command without a `\`, no COPY data without `stdin` (data may run to the end of the text without `\.`).
  if (!text.includes('\\') && !/stdin/i.test(text)) return text;
  const blanks: number[] = []; // [start, end) pairs, ascending
  const length = text.length;
  let atLineStart = true;
  // The current statement: its first word is COPY, and `FROM STDIN` came at parenthesis depth 0.
  let firstWord: string | undefined;
  let previousWord: string | undefined;
  let depth = 0;
  let copyFromStdin = false;
  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code === 0x0a) {
      atLineStart = true;
      index++;
      continue;
    }
    if (code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0c || code === 0x0b) {
      index++;
      continue;
    }
    const lineStart = atLineStart;
    atLineStart = false;
    if (code === 0x5c /* \ */) {
      // A psql meta-command runs to the end of its line (outside a line's start, a `\` is no SQL either).
      const end = lineEnd(text, index);
      if (lineStart) blanks.push(index, end);
      index = end;
      continue;
    }
    if (code === 0x2d && text.charCodeAt(index + 1) === 0x2d) {
      index = lineEnd(text, index);
      continue;
    }
    if (code === 0x2f && text.charCodeAt(index + 1) === 0x2a) {
      let nesting = 1;
      index += 2;
      while (index < length && nesting > 0) {
        if (text.charCodeAt(index) === 0x2f && text.charCodeAt(index + 1) === 0x2a) {
          nesting++;
          index += 2;
        } else if (text.charCodeAt(index) === 0x2a && text.charCodeAt(index + 1) === 0x2f) {
          nesting--;
          index += 2;
        } else index++;
      }
      continue;
    }
    if (code === 0x27 /* ' */ || code === 0x22 /* " */) {
      // E'…' (not after an identifier character) takes backslash escapes; in all, a doubled quote is one.
      const previous = text.charCodeAt(index - 1);
      const escapes = code === 0x27 && (previous === 0x45 || previous === 0x65) && !isIdentifierChar(text.charCodeAt(index - 2));
      index = quotedEnd(text, index, code, escapes);
      previousWord = undefined;
      continue;
    }
    if (code === 0x24 /* $ */ && !isIdentifierChar(text.charCodeAt(index - 1))) {
      let tagEnd = index + 1;
      if (isDollarTagStart(text.charCodeAt(tagEnd))) {
        while (tagEnd < length && isIdentifierChar(text.charCodeAt(tagEnd)) && text.charCodeAt(tagEnd) !== 0x24) tagEnd++;
      }
      if (text.charCodeAt(tagEnd) === 0x24) {
        const tag = text.slice(index, tagEnd + 1);
        const close = text.indexOf(tag, tagEnd + 1);
        index = close === -1 ? length : close + tag.length;
        previousWord = undefined;
        continue;
      }
    }
    if (isIdentifierChar(code) && code !== 0x24) {
      let end = index + 1;
      while (end < length && isIdentifierChar(text.charCodeAt(end))) end++;
      const word = text.slice(index, end).toUpperCase();
      firstWord ??= word;
      if (depth === 0 && previousWord === 'FROM' && word === 'STDIN') copyFromStdin = firstWord === 'COPY';
      previousWord = word;
      index = end;
      continue;
    }
    previousWord = undefined;
    if (code === 0x28) depth++;
    else if (code === 0x29) depth--;
    else if (code === 0x3b /* ; */) {
      const isCopy = copyFromStdin;
      firstWord = undefined;
      depth = 0;
      copyFromStdin = false;
      if (isCopy) {
        // psql reads the data from the next line on, up to a line `\.` (or the end of the text).
        const dataStart = lineEnd(text, index) + 1;
        let end = dataStart;
        while (end < length) {
          const next = lineEnd(text, end);
          const line = text.slice(end, next);
          end = next + 1;
          if (line.trimEnd() === '\\.') break;
        }
        if (dataStart < length) blanks.push(dataStart, Math.min(end, length));
        index = Math.min(end, length);
        atLineStart = true;
        continue;
      }
    }
    index++;
  }
  if (blanks.length === 0) return text;
  const parts: string[] = [];
  let last = 0;
  for (let at = 0; at < blanks.length; at += 2) {
    parts.push(text.slice(last, blanks[at]), text.slice(blanks[at], blanks[at + 1]).replace(/[^\r\n]/g, ' '));
    last = blanks[at + 1]!;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/** Line starts of a text (for offset → { line, column } without a SourceCode): 4 bytes a line, not a JS array's 8. */
export function lineStarts(text: string): Uint32Array {
  let starts = new Uint32Array(Math.max(16, text.length >> 6));
  let count = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    if (count === starts.length) {
      const grown = new Uint32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[count++] = index + 1;
  }
  return starts.slice(0, count);
}

export function positionAt(starts: ArrayLike<number>, offset: number): SqlPosition {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low]! };
}

/**
 * The tokens `findComments` reads: those of PostgreSQL's own scanner over the text `parsed` is of (`blanked`: psql
 * meta-commands and COPY data are not SQL, so a `--` there is no comment; same length, so offsets hold). After a
 * syntax error the scanner may reject the whole text (an unterminated string): the tokens before the error are the
 * ones the parser's recovery scanned already, and the rest is scanned from the error on (a token start), so each
 * character is scanned once. What follows a lexical error yields nothing, as in Postgres.
 */
function commentTokens(blanked: string, parsed: SqlParseResult): SqlToken[] {
  if (parsed.ok) {
    const scanned = scanSql(blanked);
    return scanned.ok ? scanned.tokens : [];
  }
  const at = parsed.error.offset;
  let before = parsed.tokensBeforeError;
  if (!before) {
    const scanned = scanSql(blanked.slice(0, at));
    before = scanned.ok ? scanned.tokens : [];
  }
  const rest = scanSql(blanked.slice(at));
  if (!rest.ok) return before;
  return [...before, ...rest.tokens.map((token) => ({ ...token, start: token.start + at, end: token.end + at }))];
}

/**
 * The comments of a SQL text (line `--` and nested block comments) by PostgreSQL's scanner. Only used for `eslint-…`
 * directives, so texts without "eslint" skip the scan (a full scan costs about twice a parse).
 */
function findComments(text: string, parsed: SqlParseResult, starts: ArrayLike<number>): SqlComment[] {
  if (!text.includes('eslint')) return [];
  const comments: SqlComment[] = [];
  for (const token of commentTokens(blankPsqlMetaCommands(text), parsed)) {
    if (!isSqlComment(token)) continue;
    const [start, end] = [token.start, token.end];
    const kind = token.kind === 'SQL_COMMENT' ? 'Line' : 'Block';
    const value = text.slice(start + 2, kind === 'Line' ? end : end - 2);
    comments.push({ type: 'Comment', kind, value, range: [start, end], loc: { start: positionAt(starts, start), end: positionAt(starts, end) } });
  }
  return comments;
}

/**
 * What the statements of one program share: the statements in columns (the parser's SqlStatementList, or the parse
 * result's own statements when it has no list), the text, its line starts and the program.
 */
interface ProgramStatements {
  list: SqlStatementList | undefined;
  given: readonly SqlStatement[];
  source: string;
  lineStarts: ArrayLike<number>;
  program: SqlProgram | undefined;
}

/**
 * A statement of a program: two fields, its program's shared part and its index there; `kind`, `range`, `loc`,
 * `text` and `node` are read from the list when asked for (a new `range` array and `loc` object each time). A large
 * migration has hundreds of thousands of statements: each field, object and array they would hold is memory for as
 * long as the lint, and one more thing for the garbage collector to copy. The tree (`node`) is built when first read
 * (see SqlStatementList in parser.ts), so that a statement no rule looks into (most are, for most rules) never has one.
 * A StatementNode is also the parse result's statement (`kind`, `node`, `start`, `end`): the schema model replays the
 * file's own statements, without a second set of objects.
 */
class StatementNode implements SqlStatementNode, SqlStatement {
  declare readonly type: 'Statement';
  readonly #shared: ProgramStatements;
  readonly #index: number;

  static {
    Object.defineProperty(StatementNode.prototype, 'type', { value: 'Statement', enumerable: true });
  }

  constructor(shared: ProgramStatements, index: number) {
    this.#shared = shared;
    this.#index = index;
  }

  get kind(): string {
    const { list, given } = this.#shared;
    return list ? list.kind(this.#index) : given[this.#index]!.kind;
  }

  get start(): number {
    const { list, given } = this.#shared;
    return list ? list.start(this.#index) : given[this.#index]!.start;
  }

  get end(): number {
    const { list, given } = this.#shared;
    return list ? list.end(this.#index) : given[this.#index]!.end;
  }

  get range(): [number, number] {
    return [this.start, this.end];
  }

  get text(): string {
    return this.#shared.source.slice(this.start, this.end);
  }

  get node(): Record<string, unknown> {
    const { list, given } = this.#shared;
    return list ? list.tree(this.#index) : given[this.#index]!.node;
  }

  get loc(): { start: SqlPosition; end: SqlPosition } {
    const starts = this.#shared.lineStarts;
    return { start: positionAt(starts, this.start), end: positionAt(starts, this.end) };
  }

  /** The program a node of ours is a statement of, or undefined. */
  static programOf(node: unknown): SqlProgram | undefined {
    return node instanceof StatementNode ? node.#shared.program : undefined;
  }
}

/** Builds the program for a SQL text; never throws. `parseError` is set on a syntax error (statements recovered before it). */
export function createSqlProgram(text: string, parsed: SqlParseResult = parseSql(blankPsqlMetaCommands(text))): SqlProgram {
  const starts = lineStarts(text);
  const list = parsed.statementList;
  const given = list ? [] : parsed.statements;
  const shared: ProgramStatements = { list, given, source: text, lineStarts: starts, program: undefined };
  const count = list ? list.length : given.length;
  const statements: StatementNode[] = [];
  for (let index = 0; index < count; index++) statements.push(new StatementNode(shared, index));
  const program: SqlProgram = {
    type: 'Program',
    statements,
    parseError: parsed.ok ? null : { ...parsed.error, loc: positionAt(starts, parsed.error.offset) },
    comments: findComments(text, parsed, starts),
    range: [0, text.length],
    loc: { start: positionAt(starts, 0), end: positionAt(starts, text.length) },
  };
  shared.program = program;
  // The result kept for the program has the program's statements (the parser's own objects are never made).
  programResults.set(
    program,
    parsed.ok
      ? { ok: true, statements, toOffset: parsed.toOffset }
      : { ok: false, error: parsed.error, statements, toOffset: parsed.toOffset, ...(parsed.tokensBeforeError ? { tokensBeforeError: parsed.tokensBeforeError } : {}) },
  );
  programLineStarts.set(program, starts);
  return program;
}

/** The line starts `createSqlProgram` computed for a program (SqlSourceCode's `getLocFromIndex` reads them). */
const programLineStarts = new WeakMap<SqlProgram, ArrayLike<number>>();

/** The parser result behind a program (for `toOffset`); see `locationToLoc` in src/sql/ast.ts. */
const programResults = new WeakMap<SqlProgram, SqlParseResult>();

export function getProgramParseResult(program: SqlProgram): SqlParseResult | undefined {
  return programResults.get(program);
}

type SqlSourceCodeOptions = {
  LangOptions: SqlLanguageOptions;
  RootNode: SqlProgram;
  SyntaxElementWithLoc: SqlAstNode | SqlComment;
  ConfigNode: SqlComment;
};

export class SqlSourceCode extends CommentDirectivesSourceCode<SqlSourceCodeOptions> {
  readonly comments: SqlComment[];
  #lineStarts: ArrayLike<number> | undefined;

  constructor({ text, ast }: { text: string; ast: SqlProgram }) {
    super({ text, ast });
    this.ast = ast;
    this.comments = ast.comments;
    this.#lineStarts = programLineStarts.get(ast);
  }

  /**
   * As TextSourceCodeBase's (same results and errors), from the line starts the program has already: the base
   * class's version keeps a string of every line up to `index` (`lines`), ~30 MB for a 10 MB dump reported near its end.
   */
  override getLocFromIndex(index: number): { line: number; column: number } {
    if (typeof index !== 'number') throw new TypeError('Expected `index` to be a number.');
    if (index < 0 || index > this.text.length) {
      throw new RangeError(`Index out of range (requested index ${index}, but source text has length ${this.text.length}).`);
    }
    this.#lineStarts ??= lineStarts(this.text);
    return positionAt(this.#lineStarts, index);
  }

  /** The program for one of its statements; undefined for the program (and for anything else). */
  override getParent(node: SqlAstNode): SqlAstNode | undefined {
    return StatementNode.programOf(node);
  }

  /**
   * Enter/exit steps: Program, then each Statement (enter, exit), then Program exit. Made as ESLint takes them (it
   * walks the steps once, and accepts any iterable), so they are garbage as soon as they are applied.
   */
  override *traverse(): Iterable<VisitNodeStep> {
    const program = this.ast;
    yield new VisitNodeStep({ target: program, phase: 1, args: [program, undefined] });
    for (const statement of program.statements) {
      yield new VisitNodeStep({ target: statement, phase: 1, args: [statement, program] });
      yield new VisitNodeStep({ target: statement, phase: 2, args: [statement, program] });
    }
    yield new VisitNodeStep({ target: program, phase: 2, args: [program, undefined] });
  }
}

export const VISITOR_KEYS: Record<string, string[]> = { Program: ['statements'], Statement: [] };

export const sql: Language<{ LangOptions: SqlLanguageOptions; Code: SqlSourceCode; RootNode: SqlProgram; Node: SqlAstNode }> = {
  ...TEXT_LANGUAGE,
  visitorKeys: VISITOR_KEYS,

  parse(file: File): ParseResult<SqlProgram> {
    const text = textOf(file);
    // A migration set's model has parsed the files of the set already: its parse of this text is taken, not redone.
    const program = createSqlProgram(text, takeParse(text));
    // A SQLite/MySQL/ClickHouse… file is skipped, not a syntax error: no statements, and a marker for sql-unsupported-dialect.
    const otherDialect = otherDialectOf(file.physicalPath, text, program.parseError === null);
    if (otherDialect) return { ok: true, ast: { ...program, statements: [], parseError: null, otherDialect } };
    if (program.parseError) {
      const { message, loc, failure } = program.parseError;
      // ESLint passes a parsing error's line/column through as given: make the column 1-based, as ESLint prints.
      // A limit the parser hit (or a parser failure) is said as such, never as a syntax error.
      return { ok: false, errors: [{ message: failure ? message : `SQL syntax error: ${message}.`, line: loc.line, column: loc.column + 1 }] };
    }
    return { ok: true, ast: program };
  },

  createSourceCode(file: File, input: OkParseResult<SqlProgram>): SqlSourceCode {
    return new SqlSourceCode({ text: textOf(file), ast: input.ast });
  },
};
