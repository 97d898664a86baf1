// The terminal report: one verdict line per check, its findings under it, then the inventory in brief, the notices
// and the totals. Colours only when the caller asks (the CLI: a TTY and no NO_COLOR).
import { createColors } from 'picocolors';

import type { AuditResult, CheckResult, CheckStatus, Finding } from '../types.js';
import { plural, type ReportOptions } from './options.js';
import { redactResult } from './redact.js';

/** Endpoints listed one per line up to this count; past it, the counts (the JSON and Markdown reports list them all). */
const MAX_ENDPOINT_LINES = 40;

type Colors = ReturnType<typeof createColors>;

const VERDICT: Record<CheckStatus, { mark: string; label: string; paint: (colors: Colors, text: string) => string }> = {
  pass: { mark: '✔', label: 'PASS', paint: (colors, text) => colors.green(text) },
  warn: { mark: '▲', label: 'WARN', paint: (colors, text) => colors.yellow(text) },
  fail: { mark: '✖', label: 'FAIL', paint: (colors, text) => colors.red(text) },
};

function counts(findings: readonly Finding[]): string {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;
  const parts = [];
  if (errors > 0) parts.push(plural(errors, 'error'));
  if (warnings > 0) parts.push(plural(warnings, 'warning'));
  return parts.join(', ');
}

function checkLines(check: CheckResult, colors: Colors): string[] {
  const verdict = VERDICT[check.status];
  const head = `${verdict.paint(colors, `${verdict.mark} ${verdict.label}`)}  ${colors.bold(check.id.padEnd(17))} ${check.title}`;
  const lines = [check.findings.length > 0 ? `${head}  ${colors.dim(`(${counts(check.findings)})`)}` : head];
  for (const finding of check.findings) {
    const severity = finding.severity === 'error' ? colors.red('error  ') : colors.yellow('warning');
    lines.push(`    ${finding.file}:${finding.line}:${finding.column}  ${severity}  ${finding.message}  ${colors.dim(finding.ruleId)}`);
  }
  return lines;
}

function inventoryLines(result: AuditResult, colors: Colors): string[] {
  const lines: string[] = [];
  const validated = result.endpoints.filter((endpoint) => endpoint.validated).length;
  lines.push(colors.bold(`Endpoints: ${result.endpoints.length} (${validated} validated)`));
  if (result.endpoints.length <= MAX_ENDPOINT_LINES) {
    for (const endpoint of result.endpoints) {
      const mark = endpoint.validated ? colors.green('validated') : colors.yellow('not validated');
      lines.push(`    ${endpoint.method.padEnd(6)} ${endpoint.path}  ${colors.dim(`${endpoint.file}:${endpoint.line}`)}  ${endpoint.slice ?? '(no slice)'}  ${mark}`);
    }
  }
  const verdicts = { pass: 0, warn: 0, fail: 0, none: 0 };
  for (const table of result.tables) verdicts[table.primaryKey?.verdict ?? 'none'] += 1;
  lines.push(
    colors.bold(`Tables: ${result.tables.length}`) +
      (result.tables.length > 0 ? ` (primary keys: ${verdicts.pass} pass, ${verdicts.warn} warn, ${verdicts.fail} fail, ${verdicts.none} missing)` : ''),
  );
  if (result.modules && result.modules.length > 0) lines.push(colors.bold(`Modules: ${result.modules.length}`));
  return lines;
}

export function formatText(input: AuditResult, options: ReportOptions = {}): string {
  const result = redactResult(input);
  const colors = createColors(options.color === true);
  const lines = [colors.bold(`${result.tool.name} ${result.tool.version}: the Cognitive Audit Cycle`), ''];
  for (const check of result.checks) lines.push(...checkLines(check, colors));
  lines.push('', ...inventoryLines(result, colors));
  const notices = result.notices ?? [];
  if (notices.length > 0) {
    lines.push('', colors.bold(`Notices (${notices.length}): not analysed or skipped`));
    for (const notice of notices) lines.push(`    ${notice.file === null ? '' : `${notice.file}: `}${notice.message}`);
  }
  if (result.baseline) {
    const { file, suppressed, stale } = result.baseline;
    lines.push('', colors.bold(`Baseline ${file}: ${plural(suppressed, 'known finding')} hidden, ${plural(stale.length, 'stale entry', 'stale entries')}`));
    for (const entry of stale) {
      lines.push(`    ${entry.file}  ${entry.ruleId}  ${entry.message}${entry.count > 1 ? ` (×${entry.count})` : ''}  ${colors.dim('fixed: run --update-baseline')}`);
    }
  }
  const { errors, warnings } = result.summary;
  const total = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  lines.push('', errors > 0 ? colors.red(colors.bold(total)) : warnings > 0 ? colors.yellow(total) : colors.green(total));
  return `${lines.join('\n')}\n`;
}
