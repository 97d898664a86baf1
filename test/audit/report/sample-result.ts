// A hand-made AuditResult for the reporter tests: every part of the contract filled, awkward text included.
import type { AuditResult } from '../../../src/audit/types.js';

export function sampleResult(): AuditResult {
  return {
    tool: { name: 'fortress-audit', version: '9.9.9' },
    summary: { errors: 3, warnings: 1 },
    checks: [
      {
        id: 'feature-slices',
        title: 'Is this a feature slice?',
        status: 'fail',
        findings: [
          { ruleId: 'fortress/no-horizontal-layers', severity: 'error', file: 'src/controllers/users.controller.ts', line: 1, column: 1, message: "This file is in the technical-role folder 'src/controllers/'." },
          { ruleId: 'feature-slices/cycle', severity: 'warning', file: 'src/features/a b/index.ts', line: 4, column: 2, endLine: 4, endColumn: 30, message: 'Modules a | b import each other: <a> → b → a.' },
        ],
      },
      {
        id: 'input-validation',
        title: 'Is the input validated?',
        status: 'fail',
        findings: [{ ruleId: 'fortress/require-input-validation', severity: 'error', file: 'src/app.ts', line: 14, column: 34, message: '`req.body` reaches the handler without validation.' }],
      },
      { id: 'indexes', title: 'Are the database indexes used?', status: 'pass', findings: [] },
      {
        id: 'primary-keys',
        title: 'Is the primary key UUIDv7?',
        status: 'fail',
        findings: [{ ruleId: 'fortress/sql-no-uuid-v4-primary-key', severity: 'error', file: 'migrations/0001_init.sql', line: 3, column: 24, message: 'Primary key "id" defaults to a random UUIDv4.' }],
      },
      { id: 'secrets', title: 'Are the secrets managed?', status: 'pass', findings: [] },
    ],
    endpoints: [
      { method: 'GET', path: '/api/users', file: 'src/app.ts', line: 10, slice: 'users', validated: true },
      { method: 'POST', path: '/api/users', file: 'src/app.ts', line: 14, slice: null, validated: false },
    ],
    tables: [
      { name: 'users', primaryKey: { columns: ['id'], type: 'uuid', default: 'gen_random_uuid()', verdict: 'fail' } },
      { name: 'audit_log', primaryKey: null },
    ],
    modules: [
      { name: 'billing', dependsOn: ['orders'] },
      { name: 'orders', dependsOn: ['catalog "core"'] },
    ],
    notices: [
      { file: null, message: 'Not a git repository.' },
      { file: 'src/huge.ts', message: 'Skipped: 5.0 MB is over the 1.0 MB limit for a source file.' },
    ],
  };
}
