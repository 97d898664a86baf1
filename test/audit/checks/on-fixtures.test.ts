// The three checks over the facts extracted from the fixture projects: what a user of each stack sees.
import { readdirSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import indexes from '../../../src/audit/checks/indexes.js';
import primaryKeys from '../../../src/audit/checks/primary-keys.js';
import secrets from '../../../src/audit/checks/secrets.js';
import { extractSchema } from '../../../src/audit/extract/schema.js';
import { extractSecrets } from '../../../src/audit/extract/secrets.js';
import type { Finding } from '../../../src/audit/types.js';
import { FIXTURES, inputFor } from '../fixture-input.js';
import { contextWith } from './context.js';

const brief = (findings: Finding[]) => findings.map((finding) => `${finding.severity} ${finding.ruleId} ${finding.file}:${finding.line}`);

async function schemaContext(name: string) {
  return contextWith({ schema: await extractSchema(inputFor(name)) });
}

describe('checks on fixture projects', () => {
  it('Prisma: the relation without @@index (PostTag is covered by @@id and @@index), the status filter, and the keys', async () => {
    const context = await schemaContext('audit-prisma');
    expect(brief(indexes.run(context).findings)).toEqual([
      'error indexes/foreign-key-without-index prisma/schema.prisma:25',
      'warning indexes/unindexed-query src/posts.ts:6',
      'warning indexes/unindexed-query src/posts.ts:22',
    ]);
    expect(brief(primaryKeys.run(context).findings)).toEqual([
      'warning primary-keys/no-primary-key prisma/schema.prisma:51',
      'warning primary-keys/composite-key prisma/schema.prisma:36',
      'warning primary-keys/not-generated prisma/schema.prisma:46',
      'error primary-keys/uuid-v4 prisma/schema.prisma:11',
    ]);
  });

  it('Drizzle: foreign keys without an index (a composite key leading with one covers it), the status query', async () => {
    const context = await schemaContext('audit-drizzle');
    expect(brief(indexes.run(context).findings)).toEqual([
      'error indexes/foreign-key-without-index src/db/schema.ts:28',
      'error indexes/foreign-key-without-index src/db/schema.ts:35',
      'warning indexes/unindexed-query src/orders/orders.repository.ts:11',
    ]);
  });

  it('knex: the foreign key of a knex.raw migration, and the kind filter', async () => {
    const context = await schemaContext('audit-knex');
    expect(brief(indexes.run(context).findings)).toEqual([
      'error indexes/foreign-key-without-index migrations/20240101000000_init.js:9',
      'error indexes/foreign-key-without-index migrations/20240401000000_memberships.js:4',
      'error indexes/foreign-key-without-index migrations/20240401000000_memberships.js:7',
      'warning indexes/unindexed-query src/events.js:3',
      'warning indexes/unindexed-query src/events.js:4',
    ]);
  });

  it('plain SQL: foreign keys are left to the rule; the token filter is reported', async () => {
    const context = await schemaContext('audit-sql');
    expect(brief(indexes.run(context).findings)).toEqual([
      'warning indexes/unindexed-query src/reports.ts:8',
      'warning indexes/unindexed-query src/sessions.ts:6',
    ]);
  });

  it('secrets: every planted credential, redacted, and the env read outside src/env.ts', async () => {
    const context = contextWith({ secrets: await extractSecrets(inputFor('audit-secrets')) });
    const { findings } = secrets.run(context);
    expect(brief(findings)).toEqual([
      'error secrets/hardcoded-secret config/app.yaml:5',
      'error secrets/private-key keys/server.pem:1',
      'error secrets/hardcoded-secret src/auth/jwt.ts:3',
      'error secrets/aws-access-key-id src/config/aws.ts:4',
      'error secrets/aws-secret-access-key src/config/aws.ts:5',
      'error secrets/connection-string-password src/db.ts:3',
      'warning secrets/hardcoded-secret test/auth.test.ts:1',
      'warning secrets/env-read-outside-env-module src/db.ts:5',
      'warning secrets/env-read-outside-env-module src/db.ts:6',
    ]);
    const messages = JSON.stringify(findings);
    for (const planted of ['AKIAIOSFODNN7', 'wJalrXUtnFEMI', 'Sup3rS3cret', 'kX9mP2', 'Zq8rT3', 'Tr0ub4dor']) expect(messages).not.toContain(planted);
  });
});

describe('every fixture project of the repository', () => {
  it('is extracted without throwing, and no finding or notice shows more than 4 characters of a credential', async () => {
    const names = readdirSync(FIXTURES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    for (const name of names) {
      const input = inputFor(name);
      const context = contextWith({ schema: await extractSchema(input), secrets: await extractSecrets(input) });
      const output = JSON.stringify([indexes.run(context), primaryKeys.run(context), secrets.run(context), input.notices]);
      for (const planted of ['AKIAIOSFODNN7', 'wJalrXUtnFEMI', 'Sup3rS3cret', 'kX9mP2', 'Zq8rT3', 'Tr0ub4dor']) expect(output).not.toContain(planted);
    }
    expect(names.length).toBeGreaterThan(10);
  });
});
