// Behaviours that small deliberate bugs in require-input-validation, route-handlers.ts and route-validation.ts left
// unnoticed (issue 13, Stryker survivors): each case is the code a user writes and the finding or silence they get.
import rule from '../../src/rules/require-input-validation.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();
const unvalidatedInput = 'unvalidatedInput' as const;
const unvalidatedNestInput = 'unvalidatedNestInput' as const;

/** A NestJS controller whose `@Body()` parameter is typed `type`; no pipe on the parameter, method or class. */
const nestBody = (type: string, before = ''): string => `import { Body, Controller, Post } from '@nestjs/common';
${before}@Controller('users')
export class UsersController {
  @Post()
  create(@Body() body: ${type}) {
    return this.users.create(body);
  }
}`;

/** An Express route whose handler is `createUser`, reached through `aliases` const bindings around `asyncHandler`. */
const wrappedHandler = (aliases: number): string => {
  const lines = [
    "import { Router } from 'express';",
    'const router = Router();',
    'function createUser(req, res) {',
    '  res.json(users.create(req.body));',
    '}',
    'const wrapped0 = asyncHandler(createUser);',
  ];
  for (let index = 1; index <= aliases; index++) lines.push(`const wrapped${index} = wrapped${index - 1};`);
  lines.push(`router.post('/users', wrapped${aliases});`);
  return lines.join('\n');
};

ruleTester.run('require-input-validation (mutants)', rule, {
  valid: [
    // A query call shaped like a route (`db.all(sql, callback)`): a path never holds whitespace, so it is not an `ALL` route.
    `import express from 'express';
const app = express();
app.post('/strategies', validate(strategySchema), (req, res) => {
  db.all('select name from strategies where name = ?', (request, response) => response.json(request.body));
});`,
    // Fastify: a schema the file cannot see (imported) is trusted to cover the body.
    `import { createUserSchema } from './schemas';
export default async function routes(fastify) {
  fastify.post('/users', { schema: createUserSchema }, async (request, reply) => users.create(request.body));
}`,
    // Fastify: a schema object whose content comes from a spread is trusted too.
    `export default async function routes(fastify) {
  fastify.post('/users', { schema: { ...shared } }, async (request, reply) => users.create(request.body));
}`,
    // Fastify: a validating onRequest hook covers the route.
    `export default async function routes(fastify) {
  fastify.post('/users', { onRequest: validateBody(createUser) }, async (request, reply) => users.create(request.body));
}`,
    // Fastify: so does preHandler.
    `export default async function routes(fastify) {
  fastify.post('/users', { preHandler: [validateBody(createUser)] }, async (request, reply) => users.create(request.body));
}`,
    // Express: every route parameter is constrained by a pattern.
    // (checkIdParams: an id used as a lookup key is reported only with it, so the pattern is what decides here.)
    {
      code: `import express from 'express';
const app = express();
app.get('/orgs/:org(\\\\d+)/users/:id(\\\\d+)', (req, res) => res.json(users.get(req.params.id)));`,
      options: [{ checkIdParams: true }],
    },
    // NestJS with a global ValidationPipe: a class DTO is validated.
    { code: nestBody('CreateUserDto'), options: [{ assumeGlobalValidationPipe: true }] },
    // A qualified DTO name (`dto.CreateUser`) is trusted as a class.
    { code: nestBody('dto.CreateUser'), options: [{ assumeGlobalValidationPipe: true }] },
    // A pipe on the method.
    nestBody('CreateUserDto', '').replace('  @Post()', '  @UsePipes(new ZodValidationPipe(createUser))\n  @Post()').replace('{ Body,', '{ UsePipes, Body,'),
    // checkParams: false leaves route parameters alone.
    {
      code: "import express from 'express';\nconst app = express();\napp.get('/users/:id', (req, res) => res.json(users.get(req.params.id)));",
      options: [{ checkParams: false }],
    },
    // checkHeaders: false leaves headers alone.
    {
      code: "import express from 'express';\nconst app = express();\napp.get('/me', (req, res) => res.json(users.byToken(req.headers.authorization)));",
      options: [{ checkHeaders: false }],
    },
    // `get`/`post` of an HTTP client or of MSW is not a route, whichever module it comes from.
    ...['http', 'https', 'node:http', 'node:https', 'http2', 'node:http2', 'msw'].map(
      (module) => `import client from '${module}';\nclient.post('/users', (req, res) => res.json(req.body));`,
    ),
    // Fastify: route options held in a const.
    `export default async function routes(fastify) {
  const options = { schema: { body: createUserBody } };
  fastify.post('/users', options, async (request, reply) => users.create(request.body));
}`,
    // Express: a validator three arrays deep, and one in a const array spread into the arguments.
    "import express from 'express';\nconst app = express();\napp.post('/users', [[[validate(createUser)]]], (req, res) => res.json(req.body));",
    "import express from 'express';\nconst app = express();\nconst checks = [auth, validate(createUser)];\napp.post('/users', ...checks, (req, res) => res.json(req.body));",
    // Middleware the rule cannot see (four arrays deep, a spread call) may validate: not reported.
    "import express from 'express';\nconst app = express();\napp.post('/users', [[[[auth]]]], (req, res) => res.json(req.body));",
    "import express from 'express';\nconst app = express();\napp.post('/users', ...middlewareFor('users'), (req, res) => res.json(req.body));",
    // A one-parameter handler with another name is not Hono's: `x.req` is not request input.
    "app.post('/users', async (x) => x.json(await users.create(await x.req.json())));",
    // With an express import, `c` is Express's request: `c.req` is not input.
    "import express from 'express';\nconst app = express();\napp.post('/users', async (c) => c.json(await users.create(await c.req.json())));",
    // Calls that are not route registrations: no path first (spread, options object, function), or a spread last.
    "import express from 'express';\nconst app = express();\napp.post(...routeArgs, (req, res) => res.json(req.body));",
    "import express from 'express';\nconst app = express();\napp.post({ url: '/users' }, (req, res) => res.json(req.body));",
    "import express from 'express';\nconst app = express();\napp.post((req, res) => res.json(req.body), (req, res) => res.json(req.body));",
    "import express from 'express';\nconst app = express();\napp.post('/users', ...handlers);",
    // Fastify: the handler inside the route options, with a schema for the body.
    `export default async function routes(fastify) {
  fastify.post('/users', { schema: { body: createUserBody }, handler: async (request, reply) => users.create(request.body) });
}`,
    // Middleware lists that refer to themselves: followed a few levels, then treated as not visible (never a crash).
    "import express from 'express';\nconst app = express();\nconst checks = [...checks, auth];\napp.post('/users', ...checks, (req, res) => res.json(req.body));",
    "import express from 'express';\nconst app = express();\nconst checks = [checks, auth];\napp.post('/users', checks, (req, res) => res.json(req.body));",
    // A wrapper chain (two aliases) past the resolution depth: the handler is not followed, so nothing is reported.
    wrappedHandler(2),
  ],
  invalid: [
    // Fastify: a schema for the querystring does not cover the body.
    {
      code: `export default async function routes(fastify) {
  fastify.post('/users', { schema: { querystring: listQuery } }, async (request, reply) => users.create(request.body));
}`,
      errors: [{ messageId: unvalidatedInput, line: 2, column: 105, data: { input: 'request.body', parsed: 'request.body' } }],
    },
    // Fastify: a hook that does not validate (onSend runs after the handler) covers nothing.
    {
      code: `export default async function routes(fastify) {
  fastify.post('/users', { onSend: validateBody(createUser) }, async (request, reply) => users.create(request.body));
}`,
      errors: [{ messageId: unvalidatedInput, line: 2, column: 103 }],
    },
    // Fastify: onRequest with a hook that is not a validator.
    {
      code: `export default async function routes(fastify) {
  fastify.post('/users', { onRequest: authenticate }, async (request, reply) => users.create(request.body));
}`,
      errors: [{ messageId: unvalidatedInput, line: 2, column: 94 }],
    },
    // Express: a handler wrapped by asyncHandler is found through the wrapper and its name.
    {
      code: "import { Router } from 'express';\nconst router = Router();\nrouter.post('/users', asyncHandler(createUser));\nfunction createUser(req, res) {\n  res.json(users.create(req.body));\n}",
      errors: [{ messageId: unvalidatedInput, line: 5, column: 25, data: { input: 'req.body', parsed: 'req.body' } }],
    },
    // The deepest wrapper chain still followed (one alias).
    { code: wrappedHandler(1), errors: [{ messageId: unvalidatedInput, line: 4, column: 25 }] },
    { code: wrappedHandler(0), errors: [{ messageId: unvalidatedInput, line: 4, column: 25 }] },
    // Express: one constrained and one free parameter: the free one is unvalidated.
    {
      code: "import express from 'express';\nconst app = express();\napp.get('/orgs/:org(\\\\d+)/users/:id', (req, res) => res.json(users.get(req.params.id)));",
      errors: [{ messageId: unvalidatedInput, line: 3, column: 72, data: { input: 'req.params', parsed: 'req.params' } }],
      options: [{ checkIdParams: true }],
    },
    // The same call on a receiver imported from elsewhere is a route.
    {
      code: "import client from './client';\nclient.post('/users', (req, res) => res.json(req.body));",
      errors: [{ messageId: unvalidatedInput, line: 2, column: 46 }],
    },
    // Express: three arrays deep, a middleware that does not validate is seen, and does not cover the body.
    {
      code: "import express from 'express';\nconst app = express();\napp.post('/users', [[[auth]]], (req, res) => res.json(req.body));",
      errors: [{ messageId: unvalidatedInput, line: 3, column: 55 }],
    },
    // A const array of middleware without a validator.
    {
      code: "import express from 'express';\nconst app = express();\nconst checks = [auth, rateLimit];\napp.post('/users', ...checks, (req, res) => res.json(req.body));",
      errors: [{ messageId: unvalidatedInput, line: 4, column: 54 }],
    },
    // Hono, known by its import (any hono entry point or @hono package) or, without one, by a handler taking only `c`,
    // `ctx` or `context`: `c.req.json()` is request input.
    ...["import { Hono } from 'hono/quick';\n", "import { OpenAPIHono } from '@hono/zod-openapi';\n", ''].map((header) => ({
      code: `${header}app.post('/users', async (c) => c.json(await users.create(await c.req.json())));`,
      errors: [{ messageId: unvalidatedInput, line: header ? 2 : 1, column: 65, data: { input: 'c.req.json()', parsed: 'await c.req.json()' } }],
    })),
    ...['ctx', 'context'].map((name) => ({
      code: `app.post('/users', async (${name}) => ${name}.json(await users.create(await ${name}.req.parseBody())));`,
      errors: [{ messageId: unvalidatedInput, line: 1, column: name === 'ctx' ? 69 : 77 }],
    })),
    // Fastify: the handler inside the route options, with a schema that does not cover the body.
    {
      code: `export default async function routes(fastify) {
  fastify.post('/users', { schema: { querystring: listQuery }, handler: async (request, reply) => users.create(request.body) });
}`,
      errors: [{ messageId: unvalidatedInput, line: 2, column: 112 }],
    },
    // Known by its fastify import, a handler whose request is named `c` is Fastify's, not Hono's: `c.body` is input.
    {
      code: "import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/users', async (c) => users.create(c.body));",
      errors: [{ messageId: unvalidatedInput, line: 3, column: 46 }],
    },
    // NestJS with a global ValidationPipe: Record<…> is not a class, so nothing validates it.
    {
      code: nestBody('Record<string, unknown>'),
      options: [{ assumeGlobalValidationPipe: true }],
      errors: [{ messageId: unvalidatedNestInput, line: 5, column: 10, data: { input: '@Body()' } }],
    },
    // …nor an interface declared in the file.
    {
      code: nestBody('CreateUser', 'interface CreateUser { name: string }\n'),
      options: [{ assumeGlobalValidationPipe: true }],
      errors: [{ messageId: unvalidatedNestInput, line: 6, column: 10 }],
    },
    // …nor an exported type alias.
    {
      code: nestBody('CreateUser', 'export type CreateUser = { name: string };\n'),
      options: [{ assumeGlobalValidationPipe: true }],
      errors: [{ messageId: unvalidatedNestInput, line: 6, column: 10 }],
    },
    // …nor an untyped parameter.
    {
      code: nestBody('any').replace('body: any', 'body'),
      options: [{ assumeGlobalValidationPipe: true }],
      errors: [{ messageId: unvalidatedNestInput, line: 5, column: 10 }],
    },
    // Without the option a class DTO is reported.
    { code: nestBody('CreateUserDto'), errors: [{ messageId: unvalidatedNestInput, line: 5, column: 10 }] },
    // A pipe on the method that does not validate (named for logging) covers nothing.
    {
      code: nestBody('CreateUserDto').replace('  @Post()', '  @UsePipes(new TrimPipe())\n  @Post()').replace('{ Body,', '{ UsePipes, Body,'),
      errors: [{ messageId: unvalidatedNestInput, line: 6, column: 10 }],
    },
  ],
});
