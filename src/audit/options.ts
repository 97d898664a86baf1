// What `audit()` is given: the audited directory, its validated configuration, and what the CLI's git modes decided.
// The configuration file's schema (zod) is the single source of the AuditConfig type.
import { z } from 'zod';

import type { AuditCache } from './cache.js';

export const FAIL_ON = ['error', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** `fortress.config.{json,js,mjs}` or the `fortress` key of package.json. Unknown keys are errors. */
export const auditConfigSchema = z
  .strictObject({
    /** Folders (globs, relative to the audited dir) whose files are source; default: the whole project minus ignores. */
    sourceRoots: z.array(z.string().min(1)).default([]),
    /** Globs of SQL migration files, relative to the audited dir. */
    migrationGlobs: z.array(z.string().min(1)).default([]),
    /** The migrations' database. Only PostgreSQL is analysed; a set for another database is skipped and named. */
    dialect: z.enum(['postgresql']).default('postgresql'),
    /** Globs never read (node_modules, dist, build, coverage and .git are always ignored). */
    ignore: z.array(z.string().min(1)).default([]),
    /** The lowest severity that makes the run fail (exit 1). */
    failOn: z.enum(FAIL_ON).default('error'),
    /** Options of the plugin's rules, as in an ESLint config: `{ "fortress/no-console-log": ["error", { … }] }` or `"off"`. */
    rules: z.record(z.string().regex(/^fortress\//), z.unknown()).default({}),
  });

export type AuditConfig = z.infer<typeof auditConfigSchema>;

/** One shard of a split run: the `i` and `n` of `--shard i/n`. */
export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

export interface AuditOptions {
  /** Absolute path of the audited directory. */
  root: string;
  /** Validated configuration, defaults applied (`auditConfigSchema.parse({})` for none). */
  config: AuditConfig;
  /**
   * When set, only findings in these files (relative posix paths) are reported (`--staged`, `--changed-since`);
   * the schema model and the module graph still read the whole project.
   */
  reportOnly?: ReadonlySet<string>;
  /** Migration files (relative posix) already deployed (on the base ref of `--changed-since`); undefined when unknown. */
  deployedMigrations?: ReadonlySet<string>;
  /**
   * The folder git commands run in, when `root` is not a git work tree itself but a snapshot of the index
   * (`--staged`); default: `root`. Relative paths are the same in both.
   */
  gitRoot?: string;
  /**
   * One shard of a split run (`--shard i/n`): lint only the targets this shard owns, extract the project-wide facts
   * only in shard 1, and return them in `result.shard` for `fortress-audit merge` (src/audit/shard.ts).
   */
  shard?: ShardSpec;
  /**
   * The content-hash cache (`--cache`, ./cache.ts): entries whose key matches are reused, the others recomputed and
   * stored in it. The audit only updates the object; the CLI reads and writes the file.
   */
  cache?: AuditCache;
  /** Called as files are parsed (for a progress line); the audit itself prints nothing. */
  onProgress?: (done: number, total: number) => void;
}
