// The schema model: tables, columns, keys and indexes, built by replaying a migration set in order (plain data).
// Names, types and defaults are spelled the way pg_catalog prints them (format_type, pg_get_expr), so the model can be
// compared with a real database exactly (test/sql/schema-model.pg.test.ts). Statements it does not model are skipped.
import { blankPsqlMetaCommands } from './language.js';
import { isSqlComment, parseSql, scanSql, type SqlParseResult, type SqlStatement, type SqlToken } from './parser.js';
import { walkTree } from './tree-walk.js';

export interface SchemaColumn {
  name: string;
  /** As `format_type(atttypid, atttypmod)` prints it: `integer`, `character varying(255)`, `timestamp(3) without time zone`. */
  type: string;
  /** As `pg_get_expr(adbin, adrelid)` prints it (`'draft'::text`, `now()`, `nextval('users_id_seq'::regclass)`), or null. */
  default: string | null;
  notNull: boolean;
  identity: 'always' | 'by default' | null;
}

export interface SchemaIndex {
  name: string;
  /** Key columns in order; `null` for an expression part. */
  columns: Array<string | null>;
  unique: boolean;
  /** Has a `WHERE` predicate. */
  partial: boolean;
  /** Access method: `btree`, `hash`, `gin`, `gist`, `brin`… */
  method: string;
  /** The constraint this index backs, if any. */
  constraint: 'primary key' | 'unique' | null;
}

/** Where a statement or clause was declared: the migration file's path and string offsets in its text. */
export interface SchemaOrigin {
  file: string;
  start: number;
  end: number;
}

export interface SchemaForeignKey {
  name: string;
  columns: string[];
  references: { schema: string; table: string; columns: string[] };
  origin: SchemaOrigin;
}

export interface SchemaTable {
  schema: string;
  name: string;
  /** Altered or indexed by the set but created outside it (a stand-in, with only what the set says about it). */
  external: boolean;
  columns: SchemaColumn[];
  primaryKey: { name: string; columns: string[] } | null;
  foreignKeys: SchemaForeignKey[];
  indexes: SchemaIndex[];
}

export interface SchemaProblem {
  file: string;
  /** String offset in the file. */
  offset: number;
  message: string;
}

export interface SchemaModel {
  /** Keyed by `schema.name` (unquoted identifiers), in creation order. */
  tables: Map<string, SchemaTable>;
  problems: SchemaProblem[];
}

export interface MigrationFile {
  path: string;
  text: string;
  /**
   * The parse of `blankPsqlMetaCommands(text)` when the caller already has it (the `fortress/sql` language's own
   * parse), so the file is not parsed a second time. Not mutated.
   */
  parsed?: SqlParseResult;
}

type Node = Record<string, unknown>;
interface IndexState extends SchemaIndex {
  /** Columns referenced by expression parts and the predicate (dropping one of them drops the index). */
  refs: string[];
}
interface TableState extends Omit<SchemaTable, 'indexes'> {
  indexes: IndexState[];
  /** Position in the model's creation order (a renamed table keeps its place). */
  order: number;
  /** In the model: not dropped, not displaced by a rename onto its name. */
  live: boolean;
  /** Its plain-data copy in the last snapshot, while unchanged since (see `changed`). */
  copy: SchemaTable | undefined;
  /** The first column of each name, once a lookup asked (then kept up to date): wide tables are altered often. */
  columnsByName: Map<string, SchemaColumn> | undefined;
  /** The migration file whose CREATE made it (kept through renames); undefined for an `external` stand-in. */
  createdIn: string | undefined;
}

/** Each snapshot copy's `TableState.createdIn` (not a field of the plain data, so model comparisons are unchanged). */
const createdInOf = new WeakMap<SchemaTable, string>();

/** The migration file (its path as the replay was given it) that created this table of a model, or undefined. */
export function tableCreatedIn(table: SchemaTable): string | undefined {
  return createdInOf.get(table);
}

/** A table's key in `SchemaModel.tables` from its name (`users`, `public.users`); unqualified names are in `public`. */
export function tableKey(name: string): string {
  return name.includes('.') ? name : `public.${name}`;
}

/** Looks a table up by name (`users`, `public.users`). */
export function getTable(model: SchemaModel, name: string): SchemaTable | undefined {
  return model.tables.get(tableKey(name));
}

/** The start of the problem listed for a migration file that does not parse (the parser's message follows). */
export const UNPARSED_MIGRATION = 'Cannot parse this migration: ';

/** Replays the migration files in the given order. Never throws; what it cannot follow is listed in `problems`. */
export function buildSchemaModel(files: readonly MigrationFile[]): SchemaModel {
  const replay = createSchemaReplay();
  for (const file of files) replay.file(file);
  return replay.model();
}

/** A replay that goes on file by file: `model()` is the schema after the files given so far (an independent copy). */
export interface SchemaReplay {
  file(file: MigrationFile): void;
  model(): SchemaModel;
  /** `model()` as of now, built on first `get()`: cheap to take where most such models are never read. */
  deferredModel(): DeferredSchemaModel;
}

export interface DeferredSchemaModel {
  readonly tableCount: number;
  /** The model (the same object on every call). */
  get(): SchemaModel;
  /** `get().tables.get(key)`, without building the model. */
  table(key: string): SchemaTable | undefined;
}

export function createSchemaReplay(): SchemaReplay {
  const replay = new Replay();
  return {
    file: (file) => replay.file(file.path, file.text, file.parsed),
    model: () => replay.snapshot().get(),
    deferredModel: () => replay.snapshot(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Names and types, as Postgres spells them

const NAME_MAX = 63;
const RESERVED = new Set(
  ('all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean both case cast ' +
    'char character check coalesce collate collation column concurrently constraint create cross current_catalog ' +
    'current_date current_role current_schema current_time current_timestamp current_user dec decimal default ' +
    'deferrable desc distinct do else end except exists extract false fetch float for foreign freeze from full grant ' +
    'greatest group grouping having ilike in initially inner inout int integer intersect interval into is isnull join ' +
    'json lateral leading least left like limit localtime localtimestamp national natural nchar none normalize not ' +
    'notnull null nullif numeric offset on only or order out outer overlaps overlay placing position precision ' +
    'primary real references returning right row select session_user setof similar smallint some substring ' +
    'symmetric system_user table tablesample then time timestamp to trailing treat trim true union unique user using ' +
    'values varchar variadic verbose when where window with xmlattributes xmlconcat xmlelement xmlexists xmlforest ' +
    'xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable').split(' '),
);

/** `quote_ident`: quotes unless the name is lower-case, simple and not a keyword. */
export function quoteIdent(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

const BUILTIN_TYPES: Record<string, string> = {
  int: 'integer', int4: 'integer', integer: 'integer', serial: 'integer', serial4: 'integer',
  int8: 'bigint', bigint: 'bigint', bigserial: 'bigint', serial8: 'bigint',
  int2: 'smallint', smallint: 'smallint', smallserial: 'smallint', serial2: 'smallint',
  float8: 'double precision', float4: 'real', real: 'real', bool: 'boolean', boolean: 'boolean',
  varchar: 'character varying', bpchar: 'character', numeric: 'numeric', decimal: 'numeric',
  timestamp: 'timestamp', timestamptz: 'timestamp', time: 'time', timetz: 'time', varbit: 'bit varying', bit: 'bit',
  text: 'text', uuid: 'uuid', json: 'json', jsonb: 'jsonb', bytea: 'bytea', date: 'date', interval: 'interval',
  inet: 'inet', cidr: 'cidr', macaddr: 'macaddr', macaddr8: 'macaddr8', money: 'money', xml: 'xml', oid: 'oid',
  tsvector: 'tsvector', tsquery: 'tsquery', point: 'point', citext: 'citext', char: '"char"', name: 'name',
};
const SERIAL = /^(small|big)?serial[248]?$/;

function strings(list: unknown): string[] {
  const values: string[] = [];
  if (!Array.isArray(list)) return values;
  for (const item of list) {
    const value = ((item as Node).String as { sval?: string } | undefined)?.sval ?? '';
    if (value !== '') values.push(value);
  }
  return values;
}

/** The last of `strings(list)`, without building the list. */
function lastString(list: unknown): string | undefined {
  if (!Array.isArray(list)) return undefined;
  for (let index = list.length - 1; index >= 0; index--) {
    const value = ((list[index] as Node).String as { sval?: string } | undefined)?.sval ?? '';
    if (value !== '') return value;
  }
  return undefined;
}

function constValue(node: unknown): string | undefined {
  const value = (node as Node | undefined)?.A_Const as Node | undefined;
  if (!value) return undefined;
  if (value.ival) return String((value.ival as { ival?: number }).ival ?? 0);
  return undefined;
}

/** `(20)`, `(10,2)`: a type's modifiers when all are integers, else nothing. */
function typmodsText(typmods: unknown): string {
  if (!Array.isArray(typmods) || typmods.length === 0) return '';
  const values = typmods.map(constValue);
  return values.every((mod) => mod !== undefined) ? `(${values.join(',')})` : '';
}

/** Formats a TypeName node; `withTypmod: false` gives the spelling used in casts (`'x'::character varying`). */
export function formatType(typeName: Node | undefined, withTypmod = true): string {
  if (!typeName) return 'unknown';
  const names = strings(typeName.names);
  const last = names.at(-1) ?? 'unknown';
  const qualifier = names.length > 1 ? names[0] : undefined;
  const builtin = (qualifier === undefined || qualifier === 'pg_catalog') && Object.hasOwn(BUILTIN_TYPES, last);
  const mods = withTypmod ? typmodsText(typeName.typmods) : '';
  let text: string;
  if (!builtin) {
    text = `${qualifier && qualifier !== 'public' ? `${quoteIdent(qualifier)}.` : ''}${quoteIdent(last)}`;
  } else if (last === 'timestamp' || last === 'timestamptz' || last === 'time' || last === 'timetz') {
    text = `${BUILTIN_TYPES[last]}${mods} ${last.endsWith('tz') ? 'with' : 'without'} time zone`;
  } else if (last === 'bpchar' && !withTypmod) {
    text = 'bpchar';
  } else {
    text = `${BUILTIN_TYPES[last]!}${mods}`;
  }
  return Array.isArray(typeName.arrayBounds) && typeName.arrayBounds.length > 0 ? `${text}[]` : text;
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

const SQL_VALUE_FUNCTIONS: Record<string, string> = {
  SVFOP_CURRENT_DATE: 'CURRENT_DATE', SVFOP_CURRENT_TIME: 'CURRENT_TIME', SVFOP_CURRENT_TIMESTAMP: 'CURRENT_TIMESTAMP',
  SVFOP_LOCALTIME: 'LOCALTIME', SVFOP_LOCALTIMESTAMP: 'LOCALTIMESTAMP', SVFOP_CURRENT_ROLE: 'CURRENT_ROLE',
  SVFOP_CURRENT_USER: 'CURRENT_USER', SVFOP_USER: 'USER', SVFOP_SESSION_USER: 'SESSION_USER',
  SVFOP_CURRENT_CATALOG: 'CURRENT_CATALOG', SVFOP_CURRENT_SCHEMA: 'CURRENT_SCHEMA',
};

/**
 * Renders a default expression as `pg_get_expr` would: literals take the column's type (`'x'::text`), negative
 * numbers are quoted, implicit casts are invisible. Returns null for `DEFAULT NULL`. Best effort past the common cases.
 */
export function formatDefault(expr: Node | undefined, castType: string): string | null {
  // Casts and function calls nest as deep as the SQL says: an explicit stack of work, not recursion. A task either
  // formats an expression (its text pushed on `values`) or combines the texts its sub-expressions left there.
  type Task =
    | { expr: Node | undefined; castType: string }
    | { cast: string }
    | { call: string; arity: number };
  const tasks: Task[] = [{ expr, castType }];
  const values: Array<string | null> = [];
  for (let task = tasks.pop(); task !== undefined; task = tasks.pop()) {
    if ('cast' in task) {
      values.push(`(${values.pop() ?? 'NULL'})::${task.cast}`);
    } else if ('call' in task) {
      const args = values.splice(values.length - task.arity, task.arity);
      values.push(`${task.call}(${args.map((arg) => arg ?? 'NULL').join(', ')})`);
    } else if (!task.expr) {
      values.push(null);
    } else {
      const [kind, body] = Object.entries(task.expr)[0] as [string, Node];
      if (kind === 'TypeCast') {
        const type = formatType(body.typeName as Node, true);
        const arg = body.arg as Node | undefined;
        const argConst = arg?.A_Const as Node | undefined;
        if (!argConst?.sval) tasks.push({ cast: type });
        tasks.push({ expr: arg, castType: type });
      } else if (kind === 'FuncCall') {
        const names = strings(body.funcname).filter((name) => name !== 'pg_catalog');
        const name = names.map(quoteIdent).join('.');
        const args = Array.isArray(body.args) ? body.args : [];
        const argType = name === 'nextval' ? 'regclass' : 'text';
        tasks.push({ call: name, arity: args.length });
        for (let index = args.length - 1; index >= 0; index--) tasks.push({ expr: args[index] as Node, castType: argType });
      } else {
        values.push(formatLeaf(kind, body, task.castType));
      }
    }
  }
  return values[0] ?? null;
}

/** formatDefault of an expression without sub-expressions it renders. */
function formatLeaf(kind: string, body: Node, castType: string): string | null {
  switch (kind) {
    case 'A_Const': {
      if (body.isnull) return null;
      if (body.sval) return `${quoteLiteral((body.sval as { sval?: string }).sval ?? '')}::${castType}`;
      if (body.boolval) return (body.boolval as { boolval?: boolean }).boolval ? 'true' : 'false';
      if (body.ival) {
        const value = (body.ival as { ival?: number }).ival ?? 0;
        return value < 0 ? `'${value}'::integer` : String(value);
      }
      if (body.fval) {
        const value = (body.fval as { fval?: string }).fval ?? '0';
        if (/^-?\d+$/.test(value)) return value.startsWith('-') ? `'${value}'::bigint` : value;
        return /^\d/.test(value) && value.includes('.') && !/e/i.test(value) ? value : `'${value}'::numeric`;
      }
      return null;
    }
    case 'SQLValueFunction': {
      const op = String(body.op ?? '');
      const base = SQL_VALUE_FUNCTIONS[op.replace(/_N$/, '')] ?? op;
      return op.endsWith('_N') ? `${base}(${String(body.typmod ?? '')})` : base;
    }
    default:
      return `(${kind})`;
  }
}

const utf8 = new TextEncoder();
const byteLength = (text: string): number => utf8.encode(text).length;

/** The longest prefix of `text` that fits in `bytes` UTF-8 bytes without splitting a character (pg_mbcliplen). */
function clipToBytes(text: string, bytes: number): string {
  let used = 0;
  let end = 0;
  for (const char of text) {
    used += byteLength(char);
    if (used > bytes) break;
    end += char.length;
  }
  return text.slice(0, end);
}

/**
 * makeObjectName: `table_cols_label`, truncating the longer part until it fits in 63 bytes. PostgreSQL counts BYTES
 * (strlen), then cuts each part back to a whole character: `é` × 31 (62 bytes) keeps 23 characters in
 * `<table>_customer_id_idx`.
 */
export function makeObjectName(name1: string, name2: string, label: string): string {
  let firstBytes = byteLength(name1);
  let secondBytes = byteLength(name2);
  const overhead = byteLength(label) + 1 + (name2 ? 1 : 0);
  while (firstBytes + secondBytes > NAME_MAX - overhead) {
    if (firstBytes > secondBytes) firstBytes--;
    else secondBytes--;
  }
  let name = clipToBytes(name1, firstBytes);
  for (const part of [clipToBytes(name2, secondBytes), label]) if (part) name = name ? `${name}_${part}` : part;
  return name;
}

function chooseName(name1: string, name2: string, label: string, taken: (name: string) => boolean): string {
  let name = makeObjectName(name1, name2, label);
  for (let suffix = 1; taken(name); suffix++) name = makeObjectName(name1, name2, `${label}${suffix}`);
  return name;
}

/** The column names an unnamed index is named after (ChooseIndexColumnNames). */
function indexColumnNames(params: Node[]): string {
  const names: string[] = [];
  for (const param of params) {
    const element = (param.IndexElem ?? param) as Node;
    let name = typeof element.name === 'string' ? element.name : figureColname(element.expr as Node | undefined);
    const base = name;
    for (let i = 1; names.includes(name); i++) name = `${base}${i}`;
    names.push(name);
  }
  let joined = '';
  for (const name of names) {
    if (joined) joined += '_';
    joined += name;
    if (byteLength(joined) >= NAME_MAX) break;
  }
  return joined;
}

function figureColname(expr: Node | undefined): string {
  // `x::a::b…`: the casts are unwrapped in a loop (they nest as deep as the SQL says), then named from the inside out.
  const casts: Node[] = [];
  let current = expr;
  while (current) {
    const [kind, body] = Object.entries(current)[0] as [string, Node];
    if (kind !== 'TypeCast') break;
    casts.push(body);
    current = body.arg as Node | undefined;
  }
  let name = innerColname(current);
  for (let index = casts.length - 1; index >= 0; index--) {
    if (name === 'expr') name = strings((casts[index]!.typeName as Node | undefined)?.names).at(-1) ?? 'expr';
  }
  return name;
}

function innerColname(expr: Node | undefined): string {
  if (!expr) return 'expr';
  const [kind, body] = Object.entries(expr)[0] as [string, Node];
  if (kind === 'FuncCall') return strings(body.funcname).at(-1) ?? 'expr';
  if (kind === 'ColumnRef') return strings(body.fields).at(-1) ?? 'expr';
  return 'expr';
}

/** Column names referenced anywhere inside an expression tree (an explicit stack: expressions nest deep). */
function columnRefs(node: unknown): string[] {
  const into: string[] = [];
  walkTree([node], (value) => {
    const ref = Array.isArray(value) ? undefined : ((value as Node).ColumnRef as Node | undefined);
    if (!ref) return true;
    const name = strings(ref.fields).at(-1);
    if (name) into.push(name);
    return false;
  });
  return into;
}

// ---------------------------------------------------------------------------------------------------------------
// The replay

// No lookup by name scans the model: registries map a name to the tables that have (or once had) it as their own
// name, an index's, a constraint's or a sequence default's. They are supersets, only ever added to where a name is
// given (never pruned), so a lookup re-checks each candidate exactly as a scan of every table would, and only a
// candidate still in the model (`live`) counts.

const NO_TABLES: ReadonlySet<TableState> = new Set();

/** Tables by a name in a schema: two levels, so a lookup builds no `schema.name` key string. */
class Registry {
  private readonly schemas = new Map<string, Map<string, Set<TableState>>>();

  add(schema: string, name: string, table: TableState): void {
    let names = this.schemas.get(schema);
    if (!names) {
      names = new Map();
      this.schemas.set(schema, names);
    }
    const tables = names.get(name);
    if (tables) tables.add(table);
    else names.set(name, new Set<TableState>().add(table));
  }

  /** The candidates, live or not, in no particular order. */
  get(schema: string, name: string): ReadonlySet<TableState> {
    return this.schemas.get(schema)?.get(name) ?? NO_TABLES;
  }
}

/** A serial column's default, `nextval('<literal>'::regclass)`: the sequence it names is the literal's text. */
const NEXTVAL_START = "nextval('";
const NEXTVAL_END = "'::regclass)";

/** The plain-data copy of a table: snapshots share it until the table changes. */
function copyTable(table: TableState): SchemaTable {
  const copy: SchemaTable = {
    schema: table.schema,
    name: table.name,
    external: table.external,
    columns: table.columns.map((column) => ({ ...column })),
    primaryKey: table.primaryKey ? { ...table.primaryKey } : null,
    // An origin never changes once made (and its end is computed on first read): copies share it.
    foreignKeys: table.foreignKeys.map((fk) => ({ ...fk, references: { ...fk.references } })),
    indexes: table.indexes.map(
      (index): SchemaIndex => ({
        name: index.name,
        columns: index.columns,
        unique: index.unique,
        partial: index.partial,
        method: index.method,
        constraint: index.constraint,
      }),
    ),
  };
  if (table.createdIn !== undefined) createdInOf.set(copy, table.createdIn);
  return copy;
}

/** The first column called `name`. */
function columnNamed(table: TableState, name: string): SchemaColumn | undefined {
  if (!table.columnsByName) {
    table.columnsByName = new Map();
    for (const column of table.columns) if (!table.columnsByName.has(column.name)) table.columnsByName.set(column.name, column);
  }
  return table.columnsByName.get(name);
}

/** Points `columnsByName` at the first column of each of `names` again, after columns of those names changed. */
function reindexColumns(table: TableState, names: string[]): void {
  const index = table.columnsByName;
  if (!index) return;
  for (const name of names) index.delete(name);
  for (const column of table.columns) if (names.includes(column.name) && !index.has(column.name)) index.set(column.name, column);
}

/** A column constraint's key: its column (an empty name is none, as `strings` drops it). */
function columnKey(column: string): string[] {
  return column ? [column] : [];
}

/** A copy of `names` with `from` renamed to `to` (lists of names are never changed in place: snapshots share them). */
function renamed<T extends string | null>(names: T[], from: string, to: T): T[] {
  return names.map((name) => (name === from ? to : name));
}

class Replay {
  /** Keyed by `schema.name`; the output is in `order` (creation order). */
  readonly tables = new Map<string, TableState>();
  /** Only ever appended to (a snapshot keeps a length). */
  readonly problems: SchemaProblem[] = [];
  /** Tables that had a name as table, index, primary key, unique or foreign key name. */
  private readonly names = new Registry();
  /** Tables with a column whose default was `nextval('<literal>'::regclass)`, by the literal's text. */
  private readonly sequenceDefaults = new Registry();
  /** Tables with a foreign key that referenced a table (by that name). */
  private readonly referencers = new Registry();
  /** Tables with a foreign key that referenced a column (by `table\0column`): renaming or dropping one visits only those. */
  private readonly columnReferencers = new Registry();
  private nextOrder = 0;
  /**
   * While a CREATE TABLE is replayed: its primary key and unique indexes, with the constraint that made each and whether
   * it was named (PostgreSQL merges a second identical one into the first: see `addConstraint`).
   */
  private creating: { table: TableState; indexes: Map<IndexState, { constraint: Node; named: boolean }> } | undefined;
  /** Set when a rename moved a table's entry to the end of `tables`: the next snapshot puts them back in `order`. */
  private reordered = false;
  /** Tables changed or added since the last snapshot, each once, in the order of their first change. */
  private changedTables: TableState[] = [];
  /** Keys of the tables dropped since the last snapshot. */
  private droppedKeys: string[] = [];
  /**
   * The copy of every table at the last full snapshot, in order (and, once a lookup needs it, each key's position);
   * `log` holds what later snapshots changed.
   */
  private fullSnapshot: { keys: string[]; copies: SchemaTable[]; positions: Map<string, number> | undefined } | undefined;
  /** A table's copy under its key, or (undefined) the key's removal, for each change a snapshot took. */
  private log: Array<[key: string, copy: SchemaTable | undefined]> = [];
  private path = '';
  private text = '';
  private toOffset: (location: number) => number = (location) => location;
  private base = 0;
  /** The end (string offset) of the statement being replayed. */
  private statementEnd = 0;

  /**
   * The model so far, as plain data that later statements do not change, built on first `get()`: most snapshots (one
   * at each file boundary of a set) are never read. Taking one costs what changed since the previous one: a table's
   * copy is shared by every snapshot until the table changes, and a snapshot is the last full list of copies (taken
   * when the changes since outnumber the tables, or after a rename moved entries) and a length of the log after it.
   */
  snapshot(): DeferredSchemaModel {
    if (this.reordered || !this.fullSnapshot || this.log.length + this.changedTables.length + this.droppedKeys.length > this.tables.size) {
      this.takeFullSnapshot();
    } else {
      for (const key of this.droppedKeys) this.log.push([key, undefined]);
      // A live table's key is `schema.name`; new tables come in the order they were added, as in `tables`.
      for (const table of this.changedTables) if (table.live) this.log.push([`${table.schema}.${table.name}`, (table.copy ??= copyTable(table))]);
    }
    this.changedTables = [];
    this.droppedKeys = [];
    const full = this.fullSnapshot!;
    const { keys, copies } = full;
    const { log, problems } = this;
    const logLength = log.length;
    const problemCount = problems.length;
    let model: SchemaModel | undefined;
    return {
      tableCount: this.tables.size,
      get(): SchemaModel {
        if (!model) {
          const tables = new Map<string, SchemaTable>();
          for (let index = 0; index < keys.length; index++) tables.set(keys[index]!, copies[index]!);
          for (let index = 0; index < logLength; index++) {
            const [key, copy] = log[index]!;
            if (copy) tables.set(key, copy);
            else tables.delete(key);
          }
          model = { tables, problems: problems.slice(0, problemCount) };
        }
        return model;
      },
      table(key: string): SchemaTable | undefined {
        if (model) return model.tables.get(key);
        for (let index = logLength - 1; index >= 0; index--) {
          const [changedKey, copy] = log[index]!;
          if (changedKey === key) return copy;
        }
        full.positions ??= new Map(keys.map((fullKey, index) => [fullKey, index]));
        const position = full.positions.get(key);
        return position === undefined ? undefined : copies[position];
      },
    };
  }

  private takeFullSnapshot(): void {
    if (this.reordered) {
      // New tables get the next `order`, so only renames put `tables` out of order.
      const sorted = [...this.tables].sort((a, b) => a[1].order - b[1].order);
      this.tables.clear();
      for (const [key, table] of sorted) this.tables.set(key, table);
      this.reordered = false;
    }
    const keys: string[] = [];
    const copies: SchemaTable[] = [];
    for (const [key, table] of this.tables) {
      keys.push(key);
      copies.push((table.copy ??= copyTable(table)));
    }
    this.fullSnapshot = { keys, copies, positions: undefined };
    // A new log: the snapshots taken so far keep theirs.
    this.log = [];
  }

  /** Marks `table` changed: its copy in the last snapshot is stale. */
  private changed(table: TableState): void {
    if (table.copy === undefined) return; // Listed already (a new table is listed when added).
    table.copy = undefined;
    this.changedTables.push(table);
  }

  file(path: string, text: string, parsed?: SqlParseResult): void {
    this.path = path;
    // psql meta-commands are blanked (positions unchanged), as the `fortress/sql` language does.
    this.text = blankPsqlMetaCommands(text);
    this.base = 0;
    const result = parsed ?? parseSql(this.text);
    if (!result.ok) {
      this.problem(result.error.offset, `${UNPARSED_MIGRATION}${result.error.message}${result.error.failure ? '' : '.'}`);
      return;
    }
    this.toOffset = result.toOffset;
    this.statements(result.statements);
  }

  private statements(statements: readonly SqlStatement[]): void {
    for (const statement of statements) {
      this.statementEnd = statement.end;
      try {
        this.statement(statement);
      } catch (error) {
        this.problem(statement.start, `Cannot follow this statement: ${error instanceof Error ? error.message : String(error)}.`);
      }
    }
  }

  private offset(location: unknown): number {
    return this.base + this.toOffset(typeof location === 'number' ? location : 0);
  }

  private problem(offset: number, message: string): void {
    this.problems.push({ file: this.path, offset, message });
  }

  /** Replays one statement. Only the kinds it models have their tree read (`node` is built on first read). */
  private statement(statement: SqlStatement): void {
    switch (statement.kind) {
      case 'CreateStmt':
        return this.createTable(statement.node, statement.start);
      case 'AlterTableStmt':
        return this.alterTable(statement.node);
      case 'IndexStmt':
        return this.createIndex(statement.node, statement.start);
      case 'RenameStmt':
        return this.rename(statement.node);
      case 'DropStmt':
        return this.drop(statement.node);
      case 'DoStmt':
        return this.doBlock(statement.node);
      default:
    }
  }

  private key(relation: Node | undefined): string {
    return `${(relation?.schemaname as string | undefined) ?? 'public'}.${String(relation?.relname ?? '')}`;
  }

  /** The table a statement alters; an unknown one is reported and, unless `IF EXISTS`, stood in for (`external`). */
  private table(relation: Node | undefined, missingOk = false): TableState | undefined {
    const key = this.key(relation);
    let table = this.tables.get(key);
    if (table) this.changed(table);
    if (table || missingOk) return table;
    this.problem(this.offset(relation?.location), `Unknown table ${key}.`);
    table = this.newTable(relation, true);
    this.addTable(key, table);
    return table;
  }

  private newTable(relation: Node | undefined, external: boolean): TableState {
    return {
      schema: (relation?.schemaname as string | undefined) ?? 'public',
      name: String(relation?.relname ?? ''),
      external,
      columns: [],
      primaryKey: null,
      foreignKeys: [],
      indexes: [],
      order: this.nextOrder++,
      live: false,
      copy: undefined,
      columnsByName: undefined,
      createdIn: external ? undefined : this.path,
    };
  }

  private addTable(key: string, table: TableState): void {
    this.tables.set(key, table);
    table.live = true;
    this.changedTables.push(table);
    this.named(table, table.name);
  }

  /** Records that `table` now holds an object (itself, an index, a constraint) called `name`. */
  private named(table: TableState, name: string): void {
    this.names.add(table.schema, name, table);
  }

  /** Records a column default of `table` (only `nextval('…'::regclass)` ones name a sequence). */
  private defaulted(table: TableState, value: string | null): void {
    if (value?.startsWith(NEXTVAL_START) && value.endsWith(NEXTVAL_END)) {
      this.sequenceDefaults.add(table.schema, value.slice(NEXTVAL_START.length, -NEXTVAL_END.length), table);
    }
  }

  /** Records what `fk` of `table` references (again when that changed). */
  private referencing(table: TableState, fk: SchemaForeignKey): void {
    const { schema, table: target, columns } = fk.references;
    this.referencers.add(schema, target, table);
    for (const column of columns) this.columnReferencers.add(schema, `${target}\0${column}`, table);
  }

  /**
   * The live tables with a foreign key that references `schema.table`, or that `column` of it (a superset: callers
   * check each key). Only those a change reaches are marked changed: a wide table referenced by many others is not
   * copied again for nothing.
   */
  private referencersOf(schema: string, table: string, column?: string): TableState[] {
    const candidates = column === undefined ? this.referencers.get(schema, table) : this.columnReferencers.get(schema, `${table}\0${column}`);
    const tables: TableState[] = [];
    for (const other of candidates) if (other.live) tables.push(other);
    return tables;
  }

  /** Keeps the foreign keys of `table` that `keep` accepts (a table that loses one has changed). */
  private keepForeignKeys(table: TableState, keep: (fk: SchemaForeignKey) => boolean): void {
    const kept = table.foreignKeys.filter(keep);
    if (kept.length === table.foreignKeys.length) return;
    table.foreignKeys = kept;
    this.changed(table);
  }

  private relationTaken(schema: string, name: string): boolean {
    for (const table of this.names.get(schema, name)) {
      if (table.live && (table.name === name || table.indexes.some((index) => index.name === name))) return true;
    }
    const literal = name.replaceAll("'", "''");
    for (const table of this.sequenceDefaults.get(schema, literal)) {
      const sequenceDefault = `${NEXTVAL_START}${literal}${NEXTVAL_END}`;
      if (table.live && table.columns.some((column) => column.default === sequenceDefault)) return true;
    }
    return false;
  }

  private constraintTaken(schema: string, name: string): boolean {
    for (const table of this.names.get(schema, name)) {
      if (!table.live) continue;
      if (table.primaryKey?.name === name || table.foreignKeys.some((fk) => fk.name === name)) return true;
      if (table.indexes.some((index) => index.constraint === 'unique' && index.name === name)) return true;
    }
    return false;
  }

  private createTable(node: Node, start: number): void {
    const relation = node.relation as Node;
    const key = this.key(relation);
    if (this.tables.has(key)) {
      if (!node.if_not_exists) this.problem(start, `Table ${key} already exists.`);
      return;
    }
    if (node.partbound || node.inhRelations) this.problem(start, `Inheritance and partitions of ${key} are not modelled.`);
    const table = this.newTable(relation, false);
    this.addTable(key, table);
    const elements = (Array.isArray(node.tableElts) ? node.tableElts : []) as Node[];
    this.creating = { table, indexes: new Map() };
    for (const element of elements) {
      if (element.ColumnDef) this.addColumn(table, element.ColumnDef as Node);
    }
    // Table constraints after the columns; primary key and unique indexes before foreign keys (as Postgres names
    // them), the columns' foreign keys before the table's.
    for (const element of elements) {
      const constraint = element.Constraint as Node | undefined;
      if (constraint && constraint.contype !== 'CONSTR_FOREIGN') this.addConstraint(table, constraint);
    }
    this.creating = undefined;
    for (const element of elements) {
      if (element.ColumnDef) this.addColumnForeignKeys(table, element.ColumnDef as Node);
    }
    for (const element of elements) {
      const constraint = element.Constraint as Node | undefined;
      if (constraint?.contype === 'CONSTR_FOREIGN') this.addConstraint(table, constraint);
    }
  }

  /** Adds a column with its keys; its foreign keys come once the table's keys exist (`addColumnForeignKeys`). */
  private addColumn(table: TableState, def: Node): void {
    const name = String(def.colname ?? '');
    const typeName = def.typeName as Node | undefined;
    const serial = SERIAL.test(lastString(typeName?.names) ?? '') && !typeName?.arrayBounds;
    const column: SchemaColumn = { name, type: formatType(typeName), default: null, notNull: false, identity: null };
    if (serial) {
      const sequence = chooseName(table.name, name, 'seq', (candidate) => this.relationTaken(table.schema, candidate));
      const qualified = table.schema === 'public' ? quoteIdent(sequence) : `${quoteIdent(table.schema)}.${quoteIdent(sequence)}`;
      column.default = `nextval(${quoteLiteral(qualified)}::regclass)`;
      column.notNull = true;
      this.defaulted(table, column.default);
    }
    table.columns.push(column);
    if (table.columnsByName && !table.columnsByName.has(name)) table.columnsByName.set(name, column);
    for (const item of (Array.isArray(def.constraints) ? def.constraints : []) as Node[]) {
      const constraint = item.Constraint as Node | undefined;
      if (!constraint) continue;
      switch (constraint.contype) {
        case 'CONSTR_NOTNULL':
          column.notNull = true;
          break;
        case 'CONSTR_NULL':
          column.notNull = false;
          break;
        case 'CONSTR_DEFAULT':
          column.default = formatDefault(constraint.raw_expr as Node | undefined, formatType(typeName, false));
          this.defaulted(table, column.default);
          break;
        case 'CONSTR_IDENTITY':
          column.identity = constraint.generated_when === 'a' ? 'always' : 'by default';
          column.notNull = true;
          break;
        case 'CONSTR_PRIMARY':
        case 'CONSTR_UNIQUE':
          this.addConstraint(table, constraint, name);
          break;
        default:
      }
    }
  }

  /**
   * In CREATE TABLE, a primary key or unique constraint on the same columns (same order, same DEFERRABLE, INCLUDE and
   * NULLS NOT DISTINCT) as an earlier one of the statement builds no second index: PostgreSQL's
   * transformIndexConstraints keeps the first (the primary key if either is one) and gives it the second's name when
   * the first had none. `CREATE TABLE u (email text, UNIQUE (email), UNIQUE (email))` has one index, u_email_key;
   * ALTER TABLE … ADD UNIQUE (email), ADD UNIQUE (email) has two. True when `constraint` was merged.
   */
  private mergedIntoSameIndex(table: TableState, constraint: Node, keys: string[], primary: boolean): boolean {
    if (this.creating?.table !== table) return false;
    const shape = (node: Node): string =>
      JSON.stringify([node.deferrable ?? false, node.initdeferred ?? false, node.nulls_not_distinct ?? false, node.including ?? [], node.options ?? []]);
    for (const [prior, made] of this.creating.indexes) {
      if (prior.columns.length !== keys.length || prior.columns.some((key, i) => key !== keys[i]) || shape(made.constraint) !== shape(constraint)) continue;
      const conname = typeof constraint.conname === 'string' ? constraint.conname : undefined;
      if (primary) {
        prior.constraint = 'primary key';
        // The primary key comes first in PostgreSQL's list: its own name wins, then the unique constraint's.
        if (conname !== undefined) prior.name = conname;
        else if (!made.named) prior.name = chooseName(table.name, '', 'pkey', (c) => this.relationTaken(table.schema, c) || this.constraintTaken(table.schema, c));
        table.primaryKey = { name: prior.name, columns: keys };
        for (const other of table.columns) if (keys.includes(other.name)) other.notNull = true;
      } else if (!made.named && conname !== undefined) {
        prior.name = conname;
        if (table.primaryKey && prior.constraint === 'primary key') table.primaryKey = { ...table.primaryKey, name: conname };
      }
      made.named ||= conname !== undefined || primary;
      this.named(table, prior.name);
      return true;
    }
    return false;
  }

  private addColumnForeignKeys(table: TableState, def: Node): void {
    const name = String(def.colname ?? '');
    for (const item of (Array.isArray(def.constraints) ? def.constraints : []) as Node[]) {
      const constraint = item.Constraint as Node | undefined;
      if (constraint?.contype === 'CONSTR_FOREIGN') this.addConstraint(table, constraint, name);
    }
  }

  /** Adds a table constraint, or with `column` a column constraint on it (its key is that column). */
  private addConstraint(table: TableState, constraint: Node, column?: string): void {
    switch (constraint.contype) {
      case 'CONSTR_PRIMARY':
      case 'CONSTR_UNIQUE': {
        const primary = constraint.contype === 'CONSTR_PRIMARY';
        if (primary && table.primaryKey) {
          this.problem(this.offset(constraint.location), `Table ${table.name} already has a primary key.`);
          return;
        }
        let index: IndexState | undefined;
        if (typeof constraint.indexname === 'string') {
          index = table.indexes.find((candidate) => candidate.name === constraint.indexname);
          if (!index) return this.problem(this.offset(constraint.location), `Unknown index ${constraint.indexname}.`);
          if (typeof constraint.conname === 'string') {
            index.name = constraint.conname;
            this.named(table, index.name);
          }
        } else {
          const keys = column === undefined ? strings(constraint.keys) : columnKey(column);
          if (this.mergedIntoSameIndex(table, constraint, keys, primary)) return;
          const name =
            typeof constraint.conname === 'string'
              ? constraint.conname
              : chooseName(table.name, primary ? '' : indexColumnNames(keys.map((key) => ({ name: key }))), primary ? 'pkey' : 'key', (c) =>
                  this.relationTaken(table.schema, c) || this.constraintTaken(table.schema, c),
                );
          index = { name, columns: keys, unique: true, partial: false, method: 'btree', constraint: null, refs: [] };
          table.indexes.push(index);
          this.named(table, name);
          if (this.creating?.table === table) this.creating.indexes.set(index, { constraint, named: typeof constraint.conname === 'string' });
        }
        index.constraint = primary ? 'primary key' : 'unique';
        if (primary) {
          const columns = index.columns.filter((key): key is string => key !== null);
          table.primaryKey = { name: index.name, columns };
          for (const other of table.columns) if (columns.includes(other.name)) other.notNull = true;
        }
        return;
      }
      case 'CONSTR_FOREIGN': {
        const location = this.offset(constraint.location);
        const pktable = constraint.pktable as Node;
        const targetKey = this.key(pktable);
        const target = this.tables.get(targetKey) ?? (targetKey === `${table.schema}.${table.name}` ? table : undefined);
        const columns = column === undefined ? strings(constraint.fk_attrs) : columnKey(column);
        const pkAttrs = strings(constraint.pk_attrs);
        const referenced = pkAttrs.length > 0 ? pkAttrs : (target?.primaryKey?.columns ?? []);
        if (!target) this.problem(this.offset(pktable.location), `Unknown table ${targetKey}.`);
        const name =
          typeof constraint.conname === 'string'
            ? constraint.conname
            : chooseName(table.name, columns.join('_'), 'fkey', (c) => this.constraintTaken(table.schema, c));
        const fk: SchemaForeignKey = {
          name,
          columns,
          references: {
            schema: target?.schema ?? ((pktable.schemaname as string | undefined) ?? 'public'),
            table: target?.name ?? String(pktable.relname),
            columns: referenced,
          },
          origin: this.referenceOrigin(location, this.offset(pktable.location), pkAttrs.length > 0),
        };
        table.foreignKeys.push(fk);
        this.named(table, name);
        this.referencing(table, fk);
        return;
      }
      default:
    }
  }

  /**
   * A foreign key's origin: from `start` to the end of its REFERENCES target at `offset`. The end is scanned for on
   * first read, not during the replay: only a finding's range needs it, and most foreign keys are never reported.
   */
  private referenceOrigin(start: number, offset: number, hasColumns: boolean): SchemaOrigin {
    const { text, statementEnd } = this;
    let end: number | undefined;
    return {
      file: this.path,
      start,
      get end(): number {
        end ??= clauseEnd(text, offset, statementEnd, hasColumns);
        return end;
      },
    };
  }

  private alterTable(node: Node): void {
    if (node.objtype !== 'OBJECT_TABLE') return;
    const table = this.table(node.relation as Node, Boolean(node.missing_ok));
    if (!table) return;
    for (const item of (Array.isArray(node.cmds) ? node.cmds : []) as Node[]) {
      const cmd = item.AlterTableCmd as Node | undefined;
      if (!cmd) continue;
      const name = typeof cmd.name === 'string' ? cmd.name : '';
      const def = cmd.def as Node | undefined;
      switch (cmd.subtype) {
        case 'AT_AddColumn': {
          const columnDef = def?.ColumnDef as Node;
          if (columnNamed(table, columnDef.colname as string)) {
            if (!cmd.missing_ok) this.problem(this.offset(columnDef.location), `Column ${String(columnDef.colname)} already exists.`);
            break;
          }
          this.addColumn(table, columnDef);
          this.addColumnForeignKeys(table, columnDef);
          break;
        }
        case 'AT_DropColumn':
          if (columnNamed(table, name)) this.dropColumn(table, name);
          else if (!cmd.missing_ok) this.problem(this.offset((node.relation as Node).location), `Unknown column ${name}.`);
          break;
        case 'AT_AlterColumnType':
        case 'AT_ColumnDefault':
        case 'AT_SetNotNull':
        case 'AT_DropNotNull':
        case 'AT_AddIdentity':
        case 'AT_DropIdentity': {
          const column = columnNamed(table, name);
          if (column) this.alterColumn(table, column, cmd.subtype, def);
          break;
        }
        case 'AT_AddConstraint':
          if (def?.Constraint) this.addConstraint(table, def.Constraint as Node);
          break;
        case 'AT_DropConstraint':
          this.dropConstraint(table, name, Boolean(cmd.missing_ok));
          break;
        default:
      }
    }
  }

  private alterColumn(table: TableState, column: SchemaColumn, subtype: string, def: Node | undefined): void {
    switch (subtype) {
      case 'AT_AlterColumnType':
        column.type = formatType((def?.ColumnDef as Node | undefined)?.typeName as Node | undefined);
        break;
      case 'AT_ColumnDefault':
        column.default = formatDefault(def, castType(column.type));
        this.defaulted(table, column.default);
        break;
      case 'AT_SetNotNull':
        column.notNull = true;
        break;
      case 'AT_DropNotNull':
        column.notNull = false;
        break;
      case 'AT_AddIdentity':
        column.identity = (def?.Constraint as Node | undefined)?.generated_when === 'a' ? 'always' : 'by default';
        column.notNull = true;
        break;
      case 'AT_DropIdentity':
        column.identity = null;
        break;
      default:
    }
  }

  private dropColumn(table: TableState, name: string): void {
    table.columns = table.columns.filter((column) => column.name !== name);
    reindexColumns(table, [name]);
    table.indexes = table.indexes.filter((index) => !index.columns.includes(name) && !index.refs.includes(name));
    if (table.primaryKey?.columns.includes(name)) table.primaryKey = null;
    table.foreignKeys = table.foreignKeys.filter((fk) => !fk.columns.includes(name));
    for (const other of this.referencersOf(table.schema, table.name, name)) {
      this.keepForeignKeys(
        other,
        (fk) => !(fk.references.schema === table.schema && fk.references.table === table.name && fk.references.columns.includes(name)),
      );
    }
  }

  private dropConstraint(table: TableState, name: string, missingOk: boolean): void {
    const index = table.indexes.find((candidate) => candidate.constraint && candidate.name === name);
    if (index) {
      table.indexes = table.indexes.filter((candidate) => candidate !== index);
      if (index.constraint === 'primary key') {
        table.primaryKey = null;
        this.dropReferencingForeignKeys(table, index.columns);
      } else {
        this.dropReferencingForeignKeys(table, index.columns);
      }
      return;
    }
    const before = table.foreignKeys.length;
    table.foreignKeys = table.foreignKeys.filter((fk) => fk.name !== name);
    if (before === table.foreignKeys.length && !missingOk) {
      // CHECK and NOT NULL constraints are not modelled: dropping one is not a problem.
    }
  }

  /** Dropping a key (with CASCADE; without, Postgres refuses) drops the foreign keys that reference exactly it. */
  private dropReferencingForeignKeys(table: TableState, columns: Array<string | null>): void {
    for (const other of this.referencersOf(table.schema, table.name)) {
      this.keepForeignKeys(
        other,
        (fk) =>
          !(
            fk.references.schema === table.schema &&
            fk.references.table === table.name &&
            fk.references.columns.length === columns.length &&
            fk.references.columns.every((column) => columns.includes(column))
          ),
      );
    }
  }

  private createIndex(node: Node, start: number): void {
    const table = this.table(node.relation as Node);
    if (!table) return;
    const params = ((Array.isArray(node.indexParams) ? node.indexParams : []) as Node[]).map((param) => (param.IndexElem ?? {}) as Node);
    const name =
      typeof node.idxname === 'string'
        ? node.idxname
        : chooseName(table.name, indexColumnNames(params), 'idx', (candidate) => this.relationTaken(table.schema, candidate));
    if (this.relationTaken(table.schema, name)) {
      if (!node.if_not_exists) this.problem(start, `Relation ${name} already exists.`);
      return;
    }
    this.named(table, name);
    table.indexes.push({
      name,
      columns: params.map((param) => (typeof param.name === 'string' ? param.name : null)),
      unique: Boolean(node.unique),
      partial: Boolean(node.whereClause),
      method: typeof node.accessMethod === 'string' ? node.accessMethod : 'btree',
      constraint: null,
      refs: columnRefs([params.map((param) => param.expr), node.whereClause]),
    });
  }

  /** The index called `name` in `schema`, on the first table (in creation order) that has one, to change. */
  private findIndex(schema: string, name: string): { table: TableState; index: IndexState } | undefined {
    let found: { table: TableState; index: IndexState } | undefined;
    for (const table of this.names.get(schema, name)) {
      if (!table.live || (found && found.table.order < table.order)) continue;
      const index = table.indexes.find((candidate) => candidate.name === name);
      if (index) found = { table, index };
    }
    if (found) this.changed(found.table);
    return found;
  }

  private rename(node: Node): void {
    const relation = node.relation as Node | undefined;
    const newname = String(node.newname ?? '');
    const subname = typeof node.subname === 'string' ? node.subname : '';
    switch (node.renameType) {
      case 'OBJECT_TABLE': {
        const table = this.table(relation, Boolean(node.missing_ok));
        if (!table) return;
        const oldKey = `${table.schema}.${table.name}`;
        const newKey = `${table.schema}.${newname}`;
        for (const other of this.referencersOf(table.schema, table.name)) {
          for (const fk of other.foreignKeys) {
            if (`${fk.references.schema}.${fk.references.table}` !== oldKey) continue;
            fk.references.table = newname;
            this.referencing(other, fk);
            this.changed(other);
          }
        }
        // The table keeps its place in the model; renaming onto a taken name (Postgres refuses) keeps one entry, at
        // the earlier place, holding the later of the two.
        const occupant = this.tables.get(newKey);
        this.tables.delete(oldKey);
        this.reordered = true;
        table.name = newname;
        if (occupant && occupant !== table) {
          const [first, last] = occupant.order < table.order ? [occupant, table] : [table, occupant];
          last.order = first.order;
          first.live = false;
          this.tables.set(newKey, last);
        } else {
          this.tables.set(newKey, table);
        }
        this.named(table, newname);
        return;
      }
      case 'OBJECT_COLUMN': {
        const table = this.table(relation, Boolean(node.missing_ok));
        const column = table && columnNamed(table, subname);
        if (!table || !column) return;
        column.name = newname;
        reindexColumns(table, [subname, newname]);
        for (const index of table.indexes) {
          if (index.columns.includes(subname)) index.columns = renamed(index.columns, subname, newname);
          if (index.refs.includes(subname)) index.refs = renamed(index.refs, subname, newname);
        }
        if (table.primaryKey?.columns.includes(subname)) table.primaryKey.columns = renamed(table.primaryKey.columns, subname, newname);
        for (const fk of table.foreignKeys) if (fk.columns.includes(subname)) fk.columns = renamed(fk.columns, subname, newname);
        for (const other of this.referencersOf(table.schema, table.name, subname)) {
          for (const fk of other.foreignKeys) {
            const { references } = fk;
            if (references.table !== table.name || references.schema !== table.schema || !references.columns.includes(subname)) continue;
            references.columns = renamed(references.columns, subname, newname);
            this.referencing(other, fk);
            this.changed(other);
          }
        }
        return;
      }
      case 'OBJECT_TABCONSTRAINT': {
        const table = this.table(relation, Boolean(node.missing_ok));
        if (!table) return;
        const index = table.indexes.find((candidate) => candidate.constraint && candidate.name === subname);
        if (index) this.renameIndex(table, index, newname);
        const fk = table.foreignKeys.find((candidate) => candidate.name === subname);
        if (fk) {
          fk.name = newname;
          this.named(table, newname);
        }
        return;
      }
      case 'OBJECT_INDEX': {
        const found = this.findIndex((relation?.schemaname as string | undefined) ?? 'public', String(relation?.relname ?? ''));
        if (found) this.renameIndex(found.table, found.index, newname);
        else if (!node.missing_ok) this.problem(this.offset(relation?.location), `Unknown index ${String(relation?.relname)}.`);
        return;
      }
      default:
    }
  }

  private renameIndex(table: TableState, index: IndexState, newname: string): void {
    index.name = newname;
    this.named(table, newname);
    if (index.constraint === 'primary key' && table.primaryKey) table.primaryKey.name = newname;
  }

  private drop(node: Node): void {
    if (node.removeType !== 'OBJECT_TABLE' && node.removeType !== 'OBJECT_INDEX') return;
    for (const object of (Array.isArray(node.objects) ? node.objects : []) as Node[]) {
      const names = strings((object.List as Node | undefined)?.items);
      const name = names.at(-1) ?? '';
      const schema = names.length > 1 ? names[0]! : 'public';
      if (node.removeType === 'OBJECT_INDEX') {
        const found = this.findIndex(schema, name);
        if (found) {
          found.table.indexes = found.table.indexes.filter((index) => index !== found.index);
          if (found.index.constraint === 'primary key') found.table.primaryKey = null;
        }
        continue;
      }
      const table = this.tables.get(`${schema}.${name}`);
      if (!table) continue;
      this.tables.delete(`${schema}.${name}`);
      table.live = false;
      this.droppedKeys.push(`${schema}.${name}`);
      for (const other of this.referencersOf(schema, name)) {
        this.keepForeignKeys(other, (fk) => !(fk.references.schema === schema && fk.references.table === name));
      }
    }
  }

  /**
   * Drizzle's older output wraps each foreign key in `DO $$ BEGIN <statement>; EXCEPTION WHEN duplicate_object THEN
   * null; END $$;`: that statement is replayed. Any other DO block is skipped.
   */
  private doBlock(node: Node): void {
    const as = ((Array.isArray(node.args) ? node.args : []) as Node[])
      .map((arg) => arg.DefElem as Node | undefined)
      .find((arg) => arg?.defname === 'as');
    const body = ((as?.arg as Node | undefined)?.String as { sval?: string } | undefined)?.sval;
    if (!as || !body) return;
    const inner = duplicateObjectBlock(body);
    if (!inner) return;
    // The body's string constant in the file: `$tag$…$tag$` (or `'…'` without escapes) holds the body verbatim.
    const at = this.offset(as.location);
    const literal = tokensAt(this.text, at, this.statementEnd, (tokens) => tokens[0]);
    const open = literal?.kind !== 'SCONST' ? undefined : literal.text.startsWith('$') ? literal.text.slice(0, literal.text.indexOf('$', 1) + 1) : "'";
    const verbatim = open !== undefined && literal!.text.slice(open.length, literal!.text.length - open.length) === body;
    const innerOffset = (verbatim ? literal!.start + open.length : at) + inner.start;
    const result = parseSql(body.slice(inner.start, inner.end));
    if (!result.ok) return;
    const saved = { base: this.base, toOffset: this.toOffset };
    this.base = innerOffset;
    this.toOffset = result.toOffset;
    this.statements(result.statements.map(({ kind, node, start, end }) => ({ kind, node, start: start + innerOffset, end: end + innerOffset })));
    this.base = saved.base;
    this.toOffset = saved.toOffset;
  }
}

/** The closing tokens of Drizzle's foreign-key DO block: `EXCEPTION WHEN duplicate_object THEN null; END`. */
const DUPLICATE_OBJECT_TAIL = ['EXCEPTION', 'WHEN', 'DUPLICATE_OBJECT', 'THEN', 'NULL', ';', 'END'];

/**
 * Where the statements of `BEGIN <statements> EXCEPTION WHEN duplicate_object THEN null; END [;]` sit in a DO body
 * (by the scanner's tokens: comments and strings cannot fake or hide a keyword); undefined for any other body.
 */
function duplicateObjectBlock(body: string): { start: number; end: number } | undefined {
  const scanned = scanSql(body);
  if (!scanned.ok) return undefined;
  const tokens = scanned.tokens.filter((token) => !isSqlComment(token));
  let end = tokens.length;
  if (tokens[end - 1]?.text === ';') end--;
  const tail = tokens.slice(end - DUPLICATE_OBJECT_TAIL.length, end);
  const word = (token: SqlToken | undefined): string => (token && (token.keyword || token.kind === 'IDENT' || token.text === ';') && !token.text.startsWith('"') ? token.text.toUpperCase() : '');
  if (word(tokens[0]) !== 'BEGIN' || tail.length !== DUPLICATE_OBJECT_TAIL.length) return undefined;
  if (tail.some((token, index) => word(token) !== DUPLICATE_OBJECT_TAIL[index])) return undefined;
  const statements = tokens.slice(1, end - DUPLICATE_OBJECT_TAIL.length);
  if (statements.length === 0) return undefined;
  return { start: statements[0]!.start, end: statements.at(-1)!.end };
}

/**
 * `answer(tokens, complete)` over the scanner's tokens (comments dropped) of `text` from `offset` to `limit` (the end
 * of the statement, which may be one inside a DO body: the tokens of the file around it are one string), in a
 * growing window: the scanner reads left to right, so a token inside the window is a token of the whole text; the
 * last one, which the window may cut, is left out until the window reaches the end (`complete`). `answer` returns
 * undefined to see more tokens.
 */
function tokensAt<T>(
  text: string,
  offset: number,
  limit: number,
  answer: (tokens: SqlToken[], complete: boolean) => T | undefined,
  firstWindow = 256,
): T | undefined {
  for (let window = Math.max(firstWindow, 1); ; window *= 4) {
    const end = Math.min(limit, offset + window);
    const complete = end === limit;
    const scanned = scanSql(text.slice(offset, end));
    if (scanned.ok) {
      const tokens = scanned.tokens
        .filter((token) => !isSqlComment(token) && (complete || token.end < end - offset))
        .map((token) => ({ ...token, start: token.start + offset, end: token.end + offset }));
      const found = answer(tokens, complete);
      if (found !== undefined || complete) return found;
    } else if (complete) return undefined;
  }
}

/** The end of `table ( columns )` starting at `offset` (a REFERENCES target) in a statement ending at `limit`. */
function clauseEnd(text: string, offset: number, limit: number, hasColumns: boolean): number {
  // The scanner costs about 1 µs a token: with a column list, the first window ends just past the next `)`
  // (usually the list's end); without one, it holds the name and the token after it.
  const paren = hasColumns ? text.indexOf(')', offset) : -1;
  const window = paren === -1 || paren - offset > 256 ? 48 : paren + 2 - offset;
  return tokensAt(text, offset, limit, referenceEnd, window) ?? offset;
}

/** The end of a REFERENCES target, `name[.name…] [( columns )]`; undefined while more tokens are needed. */
function referenceEnd(tokens: SqlToken[], complete: boolean): number | undefined {
  let index = 0;
  while (tokens[index + 1]?.text === '.') index += 2;
  const name = tokens[index];
  const next = tokens[index + 1];
  if (!name || !next) return complete ? name?.end : undefined;
  if (next.text !== '(') return name.end;
  const close = tokens.findIndex((token, position) => position > index && token.text === ')');
  return close !== -1 ? tokens[close]!.end : complete ? tokens.at(-1)!.end : undefined;
}

/** The spelling of a formatted column type in a cast: no typmod (`character varying(255)` → `character varying`). */
function castType(type: string): string {
  if (type === 'character' || /^character\(\d+\)/.test(type)) return type.replace(/^character(\(\d+\))?/, 'bpchar');
  return type.replace(/\(\d+(,\d+)?\)/, '');
}
