// Drift fails the build: rule files, the rules index, docs, tests and the README table list the same names.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { prismaRules } from '../../src/prisma/rules/index.js';
import { rules } from '../../src/rules/index.js';
import { sqlRules } from '../../src/sql/rules/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const namesIn = (dir: string, suffix: string): string[] =>
  readdirSync(root + dir)
    .filter((file) => file.endsWith(suffix) && file !== 'index.ts')
    .map((file) => file.slice(0, -suffix.length))
    .sort();

type AnyRule = {
  meta: {
    docs?: { description?: string; url?: string; recommended?: boolean };
    fixable?: string;
    hasSuggestions?: boolean;
    messages: Record<string, string>;
    schema: unknown;
  };
  defaultOptions?: unknown[];
};
const allRules = plugin.rules as unknown as Record<string, AnyRule>;
const ruleNames = Object.keys(allRules).sort();

describe('repository consistency', () => {
  it('src/rules/*.ts and src/sql/rules/*.ts are exactly the rules index keys, each index alphabetical', () => {
    expect(Object.keys(rules)).toEqual(Object.keys(rules).sort());
    expect(Object.keys(sqlRules)).toEqual(Object.keys(sqlRules).sort());
    expect(Object.keys(rules)).toEqual(namesIn('src/rules', '.ts'));
    expect(Object.keys(sqlRules)).toEqual(namesIn('src/sql/rules', '.ts'));
    for (const name of Object.keys(sqlRules)) expect(name.startsWith('sql-'), name).toBe(true);
    for (const name of Object.keys(rules)) expect(name.startsWith('sql-'), name).toBe(false);
    expect(Object.keys(prismaRules)).toEqual(namesIn('src/prisma/rules', '.ts'));
    for (const name of Object.keys(prismaRules)) expect(name.startsWith('prisma-'), name).toBe(true);
  });

  it('every rule has a doc and every doc a rule', () => {
    expect(namesIn('docs/rules', '.md')).toEqual(ruleNames);
  });

  it('every rule has a test file and every test file a rule', () => {
    // `<rule>.mutants.test.ts`: more cases for a rule, written against mutation-testing survivors (docs/testing.md).
    const testNames = [...new Set([...namesIn('test/rules', '.test.ts')].map((name) => name.replace(/\.mutants$/, '')))].sort();
    expect(testNames).toEqual(ruleNames);
  });

  it.each(ruleNames)('%s: meta follows the conventions', (name) => {
    const { meta } = allRules[name]!;
    expect(meta.docs?.url).toBe(
      `https://github.com/eslint-plugin-fortress/eslint-plugin-fortress/blob/main/docs/rules/${name}.md`,
    );
    expect(meta.docs?.description).toMatch(/^(Disallow|Require|Enforce) .+[^. ]$/);
    expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
    for (const message of Object.values(meta.messages)) expect(message).toMatch(/\.$/);
    expect(Array.isArray(meta.schema)).toBe(true);
  });

  /** The guidelines' titles, as their index (guidelines/README.md, outside this repository) gives them. */
  const GUIDELINE_TITLES: Record<string, string> = {
    '000_1bb51233fe8ebcd6.txt': 'Backend Design System',
    '001_589e87e495a26922.txt': 'Backend Architect',
    '002_1bbd64c4ba46308d.txt': 'Software Backend Engineering',
    '003_743e96009d14c2da.txt': 'Backend Design Skill',
    '004_bf2b41243fb553dd.txt': 'Backend Engineering',
  };

  it.each(ruleNames)('%s: the doc has the standard sections and its title/description match meta', (name) => {
    const doc = readFileSync(`${root}docs/rules/${name}.md`, 'utf8');
    expect(doc.startsWith(`# fortress/${name}\n`)).toBe(true);
    expect(doc).toContain(allRules[name]!.meta.docs!.description!);
    for (const heading of [
      '## What it flags',
      '## Why',
      '### ❌ Incorrect',
      '### ✅ Correct',
      '## Options',
      '## When not to use it',
    ]) {
      expect(doc, `${name}.md lacks "${heading}"`).toContain(heading);
    }
    expect(doc, `${name}.md must quote a guideline file`).toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
    // Every guideline named by its file is also named by its title: "— `000_….txt` (Backend Design System)".
    for (const match of doc.matchAll(/`(\d{3}_[0-9a-f]{16}\.txt)`( \([^)]*\))?/g)) {
      const title = GUIDELINE_TITLES[match[1]!];
      expect(title, `${name}.md names an unknown guideline ${match[1]}`).toBeDefined();
      expect(match[2], `${name}.md must give the title of ${match[1]}: (${title})`).toBe(` (${title})`);
    }
  });

  /** Rules whose known false alarms an option silences: a finding names that option, so the user can act on it. */
  const SILENCING_OPTIONS: Record<string, string[]> = {
    'no-console-log': ['exemptFiles'],
    'no-cross-module-imports': ['sharedPaths', 'allowTypeImports'],
    'no-horizontal-layers': ['roles'],
    'no-uuid-v4': ['allowedNames'],
    'require-input-validation': ['validatorMiddlewares', 'validationFunctions', 'assumeGlobalValidationPipe'],
  };
  const optionNames = (rule: AnyRule): string[] =>
    Object.keys((rule.meta.schema as Array<{ properties?: Record<string, unknown> }>)[0]?.properties ?? {});

  it.each(ruleNames)('%s: options named in messages exist, and the known false alarms name their option', (name) => {
    const rule = allRules[name]!;
    const messages = Object.values(rule.meta.messages).join('\n');
    // `camelCase` in backticks is an option name: it must be one of this rule's options.
    for (const [, word] of messages.matchAll(/`([a-z]+(?:[A-Z][a-z0-9]*)+)(?:`|: )/g)) expect(optionNames(rule), `${name} message names \`${word}\``).toContain(word);
    for (const option of SILENCING_OPTIONS[name] ?? []) {
      expect(optionNames(rule)).toContain(option);
      expect(messages, `${name}'s messages must name \`${option}\``).toMatch(new RegExp(`\`${option}(?:\`|: )`));
    }
  });

  /** A rule that reads other files (a migration set, earlier migrations, tsconfig paths) goes stale under `--cache`. */
  const readsOtherFiles = (name: string): boolean => {
    const folder = name.startsWith('sql-') ? 'sql/rules' : name.startsWith('prisma-') ? 'prisma/rules' : 'rules';
    const source = readFileSync(`${root}src/${folder}/${name}.ts`, 'utf8');
    return /from '\.\.\/migrations\.js'|from '\.\.\/provider\.js'|module-resolution\.js'|layer-folders\.js'|global-validation-pipe\.js'|\btableBeforeFile\b/.test(source);
  };

  it.each(ruleNames)('%s: a rule that reads other files says what that means for --cache (doc section, README)', (name) => {
    const doc = readFileSync(`${root}docs/rules/${name}.md`, 'utf8');
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const cacheSection = readme.slice(readme.indexOf('### `eslint --cache`'), readme.indexOf('## Rules'));
    expect(doc.includes('## Other files and `--cache`'), `${name}.md section "Other files and --cache"`).toBe(readsOtherFiles(name));
    expect(cacheSection.includes(`\`${name}\``), `README's --cache paragraph names ${name}`).toBe(readsOtherFiles(name));
  });

  it('the README rules table lists every rule with its recommended and fix/suggestion columns', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const start = readme.indexOf('<!-- begin rules table -->');
    const end = readme.indexOf('<!-- end rules table -->');
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const rows = readme
      .slice(start, end)
      .split('\n')
      .filter((line) => line.startsWith('| [`'));
    const table = rows.map((row) => {
      const cells = row.split('|').map((cell) => cell.trim());
      const name = /\[`([a-z0-9-]+)`\]\(docs\/rules\/\1\.md\)/.exec(cells[1] ?? '')?.[1];
      return { name, recommended: cells[3] === '✅', fix: cells[4] ?? '' };
    });
    expect(table.map((row) => row.name).sort()).toEqual(ruleNames);
    for (const row of table) {
      const { meta } = allRules[row.name!]!;
      expect(row.recommended, `${row.name}: recommended column`).toBe(meta.docs?.recommended === true);
      const expectedFix = [meta.fixable ? '🔧' : '', meta.hasSuggestions ? '💡' : ''].join(' ').trim();
      expect(row.fix, `${row.name}: fix/suggestion column`).toBe(expectedFix);
    }
  });
});
