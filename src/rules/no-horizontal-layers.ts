import { createRule } from '../util/create-rule.js';
import { MAX_GLOB_LENGTH } from '../util/globs.js';
import { findRoot, folderMatcher, sourcePathOf } from './utils/source-path.js';

type Options = [{ roles?: string[]; sourceRoots?: string[] }];
type MessageIds = 'horizontalLayer';

const DEFAULT_ROLES = ['controllers', 'services', 'repositories', 'repos', 'models', 'entities', 'dtos', 'dto'];
const DEFAULT_SOURCE_ROOTS = ['src', 'app', 'server', 'lib', 'apps/*/src', 'packages/*/src'];

export default createRule<Options, MessageIds>({
  name: 'no-horizontal-layers',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow technical-role folders (controllers, services, repositories…) directly under a source root',
      recommended: true,
    },
    messages: {
      horizontalLayer:
        "This file is in the technical-role folder '{{folder}}/' (a horizontal layer); move it into the feature slice it serves, e.g. {{root}}features/<feature>/ (if '{{role}}' is not a technical role in this project, leave it out of `roles`).",
    },
    defaultOptions: [{ roles: DEFAULT_ROLES, sourceRoots: DEFAULT_SOURCE_ROOTS }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          roles: {
            description:
              'Folder names (case-insensitive) of technical roles that must not be the first folder under a source root.',
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
    // The first folder under the root must be a folder (not the file itself) named after a technical role.
    if (!root || root.end >= file.segments.length - 1) return {};
    const folder = file.segments[root.end]!;
    if (!roles.has(folder.toLowerCase())) return {};
    const rootLabel = `${file.segments.slice(root.start, root.end).join('/')}/`;

    return {
      Program(node) {
        context.report({
          node,
          loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } },
          messageId: 'horizontalLayer',
          data: { folder: `${rootLabel}${folder}`, root: rootLabel, role: folder },
        });
      },
    };
  },
});
