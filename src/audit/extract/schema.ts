// Tables, keys, indexes and the queries that use them, from every place a project declares its schema: SQL migration
// sets (src/sql's schema model), schema.prisma, Drizzle tables, TypeORM entities, knex's schema builder and the SQL
// strings of TS/JS migrations (knex.raw, queryRunner.query, pgm.sql). A set for another database (Prisma `provider`,
// drizzle `dialect`, knexfile `client`) is skipped and named in a Notice, never parsed as PostgreSQL. Never throws.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { POSTGRES, setting } from '../../sql/dialect.js';
import { compareNatural, DEFAULT_MIGRATION_GLOBS, migrationSetOf } from '../../sql/migrations.js';
import { loadSqlParser } from '../../sql/parser.js';
import { cachedText, type ExtractInput } from './input.js';
import { draftKeyColumns, tableCollector, type TableDraft } from './orm-tables.js';
import { readPrismaSchema } from './prisma-schema.js';
import { primaryKeyOf } from './primary-key-verdict.js';
import { createLocator, type QueryFact, type SchemaSource, type TableFact } from './schema-facts.js';
import { tablesOfSqlSet, type SqlUnit } from './schema-sql.js';
import { isTestCode } from './test-code.js';
import { queryCollector, type QueryCollection, type QueryDraft } from './source-queries.js';
import { isScriptFile, MAX_PARSED_SIZE, mergeListeners, sharedVisitor, type SharedVisitor } from './ts-visit.js';

export type { ForeignKeyFact, IndexFact, QueryFact, SchemaSource, TableFact } from './schema-facts.js';

export interface SchemaFacts {
  /** Sorted by name; one per table (the ORM's definition wins over the migrations', their indexes are merged). */
  tables: TableFact[];
  /** Queries found in the source (optional: contexts built before this field existed have none). */
  queries?: QueryFact[];
}

/** When several sources define one table, the first of this list describes it (an ORM states client-side defaults). */
const PRIORITY: readonly SchemaSource[] = ['prisma', 'drizzle', 'typeorm', 'sql', 'ts-migration'];
/** Cheap pre-filter: a script without any of these words declares no table and runs no query (`c.req.query(` is Hono's request, not SQL). */
const MAY_MATTER =
  /[a-z]Table\(|@Entity|createTable|(?<!\breq)\.query\(|\.raw\(|sql`|\.sql\(|\$queryRaw|\$executeRaw|\.execute\(|\.unsafe\(|\.where\(|\.orderBy\(|\.find(?:Many|First|Unique)|\.(?:count|aggregate|groupBy|updateMany|deleteMany)\(/;
const MIGRATION_FOLDER = /(?:^|\/)migrations?\//i;

interface Skip {
  /** Relative posix folder whose migrations are skipped ('' = the project). */
  folder: string;
  reason: string;
}

/**
 * The file's text, or undefined for a binary or unreadable file. Those are named by the secrets extractor, which reads
 * every file of the project: one notice per problem, not one per extractor.
 */
async function readText(input: ExtractInput, file: string): Promise<string | undefined> {
  const cached = cachedText(input, file, Number.POSITIVE_INFINITY);
  if (cached !== undefined) return cached;
  try {
    const text = await readFile(path.join(input.root, file), 'utf8');
    return text.includes('\0') ? undefined : text;
  } catch {
    return undefined;
  }
}

function within(file: string, folder: string): boolean {
  return folder === '' || file === folder || file.startsWith(`${folder}/`);
}

function join(folder: string, child: string): string {
  return path.posix.normalize(path.posix.join(folder, child)).replace(/^\.\/?|\/$/g, '');
}

/** Prisma, drizzle-kit and knex configurations naming another database: the folders to skip, and why. */
async function otherDatabases(input: ExtractInput, prismaProviders: Map<string, string | undefined>): Promise<Skip[]> {
  const skips: Skip[] = [];
  for (const [file, provider] of prismaProviders) {
    if (provider !== undefined && !POSTGRES.test(provider)) {
      skips.push({ folder: join(path.posix.dirname(file), 'migrations'), reason: `${file} names provider "${provider}"` });
    }
  }
  for (const file of input.files) {
    const base = path.posix.basename(file);
    const isDrizzle = /^drizzle\.config\.[cm]?[jt]s$/.test(base);
    const isKnex = /^knexfile\.[cm]?[jt]s$/.test(base);
    if (!isDrizzle && !isKnex) continue;
    const text = await readText(input, file);
    if (text === undefined) continue;
    const dir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
    const database = isDrizzle ? (setting(text, 'dialect') ?? setting(text, 'driver')) : setting(text, 'client');
    if (database === undefined || POSTGRES.test(database)) continue;
    const folder = isDrizzle ? (setting(text, 'out') ?? 'drizzle') : (setting(text, 'directory') ?? 'migrations');
    skips.push({ folder: join(dir, folder), reason: `${file} names ${isDrizzle ? 'dialect' : 'client'} "${database}"` });
  }
  return skips;
}

function skipOf(skips: readonly Skip[], file: string): Skip | undefined {
  return skips.find((skip) => within(file, skip.folder));
}

/** Plain SQL migration sets (by the configured or default globs), each replayed into a schema model. */
async function sqlSets(input: ExtractInput, skips: readonly Skip[], named: Set<string>): Promise<TableFact[]> {
  const globs = input.config.migrationGlobs.length > 0 ? input.config.migrationGlobs : DEFAULT_MIGRATION_GLOBS;
  const sets = new Map<string, string[]>();
  for (const file of input.files) {
    if (!file.toLowerCase().endsWith('.sql') || isTestCode(file)) continue;
    const set = migrationSetOf(path.join(input.root, file), globs);
    if (!set) continue;
    const folder = path.relative(input.root, set.folder).split(path.sep).join('/');
    sets.set(folder, [...(sets.get(folder) ?? []), file]);
  }
  const tables: TableFact[] = [];
  for (const [folder, files] of sets) {
    const skip = skipOf(skips, files[0]!);
    if (skip) {
      if (!named.has(folder)) input.notices.push({ file: folder, message: `Migration set skipped: ${skip.reason}, not PostgreSQL.` });
      named.add(folder);
      continue;
    }
    const units: SqlUnit[] = [];
    for (const file of files.sort(compareNatural)) {
      const text = await readText(input, file);
      if (text === undefined) continue;
      const locate = createLocator(text);
      units.push({ key: file, text, locate: (offset) => ({ file, ...locate(offset) }) });
    }
    const result = tablesOfSqlSet(units, 'sql');
    for (const error of result.errors) {
      input.notices.push({ file: error.file, message: `Cannot parse this migration (line ${error.line}: ${error.message}); it is left out of the schema model.` });
    }
    tables.push(...result.tables);
  }
  return tables;
}

interface ScriptFacts {
  drafts: TableDraft[];
  queries: QueryDraft[];
  /** TS/JS migration files' SQL units, by migration folder. */
  migrationUnits: Map<string, SqlUnit[]>;
}

interface FileScriptFacts {
  drafts: TableDraft[];
  collection: QueryCollection;
}

/** Is this script one the schema extractor reads (a table or a query may be in it)? The size limit is checked apart, for its notice. */
function mayDeclare(file: string, text: string): boolean {
  return isScriptFile(file) && !isTestCode(file) && MAY_MATTER.test(text);
}

/** The table and query collectors of one script: run inside the audit's ESLint pass, or on their own. */
export function createSchemaVisitor(): SharedVisitor<FileScriptFacts> {
  return sharedVisitor<FileScriptFacts>({
    wants: (file, text) => mayDeclare(file, text) && text.length <= MAX_PARSED_SIZE,
    start: () => ({ drafts: [], collection: { queries: [], migrationSql: [] } }),
    collect: (context, into) =>
      mergeListeners(tableCollector(context, into.drafts), queryCollector(context, MIGRATION_FOLDER.test(context.filename), into.collection)),
  });
}

async function scripts(input: ExtractInput, skips: readonly Skip[], named: Set<string>, visitor: SharedVisitor<FileScriptFacts>): Promise<ScriptFacts> {
  const facts: ScriptFacts = { drafts: [], queries: [], migrationUnits: new Map() };
  // Tables and queries of tests and fixtures are not the project's schema.
  const files = input.files.filter((file) => isScriptFile(file) && !isTestCode(file)).sort(compareNatural);
  for (const file of files) {
    const isMigration = MIGRATION_FOLDER.test(file);
    const skip = isMigration ? skipOf(skips, file) : undefined;
    if (skip) {
      const folder = path.posix.dirname(file);
      if (!named.has(folder)) input.notices.push({ file: folder, message: `Migration set skipped: ${skip.reason}, not PostgreSQL.` });
      named.add(folder);
      continue;
    }
    const text = await readText(input, file);
    if (text === undefined || !mayDeclare(file, text)) continue;
    if (text.length > MAX_PARSED_SIZE) {
      input.notices.push({ file, message: `Larger than ${MAX_PARSED_SIZE / 1024} KB: not parsed for tables and queries.` });
      continue;
    }
    const visited = visitor.visit(file, text);
    if ('error' in visited) {
      input.notices.push({ file, message: `Cannot parse this file (${visited.error}): its tables and queries are not read.` });
      continue;
    }
    const { drafts, collection } = visited;
    facts.drafts.push(...drafts);
    facts.queries.push(...collection.queries);
    if (collection.migrationSql.length > 0) {
      const locate = createLocator(text);
      const folder = path.posix.dirname(file);
      const units = facts.migrationUnits.get(folder) ?? [];
      for (const [index, sql] of collection.migrationSql.entries()) {
        units.push({ key: `${file}#${index}`, text: sql.text, locate: (offset) => ({ file, ...locate(sql.toSourceRange(offset, offset + 1)[0]) }) });
      }
      facts.migrationUnits.set(folder, units);
    }
  }
  return facts;
}

/** Drafts of Drizzle / TypeORM / knex tables as facts, their code references resolved to table names. */
function draftTables(input: ExtractInput, drafts: readonly TableDraft[]): TableFact[] {
  const byBinding = new Map<string, string>();
  for (const draft of drafts) if (draft.binding) byBinding.set(draft.binding, draft.name);
  const tables: TableFact[] = [];
  const namedFiles = new Set<string>();
  for (const draft of drafts) {
    if (draft.otherDialect) {
      if (!namedFiles.has(draft.file)) input.notices.push({ file: draft.file, message: `Tables for ${draft.otherDialect} skipped: not PostgreSQL.` });
      namedFiles.add(draft.file);
      continue;
    }
    const { primaryKey, reason } = primaryKeyOf(draftKeyColumns(draft));
    tables.push({
      name: draft.name,
      primaryKey,
      primaryKeyReason: reason,
      file: draft.file,
      line: draft.line,
      column: draft.column,
      source: draft.source,
      indexes: [...draft.indexes, ...(draft.primaryKey ? [{ columns: draft.primaryKey, unique: true, partial: false, method: 'btree' }] : [])],
      foreignKeys: draft.foreignKeys.map(({ references, ...fk }) => ({
        ...fk,
        name: `${draft.name}_${fk.columns.join('_')}_fkey`,
        references: { table: references.resolve ? (byBinding.get(references.table) ?? references.table) : references.table, columns: [] },
      })),
    });
  }
  return tables;
}

/** One fact per table name: the first source by PRIORITY describes it; the indexes of every source count. */
function mergeTables(tables: readonly TableFact[]): TableFact[] {
  const byName = new Map<string, TableFact[]>();
  for (const table of tables) byName.set(table.name, [...(byName.get(table.name) ?? []), table]);
  const merged: TableFact[] = [];
  for (const [, facts] of byName) {
    facts.sort((a, b) => PRIORITY.indexOf(a.source) - PRIORITY.indexOf(b.source));
    const first = facts[0]!;
    merged.push({ ...first, indexes: facts.flatMap((fact) => fact.indexes), ...(facts.some((fact) => fact.source === 'sql') ? { inSqlMigrations: true } : {}) });
  }
  return merged.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function resolveQueries(drafts: readonly QueryDraft[], tableDrafts: readonly TableDraft[], prismaModels: Map<string, string>): QueryFact[] {
  const variables = new Map(tableDrafts.flatMap((draft) => (draft.binding ? [[draft.binding, draft] as const] : [])));
  const models = new Map([...prismaModels].map(([model, table]) => [model.charAt(0).toLowerCase() + model.slice(1), table]));
  const queries: QueryFact[] = [];
  for (const { resolve, table, columns, ...rest } of drafts) {
    if (resolve === 'name') queries.push({ ...rest, table, columns });
    else if (resolve === 'prisma-model' && models.has(table)) queries.push({ ...rest, table: models.get(table)!, columns });
    else if (resolve === 'drizzle-variable' && variables.has(table)) {
      const draft = variables.get(table)!;
      queries.push({ ...rest, table: draft.name, columns: columns.map((field) => draft.fields.get(field) ?? field) });
    }
  }
  return queries;
}

/** `visitor`: the one whose collectors ran in the audit's ESLint pass (a fresh one parses every script itself). */
export async function extractSchema(input: ExtractInput, visitor: SharedVisitor<FileScriptFacts> = createSchemaVisitor()): Promise<SchemaFacts> {
  try {
    await loadSqlParser();
  } catch (error) {
    input.notices.push({ file: null, message: `The SQL parser did not load (${error instanceof Error ? error.message : String(error)}): SQL is not read.` });
  }
  const tables: TableFact[] = [];
  const providers = new Map<string, string | undefined>();
  const prismaModels = new Map<string, string>();
  for (const file of input.files.filter((candidate) => candidate.endsWith('.prisma') && !isTestCode(candidate))) {
    const text = await readText(input, file);
    if (text === undefined) continue;
    const schema = readPrismaSchema(file, text);
    providers.set(file, schema.provider);
    for (const problem of schema.problems.slice(0, 1)) {
      const more = schema.problems.length > 1 ? ` (and ${schema.problems.length - 1} more problems)` : '';
      input.notices.push({ file, message: `Cannot read line ${problem.line} of this Prisma schema: ${problem.message}${more}.` });
    }
    if (schema.provider !== undefined && !POSTGRES.test(schema.provider)) {
      input.notices.push({ file, message: `Prisma schema skipped: provider "${schema.provider}" is not PostgreSQL.` });
      continue;
    }
    tables.push(...schema.tables);
    for (const [model, table] of schema.modelTables) prismaModels.set(model, table);
  }
  const skips = await otherDatabases(input, providers);
  const named = new Set<string>();
  tables.push(...(await sqlSets(input, skips, named)));
  const found = await scripts(input, skips, named, visitor);
  tables.push(...draftTables(input, found.drafts));
  for (const units of found.migrationUnits.values()) {
    const result = tablesOfSqlSet(units, 'ts-migration');
    for (const error of result.errors) {
      input.notices.push({ file: error.file, message: `Cannot parse the SQL of this migration (line ${error.line}: ${error.message}); it is left out of the schema model.` });
    }
    tables.push(...result.tables);
  }
  return { tables: mergeTables(tables), queries: resolveQueries(found.queries, found.drafts, prismaModels) };
}
