// Defence in depth: the secrets extractor redacts what it reports, and still no reporter prints a credential that
// reached a message by another path (a rule quoting a line, a parse error).
import { describe, expect, it } from 'vitest';

import { reporterFor, reporters } from '../../../src/audit/report/index.js';
import { redactSecrets } from '../../../src/audit/report/redact.js';
import type { AuditResult } from '../../../src/audit/types.js';
import { sampleResult } from './sample-result.js';

// Fake credentials, built by concatenation so that no scanner mistakes this file for a leak.
const AWS = 'AKIA' + 'Z7QXM3NB4PLKW2RT';
const STRIPE = 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc';
const GITHUB = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const SLACK = 'xoxb-' + '123456789012-abcdefghijkl';
const PASSWORD = 'hunter2hunter2';

function leakyResult(): AuditResult {
  const result = sampleResult();
  result.checks[4] = {
    ...result.checks[4]!,
    status: 'fail',
    findings: [
      { ruleId: 'secrets/aws-access-key', severity: 'error', file: 'src/config.ts', line: 3, column: 20, message: `AWS access key ${AWS} in source.` },
      { ruleId: 'secrets/stripe', severity: 'error', file: 'src/pay.ts', line: 1, column: 1, message: `Stripe key ${STRIPE}.` },
    ],
  };
  result.notices = [
    { file: 'src/broken.ts', message: `Not analysed: Unexpected token near "${GITHUB}" and ${SLACK}.` },
    { file: null, message: `could not connect to postgres://admin:${PASSWORD}@db:5432/app` },
  ];
  result.baseline = { file: 'b.json', suppressed: 0, stale: [{ ruleId: 'secrets/aws', file: 'src/old.ts', message: `key ${AWS}`, count: 1 }] };
  return result;
}

describe('secrets are never printed', () => {
  for (const format of reporters.keys()) {
    it(`${format}: shows at most the first 4 characters of each secret, then ****`, () => {
      const output = reporterFor(format)(leakyResult());
      for (const secret of [AWS, STRIPE, GITHUB, SLACK, PASSWORD]) {
        expect(output).not.toContain(secret);
        expect(output).toContain(`${secret.slice(0, 4)}****`);
      }
    });
  }

  it('leaves already-redacted text and ordinary text alone', () => {
    expect(redactSecrets('AWS key AKIA**** in src/config.ts')).toBe('AWS key AKIA**** in src/config.ts');
    expect(redactSecrets('postgres://user:hunt****@db/app')).toBe('postgres://user:hunt****@db/app');
    expect(redactSecrets('Use postgres://localhost:5432/app and task_live_report')).toBe('Use postgres://localhost:5432/app and task_live_report');
  });

  it('redacts a private key block to its first 4 characters', () => {
    const block = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----';
    expect(redactSecrets(`found ${block} here`)).toBe('found ----**** here');
  });

  it('an unknown format names the known ones', () => {
    expect(() => reporterFor('html')).toThrow('Unknown format "html": use one of text, json, sarif, markdown.');
  });
});
