// Side by side: which squawk rules and which fortress rules fire on the same small migrations.
// Usage: npm run build && node bench/sql-findings-compare.mjs
// Each case is a migration set of its own: `0000_base.sql` (the tables that exist before) and `0001_case.sql` (the
// statements under test). squawk lints 0001_case.sql (`--reporter json`); fortress lints it through ESLint with
// `configs['all-sql']` (its rules read the whole set). Prints a Markdown table: case, SQL, rules fired by each tool.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { squawkBinary } from './squawk.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = path.join(root, 'bench/out/findings');
const squawk = squawkBinary();
const eslint = path.join(root, 'node_modules/eslint/bin/eslint.js');

const BASE = `CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text, name varchar(100));
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id bigint, total numeric);
CREATE INDEX orders_user_id_idx ON orders (user_id);
`;

/** [name, SQL of 0001_case.sql]; "near miss" cases are the safe (or same-file) twins of an unsafe one. */
const CASES = [
  ['index without CONCURRENTLY', 'CREATE INDEX users_email_idx ON users (email);'],
  ['near miss: index CONCURRENTLY', 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);'],
  ['near miss: index on a table created in the same file', 'CREATE TABLE tags (id bigint PRIMARY KEY, label text);\nCREATE INDEX tags_label_idx ON tags (label);'],
  ['DROP INDEX without CONCURRENTLY', 'DROP INDEX orders_user_id_idx;'],
  ['near miss: DROP INDEX CONCURRENTLY', 'DROP INDEX CONCURRENTLY orders_user_id_idx;'],
  ['required column (NOT NULL, no default)', 'ALTER TABLE users ADD COLUMN age integer NOT NULL;'],
  ['near miss: NOT NULL with a constant default', 'ALTER TABLE users ADD COLUMN age integer NOT NULL DEFAULT 0;'],
  ['NOT NULL with a volatile default', 'ALTER TABLE users ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();'],
  ['column type change', 'ALTER TABLE users ALTER COLUMN email TYPE varchar(320);'],
  ['near miss: varchar widening (no rewrite)', 'ALTER TABLE users ALTER COLUMN name TYPE varchar(200);'],
  ['rename column', 'ALTER TABLE users RENAME COLUMN email TO email_address;'],
  ['rename table', 'ALTER TABLE users RENAME TO accounts;'],
  ['foreign key without NOT VALID', 'ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);'],
  ['near miss: foreign key NOT VALID', 'ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;'],
  ['CHECK without NOT VALID', 'ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);'],
  ['near miss: CHECK NOT VALID', 'ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;'],
  ['SET NOT NULL', 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;'],
  [
    'near miss: SET NOT NULL after a validated CHECK (IS NOT NULL)',
    'ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
  ],
  ['lock-taking ALTER, no lock_timeout', 'ALTER TABLE users ADD COLUMN bio text;'],
  ['near miss: lock_timeout set first', "SET lock_timeout = '1s';\nALTER TABLE users ADD COLUMN bio text;"],
  [
    'near miss: all of the above on a table created in the same file',
    'CREATE TABLE tags (id bigint PRIMARY KEY, label text, owner_id bigint);\nCREATE INDEX tags_owner_id_idx ON tags (owner_id);\nALTER TABLE tags ADD COLUMN rank integer NOT NULL;\nALTER TABLE tags ALTER COLUMN label TYPE varchar(50);\nALTER TABLE tags ALTER COLUMN label SET NOT NULL;\nALTER TABLE tags ADD CONSTRAINT tags_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (id);\nALTER TABLE tags RENAME COLUMN label TO name;',
  ],
  ['UNIQUE constraint on an existing table', 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);'],
  ['foreign key with no index on its column', 'CREATE TABLE payments (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id));'],
  // eslint-disable-next-line fortress/no-uuid-v4 -- a deliberate UUIDv4 key: the SQL fixture the benchmark lints
  ['uuid v4 primary key', 'CREATE TABLE sessions (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), user_id bigint);'],
  ['OFFSET pagination in a view', 'CREATE VIEW second_page AS SELECT id FROM users ORDER BY id LIMIT 20 OFFSET 20;'],
];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'package.json'), '{"type":"module"}\n');
writeFileSync(
  path.join(out, 'eslint.config.js'),
  `import fortress from ${JSON.stringify(path.join(root, 'dist/index.js'))};\nexport default [fortress.configs['all-sql']];\n`,
);
const caseFiles = CASES.map(([, sql], index) => {
  const folder = path.join(out, `case${String(index + 1).padStart(2, '0')}`, 'migrations');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, '0000_base.sql'), BASE);
  writeFileSync(path.join(folder, '0001_case.sql'), `${sql}\n`);
  return path.relative(out, path.join(folder, '0001_case.sql'));
});

const squawkRun = spawnSync(squawk, ['--reporter', 'json', ...caseFiles], { cwd: out, encoding: 'utf8' });
const eslintRun = spawnSync(process.execPath, [eslint, '--format', 'json', ...caseFiles], { cwd: out, encoding: 'utf8' });
if (!squawkRun.stdout.trim().startsWith('[')) throw new Error(`squawk failed: ${squawkRun.stderr}`);
if (!eslintRun.stdout.trim().startsWith('[')) throw new Error(`eslint failed: ${eslintRun.stderr}`);

/** file (relative to `out`) → sorted distinct rule names. */
const fired = (entries) => {
  const byFile = new Map(caseFiles.map((file) => [file, new Set()]));
  for (const [file, rule] of entries) byFile.get(file)?.add(rule);
  return byFile;
};
const squawkRules = fired(JSON.parse(squawkRun.stdout).map((finding) => [path.normalize(finding.file), finding.rule_name]));
const fortressRules = fired(
  JSON.parse(eslintRun.stdout).flatMap((result) =>
    result.messages.map((message) => [path.relative(out, result.filePath), (message.ruleId ?? 'parse error').replace(/^fortress\//, '')]),
  ),
);

const cell = (rules) => (rules.size === 0 ? '—' : [...rules].sort().map((rule) => `\`${rule}\``).join(', '));
const code = (sql) => sql.split('\n').map((line) => `\`${line.replaceAll('|', '\\|')}\``).join('<br>');
process.stdout.write(`squawk ${spawnSync(squawk, ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^squawk /, '')}, base file: the tables users, orders (orders.user_id indexed)\n\n`);
process.stdout.write('| # | case | 0001_case.sql | squawk | fortress |\n|---:|---|---|---|---|\n');
CASES.forEach(([name, sql], index) => {
  const file = caseFiles[index];
  process.stdout.write(`| ${index + 1} | ${name} | ${code(sql)} | ${cell(squawkRules.get(file))} | ${cell(fortressRules.get(file))} |\n`);
});
