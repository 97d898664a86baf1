import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { extractProject, type EndpointFact } from '../../../src/audit/extract/project.js';
import { auditConfigSchema } from '../../../src/audit/options.js';
import rule from '../../../src/rules/require-input-validation.js';
import { fixtureInput } from './fixture-input.js';

/** The inventory of a throwaway project written to a temporary folder. */
async function inventoryOf(files: Record<string, string>): Promise<{ rows: string[]; notices: string[] }> {
  const root = mkdtempSync(path.join(tmpdir(), 'fortress-inventory-'));
  try {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    const input = { root, config: auditConfigSchema.parse({}), files: Object.keys(files).sort(), notices: [] as { file: string | null; message: string }[] };
    const { endpoints } = await extractProject(input);
    return { rows: rows(endpoints), notices: input.notices.map((notice) => `${notice.file}: ${notice.message}`) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** One line per endpoint: method, path, where it is declared, its slice, and what validates it (or the unvalidated read). */
function rows(endpoints: readonly EndpointFact[]): string[] {
  return endpoints.map((endpoint) => {
    const read = endpoint.unvalidatedInput;
    const verdict = endpoint.validated
      ? (endpoint.validatedBy ?? 'no input')
      : `UNVALIDATED ${read ? `${read.label} ${read.file}:${read.line}` : 'handler not found'}`;
    return `${endpoint.method} ${endpoint.path} ${endpoint.file}:${endpoint.line} ${endpoint.slice ?? '-'} ${verdict}`;
  });
}

async function inventory(fixture: string): Promise<{ rows: string[]; notices: string[]; endpoints: EndpointFact[] }> {
  const input = fixtureInput(fixture);
  const { endpoints } = await extractProject(input);
  return { rows: rows(endpoints), notices: input.notices.map((notice) => `${notice.file}: ${notice.message}`), endpoints };
}

describe('extractProject: the endpoint inventory', () => {
  it('lists the 19 RealWorld endpoints under /api, composed across routers mounted in other files (alias imports, nested routers, re-exports)', async () => {
    const { rows: found, notices, endpoints } = await inventory('audit-express-realworld');
    expect(found).toEqual([
      'GET /api/articles src/features/articles/articles.routes.ts:12 articles listArticlesQuery.parse()',
      'POST /api/articles src/features/articles/articles.routes.ts:14 articles middleware validate(articleInput)',
      'DELETE /api/articles/:slug src/features/articles/articles.routes.ts:17 articles id parameter used as a lookup key',
      'GET /api/articles/:slug src/features/articles/articles.routes.ts:15 articles slugParams.parse()',
      'PUT /api/articles/:slug src/features/articles/articles.routes.ts:16 articles middleware validate(articleInput)',
      'GET /api/articles/:slug/comments src/features/articles/comments.routes.ts:10 articles id parameter used as a lookup key',
      'POST /api/articles/:slug/comments src/features/articles/comments.routes.ts:13 articles middleware validate(commentInput)',
      'DELETE /api/articles/:slug/comments/:id src/features/articles/comments.routes.ts:16 articles id parameter used as a lookup key',
      'DELETE /api/articles/:slug/favorite src/features/articles/articles.routes.ts:22 articles id parameter used as a lookup key',
      'POST /api/articles/:slug/favorite src/features/articles/articles.routes.ts:19 articles id parameter used as a lookup key',
      'GET /api/articles/feed src/features/articles/articles.routes.ts:13 articles no input',
      'GET /api/profiles/:username src/features/profiles/profiles.routes.ts:8 profiles id parameter used as a lookup key',
      'DELETE /api/profiles/:username/follow src/features/profiles/profiles.routes.ts:17 profiles id parameter used as a lookup key',
      'POST /api/profiles/:username/follow src/features/profiles/profiles.routes.ts:14 profiles id parameter used as a lookup key',
      'GET /api/tags src/features/tags/tags.routes.ts:5 tags no input',
      'GET /api/user src/features/users/users.routes.ts:12 users no input',
      'PUT /api/user src/features/users/users.routes.ts:13 users middleware validate(updateUserSchema)',
      'POST /api/users src/features/users/users.routes.ts:11 users middleware validate(registerSchema)',
      'POST /api/users/login src/features/users/users.routes.ts:10 users middleware validate(loginSchema)',
      'GET /health src/routes.ts:6 - no input',
    ]);
    expect(endpoints.filter((endpoint) => endpoint.path.startsWith('/api/'))).toHaveLength(19);
    expect(notices).toEqual([]);
  });

  it('composes Fastify register prefixes, nested plugins and handlers from another file', async () => {
    const { rows: found, notices } = await inventory('audit-fastify');
    expect(found).toEqual([
      'POST /api/v1/orders src/features/orders/orders.routes.ts:10 orders fastify schema { body: OrderBody }',
      'GET /api/v1/orders/:id src/features/orders/orders.routes.ts:11 orders fastify schema { params: IdParams }',
      'GET /api/v1/users src/features/users/users.routes.ts:9 users no input',
      'POST /api/v1/users src/features/users/users.routes.ts:11 users fastify schema { body: CreateUser }',
      'GET /api/v1/users/:id src/features/users/users.routes.ts:16 users UNVALIDATED request.params src/features/users/users.routes.ts:17',
      'GET /health src/health.ts:4 - no input',
    ]);
    expect(notices).toEqual([]);
  });

  it('composes Hono basePath and route(), chained routes, and a router handed to a function', async () => {
    const { rows: found, notices } = await inventory('audit-hono');
    expect(found).toEqual([
      'GET /api src/index.ts:9 - no input',
      'GET /api/admin/stats src/features/admin/admin.routes.ts:5 admin no input',
      'GET /api/authors src/features/authors/authors.routes.ts:7 authors no input',
      'POST /api/authors src/features/authors/authors.routes.ts:8 authors UNVALIDATED c.req.json() src/features/authors/authors.routes.ts:9',
      'GET /api/books src/features/books/books.routes.ts:10 books no input',
      "POST /api/books src/features/books/books.routes.ts:11 books middleware zValidator('json', bookSchema)",
      'GET /api/books/:id{[0-9a-f-]{36}} src/features/books/books.routes.ts:12 books route pattern',
      'GET /api/internal/ping src/stats.ts:4 - no input',
    ]);
    expect(notices).toEqual([]);
  });

  it('composes NestJS global prefix, URI versions and controller paths; a global ValidationPipe covers class DTOs from other files, not interfaces', async () => {
    const { rows: found, notices } = await inventory('audit-nestjs');
    expect(found).toEqual([
      'GET /api/health src/modules/health/health.controller.ts:5 health no input',
      'GET /api/v1/cats src/modules/cats/cats.controller.ts:10 cats ValidationPipe (global) + ListCatsQuery',
      'POST /api/v1/cats src/modules/cats/cats.controller.ts:20 cats ValidationPipe (global) + CreateCatDto',
      'DELETE /api/v1/cats/:id src/modules/cats/cats.controller.ts:31 cats id parameter used as a lookup key',
      'GET /api/v1/cats/:id src/modules/cats/cats.controller.ts:15 cats pipe ParseUUIDPipe',
      'GET /api/v1/dogs src/modules/dogs/dogs.controller.ts:5 dogs no input',
      'PATCH /api/v2/cats/:id src/modules/cats/cats.controller.ts:26 cats UNVALIDATED @Body() src/modules/cats/cats.controller.ts:27',
      'GET /api/v2/dogs src/modules/dogs/dogs.controller.ts:5 dogs no input',
    ]);
    expect(notices).toEqual([]);
  });

  it('derives Next.js app-router paths from the folders (route groups, dynamic and catch-all segments)', async () => {
    const { rows: found } = await inventory('audit-next-app-router');
    expect(found).toEqual([
      'GET /api/files/[...path] src/app/api/files/[...path]/route.ts:1 - no input',
      'POST /api/newsletter src/app/(marketing)/api/newsletter/route.ts:1 - UNVALIDATED request.formData() src/app/(marketing)/api/newsletter/route.ts:2',
      'GET /api/users src/app/api/users/route.ts:5 - no input',
      'POST /api/users src/app/api/users/route.ts:9 - createUserSchema.parse()',
      'DELETE /api/users/[id] src/app/api/users/[id]/route.ts:11 - no input',
      'GET /api/users/[id] src/app/api/users/[id]/route.ts:7 - no input',
    ]);
  });

  it('derives Remix / React Router flat-route paths from the file names (loader: GET, action: POST)', async () => {
    const { rows: found } = await inventory('audit-remix');
    expect(found).toEqual([
      'GET / app/routes/_index.tsx:5 - no input',
      'POST /login app/routes/_auth.login.tsx:3 - UNVALIDATED request.json() app/routes/_auth.login.tsx:4',
      'GET /notes/:id app/routes/notes.$id/route.tsx:5 - id parameter used as a lookup key',
      'POST /notes/:id app/routes/notes.$id/route.tsx:7 - id parameter used as a lookup key',
      'POST /notes/new app/routes/notes.new.tsx:5 - noteSchema.parse()',
      'GET /sitemap.xml app/routes/sitemap[.]xml.ts:1 - no input',
    ]);
  });

  it('names a syntax error, a missing router and a loop of routers once each, and still lists the other endpoints', async () => {
    const { rows: found, notices } = await inventory('audit-malformed');
    expect(found).toEqual([
      'GET /api/a src/loop-a.ts:6 - no input',
      'GET /api/b/b src/loop-b.ts:6 - no input',
      'GET /late/a/a src/loop-a.ts:6 - no input',
      'GET /late/b src/loop-b.ts:6 - no input',
      'GET /ok src/server.ts:7 - no input',
    ]);
    expect(notices).toEqual([
      'src/broken.ts: Syntax error at 6:1 (Expression expected.); its endpoints are not listed.',
      "src/server.ts: Line 9: the router mounted at '/legacy' can't be followed ('./legacy-router.js' does not resolve to a file of the project); its endpoints are not listed.",
      'src/loop-a.ts: Routers mount each other in a loop (src/loop-a.ts → src/loop-b.ts → src/loop-a.ts); the loop is followed once.',
    ]);
  });

  it('places a NestJS route on its HTTP-method decorator, not on the documentation decorators above it', async () => {
    const { rows: found } = await inventoryOf({
      'src/tags/tags.controller.ts': [
        "import { Controller, Get, Param, Post, UsePipes, ValidationPipe } from '@nestjs/common';",
        "import { ApiOperation, ApiResponse } from '@nestjs/swagger';",
        '',
        "@Controller('tags')",
        'export class TagsController {',
        "  @ApiOperation({ summary: 'All tags' })",
        "  @ApiResponse({ status: 200, description: 'The tags.' })",
        '  @Get()',
        '  findAll() {',
        '    return [];',
        '  }',
        '',
        '  @UsePipes(new ValidationPipe())',
        "  @Post(':name')",
        "  create(@Param('name') name: string) {",
        '    return name;',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    expect(found.map((row) => row.split(' ').slice(0, 3).join(' '))).toEqual(['GET /tags src/tags/tags.controller.ts:8', 'POST /tags/:name src/tags/tags.controller.ts:14']);
  });

  it('names no loop of routers for a recursive helper beside the routes (the audit reading its own compose step)', async () => {
    const { rows: found, notices } = await inventoryOf({
      'src/tree.ts': [
        "import { Router } from 'express';",
        '',
        'export const tree = Router();',
        "tree.get('/tree', (req, res) => res.json(flatten(root, '')));",
        '',
        'function flatten(node, prefix) {',
        '  const path = join(prefix, node.name);',
        '  const below = node.children.get(path);',
        '  return [path, ...(below ?? []).flatMap((child) => flatten(child, path))];',
        '}',
        '',
        'function join(prefix, name) {',
        '  const joined = `${prefix}/${name}`;',
        '  return joined === prefix ? join(joined, name) : joined;',
        '}',
        '',
      ].join('\n'),
    });
    expect(found).toEqual(['GET /tree src/tree.ts:4 - no input']);
    expect(notices).toEqual([]);
  });

  it('follows CommonJS: require() mounts, module.exports routers and handlers exported as properties', async () => {
    const { rows: found, notices } = await inventoryOf({
      'app.js': "const express = require('express');\nconst app = express();\napp.use(require('./routes'));\napp.listen(3000);\n",
      'routes/index.js': "const router = require('express').Router();\nrouter.use('/api', require('./api'));\nmodule.exports = router;\n",
      'routes/api/index.js': "const router = require('express').Router();\nconst users = require('./users');\nrouter.use('/users', users.router);\nmodule.exports = router;\n",
      'routes/api/users.js': "const { Router } = require('express');\nconst controller = require('../../controllers/users');\nconst router = Router();\nrouter.get('/:id', controller.show);\nrouter.post('/', controller.create);\nmodule.exports = { router };\n",
      'controllers/users.js': 'exports.show = (req, res) => res.json(find(req.params.id));\nexports.create = (req, res) => res.json(userSchema.parse(req.body));\n',
    });
    expect(found).toEqual([
      'POST /api/users routes/api/users.js:5 - userSchema.parse()',
      'GET /api/users/:id routes/api/users.js:4 - id parameter used as a lookup key',
    ]);
    expect(notices).toEqual([]);
  });

  it('finds a global ValidationPipe provided as APP_PIPE, and leaves DTO-less NestJS apps to their pipes (near-miss)', async () => {
    const controller = `import { Body, Controller, Post } from '@nestjs/common';
import { IsString } from 'class-validator';
export class CreateTagDto {
  @IsString() name!: string;
}
@Controller('tags')
export class TagsController {
  @Post() create(@Body() dto: CreateTagDto) {
    return dto;
  }
}
`;
    const module = `import { Module, ValidationPipe } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { TagsController } from './tags.controller';
@Module({ controllers: [TagsController], providers: [{ provide: APP_PIPE, useClass: ValidationPipe }] })
export class AppModule {}
`;
    expect((await inventoryOf({ 'src/tags.controller.ts': controller, 'src/app.module.ts': module })).rows).toEqual([
      'POST /tags src/tags.controller.ts:8 - ValidationPipe (global) + CreateTagDto',
    ]);
    expect((await inventoryOf({ 'src/tags.controller.ts': controller })).rows).toEqual([
      'POST /tags src/tags.controller.ts:8 - UNVALIDATED @Body() src/tags.controller.ts:8',
    ]);
  });

  it('gives the same verdict as the require-input-validation rule on every handler the rule sees (one function computes both)', async () => {
    // checkIdParams: the fixture's unvalidated reads are path parameters used as lookup keys
    const input = fixtureInput('audit-express-realworld', { rules: { 'fortress/require-input-validation': ['error', { checkIdParams: true }] } });
    const { endpoints } = await extractProject(input);
    const linter = new Linter();
    const reported = input.files.filter((file) => file.endsWith('.ts')).flatMap((file) =>
      linter
        .verify(
          readFileSync(path.join(input.root, file), 'utf8'),
          [{ files: ['**/*.ts'], plugins: { fortress: { rules: { 'require-input-validation': rule as never } } }, languageOptions: { parser: tsParser as never }, rules: { 'fortress/require-input-validation': ['error', { checkIdParams: true }] } }],
          { filename: file },
        )
        .map((message) => `${file}:${message.line}:${message.column}`),
    );
    const unvalidated = endpoints.flatMap(({ unvalidatedInput: read }) => (read ? [`${read.file}:${read.line}:${read.column}`] : []));
    expect(reported.length).toBeGreaterThan(0);
    expect(new Set(unvalidated)).toEqual(new Set([...reported, 'src/features/articles/articles.controller.ts:30:25']));
  });
});
