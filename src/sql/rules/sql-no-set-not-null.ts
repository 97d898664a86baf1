import { isExistingTable, locationToLoc, offsetToLoc, relationKey, type RangeVar } from '../ast.js';
import { asList, bodyOf, firstColumnRef, keywordOffsets, locationOf, notNullColumnsOf, stringsOf } from '../constraint-helpers.js';
import type { SqlStatementNode } from '../language.js';
import { withoutPublic } from '../migration-helpers.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';
import { skipDeployedMigration } from '../deployed-migrations.js';

type Options = [];
type MessageIds = 'noSetNotNull' | 'noAddNotNull';
type Context = SqlRuleContext<MessageIds, Options>;

const SET_NOT_NULL = /\bSET\s+NOT\s+NULL\b/gi;

/** Constraints this file added to one table that prove columns NOT NULL once validated. */
interface TableChecks {
  /** Constraint name → the columns it proves NOT NULL, and whether it is validated yet. */
  byName: Map<string, { columns: string[]; validated: boolean }>;
}

/** Table keys as `isExistingTable` sees them: `users` and `public.users` are one table. */
const tableKey = (relation: RangeVar): string => withoutPublic(relationKey(relation));

function isProvenNotNull(checks: TableChecks | undefined, column: string): boolean {
  for (const check of checks?.byName.values() ?? []) if (check.validated && check.columns.includes(column)) return true;
  return false;
}

export default createSqlRule<Options, MessageIds>({
  name: 'sql-no-set-not-null',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow SET NOT NULL on an existing table without a validated IS NOT NULL check',
      recommended: true,
    },
    messages: {
      noSetNotNull:
        'SET NOT NULL on "{{column}}" of existing table {{table}} scans every row under an ACCESS EXCLUSIVE lock; first add CHECK ("{{column}}" IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT in a later migration, then SET NOT NULL (PostgreSQL 12+ uses the validated check and skips the scan) and drop the check.',
      noAddNotNull:
        'ADD CONSTRAINT … NOT NULL on "{{column}}" of existing table {{table}} scans every row under an ACCESS EXCLUSIVE lock; add it with NOT VALID and run VALIDATE CONSTRAINT in a later migration.',
    },
    schema: [],
  },
  create(context: Context) {
    if (skipDeployedMigration(context)) return {};
    const { sourceCode } = context;
    const checksByTable = new Map<string, TableChecks>();

    /** The checks of `key`'s table, created on first use. */
    const checksOf = (key: string): TableChecks => {
      let checks = checksByTable.get(key);
      if (!checks) checksByTable.set(key, (checks = { byName: new Map() }));
      return checks;
    };

    const onAlter = (statement: SqlStatementNode, relation: RangeVar): void => {
      // The table's key, whether it existed before this file, and where each SET NOT NULL is: each computed only once
      // a command needs it (most ALTERs add no check, validate nothing and set no NOT NULL).
      let key: string | undefined;
      let existing: boolean | undefined;
      let setNotNullAt: number[] | undefined;
      let setNotNullIndex = 0;
      for (const item of asList(statement.node.cmds)) {
        const cmd = bodyOf(item, 'AlterTableCmd');
        if (!cmd) continue;
        const subtype = cmd.subtype;
        if (subtype === 'AT_AddConstraint') {
          const constraint = bodyOf(cmd.def, 'Constraint');
          if (constraint?.contype === 'CONSTR_CHECK') {
            const columns = notNullColumnsOf(constraint.raw_expr);
            if (columns.length === 0) continue;
            // Postgres names an unnamed check `<table>_<first column>_check`.
            const name = typeof constraint.conname === 'string' ? constraint.conname : `${relation.relname ?? ''}_${firstColumnRef(constraint.raw_expr) ?? ''}_check`;
            checksOf((key ??= tableKey(relation))).byName.set(name, { columns, validated: constraint.skip_validation !== true });
          } else if (constraint?.contype === 'CONSTR_NOTNULL') {
            // PostgreSQL 18: ADD CONSTRAINT name NOT NULL column [NOT VALID].
            const [column = ''] = stringsOf(constraint.keys);
            const validated = constraint.skip_validation !== true;
            const name = typeof constraint.conname === 'string' ? constraint.conname : `${relation.relname ?? ''}_${column}_not_null`;
            key ??= tableKey(relation);
            if (validated && (existing ??= isExistingTable(sourceCode.ast, relation)) && !isProvenNotNull(checksByTable.get(key), column)) {
              const location = locationOf(constraint);
              context.report({
                messageId: 'noAddNotNull',
                loc: location === undefined ? statement.loc.start : locationToLoc(sourceCode, location, statement),
                data: { column, table: relationKey(relation) },
              });
            }
            checksOf(key).byName.set(name, { columns: [column], validated });
          }
        } else if (subtype === 'AT_ValidateConstraint') {
          // Only a check this file added can be validated here: none yet, nothing to look up.
          if (checksByTable.size === 0 || typeof cmd.name !== 'string') continue;
          const check = checksByTable.get((key ??= tableKey(relation)))?.byName.get(cmd.name);
          if (check) check.validated = true;
        } else if (subtype === 'AT_SetNotNull') {
          const column = typeof cmd.name === 'string' ? cmd.name : '';
          const index = setNotNullIndex++;
          if (!(existing ??= isExistingTable(sourceCode.ast, relation))) continue;
          if (checksByTable.size > 0 && isProvenNotNull(checksByTable.get((key ??= tableKey(relation))), column)) continue;
          setNotNullAt ??= keywordOffsets(sourceCode.text.slice(statement.range[0], statement.range[1]), SET_NOT_NULL);
          const offset = setNotNullAt[index];
          context.report({
            messageId: 'noSetNotNull',
            loc: offset === undefined ? statement.loc.start : offsetToLoc(sourceCode, statement.range[0] + offset, statement),
            data: { column, table: relationKey(relation) },
          });
        }
      }
    };

    return {
      Statement(statement) {
        if (statement.kind !== 'AlterTableStmt' || statement.node.objtype !== 'OBJECT_TABLE') return;
        const relation = statement.node.relation as RangeVar | undefined;
        if (relation) onAlter(statement, relation);
      },
    };
  },
});
