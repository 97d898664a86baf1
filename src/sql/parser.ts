// The PostgreSQL 18 parser (libpg-query, WASM). Loaded once per process; `parseSql` is synchronous and never throws.
import { loadModule, parseSync } from 'libpg-query';

/** A libpg-query node: `{ CreateStmt: {...} }`, `{ SelectStmt: {...} }`… (see @pgsql/types). */
export type SqlNode = Record<string, unknown>;

export interface SqlStatement {
  /** The statement's node type, e.g. `CreateStmt`, `AlterTableStmt`, `IndexStmt`, `SelectStmt`. */
  kind: string;
  /** The statement node's body (the value under `kind`). Nested `location` fields are UTF-8 byte offsets: convert them with `toOffset`. */
  node: Record<string, unknown>;
  /** Offsets (UTF-16 code units, as in a JS string) of the statement in the text, without the trailing `;`. */
  start: number;
  end: number;
}

export interface SqlParseError {
  message: string;
  /** Offset (UTF-16 code units) where Postgres reports the error. */
  offset: number;
}

export type SqlParseResult =
  | { ok: true; statements: SqlStatement[]; /** Converts a parser `location` (UTF-8 bytes) into a string offset. */ toOffset: (location: number) => number }
  | { ok: false; error: SqlParseError };

let ready = false;
let loading: Promise<void> | undefined;

/** Loads the WASM parser once; later calls return the same promise. */
export function loadSqlParser(): Promise<void> {
  loading ??= loadModule().then(() => {
    ready = true;
  });
  return loading;
}

export function isSqlParserReady(): boolean {
  return ready;
}

/** Maps UTF-8 byte offsets to string offsets; identity for ASCII text. */
export function createByteToOffset(text: string): (location: number) => number {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return (location) => location;
  // Checkpoints after each non-ASCII character: [byteOffset, stringOffset] pairs, ascending.
  const bytes: number[] = [0];
  const offsets: number[] = [0];
  let byte = 0;
  for (let offset = 0; offset < text.length; offset++) {
    const code = text.charCodeAt(offset);
    if (code < 0x80) {
      byte += 1;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && offset + 1 < text.length) {
      byte += 4;
      offset++;
    } else {
      byte += code < 0x800 ? 2 : 3;
    }
    bytes.push(byte);
    offsets.push(offset + 1);
  }
  return (location) => {
    let low = 0;
    let high = bytes.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (bytes[middle]! <= location) low = middle;
      else high = middle - 1;
    }
    return offsets[low]! + (location - bytes[low]!);
  };
}

/** Parses a SQL text. Never throws: a syntax error (or a parser failure) is returned as `{ ok: false }`. */
export function parseSql(text: string): SqlParseResult {
  if (!ready) {
    return { ok: false, error: { message: 'The SQL parser is not loaded (call loadSqlParser() first).', offset: 0 } };
  }
  let result: { stmts?: Array<{ stmt?: SqlNode; stmt_location?: number; stmt_len?: number }> };
  try {
    result = parseSync(text) as typeof result;
  } catch (error) {
    const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
    const message = details?.message ?? (error instanceof Error ? error.message : String(error));
    return { ok: false, error: { message, offset: Math.min(Math.max(details?.cursorPosition ?? 0, 0), text.length) } };
  }
  const toOffset = createByteToOffset(text);
  const statements: SqlStatement[] = [];
  for (const raw of result.stmts ?? []) {
    if (!raw.stmt) continue;
    const kind = Object.keys(raw.stmt)[0]!;
    const startByte = raw.stmt_location ?? 0;
    const start = toOffset(startByte);
    const end = raw.stmt_len ? toOffset(startByte + raw.stmt_len) : text.replace(/[\s;]+$/, '').length;
    statements.push({ kind, node: raw.stmt[kind] as Record<string, unknown>, start, end });
  }
  return { ok: true, statements, toOffset };
}
