import { describe, expect, it } from 'vitest';

import secrets from '../../../src/audit/checks/secrets.js';
import type { SecretFact } from '../../../src/audit/extract/secrets.js';
import { contextWith } from './context.js';

const aws: SecretFact = { kind: 'aws-access-key-id', file: 'src/config/aws.ts', line: 4, column: 17, redacted: 'AKIA****' };

describe('secrets check', () => {
  it('reports a hardcoded credential as an error, redacted', () => {
    const { findings } = secrets.run(contextWith({ secrets: { secrets: [aws] } }));
    expect(findings).toEqual([
      {
        ruleId: 'secrets/aws-access-key-id',
        severity: 'error',
        file: 'src/config/aws.ts',
        line: 4,
        column: 17,
        message: 'Source holds an AWS access key id (AKIA****); read it from the environment or a secret manager, and rotate it if it was ever pushed.',
      },
    ]);
  });

  it('never shows more than 4 characters, even when handed an unredacted value', () => {
    const leaked: SecretFact = { kind: 'secret-assignment', file: 'a.ts', line: 1, column: 1, redacted: 'kX9mP2vL8qR4tZ7w', name: 'jwtSecret' };
    const [finding] = secrets.run(contextWith({ secrets: { secrets: [leaked] } })).findings;
    expect(finding!.message).toContain('(kX9m****) assigned to jwtSecret');
    expect(finding!.message).not.toContain('kX9mP');
    expect(finding!.ruleId).toBe('secrets/hardcoded-secret');
  });

  it('downgrades credentials in test code to warnings', () => {
    const [finding] = secrets.run(contextWith({ secrets: { secrets: [{ ...aws, inTestCode: true }] } })).findings;
    expect(finding!.severity).toBe('warning');
  });

  it('reports each .env file tracked by git', () => {
    const { findings } = secrets.run(contextWith({ secrets: { secrets: [], trackedEnvFiles: ['.env', 'api/.env.production'] } }));
    expect(findings.map((finding) => [finding.ruleId, finding.file, finding.severity])).toEqual([
      ['secrets/tracked-env-file', '.env', 'error'],
      ['secrets/tracked-env-file', 'api/.env.production', 'error'],
    ]);
  });

  it('warns once, naming the fix, when process.env is read and no module validates it', () => {
    const envReads = [
      { file: 'src/db.ts', line: 3, column: 20, name: 'DATABASE_URL' },
      { file: 'src/app.ts', line: 9, column: 5, name: 'PORT' },
    ];
    const { findings } = secrets.run(contextWith({ secrets: { secrets: [], envModules: [], envReads } }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'secrets/no-env-module', severity: 'warning', file: 'src/db.ts', line: 3 });
    expect(findings[0]!.message).toContain('read in 2 places and never validated');
  });

  it('warns on each read outside the env module when there is one', () => {
    const envReads = [{ file: 'src/db.ts', line: 5, column: 76, name: 'DB_PASSWORD' }];
    const { findings } = secrets.run(contextWith({ secrets: { secrets: [], envModules: ['src/env.ts'], envReads } }));
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: 'secrets/env-read-outside-env-module', severity: 'warning', message: 'process.env.DB_PASSWORD is read outside the env module src/env.ts; import the validated value from there.' }),
    ]);
  });

  it('passes a project whose only process.env read is in the env module (near-miss)', () => {
    expect(secrets.run(contextWith({ secrets: { secrets: [], envModules: ['src/env.ts'], envReads: [], trackedEnvFiles: [] } })).findings).toEqual([]);
  });
});
