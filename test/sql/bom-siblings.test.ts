// Issue 11, item 5: earlier migrations saved with a UTF-8 byte order mark are decoded as ESLint decodes the linted
// file (BOM removed), so they stay in the schema model and later files get no false findings. Real ESLint, real
// files in a temp dir.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { clearSchemaModelCache, readSqlFile } from '../../src/sql/migrations.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fortress-bom-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Writes a migration set (name → bytes) under `<dir>/<set>/migrations` and lints its last file with all SQL rules. */
async function lintLast(set: string, files: Record<string, Buffer>): Promise<Linter.LintMessage[]> {
  const folder = path.join(dir, set, 'migrations');
  mkdirSync(folder, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(folder, name), bytes);
  clearSchemaModelCache();
  const eslint = new ESLint({ cwd: path.join(dir, set), overrideConfigFile: true, overrideConfig: [plugin.configs['all-sql'] as Linter.Config] });
  const last = Object.keys(files).at(-1)!;
  const [result] = await eslint.lintFiles([`migrations/${last}`]);
  return result!.messages;
}

const INIT = 'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint);\n';
const INDEX = 'CREATE INDEX CONCURRENTLY posts_author_id_idx ON posts (author_id);\n';
const FOREIGN_KEY = 'ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id) NOT VALID;\n';

describe('siblings with a byte order mark', () => {
  it('readSqlFile drops a UTF-8 BOM, keeps a BOM-less file as is', () => {
    const folder = path.join(dir, 'read');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'a.sql'), Buffer.concat([BOM, Buffer.from('SELECT 1;')]));
    writeFileSync(path.join(folder, 'b.sql'), 'SELECT \uFEFF1;');
    expect(readSqlFile(path.join(folder, 'a.sql'))).toBe('SELECT 1;');
    expect(readSqlFile(path.join(folder, 'b.sql'))).toBe('SELECT \uFEFF1;');
  });

  it('an index created by a BOM-saved earlier migration covers a later foreign key (no false finding)', async () => {
    const messages = await lintLast('bom', {
      '0001_init.sql': Buffer.concat([BOM, Buffer.from(INIT)]),
      '0002_index.sql': Buffer.concat([BOM, Buffer.from(INDEX)]),
      '0003_fk.sql': Buffer.from(FOREIGN_KEY),
    });
    expect(messages.map((message) => message.ruleId)).not.toContain('fortress/sql-require-foreign-key-index');
    expect(messages.filter((message) => message.fatal)).toEqual([]);
  });

  it('near miss: without the earlier index, the foreign key is still reported', async () => {
    const messages = await lintLast('no-index', {
      '0001_init.sql': Buffer.concat([BOM, Buffer.from(INIT)]),
      '0003_fk.sql': Buffer.from(FOREIGN_KEY),
    });
    expect(messages.map((message) => message.ruleId)).toContain('fortress/sql-require-foreign-key-index');
  });

  it('a sibling that does not parse is one report on the linted file, naming it; a set that parses has none', async () => {
    const messages = await lintLast('broken', {
      '0001_init.sql': Buffer.from(INIT),
      '0002_index.sql': Buffer.from('CREATE INDX posts_author_id_idx ON posts (author_id);\n'),
      '0003_fk.sql': Buffer.from(FOREIGN_KEY),
    });
    const unparsed = messages.filter((message) => message.messageId === 'unparsedMigration');
    expect(unparsed.map(({ ruleId, line, column, message }) => ({ ruleId, line, column, message }))).toEqual([
      {
        ruleId: 'fortress/sql-require-foreign-key-index',
        line: 1,
        column: 1,
        message:
          'Migration migrations/0002_index.sql of this set does not parse (syntax error at or near "INDX"), so what it creates is missing from the schema this rule checks: its foreign keys and indexes are not seen.',
      },
    ]);
    const clean = await lintLast('clean', { '0001_init.sql': Buffer.from(INIT), '0002_index.sql': Buffer.from(INDEX), '0003_fk.sql': Buffer.from(FOREIGN_KEY) });
    expect(clean.map((message) => message.messageId)).not.toContain('unparsedMigration');
  });
});
