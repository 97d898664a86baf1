import { describe, expect, it } from 'vitest';

import { formatJson } from '../../../src/audit/report/json.js';
import { auditReportSchema } from '../../support/audit-contract.js';
import { sampleResult } from './sample-result.js';

describe('json reporter', () => {
  it('prints the result exactly, and the output satisfies the contract', () => {
    const result = sampleResult();
    const parsed = JSON.parse(formatJson(result)) as unknown;
    expect(parsed).toEqual(result);
    expect(auditReportSchema.safeParse(parsed).success).toBe(true);
  });

  it('an empty audit is still the whole contract', () => {
    const result = { ...sampleResult(), endpoints: [], tables: [], summary: { errors: 0, warnings: 0 } };
    result.checks = result.checks.map((check) => ({ ...check, status: 'pass' as const, findings: [] }));
    expect(auditReportSchema.safeParse(JSON.parse(formatJson(result))).success).toBe(true);
  });

  it('the contract schema rejects a broken report (an absolute path, a renamed check)', () => {
    const absolute = sampleResult();
    absolute.checks[0]!.findings[0]!.file = '/home/me/project/src/app.ts';
    expect(auditReportSchema.safeParse(JSON.parse(formatJson(absolute))).success).toBe(false);
    const renamed = JSON.parse(formatJson(sampleResult())) as { checks: Array<{ id: string }> };
    renamed.checks[0]!.id = 'slices';
    expect(auditReportSchema.safeParse(renamed).success).toBe(false);
  });
});
