// The fuzz properties of issue 11, shared by the short seeded suite in `npm test` (fuzz.test.ts) and the long run
// (`npm run fuzz`, long-run.fuzz.ts). Everything goes through ESLint's real Linter with the plugin from src/, the real
// TypeScript parser and the real PostgreSQL parser; migration sets are real files in a temp folder.
//
// Invariants checked by every property: no exception escapes a rule or the language (Linter.verify does not throw),
// no fatal message is a crash in disguise (stack overflow, `[object Object]`), and linting the same input twice gives
// the same findings. Some properties add their own (set invariance, linear time).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Ajv } from 'ajv';
import { Linter } from 'eslint';
import fc from 'fast-check';

import plugin from '../../src/index.js';
import { clearSchemaModelCache } from '../../src/sql/migrations.js';
import { CORPUS_STATEMENTS, HOSTILE_CHARS, META_COMMANDS } from './corpus.js';

// ---------------------------------------------------------------------------------------------------------------
// Known limits: generator bounds that keep the short suite green while issue 11's items are open. Each names the
// item whose fix lets the coordinator raise it (to the LONG_SIZES value or beyond). The long run ignores them.
// ---------------------------------------------------------------------------------------------------------------

/** Nesting depth of SQL expressions (CASE, ARRAY[, abs(, NOT, subqueries, parentheses). Issue 11 item 1 (walkSqlNodes). */
export const KNOWN_DEPTH_LIMIT = 2_000;
/** Terms of a flat `1+1+…` chain in SQL and in SQL strings in TS. Issue 11 items 1 and 2 (walkSqlNodes, offsetExpressions). */
export const KNOWN_TERMS_LIMIT = 3_000;
/** Shortest glob in option arrays: `""` crashes sql-require-foreign-key-index (picomatch throws). Issue 11 item 3. */
export const KNOWN_MIN_GLOB_LENGTH = 0;
/**
 * Longest string in option arrays. Issue 11 item 3: picomatch throws past 65,536 characters in
 * sql-require-foreign-key-index; the fuzzer also found `no-uuid-v4` with `exemptFiles: ["a/a/…"]` of 65,536
 * characters throwing "Regular expression too large" (same cause: a glob compiled without a size guard).
 */
export const KNOWN_MAX_GLOB_LENGTH = 70_000;
/** Trailing whitespace of a last statement without `;` (quadratic regex). Issue 11 item 4. */
export const KNOWN_TRAILING_WHITESPACE_LIMIT = 100_000;
/** Whether a UTF-8 BOM may start a sibling migration (it drops out of the schema model). Issue 11 item 5. */
export const KNOWN_SIBLING_BOM_BREAKS_MODEL = false;
/**
 * Whether to leave the corpus statements with backslash lines (COPY data, `\.`) out of the short suite. False: they
 * pass today; item 7's forms (a `\` line inside a string, `COPY … FROM stdin; -- x`) are not in the corpus, and no
 * property checks that valid psql parses, so item 7 is not fuzzed (see docs/reliability.md).
 */
export const KNOWN_PSQL_BACKSLASH_LINES_MISPARSED = false;
/** CTEs each with an OFFSET in one statement (tokens re-filtered per OFFSET, quadratic). Issue 11 item 9. */
export const KNOWN_OFFSET_CTE_LIMIT = 2_000;

/** Sizes of the long run (the reproducers are at or below these). */
export const LONG_SIZES = { depth: 5_000, terms: 20_000, trailingWhitespace: 100_000, offsetCtes: 2_000, statementsRepeat: 400, maxGlobLength: 70_000, mutations: 30 };

export type FuzzMode = 'short' | 'long';

export interface Limits {
  depth: number;
  terms: number;
  minGlobLength: number;
  maxGlobLength: number;
  /** Mutations applied to one migration. */
  mutations: number;
  trailingWhitespace: number;
  offsetCtes: number;
  statementsRepeat: number;
  siblingBom: boolean;
  psqlBackslashLines: boolean;
  /** Linear-time property: allowed ratio of time(4n) / time(n) (linear is 4, quadratic 16) and slack (ms). */
  timeFactor: number;
  timeSlackMs: number;
}

export function limitsFor(mode: FuzzMode): Limits {
  if (mode === 'long') {
    return { ...LONG_SIZES, minGlobLength: 0, siblingBom: true, psqlBackslashLines: true, timeFactor: 8, timeSlackMs: 250 };
  }
  return {
    depth: KNOWN_DEPTH_LIMIT,
    terms: KNOWN_TERMS_LIMIT,
    minGlobLength: KNOWN_MIN_GLOB_LENGTH,
    maxGlobLength: KNOWN_MAX_GLOB_LENGTH,
    mutations: 6,
    trailingWhitespace: KNOWN_TRAILING_WHITESPACE_LIMIT,
    offsetCtes: KNOWN_OFFSET_CTE_LIMIT,
    statementsRepeat: 10,
    siblingBom: !KNOWN_SIBLING_BOM_BREAKS_MODEL,
    psqlBackslashLines: !KNOWN_PSQL_BACKSLASH_LINES_MISPARSED,
    timeFactor: 8,
    timeSlackMs: 250,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Linting through the real Linter
// ---------------------------------------------------------------------------------------------------------------

let workDir: string | undefined;
let caseCounter = 0;

/** A fresh folder under this process's temp dir (each case gets its own, so the schema cache never mixes cases). */
function freshDir(label: string): string {
  workDir ??= mkdtempSync(path.join(tmpdir(), 'fortress-fuzz-'));
  const dir = path.join(workDir, `${label}-${++caseCounter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Removes the temp folders of this process. */
export function cleanupFuzzDirs(): void {
  if (workDir) rmSync(workDir, { recursive: true, force: true, maxRetries: 3 });
  workDir = undefined;
}

const ALL_CONFIG = [...(plugin.configs.all as Iterable<Linter.Config>)];

export interface Finding {
  ruleId: string | null;
  messageId?: string;
  fatal: boolean;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}

function toFindings(messages: Linter.LintMessage[]): Finding[] {
  return messages.map(({ ruleId, messageId, fatal, line, column, endLine, endColumn, message }) => ({
    ruleId,
    ...(messageId ? { messageId } : {}),
    fatal: fatal ?? false,
    line,
    column,
    ...(endLine === undefined ? {} : { endLine, endColumn }),
    message,
  }));
}

/** Fatal messages that are crashes in disguise rather than a finding a person can act on. */
const CRASH_IN_DISGUISE = /Maximum call stack|\[object Object\]|RangeError|TypeError|ReferenceError|Oops|is not a function|Cannot read propert/;
/**
 * The parser's own limits, worded for a person (src/sql/parser.ts `describeParserFailure`): past them a file is one
 * parsing error that names the limit and what to split. They quote the engine's reason ("Maximum call stack size
 * exceeded") in parentheses, so they are told apart from a crash by their opening words.
 */
const PARSER_LIMIT = /^Parsing error: The SQL (?:parser|scanner) (?:hit its (?:stack|nesting) limit|ran out of memory|stopped on this)\b/;

/** Lints `text` as `filename` (absolute) with every rule of the plugin (or `config`); throws when an invariant breaks. */
export function lint(text: string, filename: string, config: Linter.Config[] = ALL_CONFIG): Finding[] {
  const linter = new Linter({ cwd: path.dirname(filename) });
  let messages: Linter.LintMessage[];
  try {
    messages = linter.verify(text, config, { filename });
  } catch (error) {
    // A plain Error with the message only: the original may hold a deep `cause` that cannot cross vitest's IPC.
    throw new Error(`Linter.verify threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  const findings = toFindings(messages);
  for (const finding of findings) {
    if (CRASH_IN_DISGUISE.test(finding.message) && !PARSER_LIMIT.test(finding.message)) throw new Error(`Crash reported as a finding: ${finding.message}`);
  }
  return findings;
}

/** Lints twice and asserts the same findings (and, through `lint`, no crash). */
export function lintStable(text: string, filename: string, config?: Linter.Config[]): Finding[] {
  const first = lint(text, filename, config);
  const second = lint(text, filename, config);
  assertEqual(second, first, 'the same input linted twice gave different findings');
  return first;
}

export function assertEqual(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}\nexpected: ${e.slice(0, 2000)}\nactual:   ${a.slice(0, 2000)}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------------

export interface FuzzProperty<T = unknown> {
  name: string;
  arbitrary: fc.Arbitrary<T>;
  check: (input: T) => void;
  /** Runs per seed in the short suite (the long run loops until its time is up). */
  runs: number;
  /** The files a failing input is saved as (name → content); JSON of the input is always saved too. */
  files?: (input: T) => Record<string, string | Uint8Array>;
}

const property = <T>(p: FuzzProperty<T>): FuzzProperty<unknown> => p as FuzzProperty<unknown>;

// --- mutated real-shape migrations -------------------------------------------------------------------------------

type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'bom' }
  | { kind: 'crlf' }
  | { kind: 'invalidUtf8'; at: number; bytes: readonly number[] };

export interface MutatedMigration {
  statements: string[];
  meta: string[];
  mutations: Mutation[];
}

const position = fc.nat({ max: 1_000_000 });

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: position, text: fc.oneof(fc.constantFrom(...HOSTILE_CHARS), fc.string({ maxLength: 4, unit: 'binary' })) }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.constant({ kind: 'bom' as const }),
  fc.constant({ kind: 'crlf' as const }),
  fc.record({
    kind: fc.constant('invalidUtf8' as const),
    at: position,
    bytes: fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf0, 0x9f], [0xc0, 0xaf], [0x00]),
  }),
);

/** The bytes of a mutated migration (what would be on disk). */
export function mutatedBytes(input: MutatedMigration): Uint8Array {
  let bytes = Buffer.from([...input.meta, ...input.statements].join('\n\n') + '\n', 'utf8');
  for (const mutation of input.mutations) {
    const at = 'at' in mutation ? mutation.at % (bytes.length + 1) : 0;
    switch (mutation.kind) {
      case 'insert':
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(mutation.text, 'utf8'), bytes.subarray(at)]);
        break;
      case 'delete':
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + mutation.length)]);
        break;
      case 'duplicate':
        bytes = Buffer.concat([bytes.subarray(0, at + mutation.length), bytes.subarray(at)]);
        break;
      case 'truncate':
        bytes = bytes.subarray(0, at);
        break;
      case 'bom':
        bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
        break;
      case 'crlf':
        bytes = Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
        break;
      case 'invalidUtf8':
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(mutation.bytes), bytes.subarray(at)]);
        break;
    }
  }
  return bytes;
}

/** Decodes bytes as ESLint decodes a file it reads (UTF-8, invalid sequences become U+FFFD). */
export function decodeAsEslint(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

const corpusFor = (limits: Limits) =>
  limits.psqlBackslashLines ? CORPUS_STATEMENTS : CORPUS_STATEMENTS.filter((statement) => !statement.includes('\\'));

function mutatedMigrationsProperty(limits: Limits): FuzzProperty<unknown> {
  const corpus = corpusFor(limits);
  return property<MutatedMigration>({
    name: 'mutated real-shape migrations',
    runs: 200,
    arbitrary: fc.record({
      statements: fc.oneof(fc.subarray([...corpus], { minLength: 1 }), fc.shuffledSubarray([...corpus], { minLength: 1 })),
      meta: fc.subarray([...META_COMMANDS], { maxLength: 2 }),
      mutations: fc.array(mutationArb, { maxLength: limits.mutations }),
    }),
    check(input) {
      const dir = freshDir('mutated');
      lintStable(decodeAsEslint(mutatedBytes(input)), path.join(dir, 'migrations', '0001_mutated.sql'));
    },
    files: (input) => ({ 'migrations/0001_mutated.sql': mutatedBytes(input) }),
  });
}

// --- generated migration sets ------------------------------------------------------------------------------------

export interface MigrationSetInput {
  /** Statement index ranges of the corpus, one per file (in order). */
  cuts: number[];
  layout: 'plain' | 'prisma';
  /** Per file: a BOM, CRLF line ends. */
  boms: boolean[];
  crlf: boolean[];
  /** Lint order of the shuffled pass (sort keys). */
  order: number[];
  /** Name suffixes (the shuffled pass renames in an order-preserving way). */
  words: string[];
}

interface SetFile {
  relative: string;
  bytes: Uint8Array;
}

function setFiles(input: MigrationSetInput, corpus: readonly string[], naming: 'plain' | 'renamed', variant: 'as-is' | 'clean'): SetFile[] {
  const bounds = [0, ...input.cuts.toSorted((a, b) => a - b), corpus.length];
  const files: SetFile[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    let text = corpus.slice(bounds[i], bounds[i + 1]).join('\n\n') + '\n';
    if (variant === 'as-is' && input.crlf[i]) text = text.replace(/\n/g, '\r\n');
    const bom = variant === 'as-is' && input.boms[i];
    const word = input.words[i] ?? 'step';
    // Order-preserving renames: zero-padded counters become timestamps with gaps; natural order is the same.
    const stem = naming === 'plain' ? `${String(i + 1).padStart(4, '0')}_${word}` : `${20240101000000 + i * 1_000_003}_${word}x`;
    const relative = input.layout === 'prisma' ? `prisma/migrations/${stem}/migration.sql` : `migrations/${stem}.sql`;
    files.push({ relative, bytes: Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'utf8')]) });
  }
  return files;
}

function writeSet(files: SetFile[]): string {
  const dir = freshDir('set');
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file.relative)), { recursive: true });
    writeFileSync(path.join(dir, file.relative), file.bytes);
  }
  return dir;
}

/** Findings per file (in set order), linting in `order` (indexes); file names in messages become `#<index>`. */
function lintSet(dir: string, files: SetFile[], order: number[], alone: boolean): Finding[][] {
  const results: Finding[][] = [];
  for (const index of order) {
    if (alone) clearSchemaModelCache();
    const file = files[index]!;
    const findings = lintStable(decodeAsEslint(file.bytes), path.join(dir, file.relative));
    results[index] = findings.map((finding) => {
      let message = finding.message;
      files.forEach((other, k) => {
        message = message.replaceAll(path.basename(path.dirname(other.relative)) + '/' + path.basename(other.relative), `#${k}`);
        message = message.replaceAll(path.basename(other.relative), `#${k}`);
      });
      return { ...finding, message };
    });
  }
  return results;
}

function migrationSetsProperty(limits: Limits): FuzzProperty<unknown> {
  const corpus = corpusFor(limits);
  const maxFiles = 5;
  const flags = fc.array(fc.boolean(), { minLength: maxFiles, maxLength: maxFiles });
  return property<MigrationSetInput>({
    name: 'generated migration sets: alone, in folder, reordered, renamed, BOM/CRLF give the same findings',
    runs: 20,
    arbitrary: fc.record({
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: corpus.length - 1 }), { minLength: 1, maxLength: maxFiles - 1 }),
      layout: fc.constantFrom('plain' as const, 'prisma' as const),
      boms: limits.siblingBom ? flags : fc.constant(Array(maxFiles).fill(false)),
      crlf: flags,
      order: fc.array(fc.nat(), { minLength: maxFiles, maxLength: maxFiles }),
      words: fc.array(fc.stringMatching(/^[a-z][a-z_]{0,8}$/), { minLength: maxFiles, maxLength: maxFiles }),
    }),
    check(input) {
      const plain = setFiles(input, corpus, 'plain', 'as-is');
      const indexes = plain.map((_, index) => index);
      const shuffled = indexes.toSorted((a, b) => (input.order[a] ?? 0) - (input.order[b] ?? 0) || a - b);
      const inFolder = lintSet(writeSet(plain), plain, indexes, false);
      assertEqual(lintSet(writeSet(plain), plain, indexes.toReversed(), false), inFolder, 'linting the set in reverse order changed findings');
      assertEqual(lintSet(writeSet(plain), plain, indexes, true), inFolder, 'linting each file alone (fresh cache) changed findings');
      const renamed = setFiles(input, corpus, 'renamed', 'as-is');
      assertEqual(lintSet(writeSet(renamed), renamed, shuffled, false), inFolder, 'order-preserving renames + shuffled lint order changed findings');
      const clean = setFiles(input, corpus, 'plain', 'clean');
      const cleanFindings = lintSet(writeSet(clean), clean, indexes, false);
      assertEqual(inFolder, cleanFindings, 'a BOM or CRLF line ends in the set changed findings (expected: the same set without them)');
    },
    files: (input) => Object.fromEntries(setFiles(input, corpus, 'plain', 'as-is').map((file) => [file.relative, file.bytes])),
  });
}

// --- deep and long expressions ------------------------------------------------------------------------------------

export interface DeepExpression {
  shape: 'sum' | 'case' | 'array' | 'abs' | 'not' | 'subquery' | 'parens';
  context: 'select-offset' | 'add-column-default' | 'ts-query' | 'ts-template';
  size: number;
}

/** Each shape as [opening repeated `size` times, the innermost operand, closing repeated `size` times]. */
const EXPRESSION_SHAPES: Record<DeepExpression['shape'], readonly [string, string, string]> = {
  sum: ['1+', '1', ''],
  case: ['CASE WHEN true THEN ', '1', ' END'],
  array: ['ARRAY[', '1', ']'],
  abs: ['abs(', '1', ')'],
  not: ['NOT ', 'true', ''],
  subquery: ['(SELECT ', '1', ')'],
  parens: ['(', '1', ')'],
};

export function expressionOf(shape: DeepExpression['shape'], size: number): string {
  const [open, operand, close] = EXPRESSION_SHAPES[shape];
  return open.repeat(size) + operand + close.repeat(size);
}

export function deepExpressionSource(input: DeepExpression): { text: string; filename: string } {
  const expression = expressionOf(input.shape, input.size);
  switch (input.context) {
    case 'select-offset':
      return { text: `SELECT ${expression} AS x FROM t LIMIT 10 OFFSET 5;\n`, filename: 'migrations/0001_deep.sql' };
    case 'add-column-default':
      return { text: `ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT (${expression});\n`, filename: 'migrations/0001_deep.sql' };
    case 'ts-query':
      return { text: `export async function list(db: Db) {\n  return db.query('SELECT ${expression} LIMIT 10 OFFSET 5');\n}\n`, filename: 'src/orders/list.ts' };
    case 'ts-template':
      return { text: `export const q = (db: Db, n: number) => db.query(\`SELECT ${expression} FROM t OFFSET \${n}\`);\n`, filename: 'src/orders/list.ts' };
  }
}

function deepExpressionsProperty(limits: Limits): FuzzProperty<unknown> {
  const nested = fc.record({
    shape: fc.constantFrom('case' as const, 'array' as const, 'abs' as const, 'not' as const, 'subquery' as const, 'parens' as const),
    context: fc.constantFrom('select-offset' as const, 'add-column-default' as const, 'ts-query' as const, 'ts-template' as const),
    size: fc.integer({ min: 1, max: limits.depth }),
  });
  const flat = fc.record({
    shape: fc.constant('sum' as const),
    context: fc.constantFrom('select-offset' as const, 'add-column-default' as const, 'ts-query' as const, 'ts-template' as const),
    size: fc.integer({ min: 1, max: limits.terms }),
  });
  return property<DeepExpression>({
    name: 'deep and long expressions in SQL and in SQL strings in TS',
    runs: 80,
    arbitrary: fc.oneof(nested, flat),
    check(input) {
      const { text, filename } = deepExpressionSource(input);
      lintStable(text, path.join(freshDir('deep'), filename));
    },
    files: (input) => {
      const { text, filename } = deepExpressionSource(input);
      return { [filename]: text };
    },
  });
}

// --- option objects that pass each rule's schema -------------------------------------------------------------------

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  minLength?: number;
  uniqueItems?: boolean;
  enum?: unknown[];
};

/** Strings that stress globs, regular expressions and path handling. */
const TRICKY_STRINGS = ['**', '*', '/(/', '/a/z', '/.*/', '[', '!', '!**', '{a,b', '\\', '../..', '/', '.', 'src/**/*.ts', 'a'.repeat(300), '*'.repeat(64), 'é', '\0'];

/**
 * An arbitrary of values that pass `schema` (the subset of JSON Schema the rules use: object, array, string, boolean,
 * number, enum, minLength, uniqueItems), its strings between `bounds.minGlobLength` and `bounds.maxGlobLength` long.
 */
export function arbitraryForSchema(schema: JsonSchema, bounds: Pick<Limits, 'minGlobLength' | 'maxGlobLength'>): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object': {
      const entries = Object.entries(schema.properties ?? {}).map(([key, value]) => [key, arbitraryForSchema(value, bounds)] as const);
      return fc.record(Object.fromEntries(entries), { requiredKeys: [] });
    }
    case 'array': {
      const item = arbitraryForSchema(schema.items ?? {}, bounds);
      return schema.uniqueItems ? fc.uniqueArray(item, { maxLength: 4, selector: (value) => JSON.stringify(value) }) : fc.array(item, { maxLength: 4 });
    }
    case 'string': {
      const min = Math.max(schema.minLength ?? 0, bounds.minGlobLength);
      const longest = 'a/'.repeat(bounds.maxGlobLength / 2);
      return fc
        .oneof(fc.constantFrom(...TRICKY_STRINGS, '', longest), fc.string({ maxLength: 12 }), fc.string({ maxLength: 6, unit: 'binary' }))
        .filter((s) => s.length >= min && s.length <= bounds.maxGlobLength);
    }
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer();
    case 'number':
      return fc.double({ noNaN: true });
    default:
      return fc.jsonValue();
  }
}

const TS_SAMPLE = `import { randomUUID } from 'node:crypto';
import { helper } from '../billing/internal/helper';
import type { Db } from '../../shared/db';
export async function handler(req: Request, res: Response, db: Db) {
  console.log('listing', req.query.page);
  const id = randomUUID();
  await db.transaction(async (tx) => { await fetch('https://api.example.com'); await tx.query('SELECT 1 OFFSET 10'); });
  return db.query(\`SELECT * FROM orders OFFSET \${Number(req.query.page) * 20}\`, [id, helper]);
}
`;

const SQL_SAMPLE = CORPUS_STATEMENTS.filter((statement) => !statement.includes('\\')).join('\n\n') + '\n';

export interface RuleOptionsInput {
  rule: string;
  options: unknown[];
  inline: boolean;
}

function ruleOptionsSource(input: RuleOptionsInput): { text: string; filename: string; config: Linter.Config[] } {
  const isSql = input.rule.startsWith('sql-');
  const entry = ['error', ...input.options] as Linter.RuleEntry;
  const base = isSql ? ALL_CONFIG[1]! : ALL_CONFIG[0]!;
  const rules = input.inline ? {} : { [`fortress/${input.rule}`]: entry };
  // JSON escapes keep a `*/` in a glob from closing the comment, and a `/*` from opening a nested one (SQL comments
  // nest); `/` and `*` appear only inside JSON strings, and ESLint reads the value as JSON.
  const json = JSON.stringify(entry).replaceAll('/', '\\/').replaceAll('*', '\\u002a');
  const comment = `/* eslint fortress/${input.rule}: ${json} */\n`;
  const body = isSql ? SQL_SAMPLE : TS_SAMPLE;
  return {
    text: input.inline ? comment + body : body,
    filename: isSql ? 'migrations/0002_options.sql' : 'src/modules/orders/handler.ts',
    config: [{ ...base, rules }],
  };
}

function ruleOptionsProperty(limits: Limits): FuzzProperty<unknown> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const withSchema = Object.entries(plugin.rules).filter(([, rule]) => Array.isArray(rule.meta?.schema) && rule.meta.schema.length > 0);
  const perRule = withSchema.map(([name, rule]) => {
    const schemas = rule.meta!.schema as JsonSchema[];
    const validate = ajv.compile({ type: 'array', items: schemas, minItems: 0, maxItems: schemas.length });
    return fc
      .record({ rule: fc.constant(name), options: fc.tuple(...schemas.map((schema) => arbitraryForSchema(schema, limits))), inline: fc.boolean() })
      .filter((input) => validate(input.options));
  });
  return property<RuleOptionsInput>({
    name: 'random option objects that pass each rule schema',
    runs: 80,
    arbitrary: fc.oneof(...perRule),
    check(input) {
      const { text, filename, config } = ruleOptionsSource(input);
      const findings = lintStable(text, path.join(freshDir('options'), filename), config);
      // The samples parse, so any message without a rule is the options (or the inline comment) being rejected.
      const invalid = findings.find((finding) => finding.fatal || finding.ruleId === null);
      if (invalid) throw new Error(`options that pass the schema were rejected: ${invalid.message}`);
    },
    files: (input) => {
      const { text, filename } = ruleOptionsSource({ ...input, inline: true });
      return { [filename]: text };
    },
  });
}

// --- time stays linear in input size -------------------------------------------------------------------------------

export interface GrowthInput {
  shape: 'trailing-whitespace' | 'offset-ctes' | 'statements' | 'long-literal' | 'long-comment' | 'ts-queries' | 'sum';
  size: number;
}

export function growthSource(shape: GrowthInput['shape'], size: number): { text: string; filename: string } {
  const sql = (text: string) => ({ text, filename: 'migrations/0001_growth.sql' });
  switch (shape) {
    case 'trailing-whitespace':
      return sql('SELECT' + ' '.repeat(size) + '1');
    case 'offset-ctes':
      return sql('WITH ' + Array.from({ length: size }, (_, i) => `c${i} AS (SELECT ${i} OFFSET 1)`).join(', ') + ' SELECT 1;\n');
    case 'statements':
      return sql(Array.from({ length: size }, () => SQL_SAMPLE).join('\n'));
    case 'long-literal':
      return sql(`SELECT '${'x'.repeat(size)}';\n`);
    case 'long-comment':
      return sql(`-- ${'x'.repeat(size)}\nSELECT 1;\n`);
    case 'sum':
      return sql(`SELECT ${'1+'.repeat(size)}1 OFFSET 5;\n`);
    case 'ts-queries':
      return {
        text: Array.from({ length: size }, (_, i) => `export const q${i} = (db: Db) => db.query('SELECT ${i} FROM t LIMIT 10 OFFSET ${i}');`).join('\n') + '\n',
        filename: 'src/orders/queries.ts',
      };
  }
}

/** Best of three lint times (ms); each run's text is unique so no cache answers for it. */
function lintTime(text: string, filename: string): number {
  let best = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    const unique = filename.endsWith('.sql') ? `${text}\n-- rep ${rep} ${caseCounter}\n` : `${text}\n// rep ${rep} ${caseCounter}\n`;
    const start = performance.now();
    lint(unique, filename);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function growthProperty(limits: Limits): FuzzProperty<unknown> {
  const max = (shape: GrowthInput['shape']): number => {
    switch (shape) {
      case 'trailing-whitespace':
      case 'long-literal':
      case 'long-comment':
        return limits.trailingWhitespace;
      case 'offset-ctes':
        return limits.offsetCtes;
      case 'statements':
        return limits.statementsRepeat;
      case 'sum':
        return limits.terms;
      case 'ts-queries':
        return limits.statementsRepeat * 10;
    }
  };
  const shapes = ['trailing-whitespace', 'offset-ctes', 'statements', 'long-literal', 'long-comment', 'ts-queries', 'sum'] as const;
  return property<GrowthInput>({
    name: 'time stays linear: time(4n) < factor x time(n) + slack',
    runs: 5,
    arbitrary: fc
      .constantFrom(...shapes)
      .chain((shape) => fc.record({ shape: fc.constant(shape), size: fc.integer({ min: Math.max(1, Math.floor(max(shape) / 16)), max: Math.max(1, Math.floor(max(shape) / 4)) }) })),
    check(input) {
      const dir = freshDir('growth');
      const small = growthSource(input.shape, input.size);
      const large = growthSource(input.shape, input.size * 4);
      lint(small.text, path.join(dir, small.filename)); // warm-up (JIT, parser)
      const t1 = lintTime(small.text, path.join(dir, small.filename));
      const t4 = lintTime(large.text, path.join(dir, large.filename));
      if (t4 > limits.timeFactor * t1 + limits.timeSlackMs) {
        throw new Error(`time(4n) = ${t4.toFixed(1)} ms > ${limits.timeFactor} x time(n) = ${t1.toFixed(1)} ms + ${limits.timeSlackMs} ms (n = ${input.size})`);
      }
    },
    files: (input) => {
      const { text, filename } = growthSource(input.shape, input.size * 4);
      return { [filename]: text };
    },
  });
}

/** Every property, with generators bounded by the mode's limits. */
export function fuzzProperties(mode: FuzzMode): FuzzProperty<unknown>[] {
  const limits = limitsFor(mode);
  return [mutatedMigrationsProperty(limits), migrationSetsProperty(limits), deepExpressionsProperty(limits), ruleOptionsProperty(limits), growthProperty(limits)];
}
