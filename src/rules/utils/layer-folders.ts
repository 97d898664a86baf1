// Folder listings for path-only rules, read once per folder per process (the editor's ESLint server included):
// which subfolders a folder has, and the first source file of a folder in a stable order.
import fs from 'node:fs';

const SOURCE_FILE = /\.[cm]?[jt]sx?$/;
/** Test files and declarations: chosen only when a folder has nothing else (`a.test.ts` sorts before `a.ts`). */
const SECONDARY_FILE = /\.(?:test|spec|stories|d)\.[cm]?[jt]sx?$/;
const SECONDARY_FOLDERS = new Set(['__tests__', '__mocks__', 'test', 'tests', '__fixtures__', 'fixtures']);
const subfolderCache = new Map<string, readonly string[] | undefined>();
const firstFileCache = new Map<string, string | null | undefined>();
const namedFileCache = new Map<string, boolean>();
/** How many entries `hasFileNamed` reads at most under one folder: a bound on the work, not a judgement. */
const MAX_ENTRIES = 5_000;

/** The names of the subfolders of `dir` (absolute posix), or undefined when it cannot be read. */
export function subfoldersOf(dir: string): readonly string[] | undefined {
  if (!subfolderCache.has(dir)) {
    let names: string[] | undefined;
    try {
      names = fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? [entry.name] : []));
    } catch {
      names = undefined;
    }
    subfolderCache.set(dir, names);
  }
  return subfolderCache.get(dir);
}

/**
 * The first source file (`.ts`, `.tsx`, `.js`, `.mjs`, …) under `dir` in a depth-first walk, files before subfolders,
 * each level in code-unit order, skipping `node_modules` and dot folders; test files, stories and declarations (and
 * test folders) only when there is nothing else. `null` when there is none, undefined when `dir` cannot be read.
 * Absolute posix path.
 */
export function firstSourceFile(dir: string): string | null | undefined {
  if (firstFileCache.has(dir)) return firstFileCache.get(dir);
  const found = walk(dir, false) ?? walk(dir, true);
  firstFileCache.set(dir, found);
  return found;
}

function walk(dir: string, secondary: boolean): string | null | undefined {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return undefined;
  }
  const file = entries.find((entry) => entry.isFile() && SOURCE_FILE.test(entry.name) && (secondary || !SECONDARY_FILE.test(entry.name)));
  if (file) return `${dir}/${file.name}`;
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    if (!secondary && SECONDARY_FOLDERS.has(entry.name)) continue;
    const inner = walk(`${dir}/${entry.name}`, secondary);
    if (inner) return inner;
  }
  return null;
}

/**
 * True when a source file under `dir` (absolute posix; any depth, skipping `node_modules`, dot folders and test
 * folders) has a name `pattern` matches; false when none does or `dir` cannot be read. Reads at most 5,000 entries.
 * Cached per folder and pattern for the process.
 */
export function hasFileNamed(dir: string, pattern: RegExp): boolean {
  const key = `${pattern.source}\n${dir}`;
  let known = namedFileCache.get(key);
  if (known === undefined) {
    known = false;
    const pending = [dir];
    let read = 0;
    while (pending.length > 0 && !known && read < MAX_ENTRIES) {
      const current = pending.pop()!;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(current, { withFileTypes: true });
      } catch {
        continue;
      }
      read += entries.length;
      for (const entry of entries) {
        if (entry.isFile() && SOURCE_FILE.test(entry.name) && !SECONDARY_FILE.test(entry.name) && pattern.test(entry.name)) known = true;
        else if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.') && !SECONDARY_FOLDERS.has(entry.name)) {
          pending.push(`${current}/${entry.name}`);
        }
      }
    }
    namedFileCache.set(key, known);
  }
  return known;
}
