// What a module (a feature slice) is: the folders matched by `moduleRoots`, and NestJS feature modules (`nestModules`),
// minus the shared kernel (`sharedPaths`). One definition for the `no-cross-module-imports` rule, the
// `no-horizontal-layers` rule (a role folder inside a module is the module's own business) and the audit's module
// graph and endpoint slices.
import fs from 'node:fs';
import path from 'node:path';

import { resolveImportPath } from './module-resolution.js';
import { folderMatcher, rootFolderOf, sourcePathOf, joinSegments, toPosix, type RootFolder } from './source-path.js';

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
  /**
   * Absolute posix paths, without extension, of the module files named in its `imports: [...]` (also through
   * `forwardRef(() => X)`, relative or tsconfig-alias specifiers); undefined when the list cannot be read whole
   * (a spread, a variable, a list too long): then any module may be imported.
   */
  imported?: ReadonlySet<string>;
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

/** The text of the bracketed list after `key:` (`imports: [A, B.forRoot([x])]` → `A, B.forRoot([x])`); undefined when absent or unbalanced. */
function listAfter(text: string, key: 'imports' | 'exports'): string | undefined {
  const match = new RegExp(`\\b${key}\\s*:\\s*\\[`).exec(text);
  if (!match) return undefined;
  let depth = 1;
  const start = match.index + match[0].length;
  for (let index = start; index < text.length && index < start + 20_000; index++) {
    const char = text[index];
    if (char === '[') depth++;
    else if (char === ']' && --depth === 0) return text.slice(start, index);
  }
  return undefined;
}

/** The names an import list or export list mentions. */
function namesIn(list: string | undefined): Set<string> {
  return new Set(list === undefined ? [] : [...list.matchAll(/[A-Za-z_$][\w$]*/g)].map((name) => name[0]));
}

const withoutExtension = (file: string): string => file.replace(/\.[cm]?[jt]sx?$/, '');

/** Reads `@Global()`, the files of the exported names and of the imported modules from a module file's text (unreadable: none). */
function readNestModule(file: string): NestModuleInfo {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8').slice(0, 100_000);
  } catch {
    // unreadable: a module without declarations
  }
  const exportedNames = namesIn(listAfter(text, 'exports'));
  const importList = listAfter(text, 'imports');
  const importedNames = namesIn(importList);
  // `imports: [...shared]`, `imports: modules`: which modules it imports is not written here
  const importsKnown = (importList === undefined && !/\bimports\s*:/.test(text)) || (importList !== undefined && !importList.includes('...'));
  const exported = new Set<string>();
  const imported = new Set<string>();
  const dir = path.posix.dirname(file);
  for (const [, names, specifier] of text.matchAll(/\bimport\s*(?:type\s+)?\{([^}]{0,2000})\}\s*from\s*['"]([^'"]+)['"]/g)) {
    const localNames = names!.split(',').map((item) => item.trim().split(/\s+as\s+/).at(-1)!.trim());
    const isExported = localNames.some((name) => exportedNames.has(name));
    const isImported = localNames.some((name) => importedNames.has(name));
    if (!isExported && !isImported) continue;
    const relative = specifier!.startsWith('./') || specifier!.startsWith('../');
    const target = relative ? path.posix.join(dir, specifier!) : resolveImportPath(specifier!, file);
    if (target === undefined) continue;
    if (isExported && relative) exported.add(withoutExtension(target));
    if (isImported) imported.add(withoutExtension(toPosix(target)));
  }
  return { file, global: /@Global\s*\(\s*\)/.test(text), exported, imported: importsKnown ? imported : undefined };
}

/**
 * True when a provider of `provider` (a NestJS module) can be injected into `consumer`'s providers: `consumer`
 * imports it, or imports a module that re-exports it (one level), or `consumer`'s imports are not known.
 */
export function nestModuleImports(consumer: NestModuleInfo, provider: NestModuleInfo): boolean {
  if (consumer.imported === undefined) return true;
  const target = withoutExtension(provider.file);
  if (consumer.imported.has(target)) return true;
  for (const imported of consumer.imported) {
    const module = nestModuleIn(path.posix.dirname(imported));
    if (module?.exported.has(target)) return true;
  }
  return false;
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
