import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/require-input-validation.js';
import { findGlobalValidationPipe } from '../../src/rules/utils/global-validation-pipe.js';
import { collectRouteHandlers } from '../../src/rules/utils/route-handlers.js';
import { selfValidatingField } from '../../src/rules/utils/self-validating-class.js';
import { tsParser as loadTsParser } from '../../src/util/ts-parser.js';
import { createRuleTester } from '../rule-tester.js';

/** A NestJS controller whose @Body() has no pipe: valid only when a global ValidationPipe is assumed. */
const NEST_CONTROLLER_WITHOUT_PIPE = `import { Body, Controller, Post } from '@nestjs/common';
@Controller('users')
export class UsersController {
  @Post()
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }
}`;

const ruleTester = createRuleTester();
const fixture = (file: string): string => path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures', file);
const nextRoute = 'src/app/api/users/route.ts';

ruleTester.run('require-input-validation', rule, {
  valid: [
    // Express: a validating middleware before the handler.
    `import express from 'express';
const app = express();
app.post('/users', requireAuth, validate(createUserSchema), async (req, res) => {
  res.json(await users.create(req.body));
});`,
    // celebrate, and a named middleware resolved to its const initializer.
    `import { Router } from 'express';
const router = Router();
const checkUser = celebrate({ body: userSchema });
router.post('/users', checkUser, (req, res) => res.json(users.create(req.body)));`,
    // express-validator chains (tracked by import).
    `import { Router } from 'express';
import { body as field } from 'express-validator';
const router = Router();
router.post('/login', field('email').isEmail(), (req, res) => login(req.body.email));`,
    // Hono: zValidator, then c.req.valid() is the validated path.
    `import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
const app = new Hono();
app.post('/users', zValidator('json', createUser), async (c) => {
  const input = c.req.valid('json');
  return c.json(await users.create(input), 201);
});`,
    // Hono: the json target is validated, so reading the raw json is covered.
    `import { Hono } from 'hono';
const app = new Hono();
app.post('/users', zValidator('json', createUser), async (c) => c.json(await save(await c.req.json())));`,
    // Hono: c.body() is the response helper, not request input.
    `import { Hono } from 'hono';
const app = new Hono();
app.get('/health', (c) => c.body('ok'));`,
    // Fastify: a route schema that covers the body.
    `export default async function routes(fastify) {
  fastify.post('/users', { schema: { body: createUserBody } }, async (request, reply) => {
    return users.create(request.body);
  });
}`,
    // Fastify: fastify.route with a schema defined elsewhere in the file.
    `const schema = { querystring: searchQuery };
fastify.route({ method: 'GET', url: '/search', schema, handler: async (request) => search(request.query) });`,
    // A handler that reads no request input.
    `import express from 'express';
const app = express();
app.get('/me', (req, res) => res.json({ user: req.user, tenant: res.locals.tenant }));`,
    // The input goes straight into a schema.
    `router.post('/users', async (req, res) => {
  const input = createUserSchema.parse(req.body);
  res.status(201).json(await users.create(input));
});`,
    // Through a variable into a schema, and safeParse with an early return.
    `router.post('/users', async (req, res) => {
  const body = req.body;
  const result = createUserSchema.safeParse(body);
  if (!result.success) return res.status(400).json(result.error);
  res.json(await users.create(result.data));
});`,
    // A presence check before parsing does not let the input reach logic.
    `router.post('/users', (req, res) => {
  if (!req.body) return res.sendStatus(400);
  return res.json(users.create(schema.parse(req.body)));
});`,
    // valibot, yup and zod on an object built from several inputs.
    `import * as v from 'valibot';
router.put('/users/:id', async (req, res) => {
  const data = v.parse(UpdateUser, { ...req.body, id: req.params.id });
  const filters = await filterSchema.validate(req.query);
  res.json(await users.update(data, filters));
});`,
    // class-validator: plainToInstance, then validate.
    `router.post('/users', async (req, res) => {
  const dto = plainToInstance(CreateUserDto, req.body);
  await validateOrReject(dto);
  res.json(await users.create(dto));
});`,
    // Check-style validators (ajv compiled, zod result dropped) trust the value from then on.
    `const validateUser = ajv.compile(userSchema);
router.post('/users', (req, res) => {
  if (!validateUser(req.body)) return res.status(400).json(validateUser.errors);
  res.json(users.create(req.body));
});
router.put('/users', (req, res) => {
  userSchema.parse(req.body);
  res.json(users.update(req.body));
});`,
    // A function with a req parameter that is not a route handler.
    `function currentTenant(req) {
  return req.headers['x-tenant-id'] ?? req.body.tenantId;
}`,
    // Express settings getter and middleware registration are not routes.
    `import express from 'express';
const app = express();
const env = app.get('env');
router.use((req, res, next) => { audit(req.body); next(); });`,
    // A route pattern that constrains the parameter.
    String.raw`router.get('/users/:id(\\d+)', (req, res) => res.json(users.find(req.params.id)));`,
    // Node's http.get callback is not a route.
    `import https from 'node:https';
https.get(url, (res) => log(res.headers['content-type']));`,
    // Stripe signature verification validates the raw body.
    `router.post('/webhooks/stripe', (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], secret);
  handle(event);
});`,
    // Next.js route handler that parses its body with a schema.
    {
      code: `import { NextResponse } from 'next/server';
export async function POST(request: Request) {
  const input = createUser.parse(await request.json());
  return NextResponse.json(await users.create(input), { status: 201 });
}
export async function GET() {
  return NextResponse.json(await users.list());
}`,
      filename: nextRoute,
    },
    // Remix / React Router: an action that parses its form with a schema; a loader reading no body.
    {
      code: `export async function action({ request }: ActionFunctionArgs) {
  const note = noteSchema.parse(Object.fromEntries(await request.formData()));
  return json(await notes.create(note));
}
export const loader = async ({ params }: LoaderFunctionArgs) => json(await notes.find(params.id));`,
      filename: 'app/routes/notes.$id.tsx',
    },
    // An exported action outside app/routes is not a route module.
    {
      code: `export async function action({ request }: ActionFunctionArgs) {
  return save(await request.formData());
}`,
      filename: 'app/components/note-form.tsx',
    },
    // An exported POST outside a route file is not a Web route handler.
    {
      code: `export async function POST(request: Request) {
  return save(await request.json());
}`,
      filename: 'src/features/users/actions.ts',
    },
    // NestJS: validation pipes on the parameter, the method and the class.
    `import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, UsePipes, ValidationPipe } from '@nestjs/common';
@Controller('users')
@UsePipes(new ValidationPipe({ whitelist: true }))
export class UsersController {
  @Post()
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }
  @Get(':id')
  find(@Param('id', ParseUUIDPipe) id: string, @Query(new ValidationPipe()) query: FindQuery) {
    return this.users.find(id, query);
  }
}`,
    // NestJS with a global ValidationPipe assumed: class-typed DTOs are validated.
    {
      code: NEST_CONTROLLER_WITHOUT_PIPE,
      options: [{ assumeGlobalValidationPipe: true }],
    },
    // The project installs one: `app.useGlobalPipes(new ValidationPipe())` in its bootstrap file ...
    { code: NEST_CONTROLLER_WITHOUT_PIPE, filename: fixture('nest-global-pipe/src/users/users.controller.ts') },
    // ... or an APP_PIPE provider in a module.
    { code: NEST_CONTROLLER_WITHOUT_PIPE, filename: fixture('nest-app-pipe/src/users/users.controller.ts') },
    // A destructured DTO is the same DTO.
    {
      code: `import { Body, Controller, Post } from '@nestjs/common';
@Controller('users')
export class UsersController {
  @Post()
  create(@Body() { name, email }: CreateUserDto) {
    return this.users.create(name, email);
  }
}`,
      filename: fixture('nest-global-pipe/src/users/users.controller.ts'),
    },
    // A path parameter used as an opaque id (a lookup, a comparison), and ParseIntPipe / ParseUUIDPipe.
    `import { Controller, Delete, Get, Param, ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
@Controller('users')
export class UsersController {
  @Get(':id')
  find(@Param('id') id: string) {
    return this.users.findOne({ where: { id } });
  }
  @Get(':id/posts/:page')
  posts(@Param('id', ParseUUIDPipe) id: string, @Param('page', new ParseIntPipe()) page: number) {
    return this.posts.list(id, page * 20);
  }
  @Delete(':slug')
  remove(@Param('slug') slug: string) {
    if (slug === 'admin') throw new ForbiddenException();
    return this.users.remove(slug);
  }
}`,
    // Express / Hono / Remix: the same opaque ids.
    `import express from 'express';
const app = express();
app.get('/users/:id', async (req, res) => res.json(await users.findById(req.params.id)));
app.get('/posts/:slug', async (req, res) => {
  const { slug } = req.params;
  res.json(await posts.findOne({ where: { slug } }));
});
app.delete('/tags/:tag', async ({ params }, res) => res.json(await tags.remove(params.tag)));`,
    `import { Hono } from 'hono';
const app = new Hono();
app.get('/users/:id', async (c) => c.json(await users.find(c.req.param('id'))));`,
    {
      code: `export async function loader({ params }: LoaderFunctionArgs) {
  invariant(params.noteId, 'noteId is required');
  return json(await db.note.findUnique({ where: { id: params.noteId } }));
}`,
      filename: 'app/routes/notes.$noteId.tsx',
    },
    // Remix: an id destructured from params, checked, compared and returned; a guard before the schema.
    {
      code: `export async function loader({ params }: LoaderFunctionArgs) {
  const { token } = params;
  if (!token || !token.startsWith('tok_')) throw redirect('/reset-password');
  const valid = await getResetTokenValidity({ token });
  return { token, valid };
}
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  await checkHoneypot(formData);
  const submission = await parseWithZod(formData, { schema: ResetSchema });
  return json(await save(submission));
}`,
      filename: 'app/routes/reset-password.$token.tsx',
    },
    // NestJS: the whole params object, untyped, read one id at a time.
    `import { Controller, Delete, Param } from '@nestjs/common';
@Controller('articles')
export class ArticlesController {
  @Delete(':slug')
  remove(@Param() params) {
    return this.articles.delete(params.slug);
  }
}`,
    // Remix: search params parsed with a schema, and a form parsed with conform's parseWithZod.
    {
      code: `export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { page } = querySchema.parse(Object.fromEntries(url.searchParams));
  return json(await notes.list({ page, path: url.pathname }));
}
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: NoteSchema });
  return json(await notes.create(submission));
}`,
      filename: 'app/routes/notes._index.tsx',
    },
    // Not a route module: a loader in a component folder, and a redirect built from request.url.
    {
      code: `export async function loader({ request }: LoaderFunctionArgs) {
  return redirect(new URL(request.url).pathname + '/');
}`,
      filename: 'app/routes/notes.tsx',
    },
    // Options: params unchecked, a custom middleware and a custom validation function.
    {
      code: `router.get('/users/:id', (req, res) => res.json(users.find(Number(req.params.id))));
router.post('/users', guardBody(userSchema), (req, res) => res.json(users.create(req.body)));
router.put('/users', (req, res) => res.json(users.update(decodeUser(req.body))));`,
      options: [{ checkParams: false, validatorMiddlewares: ['guardBody'], validationFunctions: ['decodeUser'] }],
    },
    // Headers unchecked by option.
    {
      code: `router.get('/feed', (req, res) => res.json(feed(req.headers['accept-language'])));`,
      options: [{ checkHeaders: false }],
    },
    // MSW request handlers in tests are not routes.
    `import { http, HttpResponse } from 'msw';
export const handlers = [http.get('/api/users/:id', ({ params }) => HttpResponse.json(fake(params.id)))];`,
    // Fastify options and Express middleware arrays declared elsewhere in the file.
    `const createOptions = { schema: { body: createUserBody } };
const guards = [requireAuth, validateBody(createUser)];
fastify.post('/users', createOptions, async (request) => users.create(request.body));
router.post('/users', guards, (req, res) => res.json(users.create(req.body)));`,
    // Malformed and partial code: no crash, nothing to report.
    `app.post();
app.post('/x');
app.post(...args);
fastify.route({});`,
    `app.post('/x', undefinedHandler);
app.post('/x', ...handlers);
router.post('/users', usersController.create);
fastify.route({ method: 'POST', url: '/x', handler: missing });`,
    // Spread middleware that can't be seen may validate.
    `router.post('/users', ...guards, (req, res) => res.json(users.create(req.body)));`,
    `import { Controller, Post } from '@nestjs/common';
@Controller()
export class EmptyController {
  @Post()
  ping() {}
}`,
  ],
  invalid: [
    {
      code: `import express from 'express';
const app = express();
app.post('/users', async (req, res) => {
  const user = await db.user.create({ data: req.body });
  res.json(user);
});`,
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'req.body', parsed: 'req.body' }, line: 4, column: 45 }],
    },
    {
      // A named handler defined later in the file, behind a non-validating middleware.
      code: `router.put('/users/:id', requireAuth, updateUser);
function updateUser(req, res) {
  const { name, email } = req.body;
  res.json(users.update(name, email));
}`,
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'req.body', parsed: 'req.body' }, line: 3, column: 27 }],
    },
    {
      // Destructuring the request.
      code: `router.post('/orders', (req, res) => {
  const { body } = req;
  return res.json(orders.place(body));
});`,
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'req.body', parsed: 'req.body' }, line: 2, column: 11 }],
    },
    {
      // Destructuring the handler parameter, and a route() chain.
      code: `app.route('/search').get(({ query }, res) => res.json(search(query.q)));`,
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'req.query', parsed: 'req.query' }, line: 1, column: 29 }],
    },
    {
      // Coercing a param is not validating it.
      code: `router.get('/users/:id', asyncHandler(async (req, res) => {
  res.json(await users.find(Number(req.params.id)));
}));`,
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'req.params', parsed: 'req.params' }, line: 2, column: 36 }],
    },
    {
      // JSON.parse is not a schema; the alias is also used before validation.
      code: `router.post('/import', (req, res) => {
  const raw = JSON.parse(req.body);
  res.json(importer.run(raw));
});`,
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'req.body', parsed: 'req.body' }, line: 2, column: 26 }],
    },
    {
      // Parsed, then the raw body is used anyway (unknown keys were not stripped from it).
      code: `router.post('/users', async (req, res) => {
  const input = createUserSchema.parse(req.body);
  res.json(await users.create(req.body));
});`,
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'req.body', parsed: 'req.body' }, line: 3, column: 31 }],
    },
    {
      // Headers reach a query.
      code: `router.get('/reports', (req, res) => res.json(reports.forTenant(req.headers['x-tenant-id'])));`,
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'req.headers', parsed: 'req.headers' }, line: 1, column: 65 }],
    },
    {
      // Fastify without a schema.
      code: `export default async function routes(fastify) {
  fastify.post('/users', async (request, reply) => users.create(request.body));
}`,
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'request.body', parsed: 'request.body' }, line: 2, column: 65 }],
    },
    {
      // Fastify: the schema covers the querystring, not the body.
      code: `fastify.route({
  method: 'POST',
  url: '/users',
  schema: { querystring: q },
  handler: async (request) => users.create(request.query.dryRun, request.body),
});`,
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'request.body', parsed: 'request.body' }, line: 5, column: 66 }],
    },
    {
      // Hono without a validator.
      code: `import { Hono } from 'hono';
const app = new Hono();
app.post('/users', async (c) => {
  const body = await c.req.json();
  return c.json(await users.create(body), 201);
});`,
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'c.req.json()', parsed: 'await c.req.json()' }, line: 4, column: 22 }],
    },
    {
      // Hono: the validator covers the query, not the json body.
      code: `import { Hono } from 'hono';
const app = new Hono();
app.post('/users', zValidator('query', q), async (c) => c.json(await users.create(await c.req.json())));`,
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'c.req.json()', parsed: 'await c.req.json()' }, line: 3, column: 89 }],
    },
    {
      // Next.js route handler.
      code: `export async function POST(request: Request) {
  const form = await request.formData();
  return Response.json(await uploads.save(form));
}`,
      filename: nextRoute,
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'request.formData()', parsed: 'await request.formData()' }, line: 2, column: 22 }],
    },
    {
      // Next.js route handler as an exported arrow function.
      code: `export const PATCH = async (req: Request) => Response.json(await users.update(await req.json()));`,
      filename: nextRoute,
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'req.json()', parsed: 'await req.json()' }, line: 1, column: 85 }],
    },
    {
      // NestJS without a pipe.
      code: NEST_CONTROLLER_WITHOUT_PIPE,
      errors: [{ messageId: 'unvalidatedNestInput', data: { input: '@Body()' }, line: 5, column: 10 }],
    },
    {
      // A global ValidationPipe validates classes, not interfaces or primitive params.
      code: `import { Body, Controller, Param, Put } from '@nestjs/common';
interface UpdateUser { name: string }
@Controller('users')
export class UsersController {
  @Put(':id')
  update(@Param('id') id: string, @Body() body: UpdateUser) {
    return this.users.update(id, body);
  }
}`,
      options: [{ assumeGlobalValidationPipe: true }],
      errors: [{ messageId: 'unvalidatedNestInput', data: { input: '@Body()' }, line: 6, column: 35 }],
    },
    {
      // checkIdParams: an opaque id parameter is reported too.
      code: `import { Controller, Get, Param } from '@nestjs/common';
@Controller('users')
export class UsersController {
  @Get(':id')
  find(@Param('id') id: string) {
    return this.users.find(id);
  }
}`,
      options: [{ checkIdParams: true }],
      errors: [{ messageId: 'unvalidatedNestInput', data: { input: '@Param()' }, line: 5, column: 8 }],
    },
    // No global ValidationPipe in the project: a class DTO is not validated.
    {
      code: NEST_CONTROLLER_WITHOUT_PIPE,
      filename: fixture('nest-no-global-pipe/src/users/users.controller.ts'),
      errors: [{ messageId: 'unvalidatedNestInput', data: { input: '@Body()' }, line: 5, column: 10 }],
    },
    // A bootstrap that does not parse installs nothing we can see (and does not crash the rule).
    {
      code: NEST_CONTROLLER_WITHOUT_PIPE,
      filename: fixture('nest-broken-bootstrap/src/users/users.controller.ts'),
      errors: [{ messageId: 'unvalidatedNestInput', data: { input: '@Body()' }, line: 5, column: 10 }],
    },
    // assumeGlobalValidationPipe: false wins over the pipe the project installs.
    {
      code: NEST_CONTROLLER_WITHOUT_PIPE,
      filename: fixture('nest-global-pipe/src/users/users.controller.ts'),
      options: [{ assumeGlobalValidationPipe: false }],
      errors: [{ messageId: 'unvalidatedNestInput', data: { input: '@Body()' }, line: 5, column: 10 }],
    },
    // A global pipe validates a class DTO, not an interface-typed body.
    {
      code: `import { Body, Controller, Post } from '@nestjs/common';
interface CreateUser { name: string }
@Controller('users')
export class UsersController {
  @Post()
  create(@Body() { name }: CreateUser) {
    return this.users.create(name);
  }
}`,
      filename: fixture('nest-global-pipe/src/users/users.controller.ts'),
      errors: [{ messageId: 'unvalidatedNestInput', data: { input: '@Body()' }, line: 6, column: 10 }],
    },
    {
      // A path parameter that builds a file path is not an opaque id.
      code: `import express from 'express';
const app = express();
app.get('/files/:name', (req, res) => res.sendFile(path.join(root, req.params.name)));`,
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'req.params', parsed: 'req.params' }, line: 3, column: 68 }],
    },
    {
      // ... nor one parsed, built into a string, or whose whole params object is passed on.
      code: `import express from 'express';
const app = express();
app.get('/a/:n', (req, res) => res.json(page(parseInt(req.params.n, 10))));
app.get('/b/:slug', (req, res) => res.json(db.query(\`SELECT * FROM posts WHERE slug = '\${req.params.slug}'\`)));
app.get('/c/:id', (req, res) => res.json(find(req.params)));
app.get('/d/:id', (req, res) => {
  const { id } = req.params;
  return res.json(find(id.split('-')));
});`,
      errors: [
        { messageId: 'unvalidatedInput', data: { input: 'req.params', parsed: 'req.params' }, line: 3, column: 55 },
        { messageId: 'unvalidatedInput', data: { input: 'req.params', parsed: 'req.params' }, line: 4, column: 90 },
        { messageId: 'unvalidatedInput', data: { input: 'req.params', parsed: 'req.params' }, line: 5, column: 47 },
        { messageId: 'unvalidatedInput', data: { input: 'req.params', parsed: 'req.params' }, line: 7, column: 18 },
      ],
    },
    {
      // Remix / React Router: a loader that reads the URL's search params raw.
      code: `export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const page = Number(url.searchParams.get('page') ?? 1);
  return json(await notes.list({ page }));
}`,
      filename: 'app/routes/notes._index.tsx',
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'url.searchParams', parsed: 'url.searchParams' }, line: 3, column: 23 }],
    },
    {
      // Remix: a nested route module (remix-flat-routes folders) and an action that stores its JSON body.
      code: `export const action = async ({ request, params }: ActionFunctionArgs) => {
  const body = await request.json();
  return json(await notes.update(params.noteId, body));
};`,
      filename: 'apps/web/app/routes/_authenticated+/notes+/$noteId.edit.tsx',
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'request.json()', parsed: 'await request.json()' }, line: 2, column: 22 }],
    },
    {
      // Remix, checkIdParams: params.noteId passed to a lookup is reported.
      code: `export async function loader({ params }: LoaderFunctionArgs) {
  return json(await db.note.findUnique({ where: { id: params.noteId } }));
}`,
      filename: 'app/routes/notes.$noteId.tsx',
      options: [{ checkIdParams: true }],
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'params.noteId', parsed: 'params.noteId' }, line: 2, column: 55 }],
    },
    {
      // Remix / React Router: an action that stores its form data unparsed.
      code: `export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  return json(await notes.create(Object.fromEntries(form)));
}`,
      filename: 'app/routes/notes.new.tsx',
      errors: [{ messageId: 'unvalidatedInput', data: { input: 'request.formData()', parsed: 'await request.formData()' }, line: 2, column: 22 }],
    },
    {
      // One report per handler, at the first unvalidated read; each unvalidated route is reported.
      code: `router.get('/a', (req, res) => res.json(find(req.query.q, req.body)));
router.get('/b', (req, res) => res.json(find(req.query.q)));`,
      errors: [
        { messageId: 'unvalidatedInput', data: { input: 'req.query', parsed: 'req.query' }, line: 1, column: 46 },
        { messageId: 'unvalidatedInput', data: { input: 'req.query', parsed: 'req.query' }, line: 2, column: 46 },
      ],
    },
  ],
});

/** The endpoint inventory the audit builds: `{ framework, method, path, line }` per route. */
function inventory(code: string, filename = 'src/features/example/routes.ts'): unknown[] {
  let routes: unknown[] = [];
  const probe = {
    meta: { schema: [] },
    create(context: TSESLint.RuleContext<string, []>) {
      return {
        'Program:exit'() {
          routes = collectRouteHandlers(context.sourceCode, context.filename).map((route) => ({
            framework: route.framework,
            method: route.method,
            path: route.path,
            line: route.node.loc.start.line,
          }));
        },
      };
    },
  };
  const messages = new Linter().verify(
    code,
    [{ files: ['**/*.ts', '**/*.tsx'], plugins: { probe: { rules: { routes: probe as never } } }, languageOptions: { parser: tsParser as never }, rules: { 'probe/routes': 'error' } }],
    { filename },
  );
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return routes;
}

describe('route-handlers inventory', () => {
  it('finds Express, Fastify and Hono routes with method and path', () => {
    expect(
      inventory(`router.get('/users', list);
function list(req, res) {}
app.route('/users/:id').get((req, res) => {}).delete((req, res) => {});
fastify.route({ method: ['GET', 'HEAD'], url: '/health', handler: async () => 'ok' });
fastify.post('/orders', { schema: {} }, async (request, reply) => {});
app.on('PURGE', '/cache', (c) => c.text('ok'));
app.get('env');`),
    ).toEqual([
      { framework: 'express', method: 'GET', path: '/users', line: 1 },
      { framework: 'express', method: 'GET', path: '/users/:id', line: 3 },
      { framework: 'express', method: 'DELETE', path: '/users/:id', line: 3 },
      { framework: 'fastify', method: 'GET', path: '/health', line: 4 },
      { framework: 'fastify', method: 'HEAD', path: '/health', line: 4 },
      { framework: 'fastify', method: 'POST', path: '/orders', line: 5 },
      { framework: 'hono', method: 'PURGE', path: '/cache', line: 6 },
    ]);
  });

  it('derives Remix / React Router flat-route paths from the file name', () => {
    const module = 'export async function loader() {}\nexport async function action({ request }) {}';
    expect(inventory(module, 'app/routes/concerts.$city.tsx')).toEqual([
      { framework: 'remix', method: 'GET', path: '/concerts/:city', line: 1 },
      { framework: 'remix', method: 'POST', path: '/concerts/:city', line: 2 },
    ]);
    const paths = (file: string): unknown => (inventory(module, file)[0] as { path: string } | undefined)?.path;
    expect(paths('app/routes/_index.tsx')).toBe('/');
    expect(paths('app/routes/concerts._index.tsx')).toBe('/concerts');
    expect(paths('app/routes/_auth.login.tsx')).toBe('/login');
    expect(paths('app/routes/concerts_.mine.tsx')).toBe('/concerts/mine');
    expect(paths('app/routes/files.$.tsx')).toBe('/files/*');
    expect(paths('app/routes/($lang).about.tsx')).toBe('/:lang?/about');
    expect(paths('app/routes/sitemap[.]xml.tsx')).toBe('/sitemap.xml');
    expect(paths('app/routes/notes.$id/route.tsx')).toBe('/notes/:id');
    expect(paths('app/routes/notes.$id/form.tsx')).toBeUndefined();
  });

  it('takes src/app, else the last app folder, as the Next.js app directory', () => {
    const route = 'export async function GET() {}';
    expect(inventory(route, 'app/src/app/api/health/route.ts')).toEqual([{ framework: 'web', method: 'GET', path: '/api/health', line: 1 }]);
    expect(inventory(route, 'app/app/api/@modal/health/route.ts')).toEqual([{ framework: 'web', method: 'GET', path: '/api/health', line: 1 }]);
    expect(inventory(route, 'src/app/route.ts')).toEqual([{ framework: 'web', method: 'GET', path: '/', line: 1 }]);
  });

  it('derives Next.js paths and joins NestJS controller prefixes', () => {
    expect(inventory('export async function GET() {}\nexport const POST = async (request: Request) => {};', 'src/app/(shop)/api/items/[id]/route.ts')).toEqual([
      { framework: 'web', method: 'GET', path: '/api/items/[id]', line: 1 },
      { framework: 'web', method: 'POST', path: '/api/items/[id]', line: 2 },
    ]);
    expect(
      inventory(`import { Controller, Get, Post } from '@nestjs/common';
@Controller('/users/')
class UsersController {
  @Get(':id') find() {}
  @Post() create() {}
}`),
    ).toEqual([
      { framework: 'nestjs', method: 'GET', path: '/users/:id', line: 4 },
      { framework: 'nestjs', method: 'POST', path: '/users', line: 5 },
    ]);
  });
});

describe('global ValidationPipe of the project', () => {
  /** The rule's findings on the controller, linted as a file of `root` (absolute paths, as ESLint gives them). */
  const lint = (root: string): string[] =>
    new Linter({ cwd: root })
      .verify(
        NEST_CONTROLLER_WITHOUT_PIPE,
        [{ files: ['**/*.ts'], plugins: { fortress: { rules: { 'require-input-validation': rule as never } } }, languageOptions: { parser: tsParser as never }, rules: { 'fortress/require-input-validation': 'error' } }],
        { filename: path.join(root, 'src/users/users.controller.ts') },
      )
      .map((message) => `${message.line}:${message.column} ${message.message.slice(0, 9)}`);

  it('notices when the bootstrap file adds or removes the pipe (mtime), without a new process', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fortress-nest-'));
    try {
      cpSync(fixture('nest-global-pipe'), root, { recursive: true });
      const main = path.join(root, 'src/main.ts');
      const withPipe = readFileSync(main, 'utf8');
      expect(lint(root)).toEqual([]);
      writeFileSync(main, withPipe.replace(/\n\s*app\.useGlobalPipes\([^\n]*\n/, '\n'));
      utimesSync(main, new Date(), new Date(Date.now() + 5000));
      expect(lint(root)).toEqual(['5:10 `@Body()`']);
      writeFileSync(main, withPipe);
      utimesSync(main, new Date(), new Date(Date.now() + 10_000));
      expect(lint(root)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('finds nothing, and does not throw, for a virtual file name or a file outside any project', () => {
    expect(findGlobalValidationPipe('<input>')).toBeUndefined();
    expect(findGlobalValidationPipe(path.join(path.parse(process.cwd()).root, 'no-such-folder', 'x.ts'))).toBeUndefined();
    expect(findGlobalValidationPipe(fixture('nest-app-pipe/src/x.ts'))).toBe('ValidationPipe (global: APP_PIPE) in src/app.module.ts');
  });
});

// require-input-validation, third pass (issue 10): commands that validate themselves, hand guards that reject, verified
// tokens, lookup keys (Hono params, app paths), test-only endpoints. Each case names the real-code pattern it stands for.
const commandFixture = (file: string): string => fixture(path.join('self-validating-command', file));
const controllerFile = commandFixture('apps/api/src/controller.ts');
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
  const program = (code: string) => loadTsParser().parse(code, { range: true, filePath: controllerFile });

  it('follows barrels, aliases of re-exports, workspace packages and the extends chain', () => {
    const ast = program(`import { SyncCommand } from './usecases/sync';\nimport { ListProjectsCommand } from '@acme/generic';`) as never;
    expect(selfValidatingField(ast, controllerFile, 'SyncCommand', 'create', 'source')).toBe(true);
    expect(selfValidatingField(ast, controllerFile, 'SyncCommand', 'create', 'region')).toBe(true);
    // presence only (@IsNotEmpty / @IsOptional / @IsDefined): the value itself is never checked, whatever its declared type
    expect(selfValidatingField(ast, controllerFile, 'SyncCommand', 'create', 'environmentId')).toBe(false);
    expect(selfValidatingField(ast, controllerFile, 'SyncCommand', 'from', 'source')).toBe(false);
    expect(selfValidatingField(ast, controllerFile, 'SyncCommand', 'create', 'payload')).toBe(false);
    expect(selfValidatingField(ast, controllerFile, 'ListProjectsCommand', 'create', 'nextPage')).toBe(true);
    expect(selfValidatingField(ast, controllerFile, 'Unknown', 'create', 'source')).toBe(false);
  });

  it('never throws on a missing or relative file name', () => {
    const ast = program(`import { SyncCommand } from './usecases/sync';`) as never;
    expect(selfValidatingField(ast, 'controller.ts', 'SyncCommand', 'create', 'source')).toBe(false);
    expect(selfValidatingField(ast, commandFixture('nowhere/deep/controller.ts'), 'SyncCommand', 'create', 'source')).toBe(false);
  });
});

// require-input-validation, fourth pass (issue 10): values reshaped by a local converter before a self-validating
// command, checks inside a helper of the same file, a ternary with a default, `Number(x)` then a NaN guard, ids bound
// into a verified token, query-string ids used as lookup keys. Each case names the real-code pattern it stands for.

/** A NestJS handler with `@Query('source')` and a private method `helper` of the same class. */
const nestHelper = (body: string, helper: string, parameter = `@Query('source') source: string | string[]`): string => `import { Controller, Get, Query } from '@nestjs/common';
import { SyncCommand } from './usecases/sync';
@Controller('sync')
export class SyncController {
  @Get()
  async sync(${parameter}) {
${body}
  }

  ${helper}
}`;
const TO_ARRAY = `private toArray(param: string[] | string | undefined): string[] | undefined {
    let values: string[] | undefined;
    if (param) values = Array.isArray(param) ? param : String(param).split(',');
    return values;
  }`;

const nextPost = (body: string, helpers = ''): string => `${helpers}
export const POST = async (request: Request) => {
${body}
};`;

const STRING_FIELD = `const getStringFormValue = (formData: FormData, key: string): string | null => {
  const value = formData.get(key);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
};
const getFile = (formData: FormData): File | null => {
  const file = formData.get('file');
  return file instanceof File ? file : null;
};`;

/** hoppscotch's desktop callback: a predicate on `redirect_uri` whose failure calls `onFailure(…)`. */
const desktopCallback = (onFailure: string): string => `import { Controller, Get, Query } from '@nestjs/common';
@Controller('auth') class AuthController {
  @Get('desktop')
  callback(@Query('redirect_uri') redirectUri: string) {
    if (!isValidLocalhostRedirectUri(redirectUri)) ${onFailure}({ message: 'Invalid desktop callback URL', statusCode: 400 });
    return this.auth.redirectTo(redirectUri);
  }
}`;

ruleTester.run('require-input-validation (fourth pass)', rule, {
  valid: [
    // novu widgets: this.toArray(feedId) into GetFeedCountCommand.create({ feedId }) — a converter, then a command field
    { code: nestHelper(`    const sources = this.toArray(source);\n    if (source === undefined) return [];\n    return this.usecase.execute(SyncCommand.create({ environmentId: 'e', source: sources }));`, TO_ARRAY), filename: controllerFile, options: noGlobalPipe },
    // formbricks csv import: typed form extractors of the same file (typeof / instanceof in a ternary with a default)
    {
      code: nextPost(
        `  const formData = await request.formData();
  const workspaceId = getStringFormValue(formData, 'workspaceId');
  const file = getFile(formData);
  if (!workspaceId || !file) throw new InvalidInputError('missing');
  return Response.json(await importCsv({ workspaceId, file }));`,
        STRING_FIELD,
      ),
      filename: nextRoute,
    },
    // a helper of the same file that rejects a bad value (throw on a failed type check)
    {
      code: nextPost(
        `  const body = await request.json();
  const name = requireString(body);
  return Response.json(await teams.create({ name }));`,
        `function requireString(value: unknown): string {
  if (typeof value !== 'string') throw new Response('bad input', { status: 400 });
  return value;
}`,
      ),
      filename: nextRoute,
    },
    // documenso signup: returnTo kept only when isValidReturnTo holds, else undefined (assigned back: later reads are covered)
    {
      code: remixLoader(`  let returnTo = url.searchParams.get('returnTo') ?? undefined;
  returnTo = isValidReturnTo(returnTo) ? normalizeReturnTo(returnTo) : undefined;
  return { returnTo };`),
      filename: 'app/routes/signup.tsx',
    },
    // documenso branding logo: Number(params.teamId) rejected with 400 when NaN (or 0)
    {
      code: remixLoader(`  const teamId = Number(params.teamId);
  if (teamId === 0 || Number.isNaN(teamId)) {
    return Response.json({ message: 'Invalid team ID' }, { status: 400 });
  }
  return getTeamSettings({ teamId });`),
      filename: 'app/routes/branding.logo.team.$teamId.ts',
    },
    {
      code: remixLoader(`  const page = parseInt(url.searchParams.get('page'), 10);
  if (!Number.isInteger(page)) throw new Response('bad page', { status: 400 });
  return list({ page });`),
      filename: 'app/routes/items.tsx',
    },
    // documenso embed authoring: the id is bound into the verified token's scope
    {
      code: remixLoader(`  const { id } = params;
  const token = url.searchParams.get('token') || '';
  const result = await verifyEmbeddingPresignToken({ token, scope: \`templateId:\${id}\` }).catch(() => null);
  if (!result) throw new Error('Invalid token');
  const templateId = Number(id);
  return getTemplateById({ id: templateId, userId: result.userId });`),
      filename: 'app/routes/template.edit.$id.tsx',
    },
    // the id compared with a field of the verified token, rejected when they differ
    {
      code: remixLoader(`  const token = url.searchParams.get('token') || '';
  const claims = await verifyPresignToken({ token });
  const documentId = Number(params.id);
  if (claims.documentId !== documentId) throw new Response('forbidden', { status: 403 });
  return getDocument(documentId);`),
      filename: 'app/routes/document.$id.tsx',
    },
    // novu activity graph: `days ? Number(days) : 32` into a command field (@IsInt @Max(100) limit here)
    { code: nestHelper(`    return SyncCommand.create({ environmentId: 'e', limit: limit ? Number(limit) : 10 });`, '', `@Query('limit') limit = 10`), filename: controllerFile, options: noGlobalPipe },
    // novu subscriber feed: `feeds = Array.isArray(feed) ? feed : [feed]` assigned, then into a command field
    {
      code: nestHelper(`    let sources: string[] | undefined;
    if (source) {
      sources = Array.isArray(source) ? source : [source];
    }
    return SyncCommand.create({ environmentId: 'e', source: sources });`, ''),
      filename: controllerFile,
      options: noGlobalPipe,
    },
    // novu messages: a destructured path parameter object with an inline type of strings, used as a lookup key
    {
      code: `import { Controller, Delete, Param } from '@nestjs/common';
@Controller('messages')
export class MessagesController {
  @Delete('/:transactionId')
  remove(@Param() { transactionId }: { transactionId: string }) {
    return this.messages.removeByTransactionId(transactionId);
  }
}`,
      options: noGlobalPipe,
    },
    // documenso envelope editor: a path id checked with startsWith and bound into the verified token's scope
    {
      code: remixLoader(`  const { id } = params;
  if (!id || !id.startsWith('envelope_')) throw redirect('/embed/error');
  const token = url.searchParams.get('token') || '';
  const result = await verifyEmbeddingPresignToken({ token, scope: \`envelopeId:\${id}\` });
  return getEnvelope({ id, userId: result.userId });`),
      filename: 'app/routes/envelope.edit.$id.tsx',
    },
    // epic-stack profile action: switch over the intent with a rejecting default; the form goes to a helper of the
    // same file (destructured parameter) that parses it with a schema
    {
      code: `${remixAction(`  const intent = formData.get('intent');
  switch (intent) {
    case 'update':
      return update({ request, formData });
    case 'sign-out':
      return signOut({ request, formData });
    default:
      throw new Response('Invalid intent', { status: 400 });
  }`)}
async function update({ formData }) {
  const submission = await parseWithZod(formData, { schema: ProfileSchema });
  return submission.reply();
}
async function signOut({ request }) {
  return sessions.revokeAll(await sessionOf(request));
}`,
      filename: 'app/routes/settings/profile/index.tsx',
    },
    // a switch without a default only selects among fixed actions: a look at the value
    {
      code: remixAction(`  switch (formData.get('kind')) {
    case 'archive':
      return archiveAll();
    case 'restore':
      return restoreAll();
  }`),
      filename: 'app/routes/items.tsx',
    },
    // hoppscotch desktop callback: a predicate whose failure calls a throwing helper (throwHTTPErr)
    { code: desktopCallback('throwHTTPErr'), options: noGlobalPipe },
    // nestjs-realworld deleteComment: @Param() params destructured into lookup keys
    {
      code: `import { Controller, Delete, Param } from '@nestjs/common';
@Controller('articles')
export class ArticleController {
  @Delete(':slug/comments/:id')
  async deleteComment(@Param() params) {
    const { slug, id } = params;
    return await this.articles.deleteComment(slug, id);
  }
}`,
      options: noGlobalPipe,
    },
    // hoppscotch access tokens: @Query('id') used only as a lookup key, like a path id
    {
      code: `import { Controller, Delete, Query } from '@nestjs/common';
@Controller('access-tokens')
export class AccessTokenController {
  @Delete('revoke')
  async revoke(@Query('id') id: string) {
    if (!id) throw new BadRequestException('id');
    return this.tokens.delete(id, this.user.uid);
  }
}`,
      options: noGlobalPipe,
    },
    `import express from 'express';
const app = express();
app.get('/users', async (req, res) => res.json(await users.findById(req.query.userId)));`,
    {
      code: remixLoader(`  const teamId = url.searchParams.get('team_id');
  return prisma.team.findUnique({ where: { id: teamId } });`),
      filename: 'app/routes/teams.tsx',
    },
  ],
  invalid: [
    // a converter whose result reaches logic, not a command
    { code: nestHelper(`    return this.db.insert(this.toArray(source));`, TO_ARRAY), filename: controllerFile, options: noGlobalPipe, errors: [{ messageId: 'unvalidatedNestInput', line: 6 }] },
    // a helper that is not a converter (instance state, await): not followed as one
    {
      code: nestHelper(
        `    const sources = await this.store(source);\n    return this.usecase.execute(SyncCommand.create({ environmentId: 'e', source: sources }));`,
        `private async store(value: string | string[]) {
    return this.db.save(value);
  }`,
      ),
      filename: controllerFile,
      options: noGlobalPipe,
      errors: [{ messageId: 'unvalidatedNestInput', line: 6 }],
    },
    // a field extractor that checks nothing: its result reaches the database
    {
      code: nextPost(
        `  const formData = await request.formData();
  return Response.json(await notes.create({ title: field(formData, 'title') }));`,
        `const field = (formData: FormData, key: string) => formData.get(key);`,
      ),
      filename: nextRoute,
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    // a ternary whose other branch is not a default, or whose check is on something else
    {
      code: remixLoader(`  const returnTo = url.searchParams.get('returnTo');
  return redirect(isValidReturnTo(returnTo) ? returnTo : url.searchParams.get('next'));`),
      filename: 'app/routes/signup.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    {
      code: remixLoader(`  const returnTo = url.searchParams.get('returnTo');
  return redirect(isAdmin(user) ? returnTo : undefined);`),
      filename: 'app/routes/signup.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    // documenso admin loaders, RealWorld feed: Number(...) with no guard, or a NaN check that rejects nothing
    {
      code: remixLoader(`  const perPage = Number(url.searchParams.get('perPage')) || 20;
  return findUsers({ perPage });`),
      filename: 'app/routes/admin.users.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    {
      code: remixLoader(`  const perPage = Number(url.searchParams.get('perPage'));
  if (Number.isNaN(perPage)) console.warn('bad perPage');
  return findUsers({ perPage });`),
      filename: 'app/routes/admin.users.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    // a request value in a template that is not a token check's argument; a verified field compared without rejecting
    {
      code: nextPost(`  const body = await request.json();
  return Response.json(await sign({ scope: \`team:\${body.team}\` }));`),
      filename: nextRoute,
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    {
      code: remixLoader(`  const claims = await verifyPresignToken({ token: 'x' });
  const documentId = Number(params.id);
  const mine = claims.documentId === documentId;
  return getDocument(documentId, mine);`),
      filename: 'app/routes/document.$id.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 4 }],
    },
    // the same ternary and assignment into logic; an inline path-parameter type that is not all strings, or a file path
    { code: nestHelper(`    return this.db.find({ take: limit ? Number(limit) : 10 });`, '', `@Query('limit') limit = 10`), filename: controllerFile, options: noGlobalPipe, errors: [{ messageId: 'unvalidatedNestInput', line: 6 }] },
    {
      code: nestHelper(`    let sources: string[] | undefined;
    sources = Array.isArray(source) ? source : [source];
    return this.db.find(sources);`, ''),
      filename: controllerFile,
      options: noGlobalPipe,
      errors: [{ messageId: 'unvalidatedNestInput', line: 6 }],
    },
    ...[
      ['{ id: number }', 'this.files.find(id)'],
      ['{ id: string }', 'readFile(id)'],
    ].map(([type, use]) => ({
      code: `import { Controller, Get, Param } from '@nestjs/common';
@Controller('files')
export class FilesController {
  @Get('/:id')
  get(@Param() { id }: ${type}) {
    return ${use};
  }
}`,
      options: noGlobalPipe,
      errors: [{ messageId: 'unvalidatedNestInput' as const, line: 5 }],
    })),
    // a switch whose default lets the value through; a helper that takes the form and parses nothing; a failed check
    // that only logs; destructured path parameters into a file read
    {
      code: remixAction(`  const kind = formData.get('kind');
  switch (kind) {
    case 'a':
      break;
    default:
      break;
  }
  return db.save(kind);`),
      filename: 'app/routes/items.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 2 }],
    },
    {
      code: `${remixAction(`  return update({ request, formData });`)}
async function update({ formData }) {
  return db.save(formData.get('name'));
}`,
      filename: 'app/routes/items.tsx',
      errors: [{ messageId: 'unvalidatedInput', line: 2 }],
    },
    { code: desktopCallback('logHTTPErr'), options: noGlobalPipe, errors: [{ messageId: 'unvalidatedNestInput', line: 4 }] },
    {
      code: `import { Controller, Get, Param } from '@nestjs/common';
@Controller('files')
export class FilesController {
  @Get(':dir/:file')
  get(@Param() params) {
    const { dir, file } = params;
    return readFile(dir, file);
  }
}`,
      options: noGlobalPipe,
      errors: [{ messageId: 'unvalidatedNestInput', line: 5 }],
    },
    // a query id into a file path; a query field not named as an id; query ids reported with checkIdParams
    {
      code: `import express from 'express';
const app = express();
app.get('/files', async (req, res) => res.sendFile(path.join(root, req.query.fileId)));`,
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    {
      code: `import express from 'express';
const app = express();
app.get('/users', async (req, res) => res.json(await users.search(req.query.search)));`,
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    {
      code: `import express from 'express';
const app = express();
app.get('/users', async (req, res) => res.json(await users.findById(req.query.userId)));`,
      options: [{ checkIdParams: true }],
      errors: [{ messageId: 'unvalidatedInput', line: 3 }],
    },
    // malformed and partial input: a spread argument, a missing method, a destructured helper parameter, a
    // recursive helper, a bare Number() — none throws, each stays reported
    ...[
      `  return save(helper(...[formData]));`,
      `  return save(this.missing(formData));`,
      `  return save(pick(formData));`,
      `  return save(loop(formData));`,
      `  return save(Number(formData));`,
    ].map((line) => ({
      code: nextPost(`  const formData = await request.formData();\n${line}`, `function pick({ a }) { return a; }\nfunction helper(x) { return x; }\nfunction loop(x) { return loop(x); }`),
      filename: nextRoute,
      errors: [{ messageId: 'unvalidatedInput' as const, line: 5 }],
    })),
  ],
});
