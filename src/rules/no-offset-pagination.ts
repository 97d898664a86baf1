import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { lastTokenEndingBy } from '../sql/ast.js';
import { isSqlComment, type SqlToken } from '../sql/parser.js';
import { extractSql, toSourceLoc } from '../sql/sql-in-ts.js';
import { walkTree } from '../sql/tree-walk.js';
import { getParsedSql, getScannedSql } from '../sql/visitor.js';
import { createRule } from '../util/create-rule.js';
import { DEFAULT_GROWING_TABLES, isGenericForwarder, isGrowingModel, offsetTarget } from './utils/offset-scope.js';
import { findOrmOffsets } from './utils/orm-pagination.js';
import { createQueryCallMatcher, type QueryCall } from './utils/query-calls.js';

type Options = [{ ignoreBoundedLists?: boolean; growingTables?: string[] }];
type MessageIds = 'offset';

const DEFAULTS: Options[0] = { ignoreBoundedLists: true, growingTables: [] };

/** Tokens after `OFFSET` that make it a clause in a SQL fragment (with `$1`, a number, `:name`): `(` and `?`. */
const OFFSET_VALUE_TEXTS = new Set(['(', '?']);
/** Scanner token kinds of numbers. */
const NUMBER_KINDS = new Set(['ICONST', 'FCONST']);

/** The word OFFSET anywhere (any case): without it, no OFFSET clause. */
const MAY_HAVE_OFFSET = /offset/i;

/** A keyword or an unquoted identifier (what can follow `:` in a named parameter). */
function isWord(token: SqlToken | undefined): boolean {
  return token !== undefined && (token.keyword || (token.kind === 'IDENT' && !token.text.startsWith('"')));
}

/**
 * SQL ranges of the OFFSET clauses in `text`: from the parse tree, or from PostgreSQL's scanner when the text does not
 * parse as a whole (a fragment). Parse and tokens are shared per file and text (src/sql/visitor.ts).
 */
function findOffsets(sourceCode: object, text: string): Array<[number, number]> {
  const parsed = getParsedSql(sourceCode, text);
  const scanned = getScannedSql(sourceCode, text);
  // Comments say nothing about the query: the tokens after OFFSET are read without them.
  const tokens = scanned.ok ? scanned.tokens.filter((token) => !isSqlComment(token)) : [];
  const isOffsetKeyword = (token: SqlToken): boolean => token.keyword && token.text.toUpperCase() === 'OFFSET';
  if (parsed.ok) {
    const offsetKeywords = tokens.filter(isOffsetKeyword);
    const ranges: Array<[number, number]> = [];
    for (const statement of parsed.statements) {
      for (const expression of offsetExpressions(statement.node)) {
        const location = minLocation(expression);
        const at = location === undefined ? statement.start : parsed.toOffset(location);
        const keyword = lastTokenEndingBy(offsetKeywords, at);
        ranges.push(keyword ? [keyword.start, keyword.end] : [at, at + 1]);
      }
    }
    return ranges;
  }
  const ranges: Array<[number, number]> = [];
  for (const [index, token] of tokens.entries()) {
    if (!isOffsetKeyword(token)) continue;
    const next = tokens[index + 1];
    const after = tokens[index + 2];
    const isClause =
      next?.kind === 'PARAM' ||
      (next !== undefined && NUMBER_KINDS.has(next.kind) && next.text !== '0') ||
      (next !== undefined && OFFSET_VALUE_TEXTS.has(next.text)) ||
      (next?.text === ':' && after?.start === next.end && isWord(after));
    if (isClause) ranges.push([token.start, token.end]);
  }
  return ranges;
}

/**
 * Every `limitOffset` expression in a statement tree (subqueries, CTEs, set operations, INSERT … SELECT), except
 * `OFFSET 0`. An explicit stack (walkTree): the tree nests as deep as the SQL's expressions.
 */
function offsetExpressions(node: unknown): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  walkTree([node], (value, key) => {
    if (key === 'limitOffset' && !Array.isArray(value) && !isZeroConst(value as Record<string, unknown>)) found.push(value as Record<string, unknown>);
  });
  return found;
}

/** `OFFSET 0` (libpg-query omits a zero `ival`): the planner-fence idiom, not pagination. */
function isZeroConst(node: Record<string, unknown>): boolean {
  const constant = node.A_Const as { ival?: { ival?: number } } | undefined;
  return constant?.ival !== undefined && (constant.ival.ival ?? 0) === 0;
}

function minLocation(node: unknown): number | undefined {
  let min: number | undefined;
  walkTree([node], (value) => {
    if (Array.isArray(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'location' && typeof child === 'number' && child >= 0) min = min === undefined ? child : Math.min(min, child);
    }
  });
  return min;
}

export default createRule<Options, MessageIds>({
  name: 'no-offset-pagination',
  meta: {
    type: 'problem',
    docs: { description: 'Disallow OFFSET pagination in SQL strings and ORM queries', recommended: true },
    messages: {
      offset:
        '{{construct}} is offset pagination, which reads and throws away every skipped row on each page; use keyset (cursor) pagination instead: `WHERE (created_at, id) < ($1, $2) ORDER BY created_at DESC, id DESC LIMIT n`.',
    },
    defaultOptions: [DEFAULTS],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignoreBoundedLists: {
            description:
              'Do not report an ORM / query-builder offset on a list scoped to one parent row (`where: { workspaceId }`) of a table whose name is not a growing activity table (tags, passkeys, invites of one organisation). Default true.',
            type: 'boolean',
          },
          growingTables: {
            description:
              'Words or names of tables that grow with activity, added to the defaults (event, log, message, response, member, user…): offset on them is reported even when scoped to one parent. Compared with the end of the model name, singularised (`"reading"` matches `sensorReadings`).',
            type: 'array',
            items: { type: 'string', minLength: 1 },
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const ignoreBoundedLists = options.ignoreBoundedLists ?? true;
    const growingTables = [...DEFAULT_GROWING_TABLES, ...(options.growingTables ?? [])];
    const matchQuery = createQueryCallMatcher(sourceCode);
    const checkedSql = new Set<TSESTree.Node>();

    function checkSql(query: QueryCall): void {
      if (!query.sql || checkedSql.has(query.sql)) return;
      checkedSql.add(query.sql);
      const sql = extractSql(query.sql, sourceCode.text);
      // Most queries have no OFFSET at all: those are not parsed or scanned for one (issue 12, cause 3).
      if (!sql || !MAY_HAVE_OFFSET.test(sql.text)) return;
      for (const [start, end] of findOffsets(sourceCode, sql.text)) {
        const loc = toSourceLoc(sql, start, end, sourceCode);
        context.report({ loc, messageId: 'offset', data: { construct: `OFFSET in the SQL of \`${query.name}\`` } });
      }
    }

    return {
      CallExpression(node) {
        const query = matchQuery(node);
        if (query) checkSql(query);
        for (const found of findOrmOffsets(node, sourceCode)) {
          const { node: offset, method, option } = found;
          // a generic repository forwarding its caller's filter and offset: reported at a caller that passes a page
          if (isGenericForwarder(found, node, sourceCode)) continue;
          if (ignoreBoundedLists) {
            const target = offsetTarget(found, node, sourceCode);
            // a list of one parent's configuration rows (tags of a workspace): small by design, offset is fine there
            if (target.scoped && target.model !== undefined && !isGrowingModel(target.model, growingTables)) continue;
          }
          const construct = option ? `\`${option}\` in \`${method}()\`` : `\`.${method}()\` on a query builder`;
          context.report({ node: offset, messageId: 'offset', data: { construct } });
        }
      },
      TaggedTemplateExpression(node) {
        const query = matchQuery(node);
        if (query) checkSql(query);
      },
    } satisfies TSESLint.RuleListener;
  },
});
