// argv → the CLI's options (node:util parseArgs, strict): unknown flags and missing values are usage errors.
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { z } from 'zod';

import { FAIL_ON, type FailOn, type ShardSpec } from '../audit/options.js';
import { CliError, firstLine } from './errors.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;

export interface CliArgs {
  dir: string;
  format: string;
  output?: string;
  failOn?: FailOn;
  staged: boolean;
  changedSince?: string;
  baseline?: string;
  updateBaseline: boolean;
  failOnStaleBaseline: boolean;
  shard?: ShardSpec;
  /** `--cache` / `--cache-location`: the cache file (as given, relative to the working directory), or the default one. */
  cache?: { location?: string };
  help: boolean;
  version: boolean;
}

export interface MergeArgs {
  reports: string[];
  format: string;
  output?: string;
  failOn?: FailOn;
  help: boolean;
}

export const USAGE = `Usage: fortress-audit [dir] [options]
       fortress-audit merge <report.json>... [--format <name>] [--output <file>] [--fail-on <level>]

Answers the Cognitive Audit Cycle for the project in dir (default: the current folder):
feature-slices, input-validation, indexes, primary-keys, secrets.

Options:
  --format <name>           text (default), json, sarif or markdown
  --output <file>           write the report to a file (atomically) instead of stdout
  --fail-on <level>         error (default), warning or never: the lowest severity that makes the exit code 1
  --staged                  audit what is staged in git (pre-commit); report only findings in staged files
  --changed-since <ref>     report only findings in files changed since the merge base with <ref> (pull requests)
  --baseline <file>         hide the findings listed in this baseline file; report its stale entries
  --update-baseline         write the current findings to the --baseline file
  --fail-on-stale-baseline  exit 1 when the baseline lists findings that are fixed
  --shard <i>/<n>           audit shard i of n (a stable split of the files; shard 1 also reads the project-wide
                            facts) and write its JSON report; \`fortress-audit merge\` joins the n reports into the
                            report, SARIF and exit code of an unsharded run
  --cache                   reuse the results of files, and the project-wide facts, whose content has not
                            changed since the last run (a content-hash cache; the report is the same)
  --cache-location <path>   the cache file, or a folder for it (implies --cache; default:
                            node_modules/.cache/fortress-audit/cache.json in dir)
  -h, --help                show this help
  -v, --version             show the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, configuration or I/O error.
Configuration: fortress.config.json, fortress.config.js, fortress.config.mjs or the "fortress" key of package.json.`;

/** `i/n`: integers, 1 ≤ i ≤ n. */
const shardSchema = z
  .string()
  .regex(/^\d+\/\d+$/, 'write it as i/n, e.g. 2/4')
  .transform((text) => {
    const [index, count] = text.split('/').map(Number) as [number, number];
    return { index, count };
  })
  .refine(({ count }) => Number.isSafeInteger(count) && count >= 1, 'n must be a whole number of at least 1')
  .refine(({ index, count }) => index >= 1 && index <= count, 'i must be between 1 and n');

export function parseShard(text: string): ShardSpec {
  const parsed = shardSchema.safeParse(text);
  if (!parsed.success) throw new CliError(`--shard ${text}: ${parsed.error.issues[0]?.message ?? 'invalid'} (see --help).`);
  return parsed.data;
}

/** The options the audit and the merge share: how the report is written and when the exit code is 1. */
const REPORT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'fail-on': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseOrUsage<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new CliError(`${firstLine(error).replace(/\. To specify a positional argument.*$/, '.')} (see --help)`);
  }
}

function parseFailOn(failOn: string | undefined): FailOn | undefined {
  if (failOn !== undefined && !(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new CliError(`--fail-on ${failOn}: use one of ${FAIL_ON.join(', ')}.`);
  }
  return failOn as FailOn | undefined;
}

/** `fortress-audit merge report.json…`: argv after `merge`. */
export function parseMergeArgs(argv: readonly string[]): MergeArgs {
  const { values, positionals } = parseOrUsage(argv, REPORT_OPTIONS);
  const help = values.help ?? false;
  if (positionals.length === 0 && !help) throw new CliError('merge: name the shard reports to merge, e.g. fortress-audit merge report-*.json (see --help).');
  const args: MergeArgs = { reports: positionals, format: values.format ?? 'text', help };
  if (values.output !== undefined) args.output = values.output;
  const failOn = parseFailOn(values['fail-on']);
  if (failOn !== undefined) args.failOn = failOn;
  return args;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values, positionals } = parseOrUsage(argv, {
    ...REPORT_OPTIONS,
    staged: { type: 'boolean' },
    'changed-since': { type: 'string' },
    baseline: { type: 'string' },
    'update-baseline': { type: 'boolean' },
    'fail-on-stale-baseline': { type: 'boolean' },
    shard: { type: 'string' },
    cache: { type: 'boolean' },
    'cache-location': { type: 'string' },
    version: { type: 'boolean', short: 'v' },
  } as const);
  if (positionals.length > 1) throw new CliError(`one directory at most, got ${positionals.length}: ${positionals.join(' ')} (see --help)`);
  const failOn = parseFailOn(values['fail-on']);
  if (values.staged && values['changed-since'] !== undefined) throw new CliError('--staged and --changed-since cannot be combined.');
  if (values['update-baseline'] && values.baseline === undefined) throw new CliError('--update-baseline needs --baseline <file>.');
  if (values['update-baseline'] && (values.staged || values['changed-since'] !== undefined)) {
    throw new CliError('--update-baseline records the whole project: run it without --staged or --changed-since.');
  }
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (shard) {
    if (values.format !== undefined && values.format !== 'json') {
      throw new CliError(`--shard writes the JSON report \`fortress-audit merge\` reads: leave out --format ${values.format} (merge prints any format).`);
    }
    const partial = values.staged ? '--staged' : values['changed-since'] !== undefined ? '--changed-since' : values.baseline !== undefined ? '--baseline' : undefined;
    if (partial) throw new CliError(`--shard cannot be combined with ${partial}: shard the whole project.`);
  }
  const args: CliArgs = {
    dir: positionals[0] ?? '.',
    format: values.format ?? (shard ? 'json' : 'text'),
    staged: values.staged ?? false,
    updateBaseline: values['update-baseline'] ?? false,
    failOnStaleBaseline: values['fail-on-stale-baseline'] ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
  if (values.output !== undefined) args.output = values.output;
  if (failOn !== undefined) args.failOn = failOn;
  if (shard) args.shard = shard;
  if (values['changed-since'] !== undefined) args.changedSince = values['changed-since'];
  if (values.baseline !== undefined) args.baseline = values.baseline;
  if (values['cache-location'] === '') throw new CliError('--cache-location needs a file or folder name.');
  if (values.cache === true || values['cache-location'] !== undefined) {
    args.cache = values['cache-location'] === undefined ? {} : { location: values['cache-location'] };
  }
  return args;
}
