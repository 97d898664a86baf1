import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/no-horizontal-layers.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();
const at = (filename: string): string => `/repo/${filename}`;
const error = { messageId: 'horizontalLayer', line: 1, column: 1 } as const;

ruleTester.run('no-horizontal-layers', rule, {
  valid: [
    // Vertical slices and feature modules.
    { code: 'export const handler = 1;', filename: at('src/features/create-order/handler.ts') },
    { code: 'export const logic = 1;', filename: at('src/modules/orders/logic.ts') },
    { code: 'export class UsersController {}', filename: at('src/users/users.controller.ts') },
    // A role folder nested inside a slice is the slice's own business.
    { code: 'export const pricing = 1;', filename: at('src/modules/orders/services/pricing.ts') },
    { code: 'export const db = 1;', filename: at('src/features/orders/lib/repositories/db.ts') },
    // The shared kernel and generic folders are not technical-role layers.
    { code: 'export const logger = 1;', filename: at('src/shared/services/logger.ts') },
    { code: 'export const x = 1;', filename: at('src/utils/format.ts') },
    { code: 'export const x = 1;', filename: at('src/common/models/base.ts') },
    // This repository's own layout.
    { code: 'export default {};', filename: at('src/rules/no-console-log.ts') },
    { code: 'export default {};', filename: at('src/sql/parser.ts') },
    { code: 'export default {};', filename: at('src/audit/checks/secrets.ts') },
    // Near-misses: a file named like a role, role-like prefixes, roles outside any source root.
    { code: 'export const x = 1;', filename: at('src/controllers.ts') },
    { code: 'export const x = 1;', filename: at('src/controller-utils/x.ts') },
    { code: 'export const x = 1;', filename: at('src/servicesRegistry/x.ts') },
    { code: 'export const x = 1;', filename: at('src/index.ts') },
    { code: 'it("works", () => {});', filename: at('test/services/user.service.test.ts') },
    { code: 'export const x = 1;', filename: at('scripts/models/seed.ts') },
    { code: 'export const x = 1;', filename: at('dist/services/x.js') },
    // routes/ with no listable role folder beside it (no such folder on disk): framework routing, not a layer.
    { code: 'export const x = 1;', filename: at('src/routes/users.ts') },
    { code: 'export const x = 1;', filename: at('src/lib/routes/users.ts') },
    { code: 'export const x = 1;', filename: at('app/routes/_index.tsx') },
    // A role folder under a folder that is not generic, with no role folder beside it (a feature's own services).
    { code: 'export const x = 1;', filename: at('src/billing/services/invoice.ts') },
    { code: 'export const x = 1;', filename: at('src/lib/features/orders/services/x.ts') },
    { code: 'export const x = 1;', filename: at('src/shared/db/client.ts') },
    { code: 'export const x = 1;', filename: at('packages/shared/src/services/index.ts') },
    // Test fixtures and test folders inside a source tree are not the product's layout.
    { code: 'export const x = 1;', filename: at('packages/core/src/loaders/__fixtures__/module-a/services/x.ts') },
    { code: 'export const x = 1;', filename: at('src/__tests__/services/x.ts') },
    // A package under packages/modules/ is a module (a slice): its own layers are its business.
    { code: 'export const x = 1;', filename: at('packages/modules/api-key/src/services/api-key.ts') },
    // Options.
    { code: 'export const x = 1;', filename: at('src/controllers/x.ts'), options: [{ roles: [] }] },
    { code: 'export const x = 1;', filename: at('src/controllers/x.ts'), options: [{ sourceRoots: ['source'] }] },
    { code: 'export const x = 1;', filename: at('src/handlers/x.ts') },
    // Virtual file names have no folders.
    { code: 'export const x = 1;', filename: '<input>' },
    { code: 'export const x = 1;', filename: '<text>' },
  ],
  invalid: [
    { code: 'export class UsersController {}', filename: at('src/controllers/users.controller.ts'), errors: [error] },
    { code: 'export class UserService {}', filename: at('src/services/user.service.ts'), errors: [error] },
    { code: 'export class UserRepository {}', filename: at('src/repositories/user.repository.ts'), errors: [error] },
    { code: 'export const x = 1;', filename: at('src/repos/user.ts'), errors: [error] },
    { code: 'export interface User { id: string }', filename: at('src/models/user.ts'), errors: [error] },
    { code: 'export class User {}', filename: at('src/entities/user.entity.ts'), errors: [error] },
    { code: 'export class CreateUserDto {}', filename: at('src/dtos/create-user.dto.ts'), errors: [error] },
    { code: 'export class CreateUserDto {}', filename: at('src/dto/create-user.dto.ts'), errors: [error] },
    { code: 'export const x = 1;', filename: at('app/controllers/home.ts'), errors: [error] },
    { code: 'export const x = 1;', filename: at('server/services/mail.ts'), errors: [error] },
    { code: 'export const x = 1;', filename: at('lib/models/user.js'), errors: [error] },
    // Deeper inside the layer, capitalised, TSX: still the layer.
    { code: 'export const x = 1;', filename: at('src/controllers/admin/users.ts'), errors: [error] },
    { code: 'export const x = 1;', filename: at('src/Controllers/Users.ts'), errors: [error] },
    { code: 'export const View = () => <div />;', filename: at('src/models/view.tsx'), errors: [error] },
    // Role folders one level down, under a generic folder of the source root.
    { code: 'export const x = 1;', filename: at('src/lib/services/http.ts'), errors: [{ ...error, data: { folder: 'src/lib/services', root: 'src/', role: 'services' } }] },
    { code: 'export const x = 1;', filename: at('src/app/models/user.ts'), errors: [error] },
    { code: 'export const x = 1;', filename: at('src/api/repositories/user.ts'), errors: [error] },
    { code: 'export const x = 1;', filename: at('src/lib/db/knex.ts'), errors: [error] },
    // Monorepos: the package's own src, even when the package is called `lib`.
    { code: 'export const x = 1;', filename: at('apps/api/src/controllers/orders.ts'), errors: [error] },
    { code: 'export const x = 1;', filename: at('packages/lib/src/services/x.ts'), errors: [error] },
    {
      code: 'export const x = 1;',
      filename: at('src/controllers/x.ts'),
      errors: [
        {
          messageId: 'horizontalLayer',
          line: 1,
          column: 1,
          data: { folder: 'src/controllers', root: 'src/', role: 'controllers' },
        },
      ],
    },
    // Options.
    { code: 'export const x = 1;', filename: at('src/handlers/x.ts'), options: [{ roles: ['handlers'] }], errors: [error] },
    { code: 'export const x = 1;', filename: at('source/services/x.ts'), options: [{ sourceRoots: ['source'] }], errors: [error] },
    // Malformed or partial code: the path alone decides, once per file.
    { code: '', filename: at('src/services/empty.ts'), errors: [error] },
    { code: '// TODO\n;;;\n', filename: at('src/services/todo.ts'), errors: [error] },
    { code: 'export {};\n\n\nconst a = 1;', filename: at('src/controllers/a.ts'), errors: [error] },
  ],
});

/** The rule's messages on a one-line file, linted with ESLint's `cwd` set. */
const lint = (cwd: string, filename: string): string[] =>
  new Linter({ cwd })
    .verify(
      'export const x = 1;\n',
      [
        {
          files: ['**/*.ts'],
          plugins: { fortress: { rules: { 'no-horizontal-layers': rule } } as never },
          languageOptions: { parser: tsParser as never },
          rules: { 'fortress/no-horizontal-layers': 'error' },
        },
      ],
      { filename },
    )
    .map((message) => message.message);

describe('no-horizontal-layers: paths relative to the ESLint cwd', () => {

  it('anchors source roots at the cwd before looking deeper', () => {
    // `lib` in the cwd's own path does not count as a source root.
    expect(lint('/home/me/lib/project', '/home/me/lib/project/src/features/a/x.ts')).toEqual([]);
    expect(lint('/home/me/lib/project', '/home/me/lib/project/src/services/x.ts')).toHaveLength(1);
  });

  it('handles Windows paths', () => {
    expect(lint('C:\\repo', 'C:\\repo\\src\\controllers\\users.ts')).toEqual([
      "'src/controllers/' is a technical-role folder (a horizontal layer; reported once, on its first file); move its files into the feature slices they serve, e.g. src/features/<feature>/ (if 'controllers' is not a technical role in this project, leave it out of `roles`).",
    ]);
    expect(lint('C:\\repo', 'C:\\repo\\src\\features\\users\\controller.ts')).toEqual([]);
  });
});

describe('no-horizontal-layers: on a project on disk', () => {
  const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/layers-project');
  const folders = (file: string): string[] =>
    lint(project, path.join(project, file)).map((message) => message.split(' is a ')[0]!);

  it('reports a layer folder once, on its first source file in sort order (files before subfolders)', () => {
    expect(folders('src/api/controllers/a.ts')).toEqual(["'src/api/controllers/'"]);
    expect(folders('src/api/controllers/b.ts')).toEqual([]);
    // a test file sorts first (`a.test.ts` < `a.ts`) but is chosen only when the folder has nothing else
    expect(folders('src/api/controllers/a.test.ts')).toEqual([]);
    expect(folders('src/lib/db/__tests__/a.ts')).toEqual([]);
    expect(folders('src/services/y.ts')).toEqual(["'src/services/'"]);
    expect(folders('src/services/z.ts')).toEqual([]);
    expect(folders('src/services/nested/a.ts')).toEqual([]);
  });

  it('finds role folders side by side at any depth, and under generic folders', () => {
    expect(folders('src/api/services/s.ts')).toEqual(["'src/api/services/'"]);
    expect(folders('src/lib/db/client.ts')).toEqual(["'src/lib/db/'"]);
  });

  it('leaves a slice alone: a NestJS feature module, a feature folder with one role folder', () => {
    expect(folders('src/users/dto/create-user.dto.ts')).toEqual([]);
    expect(folders('src/users/entities/user.entity.ts')).toEqual([]);
    expect(folders('src/billing/services/invoice.ts')).toEqual([]);
  });

  it('takes a routes folder for the controller layer only next to another role folder, holding route handlers only', () => {
    // src/lib/routes/ beside src/lib/services/ and src/lib/db/, with route files of several features
    expect(folders('src/lib/routes/index.ts')).toEqual(["'src/lib/routes/'"]);
    expect(folders('src/lib/routes/admin-api/users.ts')).toEqual([]);
    // src/app/routes/<feature>/ holding each feature's controller and service: a folder of slices
    expect(folders('src/app/routes/article/article.controller.ts')).toEqual([]);
    expect(folders('src/app/models/http-exception.model.ts')).toEqual(["'src/app/models/'"]);
    // file-based routing beside components/ (React Router, Remix): no role folder beside it
    expect(folders('src/web/routes/home.ts')).toEqual([]);
  });

  it('reports every file of a folder that cannot be listed (a file not on disk)', () => {
    expect(folders('src/repositories/gone.ts')).toEqual(["'src/repositories/'"]);
  });
});
