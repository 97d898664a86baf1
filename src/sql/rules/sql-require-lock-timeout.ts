import { hasLockTimeoutBefore, isExistingTable, locationToLoc, relationKey, type RangeVar } from '../ast.js';
import { asList, bodyOf, columnConstraints, locationOf, stringsOf, type PgNode } from '../constraint-helpers.js';
import type { SqlProgram, SqlStatementNode } from '../language.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';

type Options = [];
type MessageIds = 'requireLockTimeout';
type Context = SqlRuleContext<MessageIds, Options>;

/** ALTER TABLE subcommands that take at most SHARE UPDATE EXCLUSIVE: reads and writes go on while they wait. */
const WEAK_ALTER_SUBCOMMANDS = new Set(['AT_ValidateConstraint', 'AT_SetStatistics', 'AT_ClusterOn', 'AT_DropCluster']);

/** RENAME statements that take ACCESS EXCLUSIVE on a table (index renames take a weaker lock since PostgreSQL 12). */
const RENAMES_OF_TABLES = new Set(['OBJECT_TABLE', 'OBJECT_TABCONSTRAINT']);

/** What a statement locks: the statement's name, the lock, the table; `location` for a REFERENCES clause. */
interface StrongLock {
  statement: string;
  lock: string;
  target: string;
  location?: number | undefined;
}

/** The subcommand is weak: see WEAK_ALTER_SUBCOMMANDS, plus DETACH PARTITION … CONCURRENTLY. */
function isWeakSubcommand(item: unknown): boolean {
  const cmd = bodyOf(item, 'AlterTableCmd');
  if (cmd?.subtype === 'AT_DetachPartition') return bodyOf(cmd.def, 'PartitionCmd')?.concurrent === true;
  return WEAK_ALTER_SUBCOMMANDS.has(String(cmd?.subtype));
}

/** Foreign keys of a CREATE TABLE / ALTER TABLE: each locks its referenced table (SHARE ROW EXCLUSIVE). */
function foreignKeyTargets(statement: SqlStatementNode): PgNode[] {
  const constraints: PgNode[] = [];
  const elements = statement.kind === 'CreateStmt' ? asList(statement.node.tableElts) : asList(statement.node.cmds).map((item) => bodyOf(item, 'AlterTableCmd')?.def);
  for (const element of elements) {
    const column = bodyOf(element, 'ColumnDef');
    if (column) constraints.push(...columnConstraints(column));
    const constraint = bodyOf(element, 'Constraint');
    if (constraint) constraints.push(constraint);
  }
  return constraints.filter((constraint) => constraint.contype === 'CONSTR_FOREIGN');
}

function strongLockOf(ast: SqlProgram, statement: SqlStatementNode, createdIndexes: Set<string>): StrongLock | undefined {
  const node = statement.node;
  const existing = (relation: unknown): relation is RangeVar =>
    relation !== null && typeof relation === 'object' && isExistingTable(ast, relation as RangeVar);
  const relation = node.relation as RangeVar | undefined;
  const lockOn = (name: string, lock: string, target: RangeVar): StrongLock => ({ statement: name, lock, target: `existing table ${relationKey(target)}` });
  switch (statement.kind) {
    case 'AlterTableStmt': {
      if (node.objtype !== 'OBJECT_TABLE') return undefined;
      if (existing(relation) && !asList(node.cmds).every(isWeakSubcommand)) return lockOn('ALTER TABLE', 'ACCESS EXCLUSIVE', relation);
      break;
    }
    case 'RenameStmt':
      // `relationType` is only meaningful for column renames; table and constraint renames say it in `renameType`.
      if (!RENAMES_OF_TABLES.has(String(node.renameType)) && !(node.renameType === 'OBJECT_COLUMN' && node.relationType === 'OBJECT_TABLE')) return undefined;
      return existing(relation) ? lockOn('ALTER TABLE … RENAME', 'ACCESS EXCLUSIVE', relation) : undefined;
      return undefined;
    case 'IndexStmt':
      return node.concurrent !== true && existing(relation) ? lockOn('CREATE INDEX', 'SHARE', relation) : undefined;
    case 'CreateTrigStmt':
      return existing(relation) ? lockOn('CREATE TRIGGER', 'SHARE ROW EXCLUSIVE', relation) : undefined;
    case 'TruncateStmt': {
      const target = asList(node.relations).map((item) => bodyOf(item, 'RangeVar')).find(existing);
      return target ? lockOn('TRUNCATE', 'ACCESS EXCLUSIVE', target) : undefined;
    }
    case 'DropStmt': {
      const names = asList(node.objects).map((item) => stringsOf(bodyOf(item, 'List')?.items));
      if (node.removeType === 'OBJECT_TABLE') {
        const target = names.map(([first = '', second]): RangeVar => (second === undefined ? { relname: first } : { schemaname: first, relname: second })).find(existing);
        return target ? lockOn('DROP TABLE', 'ACCESS EXCLUSIVE', target) : undefined;
      }
      if (node.removeType === 'OBJECT_INDEX' && node.concurrent !== true) {
        const index = names.find((parts) => !createdIndexes.has(parts.at(-1) ?? ''));
        return index ? { statement: 'DROP INDEX', lock: 'ACCESS EXCLUSIVE', target: `the table of index ${index.join('.')}` } : undefined;
      }
      return undefined;
    }
    default:
  }
  if (statement.kind === 'CreateStmt' || statement.kind === 'AlterTableStmt') {
    const target = foreignKeyTargets(statement).map((constraint) => constraint.pktable).find(existing);
    if (target) return { ...lockOn('REFERENCES', 'SHARE ROW EXCLUSIVE', target), location: locationOf(target as PgNode) };
  }
  return undefined;
}

export default createSqlRule<Options, MessageIds>({
  name: 'sql-require-lock-timeout',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require a lock_timeout before statements that take strong locks on existing tables',
      recommended: false,
    },
    messages: {
      requireLockTimeout:
        '{{statement}} takes a {{lock}} lock on {{target}} with no lock_timeout set earlier in this file, so while it waits every query on the table queues behind it; start the file with SET lock_timeout = \'1s\'; so the migration fails fast and can be retried.',
    },
    schema: [],
  },
  create(context: Context) {
    return {
      // One finding per file, at the first statement that needs the timeout: one SET at the top fixes them all.
      Program(program) {
        const createdIndexes = new Set<string>();
        for (const statement of program.statements) {
          if (statement.kind === 'IndexStmt' && typeof statement.node.idxname === 'string') createdIndexes.add(statement.node.idxname);
        }
        for (const statement of program.statements) {
          const lock = strongLockOf(program, statement, createdIndexes);
          if (!lock || hasLockTimeoutBefore(program, statement.range[0])) continue;
          context.report({
            messageId: 'requireLockTimeout',
            loc: lock.location === undefined ? statement.loc : locationToLoc(context.sourceCode, lock.location),
            data: { statement: lock.statement, lock: lock.lock, target: lock.target },
          });
          return;
        }
      },
    };
  },
});
