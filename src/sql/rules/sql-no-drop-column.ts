import { isExistingTable, relationKey, type RangeVar } from '../ast.js';
import { asList, bodyOf } from '../constraint-helpers.js';
import { skipDeployedMigration } from '../deployed-migrations.js';
import type { SqlProgram, SqlStatementNode } from '../language.js';
import { columnAddedBefore, sameRelation } from '../migration-helpers.js';
import { patternOptionsSchema, resolvePatternOption } from '../pattern-option.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';

type Options = [{ deprecatedNamePattern?: string }];
type MessageIds = 'dropColumn' | 'invalidPattern';
type Context = SqlRuleContext<MessageIds, Options>;

/** Names that say the column was retired in an earlier release: `deprecated_role`, `deprecatedRole`, `name_old`, `legacy_x`. */
const DEFAULT_DEPRECATED = '(?:^|_)(?:deprecated|legacy|old|unused|obsolete)(?:_|$)|^(?:deprecated|legacy|old|unused|obsolete)(?=[A-Z0-9])|[a-z0-9](?:Deprecated|Legacy|Old|Unused|Obsolete)$|_(?:bak|backup)$|^(?:DEPRECATED|LEGACY)_';

/** The path of a migration whose name says it removes what is already retired. */
const CONTRACT_MIGRATION = /deprecat|unused|obsolete|clean_?up|legacy/i;

/**
 * True when a later statement of the file gives a column of the table the dropped name again (`RENAME x_new TO x`,
 * `ADD COLUMN x`): a swap or a rebuild that keeps the name running code reads.
 */
function nameComesBack(ast: SqlProgram, relation: RangeVar, column: string, after: number): boolean {
  for (const statement of ast.statements) {
    if (statement.range[0] < after) continue;
    const { node } = statement;
    if (statement.kind === 'RenameStmt') {
      if (node.renameType === 'OBJECT_COLUMN' && node.newname === column && sameRelation(node.relation as RangeVar, relation)) return true;
    } else if (statement.kind === 'AlterTableStmt' && sameRelation(node.relation as RangeVar, relation)) {
      for (const item of asList(node.cmds)) {
        const cmd = bodyOf(item, 'AlterTableCmd');
        if (cmd?.subtype === 'AT_AddColumn' && bodyOf(cmd.def, 'ColumnDef')?.colname === column) return true;
      }
    }
  }
  return false;
}

function check(context: Context, statement: SqlStatementNode, deprecated: RegExp): void {
  const relation = statement.node.relation as RangeVar | undefined;
  if (statement.node.objtype !== 'OBJECT_TABLE' || !relation) return;
  const { ast } = context.sourceCode;
  let existing: boolean | undefined;
  const commands = asList(statement.node.cmds).map((item) => bodyOf(item, 'AlterTableCmd'));
  // Prisma's "dropped and recreated" type change: `DROP COLUMN x, ADD COLUMN x <new type>` in one ALTER.
  const readded = new Set(commands.filter((cmd) => cmd?.subtype === 'AT_AddColumn').map((cmd) => bodyOf(cmd!.def, 'ColumnDef')?.colname));
  for (const cmd of commands) {
    if (cmd?.subtype !== 'AT_DropColumn' || typeof cmd.name !== 'string' || readded.has(cmd.name)) continue;
    const column = cmd.name;
    if (deprecated.test(column)) continue;
    existing ??= isExistingTable(ast, relation);
    if (!existing) return;
    if (columnAddedBefore(ast, relation, column, statement.range[0]) || nameComesBack(ast, relation, column, statement.range[1])) continue;
    context.report({ messageId: 'dropColumn', loc: statement.loc, data: { column, table: relationKey(relation) } });
  }
}

export default createSqlRule<Options, MessageIds>({
  name: 'sql-no-drop-column',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow dropping a column of an existing table that running code may still read (expand and contract)',
      recommended: false,
    },
    messages: {
      dropColumn:
        'Dropping column "{{column}}" of existing table {{table}} breaks every running instance that still reads or writes it (the previous release serves traffic while the migration runs); ship the code that stops using it first and drop it in a migration of a later release. If the column is already unused, give it a name matching `deprecatedNamePattern` in the release that stops using it (or disable this line).',
      invalidPattern: 'The option `deprecatedNamePattern` is not a valid regular expression ({{pattern}}); the default is used.',
    },
    schema: patternOptionsSchema('deprecatedNamePattern', 'Columns whose name matches (case-sensitive) are retired already: dropping them is the contract step.'),
    defaultOptions: [{ deprecatedNamePattern: DEFAULT_DEPRECATED }],
  },
  create(context: Context, [{ deprecatedNamePattern = DEFAULT_DEPRECATED }]) {
    // A migration named for the contract step (`remove_deprecated_fields`, `drop_unused_columns`, `cleanup`) drops what
    // an earlier release retired.
    if (skipDeployedMigration(context) || CONTRACT_MIGRATION.test(context.filename)) return {};
    const pattern = resolvePatternOption(deprecatedNamePattern, DEFAULT_DEPRECATED, () =>
      context.report({ messageId: 'invalidPattern', loc: { line: 1, column: 0 }, data: { pattern: deprecatedNamePattern.slice(0, 80) } }),
    );
    return {
      Statement(statement) {
        if (statement.kind === 'AlterTableStmt') check(context, statement, pattern);
      },
    };
  },
});
