// The audit's content-hash cache (`--cache`): the rules' findings per file, and the project-wide facts (endpoint
// inventory, module graph, schema model, secrets scan), each stored with the hash of every input it was computed from.
// A warm run over an unchanged tree hashes the files and judges; it parses nothing.
//
// What invalidates what (docs/audit.md, "The cache"):
//   everything      the tool's build (package version and the hash of its bundles), the Node version, the effective
//                   configuration, the `--changed-since` deployed set, whether git is available, the list of files
//                   (an added, removed or renamed file: module resolution and folder listings change), and every file
//                   that is neither TS/JS nor SQL (package.json, tsconfig.json, schema.prisma, .env…)
//   a TS/JS file    its own text, and the text of every TS/JS file a rule may read while linting another file: NestJS
//                   bootstraps and modules (main.ts, *.module.ts, index.ts…), barrels (`export … from`), classes with
//                   decorators or static factories (DTOs and commands the rules follow across imports)
//   a SQL file      its own text and every other SQL file (a migration's verdict depends on the set: tables created
//                   earlier, functions declared once), knexfile and drizzle configs (the set's dialect)
//   endpoints and module graph   every TS/JS file; schema model and secrets   every file, and git's tracked list
// The audit writes nothing: the CLI loads the cache file before the run and writes it (atomically) after.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { Finding, Notice } from './types.js';

export const CACHE_FORMAT = 'fortress-audit-cache';
export const CACHE_VERSION = 1;

export interface FileEntry {
  /** sha256 of the file's hash and the hash of what else its rules may read (its kind's context). */
  key: string;
  findings: Finding[];
  notices: Notice[];
}

export interface FactEntry {
  key: string;
  value: unknown;
  notices: Notice[];
}

/** The cache in memory: what the CLI loaded, updated by `audit()`, written back by the CLI. */
export interface AuditCache {
  /** Everything's key (tool build, Node version, configuration…); a cache with another one is emptied before use. */
  key: string | null;
  files: Map<string, FileEntry>;
  facts: Map<string, FactEntry>;
  /** Filled by the run: lint targets served from the cache and linted, facts reused and extracted. */
  stats: { filesReused: number; filesLinted: number; factsReused: number; factsExtracted: number };
}

export function emptyCache(): AuditCache {
  return { key: null, files: new Map(), facts: new Map(), stats: { filesReused: 0, filesLinted: 0, factsReused: 0, factsExtracted: 0 } };
}

export function sha256(...parts: ReadonlyArray<string | Buffer>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

let bundles: string | undefined;

/**
 * The running tool's build: its package version and the hash of the bundle this module is in and of the plugin's
 * bundle (dist/index.js), so that a rebuilt tool with the same version number does not reuse results.
 */
export function toolBuild(version: string): string {
  if (bundles === undefined) {
    const parts: Array<string | Buffer> = [];
    for (const url of [import.meta.url, new URL('../index.js', import.meta.url).href]) {
      try {
        parts.push(readFileSync(new URL(url)));
      } catch {
        parts.push(url);
      }
    }
    bundles = sha256(...parts);
  }
  return sha256(version, bundles);
}

// ---- The cache file -------------------------------------------------------------------------------------------

interface CacheFile {
  format: typeof CACHE_FORMAT;
  version: typeof CACHE_VERSION;
  key: string;
  files: Record<string, FileEntry>;
  facts: Record<string, FactEntry>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isEntry = (value: unknown): value is { key: string; notices: unknown[] } =>
  isRecord(value) && typeof value.key === 'string' && Array.isArray(value.notices);

/** The cache file as text. */
export function serializeCache(cache: AuditCache): string {
  const file: CacheFile = {
    format: CACHE_FORMAT,
    version: CACHE_VERSION,
    key: cache.key ?? '',
    files: Object.fromEntries([...cache.files].sort(([a], [b]) => (a < b ? -1 : 1))),
    facts: Object.fromEntries(cache.facts),
  };
  return JSON.stringify(file);
}

/**
 * Reads a cache file. A missing file is an empty cache; a file that is not JSON, not a fortress-audit cache, or of
 * another cache format version is an empty cache and a `problem` (the CLI prints it as a notice), never a throw.
 */
export async function loadCache(file: string): Promise<{ cache: AuditCache; problem?: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { cache: emptyCache() };
    return { cache: emptyCache(), problem: `cannot read the cache file ${file} (${code ?? String(error)}); running without it` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { cache: emptyCache(), problem: `the cache file ${file} is not valid JSON (corrupt or truncated); ignored and rewritten` };
  }
  if (!isRecord(data) || data.format !== CACHE_FORMAT) {
    return { cache: emptyCache(), problem: `${file} is not a fortress-audit cache file; ignored and overwritten` };
  }
  if (data.version !== CACHE_VERSION || typeof data.key !== 'string' || !isRecord(data.files) || !isRecord(data.facts)) {
    return { cache: emptyCache(), problem: `the cache file ${file} has another format (version ${String(data.version)}); ignored and rewritten` };
  }
  const cache = emptyCache();
  cache.key = data.key;
  for (const [name, entry] of Object.entries(data.files)) {
    if (isEntry(entry) && Array.isArray((entry as { findings?: unknown }).findings)) cache.files.set(name, entry as FileEntry);
  }
  for (const [name, entry] of Object.entries(data.facts)) {
    if (isEntry(entry) && 'value' in entry) cache.facts.set(name, entry as FactEntry);
  }
  return { cache };
}

/** The default cache file of a project: `node_modules/.cache/fortress-audit/cache.json` under the audited folder (as ESLint's and Babel's caches). */
export function defaultCacheFile(projectRoot: string): string {
  return path.join(projectRoot, 'node_modules', '.cache', 'fortress-audit', 'cache.json');
}

// ---- The keys of one run ----------------------------------------------------------------------------------------

const SOURCE = /\.(?:[cm]?[jt]sx?)$/i;
const SQL = /\.sql$/i;
/** TS/JS files another file's rules may read: bootstraps and modules (global-validation-pipe, module-roots), workspace entries, dialect configs. */
const READ_BY_NAME = /(?:^|\/)(?:(?:main|bootstrap|app|server|index)\.[cm]?[jt]sx?|[^/]*\.module\.[cm]?[jt]sx?|knexfile\.[cm]?[jt]s|drizzle\.config\.[cm]?[jt]s)$/i;
/** …and by content: barrels, and classes a rule may follow across imports (decorated fields, static factories, bases). */
const BARREL = /\bexport\s*(?:\*|\{)|module\.exports|\bexports\./;
const CLASS = /\bclass\b/;
const FOLLOWED_CLASS = /\bstatic\b|@[A-Za-z_$]|\bextends\b/;
const DIALECT_CONFIG = /(?:^|\/)(?:knexfile|drizzle\.config)\.[cm]?[jt]s$/i;

export type FileKind = 'ts' | 'sql';

export function kindOf(file: string): FileKind | null {
  if (SQL.test(file)) return 'sql';
  return SOURCE.test(file) ? 'ts' : null;
}

/** May a rule read this TS/JS file while it lints another one? A superset, by name and content. */
export function readAcrossFiles(file: string, text: string): boolean {
  return READ_BY_NAME.test(file) || BARREL.test(text) || (CLASS.test(text) && FOLLOWED_CLASS.test(text));
}

export interface RunKeys {
  /** The whole cache's key. */
  everything: string;
  /** The key of one lint target's entry. */
  fileKey(file: string): string;
  /** The keys of the project-wide facts. */
  facts: { project: string; moduleGraph: string; schema: string; secrets: string };
}

export interface KeyInputs {
  toolVersion: string;
  nodeVersion: string;
  config: string;
  deployed: readonly string[] | null;
  gitAvailable: boolean;
  /** `git ls-files` (tracked files) or null without git. */
  tracked: string | null;
  /** Every file of the project (relative posix, sorted) → sha256 of its bytes. */
  hashes: ReadonlyMap<string, string>;
  /** The texts of the TS/JS files (for readAcrossFiles). */
  texts: ReadonlyMap<string, string>;
}

export function runKeys(inputs: KeyInputs): RunKeys {
  const everything = sha256(
    CACHE_FORMAT,
    String(CACHE_VERSION),
    toolBuild(inputs.toolVersion),
    inputs.nodeVersion,
    inputs.config,
    JSON.stringify(inputs.deployed),
    String(inputs.gitAvailable),
  );
  const others: string[] = [];
  const shared: string[] = [];
  const sources: string[] = [];
  const migrations: string[] = [];
  const dialect: string[] = [];
  for (const [file, hash] of inputs.hashes) {
    const kind = kindOf(file);
    const line = `${file}\t${hash}`;
    if (kind === null) others.push(line);
    else if (kind === 'sql') migrations.push(line);
    else {
      sources.push(line);
      if (readAcrossFiles(file, inputs.texts.get(file) ?? '')) shared.push(line);
      if (DIALECT_CONFIG.test(file)) dialect.push(line);
    }
  }
  const common = sha256(everything, [...inputs.hashes.keys()].join('\n'), others.join('\n'));
  const contexts: Record<FileKind, string> = {
    ts: sha256(common, 'ts', shared.join('\n')),
    sql: sha256(common, 'sql', migrations.join('\n'), dialect.join('\n')),
  };
  const allSources = sha256(common, 'sources', sources.join('\n'));
  const tree = sha256(allSources, migrations.join('\n'), inputs.tracked ?? '');
  return {
    everything,
    fileKey(file) {
      const kind = kindOf(file);
      return sha256(kind === null ? common : contexts[kind], file, inputs.hashes.get(file) ?? '');
    },
    facts: { project: sha256(allSources, 'project'), moduleGraph: sha256(allSources, 'module-graph'), schema: sha256(tree, 'schema'), secrets: sha256(tree, 'secrets') },
  };
}

/** Runs `task` on every item, at most `limit` at a time (reading 20,000 files at once exhausts file descriptors). */
export async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
