// What a module (a feature slice) is: the folders matched by `moduleRoots`, and NestJS feature modules (`nestModules`),
// minus the shared kernel (`sharedPaths`). One definition for the `no-cross-module-imports` rule, the
// `no-horizontal-layers` rule (a role folder inside a module is the module's own business) and the audit's module
// graph and endpoint slices.
import fs from 'node:fs';

import { folderMatcher, rootFolderOf, sourcePathOf, joinSegments, type RootFolder } from './source-path.js';

export interface ModuleRootOptions {
  /** Globs of module folders relative to the project root (each match is one module). */
  moduleRoots?: readonly string[];
  /** Globs of module folders that form the shared kernel: not modules of their own. */
  sharedPaths?: readonly string[];
  /**
   * Also a module: the nearest folder holding a NestJS module file (`users/users.module.ts`; not the root
   * `app.module.ts`), when no `moduleRoots` glob matches. Default true. Reads folder listings, once per folder per process.
   */
  nestModules?: boolean;
}

export const DEFAULT_MODULE_ROOTS: readonly string[] = [
  'src/modules/*',
  'src/features/*',
  'src/lib/modules/*',
  'src/lib/features/*',
  'apps/*/src/app/*',
];
export const DEFAULT_SHARED_PATHS: readonly string[] = ['**/shared', '**/common', '**/shared-kernel'];
/** A NestJS module file, other than the root module. */
const NEST_MODULE_FILE = /^(?!app\.module\.)[\w.-]+\.module\.[cm]?[jt]s$/;

export interface ModuleOf {
  /** The module `file` (absolute) lies in; with `mayBeFolder`, `file` may be the module folder itself (an import target). */
  (file: string, mayBeFolder?: boolean): RootFolder | undefined;
  /** True for a module folder of the shared kernel. */
  isShared(module: RootFolder): boolean;
}

const nestFolderCache = new Map<string, boolean>();

/** True when `dir` (absolute) holds a NestJS feature-module file; cached per process, false when unreadable. */
export function isNestModuleFolder(dir: string): boolean {
  let known = nestFolderCache.get(dir);
  if (known === undefined) {
    try {
      known = fs.readdirSync(dir).some((name) => NEST_MODULE_FILE.test(name));
    } catch {
      known = false;
    }
    nestFolderCache.set(dir, known);
  }
  return known;
}

/** The module lookup for a project root (`cwd`) and the rule's options; defaults applied here only for callers outside ESLint. */
export function createModuleOf(cwd: string, options: ModuleRootOptions = {}): ModuleOf {
  const isModuleRoot = folderMatcher(options.moduleRoots ?? DEFAULT_MODULE_ROOTS);
  const isShared = folderMatcher(options.sharedPaths ?? DEFAULT_SHARED_PATHS);
  const nest = options.nestModules ?? true;
  const moduleOf = ((file: string, mayBeFolder = false) =>
    rootFolderOf(file, cwd, isModuleRoot, mayBeFolder) ?? (nest ? nestModuleOf(file, cwd, mayBeFolder) : undefined)) as ModuleOf;
  moduleOf.isShared = (module) => isShared(module.label);
  return moduleOf;
}

/** The nearest folder of `file` (or `file` itself, with `mayBeFolder`) holding a NestJS feature-module file. */
function nestModuleOf(file: string, cwd: string, mayBeFolder: boolean): RootFolder | undefined {
  const source = sourcePathOf(file, cwd);
  if (!source || source.segments.includes('node_modules')) return undefined;
  const last = source.segments.length - (mayBeFolder && !/\.[cm]?[jt]sx?$/.test(source.segments.at(-1)!) ? 0 : 1);
  for (let end = last; end >= 1; end--) {
    const dir = joinSegments(source, end);
    if (!isNestModuleFolder(dir)) continue;
    return {
      dir,
      name: source.segments[end - 1]!,
      label: source.segments.slice(0, end).join('/'),
      rest: source.segments.slice(end),
    };
  }
  return undefined;
}
