// Behaviours of sql-unsupported-dialect that a mutant changed without a failing test (issue 13, `npm run mutate:target
// -- src/sql/rules/sql-unsupported-dialect.ts`): a MySQL dump at the project's root is named by the folder ".".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ESLint, type Linter } from 'eslint';
import { afterAll, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { clearDialectCache } from '../../src/sql/dialect.js';

const dir = mkdtempSync(path.join(tmpdir(), 'fortress-dialect-root-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a MySQL dump at the root: said once, naming the folder "." and the file', async () => {
  writeFileSync(path.join(dir, 'schema.sql'), 'CREATE TABLE users (\n  id int NOT NULL AUTO_INCREMENT,\n  PRIMARY KEY (id)\n) ENGINE=InnoDB;\n');
  clearDialectCache();
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [...(plugin.configs.recommended as Iterable<Linter.Config>)] });
  const [result] = await eslint.lintFiles(['**/*.sql']);
  expect(result!.messages.map(({ ruleId, fatal }) => ({ ruleId, fatal }))).toEqual([{ ruleId: 'fortress/sql-unsupported-dialect', fatal: undefined }]);
  expect(result!.messages[0]!.message).toMatch(/^The \.sql files under \. that do not parse as PostgreSQL look like MySQL \(.* of schema\.sql\)/);
});
