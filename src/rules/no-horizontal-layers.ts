import { createRule } from '../util/create-rule.js';
import { MAX_GLOB_LENGTH } from '../util/globs.js';
import { firstSourceFile, hasFileNamed, subfoldersOf } from './utils/layer-folders.js';
import { createModuleOf, DEFAULT_SHARED_PATHS } from './utils/module-roots.js';
import { findRoot, folderMatcher, joinSegments, sourcePathOf, TEST_FILE_GLOBS } from './utils/source-path.js';

type Options = [{ roles?: string[]; sourceRoots?: string[] }];
type MessageIds = 'horizontalLayer';

const DEFAULT_ROLES = ['controllers', 'services', 'repositories', 'repos', 'models', 'entities', 'dtos', 'dto', 'db', 'routes'];
/**
 * Roles that are also framework conventions (Remix / React Router `app/routes`, Express `src/routes/<feature>/`
 * slices): a layer only side by side with another role folder, and only when no file under it is named like a
 * service, store, repository, model or entity (route handlers only: the controller layer of a layered app, as in
 * `src/lib/routes/` next to `src/lib/services/` and `src/lib/db/`).
 */
const ROUTE_ROLES = new Set(['routes']);
/** File names of other roles: a `routes/` folder holding them is a folder of feature slices. */
const OTHER_ROLE_FILE = /(?:^|[.\-_])(?:services?|stores?|repositor(?:y|ies)|repos?|models?|entit(?:y|ies)|schemas?)[.\-_]/i;
/** Generic folders directly under a source root whose role subfolders are layers too: `src/lib/services`, `src/app/models`. */
const CONTAINERS = new Set(['api', 'app', 'lib', 'server', 'core', 'backend']);
/** Test code and fixtures: a layout there is not the product's (`__fixtures__/module-x/services/`). */
const TEST_FOLDERS = [...TEST_FILE_GLOBS, '**/__fixtures__/**', '**/fixtures/**', '**/__mocks__/**'];
const DEFAULT_SOURCE_ROOTS = ['src', 'app', 'server', 'lib', 'apps/*/src', 'packages/*/src'];

export default createRule<Options, MessageIds>({
  name: 'no-horizontal-layers',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow technical-role folders (controllers, services, repositories…) outside feature slices',
      recommended: true,
    },
    messages: {
      horizontalLayer:
        "'{{folder}}/' is a technical-role folder (a horizontal layer; reported once, on its first file); move its files into the feature slices they serve, e.g. {{root}}features/<feature>/ (if '{{role}}' is not a technical role in this project, leave it out of `roles`).",
    },
    defaultOptions: [{ roles: DEFAULT_ROLES, sourceRoots: DEFAULT_SOURCE_ROOTS }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          roles: {
            description:
              'Folder names (case-insensitive) of technical roles: a layer when directly under a source root, under a generic folder there (`src/lib/services`), or side by side with another role folder, outside a slice.',
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
          },
          sourceRoots: {
            description:
              'Globs of source-root folders, relative to the project root (ESLint cwd); also matched inside nested folders, e.g. monorepo packages.',
            type: 'array',
            items: { type: 'string', minLength: 1, maxLength: MAX_GLOB_LENGTH },
            uniqueItems: true,
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const roles = new Set((options.roles ?? DEFAULT_ROLES).map((role) => role.toLowerCase()));
    const isSourceRoot = folderMatcher(options.sourceRoots ?? DEFAULT_SOURCE_ROOTS);
    const file = sourcePathOf(context.filename, context.cwd);
    if (!file || roles.size === 0) return {};
    const root = findRoot(file.segments, isSourceRoot);
    if (!root) return {};
    const isRole = (name: string): boolean => roles.has(name.toLowerCase());
    const isShared = folderMatcher(DEFAULT_SHARED_PATHS);
    const absolute = joinSegments(file, file.segments.length);
    // A slice (module root, NestJS feature module) arranges its own files as it likes; test fixtures are not the product.
    if (createModuleOf(context.cwd)(absolute)) return {};
    const folders = file.segments.slice(0, -1).join('/');
    if (folders && folderMatcher(TEST_FOLDERS)(`${folders}/_`)) return {};
    // The shared kernel, at any depth: `src/shared/db/`, a workspace package `packages/shared/src/services/`.
    for (let end = 1; end < file.segments.length; end++) if (isShared(file.segments.slice(0, end).join('/'))) return {};
    let layer: number | undefined;
    for (let index = root.end; index < file.segments.length - 1 && layer === undefined; index++) {
      const folder = file.segments[index]!;
      if (!isRole(folder)) continue;
      const parent = file.segments[index - 1];
      const sideBySide = (subfoldersOf(joinSegments(file, index)) ?? []).filter(
        (name) => name !== folder && isRole(name) && !ROUTE_ROLES.has(name.toLowerCase()),
      );
      if (ROUTE_ROLES.has(folder.toLowerCase())) {
        if (sideBySide.length > 0 && !hasFileNamed(joinSegments(file, index + 1), OTHER_ROLE_FILE)) layer = index;
        continue;
      }
      const inContainer = index === root.end + 1 && parent !== undefined && CONTAINERS.has(parent.toLowerCase());
      if (index === root.end || inContainer || sideBySide.length > 0) layer = index;
    }
    if (layer === undefined) return {};
    // Once per folder: on its first source file, when the folder can be listed (otherwise on every file).
    const first = firstSourceFile(joinSegments(file, layer + 1));
    if (first !== undefined && first !== absolute) return {};
    const folder = file.segments[layer]!;
    const rootLabel = `${file.segments.slice(root.start, root.end).join('/')}/`;
    const folderLabel = file.segments.slice(root.start, layer + 1).join('/');

    return {
      Program(node) {
        context.report({
          node,
          loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } },
          messageId: 'horizontalLayer',
          data: { folder: folderLabel, root: rootLabel, role: folder },
        });
      },
    };
  },
});
