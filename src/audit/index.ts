// fortress-audit's engine: the Cognitive Audit Cycle over one project. Lists the files, runs the plugin's rules
// through ESLint, extracts the project-wide facts, runs the five checks and returns the result. Prints nothing,
// writes nothing, exits nothing (only the CLI does); a bad file is a notice, never a throw.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import picomatch from 'picomatch';

import { eachLimited, kindOf, runKeys, type RunKeys, sha256 } from './cache.js';
import { checks } from './checks/index.js';
import { AuditInputError } from './errors.js';
import { isLintedFile, type RuleRun, runRules } from './extract/eslint.js';
import { listProjectFiles } from './extract/files.js';
import { gitTrackedList, gitVisibleFiles, isGitRepository } from './extract/git.js';
import type { ExtractInput } from './extract/input.js';
import { extractModuleGraph, type ModuleGraphFacts } from './extract/module-graph.js';
import { createParsedSources, extractProject, type ProjectFacts } from './extract/project.js';
import { createSchemaVisitor, extractSchema, type SchemaFacts } from './extract/schema.js';
import { createEnvVisitor, extractSecrets, type SecretFacts } from './extract/secrets.js';
import { emptyFacts, errorText, judge, TOOL } from './judge.js';
import type { AuditOptions } from './options.js';
import { keepFindings } from './result.js';
import { configFingerprint, projectFingerprint, shardOf } from './shard.js';
import type { AuditResult, Finding, Notice } from './types.js';

export { AuditInputError } from './errors.js';
export { RuleConfigError } from './extract/eslint.js';
export type { AuditOptions } from './options.js';
export { defaultCacheFile, emptyCache, loadCache, serializeCache, type AuditCache } from './cache.js';
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

/** The cache's keys for this run: every file hashed (the TS/JS texts kept for the extractors, as the pass would). */
async function cacheKeys(input: ExtractInput, options: AuditOptions, texts: Map<string, string>): Promise<RunKeys> {
  const hashes = new Map<string, string>();
  await eachLimited(input.files, 64, async (file) => {
    const bytes = await readFile(path.join(input.root, file)).catch(() => null);
    hashes.set(file, bytes === null ? 'unreadable' : sha256(bytes));
    if (bytes !== null && kindOf(file) === 'ts') texts.set(file, bytes.toString('utf8'));
  });
  return runKeys({
    toolVersion: TOOL.version,
    nodeVersion: process.version,
    config: configFingerprint(options.config),
    deployed: options.deployedMigrations ? [...options.deployedMigrations].sort() : null,
    gitAvailable: input.gitAvailable === true,
    tracked: input.gitAvailable === true ? await gitTrackedList(input.gitRoot ?? input.root) : null,
    hashes: new Map([...hashes].sort(([a], [b]) => (a < b ? -1 : 1))),
    texts,
  });
}

/** The rules' findings and notices of one lint target. */
interface FileResult {
  findings: Finding[];
  notices: Notice[];
}

/**
 * The rules' findings on the targets: from the cache when a target's key matches, else from the ESLint pass (whose
 * collectors feed the extractors). In target order whatever came from where, so a warm run equals a cold one.
 */
async function ruleResults(input: ExtractInput, options: AuditOptions, targets: readonly string[], pass: Omit<RuleRun, 'files'>, keys: RunKeys | null): Promise<FileResult[]> {
  const cache = options.cache;
  const results = new Map<string, FileResult>();
  const toLint = targets.filter((file) => {
    const entry = keys ? cache?.files.get(file) : undefined;
    if (entry === undefined || entry.key !== keys?.fileKey(file)) return true;
    results.set(file, entry);
    return false;
  });
  const linted = new Set(toLint);
  const passNotices: Notice[] = [];
  const findings = await runRules({ ...input, notices: passNotices }, { ...pass, files: toLint });
  for (const file of toLint) results.set(file, { findings: [], notices: [] });
  for (const finding of findings) results.get(finding.file)?.findings.push(finding);
  for (const notice of passNotices) {
    const owner = notice.file === null ? undefined : results.get(notice.file);
    if (owner && linted.has(notice.file!)) owner.notices.push(notice);
    else input.notices.push(notice);
  }
  if (cache && keys) {
    for (const file of toLint) cache.files.set(file, { key: keys.fileKey(file), ...results.get(file)! });
    cache.stats.filesReused += targets.length - toLint.length;
    cache.stats.filesLinted += toLint.length;
  }
  return targets.map((file) => results.get(file)!);
}

type FactName = keyof RunKeys['facts'];

/** One project-wide fact: from the cache when its key matches, else extracted (guarded), with the notices it raised. */
async function fact<T>(
  name: FactName,
  label: string,
  input: ExtractInput,
  options: AuditOptions,
  keys: RunKeys | null,
  empty: T,
  extract: (input: ExtractInput) => Promise<T>,
): Promise<{ value: T; notices: Notice[] }> {
  const cache = options.cache;
  const entry = keys ? cache?.facts.get(name) : undefined;
  if (cache && keys && entry?.key === keys.facts[name]) {
    cache.stats.factsReused += 1;
    return { value: entry.value as T, notices: entry.notices };
  }
  const notices: Notice[] = [];
  const value = await guarded(label, notices, empty, () => extract({ ...input, notices }));
  if (cache && keys) {
    cache.stats.factsExtracted += 1;
    // Stored as JSON, as read back by the next run (and by `merge`): a fact the checks read differently from JSON would show here.
    cache.facts.set(name, { key: keys.facts[name], value: JSON.parse(JSON.stringify(value)) as unknown, notices });
  }
  return { value, notices };
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
  // the SourceCode of the files it starts from; a file outside the lint targets (or served from the cache) is parsed
  // by its extractor.
  const parsedSources = createParsedSources();
  const schemaVisitor = createSchemaVisitor();
  const envVisitor = createEnvVisitor();
  const collectors = [parsedSources.collector, schemaVisitor.collector, envVisitor.collector];
  const texts = new Map<string, string>();
  const cache = options.cache;
  const keys = cache ? await cacheKeys(input, options, texts) : null;
  if (cache && keys) {
    if (cache.key !== keys.everything) {
      cache.files.clear();
      cache.facts.clear();
      cache.key = keys.everything;
    }
    const present = new Set(files);
    for (const file of cache.files.keys()) if (!present.has(file)) cache.files.delete(file);
  }
  const shard = options.shard;
  // A shard lints the targets it owns; the project-wide facts (which read every file) are shard 1's.
  const targets = lintTargets(options, files).filter((file) => shard === undefined || shardOf(file, shard.count) === shard.index);
  const perFile = await ruleResults(input, options, targets, { ruleIds, onProgress: options.onProgress, collectors, texts }, keys);
  const ruleFindings = perFile.flatMap((result) => result.findings);
  for (const result of perFile) notices.push(...result.notices);
  input.texts = texts;
  let facts = emptyFacts();
  if (shard === undefined || shard.index === 1) {
    const empty = emptyFacts();
    const [project, moduleGraph, schema, secrets] = await Promise.all([
      fact<ProjectFacts>('project', 'endpoint inventory', input, options, keys, empty.project, (own) => extractProject(own, parsedSources.sourceCodes)),
      fact<ModuleGraphFacts>('moduleGraph', 'module graph', input, options, keys, empty.moduleGraph, (own) => extractModuleGraph(own)),
      fact<SchemaFacts>('schema', 'schema model', input, options, keys, empty.schema, (own) => extractSchema(own, schemaVisitor)),
      fact<SecretFacts>('secrets', 'secrets scan', input, options, keys, empty.secrets, (own) => extractSecrets(own, envVisitor)),
    ]);
    // In a fixed order (the extractors run concurrently): a run's notices do not depend on which finished first.
    for (const extracted of [project, moduleGraph, schema, secrets]) notices.push(...extracted.notices);
    facts = { project: project.value, moduleGraph: moduleGraph.value, schema: schema.value, secrets: secrets.value };
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
