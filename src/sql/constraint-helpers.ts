// Small readers over libpg-query JSON for the constraint and lock rules (sql-no-uuid-v4-primary-key,
// sql-require-not-valid, sql-no-set-not-null, sql-require-lock-timeout). Pure; never throw on odd shapes.
import { isSqlComment, isSqlLiteral, scanSql, type SqlToken } from './parser.js';
import { STOP_WALK, walkTree } from './tree-walk.js';

export type PgNode = Record<string, unknown>;

/** `value` as a plain object, or undefined. */
export function asNode(value: unknown): PgNode | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as PgNode) : undefined;
}

/** The list `asList` gives for an absent one: shared, so reading an absent list allocates nothing. */
const EMPTY_LIST: readonly unknown[] = Object.freeze([]);

/** `value` as an array (an absent list is empty). */
export function asList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : EMPTY_LIST;
}

/** The body of a wrapped node: `bodyOf({ Constraint: {...} }, 'Constraint')` → `{...}`. */
export function bodyOf(value: unknown, kind: string): PgNode | undefined {
  return asNode(asNode(value)?.[kind]);
}

/** The string of one name-list item (`{ String: { sval } }`), or '' for another shape. */
function nameOf(item: unknown): string {
  const sval = bodyOf(item, 'String')?.sval;
  return typeof sval === 'string' ? sval : '';
}

/** The strings of a name list (`[{ String: { sval } }, …]`), e.g. a qualified function or type name. */
export function stringsOf(list: unknown): string[] {
  return asList(list).map(nameOf);
}

/**
 * The last string of a name list (`pg_catalog.uuid` → `uuid`), or undefined for an empty one: `stringsOf(list).at(-1)`
 * without building the array (type and function names are read for every column and call).
 */
export function lastStringOf(list: unknown): string | undefined {
  const items = asList(list);
  return items.length === 0 ? undefined : nameOf(items[items.length - 1]);
}

/** A `location` field (UTF-8 byte offset), if the node has a real one. */
export function locationOf(node: PgNode | undefined): number | undefined {
  const location = node?.location;
  return typeof location === 'number' && location >= 0 ? location : undefined;
}

/** The `Constraint` bodies of a column definition. */
export function columnConstraints(column: PgNode): PgNode[] {
  const constraints: PgNode[] = [];
  for (const item of asList(column.constraints)) {
    const constraint = bodyOf(item, 'Constraint');
    if (constraint) constraints.push(constraint);
  }
  return constraints;
}

/** The last name of a `ColumnRef` (`users.email` → `email`), or undefined for `*` and other shapes. */
export function columnRefName(value: unknown): string | undefined {
  const fields = asList(bodyOf(value, 'ColumnRef')?.fields);
  const sval = bodyOf(fields[fields.length - 1], 'String')?.sval;
  return typeof sval === 'string' ? sval : undefined;
}

/** The columns a check expression proves NOT NULL: `col IS NOT NULL`, alone or as a conjunct of a top-level AND. */
export function notNullColumnsOf(expr: unknown): string[] {
  // Nested ANDs (`a AND (b AND (…))`) are unfolded with an explicit stack, in source order.
  const columns: string[] = [];
  const stack: unknown[] = [expr];
  while (stack.length > 0) {
    const current = stack.pop();
    const nullTest = bodyOf(current, 'NullTest');
    if (nullTest) {
      const name = nullTest.nulltesttype === 'IS_NOT_NULL' ? columnRefName(nullTest.arg) : undefined;
      if (name !== undefined) columns.push(name);
      continue;
    }
    const bool = bodyOf(current, 'BoolExpr');
    if (bool?.boolop === 'AND_EXPR') stack.push(...[...asList(bool.args)].reverse());
  }
  return columns;
}

/** The first column an expression references, depth first in source order (for Postgres's default constraint names). */
export function firstColumnRef(value: unknown): string | undefined {
  // An explicit stack (walkTree): expressions nest as deep as the SQL says.
  let found = columnRefName(value);
  if (found !== undefined) return found;
  walkTree(value, (child) => {
    found = columnRefName(child);
    return found === undefined ? true : STOP_WALK;
  });
  return found;
}

/**
 * The text with comments, string constants and quoted identifiers replaced by spaces (same length, line breaks
 * kept), so that keyword searches inside a statement's source cannot match inside them. The tokens come from
 * PostgreSQL's own scanner; a text it rejects (an unterminated string or comment) is blanked entirely, so that
 * nothing in it is taken for a keyword.
 */
export function maskCommentsAndLiterals(text: string): string {
  const scanned = scanSql(text);
  return scanned.ok ? maskTokens(text, scanned.tokens) : blank(text);
}

/** `text` with the given tokens' comments and literals blanked (see `maskCommentsAndLiterals`). */
function maskTokens(text: string, tokens: readonly SqlToken[]): string {
  let masked = '';
  let from = 0;
  for (const token of tokens) {
    if (!isSqlComment(token) && !isSqlLiteral(token)) continue;
    masked += text.slice(from, token.start) + blank(token.text);
    from = token.end;
  }
  return masked + text.slice(from);
}

/**
 * String offsets (relative to `text`) of each match of `pattern` (which must be global) over the statement's tokens:
 * a match must start and end on token boundaries, and may span whitespace and comments but no string constant or
 * quoted identifier. So `SET /* x *\/ NOT NULL` matches /\bSET\s+NOT\s+NULL\b/gi, while `-- SET NOT NULL`,
 * `'SET NOT NULL'`, `SET 'x' NOT NULL` and `a$SET NOT NULL` do not.
 */
export function keywordOffsets(text: string, pattern: RegExp): number[] {
  return plainKeywordOffsets(text, pattern) ?? scannedKeywordOffsets(text, pattern);
}

/**
 * What can hide or fake a keyword, or make the scanner see tokens where a regex sees words: a quote (string constants,
 * quoted identifiers), `$` (dollar quotes, parameters, identifier characters), a comment opener, NUL (the scanner reads
 * a space) and any non-ASCII character (identifier characters too).
 */
const NOT_PLAIN = /[^\x01-\x7f]|['"$]|--|\/\*/;
/**
 * A number running into letters or `_` (`1abc`, `1.e5`, `0x1f`, `1_000`): the scanner rejects some of these. One
 * pass (a regex `\d[\w.]*[A-Za-z_]` retries the rest of `1.1.1.1…` from each of its digits: quadratic).
 */
function hasNumberIntoLetters(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    // A digit not after `\w` or `$` (isIdentifierPart), then digits and dots, then a letter or `_`.
    if (!isDigit(text.charCodeAt(index)) || isIdentifierPart(text.charCodeAt(index - 1))) continue;
    let end = index + 1;
    while (end < text.length && (isDigit(text.charCodeAt(end)) || text.charCodeAt(end) === 0x2e)) end++;
    if (isWordStart(text.charCodeAt(end))) return true;
    index = end;
  }
  return false;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** ASCII letter or `_`: the first character of an unquoted identifier or keyword. */
function isWordStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
}

/** A character that continues an unquoted identifier: letter, digit, `_` or `$`. */
function isIdentifierPart(code: number): boolean {
  return isWordStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x24;
}

/**
 * `keywordOffsets` without the scanner, where the scanner could only agree: plain ASCII with nothing to mask (see
 * NOT_PLAIN) and no number running into letters. There a match that starts with a letter and ends with a letter or
 * digit, with no identifier character on either side, starts and ends on token boundaries and spans no literal.
 * Undefined when the text, or one of its matches, is not that plain: the scanner decides.
 */
function plainKeywordOffsets(text: string, pattern: RegExp): number[] | undefined {
  if (NOT_PLAIN.test(text) || hasNumberIntoLetters(text)) return undefined;
  const offsets: number[] = [];
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    const end = start + match[0].length;
    const onWordBoundaries =
      isWordStart(text.charCodeAt(start)) &&
      isIdentifierPart(text.charCodeAt(end - 1)) &&
      !isIdentifierPart(text.charCodeAt(start - 1)) &&
      !isIdentifierPart(text.charCodeAt(end));
    if (!onWordBoundaries) return undefined;
    offsets.push(start);
  }
  return offsets;
}

/** `keywordOffsets` over PostgreSQL's scanner tokens: the general case. */
function scannedKeywordOffsets(text: string, pattern: RegExp): number[] {
  const scanned = scanSql(text);
  if (!scanned.ok) return [];
  const tokens = scanned.tokens.filter((token) => !isSqlComment(token));
  const starts = new Set(tokens.map((token) => token.start));
  const ends = new Set(tokens.map((token) => token.end));
  const literals = tokens.filter(isSqlLiteral);
  // One scan: the mask is made from the same tokens (`maskCommentsAndLiterals` would scan the text again).
  return [...maskTokens(text, scanned.tokens).matchAll(pattern)]
    .filter((match) => {
      // Whitespace (and masked comments) a pattern matches at either end is not part of a token.
      const start = match.index + match[0].length - match[0].trimStart().length;
      const end = match.index + match[0].trimEnd().length;
      return starts.has(start) && ends.has(end) && !literals.some((token) => token.start < end && token.end > start);
    })
    .map((match) => match.index);
}

/** Spaces in place of every character but line breaks. */
function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}
