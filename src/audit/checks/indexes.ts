// Are the database indexes used? (Cognitive Audit Cycle, guideline 000). Stub until its owner lands: the plugin rules' findings only.
import { defineCheck } from './define-check.js';
import { ruleFindingsOf } from './rule-findings.js';

const RULE_IDS = ['fortress/sql-require-foreign-key-index', 'fortress/no-offset-pagination', 'fortress/sql-no-offset'];

export default defineCheck({
  meta: { id: 'indexes', title: 'Are the database indexes used?', ruleIds: RULE_IDS },
  run(context) {
    return { findings: ruleFindingsOf(context, RULE_IDS) };
  },
});
