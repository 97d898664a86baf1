// Hardcoded credentials, tracked .env files and process.env reads outside the env module. Owner: the secrets check.
// A secret's text never leaves this module in clear: at most its first 4 characters, then `****`.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import { simpleGit } from 'simple-git';

import { envCollector, type EnvUse } from './env-reads.js';
import { cachedText, type ExtractInput } from './input.js';
import { createLocator } from './schema-facts.js';
import { scanSecrets, type SecretKind } from './secret-patterns.js';
import { isTestCode } from './test-code.js';
import { isScriptFile, MAX_PARSED_SIZE, sharedVisitor, type SharedVisitor } from './ts-visit.js';

export type { SecretKind } from './secret-patterns.js';

export interface SecretFact {
  kind: SecretKind | string;
  file: string;
  line: number;
  column: number;
  /** Already redacted. */
  redacted: string;
  /** The name the value is assigned to, for `secret-assignment`. */
  name?: string;
  /** In a test file or a fixtures folder, where fake credentials are the norm. */
  inTestCode?: boolean;
}

export interface EnvReadFact {
  file: string;
  line: number;
  column: number;
  name: string | null;
}

export interface SecretFacts {
  secrets: SecretFact[];
  /** `.env` files tracked by git (examples and templates excluded); undefined when git could not be asked. */
  trackedEnvFiles?: string[];
  /** Files that validate `process.env` with a schema (the env modules). */
  envModules?: string[];
  /** `process.env` reads in files other than the env modules (tests and config files excluded). */
  envReads?: EnvReadFact[];
}

/** Files larger than this are not scanned (named in a Notice). */
const MAX_SCANNED_SIZE = 2 * 1024 * 1024;
const BINARY_EXTENSIONS = new Set(
  'png jpg jpeg gif webp ico bmp tiff avif pdf zip gz tgz bz2 xz 7z rar jar war woff woff2 ttf otf eot mp3 mp4 mov avi webm wav ogg flac wasm node so dylib dll exe bin class pyc db sqlite sqlite3 lockb'.split(' '),
);
/** Lockfiles hold integrity hashes, not credentials, and are large. */
const SKIPPED_NAMES = new Set(['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'npm-shrinkwrap.json']);
const BARE_VALUE_FILE = /(?:^\.env(?:\..*)?|\.(?:ya?ml|ini|properties|toml|conf|cfg|env|tfvars))$/i;
/** `.env`, `.env.local`, `config/.env.production`: real values, kept out of git (the check reports tracked ones). */
const ENV_FILE = /^\.env(?:\.[\w.-]+)?$/;
/** Committed on purpose, with placeholders. */
const ENV_TEMPLATE = /\.(?:example|sample|template|dist|defaults)$/i;
/** Configuration files read by tools at build time, not by the running application. */
const TOOL_CONFIG = /(?:^|\/)(?:[\w.-]+\.config\.[cm]?[jt]s|knexfile\.[cm]?[jt]s|\.eslintrc\.[cm]?js|ormconfig\.[cm]?[jt]s)$/;

function extension(file: string): string {
  const base = path.posix.basename(file);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

async function readText(input: ExtractInput, file: string): Promise<string | undefined> {
  const cached = cachedText(input, file, MAX_SCANNED_SIZE);
  if (cached !== undefined) return cached;
  try {
    const full = path.join(input.root, file);
    // Sized before it is read: a large asset is never loaded whole.
    if ((await stat(full)).size > MAX_SCANNED_SIZE) {
      input.notices.push({ file, message: `Larger than ${MAX_SCANNED_SIZE / 1024 / 1024} MB: not scanned for secrets.` });
      return undefined;
    }
    const buffer = await readFile(full);
    if (buffer.subarray(0, 8192).includes(0)) {
      input.notices.push({ file, message: 'Binary content: not scanned for secrets.' });
      return undefined;
    }
    return buffer.toString('utf8');
  } catch (error) {
    input.notices.push({ file, message: `Cannot read this file: ${(error as NodeJS.ErrnoException).code ?? 'error'}.` });
    return undefined;
  }
}

/** `.env` files git tracks under the root; undefined (and a Notice) when git cannot be asked. */
async function trackedEnvFiles(input: ExtractInput): Promise<string[] | undefined> {
  if (input.gitAvailable === false) return undefined;
  try {
    const git = simpleGit({ baseDir: input.gitRoot ?? input.root });
    if (!(await git.checkIsRepo())) {
      input.notices.push({ file: null, message: 'Not a git repository: tracked .env files are not checked.' });
      return undefined;
    }
    const listed = await git.raw(['ls-files', '-z', '--', '.env', '.env.*', '**/.env', '**/.env.*']);
    return listed
      .split('\0')
      .filter((file) => file !== '' && ENV_FILE.test(path.posix.basename(file)) && !ENV_TEMPLATE.test(file))
      .sort();
  } catch (error) {
    input.notices.push({ file: null, message: `git is not available (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): tracked .env files are not checked.` });
    return undefined;
  }
}

/** Does this file's `process.env` use count (a script, not a test or a tool's configuration, small enough to parse)? */
function readsEnv(file: string, text: string): boolean {
  return isScriptFile(file) && !isTestCode(file) && !TOOL_CONFIG.test(file) && text.includes('process.env') && text.length <= MAX_PARSED_SIZE;
}

/** The process.env collector of one script: run inside the audit's ESLint pass, or on its own. */
export function createEnvVisitor(): SharedVisitor<EnvUse> {
  return sharedVisitor<EnvUse>({ wants: readsEnv, start: () => ({ validates: false, reads: [] }), collect: envCollector });
}

/** `visitor`: the one whose collector ran in the audit's ESLint pass (a fresh one parses every script itself). */
export async function extractSecrets(input: ExtractInput, visitor: SharedVisitor<EnvUse> = createEnvVisitor()): Promise<SecretFacts> {
  const secrets: SecretFact[] = [];
  const envModules: string[] = [];
  const reads: EnvReadFact[] = [];
  for (const file of input.files) {
    const base = path.posix.basename(file);
    if (BINARY_EXTENSIONS.has(extension(file)) || SKIPPED_NAMES.has(base)) continue;
    // A local .env holds the real values by design; the check reports it only when git tracks it.
    if (ENV_FILE.test(base) && !ENV_TEMPLATE.test(base)) continue;
    const text = await readText(input, file);
    if (text === undefined) continue;
    const matches = scanSecrets(text, { bareValues: BARE_VALUE_FILE.test(base) });
    const inTestCode = isTestCode(file);
    if (matches.length > 0) {
      const locate = createLocator(text);
      for (const match of matches) {
        secrets.push({ kind: match.kind, file, ...locate(match.offset), redacted: match.redacted, ...(match.name ? { name: match.name } : {}), ...(inTestCode ? { inTestCode } : {}) });
      }
    }
    // Tests and tool configurations read the environment as they like: not parsed for process.env.
    if (!readsEnv(file, text)) continue;
    const use = visitor.visit(file, text);
    if ('error' in use) {
      input.notices.push({ file, message: `Cannot parse this file (${use.error}): its process.env reads are not checked.` });
      continue;
    }
    if (use.validates) envModules.push(file);
    else reads.push(...use.reads.map((read) => ({ file, ...read })));
  }
  const tracked = await trackedEnvFiles(input);
  return { secrets, ...(tracked ? { trackedEnvFiles: tracked } : {}), envModules, envReads: reads };
}
