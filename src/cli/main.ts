// fortress-audit: argv → configuration → audit() → reporter → stdout or --output file → exit code.
// 0: nothing at or above --fail-on; 1: findings at or above it (or stale baseline entries with
// --fail-on-stale-baseline); 2: a usage, configuration or I/O error, as one line on stderr without a stack trace.
import { readFileSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import type { AuditCache } from '../audit/cache.js';
import { AuditInputError } from '../audit/errors.js';
import type { AuditOptions } from '../audit/options.js';
import { reporterFor, UnknownFormatError } from '../audit/report/index.js';
import { failsAt } from '../audit/result.js';
import type { AuditResult } from '../audit/types.js';
import { type CliArgs, type MergeArgs, parseCliArgs, parseMergeArgs, USAGE } from './args.js';
import { readBaseline, withBaseline, writeBaseline } from './baseline-io.js';
import { loadConfig } from './config.js';
import { CliError, firstLine } from './errors.js';
import { progressLine, type ProgressStream, writeFileAtomic } from './output.js';

export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: ProgressStream;
  stderr: ProgressStream;
}

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;


function useColor(args: CliArgs | MergeArgs, io: CliIo): boolean {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  return args.format === 'text' && args.output === undefined && io.stdout.isTTY === true && !noColor;
}

async function runAudit(args: CliArgs, io: CliIo): Promise<number> {
  const reporter = reporterFor(args.format);
  const root = path.resolve(io.cwd, args.dir);
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) throw new CliError(`${args.dir}: no such directory.`);
  const { config } = await loadConfig(root);
  const failOn = args.failOn ?? config.failOn;

  // Loaded only for a real run: --help and --version stay instant.
  const { audit } = await import('../audit/index.js');
  const git = await import('../audit/extract/git.js');
  const options: AuditOptions = { root, config };
  if (args.shard) options.shard = args.shard;
  const snapshot = args.staged ? await git.stagedSnapshot(root) : null;
  try {
    if (snapshot) {
      options.root = snapshot.root;
      options.gitRoot = root;
      options.reportOnly = snapshot.staged;
    } else if (args.changedSince !== undefined) {
      const changes = await git.changedSince(root, args.changedSince);
      options.reportOnly = changes.changed;
      options.deployedMigrations = changes.onRef;
    }
    const progress = progressLine(io.stderr);
    options.onProgress = progress.update;
    const cacheFile = args.cache ? await cacheFileOf(args.cache.location, root, io) : undefined;
    if (cacheFile !== undefined) {
      const { loadCache } = await import('../audit/cache.js');
      const loaded = await loadCache(cacheFile);
      if (loaded.problem !== undefined) io.stderr.write(`fortress-audit: notice: ${loaded.problem}.\n`);
      options.cache = loaded.cache;
    }
    let result: AuditResult;
    try {
      result = await audit(options);
    } finally {
      progress.done();
    }
    if (cacheFile !== undefined && options.cache) await saveCache(cacheFile, options.cache, io);
    if (args.baseline !== undefined) {
      const baselineFile = path.resolve(io.cwd, args.baseline);
      if (args.updateBaseline) await writeBaseline(baselineFile, result, options.root);
      result = await withBaseline(result, await readBaseline(baselineFile), args.baseline, { files: options.root, git: root }, options.reportOnly);
    }
    const report = reporter(result, { color: useColor(args, io) });
    if (args.output === undefined) io.stdout.write(report);
    else await writeFileAtomic(path.resolve(io.cwd, args.output), report);
    const stale = args.failOnStaleBaseline && (result.baseline?.stale.length ?? 0) > 0;
    return failsAt(result, failOn) || stale ? 1 : 0;
  } finally {
    await snapshot?.dispose();
  }
}

/**
 * `--cache-location`: a file, or a folder (an existing one, or a name ending in a separator) that gets `cache.json`;
 * relative to the working directory. Default: node_modules/.cache/fortress-audit/cache.json in the audited folder.
 */
async function cacheFileOf(location: string | undefined, root: string, io: CliIo): Promise<string> {
  const { defaultCacheFile } = await import('../audit/cache.js');
  if (location === undefined) return defaultCacheFile(root);
  const resolved = path.resolve(io.cwd, location);
  const isFolder = /[\\/]$/.test(location) || (await stat(resolved).catch(() => null))?.isDirectory() === true;
  return isFolder ? path.join(resolved, 'cache.json') : resolved;
}

/** Writes the cache atomically; a cache that cannot be written costs the next run its speed, not this run its report. */
async function saveCache(file: string, cache: AuditCache, io: CliIo): Promise<void> {
  const { serializeCache } = await import('../audit/cache.js');
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, serializeCache(cache));
  } catch (error) {
    io.stderr.write(`fortress-audit: notice: the cache was not written (${firstLine(error)}).\n`);
  }
}

/** `fortress-audit merge report.json…`: the shards' JSON reports as one report, with the exit code of an unsharded run. */
async function runMerge(args: MergeArgs, io: CliIo): Promise<number> {
  const reporter = reporterFor(args.format);
  const { mergeShardReports } = await import('../audit/merge.js');
  const reports = await Promise.all(
    args.reports.map(async (name) => {
      let text: string;
      try {
        text = await readFile(path.resolve(io.cwd, name), 'utf8');
      } catch (error) {
        throw new CliError(`cannot read ${name}: ${firstLine(error)}`);
      }
      try {
        return { name, report: JSON.parse(text) as unknown };
      } catch (error) {
        throw new CliError(`${name}: not valid JSON (${firstLine(error)}).`);
      }
    }),
  );
  const { result, failOn } = mergeShardReports(reports);
  const report = reporter(result, { color: useColor(args, io) });
  if (args.output === undefined) io.stdout.write(report);
  else await writeFileAtomic(path.resolve(io.cwd, args.output), report);
  return failsAt(result, args.failOn ?? failOn) ? 1 : 0;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    if (argv[0] === 'merge') {
      const args = parseMergeArgs(argv.slice(1));
      if (args.help) {
        io.stdout.write(`${USAGE}\n`);
        return 0;
      }
      return await runMerge(args, io);
    }
    const args = parseCliArgs(argv);
    if (args.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.version) {
      io.stdout.write(`fortress-audit ${version}\n`);
      return 0;
    }
    return await runAudit(args, io);
  } catch (error) {
    const known = error instanceof CliError || error instanceof UnknownFormatError || error instanceof AuditInputError;
    io.stderr.write(`fortress-audit: ${known ? '' : 'internal error: '}${firstLine(error)}\n`);
    return 2;
  }
}
