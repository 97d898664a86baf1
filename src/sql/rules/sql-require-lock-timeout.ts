import { hasLockTimeoutBefore, locationToLoc } from '../ast.js';
import { lockFindingOf } from '../lock-findings.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';

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
    return {
      // One finding per file, at the first statement that needs the timeout: one SET at the top fixes them all.
      Program(program) {
        for (const statement of program.statements) {
          // A timeout set earlier covers the statement whatever it locks: asked first, as it is the cheaper question.
          if (hasLockTimeoutBefore(program, statement.range[0])) continue;
          const lock = lockFindingOf(program, statement);
          if (!lock?.lock) continue;
          context.report({
            messageId: 'requireLockTimeout',
            loc: lock.location === undefined ? statement.loc : locationToLoc(context.sourceCode, lock.location, statement),
            data: { statement: lock.statement, lock: lock.lock, target: lock.target },
          });
          return;
        }
      },
    };
  },
});
