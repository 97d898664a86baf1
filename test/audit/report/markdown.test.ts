import { describe, expect, it } from 'vitest';

import { formatMarkdown, mermaidGraph } from '../../../src/audit/report/markdown.js';
import { sampleResult } from './sample-result.js';

describe('markdown reporter', () => {
  it('starts with the totals and a verdict table of the five checks', () => {
    const lines = formatMarkdown(sampleResult()).split('\n');
    expect(lines[0]).toBe('## fortress-audit: 3 errors, 1 warning');
    expect(lines).toContain('| ❌ fail | `feature-slices` | Is this a feature slice? | 1 error, 1 warning |');
    expect(lines).toContain('| ✅ pass | `indexes` | Are the database indexes used? | none |');
  });

  it('keeps table cells intact: pipes escaped, HTML inert, code spans unescaped', () => {
    const markdown = formatMarkdown(sampleResult());
    expect(markdown).toContain('| `src/features/a b/index.ts:4:2` | warning | Modules a \\| b import each other: &lt;a&gt; → b → a. | `feature-slices/cycle` |');
    expect(markdown).toContain("| `src/app.ts:14:34` | error | `req.body` reaches the handler without validation. |");
  });

  it('lists endpoints and tables', () => {
    const markdown = formatMarkdown(sampleResult());
    expect(markdown).toContain('### Endpoints: 2 (1 validated)');
    expect(markdown).toContain('| POST | `/api/users` | `src/app.ts:14` | — | ❌ |');
    expect(markdown).toContain('| `users` | `id` | `uuid` | `gen_random_uuid()` | ❌ fail |');
    expect(markdown).toContain('| `audit_log` | none | — | — | ❌ fail |');
  });

  it('draws the module graph as Mermaid with generated ids and quoted labels', () => {
    expect(mermaidGraph(sampleResult().modules!)).toBe(
      ['```mermaid', 'graph LR', '  m0["billing"]', '  m1["catalog #quot;core#quot;"]', '  m2["orders"]', '  m0 --> m2', '  m2 --> m1', '```'].join('\n'),
    );
    expect(formatMarkdown(sampleResult())).toContain('### Module graph');
    expect(formatMarkdown({ ...sampleResult(), modules: [] })).not.toContain('mermaid');
  });

  it('caps the findings of a check (a PR comment has a size limit)', () => {
    const result = sampleResult();
    const finding = result.checks[1]!.findings[0]!;
    result.checks[1]!.findings = Array.from({ length: 75 }, (_unused, index) => ({ ...finding, line: index + 1 }));
    const markdown = formatMarkdown(result);
    expect(markdown).toContain('… and 25 more (the JSON report lists them all).');
    expect(markdown).not.toContain('`src/app.ts:51:34`');
  });
});
