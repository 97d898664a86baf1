// Resolves import specifiers to file-system paths the way TypeScript does, without a type checker: relative paths,
// and `compilerOptions.paths` / `baseUrl` of the nearest tsconfig.json of the importing file (in a monorepo, the one
// of the package the file belongs to). Resolution is path-wise: the target need not exist. The disk is probed only
// to find tsconfig files and, for ambiguous aliases, which candidate exists. Everything is cached per process:
// a directory's tsconfig is looked up once, a tsconfig's paths matcher built once — never per linted file. A
// long-running process (an editor) still sees changes: at most once a second, the tsconfig files read and the
// tsconfig.json probes made are checked again, and everything is forgotten when one changed (revalidateCaches).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
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
  /**
   * Why the tsconfig's `extends` chain could not be read (circular, a missing file), or undefined. Its aliases are
   * then those of the tsconfig itself or of the first base in the chain that can be read (see partialTsconfig).
   */
  problem?: string;
}

/** Counters for tests and benchmarks: how often the (cached) expensive work actually ran. */
export const moduleResolutionStats = { directoryLookups: 0, tsconfigsLoaded: 0 };

const tsconfigByDirectory = new Map<string, TsconfigInfo | null>();
const tsconfigByPath = new Map<string, TsconfigInfo>();
/** get-tsconfig's own cache of file reads and parses, shared by every lookup of the process. */
const getTsconfigCache = new Map<string, unknown>();
const existsCache = new Map<string, boolean>();
/** Texts of the tsconfig files read here directly (a broken `extends` chain), to notice when one changes. */
const ownReads = new Map<string, string | undefined>();

/** How long (ms) cached lookups are trusted before they are checked against the disk again. */
export const CACHE_CHECK_INTERVAL_MS = 1000;
let lastCheck = performance.now();

/**
 * Checks, at most once per CACHE_CHECK_INTERVAL_MS, that what the caches were built from is unchanged: every tsconfig
 * file read (get-tsconfig's cache holds their texts, ours the broken chains'), every tsconfig.json probe (a file
 * added where none was), and forgets all tsconfig lookups when one differs. Probes for which alias candidate exists
 * are always forgotten then (a new file). Cost: a stat per folder probed and a read per tsconfig, once a second.
 */
function revalidateCaches(): void {
  const now = performance.now();
  if (now - lastCheck < CACHE_CHECK_INTERVAL_MS) return;
  lastCheck = now;
  existsCache.clear();
  if (tsconfigByDirectory.size > 0 && cachedFilesChanged()) {
    tsconfigByDirectory.clear();
    tsconfigByPath.clear();
    getTsconfigCache.clear();
    ownReads.clear();
    problemReportedOn.clear();
  }
}

function cachedFilesChanged(): boolean {
  for (const [key, value] of getTsconfigCache) {
    // get-tsconfig's keys: `<fs function>:<arguments joined by ':'>`.
    if (key.startsWith('existsSync:')) {
      if (existsSync(key.slice('existsSync:'.length)) !== value) return true;
    } else if (key.startsWith('readFileSync:')) {
      const rest = key.slice('readFileSync:'.length);
      const separator = rest.lastIndexOf(':');
      if (readTextOrUndefined(rest.slice(0, separator)) !== value) return true;
    } else if (key.startsWith('statSync:')) {
      // A stat of a file that was there: stale when it is gone or changed.
      const before = value as { mtimeMs?: number; size?: number } | undefined;
      const after = statOrUndefined(key.slice('statSync:'.length));
      if (before?.mtimeMs !== after?.mtimeMs || before?.size !== after?.size) return true;
    }
  }
  for (const [file, text] of ownReads) if (readTextOrUndefined(file) !== text) return true;
  return false;
}

function readTextOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function statOrUndefined(file: string): { mtimeMs: number; size: number } | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

const PROBE_SUFFIXES = ['', '.ts', '.tsx', '.d.ts', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'].flatMap((ext) =>
  ext === '' ? [''] : [ext, `/index${ext}`],
);

/** Per tsconfig with a `problem`: the file its problem is reported on (the first one linted under it). */
const problemReportedOn = new Map<string, string>();

/**
 * The problem of the tsconfig that applies to `file` (absolute), when `file` is the one to carry it: the first file
 * linted under that tsconfig in this process, every time it is linted (so an editor keeps showing it there).
 */
export function tsconfigProblemFor(file: string): { tsconfig: string; problem: string } | undefined {
  const info = tsconfigOf(path.dirname(file));
  if (!info?.problem) return undefined;
  const first = problemReportedOn.get(info.path);
  if (first === undefined) problemReportedOn.set(info.path, file);
  else if (first !== file) return undefined;
  return { tsconfig: info.path, problem: info.problem };
}

/** Forgets every cached tsconfig and probe (tests only: the caches live for the whole process otherwise). */
export function clearModuleResolutionCache(): void {
  tsconfigByDirectory.clear();
  tsconfigByPath.clear();
  getTsconfigCache.clear();
  existsCache.clear();
  ownReads.clear();
  problemReportedOn.clear();
  lastCheck = performance.now();
  moduleResolutionStats.directoryLookups = 0;
  moduleResolutionStats.tsconfigsLoaded = 0;
}

/** The nearest tsconfig.json at or above `directory`, or `null` (none, or unreadable: a broken `extends`). */
export function tsconfigOf(directory: string): TsconfigInfo | null {
  revalidateCaches();
  const cached = tsconfigByDirectory.get(directory);
  if (cached !== undefined) return cached;
  moduleResolutionStats.directoryLookups++;
  let info: TsconfigInfo | null = null;
  try {
    const result = getTsconfig(directory, 'tsconfig.json', getTsconfigCache as Map<string, never>);
    info = result ? infoOf(result) : null;
  } catch (error) {
    // `extends` to a missing file, a circular chain: what the chain's readable files give, and the problem.
    const file = nearestTsconfigFile(directory);
    info = file ? partialInfoOf(file, error instanceof Error ? error.message : String(error)) : null;
  }
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

/** The tsconfig.json at or above `directory`, or undefined. */
function nearestTsconfigFile(directory: string): string | undefined {
  for (let current = path.resolve(directory); ; current = path.dirname(current)) {
    const candidate = path.join(current, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(current) === current) return undefined;
  }
}

type CompilerOptions = { baseUrl?: string; paths?: Record<string, string[]> };

/** A tsconfig file (JSON with comments and trailing commas), without following `extends`; undefined when unreadable. */
function readTsconfigFile(file: string): { extends?: unknown; compilerOptions?: CompilerOptions } | undefined {
  try {
    const text = readTextOrUndefined(file);
    ownReads.set(file, text);
    if (text === undefined) return undefined;
    const config: unknown = JSON.parse(plainJson(text.replace(/^\uFEFF/, '')));
    return config !== null && typeof config === 'object' ? (config as { extends?: unknown; compilerOptions?: CompilerOptions }) : undefined;
  } catch {
    return undefined;
  }
}

/** JSON with comments and trailing commas → plain JSON: comments become spaces, a comma before `}` or `]` goes. */
function plainJson(text: string): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      let end = index + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(index, end + 1);
      index = end + 1;
    } else if (text.startsWith('//', index)) {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
    } else if (text.startsWith('/*', index)) {
      const end = text.indexOf('*/', index + 2);
      index = end === -1 ? text.length : end + 2;
      out += ' ';
    } else {
      // A trailing comma (before `}` or `]`, past blanks) is dropped.
      if (char !== ',' || !/^\s*[}\]]/.test(text.slice(index + 1, index + 200))) out += char;
      index++;
    }
  }
  return out;
}

/** The file an `extends` entry names, seen from the tsconfig `from`, or undefined when it cannot be found. */
function extendedFile(entry: string, from: string): string | undefined {
  try {
    if (/^\.\.?(?:[\\/]|$)/.test(entry) || path.isAbsolute(entry)) {
      const resolved = path.resolve(path.dirname(from), entry);
      return [resolved, `${resolved}.json`].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
    }
    return createRequire(from).resolve(entry);
  } catch {
    return undefined;
  }
}

/**
 * A tsconfig whose `extends` chain get-tsconfig rejects: `paths` and `baseUrl` are each taken from the nearest file
 * of the chain that sets them (the tsconfig itself first), following `extends` as long as the files can be read and
 * stopping at the first one seen twice. `problem` says what went wrong; the rules report it once.
 */
function partialInfoOf(file: string, problem: string): TsconfigInfo {
  const known = tsconfigByPath.get(file);
  if (known) return known;
  let baseUrl: string | undefined;
  let paths: { values: Record<string, string[]>; file: string } | undefined;
  const seen = new Set<string>();
  const queue: string[] = [file];
  for (let current = queue.shift(); current !== undefined && !seen.has(current); current = queue.shift()) {
    seen.add(current);
    const config = readTsconfigFile(current);
    if (!config) continue;
    const options = config.compilerOptions ?? {};
    if (baseUrl === undefined && typeof options.baseUrl === 'string') baseUrl = path.resolve(path.dirname(current), options.baseUrl);
    if (paths === undefined && options.paths && typeof options.paths === 'object') paths = { values: options.paths, file: current };
    const entries = Array.isArray(config.extends) ? config.extends : [config.extends];
    // TypeScript gives the last of several bases precedence: it is read first here.
    for (const entry of [...entries].reverse()) {
      const next = typeof entry === 'string' ? extendedFile(entry, current) : undefined;
      if (next) queue.push(next);
    }
  }
  const compilerOptions: CompilerOptions = { ...(baseUrl !== undefined ? { baseUrl } : {}), ...(paths ? { paths: paths.values } : {}) };
  // Without baseUrl, `paths` are relative to the file that sets them: the matcher resolves them from `path`.
  const partial = { path: paths && baseUrl === undefined ? paths.file : file, config: { compilerOptions } } as TsConfigResult;
  const info = { ...infoOf(partial, file), problem };
  tsconfigByPath.set(file, info);
  return info;
}

function infoOf(result: TsConfigResult, own = result.path): TsconfigInfo {
  const known = tsconfigByPath.get(own);
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
    path: own,
    matchPaths,
    isAliased: (specifier) => keys.some((key) => matchesPathsKey(key, specifier)),
  };
  tsconfigByPath.set(own, info);
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
