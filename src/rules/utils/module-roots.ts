// What a module (a feature slice) is: the folders matched by `moduleRoots`, and NestJS feature modules (`nestModules`),
// minus the shared kernel (`sharedPaths`). One definition for the `no-cross-module-imports` rule, the
// `no-horizontal-layers` rule (a role folder inside a module is the module's own business) and the audit's module
// graph and endpoint slices.
import fs from 'node:fs';
import path from 'node:path';

import { folderMatcher, rootFolderOf, sourcePathOf, joinSegments, type RootFolder } from './source-path.js';

export interface ModuleRootOptions {
  /** Globs of module folders relative to the project root (each match is one module). */
  moduleRoots?: readonly string[];
  /** Globs of module folders that form the shared kernel: not modules of their own. */
  sharedPaths?: readonly string[];
  /**
   * Also a module: the nearest folder holding a NestJS module file (`users/users.module.ts`; not the root
   * `app.module.ts`), when no `moduleRoots` glob matches. Default true. Reads folder listings and module files, once
   * per folder per process. A `@Global()` module is shared kernel; the files of the providers it `exports` are public.
   */
  nestModules?: boolean;
}

/** A module folder; for a NestJS module, what its module file declares. */
export interface ModuleFolder extends RootFolder {
  nest?: NestModuleInfo;
}

export interface NestModuleInfo {
  /** Absolute posix path of the module file. */
  file: string;
  /** `@Global()`: its providers are meant for every module (infrastructure such as a Prisma or config module). */
  global: boolean;
  /** Absolute posix paths, without extension, of the files the module file imports the names it `exports` from. */
  exported: ReadonlySet<string>;
}

export const DEFAULT_MODULE_ROOTS: readonly string[] = [
  'src/modules/*',
  'src/features/*',
  'src/lib/modules/*',
  'src/lib/features/*',
  'apps/*/src/app/*',
  'packages/modules/*',
];
export const DEFAULT_SHARED_PATHS: readonly string[] = ['**/shared', '**/common', '**/shared-kernel'];
/** A NestJS module file, other than the root module. */
const NEST_MODULE_FILE = /^(?!app\.module\.)[\w.-]+\.module\.[cm]?[jt]s$/;

export interface ModuleOf {
  /** The module `file` (absolute) lies in; with `mayBeFolder`, `file` may be the module folder itself (an import target). */
  (file: string, mayBeFolder?: boolean): ModuleFolder | undefined;
  /** True for a module folder of the shared kernel (by `sharedPaths`, or a NestJS `@Global()` module). */
  isShared(module: RootFolder): boolean;
}

const nestFolderCache = new Map<string, NestModuleInfo | null>();

/** The NestJS feature-module file of `dir` (absolute posix) and what it declares; cached per process, null when none. */
export function nestModuleIn(dir: string): NestModuleInfo | null {
  let known = nestFolderCache.get(dir);
  if (known === undefined) {
    known = null;
    try {
      const name = fs.readdirSync(dir).sort().find((entry) => NEST_MODULE_FILE.test(entry));
      if (name) known = readNestModule(`${dir}/${name}`);
    } catch {
      known = null;
    }
    nestFolderCache.set(dir, known);
  }
  return known;
}

/** True when `dir` (absolute) holds a NestJS feature-module file. */
export function isNestModuleFolder(dir: string): boolean {
  return nestModuleIn(dir) !== null;
}

/** Reads `@Global()` and the files of the exported names from a module file's text (a file that cannot be read: neither). */
function readNestModule(file: string): NestModuleInfo {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8').slice(0, 100_000);
  } catch {
    // unreadable: a module without declarations
  }
  const exportedNames = new Set<string>();
  for (const list of text.matchAll(/\bexports\s*:\s*\[([^\]]{0,5000})\]/g)) {
    for (const name of list[1]!.matchAll(/[A-Za-z_$][\w$]*/g)) exportedNames.add(name[0]);
  }
  const exported = new Set<string>();
  const dir = path.posix.dirname(file);
  for (const [, names, specifier] of text.matchAll(/\bimport\s*(?:type\s+)?\{([^}]{0,2000})\}\s*from\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const imported = names!.split(',').map((item) => item.trim().split(/\s+as\s+/).at(-1)!.trim());
    if (imported.some((name) => exportedNames.has(name))) {
      exported.add(path.posix.join(dir, specifier!).replace(/\.[cm]?[jt]sx?$/, ''));
    }
  }
  return { file, global: /@Global\s*\(\s*\)/.test(text), exported };
}

/** The module lookup for a project root (`cwd`) and the rule's options; defaults applied here only for callers outside ESLint. */
export function createModuleOf(cwd: string, options: ModuleRootOptions = {}): ModuleOf {
  const isModuleRoot = folderMatcher(options.moduleRoots ?? DEFAULT_MODULE_ROOTS);
  const isShared = folderMatcher(options.sharedPaths ?? DEFAULT_SHARED_PATHS);
  const nest = options.nestModules ?? true;
  const moduleOf = ((file: string, mayBeFolder = false) =>
    rootFolderOf(file, cwd, isModuleRoot, mayBeFolder) ?? (nest ? nestModuleOf(file, cwd, mayBeFolder) : undefined)) as ModuleOf;
  moduleOf.isShared = (module: ModuleFolder) => isShared(module.label) || module.nest?.global === true;
  return moduleOf;
}

/** The nearest folder of `file` (or `file` itself, with `mayBeFolder`) holding a NestJS feature-module file. */
function nestModuleOf(file: string, cwd: string, mayBeFolder: boolean): ModuleFolder | undefined {
  const source = sourcePathOf(file, cwd);
  if (!source || source.segments.includes('node_modules')) return undefined;
  const last = source.segments.length - (mayBeFolder && !/\.[cm]?[jt]sx?$/.test(source.segments.at(-1)!) ? 0 : 1);
  for (let end = last; end >= 1; end--) {
    const dir = joinSegments(source, end);
    const nest = nestModuleIn(dir);
    if (!nest) continue;
    return {
      nest,
      dir,
      name: source.segments[end - 1]!,
      label: source.segments.slice(0, end).join('/'),
      rest: source.segments.slice(end),
    };
  }
  return undefined;
}
