// The public JSON contract (../shared/DESIGN.md): the AuditResult as it is, free text redacted.
import type { AuditResult } from '../types.js';
import { redactResult } from './redact.js';

export function formatJson(result: AuditResult): string {
  return `${JSON.stringify(redactResult(result), null, 2)}\n`;
}
