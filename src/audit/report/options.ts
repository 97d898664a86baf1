// What a reporter may be told besides the result, and the small text helpers the reporters share.

export interface ReportOptions {
  /** ANSI colours (text format only); the CLI sets it for a TTY without NO_COLOR. */
  color?: boolean;
}

/** `1 error`, `2 errors`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
