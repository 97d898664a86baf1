// What the secrets check's findings say, in full (issue 13: message parts a mutant could change unnoticed).
import { describe, expect, it } from 'vitest';

import secrets from '../../../src/audit/checks/secrets.js';
import type { SecretFact } from '../../../src/audit/extract/secrets.js';
import { contextWith } from './context.js';

const fact = (parts: Partial<SecretFact>): SecretFact => ({ kind: 'github-token', file: 'src/gh.ts', line: 2, column: 9, redacted: 'ghp_****', ...parts });

describe('secrets check messages', () => {
  it('a kind of its own: its rule id and words; an unknown kind: "a credential"', () => {
    const { findings } = secrets.run(contextWith({ secrets: { secrets: [fact({}), fact({ kind: 'something-new' as SecretFact['kind'], redacted: 'ab' })] } }));
    expect(findings.map(({ ruleId, message }) => [ruleId, message])).toEqual([
      ['secrets/github-token', 'Source holds a GitHub token (ghp_****); read it from the environment or a secret manager, and rotate it if it was ever pushed.'],
      ['secrets/something-new', 'Source holds a credential (ab****); read it from the environment or a secret manager, and rotate it if it was ever pushed.'],
    ]);
  });

  it('a redacted value whose stars come first keeps them; trailing stars are replaced by four', () => {
    const [finding] = secrets.run(contextWith({ secrets: { secrets: [fact({ redacted: '*ab*******' })] } })).findings;
    expect(finding!.message).toContain('(*ab****)');
  });

  it('a tracked .env file: the file, the commands to untrack it', () => {
    const { findings } = secrets.run(contextWith({ secrets: { secrets: [], trackedEnvFiles: ['api/.env'] } }));
    expect(findings).toEqual([
      {
        ruleId: 'secrets/tracked-env-file',
        severity: 'error',
        file: 'api/.env',
        line: 1,
        column: 1,
        message: 'api/.env is tracked by git; remove it from the index (git rm --cached api/.env), add it to .gitignore, commit a .env.example with placeholders, and rotate the values it held.',
      },
    ]);
  });

  it('one process.env read and no env module: "1 place", at the read', () => {
    const { findings } = secrets.run(contextWith({ secrets: { secrets: [], envReads: [{ file: 'src/db.ts', line: 3, column: 20, name: 'DATABASE_URL' }] } }));
    expect(findings).toEqual([
      {
        ruleId: 'secrets/no-env-module',
        severity: 'warning',
        file: 'src/db.ts',
        line: 3,
        column: 20,
        message:
          'process.env is read in 1 place and never validated; parse it once at startup in an env module (for example src/env.ts: export const env = envSchema.parse(process.env) with zod) and import the values from there.',
      },
    ]);
  });

  it('a read without a name (process.env[key]) outside two env modules', () => {
    const { findings } = secrets.run(contextWith({ secrets: { secrets: [], envModules: ['src/env.ts', 'src/env.server.ts'], envReads: [{ file: 'src/a.ts', line: 4, column: 2, name: null }] } }));
    expect(findings).toEqual([
      {
        ruleId: 'secrets/env-read-outside-env-module',
        severity: 'warning',
        file: 'src/a.ts',
        line: 4,
        column: 2,
        message: 'process.env is read outside the env module src/env.ts, src/env.server.ts; import the validated value from there.',
      },
    ]);
  });

  it('no process.env read: no env finding, env module or not', () => {
    expect(secrets.run(contextWith({ secrets: { secrets: [], envReads: [] } })).findings).toEqual([]);
  });
});
