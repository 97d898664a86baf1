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
      // exemptFiles: [] checks test files too; a file merely named like a test folder is not exempt.
      code: "import { randomUUID } from 'node:crypto';\nconst user = { id: randomUUID() };",
      filename: 'src/features/users/users.test.ts',
      options: [{ exemptFiles: [] }],
      errors: [{ messageId: 'randomKey', line: 2, column: 20 }],
    },
    {
      code: "import { randomUUID } from 'node:crypto';\nconst user = { id: randomUUID() };",
      filename: 'src/features/testing-tools/users.ts',
      errors: [{ messageId: 'randomKey', line: 2, column: 20 }],
    },
    {
      code: "import { v4 } from 'uuid';\nconst id = v4();",
      errors: [
        {
          messageId: 'randomKey',
          line: 2,
          column: 12,
          suggestions: [{ messageId: 'useV7', output: "import { v7 } from 'uuid';\nconst id = v7();" }],
        },
      ],
    },
    {
      code: "import { v4 as uuidv4 } from 'uuid';\nconst user = { id: uuidv4(), name };\nlogger.info({ requestId: uuidv4() });",
      errors: [
        {
          messageId: 'randomKey',
          line: 2,
          column: 20,
          suggestions: [
            {
              messageId: 'useV7',
              output: "import { v4 as uuidv4, v7 } from 'uuid';\nconst user = { id: v7(), name };\nlogger.info({ requestId: uuidv4() });",
            },
          ],
        },
      ],
    },
    {
      code: "import { v4, v7 } from 'uuid';\nconst row = { orderId: v4() };",
      errors: [
        {
          messageId: 'randomKey',
          line: 2,
          column: 24,
          suggestions: [{ messageId: 'useV7', output: "import { v4, v7 } from 'uuid';\nconst row = { orderId: v7() };" }],
        },
      ],
    },
    {
      code: "import * as uuid from 'uuid';\nawait db.insert(users).values({ id: uuid.v4(), email });",
      errors: [{ messageId: 'randomKey', line: 2, column: 37 }],
    },
    {
      code: "const { v4: uuidv4 } = require('uuid');\nconst orderId = uuidv4();",
      errors: [{ messageId: 'randomKey', line: 2, column: 17 }],
    },
    {
      code: "const uuidv4 = require('uuid/v4');\nconst accountId = uuidv4();",
      errors: [{ messageId: 'randomKey', line: 2, column: 19 }],
    },
    {
      code: "const crypto = require('node:crypto');\nclass Order {\n  constructor() {\n    this.id = crypto.randomUUID();\n  }\n}",
      errors: [{ messageId: 'randomKey', line: 4, column: 15 }],
    },
    {
      code: 'const row = { user_id: crypto.randomUUID(), createdAt: new Date() };',
      errors: [{ messageId: 'randomKey', line: 1, column: 24 }],
    },
    {
      code: 'const userID = globalThis.crypto.randomUUID();',
      errors: [{ messageId: 'randomKey', line: 1, column: 16 }],
    },
    {
      code: "import crypto from 'node:crypto';\nconst payload = { customerId: crypto.randomUUID() };",
      errors: [{ messageId: 'randomKey', line: 2, column: 31 }],
    },
    {
      code: "import { randomUUID } from 'node:crypto';\nclass User {\n  id: string = randomUUID();\n}",
      errors: [{ messageId: 'randomKey', line: 3, column: 16 }],
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
      code: "import { randomUUID } from 'crypto';\nexport function newId(): string {\n  return randomUUID();\n}",
      errors: [{ messageId: 'randomKey', line: 3, column: 10 }],
    },
    {
      code: "import { randomUUID } from 'crypto';\nconst value = randomUUID();\nawait db.insert(orders).values({ id: value, total });",
      errors: [{ messageId: 'randomKey', line: 2, column: 15 }],
    },
    {
      code: "import { v4 } from 'uuid';\nconst id = `usr_${v4().replace(/-/g, '')}`;",
      errors: [
        {
          messageId: 'randomKey',
          line: 2,
          column: 19,
          suggestions: [{ messageId: 'useV7', output: "import { v7 } from 'uuid';\nconst id = `usr_${v7().replace(/-/g, '')}`;" }],
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
      code: "import { v4 } from 'uuid';\nconst ref = v4();",
      options: [{ keyNames: ['ref'] }],
      errors: [
        {
          messageId: 'randomKey',
          line: 2,
          column: 13,
          suggestions: [{ messageId: 'useV7', output: "import { v7 } from 'uuid';\nconst ref = v7();" }],
        },
      ],
    },
    {
      code: 'export function parse(body) {\n  const { id = crypto.randomUUID(), name } = body;\n  return { id, name };\n}',
      errors: [{ messageId: 'randomKey', line: 2, column: 16 }],
    },
    {
      code: "import { v4 } from 'uuid';\nconst v7 = 'shadow';\nconst id = v4();",
      errors: [{ messageId: 'randomKey', line: 3, column: 12, suggestions: [] }],
    },
  ],
});
