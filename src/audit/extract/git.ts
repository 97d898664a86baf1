// The git state the audit's modes need (simple-git over the git binary): the staged snapshot (`--staged`), the files
// changed since a ref and the migrations already on it (`--changed-since`), renames for the baseline.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { simpleGit, type SimpleGit } from 'simple-git';

import { AuditInputError } from '../errors.js';

/** Git is missing, the folder is not in a repository, or a ref does not resolve: the CLI exits 2 with this message. */
export class GitError extends AuditInputError {}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}

function gitAt(root: string): SimpleGit {
  return simpleGit({ baseDir: root, trimmed: false });
}

async function raw(git: SimpleGit, args: string[]): Promise<string> {
  try {
    return await git.raw(args);
  } catch (error) {
    throw new GitError(`git ${args[0]} failed: ${firstLine(error)}`);
  }
}

/** NUL-separated output (`-z`) to a list, without the empty tail. */
function splitNul(output: string): string[] {
  return output.split('\0').filter((entry) => entry !== '');
}

/** Is `root` inside a git work tree (and is git installed)? Never throws. */
export async function isGitRepository(root: string): Promise<boolean> {
  try {
    return (await gitAt(root).raw(['rev-parse', '--is-inside-work-tree'])).trim() === 'true';
  } catch {
    return false;
  }
}

/**
 * The files git does not ignore (tracked, plus untracked ones outside .gitignore), relative to `root`; null outside
 * git. The audit reads what the project is made of, not its build output or local junk.
 */
export async function gitVisibleFiles(root: string): Promise<Set<string> | null> {
  try {
    return new Set(splitNul(await gitAt(root).raw(['ls-files', '-z', '--cached', '--others', '--exclude-standard'])));
  } catch {
    return null;
  }
}

/** `git ls-files -z` (the tracked files, as git prints them) in `root`, for the cache's key of the secrets scan; null outside git. */
export async function gitTrackedList(root: string): Promise<string | null> {
  try {
    return await gitAt(root).raw(['ls-files', '-z', '--cached']);
  } catch {
    return null;
  }
}

/** Fails with one clear line when git cannot serve `flag` in `root`. */
export async function requireGit(root: string, flag: string): Promise<SimpleGit> {
  if (!(await isGitRepository(root))) throw new GitError(`${flag} needs a git repository, and ${root} is not inside one (or git is not installed).`);
  return gitAt(root);
}

export interface StagedSnapshot {
  /** The audited folder inside the snapshot (the index's content of `root`). */
  root: string;
  /** Staged files (added, copied, modified, renamed), relative to the audited folder. */
  staged: Set<string>;
  dispose(): Promise<void>;
}

/**
 * The index materialised in a temporary folder (`git checkout-index`): the audit then judges what is staged, not the
 * working tree. Relative paths inside the snapshot are the paths in the project, so findings map back unchanged.
 */
export async function stagedSnapshot(root: string): Promise<StagedSnapshot> {
  const git = await requireGit(root, '--staged');
  const prefix = (await raw(git, ['rev-parse', '--show-prefix'])).trim();
  const staged = new Set(splitNul(await raw(git, ['diff', '--cached', '--name-only', '--diff-filter=ACMR', '--relative', '-z'])));
  const snapshot = await mkdtemp(path.join(tmpdir(), 'fortress-staged-'));
  const dispose = (): Promise<void> => rm(snapshot, { recursive: true, force: true });
  try {
    const top = (await raw(git, ['rev-parse', '--show-toplevel'])).trim();
    await raw(simpleGit({ baseDir: top }), ['checkout-index', '--all', `--prefix=${snapshot}${path.sep}`]);
    const snapshotRoot = path.join(snapshot, prefix);
    // Rules resolve imports and tsconfig `extends` through node_modules, which is never in the index.
    const modules = path.join(root, 'node_modules');
    if (existsSync(modules) && existsSync(snapshotRoot) && !existsSync(path.join(snapshotRoot, 'node_modules'))) {
      await symlink(modules, path.join(snapshotRoot, 'node_modules'), 'dir');
    }
    return { root: existsSync(snapshotRoot) ? snapshotRoot : snapshot, staged, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

export interface ChangedSince {
  /** Files changed since the merge base of `ref` and HEAD (committed, staged, unstaged and untracked). */
  changed: Set<string>;
  /** Files of the project that are on `ref` (so a migration not in it is new). */
  onRef: Set<string>;
}

export async function changedSince(root: string, ref: string): Promise<ChangedSince> {
  const git = await requireGit(root, '--changed-since');
  let base: string;
  try {
    base = (await git.raw(['merge-base', ref, 'HEAD'])).trim();
  } catch (error) {
    throw new GitError(`--changed-since ${ref}: no merge base with HEAD (${firstLine(error)}).`);
  }
  const diff = splitNul(await raw(git, ['diff', '--name-only', '--relative', '-z', base]));
  const untracked = splitNul(await raw(git, ['ls-files', '--others', '--exclude-standard', '-z']));
  const onRef = splitNul(await raw(git, ['ls-tree', '-r', '--name-only', '-z', ref, '--', '.']));
  return { changed: new Set([...diff, ...untracked]), onRef: new Set(onRef) };
}

/** The current commit, or null (no git, no commit yet). */
export async function headCommit(root: string): Promise<string | null> {
  try {
    return (await gitAt(root).raw(['rev-parse', '--verify', '--quiet', 'HEAD'])).trim() || null;
  } catch {
    return null;
  }
}

/** Files renamed since `commit` (git's rename detection, working tree included): old path → new path. Empty when unknown. */
export async function renamesSince(root: string, commit: string): Promise<Map<string, string>> {
  const renames = new Map<string, string>();
  let output: string;
  try {
    output = await gitAt(root).raw(['diff', '-M', '--name-status', '--relative', '-z', commit]);
  } catch {
    return renames;
  }
  const fields = splitNul(output);
  for (let index = 0; index < fields.length; ) {
    const status = fields[index] ?? '';
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = fields[index + 1];
      const to = fields[index + 2];
      if (from !== undefined && to !== undefined && status.startsWith('R')) renames.set(from, to);
      index += 3;
    } else {
      index += 2;
    }
  }
  return renames;
}
