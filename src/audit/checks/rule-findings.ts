// Shared by the checks: the plugin rule findings that belong to a check.
import type { Finding } from '../types.js';
import type { AuditContext } from './check.js';

export function ruleFindingsOf(context: AuditContext, ruleIds: readonly string[]): Finding[] {
  return context.ruleFindings.filter((finding) => ruleIds.includes(finding.ruleId));
}
