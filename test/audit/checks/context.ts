// Hand-made audit contexts for the pure checks: everything empty unless a test says otherwise.
import type { AuditContext } from '../../../src/audit/checks/check.js';
import type { EndpointFact } from '../../../src/audit/extract/project.js';
import type { TableFact } from '../../../src/audit/extract/schema.js';
import { auditConfigSchema } from '../../../src/audit/options.js';
import type { Finding } from '../../../src/audit/types.js';

export function contextWith(parts: Partial<AuditContext> = {}): AuditContext {
  return {
    config: auditConfigSchema.parse({}),
    ruleFindings: [],
    project: { endpoints: [] },
    moduleGraph: { modules: [], crossModuleImports: [], cycles: [] },
    schema: { tables: [], queries: [] },
    secrets: { secrets: [] },
    ...parts,
  };
}

/** A table fact with a passing identity key unless `parts` says otherwise. */
export function table(name: string, parts: Partial<TableFact> = {}): TableFact {
  return {
    name,
    primaryKey: { columns: ['id'], type: 'bigint', default: 'identity', verdict: 'pass' },
    primaryKeyReason: 'an identity / sequence',
    file: 'migrations/001_init.sql',
    line: 1,
    column: 1,
    source: 'sql',
    indexes: [{ columns: ['id'], unique: true, partial: false, method: 'btree' }],
    foreignKeys: [],
    ...parts,
  };
}

export function endpoint(fields: Partial<EndpointFact> & Pick<EndpointFact, 'method' | 'path'>): EndpointFact {
  return { file: 'src/features/users/users.routes.ts', line: 1, column: 1, slice: 'users', validated: true, validatedBy: null, framework: 'express', handlerFound: true, ...fields };
}

export function finding(fields: Partial<Finding> & Pick<Finding, 'ruleId'>): Finding {
  return { severity: 'error', file: 'src/features/users/users.routes.ts', line: 1, column: 1, message: 'A finding.', ...fields };
}
