// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, a reporting descriptor per rule id with its
// help page, results with relative artifact URIs (against %SRCROOT%, the audited folder) and 1-based regions.
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';

import { checkDocsUrl, findingDocsUrl, REPOSITORY_URL } from '../../util/docs-urls.js';
import type { AuditResult, Finding } from '../types.js';
import { redactResult } from './redact.js';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** A relative posix path as a URI reference: each segment percent-encoded, the slashes kept. */
function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function resultOf(finding: Finding, checkId: string, ruleIndex: number): Result {
  const region: NonNullable<Result['locations']>[number]['physicalLocation'] = {
    artifactLocation: { uri: fileUri(finding.file), uriBaseId: '%SRCROOT%' },
    region: { startLine: Math.max(1, finding.line), startColumn: Math.max(1, finding.column) },
  };
  if (region.region && finding.endLine !== undefined && finding.endLine >= finding.line) {
    region.region.endLine = finding.endLine;
    if (finding.endColumn !== undefined && finding.endColumn >= 1) region.region.endColumn = finding.endColumn;
  }
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.severity === 'error' ? 'error' : 'warning',
    message: { text: finding.message },
    locations: [{ physicalLocation: region }],
    properties: { check: checkId },
  };
}

export function formatSarif(input: AuditResult): string {
  const result = redactResult(input);
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const results: Result[] = [];
  for (const check of result.checks) {
    for (const finding of check.findings) {
      let index = ruleIndex.get(finding.ruleId);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(finding.ruleId, index);
        rules.push({
          id: finding.ruleId,
          shortDescription: { text: `${check.title} (${finding.ruleId})` },
          helpUri: findingDocsUrl(finding.ruleId),
          help: { text: `See ${findingDocsUrl(finding.ruleId)} and the ${check.id} check: ${checkDocsUrl(check.id)}` },
          properties: { check: check.id },
        });
      }
      results.push(resultOf(finding, check.id, index));
    }
  }
  const notifications: Notification[] = (result.notices ?? []).map((notice) => {
    const notification: Notification = { level: 'note', message: { text: notice.message } };
    if (notice.file !== null) {
      notification.locations = [{ physicalLocation: { artifactLocation: { uri: fileUri(notice.file), uriBaseId: '%SRCROOT%' } } }];
    }
    return notification;
  });
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: result.tool.name, version: result.tool.version, informationUri: REPOSITORY_URL, rules } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
