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
import type { File, FileProblem, Language, OkParseResult, ParseResult, SourceLocation } from '@eslint/core';
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from '@eslint/plugin-kit';

import { takeParse } from './parse-cache.js';
import { isSqlComment, parseSql, scanSql, type SqlParseResult, type SqlStatement, type SqlToken } from './parser.js';

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
}

export interface SqlProgram {
  type: 'Program';
  statements: SqlStatementNode[];
  parseError: SqlProgramError | null;
  comments: SqlComment[];
  range: [number, number];
  loc: { start: SqlPosition; end: SqlPosition };
}

export type SqlAstNode = SqlProgram | SqlStatementNode;

/** The SQL language has no options (`languageOptions` must be empty). */
export type SqlLanguageOptions = Record<string, unknown>;

/** The text the parser sees: psql meta-command lines and COPY … FROM stdin data replaced by spaces. */
export function blankPsqlMetaCommands(text: string): string {
  if (!text.includes('\\')) return text;
  const lines = text.split('\n');
  let inCopyData = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (inCopyData) {
      if (/^\\\.\s*$/.test(line)) inCopyData = false;
      lines[index] = line.replace(/[^\r]/g, ' ');
    } else if (/^\s*\\/.test(line)) {
      lines[index] = line.replace(/[^\r]/g, ' ');
    } else if (/^\s*COPY\b.*\bFROM\s+stdin\b[^;]*;\s*$/i.test(line)) {
      inCopyData = true;
    }
  }
  return lines.join('\n');
}

/** Line starts of a text (for offset → { line, column } without a SourceCode). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

function positionAt(starts: number[], offset: number): SqlPosition {
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
function findComments(text: string, parsed: SqlParseResult, starts: number[]): SqlComment[] {
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
 * A statement of a program. Its tree (`node`) is read from the parse when first asked for, so that a statement no
 * rule looks into (most are, for most rules) never has its tree built (see LazyStatement in parser.ts); its `loc` is
 * computed when first asked for too (for the statements a rule reports on): a large migration has tens of thousands
 * of statements, each object they would hold is one more for the garbage collector to copy.
 */
class StatementNode implements SqlStatementNode {
  readonly type = 'Statement';
  readonly kind: string;
  readonly range: [number, number];
  readonly #statement: SqlStatement;
  readonly #lineStarts: number[];
  readonly #source: string;
  #loc: { start: SqlPosition; end: SqlPosition } | undefined;
  #program: SqlProgram | undefined;

  constructor(statement: SqlStatement, source: string, lineStarts: number[]) {
    this.kind = statement.kind;
    this.range = [statement.start, statement.end];
    this.#statement = statement;
    this.#source = source;
    this.#lineStarts = lineStarts;
  }

  get text(): string {
    return this.#source.slice(this.range[0], this.range[1]);
  }

  /** The program of `statements` (set once it exists). */
  static adopt(statements: readonly SqlStatementNode[], program: SqlProgram): void {
    for (const statement of statements) if (statement instanceof StatementNode) statement.#program = program;
  }

  /** The program a node of ours is a statement of, or undefined. */
  static programOf(node: unknown): SqlProgram | undefined {
    return node instanceof StatementNode ? node.#program : undefined;
  }

  get node(): Record<string, unknown> {
    return this.#statement.node;
  }

  get loc(): { start: SqlPosition; end: SqlPosition } {
    this.#loc ??= { start: positionAt(this.#lineStarts, this.range[0]), end: positionAt(this.#lineStarts, this.range[1]) };
    return this.#loc;
  }
}

/** Builds the program for a SQL text; never throws. `parseError` is set on a syntax error (statements recovered before it). */
export function createSqlProgram(text: string, parsed: SqlParseResult = parseSql(blankPsqlMetaCommands(text))): SqlProgram {
  const starts = lineStarts(text);
  const statements: SqlStatementNode[] = parsed.statements.map((statement) => new StatementNode(statement, text, starts));
  const program: SqlProgram = {
    type: 'Program',
    statements,
    parseError: parsed.ok ? null : { ...parsed.error, loc: positionAt(starts, parsed.error.offset) },
    comments: findComments(text, parsed, starts),
    range: [0, text.length],
    loc: { start: positionAt(starts, 0), end: positionAt(starts, text.length) },
  };
  StatementNode.adopt(statements, program);
  programResults.set(program, parsed);
  programLineStarts.set(program, starts);
  return program;
}

/** The line starts `createSqlProgram` computed for a program (SqlSourceCode's `getLocFromIndex` reads them). */
const programLineStarts = new WeakMap<SqlProgram, number[]>();

/** The parser result behind a program (for `toOffset`); see `locationToLoc` in src/sql/ast.ts. */
const programResults = new WeakMap<SqlProgram, SqlParseResult>();

export function getProgramParseResult(program: SqlProgram): SqlParseResult | undefined {
  return programResults.get(program);
}

const commentParser = new ConfigCommentParser();

/** An `/* eslint rule: … *\/` comment's configuration (ESLint's InlineConfigElement). */
interface SqlInlineConfig {
  loc: SourceLocation;
  config: { rules: ReturnType<ConfigCommentParser['parseJSONLikeConfig']> extends infer R ? (R extends { ok: true; config: infer C } ? C : never) : never };
}
const DIRECTIVE = /^\s*(?:eslint(?:-enable|-disable(?:(?:-next)?-line)?)?)(?:\s|$)/u;

type SqlSourceCodeOptions = {
  LangOptions: SqlLanguageOptions;
  RootNode: SqlProgram;
  SyntaxElementWithLoc: SqlAstNode | SqlComment;
  ConfigNode: SqlComment;
};

export class SqlSourceCode extends TextSourceCodeBase<SqlSourceCodeOptions> {
  readonly comments: SqlComment[];
  #inlineConfigNodes: SqlComment[] | undefined;
  #lineStarts: number[] | undefined;

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

  getInlineConfigNodes(): SqlComment[] {
    this.#inlineConfigNodes ??= this.comments.filter((comment) => DIRECTIVE.test(comment.value));
    return this.#inlineConfigNodes;
  }

  getDisableDirectives(): { problems: Array<{ ruleId: null; message: string; loc: SourceLocation }>; directives: Directive[] } {
    const problems: Array<{ ruleId: null; message: string; loc: SourceLocation }> = [];
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const directive = commentParser.parseDirective(comment.value);
      if (!directive) continue;
      const { label, value, justification } = directive;
      if (label === 'eslint-disable-line' && comment.loc.start.line !== comment.loc.end.line) {
        problems.push({ ruleId: null, message: `${label} comment should not span multiple lines.`, loc: comment.loc });
        continue;
      }
      if (label === 'eslint-disable' || label === 'eslint-enable' || label === 'eslint-disable-next-line' || label === 'eslint-disable-line') {
        const type = label.slice('eslint-'.length) as 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
        directives.push(new Directive({ type, node: comment, value, justification }));
      }
    }
    return { problems, directives };
  }

  applyInlineConfig(): { configs: SqlInlineConfig[]; problems: FileProblem[] } {
    const configs: SqlInlineConfig[] = [];
    const problems: FileProblem[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const directive = commentParser.parseDirective(comment.value);
      if (directive?.label !== 'eslint') continue;
      const result = commentParser.parseJSONLikeConfig(directive.value);
      if (result.ok) configs.push({ config: { rules: result.config }, loc: comment.loc });
      else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
    }
    return { configs, problems };
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

function textOf(file: File): string {
  return typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
}

export const sql: Language<{ LangOptions: SqlLanguageOptions; Code: SqlSourceCode; RootNode: SqlProgram; Node: SqlAstNode }> = {
  fileType: 'text',
  lineStart: 1,
  columnStart: 0,
  nodeTypeKey: 'type',
  visitorKeys: VISITOR_KEYS,
  defaultLanguageOptions: {},

  // The language has no options. Unknown keys are ignored, not rejected: config objects without `files` (such as
  // typescript-eslint's base config, `languageOptions: { parser, sourceType }`) also apply to `.sql` files.
  validateLanguageOptions(languageOptions: SqlLanguageOptions): void {
    if (languageOptions === null || typeof languageOptions !== 'object') throw new TypeError('Expected an object.');
  },

  parse(file: File): ParseResult<SqlProgram> {
    const text = textOf(file);
    // A migration set's model has parsed the files of the set already: its parse of this text is taken, not redone.
    const program = createSqlProgram(text, takeParse(text));
    if (program.parseError) {
      const { message, loc } = program.parseError;
      // ESLint passes a parsing error's line/column through as given: make the column 1-based, as ESLint prints.
      return { ok: false, errors: [{ message: `SQL syntax error: ${message}.`, line: loc.line, column: loc.column + 1 }] };
    }
    return { ok: true, ast: program };
  },

  createSourceCode(file: File, input: OkParseResult<SqlProgram>): SqlSourceCode {
    return new SqlSourceCode({ text: textOf(file), ast: input.ast });
  },
};
