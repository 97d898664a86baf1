// The split of `--shard i/n` (src/audit/shard.ts): deterministic, in range, balanced; the fingerprints the merge compares.
import { describe, expect, it } from 'vitest';

import { auditConfigSchema } from '../../src/audit/options.js';
import { configFingerprint, projectFingerprint, shardOf } from '../../src/audit/shard.js';

const paths = Array.from({ length: 10_000 }, (_, index) => `src/features/f${index % 97}/file-${index}.ts`);

describe('shardOf', () => {
  it('is a pure function of the relative path: pinned values (a changed hash would split old and new reports differently)', () => {
    expect([1, 2, 3, 4, 5].map((count) => shardOf('src/features/users/routes.ts', count))).toEqual([1, 2, 2, 2, 5]);
    expect(shardOf('src/a.ts', 1)).toBe(1);
  });

  it('stays within 1..n', () => {
    for (const count of [1, 2, 3, 7, 64]) {
      for (const file of paths.slice(0, 500)) {
        const shard = shardOf(file, count);
        expect(shard >= 1 && shard <= count && Number.isInteger(shard)).toBe(true);
      }
    }
  });

  it('balances 10,000 files over 8 shards within 10% of the mean', () => {
    const sizes = new Array<number>(8).fill(0);
    for (const file of paths) sizes[shardOf(file, 8) - 1]! += 1;
    for (const size of sizes) expect(Math.abs(size - 1250)).toBeLessThan(125);
  });
});

describe('fingerprints', () => {
  it('project: the set of files, whatever the listing order', () => {
    expect(projectFingerprint(['b.ts', 'a.ts'])).toBe(projectFingerprint(['a.ts', 'b.ts']));
    expect(projectFingerprint(['a.ts', 'b.ts'])).not.toBe(projectFingerprint(['a.ts', 'c.ts']));
    expect(projectFingerprint([])).toMatch(/^[0-9a-f]{64}$/);
  });

  it('config: key order does not count; values, rule options and a RegExp in them do', () => {
    const base = auditConfigSchema.parse({ ignore: ['x'], failOn: 'warning' });
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as typeof base;
    expect(configFingerprint(reordered)).toBe(configFingerprint(base));
    expect(configFingerprint({ ...base, failOn: 'error' })).not.toBe(configFingerprint(base));
    const withOption = (pattern: RegExp): typeof base => ({ ...base, rules: { 'fortress/no-console-log': ['error', { allow: pattern }] } });
    expect(configFingerprint(withOption(/a/))).not.toBe(configFingerprint(withOption(/b/)));
  });
});
