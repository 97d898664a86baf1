// What a module (a feature slice) is: the folders matched by `moduleRoots`, minus the shared kernel (`sharedPaths`).
// One definition for the `no-cross-module-imports` rule and for the audit's module graph and endpoint slices.
import { folderMatcher, rootFolderOf, type RootFolder } from './source-path.js';

export interface ModuleRootOptions {
  /** Globs of module folders relative to the project root (each match is one module). */
  moduleRoots?: readonly string[];
  /** Globs of module folders that form the shared kernel: not modules of their own. */
  sharedPaths?: readonly string[];
}

export const DEFAULT_MODULE_ROOTS: readonly string[] = ['src/modules/*', 'src/features/*'];
export const DEFAULT_SHARED_PATHS: readonly string[] = ['**/shared', '**/common', '**/shared-kernel'];

export interface ModuleOf {
  /** The module `file` (absolute) lies in; with `mayBeFolder`, `file` may be the module folder itself (an import target). */
  (file: string, mayBeFolder?: boolean): RootFolder | undefined;
  /** True for a module folder of the shared kernel. */
  isShared(module: RootFolder): boolean;
}

/** The module lookup for a project root (`cwd`) and the rule's options; defaults applied here only for callers outside ESLint. */
export function createModuleOf(cwd: string, options: ModuleRootOptions = {}): ModuleOf {
  const isModuleRoot = folderMatcher(options.moduleRoots ?? DEFAULT_MODULE_ROOTS);
  const isShared = folderMatcher(options.sharedPaths ?? DEFAULT_SHARED_PATHS);
  const moduleOf = ((file: string, mayBeFolder = false) => rootFolderOf(file, cwd, isModuleRoot, mayBeFolder)) as ModuleOf;
  moduleOf.isShared = (module) => isShared(module.label);
  return moduleOf;
}
