// The TypeScript rule creator (src/util/create-rule.ts): options reach a rule with every default merged, by ESLint
// itself, once per config; a context made outside ESLint still gets the defaults; other languages get no listeners.
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { createRule } from '../../src/util/create-rule.js';

interface Options {
  limit: number;
  nested: { a: string; b?: string };
  list: string[];
}

function recordingRule(seen: unknown[]) {
  return createRule<[Options], 'seen'>({
    name: 'recording-rule',
    meta: {
      type: 'problem',
      docs: { description: 'Records the options it is created with.' },
      messages: { seen: 'seen' },
      schema: [{ type: 'object', additionalProperties: true }],
      defaultOptions: [{ limit: 10, nested: { a: 'default' }, list: ['x'] }],
    },
    create(context, [options]) {
      seen.push(options);
      return {};
    },
  });
}

/** Lints files with ESLint's own API, as the CLI and editor integrations do: one config, several files. */
async function lintWith(seen: unknown[], ruleConfig: Linter.RuleEntry, files = ['a.js', 'b.js']) {
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: [
      { plugins: { test: { rules: { 'recording-rule': recordingRule(seen) as never } } }, rules: { 'test/recording-rule': ruleConfig } },
    ],
  });
  for (const filePath of files) await eslint.lintText('const a = 1;', { filePath });
}

describe('createRule', () => {
  it('gives the rule the defaults merged under the user options (ESLint merges them, deeply)', async () => {
    const seen: unknown[] = [];
    await lintWith(seen, ['error', { nested: { b: 'user' }, list: ['y'] }]);
    expect(seen).toEqual([
      { limit: 10, nested: { a: 'default', b: 'user' }, list: ['y'] },
      { limit: 10, nested: { a: 'default', b: 'user' }, list: ['y'] },
    ]);
  });

  it('gives the rule the defaults when the config sets none', async () => {
    const seen: unknown[] = [];
    await lintWith(seen, 'error', ['a.js']);
    expect(seen).toEqual([{ limit: 10, nested: { a: 'default' }, list: ['x'] }]);
  });

  it('does not merge and clone the options again for every file: each file gets the object ESLint merged once', async () => {
    const seen: unknown[] = [];
    await lintWith(seen, ['error', { limit: 3 }], ['a.js', 'b.js', 'c.js']);
    expect(seen).toHaveLength(3);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).toBe(seen[0]);
  });

  it('merges the defaults itself for a context made outside ESLint (no options)', () => {
    const seen: unknown[] = [];
    const rule = recordingRule(seen);
    const context = { options: [], sourceCode: { ast: { type: 'Program', body: [] } } };
    rule.create(context as never);
    expect(seen).toEqual([{ limit: 10, nested: { a: 'default' }, list: ['x'] }]);
  });

  it('returns no listeners, and is not created, on a language whose tree is not ESTree', () => {
    const seen: unknown[] = [];
    const rule = recordingRule(seen);
    const listeners = rule.create({ options: [{ limit: 1 }], sourceCode: { ast: { type: 'Program', statements: [] } } } as never);
    expect(listeners).toEqual({});
    expect(seen).toEqual([]);
  });
});
