// Building and narrowing an AuditResult: statuses and the summary always follow the findings that remain.
import { statusOf } from './checks/define-check.js';
import type { AuditResult, CheckResult, Finding, Notice } from './types.js';

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

export function summarize(checks: readonly CheckResult[]): AuditResult['summary'] {
  let errors = 0;
  let warnings = 0;
  for (const check of checks) {
    for (const finding of check.findings) {
      if (finding.severity === 'error') errors += 1;
      else warnings += 1;
    }
  }
  return { errors, warnings };
}

/** The result with only the findings `keep` accepts; statuses and summary recomputed. */
export function keepFindings(result: AuditResult, keep: (finding: Finding) => boolean): AuditResult {
  const checks = result.checks.map((check) => {
    const findings = check.findings.filter(keep);
    return { ...check, status: statusOf(findings), findings };
  });
  return { ...result, checks, summary: summarize(checks) };
}

/** One notice per problem: duplicates dropped, sorted by file (project-wide notices first). */
export function uniqueNotices(notices: readonly Notice[]): Notice[] {
  const seen = new Set<string>();
  const unique: Notice[] = [];
  for (const notice of notices) {
    const key = `${notice.file ?? ''}\0${notice.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(notice);
  }
  return unique.sort((a, b) => ((a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : 0));
}

/** Does any finding reach the `--fail-on` level? */
export function failsAt(result: AuditResult, failOn: 'error' | 'warning' | 'never'): boolean {
  if (failOn === 'never') return false;
  return failOn === 'warning' ? result.summary.errors + result.summary.warnings > 0 : result.summary.errors > 0;
}
