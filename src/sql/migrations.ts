// Migration sets on disk: discovery by glob, and the schema model of a set, built once per folder per process and
// rebuilt only when a file of the set changes (a cheap readdir + stat per call, so an editor sees saved edits).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import picomatch from 'picomatch';

import { buildSchemaModel, type MigrationFile, type SchemaModel } from './schema-model.js';

/** Prisma, Drizzle and plain folders. A glob's leading segments without wildcards name the set's folder. */
export const DEFAULT_MIGRATION_GLOBS: readonly string[] = [
  'prisma/migrations/*/migration.sql',
  'drizzle/*.sql',
  'migrations/*.sql',
  'db/migrations/*.sql',
];

const IGNORED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'build', 'coverage']);

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

function isDown(file: string): boolean {
  return /\.down\.sql$/i.test(file);
}

/** Natural order: `2_b.sql` before `10_a.sql`; digits compare as numbers. */
export function compareNatural(a: string, b: string): number {
  const left = a.split(/(\d+)/);
  const right = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i]!;
    const y = right[i]!;
    if (x === y) continue;
    if (i % 2 === 1) {
      const difference = Number(x) - Number(y);
      if (difference !== 0) return difference;
    }
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

interface Pattern {
  /** Segments before the first wildcard (the set's folder, relative to wherever the pattern matched). */
  prefix: string[];
  /** The rest, relative to the set's folder. */
  rest: string;
  depth: number;
  match: (file: string) => boolean;
}

function compile(glob: string): Pattern {
  const segments = glob.split('/').filter(Boolean);
  const firstWild = segments.findIndex((segment) => picomatch.scan(segment).isGlob);
  const split = firstWild < 0 ? segments.length - 1 : firstWild;
  return { prefix: segments.slice(0, split), rest: segments.slice(split).join('/'), depth: segments.length, match: picomatch(glob, { dot: true }) };
}

/** The migration set a file belongs to: its folder and the glob of its files relative to it, or undefined. */
export function migrationSetOf(file: string, globs: readonly string[] = DEFAULT_MIGRATION_GLOBS): { folder: string; pattern: string } | undefined {
  if (isDown(file)) return undefined;
  const segments = toPosix(path.resolve(file)).split('/');
  for (const glob of globs) {
    const pattern = compile(glob);
    if (segments.length < pattern.depth) continue;
    if (!pattern.match(segments.slice(-pattern.depth).join('/'))) continue;
    const folder = segments.slice(0, segments.length - pattern.depth + pattern.prefix.length).join('/') || '/';
    return { folder: path.normalize(folder), pattern: pattern.rest };
  }
  return undefined;
}

function walk(directory: string, into: string[], depth: number): void {
  if (depth < 0) return;
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!IGNORED_DIRECTORIES.has(entry.name)) walk(full, into, depth - 1);
    } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.sql')) {
      into.push(full);
    }
  }
}

/** Migration files under `root` (absolute paths), in natural path order; `*.down.sql` is ignored. */
export function findMigrationFiles(root: string, globs: readonly string[] = DEFAULT_MIGRATION_GLOBS): string[] {
  const files: string[] = [];
  walk(path.resolve(root), files, 12);
  return files.filter((file) => migrationSetOf(file, globs) !== undefined).sort((a, b) => compareNatural(toPosix(a), toPosix(b)));
}

/** The files of one set: those under `folder` matching `pattern` (default: `*.sql` and `<folder>/migration.sql`). */
function listSet(folder: string, pattern?: string): Array<{ path: string; mtime: number; size: number }> {
  const matchers = (pattern ? [pattern] : ['*.sql', '*/migration.sql']).map((glob) => picomatch(glob, { dot: true }));
  const depth = Math.max(...(pattern ? [pattern] : ['*/x']).map((glob) => glob.split('/').length)) - 1;
  const found: string[] = [];
  walk(folder, found, depth);
  const files = [];
  for (const file of found) {
    const relative = toPosix(path.relative(folder, file));
    if (isDown(file) || !matchers.some((match) => match(relative))) continue;
    try {
      const stat = statSync(file);
      files.push({ path: file, mtime: stat.mtimeMs, size: stat.size });
    } catch {
      // Deleted between readdir and stat: not part of the set.
    }
  }
  return files.sort((a, b) => compareNatural(toPosix(a.path), toPosix(b.path)));
}

interface CacheEntry {
  signature: string;
  files: MigrationFile[];
  model: SchemaModel;
  /** The last model built with an unsaved text in place of a file (the editor's buffer). */
  override?: { path: string; text: string; model: SchemaModel };
}

const cache = new Map<string, CacheEntry>();

export interface SchemaModelOptions {
  /** Files of the set relative to the folder (default: `*.sql` and `<folder>/migration.sql`). */
  pattern?: string;
  /** A file's current text (e.g. the editor's unsaved buffer), used in place of (or in addition to) the disk's. */
  override?: MigrationFile;
}

/**
 * The schema model of the migration set in `folder`. Built once per folder per process; rebuilt when a file is
 * added, removed or changes size or mtime. With `override`, that file's text replaces the disk's.
 */
export function getSchemaModelForFolder(folder: string, options: SchemaModelOptions = {}): SchemaModel {
  const key = path.resolve(folder);
  const listed = listSet(key, options.pattern);
  const signature = listed.map((file) => `${file.path}\0${file.mtime}\0${file.size}`).join('\n');
  let entry = cache.get(key);
  if (!entry || entry.signature !== signature) {
    const files: MigrationFile[] = [];
    for (const file of listed) {
      try {
        files.push({ path: file.path, text: readFileSync(file.path, 'utf8') });
      } catch {
        // Unreadable: left out.
      }
    }
    entry = { signature, files, model: buildSchemaModel(files) };
    cache.set(key, entry);
  }
  const override = options.override;
  if (!override) return entry.model;
  const overridePath = path.resolve(override.path);
  const onDisk = entry.files.find((file) => file.path === overridePath);
  if (onDisk?.text === override.text) return entry.model;
  if (entry.override?.path === overridePath && entry.override.text === override.text) return entry.override.model;
  const files = entry.files.filter((file) => file.path !== overridePath);
  files.push({ path: overridePath, text: override.text });
  files.sort((a, b) => compareNatural(toPosix(a.path), toPosix(b.path)));
  const model = buildSchemaModel(files);
  entry.override = { path: overridePath, text: override.text, model };
  return model;
}

/** Forgets every cached model (tests). */
export function clearSchemaModelCache(): void {
  cache.clear();
}
