// A check answers one question of the Cognitive Audit Cycle: a pure function of the extracted facts (no I/O).
import type { ModuleGraphFacts } from '../extract/module-graph.js';
import type { ProjectFacts } from '../extract/project.js';
import type { SchemaFacts } from '../extract/schema.js';
import type { SecretFacts } from '../extract/secrets.js';
import type { AuditConfig } from '../options.js';
import type { CheckId, Endpoint, Finding, ModuleNode, Table } from '../types.js';

export interface AuditContext {
  /**
   * No check reads it today. The merge of a split run (../merge.ts) has only the configuration's fingerprint and
   * failOn: a check that reads the configuration must have the shard reports carry what it reads.
   */
  config: AuditConfig;
  /** Findings of the plugin's rules (ESLint Node API) over the project, for the rules the checks name in `meta.ruleIds`. */
  ruleFindings: readonly Finding[];
  project: ProjectFacts;
  moduleGraph: ModuleGraphFacts;
  schema: SchemaFacts;
  secrets: SecretFacts;
}

export interface CheckOutput {
  findings: Finding[];
  /** The inventory parts of the report; each is produced by exactly one check. */
  endpoints?: Endpoint[];
  tables?: Table[];
  modules?: ModuleNode[];
}

export interface Check {
  meta: {
    id: CheckId;
    title: string;
    /** docs/checks/<id>.md on the repository. */
    docsUrl: string;
    /** The plugin rules (`fortress/<rule>`) whose per-file findings belong to this question. */
    ruleIds: readonly string[];
  };
  run(context: AuditContext): CheckOutput;
}
