// Every rule of the plugin turned on without `files` (as a user may write `rules: { 'fortress/x': 'error' }` in a
// global block) runs on every file ESLint lints, in every language: a rule does nothing on a language it does not
// understand (TS rules on `fortress/sql` files, SQL rules on JS/TS, JSON, …), with ESLint 10 and ESLint 9.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { TextSourceCodeBase, VisitNodeStep } from '@eslint/plugin-kit';
import { ESLint } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';
import { describe, expect, it } from 'vitest';

import fortress from '../../src/index.js';

const cwd = fileURLToPath(new URL('../fixtures/other-languages/', import.meta.url));
const require = createRequire(import.meta.url);

function installed(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * A language of this test shaped like @eslint/json (root `{ type: 'Document', body: <node> }`, ESLint's Language
 * API), for when @eslint/json itself is not installed: the rules meet a third, unknown AST.
 */
interface DocumentNode {
  type: 'Document';
  body: { type: 'Text'; value: string; range: [number, number]; loc: DocumentNode['loc'] };
  range: [number, number];
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}
class DocumentSourceCode extends TextSourceCodeBase<{ LangOptions: Record<string, unknown>; RootNode: DocumentNode; SyntaxElementWithLoc: DocumentNode; ConfigNode: never }> {
  override ast: DocumentNode;
  constructor(text: string, ast: DocumentNode) {
    super({ text, ast });
    this.ast = ast;
  }
  override *traverse(): Iterable<VisitNodeStep> {
    for (const [node, parent] of [[this.ast, undefined], [this.ast.body, this.ast]] as const) {
      yield new VisitNodeStep({ target: node, phase: 1, args: [node, parent] });
    }
    yield new VisitNodeStep({ target: this.ast.body, phase: 2, args: [this.ast.body, this.ast] });
    yield new VisitNodeStep({ target: this.ast, phase: 2, args: [this.ast, undefined] });
  }
}
const documentLanguage = {
  fileType: 'text',
  lineStart: 1,
  columnStart: 0,
  nodeTypeKey: 'type',
  visitorKeys: { Document: ['body'], Text: [] },
  validateLanguageOptions(): void {},
  parse(file: { body: string | Uint8Array }) {
    const text = String(file.body);
    const lines = text.split('\n');
    const loc = { start: { line: 1, column: 0 }, end: { line: lines.length, column: lines.at(-1)!.length } };
    const range: [number, number] = [0, text.length];
    return { ok: true, ast: { type: 'Document', body: { type: 'Text', value: text, range, loc }, range, loc } };
  },
  createSourceCode(file: { body: string | Uint8Array }, result: { ast: DocumentNode }) {
    return new DocumentSourceCode(String(file.body), result.ast);
  },
};

const everyRule = Object.fromEntries(Object.keys(fortress.rules).map((name) => [`fortress/${name}`, 'error']));

function config(extra: object[] = []): object[] {
  return [
    { plugins: { fortress, test: { languages: { document: documentLanguage } } } },
    { files: ['**/*.ts'], languageOptions: { parser: fortress.configs.recommended.languageOptions!.parser } },
    { files: ['**/*.sql'], language: 'fortress/sql' },
    { files: ['**/*.prisma'], language: 'fortress/prisma' },
    { files: ['**/*.txt'], language: 'test/document' },
    ...extra,
    // Every rule, in no `files` block: it applies to every file linted above.
    { rules: everyRule },
  ];
}

const engines = { 'ESLint 10': ESLint, 'ESLint 9': ESLint9 } as const;

async function lint(Engine: (typeof engines)[keyof typeof engines], files: string[], extra: object[] = []) {
  const eslint = new Engine({ cwd, overrideConfigFile: true, overrideConfig: config(extra) as never });
  const results = await eslint.lintFiles(files);
  return Object.fromEntries(
    results.map((result) => [
      path.relative(cwd, result.filePath).split(path.sep).join('/'),
      result.messages.map((message) => `${message.ruleId ?? 'fatal'}: ${message.message}`),
    ]),
  );
}

const isSqlRule = (finding: string): boolean => finding.startsWith('fortress/sql-');
const isPrismaRule = (finding: string): boolean => finding.startsWith('fortress/prisma-');

describe.each(Object.entries(engines))('every rule turned on without `files`, %s', (_version, Engine) => {
  it('reports TS rules on the .ts file only, SQL rules on the .sql file only, Prisma rules on the .prisma file only, and nothing on the other language', async () => {
    const found = await lint(Engine, ['src/features/users/users.service.ts', 'migrations/0001_feed.sql', 'schema.prisma', 'notes.txt']);
    // Each language's own rules still run (so a silent crash-guard that disabled everything would fail here)…
    expect(found['src/features/users/users.service.ts']!.some((finding) => finding.startsWith('fortress/no-console-log:'))).toBe(true);
    expect(found['migrations/0001_feed.sql']!.some((finding) => finding.startsWith('fortress/sql-no-offset:'))).toBe(true);
    // …and no rule of the other language reports, crashes or makes a fatal error.
    expect(found['schema.prisma']!.some((finding) => finding.startsWith('fortress/prisma-no-uuid-v4-primary-key:'))).toBe(true);
    expect(found['src/features/users/users.service.ts']!.filter((finding) => isSqlRule(finding) || isPrismaRule(finding))).toEqual([]);
    expect(found['migrations/0001_feed.sql']!.filter((finding) => !isSqlRule(finding))).toEqual([]);
    expect(found['schema.prisma']!.filter((finding) => !isPrismaRule(finding))).toEqual([]);
    expect(found['notes.txt']).toEqual([]);
  });

  it.skipIf(!installed('@eslint/json'))('reports nothing on a .json file linted by @eslint/json (skipped: @eslint/json is not installed)', async () => {
    const json = ((await import('@eslint/json' as string)) as { default: object }).default;
    const found = await lint(Engine, ['package.json'], [{ plugins: { json }, files: ['**/*.json'], language: 'json/json' }]);
    expect(found['package.json']).toEqual([]);
  });
});
