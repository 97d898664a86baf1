// Is this a feature slice? (Cognitive Audit Cycle, guideline 000). Stub until its owner lands: the plugin rules' findings only.
import { defineCheck } from './define-check.js';
import { ruleFindingsOf } from './rule-findings.js';

const RULE_IDS = ['fortress/no-horizontal-layers', 'fortress/no-cross-module-imports'];

export default defineCheck({
  meta: { id: 'feature-slices', title: 'Is this a feature slice?', ruleIds: RULE_IDS },
  run(context) {
    return { findings: ruleFindingsOf(context, RULE_IDS), modules: context.moduleGraph.modules, endpoints: context.project.endpoints.map(({ method, path, file, line, slice, validated }) => ({ method, path, file, line, slice, validated })) };
  },
});
