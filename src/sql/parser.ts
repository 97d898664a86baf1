// The PostgreSQL 18 parser (libpg-query, WASM). `parseSql` is synchronous and never throws.
//
// Readiness: ESLint rules and `Language#parse` are synchronous, and `require()` of our ESM entry (CommonJS
// configs, Node's require(esm)) forbids top-level await. So the parser is instantiated SYNCHRONOUSLY, lazily, on the
// first parse: the `.wasm` bytes are read with readFileSync, compiled with `new WebAssembly.Module` and instantiated
// with `new WebAssembly.Instance` through emscripten's `instantiateWasm` hook of libpg-query's own glue
// (`libpg-query/wasm/libpg-query.js`). The hook calls back synchronously, which assigns the exports and heap views
// at once; we run the module's constructors (`__wasm_call_ctors`, minified export "A") ourselves and hand the glue a no-op in
// their place, so the glue's own (asynchronous) `run()` does not run them twice. No promise, no race: the first
// parse in the process pays ~35 ms (the whole module is compiled then: see withoutWasmTierUp). We never import
// libpg-query's index, which would start a second, asynchronous instance as an import side effect.
//
// Tiering: the parser is compiled eagerly with V8's baseline compiler only (see withoutWasmTierUp), so V8 spends no
// background TurboFan compile on it and the process need not wait for one before it exits.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

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
  /**
   * Set when this is not a syntax error in the text but a limit the parser hit (memory, stack, nesting depth) or a
   * parser that failed or did not load: `message` is then a whole sentence saying what happened and what to do.
   */
  failure?: true;
}

/** A token of the real PostgreSQL scanner (`scan.l`); offsets are string offsets (UTF-16 code units) in the text. */
export interface SqlToken {
  start: number;
  end: number;
  /** The token's source text, e.g. `OFFSET`, `'it''s'`, `"Quoted"`, `$1`, `-- note`. */
  text: string;
  /**
   * Postgres's token name: `IDENT` (also `"quoted"`), `UIDENT` (`U&"…"`), `SCONST` (`'…'`, `E'…'`, `$tag$…$tag$`),
   * `USCONST`, `BCONST`, `XCONST`, `ICONST`, `FCONST`, `PARAM` (`$1`), `Op` (`+`, `||`, `?`…), `TYPECAST` (`::`),
   * `DOT_DOT`, `COLON_EQUALS`, `EQUALS_GREATER`, `LESS_EQUALS`, `GREATER_EQUALS`, `NOT_EQUALS`, `SQL_COMMENT` (`--`),
   * `C_COMMENT` (`/* *\/`, nested), `ASCII_<code>` for one-character tokens (`ASCII_59` is `;`), and `KEYWORD` for
   * every keyword, reserved or not (compare `text.toUpperCase()`).
   */
  kind: string;
  /** A keyword of any category (`OFFSET`, `SET`, `int`…); a quoted identifier (`"offset"`) is not one. */
  keyword: boolean;
}

export type SqlScanResult = { ok: true; tokens: SqlToken[] } | { ok: false; error: { message: string } };

export type SqlParseResult =
  | {
      ok: true;
      /** Objects over `statementList`, made on first read. */
      statements: SqlStatement[];
      /** The statements in columns (parseSql's results have it; see SqlStatementList). */
      statementList?: SqlStatementList;
      /** Converts a parser `location` (UTF-8 bytes) into a string offset. */
      toOffset: (location: number) => number;
    }
  | {
      ok: false;
      error: SqlParseError;
      /** The complete statements before the one with the error (parsed by the real parser; may be empty). */
      statements: SqlStatement[];
      statementList?: SqlStatementList;
      toOffset: (location: number) => number;
      /** The scanner's tokens of the text before `error.offset` (scanned for the recovery), when it scans. */
      tokensBeforeError?: SqlToken[];
    };

interface EmscriptenModule {
  _malloc(size: number): number;
  _free(pointer: number): void;
  _wasm_parse_query_raw(pointer: number): number;
  _wasm_free_parse_result(pointer: number): void;
  _wasm_parse_plpgsql(pointer: number): number;
  _wasm_scan(pointer: number): number;
  _wasm_free_string(pointer: number): void;
  getValue(pointer: number, type: string): number;
  UTF8ToString(pointer: number): string;
  stringToUTF8(text: string, pointer: number, maxBytes: number): void;
  lengthBytesUTF8(text: string): number;
  /** The WASM memory's bytes (a new view after the memory grows: read it after each call into the module). */
  HEAPU8: Uint8Array;
}

// WebAssembly's constructors (the project's `lib` has no DOM/WebAssembly declarations).
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const { WebAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

let wasm: EmscriptenModule | undefined;
let loadError: string | undefined;
/** The compiled parser, kept so that a new instance after a failure (see discardParser) is not compiled again. */
let compiledParser: object | undefined;

/** V8 flags for WebAssembly compilation given to node: then withoutWasmTierUp leaves V8's flags alone. */
const USER_WASM_FLAG = /liftoff|wasm-tier|wasm-dynamic-tiering|wasm-lazy-compilation/;

/**
 * Runs `compile`, which compiles and instantiates the parser, with V8 set to compile WebAssembly with its baseline
 * compiler only and eagerly (`--liftoff-only --no-wasm-lazy-compilation`), then sets V8's defaults back
 * (`--no-liftoff-only --wasm-tier-up --wasm-dynamic-tiering --wasm-lazy-compilation`). V8 fixes a module's tiering when
 * it compiles it, and compiles each function of an eagerly compiled module then: so the parser keeps its Liftoff code
 * for good and never schedules a TurboFan compile, while WebAssembly compiled later in the process tiers up as usual
 * (test/sql/wasm-tiering.test.ts asks V8 both). Unless node was started with WebAssembly compilation flags of its own
 * (`node --liftoff-only`…; Node does not take them from NODE_OPTIONS): then nothing is changed.
 *
 * Why: by default V8 recompiles the parser's hottest functions with TurboFan on background threads, even after a
 * one-statement parse, and Node waits for those compiles before the process exits. A lint run of a few files or of
 * one 1.5 MB migration ends sooner without them (about 0.09 s here). The price: a long-lived process (an editor's
 * ESLint server) parses 10–30% slower once warm, about 0.3 ms more for a 25 KB migration (docs/performance.md).
 */
function withoutWasmTierUp<T>(compile: () => T): T {
  if (USER_WASM_FLAG.test(process.execArgv.join(' '))) return compile();
  try {
    setFlagsFromString('--liftoff-only --no-wasm-lazy-compilation');
  } catch {
    return compile();
  }
  try {
    return compile();
  } finally {
    try {
      setFlagsFromString('--no-liftoff-only --wasm-tier-up --wasm-dynamic-tiering --wasm-lazy-compilation');
    } catch {
      // The parser is loaded either way: a failure here must not make it unusable.
    }
  }
}

/** Instantiates the parser synchronously (once per process). Returns false, with the reason kept, if it cannot load. */
export function ensureSqlParser(): boolean {
  if (wasm) return true;
  if (loadError !== undefined) return false;
  try {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('libpg-query/wasm/libpg-query.js');
    // The constructors' export name is minified ("A" in 18.1.5): read it from the glue's initRuntime, so another
    // build of the package cannot make us call the wrong export.
    const ctors = /function initRuntime\(\)\{[^}]*?wasmExports\["(\w+)"\]\(\)/.exec(readFileSync(gluePath, 'utf8'))?.[1];
    if (!ctors) throw new Error("libpg-query's emscripten glue has an unexpected shape (no initRuntime constructors call)");
    const factory = require(gluePath) as (module: object) => Promise<unknown>;
    const bytes = compiledParser ? new Uint8Array() : readFileSync(require.resolve('libpg-query/wasm/libpg-query.wasm'));
    let instantiated = false;
    const module = {
      instantiateWasm(imports: object, receive: (instance: { exports: object }) => void): object {
        // Compiled here, inside withoutWasmTierUp (below): V8 fixes a module's tiering strategy when it compiles it.
        compiledParser ??= new WebAssembly.Module(bytes);
        const instance = new WebAssembly.Instance(compiledParser, imports);
        const exports = instance.exports;
        (exports[ctors] as () => void)();
        receive({ exports: { ...exports, [ctors]: () => undefined } });
        instantiated = true;
        return {};
      },
      print: () => undefined,
      printErr: () => undefined,
    };
    // The glue's promise settles later (its run() only does FS/TTY set-up); a failure there must not go unhandled.
    withoutWasmTierUp(() => factory(module)).catch(() => undefined);
    if (!instantiated || typeof (module as Partial<EmscriptenModule>)._wasm_parse_query_raw !== 'function') {
      throw new Error('the WASM module did not instantiate synchronously');
    }
    wasm = module as unknown as EmscriptenModule;
    return true;
  } catch (error) {
    loadError = `The SQL parser could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
    return false;
  }
}

/**
 * Drops the parser's instance after it threw (a WebAssembly trap, emscripten's `exit`/`abort`): its linear memory and
 * its own stack pointer may be left anywhere. The next parse instantiates it again (from the compiled module, a few
 * milliseconds), with fresh memory, so one failure never spoils the files linted after it.
 */
function discardParser(): void {
  wasm = undefined;
}

/** Postgres's own limits reported as errors: the grammar's stack (bison's `memory exhausted`) and `check_stack_depth`. */
const GRAMMAR_LIMIT = /^(?:memory exhausted|stack depth limit exceeded)/;
/** Node's message for a JavaScript or WebAssembly stack overflow (V8 throws a RangeError for both). */
const STACK_OVERFLOW = /call stack size/i;
/** The WebAssembly heap's limit in libpg-query's build (its glue's `getHeapMax`). */
const PARSER_HEAP_LIMIT = '1 GiB';

/**
 * A readable message for a value the parser threw (`what` is `parser` or `scanner`). The module throws Error
 * objects (a trap: a RangeError for a stack overflow, a RuntimeError for an abort) but also emscripten's
 * `ExitStatus`, a plain object whose default string is `[object Object]`. A limit that was hit is named with what to
 * do, never called a syntax error.
 */
export function describeParserFailure(error: unknown, what: 'parser' | 'scanner', textLength: number): string {
  const size = textLength >= 1024 * 1024 ? `${(textLength / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(textLength / 1024)} KB`;
  const record = typeof error === 'object' && error !== null ? (error as { name?: unknown; message?: unknown; status?: unknown }) : undefined;
  const message = typeof record?.message === 'string' ? record.message : typeof error === 'string' ? error : '';
  if (record?.name === 'ExitStatus' || typeof record?.status === 'number') {
    const status = typeof record?.status === 'number' ? ` with status ${record.status}` : '';
    return (
      `The SQL ${what} stopped on this ${size} file (it exited${status}, as it does when its ${PARSER_HEAP_LIMIT} of memory runs out). ` +
      'Split the file into smaller ones.'
    );
  }
  if (STACK_OVERFLOW.test(message)) {
    return (
      `The SQL ${what} hit its stack limit on this file (Maximum call stack size exceeded): an expression or a nesting is too deep to parse. ` +
      'Split the deepest expression (a long chain of operators, nested parentheses, CASE or subqueries) into smaller parts.'
    );
  }
  if (/\bOOM\b|out of memory|memory access out of bounds|Cannot enlarge memory|Maximum memory size|Array buffer allocation failed|Invalid string length|Invalid array length/i.test(message)) {
    return `The SQL ${what} ran out of memory on this ${size} file (${message}). Split the file into smaller ones.`;
  }
  const detail = message || (typeof error === 'object' && error !== null ? (record?.name === undefined ? 'an unknown error' : String(record.name)) : String(error));
  return `The SQL ${what} failed on this ${size} file (${detail}); this is not a syntax error in the file.`;
}

/** The parser's WebAssembly entry point once loaded: test/sql/wasm-tiering.test.ts asks V8 which tier it runs on. */
export function sqlParserEntryPoint(): unknown {
  return wasm?._wasm_parse_query_raw;
}

/** The longest text (characters) given to the parser in one call so far; see sqlParserLongestInput. */
let longestInput = 0;

/**
 * The longest text (characters) given to the parser in one call in this process: test/sql/big-dump.test.ts checks with
 * it that a big file with function bodies is parsed a chunk at a time (one call over a whole 10 MB file peaks at
 * ~500 MB RSS, chunks at ~350 MB).
 */
export function sqlParserLongestInput(): number {
  return longestInput;
}

/** Starts sqlParserLongestInput's count again (tests that measure one parse, in a process other tests share). */
export function resetSqlParserLongestInput(): void {
  longestInput = 0;
}

/** Kept for callers that want to load eagerly; loading is synchronous, so this resolves at once. */
export function loadSqlParser(): Promise<void> {
  return ensureSqlParser() ? Promise.resolve() : Promise.reject(new Error(loadError));
}

export function isSqlParserReady(): boolean {
  return wasm !== undefined;
}

const NON_ASCII = /[^\x00-\x7f]/;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function withCString<T>(module: EmscriptenModule, text: string, use: (pointer: number) => T): T {
  // ASCII text (the usual migration) is copied by the native encoder, byte for byte what emscripten's JS loops
  // (lengthBytesUTF8, stringToUTF8) write; other text keeps their encoding (they write lone surrogates as such).
  const ascii = !NON_ASCII.test(text);
  const size = (ascii ? text.length : module.lengthBytesUTF8(text)) + 1;
  const pointer = module._malloc(size);
  try {
    if (ascii) {
      const heap = module.HEAPU8;
      encoder.encodeInto(text, heap.subarray(pointer, pointer + size - 1));
      heap[pointer + size - 1] = 0;
    } else {
      module.stringToUTF8(text, pointer, size);
    }
    return use(pointer);
  } finally {
    module._free(pointer);
  }
}

/**
 * The NUL-terminated UTF-8 string at `pointer`: as emscripten's UTF8ToString, which decodes more than 16 bytes with
 * a TextDecoder too, but with the end found by the native `indexOf` instead of a JS loop over the bytes.
 */
function readCString(module: EmscriptenModule, pointer: number): string {
  const heap = module.HEAPU8;
  const end = pointer ? heap.indexOf(0, pointer) : -1;
  if (end - pointer <= 16) return module.UTF8ToString(pointer);
  return decoder.decode(heap.subarray(pointer, end));
}

/** Maps UTF-8 byte offsets to string offsets; identity for ASCII text. */
export function createByteToOffset(text: string): (location: number) => number {
  if (!NON_ASCII.test(text)) return (location) => location;
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

/** Postgres reports an error position in characters (code points): convert it to a UTF-16 offset. */
function codePointsToOffset(text: string, codePoints: number): number {
  let offset = 0;
  for (let count = 0; count < codePoints && offset < text.length; count++) {
    const code = text.charCodeAt(offset);
    offset += code >= 0xd800 && code <= 0xdbff && offset + 1 < text.length ? 2 : 1;
  }
  return Math.min(offset, text.length);
}

/**
 * One statement of a parser output: its kind, its place (UTF-8 bytes: `location` in the parsed text; the text's first
 * byte in the whole text is its chunk's `base`), and where its tree's JSON (`{"Kind":{…}}`) sits in the chunk's JSON
 * (`from`, `to`), or, when the output was parsed whole, the index of its tree in the chunk's `trees`.
 */
interface RawStatement {
  kind: string;
  location: number;
  /** 0 when the parser did not give one: the statement runs to the end of the text. */
  length: number;
  from: number;
  to: number;
}

/**
 * The parser's output for one parsed text (a chunk of a big file, or the whole file): what the trees of its statements
 * are built from. In a big file (PACKED_JSON_MIN_LENGTH) the parser's JSON is kept deflated, as it lies in the parser's
 * memory, never decoded whole (`packed`: ~11 times smaller; the JSON is 3–4 bytes per byte of SQL, which was most of
 * the live heap of a big lint, and its decoding most of the garbage): a statement's own slice of it is decoded when
 * its tree is read. Otherwise the JSON is kept decoded (`json`), or as bytes (`bytes`) when it is not ASCII (the
 * statements' places in it are byte offsets). `trees` holds the trees when the output had to be parsed whole (see
 * statementsOfJson).
 */
interface TreeChunk {
  json: string | undefined;
  bytes: Uint8Array | undefined;
  packed: boolean;
  trees: Array<Record<string, unknown>> | undefined;
  /** The parsed text's first byte in the whole text: added to every position of a tree built from this chunk. */
  base: number;
}

type RawParse = { ok: true; stmts: RawStatement[]; chunk: TreeChunk } | { ok: false; message: string; offset: number };

/**
 * Parses `text`, whose first byte is `base` in the whole text: its statements and the chunk their trees are built
 * from (`pack`: keep the JSON deflated, see TreeChunk), or the parser's error. The JSON is cut apart where it lies in
 * the parser's memory (see splitStatementsJson).
 */
function rawParse(module: EmscriptenModule, text: string, base: number, pack: boolean): RawParse {
  if (text.length > longestInput) longestInput = text.length;
  return withCString(module, text, (pointer): RawParse => {
    const result = module._wasm_parse_query_raw(pointer);
    if (!result) return { ok: false, message: 'The SQL parser ran out of memory.', offset: 0 };
    try {
      const tree = module.getValue(result, 'i32');
      const error = module.getValue(result + 8, 'i32');
      if (error) {
        const messagePointer = module.getValue(error, 'i32');
        const cursor = module.getValue(error + 16, 'i32');
        const message = messagePointer ? module.UTF8ToString(messagePointer) : 'syntax error';
        return { ok: false, message, offset: codePointsToOffset(text, cursor > 0 ? cursor - 1 : 0) };
      }
      const chunk: TreeChunk = { json: undefined, bytes: undefined, packed: false, trees: undefined, base };
      if (!tree) return { ok: true, stmts: [], chunk };
      const heap = module.HEAPU8;
      const json = Buffer.from(heap.buffer, heap.byteOffset + tree, heap.indexOf(0, tree) - tree);
      const split = splitStatementsJson(json);
      if (!split) return { ok: true, ...statementsOfJson(decoder.decode(json), base) };
      if (split.length > 0 && pack) {
        chunk.packed = true;
        chunk.bytes = new Uint8Array(deflateRawSync(json, { level: 1 }));
      } else if (split.length > 0) {
        // Decoded once (a TextDecoder call per statement costs more than the whole); as bytes if not ASCII.
        const decoded = decoder.decode(json);
        if (decoded.length === json.length) chunk.json = decoded;
        else chunk.bytes = new Uint8Array(json);
      }
      return { ok: true, stmts: split, chunk };
    } finally {
      module._wasm_free_parse_result(result);
    }
  });
}

const STATEMENTS_OPEN = Buffer.from('"stmts":[');
const STATEMENT_OPEN = Buffer.from('{"stmt":');
const FIELD_START = Buffer.from(',"stmt_l');
const LOCATION_FIELD = Buffer.from(',"stmt_location":');
const LENGTH_FIELD = Buffer.from(',"stmt_len":');

/** Whether `bytes` holds `part` at `position`. */
function bytesAt(bytes: Buffer, part: Buffer, position: number): boolean {
  return position + part.length <= bytes.length && bytes.compare(part, 0, part.length, position, position + part.length) === 0;
}

/** An ASCII letter, digit or `_` (a JSON key of libpg_query's: a node type or a field name). */
function isWordByte(byte: number): boolean {
  return (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x5f;
}

/**
 * The statements of a parser JSON output (its UTF-8 bytes), each with the place of its tree's JSON, or undefined when
 * the output is not laid out as expected (the caller then parses it whole). Cutting the output costs a few native
 * searches of its bytes; a tree is then built only when something reads it (see SqlStatementList): rules and the
 * schema model skip most statements.
 *
 * The layout (libpg_query's JSON writer): `{"version":N,"stmts":[{"stmt":{"Kind":{…}},"stmt_location":L,"stmt_len":N},…]}`
 * with zero values left out. Inside a tree, a `"` in a string value is escaped, so `,"stmt_location":` and
 * `,"stmt_len":` occur only as the keys of the statements themselves (no other node has those fields).
 */
function splitStatementsJson(json: Buffer): RawStatement[] | undefined {
  const listStart = json.indexOf(STATEMENTS_OPEN);
  if (listStart < 0) return json.includes('"stmt') ? undefined : [];
  const statements: RawStatement[] = [];
  let position = listStart + STATEMENTS_OPEN.length;
  for (;;) {
    if (!bytesAt(json, STATEMENT_OPEN, position)) return undefined;
    const nodeStart = position + STATEMENT_OPEN.length;
    // `{"Kind":`
    if (json[nodeStart] !== 0x7b || json[nodeStart + 1] !== 0x22) return undefined;
    let kindEnd = nodeStart + 2;
    while (kindEnd < json.length && isWordByte(json[kindEnd]!)) kindEnd++;
    if (kindEnd === nodeStart + 2 || json[kindEnd] !== 0x22 || json[kindEnd + 1] !== 0x3a) return undefined;
    const kind = json.toString('latin1', nodeStart + 2, kindEnd);
    // The tree ends where this statement's first field starts (a later statement's fields come after it), or, for a
    // last statement without fields, before the closing `}]}`. Both fields start with `stmt_l`, which no field of a
    // node does (CreateRoleStmt's `stmt_type` is the only other `stmt_` field): one search finds the first of them.
    let nodeEnd = json.indexOf(FIELD_START, nodeStart);
    if (nodeEnd < 0) nodeEnd = json.length - 3;
    if (json[nodeEnd - 1] !== 0x7d) return undefined;
    let location = 0;
    let length = 0;
    position = nodeEnd;
    for (;;) {
      const field = bytesAt(json, LOCATION_FIELD, position) ? LOCATION_FIELD : bytesAt(json, LENGTH_FIELD, position) ? LENGTH_FIELD : undefined;
      if (!field) break;
      let digit = position + field.length;
      let value = 0;
      while (json[digit]! >= 0x30 && json[digit]! <= 0x39) value = value * 10 + json[digit++]! - 0x30;
      if (digit === position + field.length) break;
      if (field === LOCATION_FIELD) location = value;
      else length = value;
      position = digit;
    }
    if (json[position] !== 0x7d) return undefined;
    statements.push({ kind, location, length, from: nodeStart, to: nodeEnd });
    position++;
    if (json[position] === 0x5d) return json[position + 1] === 0x7d && position + 2 === json.length ? statements : undefined;
    if (json[position] !== 0x2c) return undefined;
    position++;
  }
}

/** The statements of a parser JSON output that splitStatementsJson could not cut apart: parsed whole, the trees kept. */
function statementsOfJson(json: string, base: number): { stmts: RawStatement[]; chunk: TreeChunk } {
  const raws = (JSON.parse(json) as { stmts?: Array<{ stmt?: SqlNode; stmt_location?: number; stmt_len?: number }> }).stmts ?? [];
  const statements: RawStatement[] = [];
  const trees: Array<Record<string, unknown>> = [];
  for (const raw of raws) {
    if (!raw.stmt) continue;
    const kind = Object.keys(raw.stmt)[0]!;
    const tree = raw.stmt[kind] as Record<string, unknown>;
    if (base > 0) shiftLocations(tree, base);
    statements.push({ kind, location: raw.stmt_location ?? 0, length: raw.stmt_len ?? 0, from: trees.length, to: 0 });
    trees.push(tree);
  }
  return { stmts: statements, chunk: { json: undefined, bytes: undefined, packed: false, trees, base } };
}

/** The JSON bytes of a chunk, inflated again when packed; the last few inflated are kept (trees are read in order). */
function chunkBytes(chunk: TreeChunk): Uint8Array {
  if (!chunk.packed) return chunk.bytes!;
  for (const [kept, bytes] of inflatedChunks) if (kept === chunk) return bytes;
  const bytes = inflateRawSync(chunk.bytes!);
  inflatedChunks.push([chunk, bytes]);
  if (inflatedChunks.length > KEPT_INFLATED) inflatedChunks.shift();
  return bytes;
}

/** How many inflated chunk JSONs chunkBytes keeps (each ~50 KB). */
const KEPT_INFLATED = 2;
const inflatedChunks: Array<[TreeChunk, Uint8Array]> = [];

/** How many built trees are kept at most (the trees built last); see SqlStatementList#tree. */
const KEPT_TREES = 16;
/** The trees built last, oldest first: list, statement index, tree. */
const keptTrees: Array<[SqlStatementList, number, Record<string, unknown>]> = [];

/** Statement kinds by number (the same numbers in every list): a list keeps a number per statement, not a string. */
const kindNames: string[] = [];
const kindNumbers = new Map<string, number>();

function kindNumber(kind: string): number {
  let number = kindNumbers.get(kind);
  if (number === undefined) {
    number = kindNames.length;
    // A copy: `kind` is a slice of a chunk's JSON, which it would keep alive.
    kindNames.push(` ${kind}`.slice(1));
    kindNumbers.set(kind, number);
  }
  return number;
}

/** Per statement in a list: kind number, start, end, chunk index, `from`, `to` (see RawStatement). */
const FIELDS = 6;

/**
 * The statements of one parse, in columns (one Int32Array: kind number, start, end, and where the tree is built from),
 * with no object per statement: a 35 MB dump has 350,000 statements. A statement's tree is built from its chunk's
 * JSON when read (`tree`), with its positions moved to the whole text; only the trees of the last KEPT_TREES
 * statements read are kept: reading a tree again gives the same object while the statement is among them (every
 * rule's listeners for one statement run one after the other), and an equal new tree after that.
 * `statements()` gives objects over the list, made on first call (the language makes its own, see language.ts).
 */
export class SqlStatementList {
  #data = new Int32Array(FIELDS * 64);
  #length = 0;
  readonly #chunks: TreeChunk[] = [];
  #objects: SqlStatement[] | undefined;

  get length(): number {
    return this.#length;
  }

  /** Adds the statements of one parser output (`raws`, from `chunk`) of `text` (the whole text). */
  add(text: string, raws: readonly RawStatement[], chunk: TreeChunk, toOffset: (location: number) => number): void {
    if (raws.length === 0) return;
    const chunkIndex = this.#chunks.push(chunk) - 1;
    const needed = (this.#length + raws.length) * FIELDS;
    if (needed > this.#data.length) {
      const grown = new Int32Array(Math.max(needed, this.#data.length * 2));
      grown.set(this.#data);
      this.#data = grown;
    }
    const data = this.#data;
    for (const raw of raws) {
      const startByte = chunk.base + raw.location;
      const end = raw.length ? toOffset(startByte + raw.length) : lengthWithoutTrailingSemicolons(text);
      // libpg-query 18 (PostgreSQL 18's grammar) puts stmt_location on the statement's first token, after the
      // whitespace and comments before it (test/sql/parser.mutants.test.ts).
      const start = toOffset(startByte);
      const at = this.#length++ * FIELDS;
      data[at] = kindNumber(raw.kind);
      data[at + 1] = start;
      data[at + 2] = end;
      data[at + 3] = chunkIndex;
      data[at + 4] = raw.from;
      data[at + 5] = raw.to;
    }
  }

  /** Gives back the room the columns grew into beyond the statements (called once the parse is complete). */
  trim(): void {
    if (this.#data.length > this.#length * FIELDS) this.#data = this.#data.slice(0, this.#length * FIELDS);
  }

  kind(index: number): string {
    return kindNames[this.#data[index * FIELDS]!]!;
  }

  start(index: number): number {
    return this.#data[index * FIELDS + 1]!;
  }

  end(index: number): number {
    return this.#data[index * FIELDS + 2]!;
  }

  /** The tree of statement `index` (the statement node's body, positions in the whole text's UTF-8 bytes). */
  tree(index: number): Record<string, unknown> {
    for (let kept = keptTrees.length - 1; kept >= 0; kept--) {
      const entry = keptTrees[kept]!;
      if (entry[1] === index && entry[0] === this) return entry[2];
    }
    const at = index * FIELDS;
    const data = this.#data;
    const chunk = this.#chunks[data[at + 3]!]!;
    let tree: Record<string, unknown>;
    if (chunk.trees) tree = chunk.trees[data[at + 4]!]!;
    else {
      const kind = this.kind(index);
      const json = chunk.json?.slice(data[at + 4], data[at + 5]) ?? decoder.decode(chunkBytes(chunk).subarray(data[at + 4], data[at + 5]));
      const wrapped = JSON.parse(json) as Record<string, Record<string, unknown>>;
      tree = wrapped[kind] ?? {};
      if (chunk.base > 0) shiftLocations(tree, chunk.base);
    }
    keptTrees.push([this, index, tree]);
    if (keptTrees.length > KEPT_TREES) keptTrees.shift();
    return tree;
  }

  /** An object per statement (`kind`, `start`, `end`, `node`), made on first call. */
  statements(): SqlStatement[] {
    if (!this.#objects) {
      const objects: SqlStatement[] = [];
      for (let index = 0; index < this.#length; index++) objects.push(new ListedStatement(this, index));
      this.#objects = objects;
    }
    return this.#objects;
  }
}

/** A statement of a SqlStatementList. `node` is an accessor: `{ ...statement }` does not copy it. */
class ListedStatement implements SqlStatement {
  readonly #list: SqlStatementList;
  readonly #index: number;

  constructor(list: SqlStatementList, index: number) {
    this.#list = list;
    this.#index = index;
  }

  get kind(): string {
    return this.#list.kind(this.#index);
  }

  get start(): number {
    return this.#list.start(this.#index);
  }

  get end(): number {
    return this.#list.end(this.#index);
  }

  get node(): Record<string, unknown> {
    return this.#list.tree(this.#index);
  }
}

/** Whitespace as Postgres's scanner knows it (scan.l `space`): no Unicode spaces, which are identifier characters. */
const SQL_WHITESPACE = new Set([' ', '\t', '\n', '\r', '\f', '\v']);

/**
 * The text's length without its trailing whitespace and `;`s, by one backward scan (a `/[\s;]+$/` replace is
 * quadratic: it retries the run of spaces from each of its characters when a non-space ends the text).
 */
export function lengthWithoutTrailingSemicolons(text: string): number {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ';' || SQL_WHITESPACE.has(text[end - 1]!))) end--;
  return end;
}

/** Names of the scanner's non-keyword tokens by number (PostgreSQL's gram.h; stable since 9.x), where libpg-query says `UNKNOWN`. */
const TOKEN_NAMES: Record<number, string> = {
  258: 'IDENT', 259: 'UIDENT', 260: 'FCONST', 261: 'SCONST', 262: 'USCONST', 263: 'BCONST', 264: 'XCONST', 265: 'Op',
  266: 'ICONST', 267: 'PARAM', 268: 'TYPECAST', 269: 'DOT_DOT', 270: 'COLON_EQUALS', 271: 'EQUALS_GREATER',
  272: 'LESS_EQUALS', 273: 'GREATER_EQUALS', 274: 'NOT_EQUALS', 275: 'SQL_COMMENT', 276: 'C_COMMENT',
};

interface RawScanToken {
  start: number;
  end: number;
  tokenType?: number;
  tokenName?: string;
  keywordKind?: number;
}

/**
 * The tokens of a SQL text by PostgreSQL's own scanner (libpg-query's `_wasm_scan`: the same lexer the parser uses),
 * whitespace dropped, comments kept. Never throws: what the scanner rejects (an unterminated string, quoted
 * identifier or comment, `1abc`, a zero-length `""`) is `{ ok: false }` with the scanner's message.
 */
export function scanSql(source: string): SqlScanResult {
  // A NUL would end the C string (same length, so offsets hold).
  const text = source.includes('\0') ? source.replaceAll('\0', ' ') : source;
  if (/^[ \t\n\r\f\v]*$/.test(text)) return { ok: true, tokens: [] }; // the scanner rejects an empty input
  if (!ensureSqlParser() || !wasm) return { ok: false, error: { message: loadError ?? 'The SQL parser is not loaded.' } };
  const module = wasm;
  try {
    const output = withCString(module, text, (pointer) => {
      const result = module._wasm_scan(pointer);
      if (!result) return 'The SQL scanner ran out of memory.';
      try {
        return readCString(module, result);
      } finally {
        module._wasm_free_string(result);
      }
    });
    if (!output.startsWith('{')) return { ok: false, error: { message: output || 'The SQL scanner failed.' } };
    const raw = (JSON.parse(output) as { tokens?: RawScanToken[] }).tokens ?? [];
    const toOffset = createByteToOffset(text);
    const tokens = raw.map((token): SqlToken => {
      const start = toOffset(token.start);
      const end = toOffset(token.end);
      const keyword = (token.keywordKind ?? 0) > 0;
      const type = token.tokenType ?? 0;
      const named = token.tokenName !== undefined && token.tokenName !== 'UNKNOWN' ? token.tokenName : undefined;
      const kind = keyword ? 'KEYWORD' : (named ?? TOKEN_NAMES[type] ?? (type > 0 && type < 256 ? `ASCII_${type}` : 'UNKNOWN'));
      return { start, end, text: source.slice(start, end), kind, keyword };
    });
    return { ok: true, tokens };
  } catch (error) {
    discardParser();
    return { ok: false, error: { message: describeParserFailure(error, 'scanner', text.length) } };
  }
}

/** A `--` or `/* *\/` comment token. */
export function isSqlComment(token: SqlToken): boolean {
  return token.kind === 'SQL_COMMENT' || token.kind === 'C_COMMENT';
}

/** A string constant (`'…'`, `E'…'`, `$$…$$`, `B'…'`, `X'…'`, `U&'…'`) or a quoted identifier (`"…"`, `U&"…"`). */
export function isSqlLiteral(token: SqlToken): boolean {
  switch (token.kind) {
    case 'SCONST':
    case 'USCONST':
    case 'BCONST':
    case 'XCONST':
    case 'UIDENT':
      return true;
    case 'IDENT':
      return token.text.startsWith('"');
    default:
      return false;
  }
}

/** Texts from this length on are parsed in chunks (see parseInChunks). */
const CHUNKED_PARSE_MIN_LENGTH = 64 * 1024;
/**
 * Texts from this length on keep their parser JSON deflated (see TreeChunk): deflating costs ~10 ms per MB of SQL and
 * a read of a tree in another chunk than the last few read ~0.1 ms more; under it, the JSON is a few MB at most.
 */
const PACKED_JSON_MIN_LENGTH = 2 * 1024 * 1024;
/** A chunk ends at the first `;` + line break from this many characters on. */
const CHUNK_LENGTH = 16 * 1024;
const CHUNK_END = /;\r?\n/g;
/**
 * The errors a cut can cause: a literal or comment left open by it (`unterminated dollar-quoted string`, `… quoted
 * string`, `… quoted identifier`, `… /* comment`, `… bit string literal`, `… hexadecimal string literal`) or a
 * statement left incomplete (`syntax error at end of input`). Any other error is at the same place in a longer chunk.
 */
const CUT_ERROR = /^(?:unterminated |syntax error at end of input)/;

/** Adds `base` to every parser position (`location`, `name_location`, `stmt_location`; -1 is unknown) in a parse tree. */
function shiftLocations(node: unknown, base: number): void {
  // An explicit stack, not recursion: a statement's tree nests as deep as its expressions (`1+1+…`).
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      for (const child of current) if (typeof child === 'object' && child !== null) stack.push(child);
      continue;
    }
    const record = current as Record<string, unknown>;
    for (const key in record) {
      const value = record[key];
      if (typeof value === 'object' && value !== null) stack.push(value);
      else if (typeof value === 'number' && value >= 0 && (key === 'location' || key === 'name_location' || key === 'stmt_location')) {
        record[key] = value + base;
      }
    }
  }
}

/**
 * Parses a large text a chunk at a time into `list`. Each chunk ends at a `;` that ends a line. The chunks are parsed
 * separately and their positions moved to the whole text's (`base`). Separate calls keep each call's parse tree and
 * JSON small: linting the 1.5 MB bench migration peaks at ~185 MB RSS instead of ~225 MB in one call, in the same
 * time (the parser runs on its baseline code either way, see withoutWasmTierUp). The JSON leaves out zero values, but
 * no token starts a later chunk (it starts with the line break after the `;`), so a missing `location` there is not a
 * zero to move.
 *
 * Same statements as one call: a `;` cut inside a string, quoted identifier, dollar quote or block comment leaves
 * the chunk unterminated (a syntax error), a `;` inside a statement (CREATE RULE's action list, BEGIN ATOMIC) leaves
 * it incomplete (a syntax error), and a `;` inside a `--` comment is accepted only if the chunk's last statement is
 * terminated before it; `;` is a token of its own and ends the statement before it whatever follows. A chunk with an
 * error or an unterminated last statement is parsed again twice as long from the same start (a function's body, a
 * `pg_dump` of a schema with PL/pgSQL, has `;` + line break on most of its lines: before, one such cut sent the whole
 * file to one call, ~500 MB RSS for a 10 MB dump).
 *
 * Returns undefined when the whole text is parsed. When a chunk reaches the end of the text and still fails (a real
 * syntax error, or a limit), returns that last parse, of the text from `start` (byte `base`) to its end: every chunk
 * before ended with a complete statement at a `;` outside any string or comment, where the parser of the whole text
 * would start afresh too, so the error is the one a parse of the whole text would give (at `start` + its offset), and
 * its recovery needs only this rest of the text. A 50 MB file with an error at its end used to be parsed again whole,
 * in one call, then scanned and parsed again up to the error: 44 s and 2.1 GB, ending in the parser's exit.
 */
function parseInChunks(
  module: EmscriptenModule,
  text: string,
  toOffset: (location: number) => number,
  list: SqlStatementList,
): { start: number; base: number; message: string; offset: number } | undefined {
  const ascii = !NON_ASCII.test(text);
  const pack = text.length >= PACKED_JSON_MIN_LENGTH;
  // `start`: the chunk's first character, just after a terminated statement; `base`: its first byte in the text's UTF-8.
  let start = 0;
  let base = 0;
  let length = CHUNK_LENGTH;
  // A shorter chunk to try next: one that ends before the statement the last chunk failed in.
  let cut: number | undefined;
  let failure: { start: number; base: number; message: string; offset: number } | undefined;
  while (start < text.length) {
    const recut = cut !== undefined;
    const end = cut ?? chunkEnd(text, start, length);
    cut = undefined;
    const result = rawParse(module, text.slice(start, end), base, pack);
    const last = result.ok ? result.stmts[result.stmts.length - 1] : undefined;
    // A chunk before the last must end with a terminated statement (see above).
    if (!result.ok || (end < text.length && last !== undefined && last.length === 0)) {
      // An error that no longer chunk would move (not an unterminated literal or comment, not the end of the input):
      // the text from `start` on has it at the same place, whatever follows.
      if (!result.ok && !CUT_ERROR.test(result.message)) return { start, base, message: result.message, offset: result.offset };
      if (!recut) {
        failure = result.ok ? undefined : { start, base, message: result.message, offset: result.offset };
        // The statement the cut fell in starts after the last `;` + line break before the error (or before the
        // unterminated statement): end the chunk there instead, and go on from it. Then only a statement longer
        // than a chunk makes the chunk grow (doubling alone grew the first chunk of a dump that opens with 2 MB of
        // functions to 4 MB, every cut falling in a body, and the parser's memory with it).
        cut = chunkEndBefore(text, start, result.ok ? toOffset(base + last!.location) : start + result.offset);
        if (cut !== undefined) continue;
      }
      // Parse the chunk again twice as long, so the parses of one place cost at most about twice its length. A chunk
      // that runs to the end of the text and still fails has a real syntax error (see above).
      if (failure && chunkEnd(text, start, length) === text.length) return failure;
      length *= 2;
      continue;
    }
    list.add(text, result.stmts, result.chunk, toOffset);
    base += ascii ? end - start : module.lengthBytesUTF8(text.slice(start, end));
    start = end;
    length = CHUNK_LENGTH;
  }
  return undefined;
}

/** The end of a chunk from `start` that ends before `before`: just after the last `;` + line break there, if any. */
function chunkEndBefore(text: string, start: number, before: number): number | undefined {
  for (let index = text.lastIndexOf(';', before - 1); index > start; index = text.lastIndexOf(';', index - 1)) {
    const next = text.charCodeAt(index + 1);
    if (next === 0x0a || (next === 0x0d && text.charCodeAt(index + 2) === 0x0a)) return index + 1;
  }
  return undefined;
}

/** The end of the chunk from `start`: just after the first `;` + line break from `start + length` on, or the text's end. */
function chunkEnd(text: string, start: number, length: number): number {
  if (text.length - start < 2 * length) return text.length;
  CHUNK_END.lastIndex = start + length;
  const split = CHUNK_END.exec(text);
  return split ? split.index + 1 : text.length;
}

/** A parse result over `list` (its `statements` are made from the list on first read). */
function parseResult(
  list: SqlStatementList,
  toOffset: (location: number) => number,
  failure?: { error: SqlParseError; tokensBeforeError?: SqlToken[] },
): SqlParseResult {
  list.trim();
  const result = failure ? { ok: false as const, ...failure, statementList: list, toOffset } : { ok: true as const, statementList: list, toOffset };
  return Object.defineProperty(result, 'statements', { get: () => list.statements(), enumerable: true }) as SqlParseResult;
}

/** Parses a SQL text. Never throws: a syntax error (or a parser failure) is returned as `{ ok: false }`. */
export function parseSql(source: string): SqlParseResult {
  // A NUL would end the C string: the parser must see the statements after it (same length, so offsets hold).
  const text = source.includes('\0') ? source.replaceAll('\0', ' ') : source;
  const toOffset = createByteToOffset(text);
  const list = new SqlStatementList();
  if (!ensureSqlParser() || !wasm) {
    return parseResult(list, toOffset, { error: { message: loadError ?? 'The SQL parser is not loaded.', offset: 0, failure: true } });
  }
  const module = wasm;
  try {
    if (text.trim() === '') return parseResult(list, toOffset);
    // The text from `start` (byte `base`) on that is left to parse, and its parse when the chunks have done it.
    let start = 0;
    let base = 0;
    let result: RawParse | undefined;
    if (text.length >= CHUNKED_PARSE_MIN_LENGTH) {
      const rest = parseInChunks(module, text, toOffset, list);
      if (!rest) return parseResult(list, toOffset);
      ({ start, base } = rest);
      result = { ok: false, message: rest.message, offset: rest.offset };
    }
    const restText = start === 0 ? text : text.slice(start);
    result ??= rawParse(module, restText, base, false);
    if (result.ok) {
      list.add(text, result.stmts, result.chunk, toOffset);
      return parseResult(list, toOffset);
    }
    const error: SqlParseError = GRAMMAR_LIMIT.test(result.message)
      ? {
          message:
            `The SQL parser hit its nesting limit here (Postgres: "${result.message}"): an expression or a nesting is too deep to parse. ` +
            'Split the deepest expression (nested parentheses, CASE, ARRAY or subqueries) into smaller parts.',
          offset: start + result.offset,
          failure: true,
        }
      : { message: result.message, offset: start + result.offset };
    // Recover the complete statements before the error: parse the text up to the last `;` before it.
    // The `;` tokens come from the real scanner (`;` in strings and comments do not count); its tokens are kept
    // when they are those of the whole text before the error.
    let tokensBeforeError: SqlToken[] | undefined;
    try {
      const scanned = scanSql(restText.slice(0, result.offset));
      const tokens = scanned.ok ? scanned.tokens : undefined;
      if (start === 0) tokensBeforeError = tokens;
      const last = tokens?.findLast((token) => token.kind === 'ASCII_59');
      if (last !== undefined) {
        const prefix = rawParse(module, restText.slice(0, last.start + 1), base, false);
        if (prefix.ok) list.add(text, prefix.stmts, prefix.chunk, toOffset);
      }
    } catch {
      // The statements of the chunks before stay; none of the rest is recovered.
    }
    return parseResult(list, toOffset, { error, ...(tokensBeforeError ? { tokensBeforeError } : {}) });
  } catch (error) {
    discardParser();
    return parseResult(new SqlStatementList(), toOffset, { error: { message: describeParserFailure(error, 'parser', text.length), offset: 0, failure: true } });
  }
}

/** A PL/pgSQL function body's parse (`{ plpgsql_funcs: [...] }`) for a full CREATE FUNCTION text, or undefined on error. */
export function parsePlpgsql(createFunctionText: string): { plpgsql_funcs?: unknown[] } | undefined {
  if (!ensureSqlParser() || !wasm) return undefined;
  const module = wasm;
  try {
    const json = withCString(module, createFunctionText, (pointer) => {
      const result = module._wasm_parse_plpgsql(pointer);
      try {
        return readCString(module, result);
      } finally {
        module._wasm_free_string(result);
      }
    });
    return json.startsWith('{') ? (JSON.parse(json) as { plpgsql_funcs?: unknown[] }) : undefined;
  } catch {
    discardParser();
    return undefined;
  }
}
