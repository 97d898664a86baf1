import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { createRule } from '../util/create-rule.js';
import { MAX_GLOB_LENGTH } from '../util/globs.js';
import { createModuleOf, DEFAULT_MODULE_ROOTS, DEFAULT_SHARED_PATHS, nestModuleImports } from './utils/module-roots.js';
import { resolveImportPath, tsconfigProblemFor } from './utils/module-resolution.js';
import { folderMatcher, isAbsolutePath, TEST_FILE_GLOBS, toPosix } from './utils/source-path.js';

type Options = [
  {
    moduleRoots?: string[];
    nestModules?: boolean;
    allowPublicApi?: boolean;
    allowTypeImports?: boolean;
    sharedPaths?: string[];
    checkTests?: boolean;
  },
];
type MessageIds = 'internalImport' | 'providerNotImported' | 'crossModuleImport' | 'eventImport' | 'tsconfigProblem';

const DEFAULTS = {
  moduleRoots: [...DEFAULT_MODULE_ROOTS],
  nestModules: true,
  allowPublicApi: true,
  allowTypeImports: false,
  sharedPaths: [...DEFAULT_SHARED_PATHS],
  checkTests: false,
};
/** Tests wire modules together to set up their cases, like a composition root: `*.test.*`, `*.e2e.*`, `__tests__/`, `e2e/`. */
const TEST_FILES = [...TEST_FILE_GLOBS, '**/*.e2e.*', '**/*.e2e-*.*', '**/e2e/**'];
const PUBLIC_ENTRY = /^index(?:\.d)?(?:\.[cm]?[jt]sx?)?$/;
/** A NestJS module file (`users.module.ts`): what another module imports to use the providers it exports. */
const NEST_MODULE_ENTRY = /\.module(?:\.[cm]?[jt]s)?$/;
/** A path segment or file-name part `event`/`events`: `../orders/events`, `@/modules/orders/order-placed.event`. */
const EVENT_PATH = /(?:^|[/.\-_])events?(?:$|[/.\-_])/i;
/** An imported name of an event contract: `OrderPlacedEvent`, `OrderEvents`, `ORDER_PLACED_EVENT`. */
const EVENT_NAME = /(?:Events?|_EVENTS?)$/;

/** True when the import brings in another module's event contract (to subscribe to it, or to publish it). */
function isEventImport(specifier: string, names: readonly string[]): boolean {
  return EVENT_PATH.test(specifier) || names.some((name) => EVENT_NAME.test(name));
}

/** The local names an import or re-export declares. */
function namesOf(specifiers: readonly { local: TSESTree.Node }[]): string[] {
  return specifiers.flatMap((item) => (item.local.type === 'Identifier' ? [item.local.name] : []));
}

function stringValue(node: TSESTree.Node | undefined): string | undefined {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

export default createRule<Options, MessageIds>({
  name: 'no-cross-module-imports',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow imports of another module's internals (or, strictly, of another module at all)",
      recommended: true,
    },
    messages: {
      tsconfigProblem:
        "{{tsconfig}} cannot be fully read ({{problem}}): the path aliases of the files it extends are lost, so imports through them are not checked; fix its `extends`.",
      internalImport:
        "Module '{{from}}' imports '{{specifier}}' from inside module '{{to}}'; import from the public entry of '{{to}}' (its index file) instead.",
      providerNotImported:
        "Module '{{from}}' imports '{{specifier}}', a provider that module '{{to}}' exports, but its own module file does not import '{{to}}''s module: a NestJS module's public API is what it exports to the modules that import it; add '{{to}}''s module to `imports` and inject the provider, or publish an event '{{to}}' subscribes to.",
      crossModuleImport:
        "Module '{{from}}' imports '{{specifier}}' from module '{{to}}'; modules talk through events, so publish an event that '{{to}}' subscribes to (or move the shared code to the shared kernel, `sharedPaths`) instead.",
      eventImport:
        "Module '{{from}}' imports the event contract '{{specifier}}' from module '{{to}}'; an event that several modules publish or subscribe to belongs in the shared kernel: move its name and payload type there (a `sharedPaths` folder), or import only its type with `allowTypeImports: true`.",
    },
    defaultOptions: [DEFAULTS],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          moduleRoots: {
            description:
              'Globs of module folders relative to the project root (each match is one module); also matched inside nested folders such as monorepo packages.',
            type: 'array',
            items: { type: 'string', minLength: 1, maxLength: MAX_GLOB_LENGTH },
            uniqueItems: true,
          },
          nestModules: {
            description:
              'Also treat as a module the nearest folder holding a NestJS module file (`users/users.module.ts`, not the root `app.module.ts`) when no `moduleRoots` glob matches; its module file is a public entry.',
            type: 'boolean',
          },
          allowPublicApi: {
            description: "Allow imports of another module's public entry (its folder or index file).",
            type: 'boolean',
          },
          allowTypeImports: {
            description: 'Allow type-only imports and exports (`import type`, `export type … from`, `import("…")` types).',
            type: 'boolean',
          },
          checkTests: {
            description: 'Also check test files (`*.test.*`, `*.spec.*`, `*.e2e.*`, `__tests__/`, `test/`, `e2e/`), which wire modules together to set up their cases.',
            type: 'boolean',
          },
          sharedPaths: {
            description:
              'Globs of module folders that form the shared kernel: any module may import anything in them, and they are not checked.',
            type: 'array',
            items: { type: 'string', minLength: 1, maxLength: MAX_GLOB_LENGTH },
            uniqueItems: true,
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const { cwd, filename } = context;
    const moduleOf = createModuleOf(cwd, options);
    if (!filename || filename.startsWith('<')) return {};
    const importerFile = isAbsolutePath(filename) ? filename : path.resolve(cwd, filename);
    const own = moduleOf(importerFile);
    if (!own || moduleOf.isShared(own)) return {};
    // Judged below the module folder, so a project that itself lives in a `test/` folder is still checked.
    if (!options.checkTests && folderMatcher(TEST_FILES)(own.rest.join('/'))) return {};
    // A tsconfig whose `extends` cannot be read loses aliases: said once, on the first file linted under it.
    const tsconfigProblem = tsconfigProblemFor(importerFile);
    if (tsconfigProblem) {
      const relative = path.relative(cwd, tsconfigProblem.tsconfig);
      const inside = cwd !== '/' && relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
      const tsconfig = toPosix(inside ? relative : tsconfigProblem.tsconfig);
      context.report({ loc: { line: 1, column: 0 }, messageId: 'tsconfigProblem', data: { tsconfig, problem: tsconfigProblem.problem.replace(/\.$/, '') } });
    }

    function check(source: TSESTree.Node | undefined, typeOnly: boolean, names: readonly string[] = []): void {
      const specifier = stringValue(source);
      if (!source || specifier === undefined || (typeOnly && options.allowTypeImports)) return;
      const target = resolveImportPath(specifier, importerFile);
      const other = target === undefined ? undefined : moduleOf(target, true);
      if (!other || other.dir === own!.dir || moduleOf.isShared(other)) return;
      const entry = other.rest.length === 1 ? other.rest[0]! : undefined;
      const isEntry =
        other.rest.length === 0 ||
        (entry !== undefined && (PUBLIC_ENTRY.test(entry) || (options.nestModules !== false && NEST_MODULE_ENTRY.test(entry))));
      // A provider a NestJS module exports is public to the modules that import that module (the DI contract).
      const isExportedProvider = other.nest?.exported.has(toPosix(target!).replace(/\.[cm]?[jt]sx?$/, '')) === true;
      const isInjectable = isExportedProvider && (own!.nest === undefined || nestModuleImports(own!.nest, other.nest!));
      if (options.allowPublicApi && (isEntry || isInjectable)) return;
      const sameName = other.name === own!.name;
      context.report({
        node: source,
        messageId: options.allowPublicApi
          ? isExportedProvider
            ? 'providerNotImported'
            : 'internalImport'
          : isEventImport(specifier, names)
            ? 'eventImport'
            : 'crossModuleImport',
        data: { from: sameName ? own!.label : own!.name, to: sameName ? other.label : other.name, specifier },
      });
    }

    const onlyTypes = (specifiers: readonly { importKind?: string; exportKind?: string }[]): boolean =>
      specifiers.length > 0 && specifiers.every((item) => (item.importKind ?? item.exportKind) === 'type');

    return {
      ImportDeclaration(node) {
        check(node.source, node.importKind === 'type' || onlyTypes(node.specifiers as never), namesOf(node.specifiers));
      },
      'ExportNamedDeclaration[source]'(node: TSESTree.ExportNamedDeclaration) {
        check(node.source ?? undefined, node.exportKind === 'type' || onlyTypes(node.specifiers), namesOf(node.specifiers));
      },
      ExportAllDeclaration(node) {
        check(node.source, node.exportKind === 'type');
      },
      ImportExpression(node) {
        check(node.source, false);
      },
      TSImportType(node) {
        check(node.source, true);
      },
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type !== 'TSExternalModuleReference') return;
        check(node.moduleReference.expression, node.importKind === 'type');
      },
      CallExpression(node) {
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'require') return;
        // Only the global `require`: a local function or parameter of that name is something else.
        const variable = ASTUtils.findVariable(context.sourceCode.getScope(node), 'require');
        if (variable && variable.defs.length > 0) return;
        check(node.arguments[0], false);
      },
    };
  },
});
