import { isExistingTable, relationKey, type RangeVar } from '../ast.js';
import { columnAddedBefore, columnDroppedBefore, tableDroppedBefore, withoutPublic } from '../migration-helpers.js';
import type { SqlProgram, SqlStatementNode } from '../language.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';
import { skipDeployedMigration } from '../deployed-migrations.js';

type Options = [];
type MessageIds = 'renameColumn' | 'renameTable';
type Context = SqlRuleContext<MessageIds, Options>;

/** True when a later statement of the file creates a view under the table's old name (the compatible table rename). */
function keepsOldNameAsView(ast: SqlProgram, statement: SqlStatementNode, relation: RangeVar): boolean {
  const oldName = withoutPublic(relationKey(relation));
  return ast.statements.some((other) => {
    if (other.kind !== 'ViewStmt' || other.range[0] < statement.range[1]) return false;
    const view = other.node.view as RangeVar | undefined;
    return view !== undefined && withoutPublic(relationKey(view)) === oldName;
  });
}

function check(context: Context, statement: SqlStatementNode): void {
  const { node } = statement;
  const relation = node.relation as RangeVar | undefined;
  if (!relation || !isExistingTable(context.sourceCode.ast, relation)) return;
  const table = relationKey(relation);
  const ast = context.sourceCode.ast;
  const at = statement.range[0];
  const [oldName, newName] = [String(node.subname ?? ''), String(node.newname ?? '')];
  if (node.renameType === 'OBJECT_COLUMN' && node.relationType === 'OBJECT_TABLE') {
    // A column this file added (no running code reads it yet), or the swap that gives a rebuilt column the name of the
    // one this file dropped (`ADD x_new; UPDATE; DROP x; RENAME x_new TO x`): no name running code uses goes away.
    if (columnAddedBefore(ast, relation, oldName, at) || columnDroppedBefore(ast, relation, newName, at)) return;
    context.report({ messageId: 'renameColumn', loc: statement.loc, data: { table, column: String(node.subname ?? ''), name: String(node.newname ?? '') } });
  } else if (node.renameType === 'OBJECT_TABLE' && !keepsOldNameAsView(ast, statement, relation)) {
    // The table swap: `DROP TABLE t; ALTER TABLE t_new RENAME TO t` keeps the name running code reads.
    if (tableDroppedBefore(ast, relation, newName, at)) return;
    context.report({ messageId: 'renameTable', loc: statement.loc, data: { table, name: String(node.newname ?? '') } });
  }
}

export default createSqlRule<Options, MessageIds>({
  name: 'sql-no-rename',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow renaming a column or a table that the migration did not create',
      recommended: true,
    },
    messages: {
      renameColumn:
        'Renaming column "{{column}}" of existing table {{table}} to "{{name}}" breaks every running instance that still uses the old name; add "{{name}}" as a new column, write both and backfill, switch the reads, then drop "{{column}}" in a later migration.',
      renameTable:
        'Renaming existing table {{table}} to "{{name}}" breaks every running instance that still uses the old name; create a view under the old name in the same migration (CREATE VIEW {{table}} AS SELECT * FROM "{{name}}") and drop it in a later one.',
    },
    schema: [],
  },
  create(context) {
    if (skipDeployedMigration(context)) return {};
    return {
      Statement(statement) {
        if (statement.kind === 'RenameStmt') check(context, statement);
      },
    };
  },
});
