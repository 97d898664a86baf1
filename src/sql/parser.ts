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
  | { ok: true; statements: SqlStatement[]; /** Converts a parser `location` (UTF-8 bytes) into a string offset. */ toOffset: (location: number) => number }
  | {
      ok: false;
      error: SqlParseError;
      /** The complete statements before the one with the error (parsed by the real parser; may be empty). */
      statements: SqlStatement[];
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
 * One statement of a parser output: its kind, its place (UTF-8 bytes: `location` in the parsed text, plus `base`, the
 * parsed text's first byte in the whole text), and its tree, or the tree's JSON (`{"Kind":{…}}`) to build it from.
 */
interface RawStatement {
  kind: string;
  location: number;
  /** 0 when the parser did not give one: the statement runs to the end of the text. */
  length: number;
  base: number;
  tree?: Record<string, unknown>;
  json?: string;
}

type RawParse = { ok: true; stmts: RawStatement[] } | { ok: false; message: string; offset: number };

type RawParseJson = { ok: true; json: string | undefined } | { ok: false; message: string; offset: number };

/** The parser's JSON output for `text` (undefined when it has no statement), or its error. */
function rawParseJson(module: EmscriptenModule, text: string): RawParseJson {
  if (text.length > longestInput) longestInput = text.length;
  return withCString(module, text, (pointer) => {
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
      return { ok: true, json: tree ? readCString(module, tree) : undefined };
    } finally {
      module._wasm_free_parse_result(result);
    }
  });
}

const STATEMENT_OPEN = '{"stmt":';
const NODE_KIND = /\{"([A-Za-z_]\w*)":/y;
const FIELD = /,"(stmt_location|stmt_len)":(\d+)/y;

/**
 * The statements of a parser JSON output, each with its tree still as JSON, or undefined when the output is not laid
 * out as expected (the caller then parses it whole). Cutting the output costs a few native string searches; a tree
 * is then built only when something reads it (see LazyStatement): rules and the schema model skip most statements.
 *
 * The layout (libpg_query's JSON writer): `{"version":N,"stmts":[{"stmt":{"Kind":{…}},"stmt_location":L,"stmt_len":N},…]}`
 * with zero values left out. Inside a tree, a `"` in a string value is escaped, so `,"stmt_location":` and
 * `,"stmt_len":` occur only as the keys of the statements themselves (no other node has those fields).
 */
function splitStatementsJson(json: string, base: number): RawStatement[] | undefined {
  const listStart = json.indexOf('"stmts":[');
  if (listStart < 0) return json.includes('"stmt') ? undefined : [];
  const statements: RawStatement[] = [];
  let position = listStart + '"stmts":['.length;
  for (;;) {
    if (!json.startsWith(STATEMENT_OPEN, position)) return undefined;
    const nodeStart = position + STATEMENT_OPEN.length;
    NODE_KIND.lastIndex = nodeStart;
    const kind = NODE_KIND.exec(json)?.[1];
    if (kind === undefined) return undefined;
    // The tree ends where this statement's first field starts (a later statement's fields come after it), or, for a
    // last statement without fields, before the closing `}]}`. Both fields start with `stmt_l`, which no field of a
    // node does (CreateRoleStmt's `stmt_type` is the only other `stmt_` field): one search finds the first of them.
    let nodeEnd = json.indexOf(',"stmt_l', nodeStart);
    if (nodeEnd < 0) nodeEnd = json.length - 3;
    if (json[nodeEnd - 1] !== '}') return undefined;
    let location = 0;
    let length = 0;
    FIELD.lastIndex = nodeEnd;
    for (let field = FIELD.exec(json); field; field = FIELD.exec(json)) {
      if (field[1] === 'stmt_location') location = Number(field[2]);
      else length = Number(field[2]);
      position = FIELD.lastIndex;
    }
    if (position < nodeEnd) position = nodeEnd;
    if (json[position] !== '}') return undefined;
    statements.push({ kind, location, length, base, json: flatCopy(json.slice(nodeStart, nodeEnd)) });
    position++;
    if (json[position] === ']') return json.startsWith(']}', position) && position + 2 === json.length ? statements : undefined;
    if (json[position] !== ',') return undefined;
    position++;
  }
}

/**
 * A copy of `slice` that does not keep the string it was sliced from alive. V8 makes a slice of 13 characters or more
 * a view of its parent: the statements' JSON slices kept the whole chunk's JSON (every statement's, ~3 bytes per byte
 * of SQL) until the last statement of the chunk had its tree built. Concatenation then slicing flattens into a new
 * string of the slice's own length.
 */
function flatCopy(slice: string): string {
  return ` ${slice}`.slice(1);
}

/** The statements of a parser JSON output: cut apart (see splitStatementsJson), or else parsed whole. */
function statementsOfJson(json: string | undefined, base: number): RawStatement[] {
  if (json === undefined) return [];
  const split = splitStatementsJson(json, base);
  if (split) return split;
  const raws = (JSON.parse(json) as { stmts?: Array<{ stmt?: SqlNode; stmt_location?: number; stmt_len?: number }> }).stmts ?? [];
  const statements: RawStatement[] = [];
  for (const raw of raws) {
    if (!raw.stmt) continue;
    const kind = Object.keys(raw.stmt)[0]!;
    const tree = raw.stmt[kind] as Record<string, unknown>;
    if (base > 0) shiftLocations(tree, base);
    statements.push({ kind, location: raw.stmt_location ?? 0, length: raw.stmt_len ?? 0, base, tree });
  }
  return statements;
}

function rawParse(module: EmscriptenModule, text: string, base = 0): RawParse {
  const result = rawParseJson(module, text);
  return result.ok ? { ok: true, stmts: statementsOfJson(result.json, base) } : result;
}

/** How many built trees LazyStatements keep at most (the trees read last); see LazyStatement. */
const KEPT_TREES = 16;

/**
 * A statement whose tree is built from its JSON when `node` is read, with its positions moved by `base` (the
 * statement's chunk's first byte; see parseInChunks). `node` is an accessor: `{ ...statement }` does not copy it.
 *
 * Only the trees of the last KEPT_TREES statements read are kept: reading `node` again gives the same object while
 * the statement is among them (every rule's listeners for one statement run one after the other), and an equal new
 * tree after that. Keeping every tree read kept all the DDL trees of a file (those the schema model's replay and the
 * rules read) to the end of its lint: ~60 MB of the peak for a 10 MB dump (docs/performance.md).
 */
class LazyStatement implements SqlStatement {
  /** The statements whose trees are kept, oldest first. */
  static readonly #kept: LazyStatement[] = [];
  readonly #json: string;
  #tree: Record<string, unknown> | undefined;
  readonly #base: number;

  constructor(
    readonly kind: string,
    json: string,
    base: number,
    readonly start: number,
    readonly end: number,
  ) {
    this.#json = json;
    this.#base = base;
  }

  get node(): Record<string, unknown> {
    if (this.#tree === undefined) {
      const wrapped = JSON.parse(this.#json) as Record<string, Record<string, unknown>>;
      const tree = wrapped[this.kind] ?? {};
      if (this.#base > 0) shiftLocations(tree, this.#base);
      this.#tree = tree;
      const kept = LazyStatement.#kept;
      kept.push(this);
      if (kept.length > KEPT_TREES) kept.shift()!.#tree = undefined;
    }
    return this.#tree;
  }
}

function toStatements(text: string, stmts: readonly RawStatement[], toOffset: (location: number) => number): SqlStatement[] {
  const statements: SqlStatement[] = [];
  for (const raw of stmts) {
    const startByte = raw.base + raw.location;
    const end = raw.length ? toOffset(startByte + raw.length) : lengthWithoutTrailingSemicolons(text);
    // libpg-query 18 (PostgreSQL 18's grammar) puts stmt_location on the statement's first token, after the
    // whitespace and comments before it (test/sql/parser.mutants.test.ts).
    const start = toOffset(startByte);
    statements.push(raw.tree ? { kind: raw.kind, node: raw.tree, start, end } : new LazyStatement(raw.kind, raw.json!, raw.base, start, end));
  }
  return statements;
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
/** A chunk ends at the first `;` + line break from this many characters on. */
const CHUNK_LENGTH = 16 * 1024;
const CHUNK_END = /;\r?\n/g;

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
 * A large text's statements, parsed a chunk at a time, or undefined when the whole text must be parsed in one call.
 * Each chunk ends at a `;` that ends a line. The chunks are parsed separately and their positions moved to the whole
 * text's (`base`). Separate calls keep each call's parse tree and JSON small: linting the 1.5 MB bench migration
 * peaks at ~185 MB RSS instead of ~225 MB in one call, in the same time (the parser runs on its baseline code either
 * way, see withoutWasmTierUp). The JSON leaves out zero values, but no
 * token starts a later chunk (it starts with the line break after the `;`), so a missing `location` there is not a
 * zero to move.
 *
 * Same statements as one call: a `;` cut inside a string, quoted identifier, dollar quote or block comment leaves
 * the chunk unterminated (a syntax error), a `;` inside a statement (CREATE RULE's action list, BEGIN ATOMIC) leaves
 * it incomplete (a syntax error), and a `;` inside a `--` comment is accepted only if the chunk's last statement is
 * terminated before it; `;` is a token of its own and ends the statement before it whatever follows. A chunk with an
 * error or an unterminated last statement is parsed again twice as long from the same start (a function's body, a
 * `pg_dump` of a schema with PL/pgSQL, has `;` + line break on most of its lines: before, one such cut sent the whole
 * file to one call, ~500 MB RSS for a 10 MB dump). Only when the chunk reaches the end of the text and still fails
 * (a real syntax error) is undefined returned, and the caller parses the whole text (with its own error position and
 * recovery).
 */
function parseInChunks(module: EmscriptenModule, text: string, toOffset: (location: number) => number): SqlStatement[] | undefined {
  const ascii = !NON_ASCII.test(text);
  const all: RawStatement[] = [];
  // `start`: the chunk's first character, just after a terminated statement; `base`: its first byte in the text's UTF-8.
  let base = 0;
  for (let start = 0, length = CHUNK_LENGTH; start < text.length; ) {
    const end = chunkEnd(text, start, length);
    const result = rawParse(module, text.slice(start, end), base);
    // A chunk before the last must end with a terminated statement (see above).
    const complete = result.ok && (end === text.length || result.stmts.length === 0 || result.stmts[result.stmts.length - 1]!.length > 0);
    if (!complete) {
      // Cut inside a string, dollar quote (a function's body), comment or statement: parse the chunk again twice as
      // long, so the parses of one place cost at most about twice its length. A chunk that runs to the end of the
      // text and still fails has a real syntax error: the caller parses the whole text for its error and recovery.
      if (end === text.length) return undefined;
      length *= 2;
      continue;
    }
    for (const raw of result.stmts) all.push(raw);
    base += ascii ? end - start : module.lengthBytesUTF8(text.slice(start, end));
    start = end;
    length = CHUNK_LENGTH;
  }
  return toStatements(text, all, toOffset);
}

/** The end of the chunk from `start`: just after the first `;` + line break from `start + length` on, or the text's end. */
function chunkEnd(text: string, start: number, length: number): number {
  if (text.length - start < 2 * length) return text.length;
  CHUNK_END.lastIndex = start + length;
  const split = CHUNK_END.exec(text);
  return split ? split.index + 1 : text.length;
}

/** Parses a SQL text. Never throws: a syntax error (or a parser failure) is returned as `{ ok: false }`. */
export function parseSql(source: string): SqlParseResult {
  // A NUL would end the C string: the parser must see the statements after it (same length, so offsets hold).
  const text = source.includes('\0') ? source.replaceAll('\0', ' ') : source;
  const toOffset = createByteToOffset(text);
  if (!ensureSqlParser() || !wasm) {
    return { ok: false, error: { message: loadError ?? 'The SQL parser is not loaded.', offset: 0, failure: true }, statements: [], toOffset };
  }
  const module = wasm;
  try {
    if (text.trim() === '') return { ok: true, statements: [], toOffset };
    const chunked = text.length >= CHUNKED_PARSE_MIN_LENGTH ? parseInChunks(module, text, toOffset) : undefined;
    if (chunked) return { ok: true, statements: chunked, toOffset };
    const result = rawParse(module, text);
    if (result.ok) return { ok: true, statements: toStatements(text, result.stmts, toOffset), toOffset };
    const error: SqlParseError = GRAMMAR_LIMIT.test(result.message)
      ? {
          message:
            `The SQL parser hit its nesting limit here (Postgres: "${result.message}"): an expression or a nesting is too deep to parse. ` +
            'Split the deepest expression (nested parentheses, CASE, ARRAY or subqueries) into smaller parts.',
          offset: result.offset,
          failure: true,
        }
      : { message: result.message, offset: result.offset };
    // Recover the complete statements before the error: parse the text up to the last `;` before it.
    // The `;` tokens come from the real scanner (`;` in strings and comments do not count); its tokens are kept.
    let statements: SqlStatement[] = [];
    let tokensBeforeError: SqlToken[] | undefined;
    try {
      const scanned = scanSql(text.slice(0, error.offset));
      tokensBeforeError = scanned.ok ? scanned.tokens : undefined;
      const last = tokensBeforeError?.findLast((token) => token.kind === 'ASCII_59');
      if (last !== undefined) {
        const prefix = rawParse(module, text.slice(0, last.start + 1));
        if (prefix.ok) statements = toStatements(text, prefix.stmts, toOffset);
      }
    } catch {
      statements = [];
    }
    return { ok: false, error, statements, toOffset, ...(tokensBeforeError ? { tokensBeforeError } : {}) };
  } catch (error) {
    discardParser();
    return { ok: false, error: { message: describeParserFailure(error, 'parser', text.length), offset: 0, failure: true }, statements: [], toOffset };
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
