// Is the input validated? (Cognitive Audit Cycle, guideline 000: "Is Input Validated with a Schema? (Zero Trust)").
// The require-input-validation rule's findings, plus one finding per endpoint whose handler reads input that nothing
// validates: the same fact (rules/utils/route-validation.ts), reached across files (a handler defined in another
// file, a DTO declared elsewhere, a global ValidationPipe). Where both see the same read, the rule's finding stays.
import type { Finding } from '../types.js';
import { defineCheck } from './define-check.js';
import { oncePerLine } from './finding-order.js';
import { ruleFindingsOf } from './rule-findings.js';

const RULE_IDS = ['fortress/require-input-validation'];
export const UNVALIDATED_ENDPOINT = 'input-validation/unvalidated-endpoint';

export default defineCheck({
  meta: { id: 'input-validation', title: 'Is the input validated?', ruleIds: RULE_IDS },
  run(context) {
    const endpoints: Finding[] = [];
    for (const endpoint of context.project.endpoints) {
      const read = endpoint.unvalidatedInput;
      if (endpoint.validated || !read) continue;
      endpoints.push({
        ruleId: UNVALIDATED_ENDPOINT,
        severity: 'error',
        file: read.file,
        line: read.line,
        column: read.column,
        message: `${endpoint.method} ${endpoint.path} reads \`${read.label}\` without validation; parse it with a schema or add a validating middleware or pipe before the handler.`,
      });
    }
    return { findings: oncePerLine([...ruleFindingsOf(context, RULE_IDS), ...endpoints]) };
  },
});
