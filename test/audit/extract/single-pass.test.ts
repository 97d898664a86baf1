// The audit parses each TS/JS file once: the extractors' collectors run inside the rules' ESLint pass, and the
// endpoint inventory reads the SourceCode that pass built. What the extractors find that way is exactly what they
// find parsing each file on their own; a file the pass did not lint, could not parse, or whose collector threw is
// parsed by its extractor as before.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { checks } from '../../../src/audit/checks/index.js';
import { isLintedFile, runRules } from '../../../src/audit/extract/eslint.js';
import type { ExtractInput } from '../../../src/audit/extract/input.js';
import { createParsedSources, extractProject } from '../../../src/audit/extract/project.js';
import { createSchemaVisitor, extractSchema } from '../../../src/audit/extract/schema.js';
import { createEnvVisitor, extractSecrets } from '../../../src/audit/extract/secrets.js';
import { sharedVisitor } from '../../../src/audit/extract/ts-visit.js';
import { FIXTURES, fixtureInput } from './fixture-input.js';

const ruleIds = [...new Set([...checks.values()].flatMap((check) => check.meta.ruleIds))];

async function alone(input: ExtractInput) {
  const [project, schema, secrets] = [await extractProject(input), await extractSchema(input), await extractSecrets(input)];
  return { project, schema, secrets, notices: input.notices };
}

/** The pass over `lint` (all linted files by default), then the extractors given what it collected. */
async function inPass(input: ExtractInput, lint = input.files.filter(isLintedFile)) {
  const parsed = createParsedSources();
  const schemaVisitor = createSchemaVisitor();
  const envVisitor = createEnvVisitor();
  const texts = new Map<string, string>();
  const findings = await runRules(input, { ruleIds, files: lint, collectors: [parsed.collector, schemaVisitor.collector, envVisitor.collector], texts });
  // The extractors read the texts the pass read, not the disk.
  input.texts = texts;
  const ruleNotices = input.notices.length;
  const project = await extractProject(input, parsed.sourceCodes);
  const schema = await extractSchema(input, schemaVisitor);
  const secrets = await extractSecrets(input, envVisitor);
  return { facts: { project, schema, secrets, notices: input.notices.slice(ruleNotices) }, findings, parsed, schemaVisitor, envVisitor, texts };
}

const AUDIT_FIXTURES = ['audit-drizzle', 'audit-express-realworld', 'audit-fastify', 'audit-hono', 'audit-knex', 'audit-malformed', 'audit-nestjs', 'audit-next-app-router', 'audit-prisma', 'audit-remix', 'audit-secrets', 'audit-typeorm'];

describe('the single pass', () => {
  it.each(AUDIT_FIXTURES)('%s: the same endpoints, tables, queries, env reads and notices as each extractor parsing alone', async (name) => {
    const expected = await alone(fixtureInput(name));
    const { facts } = await inPass(fixtureInput(name));
    expect(facts).toEqual(expected);
  });

  it('collects in the pass: the knex migrations and queries, the env reads and the route files are not parsed again', async () => {
    const { facts, schemaVisitor, texts } = await inPass(fixtureInput('audit-knex'));
    expect(schemaVisitor.collectedInPass('migrations/20240101000000_init.js')).toBe(true);
    expect(texts.get('src/events.js')).toBe(readFileSync(path.join(FIXTURES, 'audit-knex', 'src/events.js'), 'utf8'));
    expect(facts.schema.tables.length).toBeGreaterThan(0);
    const secrets = await inPass(fixtureInput('audit-secrets'));
    const envFiles = secrets.facts.secrets.envReads?.map((read) => read.file) ?? [];
    expect(envFiles.length).toBeGreaterThan(0);
    for (const file of envFiles) expect(secrets.envVisitor.collectedInPass(file)).toBe(true);
    const realworld = await inPass(fixtureInput('audit-express-realworld'));
    const routeFiles = [...new Set(realworld.facts.project.endpoints.map((endpoint) => endpoint.file))];
    expect(routeFiles.length).toBeGreaterThan(0);
    for (const file of routeFiles) expect(realworld.parsed.sourceCodes.has(file)).toBe(true);
  });

  it('a file the pass did not lint (outside the lint targets) is parsed by the extractor: same facts', async () => {
    const expected = await alone(fixtureInput('audit-knex'));
    const { facts, schemaVisitor } = await inPass(fixtureInput('audit-knex'), ['knexfile.js']);
    expect(schemaVisitor.collectedInPass('migrations/20240101000000_init.js')).toBe(false);
    expect(facts).toEqual(expected);
  });

  it('a syntax error: the pass names the file once for the rules, the extractors as before, nothing collected from it', async () => {
    const expected = await alone(fixtureInput('audit-malformed'));
    const { facts, findings } = await inPass(fixtureInput('audit-malformed'));
    expect(facts.notices).toEqual(expected.notices);
    expect(facts.notices.length).toBeGreaterThan(0);
    expect(findings.every((finding) => finding.ruleId.startsWith('fortress/'))).toBe(true);
  });

  it('a collector that throws in the pass costs nothing: the rules still report the file, the facts come from a visit of their own', async () => {
    const input = fixtureInput('audit-knex');
    const file = 'src/events.js';
    const lint = input.files.filter(isLintedFile);
    const without = await runRules(fixtureInput('audit-knex'), { ruleIds, files: lint });
    let throwing = true;
    const visitor = sharedVisitor<{ names: string[] }>({
      wants: (candidate) => candidate === file,
      start: () => ({ names: [] }),
      collect: (_context, into) => ({
        Identifier(node: TSESTree.Identifier) {
          if (throwing) throw new Error('collector bug');
          into.names.push(node.name);
        },
      }),
    });
    const findings = await runRules(input, { ruleIds, files: lint, collectors: [visitor.collector] });
    expect(findings).toEqual(without);
    expect(input.notices).toEqual([]);
    expect(visitor.collectedInPass(file)).toBe(false);
    throwing = false;
    const visited = visitor.visit(file, readFileSync(path.join(FIXTURES, 'audit-knex', file), 'utf8'));
    expect('names' in visited && visited.names.length > 0).toBe(true);
  });
});
