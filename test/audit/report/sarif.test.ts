// SARIF output checked against the official SARIF 2.1.0 schema (test/fixtures/schemas/README.md says where it is from).
import { readFileSync } from 'node:fs';

import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';

import { formatSarif } from '../../../src/audit/report/sarif.js';
import { sampleResult } from './sample-result.js';

function sarifValidator() {
  const schema = JSON.parse(readFileSync(new URL('../../fixtures/schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  // The official file is draft-04: its `$schema` and top-level `id` are the only parts ajv's draft-07 reads differently.
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  return ajv.compile(schema);
}

const validate = sarifValidator();

describe('sarif reporter', () => {
  it('is valid SARIF 2.1.0', () => {
    const log = JSON.parse(formatSarif(sampleResult())) as unknown;
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check is real: a result without a message is rejected', () => {
    const log = JSON.parse(formatSarif(sampleResult())) as Log;
    delete (log.runs[0]!.results![0] as { message?: unknown }).message;
    expect(validate(log)).toBe(false);
  });

  it('lists each rule once with its help page, and points results at it by index', () => {
    const log = JSON.parse(formatSarif(sampleResult())) as Log;
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules!;
    expect(rules.map((rule) => rule.id)).toEqual([
      'fortress/no-horizontal-layers',
      'feature-slices/cycle',
      'fortress/require-input-validation',
      'fortress/sql-no-uuid-v4-primary-key',
    ]);
    expect(rules[0]!.helpUri).toMatch(/\/docs\/rules\/no-horizontal-layers\.md$/);
    expect(rules[1]!.helpUri).toMatch(/\/docs\/checks\/feature-slices\.md$/);
    for (const result of run.results!) expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
  });

  it('uses relative, encoded artifact URIs and 1-based regions with the end when known', () => {
    const run = (JSON.parse(formatSarif(sampleResult())) as Log).runs[0]!;
    const locations = run.results!.map((result) => result.locations![0]!.physicalLocation!);
    expect(locations[0]!.artifactLocation).toEqual({ uri: 'src/controllers/users.controller.ts', uriBaseId: '%SRCROOT%' });
    expect(locations[1]!.artifactLocation!.uri).toBe('src/features/a%20b/index.ts');
    expect(locations[1]!.region).toEqual({ startLine: 4, startColumn: 2, endLine: 4, endColumn: 30 });
    expect(run.results!.map((result) => result.level)).toEqual(['error', 'warning', 'error', 'error']);
  });

  it('carries the notices as tool notifications, and an empty audit is valid too', () => {
    const run = (JSON.parse(formatSarif(sampleResult())) as Log).runs[0]!;
    expect(run.invocations![0]!.toolExecutionNotifications!.map((n) => n.message.text)).toContain('Not a git repository.');
    const empty = { ...sampleResult(), notices: [] };
    empty.checks = empty.checks.map((check) => ({ ...check, findings: [] }));
    expect(validate(JSON.parse(formatSarif(empty)))).toBe(true);
  });
});
