// Migration sets on disk: discovery by glob, and the schema model of a set, built once per folder per process and
// rebuilt only when a file of the set changes (a readdir + stat per call, so an editor sees saved edits; rules amortise
// that check over a lint run, see `amortizeChecks`). The model before a given file of the set comes from one replay
// that advances file by file, so linting every file of an n-file set replays the set once, not n times.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import picomatch from 'picomatch';

import { CODE_MIGRATION_EXTENSIONS, codeMigrationSql, isCodeMigrationPath, physicalMigrationPath } from './code-migrations.js';
import { blankPsqlMetaCommands } from './language.js';
import { rememberParse } from './parse-cache.js';
import { parseSql, type SqlParseResult } from './parser.js';
import {
  buildSchemaModel,
  createSchemaReplay,
  type DeferredSchemaModel,
  type MigrationFile,
  type SchemaModel,
  type SchemaReplay,
  type SchemaProblem,
  type SchemaTable,
  tableKey,
  UNPARSED_MIGRATION,
} from './schema-model.js';

/** `.sql` and the code migrations' extensions, as a glob's last segment (`*.{sql,js,…}`). */
const SQL_OR_CODE = `*.{sql,${CODE_MIGRATION_EXTENSIONS.join(',')}}`;

/**
 * Prisma, Drizzle and plain folders. A glob's leading segments without wildcards name the set's folder. Prisma's
 * `<timestamp>_<name>/migration.sql` layout is also recognised in a `migrations/` or `migration/` folder outside
 * `prisma/` (a path set in prisma.config.ts, as formbricks/formbricks does). A `migrations/` folder's set holds its
 * `.sql` files and its JavaScript/TypeScript migrations (db-migrate, MikroORM, Knex, TypeORM, Sequelize,
 * node-pg-migrate: the SQL of their `up` direction, see ./code-migrations.ts), in one natural order.
 */
export const DEFAULT_MIGRATION_GLOBS: readonly string[] = [
  'prisma/migrations/*/migration.sql',
  'migrations/*/migration.sql',
  'migration/*/migration.sql',
  'drizzle/*.sql',
  `migrations/${SQL_OR_CODE}`,
  `db/migrations/${SQL_OR_CODE}`,
];

const IGNORED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'build', 'coverage']);

function toPosix(file: string): string {
  return path.sep === '/' ? file : file.replaceAll(path.sep, '/');
}

function isDown(file: string): boolean {
  return /\.down\.(?:sql|[cm]?[jt]s)$/i.test(file) || /\.d\.[cm]?ts$/i.test(file);
}

/** Natural order: `2_b.sql` before `10_a.sql`; digits compare as numbers. */
export function compareNatural(a: string, b: string): number {
  return compareNaturalKeys(naturalKey(a), naturalKey(b));
}

/** A string's key for `compareNaturalKeys`: text and digit runs, alternately. */
function naturalKey(text: string): string[] {
  return text.split(/(\d+)/);
}

function compareNaturalKeys(left: string[], right: string[]): number {
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

const compiled = new Map<string, Pattern>();

function compile(glob: string): Pattern {
  let pattern = compiled.get(glob);
  if (!pattern) {
    pattern = compileGlob(glob);
    compiled.set(glob, pattern);
  }
  return pattern;
}

/** A glob that cannot compile (empty, or too long for picomatch) matches no file; the rule given it reports it. */
const MATCHES_NOTHING: Pattern = { prefix: [], rest: '', depth: Number.POSITIVE_INFINITY, match: () => false };

function compileGlob(glob: string): Pattern {
  try {
    const segments = glob.split('/').filter(Boolean);
    const firstWild = segments.findIndex((segment) => picomatch.scan(segment).isGlob);
    const split = firstWild < 0 ? segments.length - 1 : firstWild;
    return { prefix: segments.slice(0, split), rest: segments.slice(split).join('/'), depth: segments.length, match: picomatch(glob, { dot: true }) };
  } catch {
    return MATCHES_NOTHING;
  }
}

interface MigrationSet {
  folder: string;
  pattern: string;
}

/** The last answer of `migrationSetOf` for an absolute path: a rule asks again for each statement of its file. */
let lastSetOf: { file: string; globs: readonly string[]; set: MigrationSet | undefined } | undefined;

/** The migration set a file belongs to: its folder and the glob of its files relative to it, or undefined. */
export function migrationSetOf(given: string, globs: readonly string[] = DEFAULT_MIGRATION_GLOBS): MigrationSet | undefined {
  // The processor's virtual block (`x.js/1_fortress-migration.sql`) belongs where its file does.
  const file = physicalMigrationPath(given);
  if (lastSetOf?.file === file && lastSetOf.globs === globs) return lastSetOf.set;
  const set = findMigrationSet(file, globs);
  if (path.isAbsolute(file)) lastSetOf = { file, globs, set };
  return set;
}

function findMigrationSet(file: string, globs: readonly string[]): MigrationSet | undefined {
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

/** Collects `.sql` files (and, with `withCode`, `.js`/`.ts` files) under `directory`, `depth` levels down. */
function walk(directory: string, into: string[], depth: number, withCode = false): void {
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
      if (!IGNORED_DIRECTORIES.has(entry.name)) walk(full, into, depth - 1, withCode);
    } else if (entry.isFile() && (entry.name.toLowerCase().endsWith('.sql') || (withCode && isCodeMigrationPath(entry.name)))) {
      into.push(full);
    }
  }
}

/** `items` in the natural order of their paths (each path's key is computed once). */
function sortByPath<T>(items: T[], pathOf: (item: T) => string): T[] {
  const keyed = items.map((item) => ({ item, key: naturalKey(toPosix(pathOf(item))) }));
  keyed.sort((a, b) => compareNaturalKeys(a.key, b.key));
  return keyed.map(({ item }) => item);
}

/** Migration files under `root` (absolute paths), in natural path order; `*.down.sql` is ignored. */
export function findMigrationFiles(root: string, globs: readonly string[] = DEFAULT_MIGRATION_GLOBS): string[] {
  const files: string[] = [];
  walk(path.resolve(root), files, 12);
  return sortByPath(files.filter((file) => migrationSetOf(file, globs) !== undefined), (file) => file);
}

const setMatchers = new Map<string, (file: string) => boolean>();

/** A set's glob relative to its folder, compiled once (a set is re-listed often, see `amortizeChecks`). */
function setMatcher(glob: string): (file: string) => boolean {
  let match = setMatchers.get(glob);
  if (!match) {
    try {
      match = picomatch(glob, { dot: true });
    } catch {
      match = () => false; // see MATCHES_NOTHING
    }
    setMatchers.set(glob, match);
  }
  return match;
}

/** The files of one set: those under `folder` matching `pattern` (default: `*.sql` and `<folder>/migration.sql`). */
function listSet(folder: string, pattern?: string): Array<{ path: string; mtime: number; size: number }> {
  const matchers = (pattern ? [pattern] : ['*.sql', '*/migration.sql']).map(setMatcher);
  const depth = Math.max(...(pattern ? [pattern] : ['*/x']).map((glob) => glob.split('/').length)) - 1;
  const found: string[] = [];
  walk(folder, found, depth, pattern !== undefined && /[cm]?[jt]s\b/.test(pattern));
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
  return sortByPath(files, (file) => file.path);
}

interface CacheEntry {
  signature: string;
  files: MigrationFile[];
  /** Index in `files` by path. */
  positions: Map<string, number>;
  /** The parse of each file (while the set's text is under RETAINED_PARSE_SIZE), kept for a replay of `before`. */
  parses: Array<SqlParseResult | undefined>;
  /** Whether the set is small enough to keep its parses. */
  retainParses: boolean;
  /** The model of the whole set (built on first use). */
  model?: SchemaModel;
  /** The files of the set that do not parse, by index in `files` (known once `model` is built). */
  unparsed?: Array<UnparsedMigration & { index: number }>;
  /** The last model built with an unsaved text in place of a file (the editor's buffer). */
  override?: { path: string; text: string; model: SchemaModel };
  /**
   * Models before a file, by the number of files before it, each built when first asked for (most never are). The
   * replay that builds `model` keeps the model at each file boundary (snapshots share the tables a file leaves alone)
   * while they hold under BOUNDARY_BUDGET tables in all; past that, a second replay (`cursor`) goes forward through
   * the set and keeps the models at the last BEFORE_WINDOW boundaries it passed (ESLint lints files nearly in order).
   */
  before: Map<number, DeferredSchemaModel>;
  cursor?: { replay: SchemaReplay; next: number; window: Map<number, DeferredSchemaModel> };
  /** When the files were last listed and stat'ed, and how long that took (ms). */
  checkedAt: number;
  checkCost: number;
}

const cache = new Map<string, CacheEntry>();

export interface SchemaModelOptions {
  /** Files of the set relative to the folder (default: `*.sql` and `<folder>/migration.sql`). */
  pattern?: string;
  /**
   * A file's current text (e.g. the editor's unsaved buffer), used in place of (or in addition to) the disk's. With
   * `parsed` (the parse of its `blankPsqlMetaCommands(text)`), that file is not parsed again.
   */
  override?: MigrationFile;
  /**
   * Re-list and re-stat the set's files only once 20 times the last check's duration has passed (at most 1 s), instead
   * of on every call: the check then costs about 5% of a lint run over a large set (500 files stat'ed for each of 500
   * files is ~0.5 s here), and an edit of another file on disk shows up within milliseconds for small sets, within a
   * second at most. The rules use it; without it every call checks.
   */
  amortizeChecks?: boolean;
}

/** The amortised window's cap (ms) and its size relative to the cost of one check. */
const MAX_CHECK_INTERVAL = 1000;
const CHECK_COST_FACTOR = 20;
/** Parses of a set are kept for a second replay while its text is under this size (characters). */
const RETAINED_PARSE_SIZE = 4 * 1024 * 1024;
/** File-boundary models kept by the first replay: tables summed over the models (as if each were built). */
const BOUNDARY_BUDGET = 500_000;
/** File boundaries whose model the second replay keeps (files linted a little out of order reuse them). */
const BEFORE_WINDOW = 64;

/** A migration file that does not parse (absolute path) and the parser's reason (no trailing period). */
export interface UnparsedMigration {
  file: string;
  reason: string;
}

/** The files among a model's `problems` that do not parse, in the order the model met them. */
export function unparsedMigrationsOf(problems: readonly SchemaProblem[]): UnparsedMigration[] {
  return problems
    .filter((problem) => problem.message.startsWith(UNPARSED_MIGRATION))
    .map((problem) => ({ file: problem.file, reason: problem.message.slice(UNPARSED_MIGRATION.length).replace(/\.$/, '') }));
}

/**
 * A file's text as ESLint reads the file it lints: decoded as UTF-8 (invalid bytes become U+FFFD) with a leading
 * byte order mark removed. Without that, a sibling saved with a BOM reaches the parser with U+FEFF in front, fails to
 * parse, and drops out of the schema model. A UTF-16 file (BOM FF FE or FE FF) is not UTF-8 to ESLint either: it
 * stays garbage here too, fails to parse, and is listed as a problem of the model.
 */
export function readSqlFile(filePath: string): string {
  const text = readFileSync(filePath, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A migration's SQL: a `.sql` file's text (`readSqlFile`), or the SQL of a JavaScript/TypeScript migration's `up`
 * direction as the `fortress/migrations` processor hands it to the SQL language (empty when it has none).
 */
export function readMigrationText(filePath: string): string {
  const text = readSqlFile(filePath);
  return isCodeMigrationPath(filePath) ? (codeMigrationSql(text, filePath)?.text ?? '') : text;
}

/** The set's cache entry, re-listed (and rebuilt if a file was added, removed or changed) unless amortised away. */
function entryFor(folder: string, options: SchemaModelOptions): CacheEntry {
  const folderPath = path.resolve(folder);
  const key = `${folderPath}\0${options.pattern ?? ''}`;
  let entry = cache.get(key);
  const now = performance.now();
  if (entry && options.amortizeChecks && now - entry.checkedAt < Math.min(MAX_CHECK_INTERVAL, entry.checkCost * CHECK_COST_FACTOR)) return entry;
  const listed = listSet(folderPath, options.pattern);
  const signature = listed.map((file) => `${file.path}\0${file.mtime}\0${file.size}`).join('\n');
  if (!entry || entry.signature !== signature) {
    const files: MigrationFile[] = [];
    for (const file of listed) {
      try {
        files.push({ path: file.path, text: readMigrationText(file.path) });
      } catch {
        // Unreadable: left out.
      }
    }
    const positions = new Map(files.map((file, index) => [file.path, index]));
    const retainParses = files.reduce((size, file) => size + file.text.length, 0) <= RETAINED_PARSE_SIZE;
    entry = { signature, files, positions, parses: [], retainParses, before: new Map(), checkedAt: 0, checkCost: 0 };
    cache.set(key, entry);
  }
  entry.checkedAt = performance.now();
  entry.checkCost = entry.checkedAt - now;
  return entry;
}

/**
 * The parse of file `index` of the set, kept for a later replay when the set is small. A new parse is also handed to
 * the `fortress/sql` language, which then need not parse the file again when ESLint lints it.
 */
function parseOf(entry: CacheEntry, index: number, given?: SqlParseResult): SqlParseResult {
  const file = entry.files[index]!;
  let parsed = given ?? entry.parses[index];
  if (!parsed) {
    parsed = parseSql(blankPsqlMetaCommands(file.text));
    rememberParse(file.text, parsed);
  }
  if (entry.retainParses) entry.parses[index] = parsed;
  return parsed;
}

/** Builds the set's model (once per entry), keeping the models at the file boundaries within BOUNDARY_BUDGET. */
function ensureModel(entry: CacheEntry, given?: { index: number; parsed: SqlParseResult }): SchemaModel {
  if (entry.model) return entry.model;
  const replay = createSchemaReplay();
  let kept = 0;
  const files = entry.files;
  entry.before.clear();
  for (let index = 0; index <= files.length; index++) {
    if (index > 0) replay.file({ ...files[index - 1]!, parsed: parseOf(entry, index - 1, given?.index === index - 1 ? given.parsed : undefined) });
    if (index === files.length || kept <= BOUNDARY_BUDGET) {
      const model = replay.deferredModel();
      kept += model.tableCount;
      entry.before.set(index, model);
    }
  }
  entry.model = entry.before.get(files.length)!.get();
  entry.unparsed = unparsedMigrationsOf(entry.model.problems).map((unparsed) => ({ ...unparsed, index: entry.positions.get(unparsed.file) ?? -1 }));
  return entry.model;
}

/**
 * The schema model of the migration set in `folder`. Built once per folder per process; rebuilt when a file is
 * added, removed or changes size or mtime. With `override`, that file's text replaces the disk's.
 */
export function getSchemaModelForFolder(folder: string, options: SchemaModelOptions = {}): SchemaModel {
  const entry = entryFor(folder, options);
  const override = options.override && { ...options.override, path: path.resolve(physicalMigrationPath(options.override.path)) };
  const position = override ? entry.positions.get(override.path) : undefined;
  const onDisk = position === undefined ? undefined : entry.files[position];
  // Each file is parsed once (the caller's parse of a file whose text is the disk's is used as is).
  const given = position !== undefined && override?.parsed && onDisk?.text === override.text ? { index: position, parsed: override.parsed } : undefined;
  const model = ensureModel(entry, given);
  if (!override || onDisk?.text === override.text) return model;
  if (entry.override?.path === override.path && entry.override.text === override.text) return entry.override.model;
  const files: MigrationFile[] = entry.files.filter((file) => file.path !== override.path);
  files.push(override);
  const edited = buildSchemaModel(sortByPath(files, (file) => file.path));
  entry.override = { path: override.path, text: override.text, model: edited };
  return edited;
}

/**
 * The schema model of the files of the set in `folder` that come before `file` (natural order; `file` itself need
 * not exist), from the disk's texts. When the files of a set are asked for in order, as a lint run does, the set is
 * replayed once in all: each call replays only the files since the previous one.
 */
export function getSchemaModelBeforeFile(folder: string, file: string, options: Omit<SchemaModelOptions, 'override'> = {}): SchemaModel {
  return deferredModelBeforeFile(folder, file, options).get();
}

/** `getTable(getSchemaModelBeforeFile(folder, file, options), name)`, without building that whole model. */
export function getTableBeforeFile(folder: string, file: string, name: string, options: Omit<SchemaModelOptions, 'override'> = {}): SchemaTable | undefined {
  return deferredModelBeforeFile(folder, file, options).table(tableKey(name));
}

/**
 * The files of the set in `folder` before `file` (natural order) that do not parse, without building the model before
 * `file`: the set's model lists them as it replays the set once.
 */
export function getUnparsedMigrationsBeforeFile(folder: string, file: string, options: Omit<SchemaModelOptions, 'override'> = {}): UnparsedMigration[] {
  const entry = entryFor(folder, options);
  const count = filesBefore(entry, file);
  ensureModel(entry);
  return (entry.unparsed ?? []).filter((unparsed) => unparsed.index < count).map(({ file: unparsedFile, reason }) => ({ file: unparsedFile, reason }));
}

/** How many files of the set come before `file` (natural order; `file` itself need not be in the set). */
function filesBefore(entry: CacheEntry, file: string): number {
  const self = path.resolve(physicalMigrationPath(file));
  let count = entry.positions.get(self);
  if (count === undefined) {
    const posix = toPosix(self);
    count = 0;
    while (count < entry.files.length && compareNatural(toPosix(entry.files[count]!.path), posix) < 0) count++;
  }
  return count;
}

function deferredModelBeforeFile(folder: string, file: string, options: Omit<SchemaModelOptions, 'override'>): DeferredSchemaModel {
  const entry = entryFor(folder, options);
  const count = filesBefore(entry, file);
  ensureModel(entry);
  const known = entry.before.get(count) ?? entry.cursor?.window.get(count);
  if (known) return known;
  if (!entry.cursor || entry.cursor.next > count) entry.cursor = { replay: createSchemaReplay(), next: 0, window: new Map() };
  const cursor = entry.cursor;
  while (cursor.next < count) {
    cursor.replay.file({ ...entry.files[cursor.next]!, parsed: parseOf(entry, cursor.next) });
    cursor.next++;
    cursor.window.set(cursor.next, cursor.replay.deferredModel());
    if (cursor.window.size > BEFORE_WINDOW) cursor.window.delete(cursor.window.keys().next().value!);
  }
  let model = cursor.window.get(count);
  if (!model) {
    model = cursor.replay.deferredModel();
    cursor.window.set(count, model);
  }
  return model;
}

/** Forgets every cached model (tests). */
export function clearSchemaModelCache(): void {
  cache.clear();
}
