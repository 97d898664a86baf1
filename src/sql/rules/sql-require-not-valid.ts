import { isExistingTable, locationToLoc, relationKey, type RangeVar } from '../ast.js';
import { asList, bodyOf, columnConstraints, locationOf, type PgNode } from '../constraint-helpers.js';
import type { SqlStatementNode } from '../language.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';

type Options = [];
type MessageIds = 'requireNotValid' | 'columnConstraint';
type Context = SqlRuleContext<MessageIds, Options>;

/** The constraint types that scan the table when added, and that `NOT VALID` can defer. */
const KIND_BY_CONTYPE = new Map<unknown, string>([
  ['CONSTR_FOREIGN', 'FOREIGN KEY'],
  ['CONSTR_CHECK', 'CHECK'],
]);

/** The kind of a constraint that scans the table when added (FOREIGN KEY, CHECK) without NOT VALID, else undefined. */
function scanningKind(constraint: PgNode): string | undefined {
  // `skip_validation` is set by NOT VALID (and by PostgreSQL 18's NOT ENFORCED, which never scans).
  return constraint.skip_validation === true ? undefined : KIND_BY_CONTYPE.get(constraint.contype);
}

function report(context: Context, statement: SqlStatementNode, messageId: MessageIds, constraint: PgNode, data: Record<string, string>): void {
  const location = locationOf(constraint);
  context.report({
    messageId,
    loc: location === undefined ? statement.loc.start : locationToLoc(context.sourceCode, location, statement),
    data,
  });
}

export default createSqlRule<Options, MessageIds>({
  name: 'sql-require-not-valid',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require NOT VALID when adding a foreign key or check constraint to an existing table',
      recommended: true,
    },
    messages: {
      requireNotValid:
        'Adding a {{kind}} constraint to existing table {{table}} scans every row while blocking writes; add it with NOT VALID and run ALTER TABLE … VALIDATE CONSTRAINT in a later migration.',
      columnConstraint:
        'Adding column "{{column}}" with a {{kind}} constraint to existing table {{table}} scans every row while blocking writes; add the column without it, then ADD CONSTRAINT … NOT VALID and VALIDATE CONSTRAINT in a later migration.',
    },
    schema: [],
  },
  create(context: Context) {
    return {
      Statement(statement) {
        if (statement.kind !== 'AlterTableStmt' || statement.node.objtype !== 'OBJECT_TABLE') return;
        const relation = statement.node.relation as RangeVar | undefined;
        if (!relation) return;
        // Whether the table existed before this file: asked only once a constraint would scan it (most ALTERs add none).
        let existing: boolean | undefined;
        for (const item of asList(statement.node.cmds)) {
          const cmd = bodyOf(item, 'AlterTableCmd');
          if (cmd?.subtype === 'AT_AddConstraint') {
            const constraint = bodyOf(cmd.def, 'Constraint');
            const kind = constraint && scanningKind(constraint);
            if (!constraint || !kind) continue;
            existing ??= isExistingTable(context.sourceCode.ast, relation);
            if (!existing) return;
            report(context, statement, 'requireNotValid', constraint, { kind, table: relationKey(relation) });
          } else if (cmd?.subtype === 'AT_AddColumn') {
            const column = bodyOf(cmd.def, 'ColumnDef');
            for (const constraint of column ? columnConstraints(column) : []) {
              const kind = scanningKind(constraint);
              if (!kind) continue;
              existing ??= isExistingTable(context.sourceCode.ast, relation);
              if (!existing) return;
              report(context, statement, 'columnConstraint', constraint, { kind, table: relationKey(relation), column: String(column?.colname ?? '') });
            }
          }
        }
      },
    };
  },
});
