// Whether an expression (an ADD COLUMN default) calls a VOLATILE function: PostgreSQL 11+ evaluates a non-volatile
// default once and stores it in the catalog, while a volatile one is evaluated per row, rewriting the table. A function
// is non-volatile when it is a built-in listed in data/pg-builtin-volatility.ts (read from pg_proc), or when the
// migration set creates it IMMUTABLE or STABLE; anything else (created without a volatility, so VOLATILE; or unknown,
// e.g. from an extension) counts as volatile. Never throws.
import { statSync } from 'node:fs';
import path from 'node:path';

import { walkSqlNodes } from './ast.js';
import { asList, bodyOf, stringsOf } from './constraint-helpers.js';
import { PG_NON_VOLATILE_BUILTINS } from './data/pg-builtin-volatility.js';
import { blankPsqlMetaCommands, type SqlProgram } from './language.js';
import { findMigrationFiles, migrationSetOf, readSqlFile, type UnparsedMigration } from './migrations.js';
import { parseSql } from './parser.js';

let builtins: Set<string> | undefined;

/** True for a built-in function whose every overload is IMMUTABLE or STABLE. */
export function isNonVolatileBuiltin(name: string): boolean {
  builtins ??= new Set(PG_NON_VOLATILE_BUILTINS.split(' ').filter(Boolean));
  return builtins.has(name);
}

/** Declared functions by unqualified, lower-cased name → volatile? (PostgreSQL's default is VOLATILE). */
export type DeclaredFunctions = ReadonlyMap<string, boolean>;

/** Adds the CREATE FUNCTION statements among `statements` to `into`. */
function collectDeclared(statements: Iterable<{ kind: string; node: Record<string, unknown> }>, into: Map<string, boolean>): void {
  for (const statement of statements) {
    if (statement.kind !== 'CreateFunctionStmt') continue;
    const name = stringsOf(statement.node.funcname).at(-1)?.toLowerCase();
    if (!name) continue;
    let volatile = true;
    for (const option of asList(statement.node.options)) {
      const element = bodyOf(option, 'DefElem');
      const value = bodyOf(element?.arg, 'String')?.sval;
      if (element?.defname === 'volatility' && (value === 'immutable' || value === 'stable')) volatile = false;
    }
    // Overloads: one volatile overload makes the name volatile (we do not resolve argument types).
    into.set(name, (into.get(name) ?? false) || volatile);
  }
}

const fileFunctions = new WeakMap<SqlProgram, Map<string, boolean>>();

/** The functions this file creates. */
export function functionsCreatedInFile(ast: SqlProgram): DeclaredFunctions {
  let functions = fileFunctions.get(ast);
  if (!functions) {
    functions = new Map();
    collectDeclared(ast.statements, functions);
    fileFunctions.set(ast, functions);
  }
  return functions;
}

const CREATE_FUNCTION = /\bcreate\s+(?:or\s+replace\s+)?function\b/i;
/** The functions each file of a set creates, and the files that might create some but do not parse. */
interface SetFunctions {
  byFile: Array<[string, Map<string, boolean>]>;
  unparsed: UnparsedMigration[];
}
const setFunctions = new Map<string, SetFunctions & { stamp: string }>();

/**
 * The functions each file creates (files without CREATE FUNCTION are not parsed). Files are read as ESLint reads the
 * linted file (a leading byte order mark removed) and psql meta-commands are blanked, as the language does.
 */
function functionsByFile(files: readonly string[]): SetFunctions {
  const byFile: Array<[string, Map<string, boolean>]> = [];
  const unparsed: UnparsedMigration[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readSqlFile(file);
    } catch {
      continue;
    }
    if (!CREATE_FUNCTION.test(text)) continue;
    const parsed = parseSql(blankPsqlMetaCommands(text));
    const functions = new Map<string, boolean>();
    if (parsed.ok) collectDeclared(parsed.statements, functions);
    else unparsed.push({ file, reason: parsed.error.message.replace(/\.$/, '') });
    byFile.push([file, functions]);
  }
  return { byFile, unparsed };
}

/**
 * The functions the other files of `file`'s migration set create (any file of the set: a set declares its helpers
 * once), cached per set until a file is added, removed, or changes size or mtime. Empty outside a set. `unparsed`:
 * the other files that mention CREATE FUNCTION but do not parse (the functions they create are unknown).
 */
export function functionsCreatedInSet(file: string): { functions: DeclaredFunctions; unparsed: UnparsedMigration[] } {
  const set = migrationSetOf(file);
  if (!set) return { functions: new Map(), unparsed: [] };
  const files = findMigrationFiles(set.folder);
  const stamp = files
    .map((candidate) => {
      try {
        const stat = statSync(candidate);
        return `${candidate}:${stat.size}:${stat.mtimeMs}`;
      } catch {
        return candidate;
      }
    })
    .join('\n');
  let cached = setFunctions.get(set.folder);
  if (cached?.stamp !== stamp) {
    cached = { stamp, ...functionsByFile(files) };
    setFunctions.set(set.folder, cached);
  }
  const self = path.resolve(file);
  const functions = new Map<string, boolean>();
  for (const [candidate, declared] of cached.byFile) {
    if (path.resolve(candidate) === self) continue;
    for (const [name, volatile] of declared) functions.set(name, (functions.get(name) ?? false) || volatile);
  }
  return { functions, unparsed: cached.unparsed.filter((unparsed) => path.resolve(unparsed.file) !== self) };
}

/**
 * The first call in `expression` to a function not known to be IMMUTABLE or STABLE, as `name()`, or undefined.
 * `declared(name)` gives the migration set's own functions (volatile?), asked only for names that are not
 * non-volatile built-ins (an unqualified name resolves to pg_catalog first).
 */
export function volatileCallIn(expression: unknown, declared: (name: string) => boolean | undefined = () => undefined): string | undefined {
  let found: string | undefined;
  walkSqlNodes(expression, (type, node) => {
    if (found !== undefined) return false;
    if (type !== 'FuncCall') return;
    const parts = stringsOf(node.funcname).map((part) => part.toLowerCase());
    const name = parts.at(-1) ?? '';
    const schema = parts.length > 1 ? parts.at(-2) : undefined;
    const builtin = (schema === undefined || schema === 'pg_catalog') && isNonVolatileBuiltin(name);
    if (!builtin && (schema === 'pg_catalog' || (declared(name) ?? true))) found = `${name}()`;
  });
  return found;
}

/** True when `expression` calls a function not known to be IMMUTABLE or STABLE (see `volatileCallIn`). */
export function isVolatileExpression(expression: unknown, declared?: (name: string) => boolean | undefined): boolean {
  return volatileCallIn(expression, declared) !== undefined;
}

/**
 * `declared` for `volatileCallIn` in a linted file: its own functions, then its migration set's (read on demand; the
 * files of the set that might create some but do not parse go to `onUnparsed` then).
 */
export function declaredFunctionsOf(
  ast: SqlProgram,
  filename: string,
  onUnparsed: (unparsed: UnparsedMigration[]) => void = () => {},
): (name: string) => boolean | undefined {
  let inSet: DeclaredFunctions | undefined;
  return (name) => {
    const inFile = functionsCreatedInFile(ast).get(name);
    if (inFile !== undefined) return inFile;
    if (!inSet) {
      const found = functionsCreatedInSet(filename);
      onUnparsed(found.unparsed);
      inSet = found.functions;
    }
    return inSet.get(name);
  };
}
