// fortress-audit's engine: the Cognitive Audit Cycle over one project. Lists the files, runs the plugin's rules
// through ESLint, extracts the project-wide facts, runs the five checks and returns the result. Prints nothing,
// writes nothing, exits nothing (only the CLI does); a bad file is a notice, never a throw.
import { stat } from 'node:fs/promises';

import picomatch from 'picomatch';

import { checks } from './checks/index.js';
import { AuditInputError } from './errors.js';
import { isLintedFile, runRules } from './extract/eslint.js';
import { listProjectFiles } from './extract/files.js';
import { gitVisibleFiles, isGitRepository } from './extract/git.js';
import type { ExtractInput } from './extract/input.js';
import { extractModuleGraph, type ModuleGraphFacts } from './extract/module-graph.js';
import { createParsedSources, extractProject, type ProjectFacts } from './extract/project.js';
import { createSchemaVisitor, extractSchema, type SchemaFacts } from './extract/schema.js';
import { createEnvVisitor, extractSecrets, type SecretFacts } from './extract/secrets.js';
import { emptyFacts, errorText, judge } from './judge.js';
import type { AuditOptions } from './options.js';
import { keepFindings } from './result.js';
import { configFingerprint, projectFingerprint, shardOf } from './shard.js';
import type { AuditResult, Notice } from './types.js';

export { AuditInputError } from './errors.js';
export { RuleConfigError } from './extract/eslint.js';
export type { AuditOptions } from './options.js';
export type { AuditResult } from './types.js';
export { TOOL, judge, type AuditFacts } from './judge.js';

/** An extractor that throws costs its own facts only: a notice names it and the other checks run. */
async function guarded<T>(name: string, notices: Notice[], empty: T, extract: () => Promise<T>): Promise<T> {
  try {
    return await extract();
  } catch (error) {
    notices.push({ file: null, message: `The ${name} could not be read (${errorText(error)}); the checks that use it ran without it.` });
    return empty;
  }
}

function globMatcher(globs: readonly string[]): ((file: string) => boolean) | null {
  if (globs.length === 0) return null;
  const matchers = globs.map((glob) => {
    const pattern = glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/$/, '');
    return picomatch(/[*?[{]/.test(pattern) && !pattern.endsWith('**') ? pattern : [pattern, `${pattern}/**`], { dot: true });
  });
  return (file) => matchers.some((matches) => matches(file));
}

/** The files ESLint lints: TS/JS under the source roots, SQL under the migration globs (everything when unset). */
function lintTargets(options: AuditOptions, files: readonly string[]): string[] {
  const inSource = globMatcher(options.config.sourceRoots);
  const inMigrations = globMatcher(options.config.migrationGlobs);
  return files.filter((file) => {
    if (!isLintedFile(file)) return false;
    if (options.reportOnly && !options.reportOnly.has(file)) return false;
    const matcher = file.toLowerCase().endsWith('.sql') ? inMigrations : inSource;
    return matcher === null || matcher(file);
  });
}

export async function audit(options: AuditOptions): Promise<AuditResult> {
  const { root, config } = options;
  const info = await stat(root).catch(() => null);
  if (!info) throw new AuditInputError(`${root}: no such directory.`);
  if (!info.isDirectory()) throw new AuditInputError(`${root}: not a directory.`);

  const notices: Notice[] = [];
  // In a git work tree, what .gitignore excludes (build output, local files) is not the project. A staged snapshot is
  // not a work tree: it holds the index, which is exactly the project.
  const gitVisible = options.gitRoot === undefined ? await gitVisibleFiles(root) : null;
  const files = await listProjectFiles(root, config.ignore, notices, gitVisible);
  const input: ExtractInput = { root, config, files, notices };
  if (options.deployedMigrations) input.deployedMigrations = options.deployedMigrations;
  if (options.gitRoot !== undefined) input.gitRoot = options.gitRoot;
  input.gitAvailable = options.gitRoot === undefined ? gitVisible !== null : await isGitRepository(options.gitRoot);
  if (!input.gitAvailable) {
    notices.push({ file: null, message: 'Not a git repository (or git is not installed): the facts that need git (files tracked by git) are not checked.' });
  }

  const ruleIds = [...new Set([...checks.values()].flatMap((check) => check.meta.ruleIds))];
  // One parse per TS/JS file: the extractors' collectors run inside the rules' ESLint pass, and the inventory keeps
  // the SourceCode of the files it starts from; a file outside the lint targets is parsed by its extractor.
  const parsedSources = createParsedSources();
  const schemaVisitor = createSchemaVisitor();
  const envVisitor = createEnvVisitor();
  const collectors = [parsedSources.collector, schemaVisitor.collector, envVisitor.collector];
  const texts = new Map<string, string>();
  const shard = options.shard;
  // A shard lints the targets it owns; the project-wide facts (which read every file) are shard 1's.
  const targets = lintTargets(options, files).filter((file) => shard === undefined || shardOf(file, shard.count) === shard.index);
  const ruleFindings = await runRules(input, { ruleIds, files: targets, onProgress: options.onProgress, collectors, texts });
  input.texts = texts;
  let facts = emptyFacts();
  if (shard === undefined || shard.index === 1) {
    const [project, moduleGraph, schema, secrets] = await Promise.all([
      guarded<ProjectFacts>('endpoint inventory', notices, emptyFacts().project, () => extractProject(input, parsedSources.sourceCodes)),
      guarded<ModuleGraphFacts>('module graph', notices, emptyFacts().moduleGraph, () => extractModuleGraph(input)),
      guarded<SchemaFacts>('schema model', notices, emptyFacts().schema, () => extractSchema(input, schemaVisitor)),
      guarded<SecretFacts>('secrets scan', notices, emptyFacts().secrets, () => extractSecrets(input, envVisitor)),
    ]);
    facts = { project, moduleGraph, schema, secrets };
  }
  const result = judge(config, ruleFindings, facts, notices);
  if (shard !== undefined) {
    result.shard = {
      index: shard.index,
      count: shard.count,
      project: projectFingerprint(files),
      config: configFingerprint(config),
      failOn: config.failOn,
      files: targets,
      ruleFindings,
    };
    if (shard.index === 1) result.shard.facts = facts;
  }
  const reportOnly = options.reportOnly;
  return keepFindings(result, (finding) => reportOnly === undefined || reportOnly.has(finding.file));
}
