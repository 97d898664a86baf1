// What the lock-reading rules (sql-require-lock-timeout, sql-require-statement-timeout) report about a statement: the
// first part of it that, per the lock table (locks.ts), blocks writes on a relation this file did not create, or (for
// statement_timeout) scans or rewrites one. Pure; never throws.
import { hasLockTimeoutBefore, isExistingTable, locationToLoc, relationKey, type OffsetSource, type RangeVar, type TimeoutSetting } from './ast.js';
import type { SqlPosition, SqlProgram, SqlStatementNode } from './language.js';
import { blocksWrites, locksOf, type LockMode, type LockTarget, type LockUse, type StatementLocks } from './locks.js';
import { indexesCreatedInFile, withoutPublic } from './migration-helpers.js';

export interface LockFinding {
  /** The statement as the lock table names it (without its parenthesised detail). */
  statement: string;
  /** The lock that blocks writes, or undefined when the finding is a scan or rewrite under a weaker lock. */
  lock: LockMode | undefined;
  /** The relation, described: `existing table orders`, `index orders_a_idx`, … */
  target: string;
  entry: StatementLocks;
  /** A byte location to report at instead of the statement (a REFERENCES clause's table). */
  location?: number | undefined;
}

const TARGET_WORDS: Record<LockTarget, string> = {
  table: 'existing table',
  'referenced table': 'existing table',
  index: 'index',
  'table of index': 'the table of index',
  parent: 'partitioned table',
  partition: 'partition',
  view: 'view',
  'materialized view': 'materialized view',
};

/** True when the relation existed before this file: not created by it (indexes: not created by name). */
export function isExistingRelation(ast: SqlProgram, target: LockTarget, relation: RangeVar): boolean {
  if (target === 'index' || target === 'table of index') return !indexesCreatedInFile(ast).has(withoutPublic(relationKey(relation)));
  return isExistingTable(ast, relation);
}

/** The lock a use takes on `target` (a LOCK statement's own mode on its table). */
function modeOn(lockUse: LockUse, target: LockTarget): LockMode | undefined {
  if (lockUse.mode && target === 'table') return lockUse.mode;
  return (lockUse.entry.locks as Partial<Record<LockTarget, LockMode>>)[target];
}

/**
 * The first relation of `lockUse` that existed before this file and on which it takes a lock that blocks writes, or
 * (with `orScan`) that it scans or rewrites. A statement that names no relation (`CLUSTER;`, `VACUUM FULL;`) covers
 * every table it applies to.
 */
function findingOf(ast: SqlProgram, lockUse: LockUse, orScan: boolean): LockFinding | undefined {
  const statement = lockUse.entry.statement.replace(/\s*\(.*\)$/, '');
  const heavy = orScan && (lockUse.entry.scans || lockUse.entry.rewrites);
  const targets = Object.keys(lockUse.entry.locks) as LockTarget[];
  for (const target of targets) {
    const mode = modeOn(lockUse, target);
    const strong = mode !== undefined && blocksWrites(mode);
    if (!strong && !heavy) continue;
    const relation = lockUse.relations[target];
    if (Object.keys(lockUse.relations).length === 0) return { statement, lock: strong ? mode : undefined, target: 'every table it covers', entry: lockUse.entry };
    if (!relation || !isExistingRelation(ast, target, relation)) continue;
    return {
      statement,
      lock: strong ? mode : undefined,
      target: `${TARGET_WORDS[target]} ${relationKey(relation)}`,
      entry: lockUse.entry,
      location: target === 'referenced table' ? relation.location : undefined,
    };
  }
  return undefined;
}

/** The first lock finding of a statement (see `findingOf`), or undefined. */
export function lockFindingOf(ast: SqlProgram, statement: SqlStatementNode, orScan = false): LockFinding | undefined {
  for (const lockUse of locksOf(statement)) {
    const finding = findingOf(ast, lockUse, orScan);
    if (finding) return finding;
  }
  return undefined;
}

/**
 * The first statement of the file with a lock finding (see `lockFindingOf`) and no `SET <setting>` before it, with
 * where to report it (the statement, or a REFERENCES clause's table): the timeout rules report one per file, as one
 * SET at the top fixes them all.
 */
export function firstUntimedFinding(
  sourceCode: OffsetSource,
  setting: TimeoutSetting,
  orScan: boolean,
): { finding: LockFinding; loc: SqlStatementNode['loc'] | SqlPosition } | undefined {
  const program = sourceCode.ast;
  for (const statement of program.statements) {
    // A timeout set earlier covers the statement whatever it locks: asked first, as it is the cheaper question.
    if (hasLockTimeoutBefore(program, statement.range[0], setting)) continue;
    const finding = lockFindingOf(program, statement, orScan);
    if (!finding) continue;
    return { finding, loc: finding.location === undefined ? statement.loc : locationToLoc(sourceCode, finding.location, statement) };
  }
  return undefined;
}
