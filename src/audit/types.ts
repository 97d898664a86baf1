// The audit's data: one finding record for every front end, and the serialisable AuditResult that every reporter
// reads. The JSON reporter prints AuditResult as it is, so this file IS the public JSON contract
// (../shared/DESIGN.md, "fortress-audit JSON report"): extend it, never break it.

export type Severity = 'error' | 'warning';

/** One finding, from an ESLint rule or from a project-wide check. */
export interface Finding {
  /** `fortress/<rule>` for findings of the plugin's rules; `<check-id>/<what>` for project-wide findings. */
  ruleId: string;
  severity: Severity;
  /** Relative to the audited directory, with `/` separators. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine?: number;
  endColumn?: number;
  /** One sentence naming the problem and the fix. Never contains a secret in clear: at most its first 4 characters, then `****`. */
  message: string;
}

/** The five questions of the Cognitive Audit Cycle (guideline 000), in the order the report shows them. */
export const CHECK_IDS = ['feature-slices', 'input-validation', 'indexes', 'primary-keys', 'secrets'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface CheckResult {
  id: CheckId;
  title: string;
  status: CheckStatus;
  findings: Finding[];
}

export interface Endpoint {
  /** Upper case (`GET`, `POST`…); `ALL` for a handler of every method. */
  method: string;
  /** The full path as the framework composes it across files (router prefixes, global prefix, versions). */
  path: string;
  file: string;
  line: number;
  /** The feature slice (module) the handler lives in, or null outside any slice. */
  slice: string | null;
  validated: boolean;
}

export type PrimaryKeyVerdict = 'pass' | 'warn' | 'fail';

export interface TablePrimaryKey {
  columns: string[];
  /** The key's type as written (`uuid`, `bigint`…); for a composite key the types joined by `, `. */
  type: string | null;
  /** The default expression as written (`uuidv7()`, `gen_random_uuid()`, `identity`), or null. */
  default: string | null;
  verdict: PrimaryKeyVerdict;
}

export interface Table {
  name: string;
  /** null: the table has no primary key. */
  primaryKey: TablePrimaryKey | null;
}

/** A feature module (slice) and the modules it imports, for the module-graph diagram. */
export interface ModuleNode {
  name: string;
  /** Names of the modules this one imports, sorted. */
  dependsOn: string[];
}

/** Something the audit could not read or chose to skip (an unreadable file, a migration set for another database), named once. */
export interface Notice {
  /** Relative posix path, or null for the project as a whole. */
  file: string | null;
  message: string;
}

export interface AuditResult {
  tool: { name: string; version: string };
  summary: { errors: number; warnings: number };
  checks: CheckResult[];
  endpoints: Endpoint[];
  tables: Table[];
  /** Extensions of the contract (optional for readers of older reports). */
  modules?: ModuleNode[];
  notices?: Notice[];
  /** Present when the run used `--baseline`: how many findings it hid, and its entries no finding matches any more. */
  baseline?: BaselineSummary;
  /** Present in the report of one shard of a split run (`--shard i/n`): what `fortress-audit merge` needs. */
  shard?: ShardReport;
}

/**
 * One shard's share of a split run. The shard lints the lint targets its index owns (a stable hash of each relative
 * path); shard 1 also extracts the project-wide facts. The merge re-runs the five checks on the union, so a merged
 * report equals an unsharded one.
 */
export interface ShardReport {
  /** 1-based. */
  index: number;
  count: number;
  /** sha256 of the project's file list (relative posix paths, sorted): the shards of one run audited the same tree. */
  project: string;
  /** sha256 of the effective configuration: the shards of one run used the same one. */
  config: string;
  /** The configuration's `failOn`, so that the merge exits as an unsharded run would. */
  failOn: 'error' | 'warning' | 'never';
  /** The lint targets this shard owns (relative posix paths, sorted). */
  files: string[];
  /** The plugin rules' findings on those files, before the checks (messages redacted). */
  ruleFindings: Finding[];
  /** The project-wide facts the checks read (endpoint inventory, module graph, schema model, secrets scan); shard 1 only. */
  facts?: ShardFacts;
}

/** The extractors' project-wide facts as the checks read them (src/audit/extract/*: EndpointFact, TableFact…), as JSON. */
export interface ShardFacts {
  project: { endpoints: unknown[] };
  moduleGraph: { modules: unknown[]; crossModuleImports: unknown[]; cycles: unknown[] };
  schema: { tables: unknown[]; queries?: unknown[] };
  secrets: { secrets: unknown[]; trackedEnvFiles?: unknown[]; envModules?: unknown[]; envReads?: unknown[] };
}

/** A baseline entry that no current finding matches (the finding was fixed): the baseline should shrink. */
export interface StaleBaselineEntry {
  ruleId: string;
  file: string;
  message: string;
  /** How many of this entry's occurrences are gone. */
  count: number;
}

export interface BaselineSummary {
  /** The baseline file as given on the command line. */
  file: string;
  /** Findings hidden because the baseline lists them. */
  suppressed: number;
  stale: StaleBaselineEntry[];
}
