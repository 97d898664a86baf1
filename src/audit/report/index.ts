// The reporters, by format name: each is pure (AuditResult in, text out) and redacts secrets on its own.
import type { AuditResult } from '../types.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import type { ReportOptions } from './options.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export type { ReportOptions } from './options.js';
export type Reporter = (result: AuditResult, options?: ReportOptions) => string;

export const reporters: ReadonlyMap<string, Reporter> = new Map<string, Reporter>([
  ['text', formatText],
  ['json', formatJson],
  ['sarif', formatSarif],
  ['markdown', formatMarkdown],
]);

/** Thrown for a format name no reporter has; the message lists the known ones. */
export class UnknownFormatError extends Error {}

export function reporterFor(format: string): Reporter {
  const reporter = reporters.get(format);
  if (!reporter) throw new UnknownFormatError(`Unknown format "${format}": use one of ${[...reporters.keys()].join(', ')}.`);
  return reporter;
}
