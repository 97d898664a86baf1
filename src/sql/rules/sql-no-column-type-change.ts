import { isExistingTable, locationToLoc, relationKey, type RangeVar } from '../ast.js';
import { asList, asNode, bodyOf, locationOf } from '../constraint-helpers.js';
import type { SqlStatementNode } from '../language.js';
import {
  columnTypeIn,
  formatTargetType,
  isMetadataOnlyTypeChange,
  tableBeforeFile,
  unparsedMigrationsBefore,
  unparsedSiblingReports,
} from '../migration-helpers.js';
import type { SchemaTable } from '../schema-model.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';
import { skipDeployedMigration } from '../deployed-migrations.js';

type Options = [];
type MessageIds = 'typeChange' | 'unparsedMigration';
type Context = SqlRuleContext<MessageIds, Options>;

/** The tables as the earlier migrations leave them, by `relationKey`: looked up once per table and linted file. */
type TablesBefore = Map<string, SchemaTable | undefined>;

/**
 * True when the earlier migrations of the set show the column's old type and the change only touches the catalog
 * (varchar widening, varchar → text…). Without a USING clause or a new collation only: those force a rewrite.
 */
function isMetadataOnly(
  context: Context,
  tablesBefore: TablesBefore,
  relation: RangeVar,
  column: string,
  definition: Record<string, unknown>,
  type: string,
): boolean {
  if (definition.raw_default !== undefined || definition.collClause !== undefined) return false;
  const key = relationKey(relation);
  let table = tablesBefore.get(key);
  if (table === undefined && !tablesBefore.has(key)) {
    // An earlier file that does not parse is missing from what `tableBeforeFile` sees: said once, never silently.
    for (const report of unparsedSiblingReports(context, unparsedMigrationsBefore(context.filename))) {
      context.report({ messageId: 'unparsedMigration', loc: report.loc, data: report.data });
    }
    tablesBefore.set(key, (table = tableBeforeFile(context.filename, relation)));
  }
  const before = columnTypeIn(table, column);
  return before !== undefined && isMetadataOnlyTypeChange(before, type);
}

function check(context: Context, tablesBefore: TablesBefore, statement: SqlStatementNode): void {
  const relation = statement.node.relation as RangeVar | undefined;
  if (statement.node.objtype !== 'OBJECT_TABLE' || !relation) return;
  // Whether the table existed before this file: asked only for an ALTER that changes a type (most do not).
  let existing: boolean | undefined;
  for (const item of asList(statement.node.cmds)) {
    const cmd = bodyOf(item, 'AlterTableCmd');
    if (cmd?.subtype !== 'AT_AlterColumnType') continue;
    existing ??= isExistingTable(context.sourceCode.ast, relation);
    if (!existing) return;
    const column = String(cmd.name ?? '');
    const definition = bodyOf(cmd.def, 'ColumnDef') ?? {};
    const type = formatTargetType(asNode(definition.typeName));
    if (isMetadataOnly(context, tablesBefore, relation, column, definition, type)) continue;
    const location = locationOf(definition);
    context.report({
      messageId: 'typeChange',
      loc: location === undefined ? statement.loc.start : locationToLoc(context.sourceCode, location, statement),
      data: { column, table: relationKey(relation), type },
    });
  }
}

export default createSqlRule<Options, MessageIds>({
  name: 'sql-no-column-type-change',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow changing the type of a column of an existing table',
      recommended: true,
    },
    messages: {
      unparsedMigration:
        'Migration {{file}}, earlier in this set, does not parse ({{reason}}), so the column types it leaves are unknown to this rule: a type change that only touches the catalog (such as widening a varchar) is reported as a rewrite.',
      typeChange:
        'Changing column "{{column}}" of existing table {{table}} to {{type}} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock and breaks code that expects the old type; add a new column of the new type, backfill it in batches, switch the application to it and drop the old column in a later migration.',
    },
    schema: [],
  },
  create(context) {
    if (skipDeployedMigration(context)) return {};
    const tablesBefore: TablesBefore = new Map();
    return {
      Statement(statement) {
        if (statement.kind === 'AlterTableStmt') check(context, tablesBefore, statement);
      },
    };
  },
});
