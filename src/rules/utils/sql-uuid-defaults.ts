// Random-UUID key defaults written as SQL inside TypeScript / JavaScript: migrations of TypeORM
// (`queryRunner.query(\`CREATE TABLE … "id" uuid NOT NULL DEFAULT uuid_generate_v4()\`)`), Knex
// (`knex.raw(…)`, `db.runSql(…)`) and hand-written SQL. The SQL text comes from `extractSql` (src/sql/sql-in-ts.ts),
// so a finding maps back to the exact TypeScript line and column.
//
// A default is a key's when its column is a key: declared `PRIMARY KEY` inline, named in a `PRIMARY KEY (…)` of the
// same SQL text, or named like a key (`id`, `user_id`). A default of another column (`token uuid DEFAULT
// gen_random_uuid()`) is not reported.
import type { TSESTree } from '@typescript-eslint/utils';

import { extractSql, toSourceLoc, type LocSource } from '../../sql/sql-in-ts.js';
import { isKeyName, type NameOptions } from './key-names.js';

export interface SqlUuidDefault {
  /** `uuid_generate_v4()` or `gen_random_uuid()`, as written. */
  call: string;
  column: string;
  loc: TSESTree.SourceLocation;
}

/** A cheap pre-filter on the literal's source. */
export const NAMES_RANDOM_UUID = /uuid_generate_v4|gen_random_uuid/i;
const DEFAULT_CALL = /\bDEFAULT\s+(?:(?:public|pg_catalog|extensions)\.)?"?(uuid_generate_v4|gen_random_uuid)"?\s*\(\s*\)/gi;
/** Where a column definition starts: after `(`, `,`, `ADD [COLUMN] [IF NOT EXISTS]`, `ALTER [COLUMN]`. */
const DEFINITION_START = /[(,]|\b(?:ADD|ALTER)\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?/gi;
const IDENTIFIER = /^\s*(?:"((?:[^"]|"")+)"|([A-Za-z_][\w$]*))/;

function columnAt(text: string, index: number): { name: string; start: number } | undefined {
  let start = 0;
  for (const match of text.slice(0, index).matchAll(DEFINITION_START)) start = match.index + match[0].length;
  const name = IDENTIFIER.exec(text.slice(start, index));
  if (!name) return undefined;
  return { name: name[1] !== undefined ? name[1].replace(/""/g, '"') : name[2]!, start };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The random-UUID key defaults in the SQL of a string / template literal (or a `+` concatenation of them). */
export function sqlUuidKeyDefaults(node: TSESTree.Node, sourceText: string, source: LocSource, names: NameOptions): SqlUuidDefault[] {
  const sql = extractSql(node, sourceText);
  if (!sql || !NAMES_RANDOM_UUID.test(sql.text)) return [];
  const found: SqlUuidDefault[] = [];
  for (const match of sql.text.matchAll(DEFAULT_CALL)) {
    const column = columnAt(sql.text, match.index);
    if (!column) continue;
    const end = match.index + match[0].length;
    const rest = sql.text.slice(end);
    const definitionEnd = rest.search(/[,;)]|\n\s*\n/);
    const inlineKey = /\bPRIMARY\s+KEY\b/i.test(definitionEnd === -1 ? rest : rest.slice(0, definitionEnd));
    const quoted = escapeRegExp(column.name);
    const tableKey = new RegExp(`\\bPRIMARY\\s+KEY\\s*\\(\\s*(?:"${quoted}"|${quoted})\\s*\\)`, 'i').test(sql.text);
    if (!inlineKey && !tableKey && !isKeyName(column.name, names)) continue;
    found.push({ call: `${match[1]!}()`, column: column.name, loc: toSourceLoc(sql, match.index, end, source) });
  }
  return found;
}
