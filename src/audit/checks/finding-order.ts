// Shared by the checks: findings in a stable order, and one finding per place when a rule and a check see the same thing.
import type { Finding } from '../types.js';

/** Sorted by file, line, column, rule id; the first finding at each file and line wins (list the rule's findings first). */
export function oncePerLine(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const kept = findings.filter((finding) => {
    const key = `${finding.file}\0${finding.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return sortFindings(kept);
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.ruleId, b.ruleId));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
