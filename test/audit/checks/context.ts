// Hand-made audit contexts for the pure checks: only what a test states differs from an empty project.
import type { AuditContext } from '../../../src/audit/checks/check.js';
import type { EndpointFact } from '../../../src/audit/extract/project.js';
import { auditConfigSchema } from '../../../src/audit/options.js';
import type { Finding } from '../../../src/audit/types.js';

export function contextWith(parts: Partial<Omit<AuditContext, 'config'>> = {}): AuditContext {
  return {
    config: auditConfigSchema.parse({}),
    ruleFindings: [],
    project: { endpoints: [] },
    moduleGraph: { modules: [], crossModuleImports: [], cycles: [] },
    schema: { tables: [] },
    secrets: { secrets: [] } as unknown as AuditContext['secrets'],
    ...parts,
  };
}

export function endpoint(fields: Partial<EndpointFact> & Pick<EndpointFact, 'method' | 'path'>): EndpointFact {
  return { file: 'src/features/users/users.routes.ts', line: 1, column: 1, slice: 'users', validated: true, validatedBy: null, framework: 'express', handlerFound: true, ...fields };
}

export function finding(fields: Partial<Finding> & Pick<Finding, 'ruleId'>): Finding {
  return { severity: 'error', file: 'src/features/users/users.routes.ts', line: 1, column: 1, message: 'A finding.', ...fields };
}
