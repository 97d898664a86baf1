import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { cyclesOf, extractModuleGraph } from '../../../src/audit/extract/module-graph.js';
import { auditConfigSchema } from '../../../src/audit/options.js';
import { fixtureInput } from './fixture-input.js';

describe('extractModuleGraph', () => {
  it('finds cross-module imports through tsconfig path aliases and relative paths, and the cycle between modules', async () => {
    const input = fixtureInput('audit-module-graph');
    const graph = await extractModuleGraph(input);
    // src/features/shared is the shared kernel and src/controllers no slice: neither is a module.
    expect(graph.modules).toEqual([
      { name: 'billing', dependsOn: ['orders'] },
      { name: 'catalog', dependsOn: [] },
      { name: 'orders', dependsOn: ['billing', 'catalog'] },
    ]);
    expect(graph.crossModuleImports).toEqual([
      { from: 'billing', to: 'orders', file: 'src/features/billing/billing.service.ts', line: 1, specifier: '../orders/orders.events.js' },
      { from: 'orders', to: 'billing', file: 'src/features/orders/orders.service.ts', line: 1, specifier: '@features/billing' },
      { from: 'orders', to: 'catalog', file: 'src/features/orders/orders.service.ts', line: 2, specifier: '@features/catalog/catalog.prices' },
    ]);
    expect(graph.cycles).toEqual([['billing', 'orders', 'billing']]);
    expect(input.notices).toEqual([]);
  });

  it('uses the module roots configured for no-cross-module-imports', async () => {
    const input = fixtureInput('audit-module-graph', { rules: { 'fortress/no-cross-module-imports': ['error', { moduleRoots: ['src/controllers'] }] } });
    const graph = await extractModuleGraph(input);
    expect(graph.modules).toEqual([{ name: 'controllers', dependsOn: [] }]);
    expect(graph.cycles).toEqual([]);
  });

  it('returns an empty graph for a project without slices, and names a broken tsconfig once instead of throwing', async () => {
    expect(await extractModuleGraph(fixtureInput('audit-malformed'))).toEqual({ modules: [], crossModuleImports: [], cycles: [] });
    const root = mkdtempSync(path.join(tmpdir(), 'fortress-graph-'));
    try {
      mkdirSync(path.join(root, 'src/features/a'), { recursive: true });
      mkdirSync(path.join(root, 'src/features/b'), { recursive: true });
      writeFileSync(path.join(root, 'tsconfig.json'), '{ "extends": "./missing-base.json", "compilerOptions": { "paths": { "@b": ["src/features/b/index.ts"] } } }');
      writeFileSync(path.join(root, 'src/features/a/a.ts'), "import { b } from '../b/index.js';\nexport const a = b;\n");
      writeFileSync(path.join(root, 'src/features/b/index.ts'), 'export const b = 1;\n');
      const input = { root, config: auditConfigSchema.parse({}), files: ['src/features/a/a.ts', 'src/features/b/index.ts', 'tsconfig.json'], notices: [] };
      const graph = await extractModuleGraph(input);
      expect(graph.modules).toEqual([
        { name: 'a', dependsOn: ['b'] },
        { name: 'b', dependsOn: [] },
      ]);
      expect(input.notices).toHaveLength(1);
      expect(input.notices[0]).toMatchObject({ file: 'tsconfig.json' });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('cyclesOf', () => {
  const graph = (edges: Record<string, string[]>) => Object.entries(edges).map(([name, dependsOn]) => ({ name, dependsOn }));

  it('reads each loop once, from its smallest module, by its shortest way around', () => {
    expect(cyclesOf(graph({ c: ['a'], a: ['b'], b: ['c', 'a'] }))).toEqual([['a', 'b', 'a']]);
    expect(cyclesOf(graph({ orders: ['billing'], billing: ['payments'], payments: ['orders'] }))).toEqual([['billing', 'payments', 'orders', 'billing']]);
    expect(cyclesOf(graph({ a: ['b'], b: ['a'], x: ['y'], y: ['x'] }))).toEqual([
      ['a', 'b', 'a'],
      ['x', 'y', 'x'],
    ]);
  });

  it('finds no cycle in a diamond or a chain (near-misses)', () => {
    expect(cyclesOf(graph({ a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }))).toEqual([]);
    expect(cyclesOf(graph({ a: ['b'], b: ['c'], c: [] }))).toEqual([]);
    expect(cyclesOf([])).toEqual([]);
  });
});
