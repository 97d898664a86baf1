// Which database a `.sql` file is written for, so a SQLite, MySQL or ClickHouse migration kept next to PostgreSQL ones
// (a monorepo) is skipped instead of failing as a PostgreSQL syntax error. Shared by the SQL language (src/sql/language.ts)
// and the audit's schema extractor (src/audit/extract/schema.ts), which skips the same sets.
//
// Evidence, nearest first (walking up from the file's folder to the repository's top, a folder holding `.git`):
//   - a Prisma `migrations/migration_lock.toml` (`provider = "sqlite"`): its folder;
//   - a Prisma schema (`schema.prisma`, or `schema/*.prisma`) whose `datasource` names a `provider`: the folders
//     `migrations/` and `sql/` (TypedSQL) next to it;
//   - a drizzle-kit config (`drizzle.config.ts`…) naming `dialect` (or the older `driver`): its `out` folder (`drizzle`);
//   - a knexfile naming `client`: its `migrations.directory` (`migrations`); a knexfile whose environments name several
//     clients counts as PostgreSQL when one of them is.
// A config whose value is not a string literal (`client: process.env.DB`) is no evidence. Without evidence, a file that
// does not parse as PostgreSQL is recognised by syntax: ClickHouse `ENGINE = …MergeTree`, SQLite `AUTOINCREMENT`,
// `PRAGMA`, `WITHOUT ROWID`, MySQL backquoted names, `ENGINE=InnoDB`, `AUTO_INCREMENT`. Never throws.
import fs from 'node:fs';
import path from 'node:path';

/** Database names that mean PostgreSQL (or a wire-compatible server) in Prisma, drizzle-kit and knex configs. */
export const POSTGRES = /^(?:postgres(?:ql)?|pg|pg-native|cockroachdb|pglite|neon|vercel-postgres|aws-data-api-pg)$/i;

const SETTING_VALUE = /^\s*['"`]([\w./@-]{1,200})['"`]/;

/** A config file's string setting `key: 'value'` (first occurrence; a bounded, linear scan). */
export function setting(text: string, key: string): string | undefined {
  return settings(text, key, 1)[0];
}

/** Every string value of `key: '…'` in a config text (at most `limit`), in order. */
function settings(text: string, key: string, limit = 20): string[] {
  const values: string[] = [];
  for (let at = text.indexOf(`${key}:`); at !== -1 && values.length < limit; at = text.indexOf(`${key}:`, at + 1)) {
    // `client:` only as a whole key (not `dbclient:`).
    if (at > 0 && /[\w$]/.test(text.charAt(at - 1))) continue;
    const quote = SETTING_VALUE.exec(text.slice(at + key.length + 1, at + key.length + 300));
    if (quote) values.push(quote[1]!);
  }
  return values;
}

/** The `provider` of a Prisma text's `datasource` block (not a generator's), or undefined. */
export function prismaDatasourceProvider(text: string): string | undefined {
  const block = /^\s*datasource\s+\w+\s*\{([^}]*)\}/m.exec(text);
  return block ? /^\s*provider\s*=\s*"([^"]{1,100})"/m.exec(block[1]!)?.[1] : undefined;
}

export interface OtherDialect {
  /** Display name: 'SQLite', 'MySQL', 'ClickHouse', or the configured name. */
  dialect: string;
  /** What says so, for messages: `names provider "sqlite"`, `ENGINE = …MergeTree on line 3`. */
  evidence: string;
  /** The file that says so (absolute): the config, or the `.sql` file with the marker. */
  source: string;
  /** The folder the evidence governs (absolute): the config's folder, or the file's own folder for syntax. */
  scope: string;
  /** Only the syntax says so (no config names a database for the file). */
  bySyntax: boolean;
  /** This file carries the one report for its scope (the first `.sql` file of the folder), or has no scope. */
  report: boolean;
}

const DISPLAY: Record<string, string> = {
  sqlite: 'SQLite',
  sqlite3: 'SQLite',
  'better-sqlite3': 'SQLite',
  turso: 'SQLite',
  libsql: 'SQLite',
  d1: 'SQLite',
  mysql: 'MySQL',
  mysql2: 'MySQL',
  mariadb: 'MySQL',
  singlestore: 'MySQL',
  planetscale: 'MySQL',
  sqlserver: 'SQL Server',
  mssql: 'SQL Server',
  mongodb: 'MongoDB',
  oracledb: 'Oracle',
  clickhouse: 'ClickHouse',
};

function displayName(database: string): string {
  return DISPLAY[database.toLowerCase()] ?? database;
}

/** One config's claim: files under `scope` are for `database`. */
interface Claim {
  scope: string;
  database: string;
  /** Several values were named (knex environments): PostgreSQL if any is. */
  isPostgres: boolean;
  evidence: string;
  source: string;
}

function readText(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > 2_000_000) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

const DRIZZLE_CONFIG = /^drizzle\.config\.[cm]?[jt]s$/;
const KNEXFILE = /^knexfile\.[cm]?[jt]s$/;

/** The claims the configs in `dir` make (Prisma lock file and schema, drizzle-kit config, knexfile). */
function claimsIn(dir: string): Claim[] {
  const claims: Claim[] = [];
  const names = listDir(dir);
  const claim = (scope: string, values: string[], file: string, key: string): void => {
    if (values.length === 0) return;
    const isPostgres = values.some((value) => POSTGRES.test(value));
    const database = values.find((value) => !POSTGRES.test(value)) ?? values[0]!;
    claims.push({ scope, database, isPostgres, evidence: `names ${key} "${database}"`, source: file });
  };
  if (names.includes('migration_lock.toml')) {
    const file = path.join(dir, 'migration_lock.toml');
    const provider = /^\s*provider\s*=\s*"([^"]{1,100})"/m.exec(readText(file) ?? '')?.[1];
    claim(dir, provider === undefined ? [] : [provider], file, 'provider');
  }
  const prismaFiles = names.filter((name) => name.endsWith('.prisma')).map((name) => path.join(dir, name));
  if (names.includes('schema')) {
    prismaFiles.push(...listDir(path.join(dir, 'schema')).filter((name) => name.endsWith('.prisma')).map((name) => path.join(dir, 'schema', name)));
  }
  for (const file of prismaFiles) {
    const provider = prismaDatasourceProvider(readText(file) ?? '');
    if (provider === undefined) continue;
    claim(path.join(dir, 'migrations'), [provider], file, 'provider');
    claim(path.join(dir, 'sql'), [provider], file, 'provider');
    break;
  }
  for (const name of names) {
    const isDrizzle = DRIZZLE_CONFIG.test(name);
    if (!isDrizzle && !KNEXFILE.test(name)) continue;
    const file = path.join(dir, name);
    const text = readText(file);
    if (text === undefined) continue;
    if (isDrizzle) {
      const dialect = setting(text, 'dialect') ?? setting(text, 'driver');
      claim(path.join(dir, setting(text, 'out') ?? 'drizzle'), dialect === undefined ? [] : [dialect], file, dialect === setting(text, 'dialect') ? 'dialect' : 'driver');
    } else {
      claim(path.join(dir, setting(text, 'directory') ?? 'migrations'), settings(text, 'client'), file, 'client');
    }
  }
  return claims;
}

/** Claims per folder (a lint run asks once per folder of the tree). */
const claimCache = new Map<string, Claim[]>();
/** The repository's top (a folder with `.git`) above a folder, or the filesystem root. */
const topCache = new Map<string, string>();

function repositoryTop(dir: string): string {
  const known = topCache.get(dir);
  if (known !== undefined) return known;
  const parent = path.dirname(dir);
  const top = fs.existsSync(path.join(dir, '.git')) || parent === dir ? dir : repositoryTop(parent);
  topCache.set(dir, top);
  return top;
}

function within(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** What the configs above `file` say of it: the nearest claim whose folder holds it, or undefined. */
function configuredDialect(file: string): Claim | undefined {
  const top = repositoryTop(path.dirname(file));
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    let claims = claimCache.get(dir);
    if (!claims) claimCache.set(dir, (claims = claimsIn(dir)));
    const claim = claims.find((candidate) => within(file, candidate.scope));
    if (claim) return claim;
    if (dir === top || path.dirname(dir) === dir) return undefined;
  }
}

/** The text without comments and string literals (replaced by spaces), so markers are looked for in code only. */
function codeOnly(text: string): string {
  return text.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'/g, (match) => match.replace(/[^\n]/g, ' '));
}

const MARKERS: Array<{ dialect: string; pattern: RegExp; name: string }> = [
  { dialect: 'ClickHouse', pattern: /\bENGINE\s*=\s*(?:Replicated|Shared)?\w*MergeTree\b/i, name: 'ENGINE = …MergeTree' },
  { dialect: 'ClickHouse', pattern: /\bENGINE\s*=\s*(?:TinyLog|StripeLog|Log|Memory|Distributed|Kafka|Buffer|Null|Dictionary)\b/i, name: 'a ClickHouse ENGINE' },
  { dialect: 'MySQL', pattern: /\bENGINE\s*=\s*(?:InnoDB|MyISAM|Aria|MEMORY)\b/i, name: 'ENGINE=InnoDB' },
  { dialect: 'MySQL', pattern: /\bAUTO_INCREMENT\b/i, name: 'AUTO_INCREMENT' },
  { dialect: 'MySQL', pattern: /`[^`\n]{1,128}`/, name: 'backquoted names' },
  { dialect: 'SQLite', pattern: /\bAUTOINCREMENT\b/i, name: 'AUTOINCREMENT' },
  { dialect: 'SQLite', pattern: /^\s*PRAGMA\b/im, name: 'PRAGMA' },
  { dialect: 'SQLite', pattern: /\bWITHOUT\s+ROWID\b/i, name: 'WITHOUT ROWID' },
];

/** The first non-PostgreSQL marker of a text: its dialect and what it is, with its line; or undefined. */
export function dialectBySyntax(text: string): { dialect: string; evidence: string } | undefined {
  const code = codeOnly(text);
  for (const marker of MARKERS) {
    const match = marker.pattern.exec(code);
    if (!match) continue;
    const line = code.slice(0, match.index).split('\n').length;
    return { dialect: marker.dialect, evidence: `${marker.name} on line ${line}` };
  }
  return undefined;
}

/** Per folder: the first `.sql` file (natural order) with a non-PostgreSQL marker, and the marker. */
const folderSyntaxCache = new Map<string, { file: string; dialect: string; evidence: string } | undefined>();

function folderSyntax(folder: string): { file: string; dialect: string; evidence: string } | undefined {
  if (folderSyntaxCache.has(folder)) return folderSyntaxCache.get(folder);
  let found: { file: string; dialect: string; evidence: string } | undefined;
  for (const name of listDir(folder).filter((entry) => /\.sql$/i.test(entry)).sort(naturally).slice(0, 2000)) {
    const file = path.join(folder, name);
    const marker = dialectBySyntax(readText(file) ?? '');
    if (marker) {
      found = { file, ...marker };
      break;
    }
  }
  folderSyntaxCache.set(folder, found);
  return found;
}

function naturally(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * The database `file` is written for when it is not PostgreSQL, or undefined (PostgreSQL, or nothing says otherwise).
 * A config's claim decides. Without one, a text that does not parse (`parses` false) is another database's when it or
 * another `.sql` file of its folder has a marker of one (a ClickHouse `ALTER … MODIFY TTL` has none of its own).
 */
export function otherDialectOf(file: string, text: string, parses: boolean): OtherDialect | undefined {
  // What was read from disk is trusted for DIALECT_CACHE_LIFETIME_MS: a long-running ESLint (an editor) then sees a
  // changed Prisma provider, drizzle or knex config, or a new marked file, without a restart.
  const now = performance.now();
  if (now - cacheStartedAt > DIALECT_CACHE_LIFETIME_MS) clearDialectCache();
  try {
    const absolute = path.resolve(file);
    const claim = configuredDialect(absolute);
    if (claim) {
      if (claim.isPostgres) return undefined;
      const report = firstSqlFileIn(claim.scope) === absolute;
      return { dialect: displayName(claim.database), evidence: claim.evidence, source: claim.source, scope: claim.scope, bySyntax: false, report };
    }
    if (parses) return undefined;
    const folder = path.dirname(absolute);
    const own = dialectBySyntax(text);
    const set = folderSyntax(folder);
    if (!own && !set) return undefined;
    const dialect = own?.dialect ?? set!.dialect;
    // The folder's first marked file carries the report; a file marked otherwise than its folder reports for itself.
    const report = set === undefined || set.file === absolute || set.dialect !== dialect;
    const marked = own ? { ...own, source: absolute } : { ...set!, source: set!.file };
    return { dialect, evidence: marked.evidence, source: marked.source, scope: folder, bySyntax: true, report };
  } catch {
    return undefined;
  }
}

/** First `.sql` file per scope folder (natural order of relative paths), for the one report per skipped set. */
const firstFileCache = new Map<string, string | undefined>();

/** The first `.sql` file under `folder` in natural order of their paths (at most 20,000 entries are looked at). */
export function firstSqlFileIn(folder: string): string | undefined {
  if (firstFileCache.has(folder)) return firstFileCache.get(folder);
  const files: string[] = [];
  const queue = [folder];
  let budget = 20_000;
  while (queue.length > 0 && budget > 0) {
    const dir = queue.shift()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (--budget < 0) break;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) queue.push(full);
      else if (entry.isFile() && /\.sql$/i.test(entry.name)) files.push(path.relative(folder, full).split(path.sep).join('/'));
    }
  }
  files.sort(naturally);
  const first = files[0] === undefined ? undefined : path.join(folder, ...files[0].split('/'));
  firstFileCache.set(folder, first);
  return first;
}

/** How long (ms) what was read from disk (configs, folder listings, markers) is used before it is read again. */
export const DIALECT_CACHE_LIFETIME_MS = 2000;
let cacheStartedAt = performance.now();

/** Forgets what was read from disk (every DIALECT_CACHE_LIFETIME_MS, and tests that write configs). */
export function clearDialectCache(): void {
  cacheStartedAt = performance.now();
  claimCache.clear();
  topCache.clear();
  firstFileCache.clear();
  folderSyntaxCache.clear();
}
