// Issue 11, item 5: a file of the linted file's migration set that does not parse never vanishes silently. Every rule
// that reads the set says it once per linted file (deduplicated across rules), only for the files that matter to it:
// the files before the linted one for sql-no-column-type-change, any file that might create a function for
// sql-no-add-required-column, any file for sql-require-foreign-key-index. Real ESLint, real files in a temp dir.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { clearSchemaModelCache } from '../../src/sql/migrations.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fortress-unparsed-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const TYPE_CHANGE = 'fortress/sql-no-column-type-change';
const REQUIRED_COLUMN = 'fortress/sql-no-add-required-column';
const FK_INDEX = 'fortress/sql-require-foreign-key-index';
const BOM = '\uFEFF';

/**
 * Writes a migration set (name → text) under `<dir>/<set>/migrations` and lints `linted` with `rules` (all SQL rules
 * when undefined), in that order. Returns its `unparsedMigration` reports and the other rule ids reported.
 */
async function lint(
  set: string,
  files: Record<string, string>,
  linted: string,
  rules?: string[],
): Promise<{ unparsed: Array<Pick<Linter.LintMessage, 'ruleId' | 'line' | 'column' | 'message'>>; others: Array<string | null> }> {
  const folder = path.join(dir, set, 'migrations');
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text);
  clearSchemaModelCache();
  const allSql = plugin.configs['all-sql'] as Linter.Config;
  const config: Linter.Config = rules ? { ...allSql, rules: Object.fromEntries(rules.map((rule) => [rule, 'error'])) } : allSql;
  const eslint = new ESLint({ cwd: path.join(dir, set), overrideConfigFile: true, overrideConfig: [config] });
  const [result] = await eslint.lintFiles([`migrations/${linted}`]);
  const messages = result!.messages;
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return {
    unparsed: messages.filter((message) => message.messageId === 'unparsedMigration').map(({ ruleId, line, column, message }) => ({ ruleId, line, column, message })),
    others: messages.filter((message) => message.messageId !== 'unparsedMigration').map((message) => message.ruleId),
  };
}

const INIT = 'CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20));\nCREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint);\n';
/** Would create an IMMUTABLE function and the foreign key's index, but `INDX` does not parse. */
const BROKEN = "CREATE FUNCTION f() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 1';\nCREATE INDX posts_author_id_idx ON posts (author_id);\n";
const BROKEN_LATER = "CREATE FUNCTION g() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 2';\nSELEC 1;\n";
/** A varchar widening (catalog only when the earlier type is known), a default calling f(), a foreign key. */
const CHANGE =
  'ALTER TABLE users ALTER COLUMN name TYPE varchar(40);\nALTER TABLE users ADD COLUMN score int DEFAULT f();\nALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id) NOT VALID;\n';

const REASON_EARLIER = 'syntax error at or near "INDX"';
const REASON_LATER = 'syntax error at or near "SELEC"';

describe('a file of the set that does not parse', () => {
  const earlier = { '0001_init.sql': INIT, '0002_broken.sql': BROKEN, '0003_change.sql': CHANGE };

  it('sql-no-column-type-change alone: one report naming the earlier file, with what it means for the rule', async () => {
    const { unparsed } = await lint('type-alone', earlier, '0003_change.sql', [TYPE_CHANGE]);
    expect(unparsed).toEqual([
      {
        ruleId: TYPE_CHANGE,
        line: 1,
        column: 1,
        message: `Migration migrations/0002_broken.sql, earlier in this set, does not parse (${REASON_EARLIER}), so the column types it leaves are unknown to this rule: a type change that only touches the catalog (such as widening a varchar) is reported as a rewrite.`,
      },
    ]);
  });

  it('sql-no-add-required-column alone: one report naming the file that would create the function', async () => {
    const { unparsed, others } = await lint('required-alone', earlier, '0003_change.sql', [REQUIRED_COLUMN]);
    expect(unparsed).toEqual([
      {
        ruleId: REQUIRED_COLUMN,
        line: 1,
        column: 1,
        message: `Migration migrations/0002_broken.sql of this set does not parse (${REASON_EARLIER}), so the functions it creates are unknown to this rule: a default that calls one of them is taken as volatile, even if it is declared IMMUTABLE or STABLE there.`,
      },
    ]);
    expect(others).toEqual([REQUIRED_COLUMN]); // f() is unknown, so volatile: the consequence the report announces
  });

  it('sql-require-foreign-key-index alone: one report naming it', async () => {
    const { unparsed } = await lint('fk-alone', earlier, '0003_change.sql', [FK_INDEX]);
    expect(unparsed.map((message) => [message.ruleId, message.message.split(' ').slice(0, 2).join(' ')])).toEqual([[FK_INDEX, 'Migration migrations/0002_broken.sql']]);
  });

  it('all rules together: exactly one report per broken file, from the first rule that reads the set', async () => {
    const { unparsed } = await lint('all', { ...earlier, '0004_later.sql': BROKEN_LATER }, '0003_change.sql');
    expect(unparsed.map((message) => [message.ruleId, message.message.split(' ')[1]])).toEqual([
      [FK_INDEX, 'migrations/0002_broken.sql'],
      [FK_INDEX, 'migrations/0004_later.sql'],
    ]);
  });

  it('two rules without the foreign-key rule: still one report, from the first to read the set', async () => {
    const { unparsed } = await lint('two', earlier, '0003_change.sql', [TYPE_CHANGE, REQUIRED_COLUMN]);
    expect(unparsed.map((message) => message.ruleId)).toEqual([TYPE_CHANGE]);
  });

  it('a broken later file: nothing from the rule that reads only earlier files; the whole-set rules say it', async () => {
    const files = { '0001_init.sql': INIT, '0003_change.sql': CHANGE, '0004_later.sql': BROKEN_LATER };
    expect((await lint('later-type', files, '0003_change.sql', [TYPE_CHANGE])).unparsed).toEqual([]);
    const required = await lint('later-required', files, '0003_change.sql', [REQUIRED_COLUMN]);
    expect(required.unparsed.map((message) => message.message)).toEqual([expect.stringContaining(`migrations/0004_later.sql of this set does not parse (${REASON_LATER})`)]);
    const fk = await lint('later-fk', files, '0003_change.sql', [FK_INDEX]);
    expect(fk.unparsed.map((message) => message.message.split(' ')[1])).toEqual(['migrations/0004_later.sql']);
  });

  it('a broken file without CREATE FUNCTION does not matter to sql-no-add-required-column', async () => {
    const files = { '0001_init.sql': INIT, '0002_broken.sql': 'SELEC 1;\n', '0003_change.sql': CHANGE };
    expect((await lint('no-function', files, '0003_change.sql', [REQUIRED_COLUMN])).unparsed).toEqual([]);
  });

  it('the linted file itself is never reported as a sibling (it gets its own parsing error)', async () => {
    const folder = path.join(dir, 'self', 'migrations');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, '0001_init.sql'), INIT);
    writeFileSync(path.join(folder, '0002_broken.sql'), BROKEN);
    clearSchemaModelCache();
    const eslint = new ESLint({ cwd: path.join(dir, 'self'), overrideConfigFile: true, overrideConfig: [plugin.configs['all-sql'] as Linter.Config] });
    const [result] = await eslint.lintFiles(['migrations/0002_broken.sql']);
    expect(result!.messages.map((message) => [message.fatal, message.messageId])).toEqual([[true, undefined]]);
  });

  it('a set that parses: nothing extra, the widening is allowed and f() is known IMMUTABLE', async () => {
    const files = { '0001_init.sql': INIT, '0002_ok.sql': BROKEN.replace('INDX', 'INDEX CONCURRENTLY'), '0003_change.sql': CHANGE };
    const { unparsed, others } = await lint('clean', files, '0003_change.sql');
    expect(unparsed).toEqual([]);
    expect(others).not.toContain(TYPE_CHANGE);
    expect(others).not.toContain(REQUIRED_COLUMN);
  });

  it('siblings with a BOM or a psql meta-command parse: no report, and their functions are known', async () => {
    const function_ = "\\set ON_ERROR_STOP on\nCREATE FUNCTION f() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 1';\n";
    const files = { '0001_init.sql': BOM + INIT, '0002_function.sql': BOM + function_, '0003_change.sql': CHANGE };
    const { unparsed, others } = await lint('bom', files, '0003_change.sql', [TYPE_CHANGE, REQUIRED_COLUMN]);
    expect(unparsed).toEqual([]);
    expect(others).toEqual([]);
    // Near miss: the same function declared VOLATILE is reported, so the BOM'd file was read.
    const volatile = { ...files, '0002_function.sql': BOM + function_.replace(' IMMUTABLE', '') };
    expect((await lint('bom-volatile', volatile, '0003_change.sql', [TYPE_CHANGE, REQUIRED_COLUMN])).others).toEqual([REQUIRED_COLUMN]);
  });
});
