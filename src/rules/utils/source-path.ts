// Paths of linted files as rules see them: posix, relative to the project root (ESLint's cwd) when inside it, and
// matched against folder globs ("source roots", "module roots") with picomatch, compiled once per glob list.
import path from 'node:path';

import picomatch from 'picomatch';

/** A file's path split into folders, with the absolute prefix its first segment hangs from. */
export interface SourcePath {
  /** Absolute posix path of the folder `segments[0]` lives in (the project root, or `/` for files outside it). */
  base: string;
  /** Posix path segments relative to `base`; the last one is the file name. */
  segments: string[];
}

/** A matched root folder: `segments.slice(0, end)` is the root, `segments.slice(start, end)` matched the glob. */
export interface RootMatch {
  start: number;
  end: number;
}

export type FolderMatcher = (folder: string) => boolean;

/** The root folder (a module, a slice) a path lies in, e.g. `src/modules/orders` for `…/orders/internal/x.ts`. */
export interface RootFolder {
  /** Absolute posix path of the folder. */
  dir: string;
  /** Its own name (`orders`). */
  name: string;
  /** The part of its path that matched the glob (`src/modules/orders`). */
  label: string;
  /** Segments of the path below the folder (`[]` when the path is the folder itself). */
  rest: string[];
}

const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|json|node)$/;

const matcherCache = new Map<string, FolderMatcher>();
const matcherByList = new WeakMap<readonly string[], FolderMatcher>();

/** Test files, by the usual conventions: where fixtures and throwaway data are fine. */
export const TEST_FILE_GLOBS: readonly string[] = ['**/*.test.*', '**/*.spec.*', '**/__tests__/**', '**/test/**', '**/tests/**'];

/** Backslashes to slashes, no trailing slash, a lower-case drive letter (`C:\a` → `c:/a`). */
export function toPosix(filePath: string): string {
  const posix = filePath.replace(/\\/g, '/').replace(/^([A-Za-z]):/, (_all, drive: string) => `${drive.toLowerCase()}:`);
  if (posix.length <= 1) return posix;
  // A backward scan (a `/\/+$/` replace is quadratic on a long run of slashes inside the path).
  let end = posix.length;
  while (end > 0 && posix[end - 1] === '/') end--;
  return posix.slice(0, end);
}

/** True for `/a`, `C:\a`, `c:/a`, `\\server\share`; false for ESLint's `<input>` / `<text>` and relative paths. */
export function isAbsolutePath(filePath: string): boolean {
  return /^(?:[A-Za-z]:)?[\\/]/.test(filePath);
}

/**
 * The linted file's path relative to `cwd` when inside it, otherwise the whole absolute path (both posix).
 * `undefined` for virtual file names (`<input>`, `<text>`) and paths that cannot be anchored.
 */
export function sourcePathOf(filename: string, cwd: string): SourcePath | undefined {
  if (!filename || filename.startsWith('<')) return undefined;
  const posixCwd = toPosix(cwd || '/');
  const joined = isAbsolutePath(filename) ? toPosix(filename) : joinPosix(posixCwd, toPosix(filename));
  if (!isAbsolutePath(joined)) return undefined;
  const absolute = path.posix.normalize(joined);
  const inside = posixCwd !== '/' && absolute.startsWith(`${posixCwd}/`);
  const base = inside ? posixCwd : absolute.startsWith('/') ? '/' : '';
  const rest = inside ? absolute.slice(posixCwd.length + 1) : absolute.replace(/^\/+/, '');
  const segments = rest.split('/').filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
  return segments.length > 0 ? { base, segments } : undefined;
}

/** Compiles (once per distinct list) a matcher of posix paths (folders or files) against globs; invalid globs match nothing. */
export function folderMatcher(globs: readonly string[]): FolderMatcher {
  // Rules ask for the same list on every file (ESLint merges a config's options once): found by identity, no key built.
  const known = matcherByList.get(globs);
  if (known) return known;
  const key = JSON.stringify(globs);
  let matcher = matcherCache.get(key);
  if (!matcher) {
    const compiled: FolderMatcher[] = [];
    for (const glob of globs) {
      const normalized = toPosix(glob.trim()).replace(/^\.\//, '');
      if (!normalized) continue;
      try {
        compiled.push(picomatch(normalized, { dot: true }));
      } catch {
        // An unparsable glob matches nothing rather than crashing the lint run.
      }
    }
    matcher = (folder) => compiled.some((test) => test(folder));
    matcherCache.set(key, matcher);
  }
  // By identity from now on: option lists come from ESLint's merged config (or are constants), which nothing mutates.
  matcherByList.set(globs, matcher);
  return matcher;
}

/**
 * Finds the root folder a file lives in. Globs are anchored at the project root first; when nothing matches there,
 * they are tried from each deeper folder in turn (so `src` also finds `packages/api/src`, and fixtures outside the
 * project root still work). At the first anchor that matches, the longest matching folder wins. The root is always a
 * folder: the file name itself never matches. Paths through `node_modules` never match.
 */
export function findRoot(segments: readonly string[], matches: FolderMatcher): RootMatch | undefined {
  const folders = segments.length - 1;
  for (let start = 0; start < folders; start++) {
    if (segments[start] === 'node_modules') return undefined;
    let found: RootMatch | undefined;
    let folder = '';
    for (let end = start + 1; end <= folders; end++) {
      if (segments[end - 1] === 'node_modules') break;
      folder = folder ? `${folder}/${segments[end - 1]!}` : segments[end - 1]!;
      if (matches(folder)) found = { start, end };
    }
    if (found) return found;
  }
  return undefined;
}

/**
 * The root folder matched by `matches` that `file` lies in. With `mayBeFolder` (a resolved import target such as
 * `../orders`), the path itself may be that folder — unless its name is clearly a source file (`helpers.js`).
 */
export function rootFolderOf(
  file: string,
  cwd: string,
  matches: FolderMatcher,
  mayBeFolder: boolean,
): RootFolder | undefined {
  const source = sourcePathOf(file, cwd);
  if (!source) return undefined;
  const last = source.segments[source.segments.length - 1]!;
  // A sentinel segment lets the last segment count as a folder.
  const segments = mayBeFolder && !SOURCE_FILE.test(last) ? [...source.segments, ''] : source.segments;
  const root = findRoot(segments, matches);
  if (!root) return undefined;
  return {
    dir: joinSegments(source, root.end),
    name: source.segments[root.end - 1]!,
    label: source.segments.slice(root.start, root.end).join('/'),
    rest: source.segments.slice(root.end),
  };
}

/** `base` joined with the first `count` segments (posix). */
export function joinSegments(path: SourcePath, count: number): string {
  return joinPosix(path.base, path.segments.slice(0, count).join('/'));
}

function joinPosix(left: string, right: string): string {
  if (!right) return left;
  if (!left) return right;
  return left.endsWith('/') ? `${left}${right}` : `${left}/${right}`;
}

/** True when the linted file matches one of `globs` (posix path relative to `cwd`, or the absolute path outside it). */
export function isFileMatched(filename: string, cwd: string, globs: readonly string[]): boolean {
  const source = sourcePathOf(filename, cwd);
  return folderMatcher(globs)(source ? source.segments.join('/') : filename);
}
