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

/** The relation, when it is one (a RangeVar) and a table this file did not create. */
function isExisting(ast: SqlProgram, relation: unknown): relation is RangeVar {
  return relation !== null && typeof relation === 'object' && isExistingTable(ast, relation as RangeVar);
}

/** The lock mode with its indefinite article: "an ACCESS EXCLUSIVE", "a SHARE". */
function withArticle(lock: string): string {
  return `${/^[AEIOU]/.test(lock) ? 'an' : 'a'} ${lock}`;
}

function lockOn(statement: string, lock: string, target: RangeVar): StrongLock {
  return { statement, lock, target: `existing table ${relationKey(target)}` };
}

/**
 * The first foreign key of a CREATE TABLE / ALTER TABLE (column constraints and table constraints, in order) that
 * references an existing table: it locks that table (SHARE ROW EXCLUSIVE).
 */
function referenceLock(ast: SqlProgram, statement: SqlStatementNode): StrongLock | undefined {
  const isCreate = statement.kind === 'CreateStmt';
  for (const item of asList(isCreate ? statement.node.tableElts : statement.node.cmds)) {
    const element = isCreate ? item : bodyOf(item, 'AlterTableCmd')?.def;
    const column = bodyOf(element, 'ColumnDef');
    for (const constraint of column ? columnConstraints(column) : [bodyOf(element, 'Constraint')]) {
      if (constraint?.contype !== 'CONSTR_FOREIGN' || !isExisting(ast, constraint.pktable)) continue;
      return { ...lockOn('REFERENCES', 'SHARE ROW EXCLUSIVE', constraint.pktable), location: locationOf(constraint.pktable as PgNode) };
    }
  }
  return undefined;
}

/**
 * The strong lock `statement` takes on a table this file did not create, if any. `createdIndexes()` gives the names of
 * the indexes this file creates (only DROP INDEX asks, so it is computed on demand).
 */
function strongLockOf(ast: SqlProgram, statement: SqlStatementNode, createdIndexes: () => Set<string>): StrongLock | undefined {
  const node = statement.node;
  const relation = node.relation;
  switch (statement.kind) {
    case 'AlterTableStmt':
      if (node.objtype !== 'OBJECT_TABLE') return undefined;
      if (isExisting(ast, relation) && !asList(node.cmds).every(isWeakSubcommand)) return lockOn('ALTER TABLE', 'ACCESS EXCLUSIVE', relation);
      return referenceLock(ast, statement);
    case 'CreateStmt':
      return referenceLock(ast, statement);
    case 'RenameStmt':
      // `relationType` is only meaningful for column renames; table and constraint renames say it in `renameType`.
      if (!RENAMES_OF_TABLES.has(node.renameType as string) && !(node.renameType === 'OBJECT_COLUMN' && node.relationType === 'OBJECT_TABLE')) return undefined;
      return isExisting(ast, relation) ? lockOn('ALTER TABLE … RENAME', 'ACCESS EXCLUSIVE', relation) : undefined;
    case 'IndexStmt':
      return node.concurrent !== true && isExisting(ast, relation) ? lockOn('CREATE INDEX', 'SHARE', relation) : undefined;
    case 'CreateTrigStmt':
      return isExisting(ast, relation) ? lockOn('CREATE TRIGGER', 'SHARE ROW EXCLUSIVE', relation) : undefined;
    case 'TruncateStmt': {
      for (const item of asList(node.relations)) {
        const target = bodyOf(item, 'RangeVar');
        if (isExisting(ast, target)) return lockOn('TRUNCATE', 'ACCESS EXCLUSIVE', target);
      }
      return undefined;
    }
    case 'DropStmt': {
      const names = asList(node.objects).map((item) => stringsOf(bodyOf(item, 'List')?.items));
      if (node.removeType === 'OBJECT_TABLE') {
        const target = names.map(([first = '', second]): RangeVar => (second === undefined ? { relname: first } : { schemaname: first, relname: second })).find((table) => isExisting(ast, table));
        return target ? lockOn('DROP TABLE', 'ACCESS EXCLUSIVE', target) : undefined;
      }
      if (node.removeType === 'OBJECT_INDEX' && node.concurrent !== true) {
        const index = names.find((parts) => !createdIndexes().has(parts.at(-1) ?? ''));
        return index ? { statement: 'DROP INDEX', lock: 'ACCESS EXCLUSIVE', target: `the table of index ${index.join('.')}` } : undefined;
      }
      return undefined;
    }
    default:
      return undefined;
  }
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
        '{{statement}} takes {{lock}} lock on {{target}} with no lock_timeout set earlier in this file, so while it waits every query on the table queues behind it; start the file with SET lock_timeout = \'1s\'; so the migration fails fast and can be retried.',
    },
    schema: [],
  },
  create(context: Context) {
    return {
      // One finding per file, at the first statement that needs the timeout: one SET at the top fixes them all.
      Program(program) {
        let createdIndexes: Set<string> | undefined;
        const indexesCreated = (): Set<string> => {
          if (createdIndexes) return createdIndexes;
          createdIndexes = new Set();
          for (const statement of program.statements) {
            if (statement.kind === 'IndexStmt' && typeof statement.node.idxname === 'string') createdIndexes.add(statement.node.idxname);
          }
          return createdIndexes;
        };
        for (const statement of program.statements) {
          // A timeout set earlier covers the statement whatever it locks: asked first, as it is the cheaper question.
          if (hasLockTimeoutBefore(program, statement.range[0])) continue;
          const lock = strongLockOf(program, statement, indexesCreated);
          if (!lock) continue;
          context.report({
            messageId: 'requireLockTimeout',
            loc: lock.location === undefined ? statement.loc : locationToLoc(context.sourceCode, lock.location, statement),
            data: { statement: lock.statement, lock: withArticle(lock.lock), target: lock.target },
          });
          return;
        }
      },
    };
  },
});
