// require-input-validation, third pass (issue 10): commands that validate themselves, hand guards that reject, verified
// tokens, lookup keys (Hono params, app paths), test-only endpoints. Each case names the real-code pattern it stands for.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/require-input-validation.js';
import { selfValidatingField } from '../../src/rules/utils/self-validating-class.js';
import { tsParser } from '../../src/util/ts-parser.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();
const fixture = (file: string): string => path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/self-validating-command', file);
const controllerFile = fixture('apps/api/src/controller.ts');
const noGlobalPipe = [{ assumeGlobalValidationPipe: false }] as const;

/** A NestJS handler passing `@Query('source')` (and `@Body() body`) into `Command.create({ … })`. */
const nest = (imports: string, call: string, parameter = `@Query('source') source: string`): string => `import { Body, Controller, Post, Query } from '@nestjs/common';
${imports}
@Controller('sync')
export class SyncController {
  @Post()
  sync(${parameter}) {
    return this.usecase.execute(${call});
  }
}`;

/** The same handler, reported on its first parameter. */
const nestInvalid = (imports: string, call: string, parameter?: string) => ({
  code: nest(imports, call, parameter),
  filename: controllerFile,
  options: noGlobalPipe,
  errors: [{ messageId: 'unvalidatedNestInput' as const, line: 6 }],
});

const remixAction = (body: string): string => `export async function action({ request }) {
  const formData = await request.formData();
${body}
}`;

const remixLoader = (body: string): string => `export async function loader({ request, params }) {
  const url = new URL(request.url);
${body}
}`;

ruleTester.run('require-input-validation (third pass)', rule, {
  valid: [
    // novu: SyncCommand.create({ source }) — the command's base runs validateSync and `source` has @IsString()
    { code: nest(`import { SyncCommand } from './usecases/sync';`, 'SyncCommand.create({ environmentId: "e", source })'), filename: controllerFile, options: noGlobalPipe },
    // bounded by the command: @IsInt() @Max(100) limit
    {
      code: nest(`import { SyncCommand } from './usecases/sync';`, 'SyncCommand.create({ environmentId: "e", limit })', `@Query('limit') limit: string`),
      filename: controllerFile,
      options: noGlobalPipe,
    },
    // a workspace package (`@acme/generic` → libs/generic/src/index.ts), a renamed re-export, a base in another file
    {
      code: nest(`import { ListProjectsCommand } from '@acme/generic';`, 'ListProjectsCommand.create({ nextPage: source })'),
      filename: controllerFile,
      options: noGlobalPipe,
    },
    // hand validation: a type check that rejects (epic-stack admin cache action)
    {
      code: remixAction(`  const key = formData.get('cacheKey');
  const instance = formData.get('instance') ?? 'primary';
  invariantResponse(typeof key === 'string', 'cacheKey must be a string');
  invariantResponse(typeof instance === 'string', 'instance must be a string');
  await cache.delete(key, instance);`),
      filename: 'app/routes/admin/cache/index.tsx',
    },
    // the bad case rejected by an if that leaves (throw / return / a block ending in one)
    {
      code: remixLoader(`  const d = url.searchParams.get('d');
  if (typeof d !== 'string' || !d) {
    throw redirect('/');
  }
  return load(d);`),
      filename: 'app/routes/certificate.tsx',
    },
    // a comparison with a literal that rejects (epic-stack connections action: an allowlist of one)
    {
      code: remixAction(`  invariantResponse(formData.get('intent') === 'delete-connection', 'Invalid intent');
  const connectionId = formData.get('connectionId');
  if (typeof connectionId !== 'string') throw new Response('bad id', { status: 400 });
  await prisma.connection.delete({ where: { id: connectionId } });`),
      filename: 'app/routes/settings/connections.tsx',
    },
    // an allowlist and a predicate that reject
    {
      code: remixLoader(`  const sort = url.searchParams.get('sort');
  if (!ALLOWED_SORTS.includes(sort)) return json({ error: 'bad sort' }, { status: 400 });
  return list(sort);`),
      filename: 'app/routes/items.tsx',
    },
    {
      code: remixLoader(`  const slug = url.searchParams.get('slug');
  if (!isValidSlug(slug)) {
    return new Response('bad slug', { status: 400 });
  }
  return find(slug);`),
      filename: 'app/routes/items.tsx',
    },
    // an opaque token verified or decrypted before use (documenso embed and htmltopdf loaders)
    {
      code: remixLoader(`  const token = url.searchParams.get('token') || '';
  if (!token) throw new Response('Invalid token', { status: 404 });
  const result = await verifyEmbeddingPresignToken({ token }).catch(() => null);
  return { token, userId: result.userId };`),
      filename: 'app/routes/embed.tsx',
    },
    {
      code: `import express from 'express';
const app = express();
app.get('/me', async (req, res) => {
  const claims = jwt.verify(req.query.token, secret);
  res.json(await users.find(claims.sub));
});`,
    },
    // a slug path param used as a lookup key, then in a path of this app (documenso o.$orgUrl.signin)
    {
      code: remixLoader(`  const orgUrl = params.orgUrl;
  const organisation = await prisma.organisation.findFirst({ where: { url: orgUrl } });
  if (!organisation) throw redirect(\`/o/\${orgUrl}\`);
  return { orgUrl };`),
      filename: 'app/routes/o.$orgUrl.signin.tsx',
    },
    // Hono: c.req.param().id as a KV key (honojs/examples stytch-auth)
    `import { Hono } from 'hono';
const app = new Hono();
app.delete('/todos/:id', async (c) => c.json(await todos.delete(c.req.param().id)));`,
    `import { Hono } from 'hono';
const app = new Hono();
app.get('/todos/:id', async (c) => {
  const { id } = c.req.param();
  return c.json(await c.env.KV.get(id));
});`,
    // a test-only endpoint (novu auth.controller authenticateTest)
    {
      code: `import { Controller, Get, Param } from '@nestjs/common';
@Controller('auth')
export class AuthController {
  @Get('/test/token/:userId')
  async authenticateTest(@Param('userId') userId: string) {
    if (process.env.NODE_ENV !== 'test') throw new NotFoundException();
    return this.tokens.issue(\`user:\${userId}\`);
  }
}`,
      options: noGlobalPipe,
    },
  ],
  invalid: [
    // near-miss: the command class declares the field without a decorator: validateSync does not look at it
    nestInvalid(`import { SyncCommand } from './usecases/sync';`, 'SyncCommand.create({ note: source })'),
    // near-miss: `@IsDefined() payload: any` lets anything through (novu's `@Body() body: any` webhook)
    nestInvalid(`import { SyncCommand } from './usecases/sync';`, 'SyncCommand.create({ payload: body })', '@Body() body: any'),
    // near-miss: a subclass overrides the factory without validating
    nestInvalid(`import { LooseCommand } from './usecases/sync';`, 'LooseCommand.create({ source })'),
    // near-miss: the value is not a field of the object literal (`create(source)`), or the class is not found
    nestInvalid(`import { SyncCommand } from './usecases/sync';`, 'SyncCommand.create(source)'),
    nestInvalid(`import { MissingCommand } from './usecases/missing';`, 'MissingCommand.create({ source })'),
    // malformed: a command file that does not parse, behind a barrel that re-exports itself
    nestInvalid(`import { BrokenCommand } from './usecases/broken';`, 'BrokenCommand.create({ source })'),
    // a virtual file name: nothing to follow
    { ...nestInvalid(`import { SyncCommand } from './usecases/sync';`, 'SyncCommand.create({ source })'), filename: 'controller.ts' },
    // near-miss: a type check that rejects nothing (a mention, a positive test without exit)
    {
      code: remixAction(`  const key = formData.get('cacheKey');
  if (typeof key === 'string') log(key);
  await cache.delete(key);`),
      filename: 'app/routes/admin/cache/index.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 2 }],
    },
    {
      code: remixAction(`  const key = formData.get('cacheKey');
  if (typeof key !== 'string') console.warn('not a string');
  await cache.delete(key);`),
      filename: 'app/routes/admin/cache/index.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 2 }],
    },
    // near-miss: a guard on one field does not cover the others (nor a member the rest of the body)
    {
      code: remixAction(`  invariantResponse(formData.get('intent') === 'delete-connection', 'Invalid intent');
  await prisma.connection.delete({ where: { id: formData.get('connectionId') } });`),
      filename: 'app/routes/settings/connections.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 2 }],
    },
    {
      code: `import express from 'express';
const app = express();
app.post('/users', async (req, res) => {
  const body = req.body;
  if (typeof body.name !== 'string') return res.sendStatus(400);
  res.json(await users.create(body));
});`,
      errors: [{ messageId: 'unvalidatedInput', line: 4 }],
    },
    // near-miss: a comparison that is not with a literal, or whose value is then used unchecked
    {
      code: remixAction(`  if (formData.get('intent') === expected) await cache.delete(formData.get('key'));`),
      filename: 'app/routes/admin/cache/index.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 2 }],
    },
    {
      code: remixAction(`  invariantResponse(formData.get('intent') !== 'keep', 'Invalid intent');
  await cache.delete(formData.get('key'));`),
      filename: 'app/routes/admin/cache/index.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 2 }],
    },
    // near-miss: a guard after the use, and an allowlist whose if does not leave
    {
      code: remixLoader(`  const sort = url.searchParams.get('sort');
  const rows = await list(sort);
  if (!ALLOWED_SORTS.includes(sort)) return json({ error: 'bad sort' }, { status: 400 });
  return rows;`),
      filename: 'app/routes/items.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    {
      code: remixLoader(`  const sort = url.searchParams.get('sort');
  if (!ALLOWED_SORTS.includes(sort)) warn(sort);
  return list(sort);`),
      filename: 'app/routes/items.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    // kept: unbounded perPage from Number(searchParams.get(...)) (documenso admin loaders)
    {
      code: remixLoader(`  const page = Number(url.searchParams.get('page')) || 1;
  const perPage = Number(url.searchParams.get('perPage')) || 10;
  return findUsers({ page, perPage });`),
      filename: 'app/routes/admin.users._index.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    // near-miss: a token checked by a function that neither verifies nor decrypts
    {
      code: remixLoader(`  const token = url.searchParams.get('token') || '';
  return { user: await findUserByToken(token) , raw: token.split('.') };`),
      filename: 'app/routes/embed.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    // near-miss: a slug path param in an outbound URL or a path that is not under a fixed segment of this app
    {
      code: remixLoader(`  const orgUrl = params.orgUrl;
  throw redirect(\`\${orgUrl}/signin\`);`),
      filename: 'app/routes/o.$orgUrl.signin.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    {
      code: remixLoader(`  const orgUrl = params.orgUrl;
  return fetch(\`/o/\${orgUrl}\`);`),
      filename: 'app/routes/o.$orgUrl.signin.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    // near-miss: Hono c.req.param().id into a file path; the whole params object handed on
    {
      code: `import { Hono } from 'hono';
const app = new Hono();
app.get('/files/:id', async (c) => c.body(await readFile(c.req.param().id)));`,
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    {
      code: `import { Hono } from 'hono';
const app = new Hono();
app.get('/todos/:id', async (c) => c.json(await todos.find(c.req.param())));`,
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    // kept: an unvalidated c.req.json() (honojs/examples blog)
    {
      code: `import { Hono } from 'hono';
const app = new Hono();
app.post('/posts', async (c) => c.json(await createPost(await c.req.json())));`,
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    // near-miss: an env check that does not limit the endpoint to tests, or that is not the first statement
    {
      code: `import { Controller, Get, Query } from '@nestjs/common';
@Controller('auth')
export class AuthController {
  @Get('/token')
  async token(@Query('userId') userId: string) {
    if (process.env.NODE_ENV !== 'production') throw new NotFoundException();
    return this.tokens.issue(\`user:\${userId}\`);
  }
}`,
      options: noGlobalPipe,
      errors: [{ messageId: 'unvalidatedNestInput', line: 5 }],
    },
    {
      code: `import { Controller, Get, Query } from '@nestjs/common';
@Controller('auth')
export class AuthController {
  @Get('/token')
  async token(@Query('userId') userId: string) {
    const tokens = this.tokens.issue(\`user:\${userId}\`);
    if (process.env.NODE_ENV !== 'test') throw new NotFoundException();
    return tokens;
  }
}`,
      options: noGlobalPipe,
      errors: [{ messageId: 'unvalidatedNestInput', line: 5 }],
    },
  ],
});

describe('selfValidatingField', () => {
  const program = (code: string) => tsParser().parse(code, { range: true, filePath: controllerFile });

  it('follows barrels, aliases of re-exports, workspace packages and the extends chain', () => {
    const ast = program(`import { SyncCommand } from './usecases/sync';\nimport { ListProjectsCommand } from '@acme/generic';`) as never;
    expect(selfValidatingField(ast, controllerFile, 'SyncCommand', 'create', 'source')).toBe(true);
    expect(selfValidatingField(ast, controllerFile, 'SyncCommand', 'create', 'environmentId')).toBe(true);
    expect(selfValidatingField(ast, controllerFile, 'SyncCommand', 'from', 'source')).toBe(false);
    expect(selfValidatingField(ast, controllerFile, 'SyncCommand', 'create', 'payload')).toBe(false);
    expect(selfValidatingField(ast, controllerFile, 'ListProjectsCommand', 'create', 'nextPage')).toBe(true);
    expect(selfValidatingField(ast, controllerFile, 'Unknown', 'create', 'source')).toBe(false);
  });

  it('never throws on a missing or relative file name', () => {
    const ast = program(`import { SyncCommand } from './usecases/sync';`) as never;
    expect(selfValidatingField(ast, 'controller.ts', 'SyncCommand', 'create', 'source')).toBe(false);
    expect(selfValidatingField(ast, fixture('nowhere/deep/controller.ts'), 'SyncCommand', 'create', 'source')).toBe(false);
  });
});
