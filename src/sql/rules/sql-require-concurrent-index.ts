import { isExistingTable, relationKey, type RangeVar } from '../ast.js';
import { asList, maskCommentsAndLiterals } from '../constraint-helpers.js';
import type { SqlStatementNode } from '../language.js';
import { droppedObjectKeys, indexesCreatedInFile } from '../migration-helpers.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';
import { skipDeployedMigration } from '../deployed-migrations.js';

type Options = [];
type MessageIds = 'createIndex' | 'dropIndex' | 'addConcurrently';
type Context = SqlRuleContext<MessageIds, Options>;

/** The keywords after which `CONCURRENTLY` goes. */
const CREATE_INDEX = /^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\b/i;
const DROP_INDEX = /^\s*DROP\s+INDEX\b/i;

/** The string offset right after the statement's leading `CREATE [UNIQUE] INDEX` / `DROP INDEX`, if it is there. */
function keywordEnd(context: Context, statement: SqlStatementNode, keywords: RegExp): number | undefined {
  const text = context.sourceCode.text.slice(statement.range[0], statement.range[1]);
  // The statement starts at a token, so a match on the raw text holds only keywords and whitespace: the masked text
  // matches the same way. Only a comment (or literal) among the keywords needs the scanner's mask.
  const match = keywords.exec(text) ?? keywords.exec(maskCommentsAndLiterals(text));
  return match ? statement.range[0] + match[0].length : undefined;
}

function report(context: Context, statement: SqlStatementNode, messageId: MessageIds, data: Record<string, string>, insertAt: number | undefined): void {
  context.report({
    messageId,
    loc: statement.loc,
    data,
    suggest:
      insertAt === undefined
        ? []
        : [{ messageId: 'addConcurrently', fix: (fixer) => fixer.insertTextAfterRange([insertAt, insertAt], ' CONCURRENTLY') }],
  });
}

export default createSqlRule<Options, MessageIds>({
  name: 'sql-require-concurrent-index',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require CONCURRENTLY when creating or dropping an index on a table the migration did not create',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      createIndex:
        'Building an index on existing table {{table}} without CONCURRENTLY blocks every write to it until the build ends; use CREATE INDEX CONCURRENTLY, in a file that runs outside a transaction (Prisma: a migration with only that statement; drizzle-kit: a separate deploy step).',
      dropIndex:
        'Dropping index {{index}} without CONCURRENTLY locks its table against reads and writes; use DROP INDEX CONCURRENTLY, in a file that runs outside a transaction (Prisma: a migration with only that statement; drizzle-kit: a separate deploy step).',
      addConcurrently: 'Add CONCURRENTLY (then move the statement to a file that runs outside a transaction).',
    },
    schema: [],
  },
  create(context) {
    if (skipDeployedMigration(context)) return {};
    const { ast } = context.sourceCode;
    return {
      Statement(statement) {
        if (statement.kind === 'IndexStmt') {
          const relation = statement.node.relation as (RangeVar & { inh?: boolean }) | undefined;
          // `ON ONLY parent` (inh absent: false) reads no row: the first step of the partitioned-table recipe.
          if (statement.node.concurrent === true || !relation || relation.inh !== true) return;
          if (!isExistingTable(ast, relation)) return;
          report(context, statement, 'createIndex', { table: relationKey(relation) }, keywordEnd(context, statement, CREATE_INDEX));
          return;
        }
        if (statement.kind !== 'DropStmt' || statement.node.removeType !== 'OBJECT_INDEX' || statement.node.concurrent === true) return;
        const created = indexesCreatedInFile(ast);
        const dropped = droppedObjectKeys(statement.node.objects).filter((key) => !created.has(key));
        if (dropped.length === 0) return;
        // DROP INDEX CONCURRENTLY takes one index and no CASCADE.
        const single = asList(statement.node.objects).length === 1 && statement.node.behavior !== 'DROP_CASCADE';
        report(context, statement, 'dropIndex', { index: dropped.join(', ') }, single ? keywordEnd(context, statement, DROP_INDEX) : undefined);
      },
    };
  },
});
