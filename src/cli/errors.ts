// The CLI's one kind of failure: a usage, configuration or I/O problem, printed as one line on stderr, exit code 2.
export class CliError extends Error {}

/** The first non-empty line of an error's message (no stack trace ever reaches the user). */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}
