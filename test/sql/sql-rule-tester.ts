// SQL rule tests read like the TS ones: ESLint's own RuleTester with the `fortress/sql` language, plus helpers on
// ESLint's real Linter. Every case's SQL is first checked with the real parser (squawk's convention): a valid or
// invalid case that does not parse fails loudly instead of passing for the wrong reason. Malformed input on purpose
// goes through `expectSqlMalformed`, which expects exactly ONE fatal parsing error and no crash.
import { Linter, RuleTester } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { blankPsqlMetaCommands } from '../../src/sql/language.js';
import { parseSql } from '../../src/sql/parser.js';

RuleTester.describe = describe as never;
RuleTester.it = it as never;
RuleTester.itOnly = it.only as never;
(RuleTester as unknown as { afterAll: unknown }).afterAll = afterAll;

/** Any SQL rule (the shape `createSqlRule` returns). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySqlRule = any;

export interface SqlValidCase {
  code: string;
  options?: unknown[];
  filename?: string;
  name?: string;
  /** ESLint's shared settings, e.g. `{ fortress: { postgresVersion: 10 } }`. */
  settings?: Record<string, unknown>;
}

export interface SqlInvalidCase extends SqlValidCase {
  errors: Array<{ messageId: string; line: number; column: number; endLine?: number; endColumn?: number; data?: Record<string, unknown> }>;
  output?: string | null;
}

const DEFAULT_FILENAME = 'migrations/0002_example.sql';

/** Throws when `sql` does not parse with the real PostgreSQL parser. */
export function assertParses(sql: string): void {
  const parsed = parseSql(blankPsqlMetaCommands(sql));
  if (!parsed.ok) {
    throw new Error(`The test SQL does not parse (${parsed.error.message} at offset ${parsed.error.offset}):\n${sql}`);
  }
}

/**
 * Runs ESLint's RuleTester for a SQL rule (`describe`/`it` per case). `name` is the rule's name; cases get the
 * filename `migrations/0002_example.sql` unless they say otherwise. Inside RuleTester cases the rule is named
 * `rule-to-test/<name>` (for disable comments); `lintSql` / `expectSql*` use the public `fortress/<name>`.
 */
export function runSqlRuleTester(name: string, rule: AnySqlRule, tests: { valid: Array<string | SqlValidCase>; invalid: SqlInvalidCase[] }): void {
  const valid = tests.valid.map((test) => (typeof test === 'string' ? { code: test } : test));
  for (const test of [...valid, ...tests.invalid]) assertParses(test.code);
  const tester = new RuleTester({
    files: ['**/*.sql'],
    plugins: { fortress: plugin as never },
    language: 'fortress/sql',
  } as never);
  const withFilename = <T extends SqlValidCase>(test: T): T => ({ filename: DEFAULT_FILENAME, ...test });
  tester.run(name, rule, {
    valid: valid.map(withFilename) as never,
    invalid: tests.invalid.map(withFilename) as never,
  });
}

/**
 * A valid case: `code` in a migration listed in `settings.fortress.deployedMigrations` (already applied): the rules that
 * read a migration's history report nothing on it, whatever it does.
 */
export function deployedCase(code: string): SqlValidCase {
  return { code, settings: { fortress: { deployedMigrations: [DEFAULT_FILENAME] } } };
}

/**
 * `sql` is reported by the rule in a new migration, and not at all once the migration is listed as deployed (the rule's
 * `skipDeployedMigration`): the pair a mutant that drops the deployed check fails.
 */
export function runDeployedMigrationCase(name: string, rule: AnySqlRule, sql: string): void {
  describe(`${name}: a deployed migration`, () => {
    it('is reported while the migration is not deployed', () => {
      expect(lintSql(name, rule, sql).length).toBeGreaterThan(0);
    });
  });
  runSqlRuleTester(name, rule, { valid: [deployedCase(sql)], invalid: [] });
}

/** Lints `sql` with the real Linter and only this rule enabled; returns every message (fatal ones included). */
export function lintSql(name: string, rule: AnySqlRule, sql: string, options?: unknown[], filename = DEFAULT_FILENAME): Linter.LintMessage[] {
  const linter = new Linter();
  const config: Linter.Config[] = [
    {
      files: ['**/*.sql'],
      // The rule under test is registered under its public name, so `-- eslint-disable… fortress/<name>` works.
      plugins: { fortress: { ...plugin, rules: { ...plugin.rules, [name]: rule } } as never },
      language: 'fortress/sql',
      rules: { [`fortress/${name}`]: (options ? ['error', ...options] : 'error') as Linter.RuleEntry },
    },
  ];
  return linter.verify(sql, config, { filename });
}

/** Asserts the rule reports nothing on `sql` (which must parse). */
export function expectSqlOk(name: string, rule: AnySqlRule, sql: string, options?: unknown[]): void {
  assertParses(sql);
  expect(lintSql(name, rule, sql, options)).toEqual([]);
}

/** Asserts the rule reports exactly these errors (messageId, line, column — 1-based as ESLint prints them). */
export function expectSqlErrors(
  name: string,
  rule: AnySqlRule,
  sql: string,
  errors: Array<{ messageId: string; line: number; column: number }>,
  options?: unknown[],
): void {
  assertParses(sql);
  const messages = lintSql(name, rule, sql, options);
  expect(messages.map(({ messageId, line, column }) => ({ messageId, line, column }))).toEqual(errors);
}

/** Malformed SQL on purpose: exactly one fatal parsing error (at `line`/`column` when given), no crash, no rule message. */
export function expectSqlMalformed(name: string, rule: AnySqlRule, sql: string, at?: { line: number; column: number }): void {
  const parsed = parseSql(blankPsqlMetaCommands(sql));
  expect(parsed.ok, 'this case is meant to be malformed SQL').toBe(false);
  const messages = lintSql(name, rule, sql);
  expect(messages).toHaveLength(1);
  expect(messages[0]!.fatal).toBe(true);
  expect(messages[0]!.ruleId).toBeNull();
  if (at) expect({ line: messages[0]!.line, column: messages[0]!.column }).toEqual(at);
}
