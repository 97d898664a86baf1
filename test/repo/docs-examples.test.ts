// Every ❌ block in docs/rules/*.md yields at least one error of its rule; every ✅ block yields none. The docs do not
// say where a ❌ block is reported, so what each one yields (how many findings, where in the block, which message) is
// pinned in __snapshots__/docs-examples.test.ts.snap: a rule change that moves, adds or drops a finding on a documented
// example fails here until the snapshot is reviewed and updated (`npx vitest run test/repo/docs-examples.test.ts -u`).
// Fence info: ```ts filename="src/modules/a/x.ts" options='{"allowPublicApi":false}'
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Example paths are resolved under this folder (a small project with a tsconfig). */
const docsCwd = path.join(root, 'test/fixtures/docs-examples');

interface Example {
  rule: string;
  kind: 'incorrect' | 'correct';
  lang: string;
  code: string;
  filename: string;
  options: unknown;
  line: number;
}

function parseAttributes(info: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of info.matchAll(/(\w+)=(?:"([^"]*)"|'([^']*)')/g)) {
    attributes[match[1]!] = match[2] ?? match[3] ?? '';
  }
  return attributes;
}

function examplesOf(rule: string): Example[] {
  const lines = readFileSync(path.join(root, 'docs/rules', `${rule}.md`), 'utf8').split('\n');
  const examples: Example[] = [];
  let kind: Example['kind'] | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.startsWith('#')) {
      kind = line.includes('❌') ? 'incorrect' : line.includes('✅') ? 'correct' : line.startsWith('###') ? kind : undefined;
      continue;
    }
    const fence = /^```(\w+)\s*(.*)$/.exec(line);
    if (!fence) continue;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !lines[index]!.startsWith('```'); index++) body.push(lines[index]!);
    const lang = fence[1]!;
    if (!kind || !['ts', 'tsx', 'js', 'sql', 'prisma'].includes(lang)) continue;
    const attributes = parseAttributes(fence[2] ?? '');
    examples.push({
      rule,
      kind,
      lang,
      code: `${body.join('\n')}\n`,
      filename: attributes.filename ?? (lang === 'sql' ? 'migrations/0002_example.sql' : lang === 'prisma' ? 'prisma/schema.prisma' : `src/features/example/example.${lang}`),
      options: attributes.options ? JSON.parse(attributes.options) : undefined,
      line: start + 1,
    });
  }
  return examples;
}

const ruleNames = Object.keys(plugin.rules).sort();

describe.each(ruleNames)('docs/rules/%s.md examples', (rule) => {
  const examples = examplesOf(rule);

  it('has at least one ❌ and one ✅ example', () => {
    expect(examples.some((example) => example.kind === 'incorrect')).toBe(true);
    expect(examples.some((example) => example.kind === 'correct')).toBe(true);
  });

  /** The findings of `rule` on one example (fatal parsing errors fail the test). */
  function lint(example: Example): Linter.LintMessage[] {
    const linter = new Linter({ cwd: docsCwd });
    const severity = example.options === undefined ? ['error'] : ['error', example.options];
    const config: Linter.Config[] =
      example.lang === 'sql' || example.lang === 'prisma'
        ? [
            {
              files: [`**/*.${example.lang}`],
              plugins: { fortress: plugin as never },
              language: `fortress/${example.lang}`,
              rules: { [`fortress/${rule}`]: severity as Linter.RuleEntry },
            },
          ]
        : [
            {
              files: ['**/*.{ts,tsx,js}'],
              plugins: { fortress: plugin as never },
              languageOptions: { parser: tsParser as never },
              rules: { [`fortress/${rule}`]: severity as Linter.RuleEntry },
            },
          ];
    const messages = linter.verify(example.code, config, { filename: path.join(docsCwd, example.filename) });
    expect(messages.filter((message) => message.fatal), 'the example must parse').toEqual([]);
    expect(messages.filter((message) => message.ruleId !== `fortress/${rule}`), 'only the rule reports').toEqual([]);
    return messages;
  }

  it.each(examples.map((example) => [`${example.kind} block at line ${example.line}`, example] as const))(
    '%s',
    (_title, example) => {
      const messages = lint(example);
      if (example.kind === 'incorrect') expect(messages.length).toBeGreaterThan(0);
      else expect(messages).toEqual([]);
    },
  );

  it('❌ blocks: what each one yields (count, line:column in the block, message) is the reviewed snapshot', () => {
    const lines = (code: string) => code.split('\n').length;
    const findings = examples
      .filter((example) => example.kind === 'incorrect')
      .map((example, index) => {
        const messages = lint(example);
        for (const message of messages) expect(message.line).toBeLessThanOrEqual(lines(example.code));
        return [`❌ ${index + 1}`, ...messages.map((message) => `${message.line}:${message.column} ${message.messageId ?? message.message}`)].join('\n  ');
      });
    expect(findings.join('\n')).toMatchSnapshot();
  });
});
