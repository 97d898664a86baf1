import { lastTokenEndingBy, locationToOffset, offsetToLoc, walkSqlNodes } from '../ast.js';
import type { SqlStatementNode } from '../language.js';
import { isSqlComment, parsePlpgsql, type SqlToken } from '../parser.js';
import { getParsedSql, getScannedSql } from '../visitor.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';

type Options = [];
type MessageIds = 'noOffset';
type Context = SqlRuleContext<MessageIds, Options>;
/** The rule's SourceCode: it keys the per-file parse and scan caches. */
type SourceCode = Context['sourceCode'];

/** The letters of the OFFSET keyword, in any case (keywords cannot be quoted or escaped). */
const OFFSET_LETTERS = /offset/i;

/** `OFFSET 0` (a planner fence, no rows skipped) and `OFFSET NULL` skip nothing. */
function skipsNothing(limitOffset: Record<string, unknown>): boolean {
  const constant = limitOffset.A_Const as { ival?: { ival?: number }; isnull?: boolean } | undefined;
  if (!constant) return false;
  return constant.isnull === true || (constant.ival !== undefined && (constant.ival.ival ?? 0) === 0);
}

/** The tokens of `sql` by PostgreSQL's scanner (scanned once per file and text), comments dropped; none if it does not scan. */
function tokensOf(sourceCode: SourceCode, sql: string): SqlToken[] {
  const scanned = getScannedSql(sourceCode, sql);
  return scanned.ok ? scanned.tokens.filter((token) => !isSqlComment(token)) : [];
}

/**
 * Offsets (into `sql`) of the OFFSET keyword of every skipping `limitOffset` under `tree`; `toOffset` maps a parser
 * location into `sql`. The keyword is the last OFFSET keyword token before the value: one in a comment or a string
 * constant is not a token, so it cannot be taken for it.
 */
function offsetPositions(sourceCode: SourceCode, tree: unknown, sql: string, toOffset: (location: number) => number): number[] {
  const positions: number[] = [];
  // The OFFSET keywords of `sql`, filtered once (on the first OFFSET) and searched for each: linear in OFFSETs.
  let offsetKeywords: SqlToken[] | undefined;
  walkSqlNodes(tree, (type, node) => {
    if (type !== 'SelectStmt' || !node.limitOffset || typeof node.limitOffset !== 'object') return;
    const limitOffset = node.limitOffset as Record<string, unknown>;
    if (skipsNothing(limitOffset)) return;
    const inner = Object.values(limitOffset)[0] as { location?: number } | undefined;
    if (inner?.location === undefined) {
      positions.push(0);
      return;
    }
    const valueAt = toOffset(inner.location);
    offsetKeywords ??= tokensOf(sourceCode, sql).filter((token) => token.keyword && token.text.toUpperCase() === 'OFFSET');
    const keyword = lastTokenEndingBy(offsetKeywords, valueAt);
    positions.push(keyword ? keyword.start : valueAt);
  });
  return positions;
}

/** Offsets (into `sql`) of the statements' skipping OFFSETs, for SQL parsed on its own (a function body or query). */
function positionsInText(sourceCode: SourceCode, sql: string): number[] {
  const parsed = getParsedSql(sourceCode, sql);
  if (!parsed.ok) return [];
  const tree = parsed.statements.map((statement) => ({ [statement.kind]: statement.node }));
  return offsetPositions(sourceCode, tree, sql, parsed.toOffset);
}

interface FunctionParts {
  language: string;
  body: string | undefined;
}

function functionParts(node: Record<string, unknown>): FunctionParts {
  let language = 'sql';
  let body: string | undefined;
  for (const option of (node.options as Array<{ DefElem?: { defname?: string; arg?: Record<string, unknown> } }> | undefined) ?? []) {
    const element = option.DefElem;
    if (element?.defname === 'language') language = ((element.arg?.String as { sval?: string } | undefined)?.sval ?? '').toLowerCase();
    if (element?.defname === 'as') {
      const items = (element.arg?.List as { items?: Array<{ String?: { sval?: string } }> } | undefined)?.items;
      body = items?.[0]?.String?.sval;
    }
  }
  return { language, body };
}

/**
 * Where a function body sits in the statement text: the string constant token (`$tag$…$tag$` or `'…'`) whose content
 * is the body verbatim; undefined when none is (an escaped body), and the finding goes to the statement.
 */
function bodyOffset(tokens: readonly SqlToken[], body: string): number | undefined {
  for (const token of tokens) {
    if (token.kind !== 'SCONST') continue;
    const open = token.text.startsWith('$') ? token.text.slice(0, token.text.indexOf('$', 1) + 1) : token.text.startsWith("'") ? "'" : undefined;
    if (open !== undefined && token.text.slice(open.length, token.text.length - open.length) === body) return token.start + open.length;
  }
  return undefined;
}

/**
 * Where `query` (a PL/pgSQL expression's SQL) sits in `body`: the first occurrence from `from` that starts and ends
 * on token boundaries of the body (which PL/pgSQL lexes with the core scanner). The inside of a comment or a string
 * constant has no token boundary, so a copy of the query there is not taken; the query's own comments and strings
 * are (it was once rejected for holding one, and its finding went to the statement).
 */
function queryOffset(tokens: readonly SqlToken[], body: string, query: string, from: number): number | undefined {
  const code = tokens.filter((token) => !isSqlComment(token));
  const starts = new Set(code.map((token) => token.start));
  const ends = new Set(code.map((token) => token.end));
  const lead = query.length - query.trimStart().length;
  for (let at = body.indexOf(query, from); at !== -1; at = body.indexOf(query, at + 1)) {
    if (starts.has(at + lead) && ends.has(at + query.trimEnd().length)) return at;
  }
  return undefined;
}

/** PostgreSQL's RawParseMode of a PL/pgSQL expression: an expression (`IF …`, `RETURN …`), an assignment (`x := …`). */
const PLPGSQL_EXPR = 2;
const PLPGSQL_ASSIGNS = new Set([3, 4, 5]);
/** What PL/pgSQL puts before an expression to parse it as a statement (PostgreSQL does the same). */
const SELECT_PREFIX = 'SELECT ';

/**
 * Offsets (into `query`) of the skipping OFFSETs of one PL/pgSQL expression's SQL. A statement (`RETURN QUERY SELECT …`)
 * parses on its own; an expression (`IF EXISTS (SELECT … OFFSET n) THEN`) is parsed after `SELECT `, an assignment's
 * (`x := (SELECT … OFFSET n)`) from its `:=` or `=` on.
 */
function plpgsqlQueryPositions(sourceCode: SourceCode, query: string, parseMode: unknown): number[] {
  if (parseMode !== PLPGSQL_EXPR && !PLPGSQL_ASSIGNS.has(parseMode as number)) return positionsInText(sourceCode, query);
  let from = 0;
  if (parseMode !== PLPGSQL_EXPR) {
    const assign = tokensOf(sourceCode, query).find((token) => token.text === ':=' || token.text === '=');
    if (!assign) return [];
    from = assign.end;
  }
  return positionsInText(sourceCode, SELECT_PREFIX + query.slice(from)).map((position) => position - SELECT_PREFIX.length + from);
}

/** OFFSET inside a function body written as a string (LANGUAGE sql or plpgsql); other languages are skipped. */
function functionBodyPositions(sourceCode: SourceCode, statement: SqlStatementNode): number[] {
  const { language, body } = functionParts(statement.node);
  if (body === undefined) return [];
  const statementText = sourceCode.text.slice(statement.range[0], statement.range[1]);
  const inStatement = bodyOffset(tokensOf(sourceCode, statementText), body);
  const bodyStart = inStatement === undefined ? undefined : statement.range[0] + inStatement;
  if (language === 'sql') {
    return positionsInText(sourceCode, body).map((position) => (bodyStart === undefined ? statement.range[0] : bodyStart + position));
  }
  if (language !== 'plpgsql') return [];
  const positions: number[] = [];
  const scannedBody = getScannedSql(sourceCode, body);
  const bodyTokens = scannedBody.ok ? scannedBody.tokens : [];
  const searchFrom = new Map<string, number>();
  walkSqlNodes(parsePlpgsql(statementText)?.plpgsql_funcs, (type, node) => {
    if (type !== 'PLpgSQL_expr' || typeof node.query !== 'string') return;
    const query = node.query;
    const inBody = bodyStart === undefined ? undefined : queryOffset(bodyTokens, body, query, searchFrom.get(query) ?? 0);
    if (inBody !== undefined) searchFrom.set(query, inBody + 1);
    for (const position of plpgsqlQueryPositions(sourceCode, query, node.parseMode)) {
      positions.push(bodyStart === undefined || inBody === undefined ? statement.range[0] : bodyStart + inBody + position);
    }
  });
  return positions;
}

function report(context: Context, statement: SqlStatementNode, position: number): void {
  const { sourceCode } = context;
  const start = offsetToLoc(sourceCode, position, statement);
  const end = offsetToLoc(sourceCode, Math.min(position + 'OFFSET'.length, sourceCode.text.length), statement);
  context.report({ messageId: 'noOffset', loc: { start, end } });
}

export default createSqlRule<Options, MessageIds>({
  name: 'sql-no-offset',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow OFFSET pagination in queries, views and SQL functions',
      recommended: true,
    },
    messages: {
      noOffset:
        'OFFSET reads and throws away every skipped row, so pages get slower the deeper they go; paginate with a cursor instead (WHERE (created_at, id) < ($1, $2) ORDER BY created_at DESC, id DESC LIMIT n).',
    },
    schema: [],
  },
  create(context) {
    const { sourceCode } = context;
    // The statements' pre-filter below, for the whole file at once: most files have no "offset" anywhere.
    if (!OFFSET_LETTERS.test(sourceCode.text)) return {};
    return {
      Statement(statement) {
        const [start, end] = statement.range;
        const statementText = sourceCode.text.slice(start, end);
        // A cheap pre-filter, not the verdict: without the letters "offset" the statement has no OFFSET clause, so
        // its tree need not be walked. The verdict below comes from the parse tree and the scanner's tokens.
        if (!OFFSET_LETTERS.test(statementText)) return;
        const seen = new Set<number>();
        const positions = offsetPositions(sourceCode, { [statement.kind]: statement.node }, statementText, (location) =>
          locationToOffset(sourceCode, location) - start,
        ).map((position) => start + position);
        if (statement.kind === 'CreateFunctionStmt') positions.push(...functionBodyPositions(sourceCode, statement));
        for (const position of positions.sort((a, b) => a - b)) {
          if (seen.has(position)) continue;
          seen.add(position);
          report(context, statement, position);
        }
      },
    };
  },
});
