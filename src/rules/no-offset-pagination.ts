import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { isSqlComment, type SqlToken } from '../sql/parser.js';
import { extractSql, toSourceLoc } from '../sql/sql-in-ts.js';
import { getParsedSql, getScannedSql } from '../sql/visitor.js';
import { createRule } from '../util/create-rule.js';
import { nameWords } from './utils/key-names.js';
import { createQueryCallMatcher, receiverName, resolveConst, type QueryCall } from './utils/query-calls.js';

type Options = [];
type MessageIds = 'offset';

/** Methods whose presence in a call chain makes `.offset()` a query builder's (Drizzle, Knex, Kysely, TypeORM). */
const BUILDER_METHODS = new Set([
  'select', 'selectDistinct', 'selectDistinctOn', 'selectFrom', 'selectAll', 'from', 'where', 'andWhere', 'orderBy',
  'addOrderBy', 'limit', 'take', 'innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'join', 'groupBy', 'having',
  'createQueryBuilder', '$dynamic', 'table', 'distinct', 'whereIn', 'orderByRaw',
]);
/** `knex('users')`, `db('users')`, `trx('users')`: a Knex builder root. */
const KNEX_WORDS = new Set(['knex', 'db', 'database', 'trx', 'tx']);
/** ORM find methods and the option names that are offsets there. */
const FIND_OPTIONS: Record<string, readonly string[]> = {
  findMany: ['skip', 'offset'], // Prisma `skip`, Drizzle relational `offset`
  find: ['skip', 'offset'], // TypeORM `skip`, MikroORM `offset`
  findAndCount: ['skip', 'offset'],
  findAll: ['offset'], // Sequelize
  findAndCountAll: ['offset'],
};
/** `find(…)` is a common name: its option object must also read like a query's (`take`, `where`, `order`…). */
const QUERY_OPTION_KEYS = new Set([
  'take', 'limit', 'where', 'order', 'orderBy', 'sort', 'relations', 'include', 'select', 'attributes',
]);
/** Nested relation arguments: Prisma `include`/`select`, Drizzle `with`. */
const RELATION_KEYS = new Set(['include', 'select', 'with']);
/** Tokens after `OFFSET` that make it a clause in a SQL fragment (with `$1`, a number, `:name`): `(` and `?`. */
const OFFSET_VALUE_TEXTS = new Set(['(', '?']);
/** Scanner token kinds of numbers. */
const NUMBER_KINDS = new Set(['ICONST', 'FCONST']);

export default createRule<Options, MessageIds>({
  name: 'no-offset-pagination',
  meta: {
    type: 'problem',
    docs: { description: 'Disallow OFFSET pagination in SQL strings and ORM queries', recommended: true },
    messages: {
      offset:
        '{{construct}} is offset pagination, which reads and throws away every skipped row on each page; use keyset (cursor) pagination instead: `WHERE (created_at, id) < ($1, $2) ORDER BY created_at DESC, id DESC LIMIT n`.',
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const matchQuery = createQueryCallMatcher(sourceCode);
    const checkedSql = new Set<TSESTree.Node>();

    function checkSql(query: QueryCall): void {
      if (!query.sql || checkedSql.has(query.sql)) return;
      checkedSql.add(query.sql);
      const sql = extractSql(query.sql, sourceCode.text);
      if (!sql) return;
      for (const [start, end] of findOffsets(sourceCode, sql.text)) {
        const loc = toSourceLoc(sql, start, end, sourceCode);
        context.report({ loc, messageId: 'offset', data: { construct: `OFFSET in the SQL of \`${query.name}\`` } });
      }
    }

    /** Options objects of ORM finds: `skip`/`offset` properties, through spreads, conditionals and relations. */
    function checkOptions(
      node: TSESTree.Node,
      keys: readonly string[],
      method: string,
      cursor: boolean,
      nested = false,
    ): void {
      const object = resolveConst(node, sourceCode);
      if (object.type === 'LogicalExpression' || object.type === 'ConditionalExpression') {
        for (const branch of object.type === 'LogicalExpression' ? [object.right] : [object.consequent, object.alternate]) {
          checkOptions(branch, keys, method, cursor, nested);
        }
        return;
      }
      if (object.type !== 'ObjectExpression') return;
      const properties = new Map<string, TSESTree.Property>();
      for (const property of object.properties) {
        if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier') {
          properties.set(property.key.name, property);
        }
      }
      const hasCursor = cursor || properties.has('cursor');
      if (method === 'find' && !nested && ![...properties.keys()].some((key) => QUERY_OPTION_KEYS.has(key))) return;
      for (const key of keys) {
        const property = properties.get(key);
        if (!property || isZero(property.value) || (key === 'skip' && hasCursor && isCursorSkip(property.value))) continue;
        context.report({ node: property, messageId: 'offset', data: { construct: `\`${key}\` in \`${method}()\`` } });
      }
      for (const property of object.properties) {
        if (property.type === 'SpreadElement') checkOptions(property.argument, keys, method, hasCursor, nested);
      }
      for (const [key, property] of properties) {
        if (!RELATION_KEYS.has(key) || property.value.type !== 'ObjectExpression') continue;
        for (const relation of property.value.properties) {
          if (relation.type === 'Property') checkOptions(relation.value, keys, method, false, true);
        }
      }
    }

    /** `.offset(n)` / `.skip(n)` on a query-builder chain. */
    function checkChainCall(node: TSESTree.CallExpression, callee: TSESTree.MemberExpression, method: string): void {
      const argument = node.arguments[0];
      if (!argument || isZero(argument)) return;
      const names = chainNames(callee.object);
      const isBuilder =
        method === 'skip' ? names.has('createQueryBuilder') : [...names].some((name) => BUILDER_METHODS.has(name));
      if (!isBuilder) return;
      const construct = method === 'skip' ? '`.skip()` on a query builder' : '`.offset()` on a query builder';
      context.report({ node: callee.property, messageId: 'offset', data: { construct } });
    }

    /** Method names along a call chain, through a same-file `const qb = …` root; `knex('users')` counts as `from`. */
    function chainNames(start: TSESTree.Node): Set<string> {
      const names = new Set<string>();
      let current: TSESTree.Node = start;
      for (let steps = 0; steps < 100; steps++) {
        if (current.type === 'CallExpression') {
          if (current.callee.type === 'Identifier' && nameWords(current.callee.name).some((word) => KNEX_WORDS.has(word))) {
            names.add('from');
          }
          current = current.callee;
        } else if (current.type === 'MemberExpression') {
          const name = receiverName(current);
          if (name) names.add(name);
          current = current.object;
        } else if (
          current.type === 'Identifier' ||
          current.type === 'TSNonNullExpression' ||
          current.type === 'AwaitExpression'
        ) {
          const next =
            current.type === 'Identifier'
              ? resolveConst(current, sourceCode)
              : current.type === 'TSNonNullExpression'
                ? current.expression
                : current.argument;
          if (next === current) break;
          current = next;
        } else {
          break;
        }
      }
      return names;
    }

    return {
      CallExpression(node) {
        const query = matchQuery(node);
        if (query) checkSql(query);
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        const method = callee.property.name;
        const keys = Object.hasOwn(FIND_OPTIONS, method) ? FIND_OPTIONS[method] : undefined;
        if (keys) {
          for (const argument of node.arguments) checkOptions(argument, keys, method, false);
        } else if (method === 'offset' || method === 'skip') {
          checkChainCall(node, callee, method);
        }
      },
      TaggedTemplateExpression(node) {
        const query = matchQuery(node);
        if (query) checkSql(query);
      },
    } satisfies TSESLint.RuleListener;
  },
});

function isZero(node: TSESTree.Node): boolean {
  return node.type === 'Literal' && node.value === 0;
}

/** Prisma's cursor idiom: `skip: 1` (or `skip: cursor ? 1 : 0`) next to `cursor`. */
function isCursorSkip(node: TSESTree.Node): boolean {
  if (node.type === 'ConditionalExpression') return [node.consequent, node.alternate].every((branch) => isCursorSkip(branch));
  return node.type === 'Literal' && (node.value === 1 || node.value === 0);
}

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
    const ranges: Array<[number, number]> = [];
    for (const statement of parsed.statements) {
      for (const expression of offsetExpressions(statement.node)) {
        const location = minLocation(expression);
        const at = location === undefined ? statement.start : parsed.toOffset(location);
        const keyword = tokens.filter((token) => isOffsetKeyword(token) && token.end <= at).at(-1);
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

/** Every `limitOffset` expression in a statement tree (subqueries, CTEs, set operations, INSERT … SELECT), except `OFFSET 0`. */
function offsetExpressions(node: unknown, found: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(node)) {
    for (const item of node) offsetExpressions(item, found);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'limitOffset' && value && typeof value === 'object' && !isZeroConst(value as Record<string, unknown>)) {
        found.push(value as Record<string, unknown>);
      }
      offsetExpressions(value, found);
    }
  }
  return found;
}

/** `OFFSET 0` (libpg-query omits a zero `ival`): the planner-fence idiom, not pagination. */
function isZeroConst(node: Record<string, unknown>): boolean {
  const constant = node.A_Const as { ival?: { ival?: number } } | undefined;
  return constant?.ival !== undefined && (constant.ival.ival ?? 0) === 0;
}

function minLocation(node: unknown): number | undefined {
  let min: number | undefined;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'location' && typeof child === 'number' && child >= 0) min = min === undefined ? child : Math.min(min, child);
        else visit(child);
      }
    }
  };
  visit(node);
  return min;
}
