// Are the secrets managed? (Cognitive Audit Cycle, guideline 000). Hardcoded credentials, .env files tracked by git,
// and process.env read outside the one module that validates it at startup. Messages show a secret redacted only.
import type { SecretFact, SecretFacts } from '../extract/secrets.js';
import type { Finding } from '../types.js';
import { defineCheck } from './define-check.js';
import { ruleFindingsOf } from './rule-findings.js';

const RULE_IDS: string[] = [];

const WHAT: Record<string, string> = {
  'aws-access-key-id': 'an AWS access key id',
  'aws-secret-access-key': 'an AWS secret access key',
  'stripe-live-key': 'a live Stripe key',
  'github-token': 'a GitHub token',
  'slack-token': 'a Slack token',
  'private-key': 'a private key block',
  'connection-string-password': 'a connection string password',
  'secret-assignment': 'a hardcoded secret',
};

/** The redacted form, re-checked here: whatever an extractor hands over, a message shows at most 4 characters. */
function shown(secret: SecretFact): string {
  return `${secret.redacted.replace(/\*+$/, '').slice(0, 4)}****`;
}

function secretFinding(secret: SecretFact): Finding {
  const what = WHAT[secret.kind] ?? 'a credential';
  const assigned = secret.name ? ` assigned to ${secret.name}` : '';
  return {
    ruleId: `secrets/${secret.kind === 'secret-assignment' ? 'hardcoded-secret' : secret.kind}`,
    severity: secret.inTestCode ? 'warning' : 'error',
    file: secret.file,
    line: secret.line,
    column: secret.column,
    message: `Source holds ${what} (${shown(secret)})${assigned}; read it from the environment or a secret manager, and rotate it if it was ever pushed.`,
  };
}

function envFindings(facts: SecretFacts): Finding[] {
  const reads = facts.envReads ?? [];
  const modules = facts.envModules ?? [];
  if (reads.length === 0) return [];
  if (modules.length === 0) {
    const first = reads[0]!;
    return [
      {
        ruleId: 'secrets/no-env-module',
        severity: 'warning',
        file: first.file,
        line: first.line,
        column: first.column,
        message: `process.env is read in ${reads.length} place${reads.length === 1 ? '' : 's'} and never validated; parse it once at startup in an env module (for example src/env.ts: export const env = envSchema.parse(process.env) with zod) and import the values from there.`,
      },
    ];
  }
  return reads.map((read) => ({
    ruleId: 'secrets/env-read-outside-env-module',
    severity: 'warning' as const,
    file: read.file,
    line: read.line,
    column: read.column,
    message: `process.env${read.name ? `.${read.name}` : ''} is read outside the env module ${modules.join(', ')}; import the validated value from there.`,
  }));
}

export default defineCheck({
  meta: { id: 'secrets', title: 'Are the secrets managed?', ruleIds: RULE_IDS },
  run(context) {
    const facts = context.secrets;
    const findings: Finding[] = [...ruleFindingsOf(context, RULE_IDS), ...facts.secrets.map(secretFinding)];
    for (const file of facts.trackedEnvFiles ?? []) {
      findings.push({
        ruleId: 'secrets/tracked-env-file',
        severity: 'error',
        file,
        line: 1,
        column: 1,
        message: `${file} is tracked by git; remove it from the index (git rm --cached ${file}), add it to .gitignore, commit a .env.example with placeholders, and rotate the values it held.`,
      });
    }
    findings.push(...envFindings(facts));
    return { findings };
  },
});
