import { isExistingTable, relationKey, type RangeVar } from '../ast.js';
import { asList, asNode, bodyOf, columnRefName, lastStringOf, type PgNode } from '../constraint-helpers.js';
import { skipDeployedMigration } from '../deployed-migrations.js';
import type { SqlStatementNode } from '../language.js';
import { emptiedBefore } from '../migration-helpers.js';
import { patternOptionsSchema, resolvePatternOption } from '../pattern-option.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';

type Options = [{ keyColumnPattern?: string }];
type MessageIds = 'noWhere' | 'unboundedWhere' | 'invalidPattern';
type Context = SqlRuleContext<MessageIds, Options>;

/** Columns whose equality to a value picks a few rows: `id`, `user_id`, `userId`, `uuid`, `slug`, `email`, `key`, `code`. */
const DEFAULT_KEY_COLUMNS = '^(?:id|uuid|slug|email|key|code|name)$|_id$|[a-z0-9]Id$|_key$|_uuid$';

/** A literal, a parameter, or a cast of one: a value, not a column. */
function isValue(value: unknown): boolean {
  const node = asNode(value);
  if (!node) return false;
  if ('A_Const' in node || 'ParamRef' in node) return true;
  const cast = bodyOf(node, 'TypeCast');
  return cast !== undefined && isValue(cast.arg);
}

/** The operator of an A_Expr (`=`, `<`, …) or undefined. */
function operatorOf(expr: PgNode): string | undefined {
  return lastStringOf(expr.name);
}

/** Per column: a lower and an upper bound seen among the conjuncts (`id >= $1 AND id < $2`). */
type Ranges = Map<string, { lower: boolean; upper: boolean }>;

function noteRange(ranges: Ranges, column: string, side: 'lower' | 'upper'): boolean {
  const range = ranges.get(column) ?? { lower: false, upper: false };
  range[side] = true;
  ranges.set(column, range);
  return range.lower && range.upper;
}

/**
 * True when a WHERE conjunct bounds the rows one statement touches: a key equal to a value or in a list of values, a
 * BETWEEN, a range with both ends on one column (with the other conjuncts), or an IN / ANY subquery with LIMIT (`id IN
 * (SELECT id … LIMIT 1000)`, the batch of a backfill loop). An OR is bounded when each branch is.
 */
function bounds(value: unknown, keys: RegExp, ranges: Ranges): boolean {
  const node = asNode(value);
  if (!node) return false;
  const bool = bodyOf(node, 'BoolExpr');
  if (bool) {
    const args = asList(bool.args);
    if (bool.boolop === 'AND_EXPR') return args.some((arg) => bounds(arg, keys, ranges));
    if (bool.boolop === 'OR_EXPR') return args.length > 0 && args.every((arg) => bounds(arg, keys, new Map()));
    return false;
  }
  const sublink = bodyOf(node, 'SubLink');
  // `id IN (SELECT … LIMIT n)` / `= ANY (…)` picks at most n keys; `EXISTS (… LIMIT 1)` tests each row, bounding none.
  if (sublink) return sublink.subLinkType === 'ANY_SUBLINK' && bodyOf(sublink.subselect, 'SelectStmt')?.limitCount !== undefined;
  const expr = bodyOf(node, 'A_Expr');
  if (!expr) return false;
  const column = columnRefName(expr.lexpr) ?? (isValue(expr.lexpr) ? columnRefName(expr.rexpr) : undefined);
  if (expr.kind === 'AEXPR_BETWEEN' || expr.kind === 'AEXPR_BETWEEN_SYM') return true;
  if (column === undefined) return false;
  const other = columnRefName(expr.lexpr) === undefined ? expr.lexpr : expr.rexpr;
  // The parser wraps IN's values in a List node.
  if (expr.kind === 'AEXPR_IN') return keys.test(column) && asList(bodyOf(expr.rexpr, 'List')?.items ?? expr.rexpr).every(isValue);
  if (expr.kind !== 'AEXPR_OP' || !isValue(other)) return false;
  const operator = operatorOf(expr);
  if (operator === '=') return keys.test(column);
  const flipped = other === expr.lexpr;
  if (operator === '>' || operator === '>=') return noteRange(ranges, column, flipped ? 'upper' : 'lower');
  if (operator === '<' || operator === '<=') return noteRange(ranges, column, flipped ? 'lower' : 'upper');
  return false;
}

function check(context: Context, statement: SqlStatementNode, keys: RegExp): void {
  const { node } = statement;
  const relation = node.relation as RangeVar | undefined;
  if (!relation) return;
  const where = node.whereClause;
  if (where !== undefined && bounds(where, keys, new Map())) return;
  const { ast } = context.sourceCode;
  if (!isExistingTable(ast, relation) || emptiedBefore(ast, relation, statement.range[0])) return;
  context.report({ messageId: where === undefined ? 'noWhere' : 'unboundedWhere', loc: statement.loc, data: { table: relationKey(relation) } });
}

export default createSqlRule<Options, MessageIds>({
  name: 'sql-no-unbatched-backfill',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow an UPDATE of a whole existing table in a migration (an unbatched backfill)',
      recommended: true,
    },
    messages: {
      noWhere:
        'This UPDATE rewrites every row of existing table {{table}} in one transaction: each row stays locked against writes until the migration commits, and the table doubles in size until vacuum; backfill in batches (UPDATE … WHERE id IN (SELECT id … LIMIT 1000), repeated) outside the schema migration.',
      unboundedWhere:
        'This UPDATE of existing table {{table}} has a WHERE that does not bound how many rows it touches (no key equal to a value per `keyColumnPattern`, no range with both ends, no LIMIT subquery), so on a large table it locks and rewrites them all in one transaction; backfill in batches (UPDATE … WHERE id IN (SELECT id … LIMIT 1000), repeated) outside the schema migration.',
      invalidPattern: 'The option `keyColumnPattern` is not a valid regular expression ({{pattern}}); the default is used.',
    },
    schema: patternOptionsSchema('keyColumnPattern', 'Columns (case-sensitive) whose equality to a value picks a few rows: such an UPDATE is a targeted fix, not a backfill.'),
    defaultOptions: [{ keyColumnPattern: DEFAULT_KEY_COLUMNS }],
  },
  create(context: Context, [{ keyColumnPattern = DEFAULT_KEY_COLUMNS }]) {
    if (skipDeployedMigration(context)) return {};
    const pattern = resolvePatternOption(keyColumnPattern, DEFAULT_KEY_COLUMNS, () =>
      context.report({ messageId: 'invalidPattern', loc: { line: 1, column: 0 }, data: { pattern: keyColumnPattern.slice(0, 80) } }),
    );
    return {
      Statement(statement) {
        if (statement.kind === 'UpdateStmt') check(context, statement, pattern);
      },
    };
  },
});
