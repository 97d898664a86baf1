import { firstUntimedFinding } from '../lock-findings.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';
import { skipDeployedMigration } from '../deployed-migrations.js';

type Options = [];
type MessageIds = 'requireLockTimeout';
type Context = SqlRuleContext<MessageIds, Options>;

export default createSqlRule<Options, MessageIds>({
  name: 'sql-require-lock-timeout',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require a lock_timeout before statements that take strong locks on existing tables',
      recommended: false,
    },
    messages: {
      requireLockTimeout:
        '{{statement}} takes a lock in {{lock}} mode on {{target}} with no lock_timeout set earlier in this file, so while it waits every query on the table queues behind it; start the file with SET lock_timeout = \'1s\'; so the migration fails fast and can be retried.',
    },
    schema: [],
  },
  create(context: Context) {
    if (skipDeployedMigration(context)) return {};
    return {
      // One finding per file, at the first statement that needs the timeout: one SET at the top fixes them all.
      Program() {
        const first = firstUntimedFinding(context.sourceCode, 'lock_timeout', false);
        if (!first?.finding.lock) return;
        const { statement, lock, target } = first.finding;
        context.report({ messageId: 'requireLockTimeout', loc: first.loc, data: { statement, lock, target } });
      },
    };
  },
});
