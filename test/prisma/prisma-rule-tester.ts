// Prisma rule tests read like the SQL ones: ESLint's own RuleTester with the `fortress/prisma` language, plus a helper
// on ESLint's real Linter. Every case's schema is first checked with the parser: a case that does not parse fails
// loudly instead of passing for the wrong reason (malformed input goes through `lintPrisma` and expects its error).
import { Linter, RuleTester } from 'eslint';
import { afterAll, describe, it } from 'vitest';

import plugin from '../../src/index.js';
import { createPrismaProgram } from '../../src/prisma/language.js';

RuleTester.describe = describe as never;
RuleTester.it = it as never;
RuleTester.itOnly = it.only as never;
(RuleTester as unknown as { afterAll: unknown }).afterAll = afterAll;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPrismaRule = any;

export interface PrismaValidCase {
  code: string;
  options?: unknown[];
  filename?: string;
  name?: string;
}

export interface PrismaInvalidCase extends PrismaValidCase {
  errors: Array<{
    messageId: string;
    line: number;
    column: number;
    endLine?: number;
    endColumn?: number;
    data?: Record<string, unknown>;
    suggestions?: Array<{ messageId: string; output: string }> | [];
  }>;
}

export const DEFAULT_PRISMA_FILENAME = 'prisma/schema.prisma';

/** Throws when `schema` does not parse. */
export function assertPrismaParses(schema: string): void {
  const { parseErrors } = createPrismaProgram(schema);
  if (parseErrors.length > 0) throw new Error(`The test schema does not parse (${parseErrors[0]!.message}):\n${schema}`);
}

export function runPrismaRuleTester(name: string, rule: AnyPrismaRule, tests: { valid: Array<string | PrismaValidCase>; invalid: PrismaInvalidCase[] }): void {
  const valid = tests.valid.map((test) => (typeof test === 'string' ? { code: test } : test));
  for (const test of [...valid, ...tests.invalid]) assertPrismaParses(test.code);
  const tester = new RuleTester({ files: ['**/*.prisma'], plugins: { fortress: plugin as never }, language: 'fortress/prisma' } as never);
  const withFilename = <T extends PrismaValidCase>(test: T): T => ({ filename: DEFAULT_PRISMA_FILENAME, ...test });
  tester.run(name, rule, { valid: valid.map(withFilename) as never, invalid: tests.invalid.map(withFilename) as never });
}

/** Lints `schema` with the real Linter and only this rule enabled (as `fortress/<name>`); every message, fatal ones too. */
export function lintPrisma(name: string, schema: string, options?: unknown[], filename = DEFAULT_PRISMA_FILENAME, cwd?: string): Linter.LintMessage[] {
  const linter = new Linter(cwd === undefined ? {} : { cwd });
  const config: Linter.Config[] = [
    {
      files: ['**/*.prisma'],
      plugins: { fortress: plugin as never },
      language: 'fortress/prisma',
      rules: { [`fortress/${name}`]: (options ? ['error', ...options] : 'error') as Linter.RuleEntry },
    },
  ];
  return linter.verify(schema, config, { filename });
}
