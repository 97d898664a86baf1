// Edges of the feature-slices check a mutant could change unnoticed (issue 13): a cycle without a recorded import,
// exactly three endpoints outside a slice, two on one line.
import { describe, expect, it } from 'vitest';

import featureSlices, { MODULE_CYCLE } from '../../../src/audit/checks/feature-slices.js';
import { contextWith, endpoint } from './context.js';

/** The check's output for a project of these endpoints. */
const runOn = (...endpoints: Array<ReturnType<typeof endpoint>>) => featureSlices.run(contextWith({ project: { endpoints } }));

describe('feature-slices check edges', () => {
  it('a cycle whose first import is not among the recorded ones: reported with no file, on line 1', () => {
    const moduleGraph = { modules: [], crossModuleImports: [{ from: 'orders', to: 'billing', file: 'src/o.ts', line: 7, specifier: '../billing' }], cycles: [['billing', 'orders', 'billing']] };
    expect(featureSlices.run(contextWith({ moduleGraph })).findings.map(({ ruleId, file, line }) => [ruleId, file, line])).toEqual([[MODULE_CYCLE, '', 1]]);
  });

  it("a cycle is reported at the import from its first module to its second, not at another of either's imports", () => {
    const crossModuleImports = [
      { from: 'users', to: 'orders', file: 'src/u.ts', line: 1, specifier: '../orders' },
      { from: 'billing', to: 'users', file: 'src/b-users.ts', line: 2, specifier: '../users' },
      { from: 'billing', to: 'orders', file: 'src/b-orders.ts', line: 3, specifier: '../orders' },
    ];
    const moduleGraph = { modules: [], crossModuleImports, cycles: [['billing', 'orders', 'billing']] };
    expect(featureSlices.run(contextWith({ moduleGraph })).findings.map(({ file, line }) => [file, line])).toEqual([['src/b-orders.ts', 3]]);
  });

  it('two endpoints on one line: the finding goes to the leftmost, whichever comes first in the inventory', () => {
    const output = runOn(
      endpoint({ method: 'GET', path: '/a', file: 'src/api.ts', line: 5, column: 4, slice: null }),
      endpoint({ method: 'GET', path: '/b', file: 'src/api.ts', line: 5, column: 30, slice: null }),
    );
    expect(output.findings.map(({ line, column }) => [line, column])).toEqual([[5, 4]]);
  });

  it('exactly three endpoints: all named, no "more"; the first is the leftmost of the first line', () => {
    const output = runOn(
      endpoint({ method: 'GET', path: '/a', file: 'src/api.ts', line: 5, column: 30, slice: null }),
      endpoint({ method: 'GET', path: '/b', file: 'src/api.ts', line: 5, column: 4, slice: null }),
      endpoint({ method: 'GET', path: '/c', file: 'src/api.ts', line: 9, column: 1, slice: null }),
    );
    expect(output.findings.map(({ line, column, message }) => [line, column, message])).toEqual([
      [5, 4, 'GET /a, GET /b, GET /c are declared outside any feature slice; move the route next to the feature it serves (e.g. src/features/<feature>/).'],
    ]);
  });
});
