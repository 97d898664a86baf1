import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import rule from '../../src/prisma/rules/prisma-no-uuid-v4-primary-key.js';
import { lintPrisma, runPrismaRuleTester } from '../prisma/prisma-rule-tester.js';

const RULE = 'prisma-no-uuid-v4-primary-key';
const POSTGRES = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\n';
/** A model with these lines as its body; the first body line is line 2. */
const model = (...lines: string[]): string => `model Order {\n${lines.join('\n')}\n}\n`;
/** The 1-based column of `@default` in a line. */
const at = (line: string): number => line.indexOf('@default') + 1;
const suggestion = (code: string, from: string, to = 'uuid(7)') => [{ messageId: 'useUuidV7', output: code.replace(from, to) }];

const ID = '  id    String @id @default(uuid())';
const ID4 = '  id    String @id @default(uuid(4))';
const DB = '  id    String @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid';

runPrismaRuleTester(RULE, rule, {
  valid: [
    // UUIDv7 (Prisma 5.18+), cuid, autoincrement, no default (the application makes the key).
    model('  id String @id @default(uuid(7))'),
    model('  id String @id @default(cuid())'),
    model('  id String @id @default(cuid(2))'),
    model('  id Int @id @default(autoincrement())'),
    model('  id String @id'),
    model('  id String @id @default(dbgenerated("uuidv7()")) @db.Uuid'),
    model('  id String @id @default(dbgenerated("uuid_generate_v7()")) @db.Uuid'),
    // A random UUID on a field that is not the key: a public token, a unique secondary id.
    model('  id    Int    @id @default(autoincrement())', '  token String @unique @default(uuid())'),
    model('  id    Int    @id @default(autoincrement())', '  ref   String @default(dbgenerated("gen_random_uuid()")) @db.Uuid'),
    // The compound key does not include the random field.
    model('  a     String', '  b     String', '  token String @default(uuid())', '  @@id([a, b])'),
    // Only in comments.
    `// id String @id @default(uuid())\n/// id String @id @default(uuid())\n${model('  id String @id @default(uuid(7)) // not uuid()')}`,
    // A view or a composite type is no table with a key index.
    'view Summary {\n  id String @id @default(uuid())\n}\n',
    'type Address {\n  id String @default(uuid())\n}\n',
    // An enum value named like the generator.
    'enum Kind {\n  uuid\n  cuid\n}\n',
    // CockroachDB asks for random keys (not in the default providers); a provider the options leave out.
    { code: `datasource db {\n  provider = "cockroachdb"\n  url = env("DATABASE_URL")\n}\n${model(ID)}` },
    { code: `${POSTGRES}${model(ID)}`, options: [{ providers: ['mysql'] }] },
    // uuid(7) with spaces and a named argument to @default.
    model('  id String @id @default(value: uuid( 7 ))'),
    // A disable comment with the rule's name (RuleTester names it rule-to-test/<name>).
    model(`  // eslint-disable-next-line rule-to-test/${RULE}`, ID),
  ],
  invalid: [
    { code: model(ID), errors: [{ messageId: 'uuidV4Key', line: 2, column: at(ID), data: { model: 'Order', field: 'id', generator: 'uuid()' }, suggestions: suggestion(model(ID), 'uuid()') }] },
    { code: model(ID4), errors: [{ messageId: 'uuidV4Key', line: 2, column: at(ID4), suggestions: suggestion(model(ID4), 'uuid(4)') }] },
    { code: `${POSTGRES}${model(ID)}`, errors: [{ messageId: 'uuidV4Key', line: 7, column: at(ID), suggestions: suggestion(`${POSTGRES}${model(ID)}`, 'uuid()') }] },
    // Database defaults: no suggestion (uuid(7) would drop the column's default: a migration, other writers).
    { code: model(DB), errors: [{ messageId: 'randomDatabaseDefault', line: 2, column: at(DB), suggestions: [] }] },
    ...[
      '  id String @id @default(dbgenerated("uuid_generate_v4()")) @db.Uuid',
      '  id String @id @default(dbgenerated("public.uuid_generate_v4()")) @db.Uuid',
      '  id String @id @default(dbgenerated("extensions.gen_random_uuid()")) @db.Uuid',
      '  id String @id @default(dbgenerated("(gen_random_uuid())::text"))',
      '  id String @id @default(dbgenerated("GEN_RANDOM_UUID()")) @db.Uuid',
    ].map((line) => ({ code: model(line), errors: [{ messageId: 'randomDatabaseDefault', line: 2, column: at(line), suggestions: [] }] })),
    // @default before @id, on a mapped field, with a named value.
    ...['  id String @default(uuid()) @id @map("order_id")', '  id String @map("_id") @default(uuid()) @id', '  id String @id @default(value: uuid())'].map((line) => ({
      code: model(line),
      errors: [{ messageId: 'uuidV4Key', line: 2, column: at(line), suggestions: suggestion(model(line), 'uuid()') }],
    })),
    // A field of a compound key (@@id positional, named `fields:`, with a sort).
    ...['  @@id([tenantId, id])', '  @@id(fields: [tenantId, id], name: "pk")', '  @@id([tenantId, id(sort: Desc)])'].map((key) => {
      const code = model('  tenantId String', '  id       String @default(uuid())', key);
      return { code, errors: [{ messageId: 'uuidV4Key', line: 3, column: at('  id       String @default(uuid())'), suggestions: suggestion(code, 'uuid()') }] };
    }),
    // Several models: each key once; a CRLF file; a MySQL datasource (B-tree clustered key).
    {
      code: `${model(ID)}\nmodel Invoice {\n${ID}\n  ref String @default(uuid())\n}\n`,
      errors: [
        { messageId: 'uuidV4Key', line: 2, column: at(ID), data: { model: 'Order', field: 'id', generator: 'uuid()' }, suggestions: suggestion(`${model(ID)}\nmodel Invoice {\n${ID}\n  ref String @default(uuid())\n}\n`, 'uuid()') },
        { messageId: 'uuidV4Key', line: 6, column: at(ID), data: { model: 'Invoice', field: 'id', generator: 'uuid()' }, suggestions: [{ messageId: 'useUuidV7', output: `${model(ID)}\nmodel Invoice {\n  id    String @id @default(uuid(7))\n  ref String @default(uuid())\n}\n` }] },
      ],
    },
    { code: model(ID).replaceAll('\n', '\r\n'), errors: [{ messageId: 'uuidV4Key', line: 2, column: at(ID), suggestions: suggestion(model(ID).replaceAll('\n', '\r\n'), 'uuid()') }] },
    {
      code: `datasource db {\n  provider = "mysql"\n  url = env("DATABASE_URL")\n}\n${model(ID)}`,
      errors: [{ messageId: 'uuidV4Key', line: 6, column: at(ID), suggestions: suggestion(`datasource db {\n  provider = "mysql"\n  url = env("DATABASE_URL")\n}\n${model(ID)}`, 'uuid()') }],
    },
    // A byte order mark before the schema.
    { code: `\uFEFF${model(ID)}`, errors: [{ messageId: 'uuidV4Key', line: 2, column: at(ID), suggestions: suggestion(`\uFEFF${model(ID)}`, 'uuid()') }] },
  ],
});

describe(`${RULE}: the provider of a multi-file schema`, () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  /** A schema folder: schema.prisma with the datasource, models/<file> with the model. */
  function project(provider: string): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'fortress-prisma-'));
    dirs.push(dir);
    mkdirSync(path.join(dir, 'prisma/schema/models'), { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{}');
    writeFileSync(path.join(dir, 'prisma/schema/schema.prisma'), `datasource db {\n  provider = "${provider}"\n  url = env("DATABASE_URL")\n}\n`);
    return dir;
  }

  it('takes the datasource from a .prisma file in a folder above (PostgreSQL: reported)', () => {
    const dir = project('postgresql');
    const messages = lintPrisma(RULE, model(ID), undefined, path.join(dir, 'prisma/schema/models/order.prisma'), dir);
    expect(messages.map((message) => [message.messageId, message.line])).toEqual([['uuidV4Key', 2]]);
  });

  it('skips a model file whose schema folder names CockroachDB', () => {
    const dir = project('cockroachdb');
    expect(lintPrisma(RULE, model(ID), undefined, path.join(dir, 'prisma/schema/models/order.prisma'), dir)).toEqual([]);
    expect(lintPrisma(RULE, model(ID), [{ providers: ['cockroachdb'] }], path.join(dir, 'prisma/schema/models/order.prisma'), dir)).toHaveLength(1);
  });

  it('checks a schema whose provider is found nowhere', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fortress-prisma-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'package.json'), '{}');
    expect(lintPrisma(RULE, model(ID), undefined, path.join(dir, 'order.prisma'), dir)).toHaveLength(1);
  });
});

describe(`${RULE}: malformed and partial schemas`, () => {
  it.each([
    ['an unclosed model', 'model Order {\n  id String @id @default(uuid())\n', { line: 1, column: 13 }],
    ['a stray character', `${model(ID)}%\n`, { line: 4, column: 1 }],
    ['an unterminated string', model('  id String @id @default(dbgenerated("gen_random_uuid()))'), { line: 2, column: 38 }],
    ['an unclosed attribute', model('  id String @id @default(uuid('), { line: 3, column: 1 }],
  ])('%s: a fatal parsing error at its position, no rule message, no crash', (_title, code, position) => {
    const messages = lintPrisma(RULE, code);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((message) => message.fatal === true && message.ruleId === null)).toBe(true);
    expect({ line: messages[0]!.line, column: messages[0]!.column }).toEqual(position);
  });

  it('an empty file and a file of comments: nothing', () => {
    expect(lintPrisma(RULE, '')).toEqual([]);
    expect(lintPrisma(RULE, '// nothing here\n\n/// still nothing')).toEqual([]);
  });

  it('does nothing on a file of another language (turned on without `files`)', async () => {
    const { Linter } = await import('eslint');
    const plugin = (await import('../../src/index.js')).default;
    const messages = new Linter().verify('const id = 1;\n', [{ plugins: { fortress: plugin as never }, rules: { [`fortress/${RULE}`]: 'error' } }], { filename: 'a.js' });
    expect(messages).toEqual([]);
  });
});
