import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
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
    { code: 'export const x = 1;', filename: at('src/lib/services/http.ts') },
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

describe('no-horizontal-layers: paths relative to the ESLint cwd', () => {
  const lint = (cwd: string, filename: string): string[] => {
    const linter = new Linter({ cwd });
    return linter
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
  };

  it('anchors source roots at the cwd before looking deeper', () => {
    // `lib` in the cwd's own path does not count as a source root.
    expect(lint('/home/me/lib/project', '/home/me/lib/project/src/features/a/x.ts')).toEqual([]);
    expect(lint('/home/me/lib/project', '/home/me/lib/project/src/services/x.ts')).toHaveLength(1);
  });

  it('handles Windows paths', () => {
    expect(lint('C:\\repo', 'C:\\repo\\src\\controllers\\users.ts')).toEqual([
      "This file is in the technical-role folder 'src/controllers/' (a horizontal layer); move it into the feature slice it serves, e.g. src/features/<feature>/ (if 'controllers' is not a technical role in this project, leave it out of `roles`).",
    ]);
    expect(lint('C:\\repo', 'C:\\repo\\src\\features\\users\\controller.ts')).toEqual([]);
  });
});
