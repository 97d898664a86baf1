// Is the primary key UUIDv7? (Cognitive Audit Cycle, guideline 000). Stub until its owner lands: the plugin rules' findings only.
import { defineCheck } from './define-check.js';
import { ruleFindingsOf } from './rule-findings.js';

const RULE_IDS = ['fortress/no-uuid-v4', 'fortress/sql-no-uuid-v4-primary-key'];

export default defineCheck({
  meta: { id: 'primary-keys', title: 'Is the primary key UUIDv7?', ruleIds: RULE_IDS },
  run(context) {
    return { findings: ruleFindingsOf(context, RULE_IDS), tables: context.schema.tables.map(({ name, primaryKey }) => ({ name, primaryKey })) };
  },
});
