// Are the secrets managed? (Cognitive Audit Cycle, guideline 000). Stub until its owner lands: the plugin rules' findings only.
import { defineCheck } from './define-check.js';
import { ruleFindingsOf } from './rule-findings.js';

const RULE_IDS: string[] = [];

export default defineCheck({
  meta: { id: 'secrets', title: 'Are the secrets managed?', ruleIds: RULE_IDS },
  run(context) {
    return { findings: ruleFindingsOf(context, RULE_IDS) };
  },
});
