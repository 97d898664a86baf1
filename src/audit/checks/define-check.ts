// One way to declare a check: its docs URL from its id, its status from its findings.
import { REPOSITORY_URL } from '../../util/create-rule.js';
import type { CheckId, CheckStatus, Finding } from '../types.js';
import type { Check } from './check.js';

export function checkDocsUrl(id: CheckId): string {
  return `${REPOSITORY_URL}/blob/main/docs/checks/${id}.md`;
}

/** fail when any finding is an error, warn when any is a warning, pass otherwise. */
export function statusOf(findings: readonly Finding[]): CheckStatus {
  if (findings.some((finding) => finding.severity === 'error')) return 'fail';
  return findings.length > 0 ? 'warn' : 'pass';
}

export function defineCheck(check: Omit<Check, 'meta'> & { meta: Omit<Check['meta'], 'docsUrl'> }): Check {
  return { ...check, meta: { ...check.meta, docsUrl: checkDocsUrl(check.meta.id) } };
}
