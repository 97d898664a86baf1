import { isExistingTable, locationToLoc, relationKey, type RangeVar } from '../ast.js';
import { asList, bodyOf, columnConstraints, locationOf, type PgNode } from '../constraint-helpers.js';
import type { SqlStatementNode } from '../language.js';
import { lockOn } from '../locks.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';
import { skipDeployedMigration } from '../deployed-migrations.js';

type Options = [];
type MessageIds = 'requireNotValid' | 'columnConstraint' | 'validateInSameTransaction';
type Context = SqlRuleContext<MessageIds, Options>;

/** The constraint types that scan the table when added, and that `NOT VALID` can defer. */
const KIND_BY_CONTYPE = new Map<unknown, string>([
  ['CONSTR_FOREIGN', 'FOREIGN KEY'],
  ['CONSTR_CHECK', 'CHECK'],
]);

/** The kind of a constraint that scans the table when added (FOREIGN KEY, CHECK) without NOT VALID, else undefined. */
function scanningKind(constraint: PgNode): string | undefined {
  // `skip_validation` is set by NOT VALID (and by PostgreSQL 18's NOT ENFORCED, which never scans).
  return constraint.skip_validation === true ? undefined : KIND_BY_CONTYPE.get(constraint.contype);
}

/** The lock the NOT VALID add keeps until its transaction ends, from the lock table. */
const NOT_VALID_LOCKS: ReadonlyMap<unknown, string> = new Map([
  ['CONSTR_FOREIGN', lockOn('alter-table:add-foreign-key-not-valid', 'table')],
  ['CONSTR_CHECK', lockOn('alter-table:add-check-not-valid', 'table')],
]);

/** A constraint added NOT VALID earlier in the file's current transaction, by `table\0name`. */
interface PendingAdd {
  line: number;
  lock: string;
}

/** `table\0constraint` with `public.` dropped, so `public.orders` and `orders` meet. */
function constraintKey(relation: RangeVar, name: unknown): string {
  return `${relationKey(relation).replace(/^public\./, '')}\0${String(name)}`;
}

/** COMMIT / ROLLBACK (and their spellings END, ABORT, COMMIT PREPARED…) end the transaction a runner or BEGIN opened. */
function endsTransaction(statement: SqlStatementNode): boolean {
  if (statement.kind !== 'TransactionStmt') return false;
  return /^TRANS_STMT_(?:COMMIT|ROLLBACK|COMMIT_PREPARED|ROLLBACK_PREPARED|PREPARE)$/.test(String(statement.node.kind));
}

function report(context: Context, statement: SqlStatementNode, messageId: MessageIds, constraint: PgNode, data: Record<string, string>): void {
  const location = locationOf(constraint);
  context.report({
    messageId,
    loc: location === undefined ? statement.loc.start : locationToLoc(context.sourceCode, location, statement),
    data,
  });
}

/**
 * Records this statement's NOT VALID adds, and reports a VALIDATE CONSTRAINT of one added earlier in the same
 * transaction (migration runners wrap each file in one; an explicit COMMIT ends it).
 */
function checkSameTransaction(context: Context, statement: SqlStatementNode, relation: RangeVar, pending: Map<string, PendingAdd>): void {
  for (const item of asList(statement.node.cmds)) {
    const cmd = bodyOf(item, 'AlterTableCmd');
    if (cmd?.subtype === 'AT_AddConstraint') {
      const constraint = bodyOf(cmd.def, 'Constraint');
      const lock = NOT_VALID_LOCKS.get(constraint?.contype);
      if (constraint?.skip_validation === true && lock && typeof constraint.conname === 'string' && isExistingTable(context.sourceCode.ast, relation)) {
        pending.set(constraintKey(relation, constraint.conname), { line: statement.loc.start.line, lock });
      }
    } else if (cmd?.subtype === 'AT_ValidateConstraint' && typeof cmd.name === 'string') {
      const added = pending.get(constraintKey(relation, cmd.name));
      if (!added) continue;
      context.report({
        messageId: 'validateInSameTransaction',
        loc: statement.loc,
        data: { name: cmd.name, line: String(added.line), lock: added.lock, table: relationKey(relation) },
      });
    }
  }
}

export default createSqlRule<Options, MessageIds>({
  name: 'sql-require-not-valid',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require NOT VALID when adding a foreign key or check constraint to an existing table',
      recommended: true,
    },
    messages: {
      requireNotValid:
        'Adding a {{kind}} constraint to existing table {{table}} scans every row while blocking writes; add it with NOT VALID and run ALTER TABLE … VALIDATE CONSTRAINT in a later migration.',
      validateInSameTransaction:
        'VALIDATE CONSTRAINT {{name}} runs in the same transaction as its NOT VALID add (line {{line}}), so the {{lock}} lock the add took on {{table}} is held while it scans every row; validate in a later migration (a separate file, or after a COMMIT).',
      columnConstraint:
        'Adding column "{{column}}" with a {{kind}} constraint to existing table {{table}} scans every row while blocking writes; add the column without it, then ADD CONSTRAINT … NOT VALID and VALIDATE CONSTRAINT in a later migration.',
    },
    schema: [],
  },
  create(context: Context) {
    if (skipDeployedMigration(context)) return {};
    // Constraints added NOT VALID since the file's transaction began (the runner's, or an explicit BEGIN).
    const pending = new Map<string, PendingAdd>();
    return {
      Statement(statement) {
        if (endsTransaction(statement)) pending.clear();
        if (statement.kind !== 'AlterTableStmt' || statement.node.objtype !== 'OBJECT_TABLE') return;
        const relation = statement.node.relation as RangeVar | undefined;
        if (!relation) return;
        checkSameTransaction(context, statement, relation, pending);
        // Whether the table existed before this file: asked only once a constraint would scan it (most ALTERs add none).
        let existing: boolean | undefined;
        for (const item of asList(statement.node.cmds)) {
          const cmd = bodyOf(item, 'AlterTableCmd');
          if (cmd?.subtype === 'AT_AddConstraint') {
            const constraint = bodyOf(cmd.def, 'Constraint');
            const kind = constraint && scanningKind(constraint);
            if (!constraint || !kind) continue;
            existing ??= isExistingTable(context.sourceCode.ast, relation);
            if (!existing) return;
            report(context, statement, 'requireNotValid', constraint, { kind, table: relationKey(relation) });
          } else if (cmd?.subtype === 'AT_AddColumn') {
            const column = bodyOf(cmd.def, 'ColumnDef');
            for (const constraint of column ? columnConstraints(column) : []) {
              const kind = scanningKind(constraint);
              if (!kind) continue;
              existing ??= isExistingTable(context.sourceCode.ast, relation);
              if (!existing) return;
              report(context, statement, 'columnConstraint', constraint, { kind, table: relationKey(relation), column: String(column?.colname ?? '') });
            }
          }
        }
      },
    };
  },
});
