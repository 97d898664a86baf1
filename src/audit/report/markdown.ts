// Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY: the verdict table first, findings per check (capped,
// GitHub comments stop at 65,536 characters), the endpoint and table inventories, the module graph as Mermaid.
import type { AuditResult, CheckStatus, Finding, ModuleNode } from '../types.js';
import { plural } from './options.js';
import { redactResult } from './redact.js';

const MAX_FINDINGS_PER_CHECK = 50;
const MAX_INVENTORY_ROWS = 200;

const VERDICT: Record<CheckStatus, string> = { pass: '✅ pass', warn: '⚠️ warn', fail: '❌ fail' };

/** A table cell: no line breaks, no column breaks, no HTML. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline code in a table cell: HTML is inert there, only line and column breaks and backticks need care. */
function code(text: string): string {
  return `\`${text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/`/g, "'")}\``;
}

function findingCounts(findings: readonly Finding[]): string {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  if (findings.length === 0) return 'none';
  return [errors > 0 ? plural(errors, 'error') : '', findings.length - errors > 0 ? plural(findings.length - errors, 'warning') : '']
    .filter(Boolean)
    .join(', ');
}

function table(header: string[], rows: string[][], total: number): string[] {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
  if (total > rows.length) lines.push('', `… and ${total - rows.length} more (the JSON report lists them all).`);
  return lines;
}

/** Mermaid node ids are generated (`m0`, `m1`…); module names go in quoted labels. */
export function mermaidGraph(modules: readonly ModuleNode[]): string {
  const names = [...new Set([...modules.map((module) => module.name), ...modules.flatMap((module) => module.dependsOn)])].sort();
  const ids = new Map(names.map((name, index) => [name, `m${index}`]));
  const lines = ['```mermaid', 'graph LR'];
  for (const name of names) lines.push(`  ${ids.get(name)}["${name.replace(/"/g, '#quot;')}"]`);
  for (const module of modules) {
    for (const target of module.dependsOn) lines.push(`  ${ids.get(module.name)} --> ${ids.get(target)}`);
  }
  lines.push('```');
  return lines.join('\n');
}

export function formatMarkdown(input: AuditResult): string {
  const result = redactResult(input);
  const { errors, warnings } = result.summary;
  const out: string[] = [`## ${result.tool.name}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`, ''];
  out.push(
    ...table(
      ['Verdict', 'Check', 'Question', 'Findings'],
      result.checks.map((check) => [VERDICT[check.status], code(check.id), cell(check.title), findingCounts(check.findings)]),
      result.checks.length,
    ),
  );
  for (const check of result.checks) {
    if (check.findings.length === 0) continue;
    const shown = check.findings.slice(0, MAX_FINDINGS_PER_CHECK);
    out.push('', `### ${VERDICT[check.status]} ${code(check.id)}: ${cell(check.title)}`, '');
    out.push(
      ...table(
        ['Location', 'Severity', 'Message', 'Rule'],
        shown.map((finding) => [code(`${finding.file}:${finding.line}:${finding.column}`), finding.severity, cell(finding.message), code(finding.ruleId)]),
        check.findings.length,
      ),
    );
  }
  if (result.endpoints.length > 0) {
    const validated = result.endpoints.filter((endpoint) => endpoint.validated).length;
    out.push('', `### Endpoints: ${result.endpoints.length} (${validated} validated)`, '', '<details><summary>Endpoint inventory</summary>', '');
    out.push(
      ...table(
        ['Method', 'Path', 'Location', 'Slice', 'Validated'],
        result.endpoints
          .slice(0, MAX_INVENTORY_ROWS)
          .map((endpoint) => [endpoint.method, code(endpoint.path), code(`${endpoint.file}:${endpoint.line}`), endpoint.slice === null ? '—' : code(endpoint.slice), endpoint.validated ? '✅' : '❌']),
        result.endpoints.length,
      ),
      '',
      '</details>',
    );
  }
  if (result.tables.length > 0) {
    out.push('', `### Tables: ${result.tables.length}`, '');
    out.push(
      ...table(
        ['Table', 'Primary key', 'Type', 'Default', 'Verdict'],
        result.tables.slice(0, MAX_INVENTORY_ROWS).map((entry) => {
          const key = entry.primaryKey;
          if (key === null) return [code(entry.name), 'none', '—', '—', '❌ fail'];
          return [code(entry.name), code(key.columns.join(', ')), key.type === null ? '—' : code(key.type), key.default === null ? '—' : code(key.default), VERDICT[key.verdict]];
        }),
        result.tables.length,
      ),
    );
  }
  if (result.modules && result.modules.length > 0) out.push('', '### Module graph', '', mermaidGraph(result.modules));
  if (result.notices && result.notices.length > 0) {
    out.push('', `### Notices: ${result.notices.length}`, '');
    for (const notice of result.notices) out.push(`- ${notice.file === null ? '' : `${code(notice.file)}: `}${cell(notice.message)}`);
  }
  if (result.baseline) {
    const { suppressed, stale } = result.baseline;
    out.push('', `### Baseline: ${plural(suppressed, 'known finding')} hidden, ${plural(stale.length, 'stale entry', 'stale entries')}`);
    if (stale.length > 0) out.push('', ...stale.map((entry) => `- ${code(entry.file)} ${code(entry.ruleId)}: ${cell(entry.message)} (fixed: run \`--update-baseline\`)`));
  }
  return `${out.join('\n')}\n`;
}
