// The per-file findings: the plugin's own rules through ESLint's Node API, over the project's TS/JS and SQL files.
// The same rules and the same verdicts as in the editor and in `eslint`; the audit adds only what needs the project.
import path from 'node:path';

import { ESLint, type Linter } from 'eslint';

// The package entry (dist/index.js, bundled by rolldown): the same plugin object a user's eslint.config.js loads.
import { SOURCE_FILES } from '../../configs.js';
import plugin from '../../index.js';
import { AuditInputError } from '../errors.js';
import type { Finding, Notice } from '../types.js';
import type { ExtractInput } from './input.js';
import { mergeListeners, type Context, type PassCollector } from './ts-visit.js';

/** Thrown for a configuration ESLint refuses (an unknown rule, options its schema rejects): the CLI exits 2. */
export class RuleConfigError extends AuditInputError {}

const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/i;
const SQL_FILE = /\.sql$/i;
/** Files per `lintFiles` call: progress is reported between batches. */
const BATCH_SIZE = 100;

export interface RuleRun {
  /** Rule ids (`fortress/<rule>`) to run at the recommended configs' severity; the config's `rules` come on top. */
  ruleIds: readonly string[];
  /** Relative posix paths of the files to lint (the caller picks TS/JS and SQL files). */
  files: readonly string[];
  onProgress?: (done: number, total: number) => void;
  /** The extractors' collectors, run on the TS/JS files of this pass so that no extractor parses them again. */
  collectors?: readonly PassCollector[];
  /** Filled with the text of each TS/JS file of this pass (relative posix path → text, a BOM put back), so that no extractor reads it again. */
  texts?: Map<string, string>;
}

/** Is this a file the plugin's configs lint? */
export function isLintedFile(file: string): boolean {
  return SOURCE_FILE.test(file) || SQL_FILE.test(file);
}

function knownRules(): Set<string> {
  return new Set(Object.keys(plugin.rules).map((name) => `fortress/${name}`));
}

/** The recommended blocks with only the wanted rules, then the configuration's rules, each in its language's block. */
export function buildOverrideConfig(ruleIds: readonly string[], configRules: Readonly<Record<string, unknown>>): Linter.Config[] {
  const known = knownRules();
  for (const ruleId of Object.keys(configRules)) {
    if (!known.has(ruleId)) throw new RuleConfigError(`rules["${ruleId}"]: no such rule in eslint-plugin-fortress.`);
  }
  const wanted = new Set(ruleIds);
  const blocks = [...plugin.configs.recommended].map((block) => {
    const isSql = block.files?.includes('**/*.sql') ?? false;
    const rules: Linter.RulesRecord = {};
    for (const [ruleId, severity] of Object.entries(block.rules ?? {})) {
      if (wanted.has(ruleId) && severity !== undefined) rules[ruleId] = severity as Linter.RuleEntry;
    }
    for (const [ruleId, entry] of Object.entries(configRules)) {
      if (ruleId.startsWith('fortress/sql-') === isSql) rules[ruleId] = entry as Linter.RuleEntry;
    }
    return { ...block, rules } as Linter.Config;
  });
  return [...blocks, { linterOptions: { reportUnusedDisableDirectives: 'off' } }];
}

const COLLECT_RULE = 'fortress-audit/collect';

/**
 * The extractors' collectors as one rule of the pass. It reports nothing; its listeners see the AST and SourceCode
 * the plugin's rules see, through a context whose `filename` is relative to the audited root (as in visitScript).
 */
export function collectorBlock(root: string, collectors: readonly PassCollector[], texts?: Map<string, string>): Linter.Config {
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: Context) {
      const file = path.relative(root, context.filename).split(path.sep).join('/');
      const sourceCode = context.sourceCode as Context['sourceCode'] & { hasBOM?: boolean };
      const text = sourceCode.hasBOM === true ? `\uFEFF${sourceCode.text}` : sourceCode.text;
      texts?.set(file, text);
      const wanting = collectors.filter((collector) => collector.wants(file, text));
      if (wanting.length === 0) return {};
      const relative = { filename: file, physicalFilename: file, sourceCode: context.sourceCode, options: [], settings: {} } as unknown as Context;
      return mergeListeners(...wanting.map((collector) => collector.create(relative)));
    },
  };
  return {
    files: SOURCE_FILES,
    plugins: { 'fortress-audit': { rules: { collect: rule } } },
    rules: { [COLLECT_RULE]: 'error' },
  } as unknown as Linter.Config;
}

/**
 * `--changed-since`: the SQL files on the ref are deployed (settings.fortress.deployedMigrations as an explicit list,
 * computed once by the CLI): the rules skip them, and a table an undeployed migration created is new.
 */
export function deployedMigrationsBlock(deployed: ReadonlySet<string>): Linter.Config {
  const files = [...deployed].filter((file) => SQL_FILE.test(file)).sort();
  return { files: ['**/*.sql'], settings: { fortress: { deployedMigrations: { files } } } };
}

function toFinding(root: string, filePath: string, message: Linter.LintMessage): Finding {
  const finding: Finding = {
    ruleId: message.ruleId ?? 'fortress/parse',
    severity: message.severity === 2 ? 'error' : 'warning',
    file: path.relative(root, filePath).split(path.sep).join('/'),
    line: message.line || 1,
    column: message.column || 1,
    message: message.message,
  };
  if (message.endLine !== undefined) finding.endLine = message.endLine;
  if (message.endColumn !== undefined) finding.endColumn = message.endColumn;
  return finding;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}

function collect(root: string, results: ESLint.LintResult[], findings: Finding[], notices: Notice[]): void {
  for (const result of results) {
    for (const message of result.messages) {
      const file = path.relative(root, result.filePath).split(path.sep).join('/');
      if (message.fatal === true || message.ruleId === null) {
        notices.push({ file, message: `Not analysed by the rules: ${message.message} (line ${message.line ?? 1}).` });
      } else if (message.ruleId.startsWith('fortress/')) {
        findings.push(toFinding(root, result.filePath, message));
      }
    }
  }
}

/** A configuration error ESLint raises before linting (invalid rule options), as opposed to a crash on one file. */
function isConfigError(error: unknown): boolean {
  return /Configuration for rule|Could not find .* in plugin|Key "rules"/.test(firstLine(error));
}

/** Lints the files with the plugin's rules. Never throws for a file: a crash or a parse failure becomes a notice. */
export async function runRules(input: ExtractInput, run: RuleRun): Promise<Finding[]> {
  const findings: Finding[] = [];
  // Built first: an unknown rule in the configuration is an error even in a project with nothing to lint.
  const overrideConfig = buildOverrideConfig(run.ruleIds, input.config.rules);
  if (input.deployedMigrations) overrideConfig.push(deployedMigrationsBlock(input.deployedMigrations));
  if (run.collectors?.length || run.texts) overrideConfig.push(collectorBlock(input.root, run.collectors ?? [], run.texts));
  if (run.files.length === 0) return findings;
  const eslint = new ESLint({
    cwd: input.root,
    overrideConfigFile: true,
    overrideConfig,
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
  });
  const absolute = run.files.map((file) => path.join(input.root, file));
  for (let start = 0; start < absolute.length; start += BATCH_SIZE) {
    const batch = absolute.slice(start, start + BATCH_SIZE);
    try {
      collect(input.root, await eslint.lintFiles(batch), findings, input.notices);
    } catch (error) {
      if (isConfigError(error)) throw new RuleConfigError(`invalid rule options in the configuration: ${String((error as Error).message).replace(/\s*\n\s*/g, ' ').trim()}`);
      // One file made ESLint or a rule throw: lint the batch file by file to name it and keep the others.
      for (const file of batch) {
        try {
          collect(input.root, await eslint.lintFiles([file]), findings, input.notices);
        } catch (fileError) {
          const relative = path.relative(input.root, file).split(path.sep).join('/');
          input.notices.push({ file: relative, message: `Not analysed by the rules: ${firstLine(fileError)}` });
        }
      }
    }
    run.onProgress?.(Math.min(start + BATCH_SIZE, absolute.length), absolute.length);
  }
  return findings;
}
