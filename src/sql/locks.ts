// The lock each migration statement takes, on which relation, and whether it rewrites or scans the table: one table
// (STATEMENT_LOCKS) that the migration rules read instead of keeping their own lists, and `locksOf(statement)`, which
// classifies a parsed statement into entries of that table. Derived from PostgreSQL's documentation ("Explicit
// Locking", table 13.2; the lock notes of ALTER TABLE, CREATE INDEX, REINDEX, CLUSTER, REFRESH MATERIALIZED VIEW,
// VACUUM, LOCK) and checked against a real server by test/sql/locks.pg.test.ts (pg_locks of the open transaction;
// rewrites by pg_relation_filenode before and after). Pure; never throws.
import type { RangeVar } from './ast.js';
import { asList, bodyOf, stringsOf, type PgNode } from './constraint-helpers.js';
import type { SqlStatementNode } from './language.js';
import { isVolatileExpression } from './volatility.js';

/** PostgreSQL's table-level lock modes, weakest first (the order of table 13.2). */
export const LOCK_MODES = [
  'ACCESS SHARE',
  'ROW SHARE',
  'ROW EXCLUSIVE',
  'SHARE UPDATE EXCLUSIVE',
  'SHARE',
  'SHARE ROW EXCLUSIVE',
  'EXCLUSIVE',
  'ACCESS EXCLUSIVE',
] as const;
export type LockMode = (typeof LOCK_MODES)[number];

/** Table 13.2 ("Conflicting Lock Modes"): for each mode, the modes it conflicts with, by index in LOCK_MODES. */
const CONFLICTS: readonly (readonly number[])[] = [[7], [6, 7], [4, 5, 6, 7], [3, 4, 5, 6, 7], [2, 3, 5, 6, 7], [2, 3, 4, 5, 6, 7], [1, 2, 3, 4, 5, 6, 7], [0, 1, 2, 3, 4, 5, 6, 7]];

/** True when a lock in mode `a` and one in mode `b` on the same relation cannot be held by two sessions at once. */
export function conflicts(a: LockMode, b: LockMode): boolean {
  return CONFLICTS[LOCK_MODES.indexOf(a)]!.includes(LOCK_MODES.indexOf(b));
}

/** True when `mode` conflicts with ROW EXCLUSIVE (what INSERT/UPDATE/DELETE take): writes wait behind it. */
export function blocksWrites(mode: LockMode): boolean {
  return conflicts(mode, 'ROW EXCLUSIVE');
}

/** True when `mode` conflicts with ACCESS SHARE (what SELECT takes): reads wait behind it. */
export function blocksReads(mode: LockMode): boolean {
  return conflicts(mode, 'ACCESS SHARE');
}

/** The relation a lock is on, relative to the statement. */
export type LockTarget = 'table' | 'referenced table' | 'index' | 'table of index' | 'parent' | 'partition' | 'view' | 'materialized view';

export interface StatementLocks {
  /** The statement as a reader knows it. */
  statement: string;
  /** The locks it takes, by relation (the strongest lock on each). */
  locks: Partial<Record<LockTarget, LockMode>>;
  /** Writes a new copy of the table (and its indexes). */
  rewrites: boolean;
  /** Reads every row (a constraint check, an index build), under the locks above. */
  scans: boolean;
  /** False when PostgreSQL refuses it inside a transaction block (so a migration runner's transaction too). */
  transactional: boolean;
  /** PostgreSQL versions where it differs. */
  versions?: string;
}

const AE = 'ACCESS EXCLUSIVE';
const SUE = 'SHARE UPDATE EXCLUSIVE';
const SRE = 'SHARE ROW EXCLUSIVE';

const entry = (statement: string, locks: StatementLocks['locks'], rest: Partial<Omit<StatementLocks, 'statement' | 'locks'>> = {}): StatementLocks => ({
  statement,
  locks,
  rewrites: false,
  scans: false,
  transactional: true,
  ...rest,
});

/** The lock table. Keys are stable ids (`<statement>:<subcommand>`); the ground-truth test runs one example of each. */
export const STATEMENT_LOCKS = {
  'alter-table:add-column': entry('ALTER TABLE … ADD COLUMN (no default, or a NULL default)', { table: AE }),
  'alter-table:add-column-default': entry('ALTER TABLE … ADD COLUMN … DEFAULT <constant, or non-volatile expression>', { table: AE }, {
    versions: 'PostgreSQL 11+ stores the default in the catalog; before 11 every non-NULL default rewrites the table.',
  }),
  'alter-table:add-column-volatile-default': entry('ALTER TABLE … ADD COLUMN … DEFAULT <volatile expression>', { table: AE }, { rewrites: true }),
  'alter-table:add-column-rewriting': entry('ALTER TABLE … ADD COLUMN serial / identity / GENERATED … STORED', { table: AE }, { rewrites: true }),
  'alter-table:drop-column': entry('ALTER TABLE … DROP COLUMN', { table: AE }),
  'alter-table:alter-column-type': entry('ALTER TABLE … ALTER COLUMN … TYPE (binary-incompatible)', { table: AE }, {
    rewrites: true,
    versions: 'Binary-compatible changes (varchar(n) → text, a wider varchar) rewrite nothing (9.2+).',
  }),
  'alter-table:set-default': entry('ALTER TABLE … ALTER COLUMN … SET / DROP DEFAULT', { table: AE }),
  'alter-table:set-not-null': entry('ALTER TABLE … ALTER COLUMN … SET NOT NULL', { table: AE }, {
    scans: true,
    versions: 'PostgreSQL 12+ skips the scan when a validated CHECK (col IS NOT NULL) proves it.',
  }),
  'alter-table:drop-not-null': entry('ALTER TABLE … ALTER COLUMN … DROP NOT NULL', { table: AE }),
  'alter-table:set-statistics': entry('ALTER TABLE … ALTER COLUMN … SET STATISTICS', { table: SUE }),
  'alter-table:set-storage-parameters': entry('ALTER TABLE … SET / RESET (storage parameter)', { table: SUE }, {
    versions: 'SHARE UPDATE EXCLUSIVE for fillfactor, autovacuum and most parameters; ACCESS EXCLUSIVE for a few (e.g. toast_tuple_target before 13).',
  }),
  'alter-table:add-check': entry('ALTER TABLE … ADD CHECK', { table: AE }, { scans: true }),
  'alter-table:add-check-not-valid': entry('ALTER TABLE … ADD CHECK … NOT VALID', { table: AE }),
  'alter-table:add-foreign-key': entry('ALTER TABLE … ADD FOREIGN KEY', { table: SRE, 'referenced table': SRE }, { scans: true }),
  'alter-table:add-foreign-key-not-valid': entry('ALTER TABLE … ADD FOREIGN KEY … NOT VALID', { table: SRE, 'referenced table': SRE }),
  'alter-table:add-unique': entry('ALTER TABLE … ADD PRIMARY KEY / UNIQUE / EXCLUDE (builds the index)', { table: AE }, { scans: true }),
  'alter-table:add-unique-using-index': entry('ALTER TABLE … ADD PRIMARY KEY / UNIQUE USING INDEX', { table: AE }, {
    versions: 'PRIMARY KEY USING INDEX still scans for NULLs when a key column is not already NOT NULL.',
  }),
  'alter-table:validate-constraint': entry('ALTER TABLE … VALIDATE CONSTRAINT (CHECK)', { table: SUE }, { scans: true }),
  'alter-table:validate-foreign-key': entry('ALTER TABLE … VALIDATE CONSTRAINT (FOREIGN KEY)', { table: SUE, 'referenced table': 'ROW SHARE' }, { scans: true }),
  'alter-table:drop-constraint': entry('ALTER TABLE … DROP CONSTRAINT', { table: AE }),
  'alter-table:cluster-on': entry('ALTER TABLE … CLUSTER ON / SET WITHOUT CLUSTER', { table: SUE }),
  'alter-table:enable-disable-trigger': entry('ALTER TABLE … ENABLE / DISABLE TRIGGER', { table: SRE }),
  'alter-table:set-logged': entry('ALTER TABLE … SET LOGGED / UNLOGGED', { table: AE }, { rewrites: true }),
  'alter-table:attach-partition': entry('ALTER TABLE … ATTACH PARTITION', { parent: SUE, partition: AE }, {
    scans: true,
    versions: 'PostgreSQL 12+ (ACCESS EXCLUSIVE on the parent before 12); the scan is skipped when a CHECK constraint proves the bound.',
  }),
  'alter-table:detach-partition': entry('ALTER TABLE … DETACH PARTITION', { parent: AE, partition: AE }),
  'alter-table:detach-partition-concurrently': entry('ALTER TABLE … DETACH PARTITION … CONCURRENTLY', { parent: SUE, partition: SUE }, {
    transactional: false,
    versions: 'PostgreSQL 14+.',
  }),
  'alter-table:other': entry('ALTER TABLE … (any other subcommand)', { table: AE }),
  'alter-table:rename': entry('ALTER TABLE … RENAME TO / RENAME COLUMN / RENAME CONSTRAINT', { table: AE }),
  'alter-index:rename': entry('ALTER INDEX … RENAME TO', { index: SUE }, { versions: 'PostgreSQL 12+ (ACCESS EXCLUSIVE before).' }),
  'create-table:references': entry('CREATE TABLE … REFERENCES <existing table>', { 'referenced table': SRE }),
  'create-table:partition-of': entry('CREATE TABLE … PARTITION OF <existing table>', { parent: AE }),
  'create-index': entry('CREATE INDEX', { table: 'SHARE' }, { scans: true }),
  'create-index-concurrently': entry('CREATE INDEX CONCURRENTLY', { table: SUE }, { scans: true, transactional: false }),
  'drop-index': entry('DROP INDEX', { 'table of index': AE, index: AE }),
  'drop-index-concurrently': entry('DROP INDEX CONCURRENTLY', { 'table of index': SUE, index: SUE }, {
    transactional: false,
    versions: 'Its last step takes ACCESS EXCLUSIVE on the index, once no transaction can use it: queries on the table go on.',
  }),
  reindex: entry('REINDEX TABLE / INDEX', { table: 'SHARE', index: AE }, { rewrites: true, scans: true }),
  'reindex-concurrently': entry('REINDEX … CONCURRENTLY', { table: SUE, index: SUE }, {
    scans: true,
    transactional: false,
    versions: 'PostgreSQL 12+.',
  }),
  'create-trigger': entry('CREATE TRIGGER', { table: SRE }),
  'drop-trigger': entry('DROP TRIGGER', { table: AE }),
  truncate: entry('TRUNCATE', { table: AE }, { rewrites: true }),
  'drop-table': entry('DROP TABLE', { table: AE }),
  'drop-view': entry('DROP VIEW', { view: AE }),
  'drop-materialized-view': entry('DROP MATERIALIZED VIEW', { 'materialized view': AE }),
  'refresh-materialized-view': entry('REFRESH MATERIALIZED VIEW', { 'materialized view': AE }, { rewrites: true, scans: true }),
  'refresh-materialized-view-concurrently': entry('REFRESH MATERIALIZED VIEW CONCURRENTLY', { 'materialized view': 'EXCLUSIVE' }, { scans: true }),
  lock: entry('LOCK TABLE (default mode ACCESS EXCLUSIVE; IN <mode> MODE takes that mode)', { table: AE }),
  cluster: entry('CLUSTER <table>', { table: AE }, { rewrites: true, scans: true }),
  'vacuum-full': entry('VACUUM FULL', { table: AE }, { rewrites: true, scans: true, transactional: false }),
  vacuum: entry('VACUUM', { table: SUE }, { scans: true, transactional: false }),
  analyze: entry('ANALYZE (reads a sample of the rows)', { table: SUE }),
  'comment-on': entry('COMMENT ON TABLE / COLUMN', { table: SUE }),
} as const satisfies Record<string, StatementLocks>;

export type StatementLockId = keyof typeof STATEMENT_LOCKS;

/** The lock entry `id` takes on `target` (ACCESS EXCLUSIVE when the table names none: the conservative answer). */
export function lockOn(id: StatementLockId, target: LockTarget): LockMode {
  return (STATEMENT_LOCKS[id].locks as StatementLocks['locks'])[target] ?? AE;
}

/** One lock-taking part of a statement: its table entry, and the relations it names (by target). */
export interface LockUse {
  id: StatementLockId;
  entry: StatementLocks;
  /** The relations the statement names, by target; absent when the statement does not name one (`CLUSTER;`). */
  relations: Partial<Record<LockTarget, RangeVar>>;
  /** The mode, where the statement chooses it (`LOCK … IN <mode> MODE`). */
  mode?: LockMode;
  /** The byte location of the subcommand or clause, when the parser gives one. */
  location?: number;
}

function use(id: StatementLockId, relations: LockUse['relations'], extra: Partial<LockUse> = {}): LockUse {
  return { id, entry: STATEMENT_LOCKS[id], relations, ...extra };
}

/** The strongest lock a use takes on any relation (its chosen mode for LOCK). */
export function strongestLock(lockUse: LockUse): LockMode {
  if (lockUse.mode) return lockUse.mode;
  const modes = Object.values(lockUse.entry.locks);
  return modes.reduce((a, b) => (LOCK_MODES.indexOf(b) > LOCK_MODES.indexOf(a) ? b : a), 'ACCESS SHARE');
}

/** A DefElem option that is on: present without a value, or with a value other than false/off/0. */
export function isOptionOn(options: unknown, name: string): boolean {
  for (const item of asList(options)) {
    const element = bodyOf(item, 'DefElem');
    if (element?.defname !== name) continue;
    const arg = element.arg;
    if (arg === undefined) return true;
    const text = bodyOf(arg, 'String')?.sval ?? bodyOf(arg, 'Boolean')?.boolval ?? bodyOf(arg, 'Integer')?.ival;
    return !['false', 'off', '0', 'no', false, 0, undefined].includes(text as string);
  }
  return false;
}

/** `[schema, name]` / `[name]` name lists as a RangeVar. */
function nameListToRangeVar(parts: string[]): RangeVar {
  return parts.length >= 2 ? { schemaname: parts.at(-2), relname: parts.at(-1) } : { relname: parts[0] ?? '' };
}

const rangeVar = (value: unknown): RangeVar | undefined => (value !== null && typeof value === 'object' ? (value as RangeVar) : undefined);

/** The constraint subcommand's entry. */
function constraintId(constraint: PgNode | undefined): StatementLockId {
  const notValid = constraint?.skip_validation === true;
  switch (constraint?.contype) {
    case 'CONSTR_FOREIGN':
      return notValid ? 'alter-table:add-foreign-key-not-valid' : 'alter-table:add-foreign-key';
    case 'CONSTR_CHECK':
      return notValid ? 'alter-table:add-check-not-valid' : 'alter-table:add-check';
    case 'CONSTR_PRIMARY':
    case 'CONSTR_UNIQUE':
    case 'CONSTR_EXCLUSION':
      return typeof constraint.indexname === 'string' ? 'alter-table:add-unique-using-index' : 'alter-table:add-unique';
    default:
      return 'alter-table:other';
  }
}

/** The entry of an ADD COLUMN: whether its default or type rewrites (`volatile(expr)` decides defaults). */
function addColumnId(column: PgNode | undefined, isVolatile: (expression: unknown) => boolean): StatementLockId {
  const type = stringsOf(bodyOf(column?.typeName, 'TypeName')?.names ?? (column?.typeName as PgNode | undefined)?.names).at(-1) ?? '';
  if (/^(?:small|big)?serial[248]?$/.test(type)) return 'alter-table:add-column-rewriting';
  let id: StatementLockId = 'alter-table:add-column';
  for (const item of asList(column?.constraints)) {
    const constraint = bodyOf(item, 'Constraint');
    if (constraint?.contype === 'CONSTR_IDENTITY' || (constraint?.contype === 'CONSTR_GENERATED' && constraint.generated_kind !== 'v')) return 'alter-table:add-column-rewriting';
    if (constraint?.contype !== 'CONSTR_DEFAULT' || bodyOf(constraint.raw_expr, 'A_Const')?.isnull === true) continue;
    id = isVolatile(constraint.raw_expr) ? 'alter-table:add-column-volatile-default' : 'alter-table:add-column-default';
  }
  return id;
}

/** The entry of one ALTER TABLE subcommand. */
function subcommandId(cmd: PgNode, isVolatile: (expression: unknown) => boolean): StatementLockId {
  switch (cmd.subtype) {
    case 'AT_AddColumn':
      return addColumnId(bodyOf(cmd.def, 'ColumnDef'), isVolatile);
    case 'AT_DropColumn':
      return 'alter-table:drop-column';
    case 'AT_AlterColumnType':
      return 'alter-table:alter-column-type';
    case 'AT_ColumnDefault':
      return 'alter-table:set-default';
    case 'AT_SetNotNull':
      return 'alter-table:set-not-null';
    case 'AT_DropNotNull':
      return 'alter-table:drop-not-null';
    case 'AT_SetStatistics':
      return 'alter-table:set-statistics';
    case 'AT_SetRelOptions':
    case 'AT_ResetRelOptions':
      return 'alter-table:set-storage-parameters';
    case 'AT_AddConstraint':
      return constraintId(bodyOf(cmd.def, 'Constraint'));
    case 'AT_ValidateConstraint':
      return 'alter-table:validate-constraint';
    case 'AT_DropConstraint':
      return 'alter-table:drop-constraint';
    case 'AT_ClusterOn':
    case 'AT_DropCluster':
      return 'alter-table:cluster-on';
    case 'AT_EnableTrig':
    case 'AT_DisableTrig':
    case 'AT_EnableAlwaysTrig':
    case 'AT_EnableReplicaTrig':
    case 'AT_EnableTrigAll':
    case 'AT_DisableTrigAll':
    case 'AT_EnableTrigUser':
    case 'AT_DisableTrigUser':
      return 'alter-table:enable-disable-trigger';
    case 'AT_SetLogged':
    case 'AT_SetUnLogged':
      return 'alter-table:set-logged';
    case 'AT_AttachPartition':
      return 'alter-table:attach-partition';
    case 'AT_DetachPartition':
      return bodyOf(cmd.def, 'PartitionCmd')?.concurrent === true ? 'alter-table:detach-partition-concurrently' : 'alter-table:detach-partition';
    default:
      return 'alter-table:other';
  }
}

function alterTableUses(node: PgNode, isVolatile: (expression: unknown) => boolean): LockUse[] {
  const table = rangeVar(node.relation);
  if (!table) return [];
  if (node.objtype !== 'OBJECT_TABLE') return [];
  const uses: LockUse[] = [];
  for (const item of asList(node.cmds)) {
    const cmd = bodyOf(item, 'AlterTableCmd');
    if (!cmd) continue;
    const id = subcommandId(cmd, isVolatile);
    const constraint = bodyOf(cmd.def, 'Constraint');
    const partition = rangeVar(bodyOf(cmd.def, 'PartitionCmd')?.name);
    const location = typeof constraint?.location === 'number' ? constraint.location : undefined;
    for (const columnConstraint of asList(bodyOf(cmd.def, 'ColumnDef')?.constraints)) {
      // A REFERENCES clause on a new column adds a foreign key (validated: column syntax has no NOT VALID).
      const referenced = rangeVar(bodyOf(columnConstraint, 'Constraint')?.pktable);
      if (referenced) uses.push(use('alter-table:add-foreign-key', { table, 'referenced table': referenced }, { location: referenced.location }));
    }
    if (partition) uses.push(use(id, { parent: table, partition }, { location }));
    else if (id.startsWith('alter-table:add-foreign-key')) uses.push(use(id, { table, 'referenced table': rangeVar(constraint?.pktable) ?? table }, { location }));
    else uses.push(use(id, { table }, { location }));
  }
  return uses;
}

/** Foreign keys of a CREATE TABLE (column and table constraints) and the parent of a PARTITION OF. */
function createTableUses(node: PgNode): LockUse[] {
  const uses: LockUse[] = [];
  const parent = rangeVar(bodyOf(asList(node.inhRelations)[0], 'RangeVar'));
  if (parent && node.partbound) uses.push(use('create-table:partition-of', { parent }));
  for (const element of asList(node.tableElts)) {
    const column = bodyOf(element, 'ColumnDef');
    const constraints = column ? asList(column.constraints).map((item) => bodyOf(item, 'Constraint')) : [bodyOf(element, 'Constraint')];
    for (const constraint of constraints) {
      const referenced = rangeVar(constraint?.pktable);
      if (constraint?.contype === 'CONSTR_FOREIGN' && referenced) {
        uses.push(use('create-table:references', { 'referenced table': referenced }, { location: referenced.location }));
      }
    }
  }
  return uses;
}

const DROP_IDS: Record<string, StatementLockId> = {
  OBJECT_TABLE: 'drop-table',
  OBJECT_VIEW: 'drop-view',
  OBJECT_MATVIEW: 'drop-materialized-view',
};

function dropUses(node: PgNode): LockUse[] {
  const names = asList(node.objects).map((item) => stringsOf(bodyOf(item, 'List')?.items));
  const removeType = String(node.removeType);
  if (removeType === 'OBJECT_INDEX') {
    const id = node.concurrent === true ? 'drop-index-concurrently' : 'drop-index';
    return names.map((parts) => use(id, { index: nameListToRangeVar(parts) }));
  }
  if (removeType === 'OBJECT_TRIGGER') return names.map((parts) => use('drop-trigger', { table: nameListToRangeVar(parts.slice(0, -1)) }));
  const id = DROP_IDS[removeType];
  if (!id) return [];
  const target: LockTarget = id === 'drop-table' ? 'table' : id === 'drop-view' ? 'view' : 'materialized view';
  return names.map((parts) => use(id, { [target]: nameListToRangeVar(parts) }));
}

/** LOCK's `mode` field (1 = ACCESS SHARE … 8 = ACCESS EXCLUSIVE). */
function lockModeOf(mode: unknown): LockMode {
  return typeof mode === 'number' && mode >= 1 && mode <= 8 ? LOCK_MODES[mode - 1]! : AE;
}

function renameUses(node: PgNode): LockUse[] {
  const relation = rangeVar(node.relation);
  if (!relation) return [];
  if (node.renameType === 'OBJECT_INDEX') return [use('alter-index:rename', { index: relation })];
  const onTable = node.renameType === 'OBJECT_TABLE' || node.renameType === 'OBJECT_TABCONSTRAINT' || (node.renameType === 'OBJECT_COLUMN' && node.relationType === 'OBJECT_TABLE');
  return onTable ? [use('alter-table:rename', { table: relation })] : [];
}

/**
 * The lock-table entries a statement falls under, each with the relations it names. `isVolatile(expression)` decides
 * whether an ADD COLUMN default is volatile; by default PostgreSQL's catalogue of built-ins (`volatility.ts`: a call to
 * an unknown function counts as volatile, a constant such as `false` or `'en'` never does). Statements that lock no
 * relation give [].
 */
export function locksOf(statement: SqlStatementNode, isVolatile: (expression: unknown) => boolean = isVolatileExpression): LockUse[] {
  const node = statement.node;
  const relation = rangeVar(node.relation);
  switch (statement.kind) {
    case 'AlterTableStmt':
      return alterTableUses(node, isVolatile);
    case 'RenameStmt':
      return renameUses(node);
    case 'CreateStmt':
      return createTableUses(node);
    case 'IndexStmt':
      return relation ? [use(node.concurrent === true ? 'create-index-concurrently' : 'create-index', { table: relation })] : [];
    case 'ReindexStmt': {
      const id = isOptionOn(node.params, 'concurrently') ? 'reindex-concurrently' : 'reindex';
      // REINDEX SCHEMA / DATABASE / SYSTEM name no relation: every table of it.
      if (!relation) return [use(id, {})];
      return [use(id, node.kind === 'REINDEX_OBJECT_INDEX' ? { index: relation } : { table: relation })];
    }
    case 'CreateTrigStmt':
      return relation ? [use('create-trigger', { table: relation })] : [];
    case 'TruncateStmt':
      return asList(node.relations).flatMap((item) => {
        const table = rangeVar(bodyOf(item, 'RangeVar'));
        return table ? [use('truncate', { table })] : [];
      });
    case 'DropStmt':
      return dropUses(node);
    case 'RefreshMatViewStmt':
      return relation ? [use(node.concurrent === true ? 'refresh-materialized-view-concurrently' : 'refresh-materialized-view', { 'materialized view': relation })] : [];
    case 'LockStmt':
      return asList(node.relations).flatMap((item) => {
        const table = rangeVar(bodyOf(item, 'RangeVar'));
        return table ? [use('lock', { table }, { mode: lockModeOf(node.mode) })] : [];
      });
    case 'ClusterStmt':
      return [use('cluster', relation ? { table: relation } : {})];
    case 'VacuumStmt': {
      const id = node.is_vacuumcmd !== true ? 'analyze' : isOptionOn(node.options, 'full') ? 'vacuum-full' : 'vacuum';
      const tables = asList(node.rels).flatMap((item) => rangeVar(bodyOf(item, 'VacuumRelation')?.relation) ?? []);
      return tables.length === 0 ? [use(id, {})] : tables.map((table) => use(id, { table }));
    }
    case 'CommentStmt': {
      const parts = stringsOf(bodyOf(node.object, 'List')?.items);
      if (node.objtype === 'OBJECT_TABLE') return [use('comment-on', { table: nameListToRangeVar(parts) })];
      if (node.objtype === 'OBJECT_COLUMN') return [use('comment-on', { table: nameListToRangeVar(parts.slice(0, -1)) })];
      return [];
    }
    default:
      return [];
  }
}
