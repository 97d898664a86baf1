import { firstUntimedFinding } from '../lock-findings.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';
import { skipDeployedMigration } from '../deployed-migrations.js';

type Options = [];
type MessageIds = 'requireStatementTimeout';
type Context = SqlRuleContext<MessageIds, Options>;

export default createSqlRule<Options, MessageIds>({
  name: 'sql-require-statement-timeout',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require a statement_timeout before statements that take strong locks on, scan or rewrite existing tables',
      recommended: false,
    },
    messages: {
      requireStatementTimeout:
        '{{statement}} {{action}} {{target}} with no statement_timeout set earlier in this file, so on a large table it can run for minutes while holding its lock; start the file with SET statement_timeout = \'…\'; sized for the migration, so it fails instead of running unbounded.',
    },
    schema: [],
  },
  create(context: Context) {
    if (skipDeployedMigration(context)) return {};
    return {
      // One finding per file, at the first statement that needs the timeout: one SET at the top fixes them all.
      Program() {
        const first = firstUntimedFinding(context.sourceCode, 'statement_timeout', true);
        if (!first) return;
        const { statement, lock, entry, target } = first.finding;
        const action = lock ? `takes a lock in ${lock} mode on` : entry.rewrites ? 'rewrites' : 'scans';
        context.report({ messageId: 'requireStatementTimeout', loc: first.loc, data: { statement, action, target } });
      },
    };
  },
});
