// Splitting the audit over machines (`--shard i/n`) and putting it back together (`fortress-audit merge`).
//
// Per file: the plugin rules' ESLint pass, the cost that grows with the project; each shard lints the lint targets a
// stable hash of their relative posix path assigns to it (the same on every machine, OS and file system, and a file
// added to the project moves no other file). Project-wide: the endpoint inventory, the module graph, the schema model
// and the secrets scan need every file; shard 1 extracts them. The five checks' verdicts need both, so the merge
// re-runs the checks on the union of the shards' rule findings and shard 1's facts: a merged report is the report
// of an unsharded run.
import { createHash } from 'node:crypto';

import type { AuditConfig } from './options.js';

/** The shard (1-based) that owns `file` (a relative posix path) in a split into `count`. */
export function shardOf(file: string, count: number): number {
  return (createHash('sha256').update(file).digest().readUInt32BE(0) % count) + 1;
}

/** Identifies the audited tree: the sorted list of its files. */
export function projectFingerprint(files: readonly string[]): string {
  return createHash('sha256').update([...files].sort().join('\n')).digest('hex');
}

/** Identifies the configuration, rule options included (a RegExp or function of a .js config by its source). */
export function configFingerprint(config: AuditConfig): string {
  const stable = (value: unknown): unknown => {
    if (value instanceof RegExp || typeof value === 'function') return `${String(value)}`;
    if (Array.isArray(value)) return value.map(stable);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value).sort().map((key) => [key, stable((value as Record<string, unknown>)[key])]));
    }
    return value;
  };
  return createHash('sha256').update(JSON.stringify(stable(config))).digest('hex');
}
