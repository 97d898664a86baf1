import path from 'node:path';

import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';

type Options = [];
type MessageIds = 'skippedSet' | 'skippedSyntax';
type Context = SqlRuleContext<MessageIds, Options>;

export default createSqlRule<Options, MessageIds>({
  name: 'sql-unsupported-dialect',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require `.sql` files for another database than PostgreSQL (SQLite, MySQL, ClickHouse) to be ignored, said once per set',
      recommended: true,
      severity: 'warn',
    },
    messages: {
      skippedSet:
        'The .sql files under {{folder}} are {{dialect}}, not PostgreSQL ({{evidence}}), so the fortress SQL rules skip them (this is said once, on the first file); to silence it, add "{{folder}}/**" to the ignores of the fortress SQL config, or turn this rule off.',
      skippedSyntax:
        'The .sql files under {{folder}} that do not parse as PostgreSQL look like {{dialect}} ({{evidence}}), so the fortress SQL rules skip them (this is said once, on the first such file); if they are meant for PostgreSQL, fix their syntax, otherwise add "{{folder}}/**" to the ignores of the fortress SQL config.',
    },
    schema: [],
  },
  create(context: Context) {
    return {
      Program(program) {
        const other = program.otherDialect;
        if (!other?.report) return;
        const shown = (file: string): string => path.relative(context.cwd, file).split(path.sep).join('/') || '.';
        const folder = shown(other.scope);
        const evidence = other.bySyntax ? `${other.evidence} of ${shown(other.source)}` : `${shown(other.source)} ${other.evidence}`;
        context.report({
          messageId: other.bySyntax ? 'skippedSyntax' : 'skippedSet',
          loc: { line: 1, column: 0 },
          data: { folder, dialect: other.dialect, evidence },
        });
      },
    };
  },
});
