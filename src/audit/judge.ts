// The five checks over what the audit extracted: the rules' per-file findings and the project-wide facts, into the
// AuditResult every reporter reads. Shared by a run (./index.ts) and by the merge of a split run (./merge.ts), which
// loads neither ESLint nor the extractors.
import { readFileSync } from 'node:fs';

import type { AuditContext, CheckOutput } from './checks/check.js';
import { statusOf } from './checks/define-check.js';
import { checks } from './checks/index.js';
import type { AuditConfig } from './options.js';
import { compareFindings, summarize, uniqueNotices } from './result.js';
import type { AuditResult, CheckResult, Endpoint, Finding, ModuleNode, Notice, Table } from './types.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export const TOOL = { name: 'fortress-audit', version: packageJson.version } as const;

export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/** The extractors' project-wide facts: what the checks read besides the rules' findings. */
export type AuditFacts = Omit<AuditContext, 'config' | 'ruleFindings'>;

export function emptyFacts(): AuditFacts {
  return { project: { endpoints: [] }, moduleGraph: { modules: [], crossModuleImports: [], cycles: [] }, schema: { tables: [] }, secrets: { secrets: [] } };
}

/** The five checks on the rules' findings and the project-wide facts: the result every reporter reads. */
export function judge(config: AuditConfig, ruleFindings: readonly Finding[], facts: AuditFacts, notices: Notice[]): AuditResult {
  const context: AuditContext = { config, ruleFindings, ...facts };
  const checkResults: CheckResult[] = [];
  const endpoints: Endpoint[] = [];
  const tables: Table[] = [];
  const modules: ModuleNode[] = [];
  for (const check of checks.values()) {
    let output: CheckOutput;
    try {
      output = check.run(context);
    } catch (error) {
      notices.push({ file: null, message: `The ${check.meta.id} check failed (${errorText(error)}); it reports no findings.` });
      output = { findings: [] };
    }
    const findings = [...output.findings].sort(compareFindings);
    checkResults.push({ id: check.meta.id, title: check.meta.title, status: statusOf(findings), findings });
    endpoints.push(...(output.endpoints ?? []));
    tables.push(...(output.tables ?? []));
    modules.push(...(output.modules ?? []));
  }
  return {
    tool: { ...TOOL },
    summary: summarize(checkResults),
    checks: checkResults,
    endpoints,
    tables,
    modules,
    notices: uniqueNotices(notices),
  };
}

