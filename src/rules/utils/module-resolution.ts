// Resolves import specifiers to file-system paths the way TypeScript does, without a type checker: relative paths,
// and `compilerOptions.paths` / `baseUrl` of the nearest tsconfig.json of the importing file (in a monorepo, the one
// of the package the file belongs to). Resolution is path-wise: the target need not exist. The disk is probed only
// to find tsconfig files and, for ambiguous aliases, which candidate exists. Everything is cached per process:
// a directory's tsconfig is looked up once, a tsconfig's paths matcher built once — never per linted file.
import { existsSync } from 'node:fs';
import path from 'node:path';

import { createPathsMatcher, getTsconfig, type TsConfigResult } from 'get-tsconfig';

/** What the rules need from a tsconfig. */
export interface TsconfigInfo {
  /** Absolute path of the tsconfig.json. */
  path: string;
  /** Candidate paths for a non-relative specifier (`paths`, else `baseUrl`), or `null` when neither is set. */
  matchPaths: ((specifier: string) => string[]) | null;
  /** True when the specifier matches an explicit `paths` key (not merely `baseUrl`). */
  isAliased: (specifier: string) => boolean;
}

/** Counters for tests and benchmarks: how often the (cached) expensive work actually ran. */
export const moduleResolutionStats = { directoryLookups: 0, tsconfigsLoaded: 0 };

const tsconfigByDirectory = new Map<string, TsconfigInfo | null>();
const tsconfigByPath = new Map<string, TsconfigInfo>();
/** get-tsconfig's own cache of file reads and parses, shared by every lookup of the process. */
const getTsconfigCache = new Map<string, unknown>();
const existsCache = new Map<string, boolean>();

const PROBE_SUFFIXES = ['', '.ts', '.tsx', '.d.ts', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'].flatMap((ext) =>
  ext === '' ? [''] : [ext, `/index${ext}`],
);

/** Forgets every cached tsconfig and probe (tests only: the caches live for the whole process otherwise). */
export function clearModuleResolutionCache(): void {
  tsconfigByDirectory.clear();
  tsconfigByPath.clear();
  getTsconfigCache.clear();
  existsCache.clear();
  moduleResolutionStats.directoryLookups = 0;
  moduleResolutionStats.tsconfigsLoaded = 0;
}

/** The nearest tsconfig.json at or above `directory`, or `null` (none, or unreadable: a broken `extends`). */
export function tsconfigOf(directory: string): TsconfigInfo | null {
  const cached = tsconfigByDirectory.get(directory);
  if (cached !== undefined) return cached;
  moduleResolutionStats.directoryLookups++;
  let result: TsConfigResult | null = null;
  try {
    result = getTsconfig(directory, 'tsconfig.json', getTsconfigCache as Map<string, never>);
  } catch {
    // `extends` to a missing file and similar: resolve relative specifiers only.
    result = null;
  }
  const info = result ? infoOf(result) : null;
  tsconfigByDirectory.set(directory, info);
  return info;
}

/**
 * The absolute path an import specifier points to, seen from the file `importer` (absolute), or `undefined` for
 * what is not part of the project: bare packages, `node:` builtins, URLs, `#` subpath imports (unless a tsconfig
 * alias), empty strings.
 */
export function resolveImportPath(specifier: string, importer: string): string | undefined {
  if (typeof specifier !== 'string') return undefined;
  const clean = specifier.trim().replace(/(?!^)[?#].*$/s, '');
  if (!clean || /^[a-z][a-z\d+.-]*:/i.test(clean)) return undefined; // node:fs, https://…, data:…, C:…
  // Windows paths (`C:\\repo\\…`) are resolved as such on any host, so results do not depend on the OS.
  const paths = /^[A-Za-z]:|^\\\\/.test(importer) ? path.win32 : path;
  const importerDir = paths.dirname(importer);
  if (clean === '.' || clean === '..' || /^\.\.?[\\/]/.test(clean)) return paths.resolve(importerDir, clean);
  if (clean.startsWith('/')) return undefined; // root-absolute specifiers are a bundler's business
  let tsconfig: TsconfigInfo | null;
  let candidates: string[];
  try {
    tsconfig = tsconfigOf(importerDir);
    candidates = tsconfig?.matchPaths?.(clean) ?? [];
  } catch {
    return undefined;
  }
  if (!tsconfig || candidates.length === 0) return undefined;
  const existing = candidates.find(exists);
  if (existing) return existing;
  // A missing target still counts when an explicit alias maps it; a bare name that `baseUrl` merely could map
  // (say `zod` → `<baseUrl>/zod`) falls back to node_modules in TypeScript, so it is a package.
  return tsconfig.isAliased(clean) ? candidates[0] : undefined;
}

function infoOf(result: TsConfigResult): TsconfigInfo {
  const known = tsconfigByPath.get(result.path);
  if (known) return known;
  moduleResolutionStats.tsconfigsLoaded++;
  let matchPaths: TsconfigInfo['matchPaths'] = null;
  try {
    matchPaths = createPathsMatcher(result);
  } catch {
    matchPaths = null;
  }
  const keys = Object.keys(result.config.compilerOptions?.paths ?? {});
  const info: TsconfigInfo = {
    path: result.path,
    matchPaths,
    isAliased: (specifier) => keys.some((key) => matchesPathsKey(key, specifier)),
  };
  tsconfigByPath.set(result.path, info);
  return info;
}

function matchesPathsKey(key: string, specifier: string): boolean {
  const star = key.indexOf('*');
  if (star === -1) return key === specifier;
  const prefix = key.slice(0, star);
  const suffix = key.slice(star + 1);
  return specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix);
}

function exists(candidate: string): boolean {
  let found = existsCache.get(candidate);
  if (found === undefined) {
    found = PROBE_SUFFIXES.some((suffix) => existsSync(candidate + suffix));
    existsCache.set(candidate, found);
  }
  return found;
}
