import { relationKey } from '../ast.js';
import { isExistingRelation } from '../lock-findings.js';
import { locksOf, type LockTarget } from '../locks.js';
import { postgresVersionOf } from '../postgres-version.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';
import { skipDeployedMigration } from '../deployed-migrations.js';

type Options = [];
type MessageIds = 'requireConcurrentReindex';
type Context = SqlRuleContext<MessageIds, Options>;

/** REINDEX … CONCURRENTLY exists since PostgreSQL 12. */
const CONCURRENTLY_SINCE = 12;

export default createSqlRule<Options, MessageIds>({
  name: 'sql-require-concurrent-reindex',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require CONCURRENTLY when reindexing an existing table or index',
      recommended: true,
    },
    messages: {
      requireConcurrentReindex:
        'REINDEX of {{target}} without CONCURRENTLY blocks writes to the table (SHARE lock) and every query that plans with the index (ACCESS EXCLUSIVE on it) until the rebuild ends; use REINDEX … CONCURRENTLY, in a file that runs outside a transaction.',
    },
    schema: [],
  },
  create(context: Context) {
    if (skipDeployedMigration(context)) return {};
    if (postgresVersionOf(context) < CONCURRENTLY_SINCE) return {};
    const { ast } = context.sourceCode;
    return {
      Statement(statement) {
        // REINDEX SYSTEM has no CONCURRENTLY form.
        if (statement.kind !== 'ReindexStmt' || statement.node.kind === 'REINDEX_OBJECT_SYSTEM') return;
        for (const lockUse of locksOf(statement)) {
          if (lockUse.id !== 'reindex') continue;
          const [named] = Object.entries(lockUse.relations) as Array<[LockTarget, NonNullable<(typeof lockUse.relations)[LockTarget]>]>;
          if (named && !isExistingRelation(ast, named[0], named[1])) continue;
          const target = named ? `${named[0]} ${relationKey(named[1])}` : `every index of ${String(statement.node.name ?? 'the database')}`;
          context.report({ messageId: 'requireConcurrentReindex', loc: statement.loc, data: { target } });
        }
      },
    };
  },
});
