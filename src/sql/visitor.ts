// One parse per SQL text per file, shared by every rule.
// - `.sql` files (the `fortress/sql` language): the language parses once; rules read `sourceCode.ast`, and
//   `getSqlFileParse(sourceCode)` gives the parser result behind it (for `toOffset`) without parsing again.
// - SQL inside TypeScript literals: `getParsedSql(sourceCode, text)` caches per file (keyed by the SourceCode object,
//   which ESLint creates once per linted file and shares between rules) and per text, so several rules that look at
//   the same query string parse it once. The caches are WeakMaps: they go away with the file.
// - Tokens (PostgreSQL's own scanner): `getScannedSql(sourceCode, text)`, cached the same way.
import { getProgramParseResult, type SqlProgram } from './language.js';
import { parseSql, scanSql, type SqlParseResult, type SqlScanResult } from './parser.js';

const perFile = new WeakMap<object, Map<string, SqlParseResult>>();
const scansPerFile = new WeakMap<object, Map<string, SqlScanResult>>();

/** The parse of `text` (SQL found in the file behind `sourceCode`), computed once per file and text. Never throws. */
export function getParsedSql(sourceCode: object, text: string): SqlParseResult {
  let texts = perFile.get(sourceCode);
  if (!texts) {
    texts = new Map();
    perFile.set(sourceCode, texts);
  }
  let parsed = texts.get(text);
  if (!parsed) {
    parsed = parseSql(text);
    texts.set(text, parsed);
  }
  return parsed;
}

/** The tokens of `text` (SQL found in the file behind `sourceCode`), scanned once per file and text. Never throws. */
export function getScannedSql(sourceCode: object, text: string): SqlScanResult {
  let texts = scansPerFile.get(sourceCode);
  if (!texts) {
    texts = new Map();
    scansPerFile.set(sourceCode, texts);
  }
  let scanned = texts.get(text);
  if (!scanned) {
    scanned = scanSql(text);
    texts.set(text, scanned);
  }
  return scanned;
}

/** The parser result behind a `.sql` file's program (the language's own parse: no second parse). */
export function getSqlFileParse(sourceCode: { ast: SqlProgram }): SqlParseResult | undefined {
  return getProgramParseResult(sourceCode.ast);
}
