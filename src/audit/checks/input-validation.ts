// Is the input validated? (Cognitive Audit Cycle, guideline 000). Stub until its owner lands: the plugin rules' findings only.
import { defineCheck } from './define-check.js';
import { ruleFindingsOf } from './rule-findings.js';

const RULE_IDS = ['fortress/require-input-validation'];

export default defineCheck({
  meta: { id: 'input-validation', title: 'Is the input validated?', ruleIds: RULE_IDS },
  run(context) {
    return { findings: ruleFindingsOf(context, RULE_IDS) };
  },
});
