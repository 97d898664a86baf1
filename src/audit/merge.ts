// `fortress-audit merge`: the JSON reports of the shards of one split run (`--shard i/n`) back into the report an
// unsharded run gives. The checks run again on the union of the shards' rule findings and shard 1's project-wide
// facts (./shard.ts says why). Reports that are not the complete set of one run are refused, never half-merged.
import { z } from 'zod';

import { AuditInputError } from './errors.js';
import { judge, TOOL, type AuditFacts } from './judge.js';
import { auditConfigSchema, FAIL_ON, type FailOn } from './options.js';
import type { AuditResult, Finding, Notice, ShardReport } from './types.js';

/** Reports that cannot be merged (not shard reports, another version, another project, an incomplete set): exit 2. */
export class MergeError extends AuditInputError {}

const position = z.number().int().positive();
const finding = z.object({
  ruleId: z.string().min(1),
  severity: z.enum(['error', 'warning']),
  file: z.string(),
  line: position,
  column: position,
  endLine: position.optional(),
  endColumn: position.optional(),
  message: z.string(),
});
const list = z.array(z.unknown());
const shardSchema = z.object({
  index: z.number().int().positive(),
  count: z.number().int().positive(),
  project: z.string().regex(/^[0-9a-f]{64}$/),
  config: z.string().regex(/^[0-9a-f]{64}$/),
  failOn: z.enum(FAIL_ON),
  files: z.array(z.string()),
  ruleFindings: z.array(finding),
  facts: z
    .object({
      project: z.object({ endpoints: list }),
      moduleGraph: z.object({ modules: list, crossModuleImports: list, cycles: list }),
      schema: z.object({ tables: list, queries: list.optional() }),
      secrets: z.object({ secrets: list, trackedEnvFiles: list.optional(), envModules: list.optional(), envReads: list.optional() }),
    })
    .optional(),
});
const shardReportSchema = z.object({
  tool: z.object({ name: z.string(), version: z.string() }),
  notices: z.array(z.object({ file: z.string().nullable(), message: z.string() })).optional(),
  shard: shardSchema.optional(),
});

/** One report as read from a file: `name` is how errors refer to it (the path as given). */
export interface NamedReport {
  name: string;
  report: unknown;
}

interface ShardOf {
  name: string;
  shard: ShardReport;
  notices: Notice[];
}

function validated({ name, report }: NamedReport): ShardOf {
  const parsed = shardReportSchema.safeParse(report);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MergeError(`${name}: not a fortress-audit shard report (${issue ? `${issue.path.join('.') || 'report'}: ${issue.message}` : 'invalid'}).`);
  }
  const { tool, shard } = parsed.data;
  if (tool.name !== TOOL.name) throw new MergeError(`${name}: a report of ${tool.name}, not of ${TOOL.name}.`);
  if (tool.version !== TOOL.version) {
    throw new MergeError(`${name}: written by fortress-audit ${tool.version}, this is ${TOOL.version}; run every shard and the merge with one version.`);
  }
  if (!shard) throw new MergeError(`${name}: not a shard report (no "shard" field); write each with fortress-audit --shard i/n --format json.`);
  if (shard.index > shard.count) throw new MergeError(`${name}: shard ${shard.index}/${shard.count} does not exist.`);
  // The report as written (zod's copy orders keys as the schema does): a merged report is byte for byte an unsharded one.
  const raw = report as { shard: ShardReport; notices?: Notice[] };
  return { name, shard: raw.shard, notices: raw.notices ?? [] };
}

function sameEverywhere(shards: readonly ShardOf[], key: 'project' | 'config' | 'count', what: string): void {
  const first = shards[0]!;
  const other = shards.find((entry) => entry.shard[key] !== first.shard[key]);
  if (other) throw new MergeError(`${first.name} and ${other.name} ${what}; merge the shards of one run only.`);
}

/** The merged result, and the `failOn` of the configuration the shards ran with (the exit code an unsharded run has). */
export function mergeShardReports(reports: readonly NamedReport[]): { result: AuditResult; failOn: FailOn } {
  if (reports.length === 0) throw new MergeError('no report to merge.');
  const shards = reports.map(validated);
  sameEverywhere(shards, 'project', 'audited different file trees (another project or another checkout)');
  sameEverywhere(shards, 'config', 'ran with different configurations');
  sameEverywhere(shards, 'count', `split the run differently (${shards.map((entry) => `${entry.shard.index}/${entry.shard.count}`).join(', ')})`);
  const count = shards[0]!.shard.count;
  const byIndex = new Map<number, ShardOf>();
  for (const entry of shards) {
    const seen = byIndex.get(entry.shard.index);
    if (seen) throw new MergeError(`${seen.name} and ${entry.name} are both shard ${entry.shard.index}/${count}.`);
    byIndex.set(entry.shard.index, entry);
  }
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) throw new MergeError(`incomplete set: shard${missing.length === 1 ? '' : 's'} ${missing.map((index) => `${index}/${count}`).join(', ')} missing.`);
  const first = byIndex.get(1)!;
  if (!first.shard.facts) throw new MergeError(`${first.name}: shard 1/${count} carries no project-wide facts.`);

  const ruleFindings: Finding[] = shards.flatMap((entry) => entry.shard.ruleFindings);
  const notices: Notice[] = shards.flatMap((entry) => entry.notices);
  // Checks read no configuration today; the failOn is the part the merge needs (AuditContext.config).
  const config = auditConfigSchema.parse({ failOn: first.shard.failOn });
  const result = judge(config, ruleFindings, first.shard.facts as unknown as AuditFacts, notices);
  return { result, failOn: first.shard.failOn };
}
