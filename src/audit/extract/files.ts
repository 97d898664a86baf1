// The files of the audited project: a walk of the directory with the ignores applied. Nothing here throws on a bad
// file: a symlink loop, an unreadable file or folder, a binary file, a huge file or a special file (FIFO, socket)
// becomes one Notice and is left out.
import { constants } from 'node:fs';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

import picomatch from 'picomatch';

import type { Notice } from '../types.js';

/** Always ignored, whatever the configuration says. */
export const ALWAYS_IGNORED: readonly string[] = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/coverage/**', '**/.git/**'];

/** Larger files are generated or vendored code, not something a person reviews: skipped with a notice. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Files whose name says they are binary are left out silently; binary content under any other name is a notice. */
const BINARY_EXTENSION = /\.(?:png|jpe?g|gif|webp|avif|ico|bmp|tiff?|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|woff2?|ttf|otf|eot|mp[34]|mov|avi|webm|wav|ogg|flac|wasm|node|so|dylib|dll|exe|bin|class|pyc|o|a|lib|sqlite3?|db)$/i;
const SNIFF_BYTES = 8000;

export type IgnoreMatcher = (relativePath: string) => boolean;

/**
 * File-system calls in flight at most: the walk visits every folder at once, and 20,000 files opened together exceed
 * a common descriptor limit (EMFILE: files skipped at random, so two runs saw different projects).
 */
const MAX_OPEN = 256;

type Limit = <T>(task: () => Promise<T>) => Promise<T>;

/** Runs at most `max` tasks at a time; a finished task hands its slot to the next waiting one. */
function limiter(max: number): Limit {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (active < max) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

/** A matcher of relative posix paths (files and folders) for the ignore globs; `generated/` means `generated/**`, a bare name matches anywhere. */
export function ignoreMatcher(globs: readonly string[]): IgnoreMatcher {
  const patterns = [...ALWAYS_IGNORED, ...globs].map((glob) => {
    let pattern = glob.trim().replace(/\\/g, '/').replace(/^\.\//, '');
    if (pattern.endsWith('/')) pattern = `${pattern}**`;
    return pattern.includes('/') ? pattern : `**/${pattern}`;
  });
  const matchers = patterns.filter(Boolean).map((pattern) => picomatch(pattern, { dot: true }));
  return (relativePath) => matchers.some((matches) => matches(relativePath));
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'symlink loop';
  if (code === 'ENOENT') return 'broken symlink or file removed while reading';
  return code ?? (error instanceof Error ? error.message : String(error));
}

function formatBytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** True when the first bytes hold a NUL byte (the test git and grep use). */
async function isBinary(absolutePath: string): Promise<boolean> {
  const handle = await open(absolutePath, constants.O_RDONLY);
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}

interface Walk {
  /** When set (a git work tree), only these files and their folders are read: what .gitignore excludes is not. */
  visible: { files: ReadonlySet<string>; folders: ReadonlySet<string> } | null;
  root: string;
  realRoot: string;
  ignored: IgnoreMatcher;
  files: string[];
  notices: Notice[];
  /** Real paths of the folders entered, to stop at a symlink that leads back up the tree. */
  visited: Set<string>;
  /** Every file-system call goes through it (MAX_OPEN). */
  limit: Limit;
}

async function visitFile(walk: Walk, relative: string, absolute: string, size: number): Promise<void> {
  if (BINARY_EXTENSION.test(relative)) return;
  if (size > MAX_FILE_BYTES) {
    walk.notices.push({ file: relative, message: `Skipped: ${formatBytes(size)} is over the ${formatBytes(MAX_FILE_BYTES)} limit for a source file.` });
    return;
  }
  try {
    if (await walk.limit(() => isBinary(absolute))) {
      walk.notices.push({ file: relative, message: 'Skipped: binary content.' });
      return;
    }
  } catch (error) {
    walk.notices.push({ file: relative, message: `Skipped: cannot read the file (${describeError(error)}).` });
    return;
  }
  walk.files.push(relative);
}

async function visitDirectory(walk: Walk, relative: string): Promise<void> {
  const absolute = relative ? path.join(walk.root, relative) : walk.root;
  let real: string;
  try {
    real = await walk.limit(() => realpath(absolute));
  } catch (error) {
    walk.notices.push({ file: relative || null, message: `Skipped: cannot read the folder (${describeError(error)}).` });
    return;
  }
  if (walk.visited.has(real)) {
    walk.notices.push({ file: relative, message: 'Skipped: symlink loop (the link leads back to a folder already read).' });
    return;
  }
  if (real !== walk.realRoot && !real.startsWith(`${walk.realRoot}${path.sep}`)) {
    walk.notices.push({ file: relative, message: 'Skipped: symlink to a folder outside the project.' });
    return;
  }
  walk.visited.add(real);
  let entries;
  try {
    entries = await walk.limit(() => readdir(absolute, { withFileTypes: true }));
  } catch (error) {
    walk.notices.push({ file: relative || null, message: `Skipped: cannot read the folder (${describeError(error)}).` });
    return;
  }
  const children = entries.map((entry) => (relative ? `${relative}/${entry.name}` : entry.name));
  const wanted = (child: string): boolean => !walk.ignored(child) && (walk.visible === null || walk.visible.files.has(child) || walk.visible.folders.has(child));
  await Promise.all(children.filter(wanted).map((child) => visitEntry(walk, child)));
}

async function visitEntry(walk: Walk, relative: string): Promise<void> {
  const absolute = path.join(walk.root, relative);
  try {
    const link = await walk.limit(() => lstat(absolute));
    const target = link.isSymbolicLink() ? await walk.limit(() => stat(absolute)) : link;
    if (target.isDirectory()) await visitDirectory(walk, relative);
    else if (target.isFile()) await visitFile(walk, relative, absolute, target.size);
    else walk.notices.push({ file: relative, message: 'Skipped: not a regular file (a FIFO, socket or device).' });
  } catch (error) {
    walk.notices.push({ file: relative, message: `Skipped: cannot read (${describeError(error)}).` });
  }
}

function foldersOf(files: ReadonlySet<string>): Set<string> {
  const folders = new Set<string>();
  for (const file of files) {
    for (let slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) folders.add(file.slice(0, slash));
  }
  return folders;
}

/**
 * Every readable text file of the project (relative posix paths, sorted), ignores applied; problems become notices.
 * `gitVisible`: the files git does not ignore, when the project is a git work tree (the walk skips the rest).
 */
export async function listProjectFiles(
  root: string,
  ignore: readonly string[],
  notices: Notice[],
  gitVisible: ReadonlySet<string> | null = null,
): Promise<string[]> {
  const visible = gitVisible === null ? null : { files: gitVisible, folders: foldersOf(gitVisible) };
  const walk: Walk = { root, realRoot: await realpath(root), ignored: ignoreMatcher(ignore), files: [], notices, visited: new Set(), visible, limit: limiter(MAX_OPEN) };
  await visitDirectory(walk, '');
  if (visible && visible.files.size === 0 && (await folderHoldsAnything(root))) {
    // Seen on a tree generated under a git-ignored folder: without this line the audit reports a clean, empty project.
    notices.push({ file: null, message: 'git lists no file in this folder (a .gitignore of the enclosing repository ignores it, or all it holds): nothing was audited.' });
  }
  return walk.files.sort();
}

async function folderHoldsAnything(root: string): Promise<boolean> {
  try {
    return (await readdir(root)).some((entry) => entry !== '.git');
  } catch {
    return false;
  }
}
