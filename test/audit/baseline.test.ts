import { describe, expect, it } from 'vitest';

import { applyBaseline, createBaseline, type LineText, movedFiles } from '../../src/audit/baseline.js';
import type { Finding } from '../../src/audit/types.js';

const finding = (file: string, line: number, ruleId = 'fortress/no-uuid-v4', message = 'Use UUIDv7.'): Finding => ({
  ruleId,
  severity: 'error',
  file,
  line,
  column: 1,
  message,
});

/** Files as arrays of lines. */
const linesOf =
  (files: Record<string, string[]>): LineText =>
  (file, line) =>
    files[file]?.[line - 1];

describe('baseline', () => {
  const before = { 'src/a.ts': ['import { v4 } from "uuid";', 'const id = v4();', 'const other = v4();'] };
  const baseline = createBaseline([finding('src/a.ts', 2), finding('src/a.ts', 3)], linesOf(before), { 'src/a.ts': 'hash-a' }, 'abc123');

  it('hides the findings it lists', () => {
    const outcome = applyBaseline([finding('src/a.ts', 2), finding('src/a.ts', 3)], baseline, linesOf(before));
    expect(outcome).toEqual({ kept: [], suppressed: 2, stale: [] });
  });

  it('survives edits that shift lines (whitespace changes too)', () => {
    const after = { 'src/a.ts': ['// a new header', '', 'import { v4 } from "uuid";', '  const   id = v4();', 'const other = v4();'] };
    const outcome = applyBaseline([finding('src/a.ts', 4), finding('src/a.ts', 5)], baseline, linesOf(after));
    expect(outcome.kept).toEqual([]);
    expect(outcome.suppressed).toBe(2);
  });

  it('reports a new finding as new, even on a line that looks like a known one elsewhere', () => {
    const after = { 'src/a.ts': [...before['src/a.ts'], 'const third = v4();'] };
    const outcome = applyBaseline([finding('src/a.ts', 2), finding('src/a.ts', 3), finding('src/a.ts', 4)], baseline, linesOf(after));
    expect(outcome.kept).toEqual([finding('src/a.ts', 4)]);
  });

  it('counts identical findings: a second copy of a known line is new', () => {
    const twice = { 'src/b.ts': ['const id = v4();', 'const id = v4();'] };
    const one = createBaseline([finding('src/b.ts', 1)], linesOf(twice), {}, null);
    expect(one.entries[0]!.count).toBe(1);
    const outcome = applyBaseline([finding('src/b.ts', 1), finding('src/b.ts', 2)], one, linesOf(twice));
    expect(outcome.kept).toEqual([finding('src/b.ts', 2)]);
  });

  it('reports fixed entries as stale, with how many occurrences are gone', () => {
    const outcome = applyBaseline([finding('src/a.ts', 2)], baseline, linesOf(before));
    expect(outcome.stale).toEqual([{ ruleId: 'fortress/no-uuid-v4', file: 'src/a.ts', message: 'Use UUIDv7.', count: 1 }]);
  });

  it('an entry whose line changed still matches a finding of the same rule and message in the same file', () => {
    const layers = finding('src/a.ts', 1, 'fortress/no-horizontal-layers', 'Move the file into its slice.');
    const known = createBaseline([layers], linesOf(before), {}, null);
    const edited = { 'src/a.ts': ['// a new first line', ...before['src/a.ts']] };
    expect(applyBaseline([layers], known, linesOf(edited))).toEqual({ kept: [], suppressed: 1, stale: [] });
    expect(applyBaseline([layers, { ...layers, line: 2 }], known, linesOf(edited)).kept).toHaveLength(1);
  });

  it('a different message or rule on the same line is a different finding', () => {
    const outcome = applyBaseline([finding('src/a.ts', 2, 'fortress/no-uuid-v4', 'Another message.'), finding('src/a.ts', 3, 'fortress/no-console-log')], baseline, linesOf(before));
    expect(outcome.kept).toHaveLength(2);
    expect(outcome.stale).toHaveLength(2);
  });

  it('follows a moved file: by git rename, or by the same content under a new path', () => {
    const moved = { 'src/features/a.ts': before['src/a.ts'] };
    const findings = [finding('src/features/a.ts', 2), finding('src/features/a.ts', 3)];
    const exists = (file: string): boolean => file in moved;
    const byGit = movedFiles(baseline, exists, new Map([['src/a.ts', 'src/features/a.ts']]), {});
    expect(applyBaseline(findings, baseline, linesOf(moved), byGit)).toEqual({ kept: [], suppressed: 2, stale: [] });
    const byHash = movedFiles(baseline, exists, new Map(), { 'src/features/a.ts': 'hash-a' });
    expect(byHash).toEqual(new Map([['src/a.ts', 'src/features/a.ts']]));
    expect(movedFiles(baseline, exists, new Map(), { 'src/features/a.ts': 'other' })).toEqual(new Map());
    expect(applyBaseline(findings, baseline, linesOf(moved)).kept).toHaveLength(2);
  });

  it('with a scope (--staged), entries of files outside it are neither matched nor stale', () => {
    const outcome = applyBaseline([], baseline, linesOf(before), new Map(), new Set(['src/other.ts']));
    expect(outcome).toEqual({ kept: [], suppressed: 0, stale: [] });
  });
});
