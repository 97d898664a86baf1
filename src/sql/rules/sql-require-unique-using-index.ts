import { isExistingTable, locationToLoc, relationKey } from '../ast.js';
import { asList, bodyOf } from '../constraint-helpers.js';
import { lockOn } from '../locks.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';
import { skipDeployedMigration } from '../deployed-migrations.js';

type Options = [];
type MessageIds = 'requireUsingIndex';
type Context = SqlRuleContext<MessageIds, Options>;

const KINDS = new Map<unknown, string>([
  ['CONSTR_PRIMARY', 'PRIMARY KEY'],
  ['CONSTR_UNIQUE', 'UNIQUE'],
]);

export default createSqlRule<Options, MessageIds>({
  name: 'sql-require-unique-using-index',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require USING INDEX when adding a primary key or unique constraint to an existing table',
      recommended: true,
    },
    messages: {
      requireUsingIndex:
        'Adding a {{kind}} constraint to existing table {{table}} builds its index under an {{lock}} lock, blocking every read and write until the build ends; build it first with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … {{kind}} USING INDEX.',
    },
    schema: [],
  },
  create(context: Context) {
    if (skipDeployedMigration(context)) return {};
    const { ast } = context.sourceCode;
    return {
      Statement(statement) {
        if (statement.kind !== 'AlterTableStmt' || statement.node.objtype !== 'OBJECT_TABLE') return;
        const relation = statement.node.relation as { relname?: string; schemaname?: string } | undefined;
        if (!relation) return;
        let existing: boolean | undefined;
        for (const item of asList(statement.node.cmds)) {
          const cmd = bodyOf(item, 'AlterTableCmd');
          const constraint = cmd?.subtype === 'AT_AddConstraint' ? bodyOf(cmd.def, 'Constraint') : undefined;
          const kind = KINDS.get(constraint?.contype);
          if (!constraint || !kind || typeof constraint.indexname === 'string') continue;
          // Asked once a constraint would build an index (most ALTERs add none).
          existing ??= isExistingTable(ast, relation);
          if (!existing) return;
          const location = typeof constraint.location === 'number' ? constraint.location : undefined;
          context.report({
            messageId: 'requireUsingIndex',
            loc: location === undefined ? statement.loc : locationToLoc(context.sourceCode, location, statement),
            data: { kind, table: relationKey(relation), lock: lockOn('alter-table:add-unique', 'table') },
          });
        }
      },
    };
  },
});
