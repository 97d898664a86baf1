import { describe, expect, it } from 'vitest';

import { formatText } from '../../../src/audit/report/text.js';
import { sampleResult } from './sample-result.js';

const ANSI = /\u001B\[/;

describe('text reporter', () => {
  it('prints one verdict line per check, in order, with its findings under it', () => {
    const lines = formatText(sampleResult()).split('\n');
    const verdicts = lines.filter((line) => /^[✔▲✖] (PASS|WARN|FAIL)/.test(line));
    expect(verdicts.map((line) => line.split(/\s+/)[2])).toEqual(['feature-slices', 'input-validation', 'indexes', 'primary-keys', 'secrets']);
    expect(verdicts[0]).toContain('FAIL');
    expect(verdicts[0]).toContain('(1 error, 1 warning)');
    expect(verdicts[2]).toMatch(/PASS\s+indexes/);
    const first = lines.indexOf(verdicts[0]!);
    expect(lines[first + 1]).toBe(
      "    src/controllers/users.controller.ts:1:1  error    This file is in the technical-role folder 'src/controllers/'.  fortress/no-horizontal-layers",
    );
  });

  it('summarises the inventory, the notices and the totals', () => {
    const text = formatText(sampleResult());
    expect(text).toContain('Endpoints: 2 (1 validated)');
    expect(text).toMatch(/POST\s+\/api\/users\s+src\/app\.ts:14\s+\(no slice\)\s+not validated/);
    expect(text).toContain('Tables: 2 (primary keys: 0 pass, 0 warn, 1 fail, 1 missing)');
    expect(text).toContain('src/huge.ts: Skipped: 5.0 MB');
    expect(text.trimEnd().split('\n').at(-1)).toBe('3 errors, 1 warning');
  });

  it('has no colour unless asked, and colour when asked', () => {
    expect(formatText(sampleResult())).not.toMatch(ANSI);
    expect(formatText(sampleResult(), { color: false })).not.toMatch(ANSI);
    expect(formatText(sampleResult(), { color: true })).toMatch(ANSI);
  });

  it('reports the baseline: hidden findings and stale entries', () => {
    const result = { ...sampleResult(), baseline: { file: 'audit-baseline.json', suppressed: 2, stale: [{ ruleId: 'fortress/no-uuid-v4', file: 'src/a.ts', message: 'UUIDv4.', count: 2 }] } };
    const text = formatText(result);
    expect(text).toContain('Baseline audit-baseline.json: 2 known findings hidden, 1 stale entry');
    expect(text).toContain('src/a.ts  fortress/no-uuid-v4  UUIDv4. (×2)');
  });
});
