import { locationToOffset, walkSqlNodes } from '../ast.js';
import type { SqlStatementNode } from '../language.js';
import { parsePlpgsql, parseSql } from '../parser.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';

type Options = [];
type MessageIds = 'noOffset';
type Context = SqlRuleContext<MessageIds, Options>;

const OFFSET_KEYWORD = /\boffset\b/gi;

/** `OFFSET 0` (a planner fence, no rows skipped) and `OFFSET NULL` skip nothing. */
function skipsNothing(limitOffset: Record<string, unknown>): boolean {
  const constant = limitOffset.A_Const as { ival?: { ival?: number }; isnull?: boolean } | undefined;
  if (!constant) return false;
  return constant.isnull === true || (constant.ival !== undefined && (constant.ival.ival ?? 0) === 0);
}

/** String offsets (into `text`, from `base`) of the OFFSET keyword of every skipping `limitOffset` under `tree`. */
function offsetPositions(tree: unknown, text: string, base: number, toOffset: (location: number) => number): number[] {
  const positions: number[] = [];
  walkSqlNodes(tree, (type, node) => {
    if (type !== 'SelectStmt' || !node.limitOffset || typeof node.limitOffset !== 'object') return;
    const limitOffset = node.limitOffset as Record<string, unknown>;
    if (skipsNothing(limitOffset)) return;
    const inner = Object.values(limitOffset)[0] as { location?: number } | undefined;
    const valueAt = inner?.location === undefined ? undefined : base + toOffset(inner.location);
    positions.push(valueAt === undefined ? base : keywordBefore(text, base, valueAt));
  });
  return positions;
}

/** The last `OFFSET` keyword between `from` and `valueAt` (the offset expression), or `valueAt`. */
function keywordBefore(text: string, from: number, valueAt: number): number {
  let found = valueAt;
  for (const match of text.slice(from, valueAt).matchAll(OFFSET_KEYWORD)) found = from + match.index;
  return found;
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

/** OFFSET inside a function body written as a string (LANGUAGE sql or plpgsql); other languages are skipped. */
function functionBodyPositions(statement: SqlStatementNode, text: string): number[] {
  const { language, body } = functionParts(statement.node);
  if (body === undefined) return [];
  // Where the body sits in the file (dollar-quoted bodies appear verbatim; otherwise report at the statement).
  const found = text.indexOf(body, statement.range[0]);
  const bodyStart = found !== -1 && found < statement.range[1] ? found : undefined;
  if (language === 'sql') {
    const parsed = parseSql(body);
    if (!parsed.ok) return [];
    const inBody = offsetPositions(parsed.statements.map((parsedStatement) => ({ [parsedStatement.kind]: parsedStatement.node })), body, 0, parsed.toOffset);
    return inBody.map((position) => (bodyStart === undefined ? statement.range[0] : bodyStart + position));
  }
  if (language !== 'plpgsql') return [];
  const positions: number[] = [];
  const functionTree = parsePlpgsql(text.slice(statement.range[0], statement.range[1]));
  walkSqlNodes(functionTree?.plpgsql_funcs, (type, node) => {
    if (type !== 'PLpgSQL_expr' || typeof node.query !== 'string') return;
    const query = node.query;
    const parsed = parseSql(query);
    if (!parsed.ok) return;
    const at = bodyStart === undefined ? -1 : text.indexOf(query, bodyStart);
    for (const position of offsetPositions(parsed.statements.map((parsedStatement) => ({ [parsedStatement.kind]: parsedStatement.node })), query, 0, parsed.toOffset)) {
      positions.push(at === -1 ? statement.range[0] : at + position);
    }
  });
  return positions;
}

function report(context: Context, position: number): void {
  const start = context.sourceCode.getLocFromIndex(position);
  const end = context.sourceCode.getLocFromIndex(Math.min(position + 'OFFSET'.length, context.sourceCode.text.length));
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
  defaultOptions: [],
  create(context) {
    const { text } = context.sourceCode;
    return {
      Statement(statement) {
        const seen = new Set<number>();
        const positions = offsetPositions({ [statement.kind]: statement.node }, text, statement.range[0], (location) =>
          locationToOffset(context.sourceCode, location) - statement.range[0],
        );
        if (statement.kind === 'CreateFunctionStmt') positions.push(...functionBodyPositions(statement, text));
        for (const position of positions.sort((a, b) => a - b)) {
          if (seen.has(position)) continue;
          seen.add(position);
          report(context, position);
        }
      },
    };
  },
});
