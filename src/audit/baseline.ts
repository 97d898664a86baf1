// The baseline: the findings a legacy project already has, so the gate fails only on new ones. Pure (the CLI reads
// and writes the file). An entry is keyed by rule, file and a fingerprint of the finding's line text and message, not
// by its line number, so edits that shift lines keep it; identical findings in one file are counted; an entry whose
// line's code changed still matches a finding of the same rule and message in the same file. A file moved
// since (git's rename detection, or the same content under a new path) keeps its entries. Entries no finding matches
// any more are stale: the fix is done and the baseline should shrink.
import { createHash } from 'node:crypto';

import { z } from 'zod';

import type { Finding, StaleBaselineEntry } from './types.js';

export const BASELINE_VERSION = 1;

export const baselineSchema = z.strictObject({
  version: z.literal(BASELINE_VERSION),
  /** The commit the baseline was written at, for git's rename detection; null outside git. */
  commit: z.string().nullable(),
  /** Content hash of each file that has entries, to follow a file moved without git. */
  files: z.record(z.string(), z.string()),
  entries: z.array(
    z.strictObject({
      ruleId: z.string(),
      file: z.string(),
      fingerprint: z.string(),
      message: z.string(),
      count: z.number().int().positive(),
    }),
  ),
});

export type Baseline = z.infer<typeof baselineSchema>;
export type BaselineEntry = Baseline['entries'][number];

/** The text of a line of a file (1-based), or undefined when unknown. */
export type LineText = (file: string, line: number) => string | undefined;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The same for a finding wherever its line moves: rule, the line's code without surrounding or repeated spaces, message. */
export function fingerprintOf(finding: Finding, lineText: LineText): string {
  const code = (lineText(finding.file, finding.line) ?? '').trim().replace(/\s+/g, ' ');
  return sha256(`${finding.ruleId}\0${code}\0${finding.message}`).slice(0, 20);
}

export function contentHash(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

const keyOf = (ruleId: string, file: string, fingerprint: string): string => `${ruleId}\0${file}\0${fingerprint}`;

/** A baseline listing every finding; `fileHashes` holds the content hash of each file with findings. */
export function createBaseline(findings: readonly Finding[], lineText: LineText, fileHashes: Readonly<Record<string, string>>, commit: string | null): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    const fingerprint = fingerprintOf(finding, lineText);
    const key = keyOf(finding.ruleId, finding.file, fingerprint);
    const entry = entries.get(key);
    if (entry) entry.count += 1;
    else entries.set(key, { ruleId: finding.ruleId, file: finding.file, fingerprint, message: finding.message, count: 1 });
  }
  const sorted = [...entries.values()].sort((a, b) => (a.file === b.file ? (a.fingerprint < b.fingerprint ? -1 : 1) : a.file < b.file ? -1 : 1));
  const files: Record<string, string> = {};
  for (const file of [...new Set(sorted.map((entry) => entry.file))].sort()) {
    const hash = fileHashes[file];
    if (hash !== undefined) files[file] = hash;
  }
  return { version: BASELINE_VERSION, commit, files, entries: sorted };
}

/**
 * Old path → new path for the baseline's files that no longer exist: git's renames first, then a current file with
 * the same content hash (a move without git).
 */
export function movedFiles(
  baseline: Baseline,
  exists: (file: string) => boolean,
  gitRenames: ReadonlyMap<string, string>,
  currentHashes: Readonly<Record<string, string>>,
): Map<string, string> {
  const byHash = new Map<string, string>();
  for (const [file, hash] of Object.entries(currentHashes)) if (!(file in baseline.files)) byHash.set(hash, file);
  const moved = new Map<string, string>();
  for (const [file, hash] of Object.entries(baseline.files)) {
    if (exists(file)) continue;
    const target = gitRenames.get(file) ?? byHash.get(hash);
    if (target !== undefined) moved.set(file, target);
  }
  return moved;
}

export interface BaselineOutcome {
  /** Findings the baseline does not list: the ones that count. */
  kept: Finding[];
  suppressed: number;
  stale: StaleBaselineEntry[];
}

/**
 * Splits the findings into known (listed, up to each entry's count) and new. `scope`, when set, is the set of files
 * this run looked at (`--staged`): entries of other files are neither matched nor stale.
 */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: Baseline,
  lineText: LineText,
  moved: ReadonlyMap<string, string> = new Map(),
  scope?: ReadonlySet<string>,
): BaselineOutcome {
  const budget = new Map<string, { entry: BaselineEntry; left: number }>();
  for (const entry of baseline.entries) {
    const file = moved.get(entry.file) ?? entry.file;
    if (scope && !scope.has(file)) continue;
    const key = keyOf(entry.ruleId, file, entry.fingerprint);
    const slot = budget.get(key);
    if (slot) slot.left += entry.count;
    else budget.set(key, { entry, left: entry.count });
  }
  // First pass: rule, file and fingerprint (the line's code) agree. Second pass, for what is left on both sides: rule,
  // file and message agree, because the line's code changed around a finding that stayed (a file-level finding on
  // line 1 after a new header, an edited argument list).
  let suppressed = 0;
  const unmatched: Finding[] = [];
  for (const finding of findings) {
    const slot = budget.get(keyOf(finding.ruleId, finding.file, fingerprintOf(finding, lineText)));
    if (slot && slot.left > 0) {
      slot.left -= 1;
      suppressed += 1;
    } else {
      unmatched.push(finding);
    }
  }
  const byMessage = new Map<string, Array<{ left: number }>>();
  for (const [key, slot] of budget) {
    if (slot.left === 0) continue;
    const messageKey = keyOf(slot.entry.ruleId, key.split('\0')[1]!, slot.entry.message);
    byMessage.set(messageKey, [...(byMessage.get(messageKey) ?? []), slot]);
  }
  const kept: Finding[] = [];
  for (const finding of unmatched) {
    const slot = byMessage.get(keyOf(finding.ruleId, finding.file, finding.message))?.find((candidate) => candidate.left > 0);
    if (slot) {
      slot.left -= 1;
      suppressed += 1;
    } else {
      kept.push(finding);
    }
  }
  const stale = [...budget.values()]
    .filter((slot) => slot.left > 0)
    .map(({ entry, left }) => ({ ruleId: entry.ruleId, file: entry.file, message: entry.message, count: left }));
  return { kept, suppressed, stale };
}
