import rule from '../../src/rules/no-uuid-v4.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-uuid-v4', rule, {
  valid: [
    // Test files are exempt by default: test data never reaches a production index.
    { code: "import { randomUUID } from 'node:crypto';\nconst user = { id: randomUUID() };", filename: 'src/features/users/users.test.ts' },
    { code: "import { v4 } from 'uuid';\nconst orderId = v4();", filename: 'test/orders/fixtures.ts' },
    // A custom exemptFiles list replaces the default.
    {
      code: "import { v4 } from 'uuid';\nconst orderId = v4();",
      filename: 'src/dev/fake-data.ts',
      options: [{ exemptFiles: ['src/dev/**'] }],
    },
    // Near-misses: v4 values that are not keys.
    "import { v4 } from 'uuid';\nconst requestId = v4();",
    "import * as uuid from 'uuid';\nres.setHeader('x-request-id', uuid.v4());",
    "import { v4 as uuidv4 } from 'uuid';\nfetch(url, { headers: { 'X-Request-ID': uuidv4(), 'Idempotency-Key': uuidv4() } });",
    "const session = { sessionId: crypto.randomUUID(), token: crypto.randomUUID(), nonce: crypto.randomUUID() };",
    "import { randomUUID } from 'node:crypto';\nlogger.info({ event: 'job_started', traceId: randomUUID(), correlationId: randomUUID() });",
    "import { randomUUID } from 'node:crypto';\nconst idempotencyKey = randomUUID();\nconst sessionToken = randomUUID();",
    "import { v4 } from 'uuid';\nconst fileName = `${v4()}.png`;",
    "import { v4 } from 'uuid';\nconst value = v4();\nlogger.info({ requestId: value });",
    "import { v4 } from 'uuid';\nconst generateRequestId = () => v4();",
    "import { v4 } from 'uuid';\nres.locals.requestId = v4();\nheaders['x-request-id'] = v4();",
    "import { randomUUID } from 'node:crypto';\nconst claims = { sub: user.id, jti: randomUUID() };",
    // Not uuid's v4, not node's randomUUID, not the global crypto.
    'function v4() { return 1; }\nconst id = v4();',
    "import { randomUUID } from './ids';\nconst id = randomUUID();",
    "import { v4 } from 'uuid-like';\nconst id = v4();",
    'function make(crypto: { randomUUID(): string }) {\n  return { id: crypto.randomUUID() };\n}',
    // Time-ordered keys.
    "import { v7 } from 'uuid';\nconst id = v7();\nawait db.insert(users).values({ id: v7() });",
    // Primary-key defaults that are not random.
    "import { Entity, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nclass User {\n  @PrimaryGeneratedColumn()\n  id!: number;\n}",
    "import { Generated, Column } from 'typeorm';\nclass User {\n  @Column()\n  @Generated('uuid')\n  inviteToken!: string;\n}",
    "function PrimaryGeneratedColumn(kind: string) { return () => undefined; }\nclass User {\n  @PrimaryGeneratedColumn('uuid')\n  id!: string;\n}",
    "import { pgTable, uuid, text } from 'drizzle-orm/pg-core';\nexport const tokens = pgTable('tokens', {\n  id: uuid('id').primaryKey().default(sql`uuidv7()`),\n  token: uuid('token').defaultRandom().notNull(),\n  name: text('name'),\n});",
    // Random ids that are never stored as keys: held in memory, returned, sent in a command, an error message, a
    // cache or share-link key, a preview object never saved.
    "import { v4 } from 'uuid';\nconst id = v4();",
    "import { v4 as uuidv4 } from 'uuid';\nconst user = { id: uuidv4(), name };\nrender(user);",
    "import { randomUUID } from 'crypto';\nexport function newId(): string {\n  return randomUUID();\n}",
    "import { v4 as uuidv4 } from 'uuid';\nconst transactionId = body.transactionId || uuidv4();\nawait this.trigger.execute(TriggerEventCommand.create({ transactionId, payload }));",
    "import * as uuid from 'uuid';\nconst connection = cloneDeep(session);\nconnection.id = uuid.v4();\nconnections.set(connection.id, connection);",
    "import { randomUUID } from 'node:crypto';\nconst errorId = randomUUID();\nthrow new InternalServerErrorException(`Unexpected error, reference ${errorId}`);",
    "import { randomUUID } from 'node:crypto';\nconst shareId = randomUUID();\nawait redis.set(`share:${shareId}`, JSON.stringify(report), 'EX', 3600);",
    "import { randomUUID } from 'node:crypto';\nstate.filters = items.map((f) => ({ id: randomUUID(), field: f.member }));",
    "import { randomUUID } from 'node:crypto';\nclass Draft {\n  id = randomUUID();\n}",
    "import { v4 } from 'uuid';\nawait db.insert(events).values({ requestId: v4(), type });",
    // SQL in migrations: a random default on a column that is not a key, a time-ordered key default, no DEFAULT.
    "await queryRunner.query(`ALTER TABLE \"invite\" ADD \"token\" uuid NOT NULL DEFAULT gen_random_uuid()`);",
    'await knex.raw(`CREATE TABLE users (id uuid PRIMARY KEY DEFAULT uuidv7(), email text)`);',
    "await db.query('SELECT gen_random_uuid() AS value');",
    "table.uuid('token').notNullable().defaultTo(knex.raw('gen_random_uuid()'));",
    // A migration's down restores the schema as it was (Unleash@ceeb5a9 src/migrations/20251027094509-…js:19): in
    // `exports.down`, a class's `down()`, an `export async function down`, and `knex.raw` as a key default there.
    "exports.down = (db) => db.runSql(`ALTER TABLE progressions ADD COLUMN id TEXT NOT NULL DEFAULT gen_random_uuid()::text PRIMARY KEY;`);",
    'export class Init1700000000000 {\n  async down(queryRunner) {\n    await queryRunner.query(`CREATE TABLE "user" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), CONSTRAINT "PK_user" PRIMARY KEY ("id"))`);\n  }\n}',
    "export async function down(knex) {\n  await knex.schema.alterTable('users', (table) => {\n    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));\n  });\n}",
    // Malformed SQL: a default with no column before it, an unterminated statement.
    "await db.query('DEFAULT gen_random_uuid()');",
    "await db.query(`CREATE TABLE t (\"id\" uuid NOT NULL DEFAULT uuid_generate_v5(`);",
    // Blind spot by design: positional arguments carry no name.
    "import { v4 } from 'uuid';\nconst user = new User(v4(), 'Ada');",
    // Options.
    { code: "import { v4 } from 'uuid';\nconst externalId = v4();", options: [{ allowedNames: ['externalId'] }] },
    { code: "import { v4 } from 'uuid';\nconst eventId = v4();", options: [{ allowedNames: ['/^event/'] }] },
    // Malformed / partial code: never throws.
    '',
    'const x = require();\nconst id = x.v4();',
    'const m = require(moduleName);\nconst id = m.v4();',
    "import {} from 'uuid';\nconst id = v4;",
    "import { v4 } from 'uuid';\nconst id = v4;",
    "const { v4 } = require(...args);\nconst id = v4();",
  ],
  invalid: [
    {
      // TypeORM migration: the primary key column defaults to a random UUID.
      code: 'export class Init1700000000000 {\n  async up(queryRunner) {\n    await queryRunner.query(`CREATE TABLE "user" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "name" text, CONSTRAINT "PK_user" PRIMARY KEY ("id"))`);\n  }\n}',
      errors: [{ messageId: 'randomKeyDefault', data: { what: '`DEFAULT uuid_generate_v4()` on `id`' }, line: 3, column: 70 }],
    },
    // Up and down in one file: the up's key default is reported, the down's restoring one is not.
    {
      code: "exports.up = (db) => db.runSql(`CREATE TABLE runs (id uuid DEFAULT gen_random_uuid() PRIMARY KEY);`);\nexports.down = (db) => db.runSql(`CREATE TABLE runs (id uuid DEFAULT gen_random_uuid() PRIMARY KEY);`);",
      errors: [{ messageId: 'randomKeyDefault', line: 1, column: 60 }],
    },
    {
      // Knex / db-migrate: a key added to an existing table, a PRIMARY KEY declared inline on another name.
      code: "exports.up = (db) => db.runSql(`\n  ALTER TABLE progressions ADD COLUMN id TEXT NOT NULL DEFAULT gen_random_uuid()::text;\n  CREATE TABLE runs (ref uuid DEFAULT public.gen_random_uuid() PRIMARY KEY);\n`);",
      errors: [
        { messageId: 'randomKeyDefault', data: { what: '`DEFAULT gen_random_uuid()` on `id`' }, line: 2, column: 56 },
        { messageId: 'randomKeyDefault', data: { what: '`DEFAULT gen_random_uuid()` on `ref`' }, line: 3, column: 31 },
      ],
    },
    {
      // Knex schema builder: the key column's default is raw SQL.
      code: "table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));",
      errors: [{ messageId: 'randomKeyDefault', data: { what: '`gen_random_uuid()`' }, line: 1, column: 47 }],
    },
    {
      // A concatenation of literals is one SQL text.
      code: "await db.query('CREATE TABLE orders (' + 'order_id uuid DEFAULT gen_random_uuid(), total int)');",
      errors: [{ messageId: 'randomKeyDefault', data: { what: '`DEFAULT gen_random_uuid()` on `order_id`' }, line: 1, column: 57 }],
    },
    {
      // exemptFiles: [] checks test files too; a file merely named like a test folder is not exempt.
      code: "import { randomUUID } from 'node:crypto';\nconst user = { id: randomUUID() };\nawait repo.save(user);",
      filename: 'src/features/users/users.test.ts',
      options: [{ exemptFiles: [] }],
      errors: [{ messageId: 'randomKey', line: 2, column: 20 }],
    },
    {
      code: "import { randomUUID } from 'node:crypto';\nconst user = { id: randomUUID() };\nawait repo.save(user);",
      filename: 'src/features/testing-tools/users.ts',
      errors: [{ messageId: 'randomKey', line: 2, column: 20 }],
    },
    {
      code: "import { v4 } from 'uuid';\nconst id = v4();\nawait db.insert(users).values({ id });",
      errors: [
        {
          messageId: 'randomKey',
          line: 2,
          column: 12,
          suggestions: [{ messageId: 'useV7', output: "import { v7 } from 'uuid';\nconst id = v7();\nawait db.insert(users).values({ id });" }],
        },
      ],
    },
    {
      code: "import { v4 as uuidv4 } from 'uuid';\nconst user = { id: uuidv4(), name };\nlogger.info({ requestId: uuidv4() });\nawait users.create(user);",
      errors: [
        {
          messageId: 'randomKey',
          line: 2,
          column: 20,
          suggestions: [
            {
              messageId: 'useV7',
              output: "import { v4 as uuidv4, v7 } from 'uuid';\nconst user = { id: v7(), name };\nlogger.info({ requestId: uuidv4() });\nawait users.create(user);",
            },
          ],
        },
      ],
    },
    {
      code: "import { v4, v7 } from 'uuid';\nconst row = { orderId: v4() };\nawait knex('orders').insert(row);",
      errors: [
        {
          messageId: 'randomKey',
          line: 2,
          column: 24,
          suggestions: [{ messageId: 'useV7', output: "import { v4, v7 } from 'uuid';\nconst row = { orderId: v7() };\nawait knex('orders').insert(row);" }],
        },
      ],
    },
    {
      code: "import * as uuid from 'uuid';\nawait db.insert(users).values({ id: uuid.v4(), email });",
      errors: [{ messageId: 'randomKey', line: 2, column: 37 }],
    },
    {
      code: "const { v4: uuidv4 } = require('uuid');\nconst orderId = uuidv4();\nawait orders.save({ orderId });",
      errors: [{ messageId: 'randomKey', line: 2, column: 17 }],
    },
    {
      code: "const uuidv4 = require('uuid/v4');\nconst accountId = uuidv4();\nawait accounts.insert({ accountId });",
      errors: [{ messageId: 'randomKey', line: 2, column: 19 }],
    },
    {
      code: "const crypto = require('node:crypto');\n@Entity()\nclass Order {\n  constructor() {\n    this.id = crypto.randomUUID();\n  }\n}",
      errors: [{ messageId: 'randomKey', line: 5, column: 15 }],
    },
    {
      code: "const row = { user_id: crypto.randomUUID(), createdAt: new Date() };\nawait db('rows').insert(row);",
      errors: [{ messageId: 'randomKey', line: 1, column: 24 }],
    },
    {
      code: 'const userID = globalThis.crypto.randomUUID();\nawait prisma.user.create({ data: { id: userID } });',
      errors: [{ messageId: 'randomKey', line: 1, column: 16 }],
    },
    {
      code: "import crypto from 'node:crypto';\nconst payload = { customerId: crypto.randomUUID() };\nawait customers.upsert(payload);",
      errors: [{ messageId: 'randomKey', line: 2, column: 31 }],
    },
    {
      code: "import { randomUUID } from 'node:crypto';\n@Entity()\nclass User {\n  id: string = randomUUID();\n}",
      errors: [{ messageId: 'randomKey', line: 4, column: 16 }],
    },
    {
      code: "import { v4 as uuid } from 'uuid';\nawait prisma.user.create({ data: { id: uuid(), email } });",
      errors: [
        {
          messageId: 'randomKey',
          line: 2,
          column: 40,
          suggestions: [
            {
              messageId: 'useV7',
              output: "import { v7 } from 'uuid';\nawait prisma.user.create({ data: { id: v7(), email } });",
            },
          ],
        },
      ],
    },
    {
      code: "import { randomUUID } from 'crypto';\nawait db.insert(items).values(rows.map((row) => ({ ...row, id: randomUUID() })));",
      errors: [{ messageId: 'randomKey', line: 2, column: 64 }],
    },
    {
      code: "import { randomUUID } from 'crypto';\nconst value = randomUUID();\nawait db.insert(orders).values({ id: value, total });",
      errors: [{ messageId: 'randomKey', line: 2, column: 15 }],
    },
    {
      code: "import { v4 } from 'uuid';\nconst id = `usr_${v4().replace(/-/g, '')}`;\nawait repo.save({ id });",
      errors: [
        {
          messageId: 'randomKey',
          line: 2,
          column: 19,
          suggestions: [{ messageId: 'useV7', output: "import { v7 } from 'uuid';\nconst id = `usr_${v7().replace(/-/g, '')}`;\nawait repo.save({ id });" }],
        },
      ],
    },
    {
      code: "import { Entity, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nclass User {\n  @PrimaryGeneratedColumn('uuid')\n  id!: string;\n}",
      errors: [{ messageId: 'randomKeyDefault', data: { what: "`@PrimaryGeneratedColumn('uuid')`" }, line: 4, column: 4 }],
    },
    {
      code: "import * as typeorm from 'typeorm';\nclass User {\n  @typeorm.PrimaryColumn('uuid')\n  @typeorm.Generated('uuid')\n  key!: string;\n}",
      errors: [{ messageId: 'randomKeyDefault', line: 4, column: 4 }],
    },
    {
      code: "import { PrimaryKey } from '@mikro-orm/core';\nimport { v4 } from 'uuid';\nclass Book {\n  @PrimaryKey({ onCreate: () => v4() })\n  uuid!: string;\n}",
      errors: [
        {
          messageId: 'randomKey',
          line: 4,
          column: 33,
          suggestions: [
            {
              messageId: 'useV7',
              output:
                "import { PrimaryKey } from '@mikro-orm/core';\nimport { v7 } from 'uuid';\nclass Book {\n  @PrimaryKey({ onCreate: () => v7() })\n  uuid!: string;\n}",
            },
          ],
        },
      ],
    },
    {
      code: "import { pgTable, uuid, text } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', {\n  id: uuid('id').primaryKey().defaultRandom(),\n  name: text('name'),\n});",
      errors: [{ messageId: 'randomKeyDefault', data: { what: '`.defaultRandom()`' }, line: 3, column: 31 }],
    },
    {
      code: "import * as pg from 'drizzle-orm/pg-core';\nexport const posts = pg.pgTable('posts', {\n  authorId: pg.uuid().defaultRandom().notNull(),\n});",
      errors: [{ messageId: 'randomKeyDefault', line: 3, column: 23 }],
    },
    {
      code: "import { uuid } from 'drizzle-orm/pg-core';\nimport { v4 as uuidv4 } from 'uuid';\nconst columns = { id: uuid('id').primaryKey().$defaultFn(() => uuidv4()) };",
      errors: [
        {
          messageId: 'randomKey',
          line: 3,
          column: 64,
          suggestions: [
            {
              messageId: 'useV7',
              output:
                "import { uuid } from 'drizzle-orm/pg-core';\nimport { v7 } from 'uuid';\nconst columns = { id: uuid('id').primaryKey().$defaultFn(() => v7()) };",
            },
          ],
        },
      ],
    },
    {
      code: "import { v4 } from 'uuid';\nconst ref = v4();\nawait repo.insert({ ref });",
      options: [{ keyNames: ['ref'] }],
      errors: [
        {
          messageId: 'randomKey',
          line: 2,
          column: 13,
          suggestions: [{ messageId: 'useV7', output: "import { v7 } from 'uuid';\nconst ref = v7();\nawait repo.insert({ ref });" }],
        },
      ],
    },
    {
      code: 'export async function create(body) {\n  const { id = crypto.randomUUID(), name } = body;\n  await users.insert({ id, name });\n}',
      errors: [{ messageId: 'randomKey', line: 2, column: 16 }],
    },
    {
      code: "import { v4 } from 'uuid';\nconst v7 = 'shadow';\nconst id = v4();\nawait repo.insert({ id });",
      errors: [{ messageId: 'randomKey', line: 3, column: 12, suggestions: [] }],
    },
  ],
});
