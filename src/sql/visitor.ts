// One parse per SQL text per file, shared by every rule.
// - `.sql` files (the `fortress/sql` language): the language parses once; rules read `sourceCode.ast`, and
//   `getSqlFileParse(sourceCode)` gives the parser result behind it (for `toOffset`) without parsing again.
// - SQL inside TypeScript literals: `getParsedSql(sourceCode, text)` caches per file (keyed by the SourceCode object,
//   which ESLint creates once per linted file and shares between rules) and per text, so several rules that look at
//   the same query string parse it once. The caches are WeakMaps: they go away with the file.
// - Tokens (PostgreSQL's own scanner): `getScannedSql(sourceCode, text)`, cached the same way.
import { getProgramParseResult, type SqlProgram } from './language.js';
import { parseSql, scanSql, type SqlParseResult, type SqlScanResult } from './parser.js';

/** `compute(text)` memoised per file (the SourceCode object) and per text; the cache goes away with the file. */
function perFileAndText<T>(compute: (text: string) => T): (sourceCode: object, text: string) => T {
  const cache = new WeakMap<object, Map<string, T>>();
  return (sourceCode, text) => {
    let texts = cache.get(sourceCode);
    if (!texts) {
      texts = new Map();
      cache.set(sourceCode, texts);
    }
    if (!texts.has(text)) texts.set(text, compute(text));
    return texts.get(text)!;
  };
}

/** The parse of `text` (SQL found in the file behind `sourceCode`), computed once per file and text. Never throws. */
export const getParsedSql: (sourceCode: object, text: string) => SqlParseResult = perFileAndText(parseSql);

/** The tokens of `text` (SQL found in the file behind `sourceCode`), scanned once per file and text. Never throws. */
export const getScannedSql: (sourceCode: object, text: string) => SqlScanResult = perFileAndText(scanSql);

/** The parser result behind a `.sql` file's program (the language's own parse: no second parse). */
export function getSqlFileParse(sourceCode: { ast: SqlProgram }): SqlParseResult | undefined {
  return getProgramParseResult(sourceCode.ast);
}
