import { isExistingTable, locationToLoc, relationKey, type RangeVar } from '../ast.js';
import { asList, asNode, bodyOf, columnConstraints, lastStringOf, locationOf, type PgNode } from '../constraint-helpers.js';
import type { SqlStatementNode } from '../language.js';
import { emptiedBefore, unparsedSiblingReports } from '../migration-helpers.js';
import { postgresVersionOf } from '../postgres-version.js';
import { declaredFunctionsOf, volatileCallIn } from '../volatility.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';
import { skipDeployedMigration } from '../deployed-migrations.js';

type Options = [];
type MessageIds = 'notNullWithoutDefault' | 'volatileDefault' | 'defaultBefore11' | 'rewritingColumn' | 'unparsedMigration';
type Context = SqlRuleContext<MessageIds, Options>;

const SERIAL_TYPES = new Set(['smallserial', 'serial', 'bigserial', 'serial2', 'serial4', 'serial8']);

/** Why adding this column rewrites or fails on a table with rows, or undefined when it is instant. */
function problemOf(column: PgNode, context: Context): { messageId: MessageIds; data: Record<string, string> } | undefined {
  const type = lastStringOf(asNode(column.typeName)?.names) ?? '';
  if (SERIAL_TYPES.has(type)) return { messageId: 'rewritingColumn', data: { kind: `a ${type}` } };
  let notNull = false;
  let defaultExpression: unknown;
  for (const constraint of columnConstraints(column)) {
    if (constraint.contype === 'CONSTR_IDENTITY') return { messageId: 'rewritingColumn', data: { kind: 'an identity' } };
    if (constraint.contype === 'CONSTR_GENERATED' && constraint.generated_kind !== 'v') {
      return { messageId: 'rewritingColumn', data: { kind: 'a stored generated' } };
    }
    if (constraint.contype === 'CONSTR_NOTNULL' || constraint.contype === 'CONSTR_PRIMARY') notNull = true;
    if (constraint.contype === 'CONSTR_DEFAULT') defaultExpression = constraint.raw_expr;
  }
  const isNullDefault = bodyOf(defaultExpression, 'A_Const')?.isnull === true;
  if (defaultExpression !== undefined && !isNullDefault) {
    // Before PostgreSQL 11 every non-NULL default is written into each row.
    if (postgresVersionOf(context) < 11) return { messageId: 'defaultBefore11', data: {} };
    const call = volatileCallIn(defaultExpression, declaredFunctionsOf(context.sourceCode.ast, context.filename, (unparsed) => {
      for (const report of unparsedSiblingReports(context, unparsed)) {
        context.report({ messageId: 'unparsedMigration', loc: report.loc, data: report.data });
      }
    }));
    return call === undefined ? undefined : { messageId: 'volatileDefault', data: { call } };
  }
  return notNull ? { messageId: 'notNullWithoutDefault', data: {} } : undefined;
}

function check(context: Context, statement: SqlStatementNode): void {
  const relation = statement.node.relation as RangeVar | undefined;
  if (statement.node.objtype !== 'OBJECT_TABLE' || !relation) return;
  // Whether the table existed before this file: asked only once an added column has a problem (most ALTERs have none).
  let existing: boolean | undefined;
  for (const item of asList(statement.node.cmds)) {
    const cmd = bodyOf(item, 'AlterTableCmd');
    if (cmd?.subtype !== 'AT_AddColumn') continue;
    const column = bodyOf(cmd.def, 'ColumnDef');
    const problem = column && problemOf(column, context);
    if (!column || !problem) continue;
    // A table emptied earlier in this file (DELETE FROM t without WHERE, TRUNCATE t) has no rows to fail on or rewrite.
    existing ??= isExistingTable(context.sourceCode.ast, relation) && !emptiedBefore(context.sourceCode.ast, relation, statement.range[0]);
    if (!existing) return;
    const location = locationOf(column);
    context.report({
      messageId: problem.messageId,
      loc: location === undefined ? statement.loc.start : locationToLoc(context.sourceCode, location, statement),
      data: { ...problem.data, column: String(column.colname ?? ''), table: relationKey(relation) },
    });
  }
}

export default createSqlRule<Options, MessageIds>({
  name: 'sql-no-add-required-column',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow adding a column that fails on or rewrites an existing table',
      recommended: true,
    },
    messages: {
      unparsedMigration:
        'Migration {{file}} of this set does not parse ({{reason}}), so the functions it creates are unknown to this rule: a default that calls one of them is taken as volatile, even if it is declared IMMUTABLE or STABLE there.',
      notNullWithoutDefault:
        'Adding NOT NULL column "{{column}}" without a default to existing table {{table}} fails as soon as the table has rows; add it with a constant DEFAULT, or nullable, backfill it in batches and enforce NOT NULL in a later migration.',
      volatileDefault:
        'Adding column "{{column}}" to existing table {{table}} with the volatile default {{call}} rewrites the whole table under an ACCESS EXCLUSIVE lock; add it without that default, then SET DEFAULT for new rows and backfill the old ones in batches.',
      defaultBefore11:
        'Adding column "{{column}}" with a default to existing table {{table}} rewrites the whole table under an ACCESS EXCLUSIVE lock before PostgreSQL 11 (settings.fortress.postgresVersion); add it without a default, then SET DEFAULT for new rows and backfill the old ones in batches.',
      rewritingColumn:
        'Adding {{kind}} column "{{column}}" to existing table {{table}} rewrites the whole table under an ACCESS EXCLUSIVE lock; add a plain nullable column, backfill it in batches, and attach the sequence or expression afterwards.',
    },
    schema: [],
  },
  create(context) {
    if (skipDeployedMigration(context)) return {};
    return {
      Statement(statement) {
        if (statement.kind === 'AlterTableStmt') check(context, statement);
      },
    };
  },
});
