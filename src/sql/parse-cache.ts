// Parses handed from the schema model to the `fortress/sql` language. Building a migration set's model parses every
// file of the set; when ESLint then lints those files, the language takes the parse of a text from here instead of
// parsing it a second time. Each parse is taken at most once (an ESLint program never shares its nodes with another),
// and the cache holds a bounded amount of text, oldest first out, so an editor that lints one file of a large set
// keeps little. The parses are of `blankPsqlMetaCommands(text)`, exactly what the language would parse.
import type { SqlParseResult } from './parser.js';

/** Texts held at most (characters); a parse takes about 13 bytes of heap per character of text. */
const MAX_TOTAL = 4 * 1024 * 1024;

const parses = new Map<string, SqlParseResult>();
let total = 0;

/** Keeps the parse of `text` for the language (see `takeParse`). */
export function rememberParse(text: string, parsed: SqlParseResult): void {
  if (text.length > MAX_TOTAL || parses.has(text)) return;
  parses.set(text, parsed);
  total += text.length;
  for (const [oldest] of parses) {
    if (total <= MAX_TOTAL) break;
    parses.delete(oldest);
    total -= oldest.length;
  }
}

/** The parse of `text` kept by `rememberParse`, removed from the cache; undefined when there is none. */
export function takeParse(text: string): SqlParseResult | undefined {
  const parsed = parses.get(text);
  if (parsed) {
    parses.delete(text);
    total -= text.length;
  }
  return parsed;
}
