// The baseline file on disk: read and validated, written atomically, and applied to a result (src/audit/baseline.ts
// does the matching; this reads the lines, hashes the files and asks git for renames).
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { applyBaseline, type Baseline, baselineSchema, contentHash, createBaseline, type LineText, movedFiles } from '../audit/baseline.js';
import { headCommit, renamesSince } from '../audit/extract/git.js';
import { keepFindings } from '../audit/result.js';
import type { AuditResult, Finding } from '../audit/types.js';
import { describeConfigIssues } from './config.js';
import { CliError, firstLine } from './errors.js';
import { writeFileAtomic } from './output.js';

/** Lines of the audited files, read once each. */
function lineReader(root: string): LineText {
  const cache = new Map<string, string[] | null>();
  return (file, line) => {
    let lines = cache.get(file);
    if (lines === undefined) {
      try {
        lines = readFileSync(path.join(root, file), 'utf8').split(/\r?\n/);
      } catch {
        lines = null;
      }
      cache.set(file, lines);
    }
    return lines?.[line - 1];
  };
}

function hashes(root: string, files: Iterable<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of files) {
    try {
      out[file] = contentHash(readFileSync(path.join(root, file)));
    } catch {
      // A file that cannot be read has no hash: it cannot be followed if moved.
    }
  }
  return out;
}

const allFindings = (result: AuditResult): Finding[] => result.checks.flatMap((check) => check.findings);

export async function readBaseline(file: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CliError(missing ? `baseline ${file} does not exist: create it with --update-baseline.` : `cannot read baseline ${file}: ${firstLine(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`baseline ${file} is not valid JSON: ${firstLine(error)}`);
  }
  const parsed = baselineSchema.safeParse(json);
  if (!parsed.success) throw new CliError(describeConfigIssues(`baseline ${file}`, parsed.error).replace('invalid configuration in ', 'invalid '));
  return parsed.data;
}

export async function writeBaseline(file: string, result: AuditResult, root: string): Promise<void> {
  const findings = allFindings(result);
  const baseline = createBaseline(findings, lineReader(root), hashes(root, new Set(findings.map((finding) => finding.file))), await headCommit(root));
  await writeFileAtomic(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** The result without the findings the baseline lists, with the baseline's summary (hidden count, stale entries). */
export async function withBaseline(
  result: AuditResult,
  baseline: Baseline,
  label: string,
  roots: { files: string; git: string },
  scope?: ReadonlySet<string>,
): Promise<AuditResult> {
  const root = roots.files;
  const findings = allFindings(result);
  const gitRenames = baseline.commit === null ? new Map<string, string>() : await renamesSince(roots.git, baseline.commit);
  const candidates = new Set(findings.map((finding) => finding.file));
  const moved = movedFiles(baseline, (file) => existsSync(path.join(root, file)), gitRenames, hashes(root, candidates));
  const outcome = applyBaseline(findings, baseline, lineReader(root), moved, scope);
  const kept = new Set(outcome.kept);
  return { ...keepFindings(result, (finding) => kept.has(finding)), baseline: { file: label, suppressed: outcome.suppressed, stale: outcome.stale } };
}
