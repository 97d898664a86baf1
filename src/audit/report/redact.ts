// Defence in depth for guideline 000's "secrets are managed": the secrets extractor redacts what it reports, and every
// reporter still passes its free text through these patterns, so a credential that reaches a message by any other
// path (a rule message quoting code, a parse error quoting a line) is printed as its first 4 characters and `****`.
import type { AuditResult } from '../types.js';

const SECRET_PATTERNS: readonly RegExp[] = [
  /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g, // AWS access key id
  /\b[rs]k_(?:live|test)_[0-9A-Za-z]{10,}/g, // Stripe secret / restricted key
  /\bgh[pousr]_[A-Za-z0-9]{30,}/g, // GitHub token
  /\bgithub_pat_[A-Za-z0-9_]{30,}/g, // GitHub fine-grained token
  /\bxox[abeprs]-[A-Za-z0-9-]{10,}/g, // Slack token
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWT
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, // private key block
];
/** `scheme://user:password@host`: the password part. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]*:)([^@\s/]+)(@)/gi;

const redacted = (secret: string): string => `${secret.slice(0, 4)}****`;

/** The text with every credential-shaped token reduced to its first 4 characters and `****`. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, redacted);
  return out.replace(URL_PASSWORD, (_all, head: string, password: string, at: string) =>
    password.endsWith('****') ? `${head}${password}${at}` : `${head}${redacted(password)}${at}`,
  );
}

/** The result with every free-text field (messages, notices, baseline entries, a shard's payload) redacted. */
export function redactResult(result: AuditResult): AuditResult {
  const out: AuditResult = {
    ...result,
    checks: result.checks.map((check) => ({
      ...check,
      findings: check.findings.map((finding) => ({ ...finding, message: redactSecrets(finding.message) })),
    })),
  };
  if (result.notices) out.notices = result.notices.map((notice) => ({ ...notice, message: redactSecrets(notice.message) }));
  if (result.baseline) {
    out.baseline = {
      ...result.baseline,
      stale: result.baseline.stale.map((entry) => ({ ...entry, message: redactSecrets(entry.message) })),
    };
  }
  // A shard's payload (rule findings and the extractors' facts) is free text too: every string in it is redacted.
  if (result.shard) out.shard = redactStrings(result.shard);
  return out;
}

function redactStrings<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (Array.isArray(value)) return value.map(redactStrings) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, redactStrings(entry)])) as T;
  }
  return value;
}
