// Is this a feature slice? (Cognitive Audit Cycle, guideline 000: "Is the endpoint under a feature slice? (Not in a
// generic controller folder)"). The rules' findings (horizontal layer folders, cross-module imports), plus what needs
// the whole project: cycles between modules, and endpoints declared outside any slice. Outputs the endpoint
// inventory and the module graph.
import type { EndpointFact } from '../extract/project.js';
import type { Endpoint, Finding } from '../types.js';
import { defineCheck } from './define-check.js';
import { sortFindings } from './finding-order.js';
import { ruleFindingsOf } from './rule-findings.js';

const RULE_IDS = ['fortress/no-horizontal-layers', 'fortress/no-cross-module-imports'];
export const MODULE_CYCLE = 'feature-slices/module-cycle';
export const ENDPOINT_OUTSIDE_SLICE = 'feature-slices/endpoint-outside-slice';
/** Frameworks whose route files sit where the framework requires (Next.js `app/`, Remix `app/routes/`): not judged. */
const FILE_ROUTED = new Set(['web', 'remix']);
const LISTED = 3;

export default defineCheck({
  meta: { id: 'feature-slices', title: 'Is this a feature slice?', ruleIds: RULE_IDS },
  run(context) {
    const { moduleGraph, project } = context;
    const findings: Finding[] = [...ruleFindingsOf(context, RULE_IDS)];
    for (const cycle of moduleGraph.cycles) {
      const first = moduleGraph.crossModuleImports.find((edge) => edge.from === cycle[0] && edge.to === cycle[1]);
      findings.push({
        ruleId: MODULE_CYCLE,
        severity: 'error',
        file: first?.file ?? '',
        line: first?.line ?? 1,
        column: 1,
        message: `Modules ${cycle.join(' → ')} import each other in a cycle; let one publish an event the other subscribes to, or move the shared code to the shared kernel.`,
      });
    }
    findings.push(...outsideSlices(project.endpoints));
    return { findings: sortFindings(findings), endpoints: project.endpoints.map(toEndpoint), modules: moduleGraph.modules };
  },
});

/** One finding per file that declares endpoints outside any slice, at its first one. */
function outsideSlices(endpoints: readonly EndpointFact[]): Finding[] {
  const byFile = new Map<string, EndpointFact[]>();
  for (const endpoint of endpoints) {
    if (endpoint.slice !== null || FILE_ROUTED.has(endpoint.framework)) continue;
    byFile.set(endpoint.file, [...(byFile.get(endpoint.file) ?? []), endpoint]);
  }
  return [...byFile].map(([file, found]) => {
    const first = found.reduce((a, b) => (b.line < a.line || (b.line === a.line && b.column < a.column) ? b : a));
    const names = found.slice(0, LISTED).map((endpoint) => `${endpoint.method} ${endpoint.path}`);
    const more = found.length > LISTED ? ` and ${found.length - LISTED} more` : '';
    return {
      ruleId: ENDPOINT_OUTSIDE_SLICE,
      severity: 'warning',
      file,
      line: first.line,
      column: first.column,
      message: `${names.join(', ')}${more} ${found.length === 1 ? 'is' : 'are'} declared outside any feature slice; move the route next to the feature it serves (e.g. src/features/<feature>/).`,
    } satisfies Finding;
  });
}

/** The contract's endpoint record (the JSON report), without the inventory's extra facts. */
function toEndpoint({ method, path, file, line, slice, validated }: EndpointFact): Endpoint {
  return { method, path, file, line, slice, validated };
}
