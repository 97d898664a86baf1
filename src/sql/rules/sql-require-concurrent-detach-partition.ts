import { locationToLoc, relationKey } from '../ast.js';
import { isExistingRelation } from '../lock-findings.js';
import { locksOf } from '../locks.js';
import { postgresVersionOf } from '../postgres-version.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';
import { skipDeployedMigration } from '../deployed-migrations.js';

type Options = [];
type MessageIds = 'requireConcurrentDetach';
type Context = SqlRuleContext<MessageIds, Options>;

/** DETACH PARTITION … CONCURRENTLY exists since PostgreSQL 14. */
const CONCURRENTLY_SINCE = 14;

export default createSqlRule<Options, MessageIds>({
  name: 'sql-require-concurrent-detach-partition',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require CONCURRENTLY when detaching a partition from an existing partitioned table',
      recommended: true,
    },
    messages: {
      requireConcurrentDetach:
        'Detaching partition {{partition}} from {{parent}} without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on both, blocking every read and write of the partitioned table; use DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+), in a file that runs outside a transaction.',
    },
    schema: [],
  },
  create(context: Context) {
    if (skipDeployedMigration(context)) return {};
    if (postgresVersionOf(context) < CONCURRENTLY_SINCE) return {};
    const { ast } = context.sourceCode;
    return {
      Statement(statement) {
        if (statement.kind !== 'AlterTableStmt') return;
        for (const lockUse of locksOf(statement)) {
          const { parent, partition } = lockUse.relations;
          if (lockUse.id !== 'alter-table:detach-partition' || !parent || !partition || !isExistingRelation(ast, 'parent', parent)) continue;
          context.report({
            messageId: 'requireConcurrentDetach',
            loc: partition.location === undefined ? statement.loc : locationToLoc(context.sourceCode, partition.location, statement),
            data: { partition: relationKey(partition), parent: relationKey(parent) },
          });
        }
      },
    };
  },
});
