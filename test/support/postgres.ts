// A throwaway PostgreSQL server for tests, from Debian's `postgresql` package (/usr/lib/postgresql/<major>/bin):
// initdb in a temp dir, started on a free 127.0.0.1 port with its unix socket in that dir, stopped and removed by stop().
// As root (CI), the server runs as the `postgres` user (Postgres refuses to run as root) and a missing package is
// installed with apt-get; as anyone else, as the current user.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface PostgresServer {
  /** Major version of the server, e.g. 15. */
  major: number;
  port: number;
  /** Creates an empty database. */
  createDatabase(name: string): void;
  /** Runs SQL text (psql -v ON_ERROR_STOP=1); throws with psql's output on error. */
  exec(database: string, sql: string): string;
  /** Applies a file with psql -v ON_ERROR_STOP=1 -f (each statement in autocommit, like migration tools without a wrapping transaction). */
  applyFile(database: string, file: string): void;
  /** Runs a query returning one JSON value (e.g. `SELECT json_agg(…)`) and parses it. */
  queryJson<T>(database: string, sql: string): T;
  stop(): void;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The bin directory of the newest installed PostgreSQL, or undefined. */
export function findPostgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((entry) => existsSync(path.join(base, entry, 'bin', 'initdb')) && existsSync(path.join(base, entry, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(base, versions[0], 'bin');
}

function run(command: string, args: string[], options: SpawnSyncOptions & { asPostgres?: boolean } = {}): string {
  const [file, argv] = options.asPostgres && isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8', timeout: 120_000, ...options });
  if (result.error || result.status !== 0) {
    const output = `${String(result.stdout ?? '')}${String(result.stderr ?? '')}`.trim();
    throw new Error(`${[command, ...args].join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}`);
  }
  return String(result.stdout ?? '');
}

/** Finds PostgreSQL, installing Debian's package when running as root. Returns undefined with the reason otherwise. */
export function ensurePostgres(): { bin: string } | { error: string } {
  let bin = findPostgresBin();
  if (bin) return { bin };
  if (!isRoot) return { error: 'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb) and this user cannot install it: run `apt-get install -y postgresql` as root.' };
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], { env, timeout: 300_000 });
    run('apt-get', ['install', '-y', '-qq', 'postgresql'], { env, timeout: 600_000 });
  } catch (error) {
    return { error: `Installing PostgreSQL with apt-get failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  bin = findPostgresBin();
  return bin ? { bin } : { error: 'apt-get installed postgresql but no /usr/lib/postgresql/*/bin/initdb was found.' };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a fresh server. Throws with a clear message when it cannot. */
export async function startPostgres(bin: string): Promise<PostgresServer> {
  // As root the server runs as `postgres`, which must reach the dir: /tmp rather than a TMPDIR that may be private.
  const root = mkdtempSync(path.join(isRoot ? '/tmp' : os.tmpdir(), 'fortress-pg-'));
  const data = path.join(root, 'data');
  const socketDir = path.join(root, 'socket');
  mkdirSync(socketDir);
  if (isRoot) {
    const uid = Number(run('id', ['-u', 'postgres']).trim());
    const gid = Number(run('id', ['-g', 'postgres']).trim());
    for (const entry of [root, socketDir]) chownSync(entry, uid, gid);
  }
  const asPostgres = { asPostgres: true, cwd: root };
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], asPostgres);

  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    try {
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(root, 'server.log'), '-w', '-t', '60', '-o', options, 'start'], asPostgres);
      break;
    } catch (error) {
      const log = existsSync(path.join(root, 'server.log')) ? readFileSync(path.join(root, 'server.log'), 'utf8') : '';
      if (attempt >= 3) throw new Error(`${error instanceof Error ? error.message : String(error)}\n${log}`);
    }
  }

  const psql = path.join(bin, 'psql');
  const connection = ['-X', '-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1'];
  const major = Number(run(psql, [...connection, '-d', 'postgres', '-At', '-c', 'SHOW server_version_num']).trim().slice(0, -4));

  return {
    major,
    port,
    createDatabase(name) {
      run(psql, [...connection, '-d', 'postgres', '-c', `CREATE DATABASE "${name}"`]);
    },
    exec(database, sql) {
      return run(psql, [...connection, '-d', database], { input: sql });
    },
    applyFile(database, file) {
      run(psql, [...connection, '-d', database, '-f', file]);
    },
    queryJson<T>(database: string, sql: string): T {
      return JSON.parse(run(psql, [...connection, '-d', database, '-At', '-c', sql]).trim() || 'null') as T;
    },
    stop() {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], asPostgres);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Says loudly, in the test output, that a ground-truth test did not compare with PostgreSQL (a skipped test is easy to
 * miss in a summary line): `what` names what went unchecked.
 */
export function warnGroundTruthSkipped(what: string, reason: string | undefined): void {
  console.warn(`\n*** SKIPPED: ${what} was NOT checked against PostgreSQL: ${reason ?? 'no server'} ***\n`);
}
