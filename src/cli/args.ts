// argv → the CLI's options (node:util parseArgs, strict): unknown flags and missing values are usage errors.
import { parseArgs } from 'node:util';

import { FAIL_ON, type FailOn } from '../audit/options.js';
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
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: fortress-audit [dir] [options]

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
  -h, --help                show this help
  -v, --version             show the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, configuration or I/O error.
Configuration: fortress.config.json, fortress.config.js, fortress.config.mjs or the "fortress" key of package.json.`;

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        staged: { type: 'boolean' },
        'changed-since': { type: 'string' },
        baseline: { type: 'string' },
        'update-baseline': { type: 'boolean' },
        'fail-on-stale-baseline': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new CliError(`${firstLine(error).replace(/\. To specify a positional argument.*$/, '.')} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new CliError(`one directory at most, got ${positionals.length}: ${positionals.join(' ')} (see --help)`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && !(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new CliError(`--fail-on ${failOn}: use one of ${FAIL_ON.join(', ')}.`);
  }
  if (values.staged && values['changed-since'] !== undefined) throw new CliError('--staged and --changed-since cannot be combined.');
  if (values['update-baseline'] && values.baseline === undefined) throw new CliError('--update-baseline needs --baseline <file>.');
  if (values['update-baseline'] && (values.staged || values['changed-since'] !== undefined)) {
    throw new CliError('--update-baseline records the whole project: run it without --staged or --changed-since.');
  }
  const args: CliArgs = {
    dir: positionals[0] ?? '.',
    format: values.format ?? 'text',
    staged: values.staged ?? false,
    updateBaseline: values['update-baseline'] ?? false,
    failOnStaleBaseline: values['fail-on-stale-baseline'] ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
  if (values.output !== undefined) args.output = values.output;
  if (failOn !== undefined) args.failOn = failOn as FailOn;
  if (values['changed-since'] !== undefined) args.changedSince = values['changed-since'];
  if (values.baseline !== undefined) args.baseline = values.baseline;
  return args;
}
