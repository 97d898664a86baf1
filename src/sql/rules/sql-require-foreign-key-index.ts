import path from 'node:path';

import { tablesCreatedInFile } from '../ast.js';
import { hasForeignKeyIndex } from '../foreign-key-index.js';
import { unparsedSiblingReports } from '../migration-helpers.js';
import { DEFAULT_MIGRATION_GLOBS, getSchemaModelForFolder, migrationSetOf, unparsedMigrationsOf } from '../migrations.js';
import type { SqlParseResult } from '../parser.js';
import {
  buildSchemaModel,
  makeObjectName,
  quoteIdent,
  type SchemaForeignKey,
  type SchemaModel,
  type SchemaTable,
} from '../schema-model.js';
import { getSqlFileParse } from '../visitor.js';
import { createSqlRule, type SqlRuleContext } from '../../util/create-rule.js';
import { globListSchema, INVALID_GLOB_MESSAGE, invalidGlobData } from '../../util/globs.js';

type Options = [{ migrationGlobs?: string[] }];
type MessageIds = 'missingIndex' | 'missingIndexNewTable' | 'invalidGlob' | 'unparsedMigration';
type Context = SqlRuleContext<MessageIds, Options>;

const DEFAULTS = { migrationGlobs: [...DEFAULT_MIGRATION_GLOBS] };

/**
 * The linted file's migration set, built once per folder (the unsaved text replaces the file's), or the file alone.
 * The language's parse of the file is reused: the file is not parsed twice.
 */
function modelFor(file: string, text: string, parsed: SqlParseResult | undefined, globs: readonly string[]): SchemaModel {
  const self = { path: file, text, ...(parsed ? { parsed } : {}) };
  const set = migrationSetOf(file, globs);
  if (!set) return buildSchemaModel([self]);
  return getSchemaModelForFolder(set.folder, { pattern: set.pattern, override: self, amortizeChecks: true });
}

const foreignKeysByFile = new WeakMap<SchemaModel, Map<string, Array<{ table: SchemaTable; fk: SchemaForeignKey }>>>();

/** The model's foreign keys declared in `file`, in model order (grouped once per model: each file of a set asks). */
function foreignKeysDeclaredIn(model: SchemaModel, file: string): Array<{ table: SchemaTable; fk: SchemaForeignKey }> {
  let byFile = foreignKeysByFile.get(model);
  if (!byFile) {
    byFile = new Map();
    for (const table of model.tables.values()) {
      for (const fk of table.foreignKeys) {
        const list = byFile.get(fk.origin.file);
        if (list) list.push({ table, fk });
        else byFile.set(fk.origin.file, [{ table, fk }]);
      }
    }
    foreignKeysByFile.set(model, byFile);
  }
  return byFile.get(file) ?? [];
}

function qualifiedName(table: SchemaTable): string {
  return table.schema === 'public' ? quoteIdent(table.name) : `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
}

export default createSqlRule<Options, MessageIds>({
  name: 'sql-require-foreign-key-index',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require an index leading with the columns of every foreign key, in the final schema of the migration set',
      recommended: true,
    },
    messages: {
      invalidGlob: INVALID_GLOB_MESSAGE,
      missingIndex:
        'Foreign key {{constraint}} on {{table}} ({{columns}}) has no index leading with its columns, so every delete or key update in {{referenced}} scans {{table}}; add one in a later migration: CREATE INDEX CONCURRENTLY {{index}} ON {{table}} ({{columns}}).',
      unparsedMigration:
        'Migration {{file}} of this set does not parse ({{reason}}), so what it creates is missing from the schema this rule checks: its foreign keys and indexes are not seen.',
      missingIndexNewTable:
        'Foreign key {{constraint}} on {{table}} ({{columns}}) has no index leading with its columns, so every delete or key update in {{referenced}} scans {{table}}; add one after the CREATE TABLE: CREATE INDEX {{index}} ON {{table}} ({{columns}}).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          migrationGlobs: globListSchema(
            'Globs of migration files; a file matching one belongs to the set in the folder named by its leading segments without wildcards. Default: Prisma, Drizzle, migrations/ and db/migrations/.',
          ),
        },
      },
    ],
    defaultOptions: [DEFAULTS],
  },
  create(context: Context, [{ migrationGlobs = DEFAULT_MIGRATION_GLOBS }]) {
    return {
      Program(program) {
        const file = path.resolve(context.cwd, context.physicalFilename);
        const sourceCode = context.sourceCode;
        const invalidGlob = invalidGlobData('migrationGlobs', migrationGlobs);
        if (invalidGlob) context.report({ messageId: 'invalidGlob', loc: sourceCode.getLocFromIndex(0), data: invalidGlob });
        const model = modelFor(file, sourceCode.text, getSqlFileParse(sourceCode), migrationGlobs);
        // A file of the set that does not parse is said once, never left out silently.
        for (const report of unparsedSiblingReports(context, unparsedMigrationsOf(model.problems))) {
          context.report({ messageId: 'unparsedMigration', loc: report.loc, data: report.data });
        }
        const created = tablesCreatedInFile(program);
        for (const { table, fk } of foreignKeysDeclaredIn(model, file)) {
          if (hasForeignKeyIndex(table.indexes, fk.columns)) continue;
          const name = qualifiedName(table);
          const newTable = created.has(`${table.schema}.${table.name}`) || (table.schema === 'public' && created.has(table.name));
          context.report({
            messageId: newTable ? 'missingIndexNewTable' : 'missingIndex',
            loc: { start: sourceCode.getLocFromIndex(fk.origin.start), end: sourceCode.getLocFromIndex(fk.origin.end) },
            data: {
              constraint: quoteIdent(fk.name),
              table: name,
              columns: fk.columns.map(quoteIdent).join(', '),
              referenced: fk.references.schema === 'public' ? quoteIdent(fk.references.table) : `${quoteIdent(fk.references.schema)}.${quoteIdent(fk.references.table)}`,
              index: quoteIdent(makeObjectName(table.name, fk.columns.join('_'), 'idx')),
            },
          });
        }
      },
    };
  },
});
