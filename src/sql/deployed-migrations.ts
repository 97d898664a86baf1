// Which migrations are already deployed: ESLint's shared setting `settings.fortress.deployedMigrations`, read by the
// rules that report only on existing tables. Shapes:
//   { ref: 'origin/main' }       the migrations on that git ref's tree (`git ls-tree`), listed once per cwd + ref and
//                                again when the ref moved (checked every 2 s: an editor sees a fetch or a merge);
//   { files: ['migrations/001_init.sql', 'prisma/migrations/2023*/migration.sql'] }   paths or globs relative to cwd;
//   ['migrations/001_init.sql']  the same as { files: [...] }.
// Absent: a table is existing when the linted file did not create it, unless an earlier migration of the set created
// it less than 24 hours before (timestamped names: the same change split in several migrations). Set: a deployed
// file is not reported on (it is applied already), and a table created by an earlier, not yet deployed migration of
// the set is new. When the setting cannot be resolved (no git, unknown ref, wrong shape) the file gets one finding
// naming the setting and the rules behave as when it is absent. Never throws.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import picomatch from 'picomatch';

import { relationKey, setExistingTableHook, type RangeVar } from './ast.js';
import { isCodeMigrationPath, physicalMigrationPath } from './code-migrations.js';
import type { SqlProgram } from './language.js';
import { DEFAULT_MIGRATION_GLOBS, getTableBeforeFile, migrationSetOf } from './migrations.js';
import { tableCreatedIn } from './schema-model.js';

/** The setting's name, as messages and docs spell it. */
export const DEPLOYED_MIGRATIONS_SETTING = 'settings.fortress.deployedMigrations';

export type DeployedMigrations =
  | { kind: 'off' }
  | { kind: 'error'; reason: string }
  | { kind: 'on'; isDeployed: (file: string) => boolean };

function toPosix(file: string): string {
  return path.sep === '/' ? file : file.replaceAll(path.sep, '/');
}

/** `isDeployed` for paths relative to `base` (absolute): exact paths, and globs where an entry is one. */
function matcherOf(base: string, entries: readonly string[]): (file: string) => boolean {
  const exact = new Set<string>();
  const globs: Array<(file: string) => boolean> = [];
  for (const entry of entries) {
    const relative = toPosix(entry).replace(/^\.\//, '');
    if (picomatch.scan(relative).isGlob) {
      try {
        globs.push(picomatch(relative, { dot: true }));
      } catch {
        // A glob picomatch refuses matches nothing.
      }
    } else exact.add(relative);
  }
  return (file) => {
    const relative = toPosix(path.relative(base, path.resolve(base, file)));
    return exact.has(relative) || globs.some((match) => match(relative));
  };
}

function firstLine(error: unknown): string {
  const err = error as { stderr?: unknown; message?: unknown };
  const text = typeof err.stderr === 'string' && err.stderr.trim() !== '' ? err.stderr : String(err.message ?? error);
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}

/** How long (ms) a ref's migrations are used before git is asked whether the ref moved (a fetch, a merge). */
export const REF_CHECK_INTERVAL_MS = 2000;

interface RefFiles {
  /** The tree the ref named when the files were listed. */
  tree: string;
  root: string;
  files: string[];
  isDeployed: (file: string) => boolean;
  checkedAt: number;
}

/** Per `cwd\0ref`: the repository's top level and the `.sql` files on the ref (relative to it), or why not. */
const refCache = new Map<string, RefFiles | { reason: string; checkedAt: number }>();

function filesOnRef(cwd: string, ref: string): RefFiles | { reason: string } {
  const key = `${cwd}\0${ref}`;
  const known = refCache.get(key);
  const now = performance.now();
  if (known && now - known.checkedAt < REF_CHECK_INTERVAL_MS) return known;
  let listed: RefFiles | { reason: string; checkedAt: number };
  try {
    const git = (args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
    if (ref.startsWith('-')) throw new Error(`"${ref}" is not a ref`);
    const tree = git(['rev-parse', '--verify', '--quiet', `${ref}^{tree}`]).trim();
    // A long-running ESLint (an editor) asks again after REF_CHECK_INTERVAL_MS: the list is kept while the ref has
    // not moved, and listed again after a fetch or a merge moved it.
    if (known && 'tree' in known && known.tree === tree) {
      known.checkedAt = now;
      return known;
    }
    const root = git(['rev-parse', '--show-toplevel']).trim();
    const files = git(['ls-tree', '-r', '--name-only', '--full-tree', '-z', ref]).split('\0').filter((file) => /\.sql$/i.test(file) || isCodeMigrationPath(file));
    listed = { tree, root, files, isDeployed: matcherOf(root, files), checkedAt: now };
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    listed = { reason: status === 1 ? `git has no ref "${ref}" here` : `cannot ask git for ref "${ref}" (${firstLine(error)})`, checkedAt: now };
  }
  refCache.set(key, listed);
  return listed;
}

/** Forgets the refs read from git (tests). */
export function clearDeployedMigrationsCache(): void {
  refCache.clear();
}

/** Resolutions per setting value (ESLint hands every file the same settings object) and cwd: 11 rules × n files. */
const resolved = new WeakMap<object, Map<string, DeployedMigrations>>();

/** The setting resolved for a lint run in `cwd` (a ref is asked of git once per process per cwd + ref). */
export function resolveDeployedMigrations(settings: unknown, cwd: string): DeployedMigrations {
  const value = (settings as { fortress?: { deployedMigrations?: unknown } } | undefined)?.fortress?.deployedMigrations;
  if (value === undefined || value === null) return { kind: 'off' };
  // A ref is resolved on each call: filesOnRef keeps its files and matcher while the ref does not move.
  if (typeof value !== 'object' || isRefSetting(value)) return resolveValue(value, cwd);
  let byCwd = resolved.get(value);
  if (!byCwd) resolved.set(value, (byCwd = new Map()));
  let known = byCwd.get(cwd);
  if (!known) byCwd.set(cwd, (known = resolveValue(value, cwd)));
  return known;
}

function isRefSetting(value: object): boolean {
  return !Array.isArray(value) && typeof (value as { ref?: unknown }).ref === 'string';
}

function resolveValue(value: unknown, cwd: string): DeployedMigrations {
  const isStrings = (list: unknown): list is string[] => Array.isArray(list) && list.every((item) => typeof item === 'string');
  if (isStrings(value)) return { kind: 'on', isDeployed: matcherOf(cwd, value) };
  if (typeof value === 'object') {
    const { ref, files } = value as { ref?: unknown; files?: unknown };
    if (typeof ref === 'string' && ref.trim() !== '' && files === undefined) {
      const onRef = filesOnRef(cwd, ref.trim());
      if ('reason' in onRef) return { kind: 'error', reason: onRef.reason };
      return { kind: 'on', isDeployed: onRef.isDeployed };
    }
    if (isStrings(files) && ref === undefined) return { kind: 'on', isDeployed: matcherOf(cwd, files) };
  }
  return { kind: 'error', reason: `expected { ref: '<git ref>' }, { files: ['<path or glob>', …] } or a list of paths, got ${JSON.stringify(value)?.slice(0, 80)}` };
}

/** The context a rule gives (`SqlRuleContext` has these). */
interface GateContext {
  settings?: unknown;
  cwd: string;
  filename: string;
  sourceCode: { ast: SqlProgram };
  report(descriptor: { message: string; loc: { line: number; column: number } }): void;
}

/** Source codes that already carry the "setting unresolved" finding: one per linted file, whichever rule comes first. */
const reported = new WeakSet<object>();

/**
 * Called by each rule that reports only on existing tables, at `create`. True: the file is a deployed migration, the
 * rule reports nothing on it. Otherwise it arranges for `isExistingTable` to count a table created by an earlier,
 * not yet deployed migration of the set as new, and reports (once per file) a setting it cannot resolve.
 */
export function skipDeployedMigration(context: GateContext): boolean {
  const ast = context.sourceCode.ast;
  let deployed: DeployedMigrations;
  try {
    deployed = resolveDeployedMigrations(context.settings, context.cwd);
  } catch (error) {
    deployed = { kind: 'error', reason: firstLine(error) };
  }
  if (deployed.kind !== 'on') {
    // Without the setting: a table created by a migration of the set less than a day older is the same change.
    setExistingTableHook(ast, (relation) => !createdBySameChange(path.resolve(context.cwd, physicalMigrationPath(context.filename)), relation));
    if (deployed.kind === 'error' && !reported.has(context.sourceCode)) {
      reported.add(context.sourceCode);
      context.report({
        message: `${DEPLOYED_MIGRATIONS_SETTING}: ${deployed.reason}; every migration is linted as not deployed, and a table this file does not create counts as existing.`,
        loc: { line: 1, column: 0 },
      });
    }
    return false;
  }
  // A JavaScript/TypeScript migration's SQL is linted as a virtual block (`x.js/1_fortress-migration.sql`): its file.
  const file = path.resolve(context.cwd, physicalMigrationPath(context.filename));
  if (deployed.isDeployed(file)) {
    setExistingTableHook(ast, undefined);
    return true;
  }
  setExistingTableHook(ast, (relation) => existingBefore(file, relation, deployed.isDeployed));
  return false;
}

/** How far apart two migrations of one change may be (teams split one change into folders minutes or hours apart). */
export const SAME_CHANGE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * When a migration was made, from the timestamp its path carries relative to its set's folder: `20240516030441_…`
 * (YYYYMMDDHHMMSS, as Prisma, knex, TypeORM and most tools name them, read as UTC) or a 13-digit epoch in
 * milliseconds (node-pg-migrate). Undefined for other names (`0001_init.sql`).
 */
export function migrationTimestamp(relativePath: string): number | undefined {
  const stamp = /(?:^|[/_-])(\d{14})(?=[_./-]|$)/.exec(relativePath)?.[1];
  if (stamp) {
    const [year, month, day, hour, minute, second] = [0, 4, 6, 8, 10, 12].map((at, index) => Number(stamp.slice(at, at + (index === 0 ? 4 : 2))));
    const time = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
    return month! >= 1 && month! <= 12 && day! >= 1 && day! <= 31 && hour! < 24 ? time : undefined;
  }
  const epoch = /(?:^|\/)(\d{13})(?=[_.-])/.exec(relativePath)?.[1];
  return epoch ? Number(epoch) : undefined;
}

/**
 * True when an earlier migration of `file`'s set created the table less than `SAME_CHANGE_WINDOW_MS` before `file`
 * (both named with a timestamp): the same change, split in several migrations, so the table holds no rows yet.
 */
function createdBySameChange(file: string, relation: RangeVar): boolean {
  try {
    const set = migrationSetOf(file, DEFAULT_MIGRATION_GLOBS);
    if (!set) return false;
    const at = migrationTimestamp(path.relative(set.folder, file).split(path.sep).join('/'));
    if (at === undefined) return false;
    const table = getTableBeforeFile(set.folder, file, relationKey(relation), { pattern: set.pattern, amortizeChecks: true });
    const creator = table && !table.external ? tableCreatedIn(table) : undefined;
    const created = creator === undefined ? undefined : migrationTimestamp(path.relative(set.folder, creator).split(path.sep).join('/'));
    return created !== undefined && at >= created && at - created < SAME_CHANGE_WINDOW_MS;
  } catch {
    return false;
  }
}

/**
 * A table the file did not create is existing unless an earlier migration of its set created it and that migration
 * is not deployed. A table the set never creates (made before the set, or by another tool) is existing.
 */
function existingBefore(file: string, relation: RangeVar, isDeployed: (file: string) => boolean): boolean {
  try {
    const set = migrationSetOf(file, DEFAULT_MIGRATION_GLOBS);
    if (!set) return true;
    const table = getTableBeforeFile(set.folder, file, relationKey(relation), { pattern: set.pattern, amortizeChecks: true });
    const creator = table && !table.external ? tableCreatedIn(table) : undefined;
    return creator === undefined || isDeployed(creator);
  } catch {
    return true;
  }
}
