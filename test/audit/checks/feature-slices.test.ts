import { describe, expect, it } from 'vitest';

import featureSlices, { ENDPOINT_OUTSIDE_SLICE, MODULE_CYCLE } from '../../../src/audit/checks/feature-slices.js';
import { statusOf } from '../../../src/audit/checks/define-check.js';
import { contextWith, endpoint, finding } from './context.js';

const moduleGraph = {
  modules: [
    { name: 'billing', dependsOn: ['orders'] },
    { name: 'orders', dependsOn: ['billing'] },
  ],
  crossModuleImports: [
    { from: 'billing', to: 'orders', file: 'src/features/billing/billing.service.ts', line: 3, specifier: '../orders/orders.events.js' },
    { from: 'orders', to: 'billing', file: 'src/features/orders/orders.service.ts', line: 1, specifier: '@features/billing' },
  ],
  cycles: [['billing', 'orders', 'billing']],
};

describe('feature-slices check', () => {
  it('reports each cycle between modules at its first import', () => {
    const output = featureSlices.run(contextWith({ moduleGraph }));
    expect(output.findings).toEqual([
      {
        ruleId: MODULE_CYCLE,
        severity: 'error',
        file: 'src/features/billing/billing.service.ts',
        line: 3,
        column: 1,
        message: 'Modules billing → orders → billing import each other in a cycle; let one publish an event the other subscribes to, or move the shared code to the shared kernel.',
      },
    ]);
    expect(statusOf(output.findings)).toBe('fail');
    expect(output.modules).toEqual(moduleGraph.modules);
  });

  it('passes cross-module imports without a cycle (the rule judges each import) and takes the rules findings of its two rules only', () => {
    const layer = finding({ ruleId: 'fortress/no-horizontal-layers', file: 'src/controllers/users.ts', severity: 'warning' });
    const crossing = finding({ ruleId: 'fortress/no-cross-module-imports', file: 'src/features/orders/orders.service.ts' });
    const output = featureSlices.run(
      contextWith({
        moduleGraph: { ...moduleGraph, cycles: [] },
        ruleFindings: [crossing, finding({ ruleId: 'fortress/require-input-validation' }), layer],
      }),
    );
    expect(output.findings).toEqual([layer, crossing]);
  });

  it('warns once per file that declares endpoints outside any slice', () => {
    const output = featureSlices.run(
      contextWith({
        project: {
          endpoints: [
            endpoint({ method: 'GET', path: '/health', file: 'src/routes.ts', line: 6, slice: null }),
            endpoint({ method: 'GET', path: '/a', file: 'src/controllers/misc.ts', line: 9, slice: null }),
            endpoint({ method: 'POST', path: '/b', file: 'src/controllers/misc.ts', line: 4, column: 3, slice: null }),
            endpoint({ method: 'PUT', path: '/c', file: 'src/controllers/misc.ts', line: 12, slice: null }),
            endpoint({ method: 'DELETE', path: '/d', file: 'src/controllers/misc.ts', line: 15, slice: null }),
          ],
        },
      }),
    );
    expect(output.findings.map((found) => [found.ruleId, found.severity, found.file, found.line, found.column, found.message])).toEqual([
      [ENDPOINT_OUTSIDE_SLICE, 'warning', 'src/controllers/misc.ts', 4, 3, 'GET /a, POST /b, PUT /c and 1 more are declared outside any feature slice; move the route next to the feature it serves (e.g. src/features/<feature>/).'],
      [ENDPOINT_OUTSIDE_SLICE, 'warning', 'src/routes.ts', 6, 1, 'GET /health is declared outside any feature slice; move the route next to the feature it serves (e.g. src/features/<feature>/).'],
    ]);
    expect(statusOf(output.findings)).toBe('warn');
  });

  it('does not judge endpoints inside slices, nor file-routed ones whose place the framework sets (near-misses)', () => {
    const output = featureSlices.run(
      contextWith({
        project: {
          endpoints: [
            endpoint({ method: 'GET', path: '/api/users' }),
            endpoint({ method: 'GET', path: '/api/users', file: 'src/app/api/users/route.ts', slice: null, framework: 'web' }),
            endpoint({ method: 'POST', path: '/notes/new', file: 'app/routes/notes.new.tsx', slice: null, framework: 'remix' }),
          ],
        },
      }),
    );
    expect(output.findings).toEqual([]);
    expect(statusOf(output.findings)).toBe('pass');
  });

  it('outputs the endpoint inventory in the contract shape (no inventory-only facts) and the modules', () => {
    const output = featureSlices.run(
      contextWith({
        project: { endpoints: [endpoint({ method: 'POST', path: '/api/users', validated: false, unvalidatedInput: { label: 'req.body', file: 'x.ts', line: 1, column: 1 } })] },
        moduleGraph,
      }),
    );
    expect(output.endpoints).toEqual([{ method: 'POST', path: '/api/users', file: 'src/features/users/users.routes.ts', line: 1, slice: 'users', validated: false }]);
    expect(output.modules).toEqual(moduleGraph.modules);
  });
});
