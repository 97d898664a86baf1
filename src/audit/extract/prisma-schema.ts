// A small reader of schema.prisma: the datasource provider and, per model, its table name (`@@map`), fields,
// primary key (`@id`, `@@id`), defaults, indexes (`@unique`, `@@unique`, `@@index`) and relations' foreign keys.
// Linear: one pass over the lines, and each attribute's arguments read by a bracket counter (no backtracking regex).
import { primaryKeyOf } from './primary-key-verdict.js';
import { type ForeignKeyFact, type IndexFact, type TableFact } from './schema-facts.js';

export interface PrismaSchema {
  /** `provider` of the datasource block, or undefined. */
  provider: string | undefined;
  tables: TableFact[];
  /** Model name → table name (for queries: `prisma.user` reads the table of model `User`). */
  modelTables: Map<string, string>;
  /** What could not be read (an unclosed block, a line outside any block), with its line; never the line's text (a datasource url may hold a password). */
  problems: Array<{ line: number; message: string }>;
}

interface Field {
  name: string;
  type: string;
  attributes: Map<string, string>;
  line: number;
  column: number;
}

interface Model {
  name: string;
  table: string;
  line: number;
  column: number;
  fields: Field[];
  blockAttributes: Array<{ name: string; args: string }>;
}

const BLOCK_OPEN = /^(model|datasource|generator|enum|view|type)\s+(\w+)\s*\{\s*$/;
const IDENTIFIER = /^[A-Za-z_]\w*/;

/** `line` without its `//` comment (a `//` inside a string literal stays). */
function stripComment(line: string): string {
  let inString = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (char === '\\' && inString) index++;
    else if (char === '"') inString = !inString;
    else if (!inString && char === '/' && line[index + 1] === '/') return line.slice(0, index);
  }
  return line;
}

/** The text of the balanced `( … )` starting at `open` (exclusive), and the index past it; strings are skipped. */
function balanced(text: string, open: number): { args: string; end: number } {
  let depth = 0;
  let inString = false;
  for (let index = open; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') {
      depth--;
      if (depth === 0) return { args: text.slice(open + 1, index), end: index + 1 };
    }
  }
  return { args: text.slice(open + 1), end: text.length };
}

/** `@name(args)` / `@@name(args)` attributes of a line (from `from`), by name; args '' when none. */
function attributesOf(text: string, from: number): Array<{ name: string; args: string }> {
  const found: Array<{ name: string; args: string }> = [];
  let index = text.indexOf('@', from);
  while (index !== -1) {
    let start = index + 1;
    if (text[start] === '@') start++;
    let end = start;
    while (end < text.length && /[\w.]/.test(text[end]!)) end++;
    const name = text.slice(index, end);
    let args = '';
    let next = end;
    if (text[end] === '(') {
      const read = balanced(text, end);
      args = read.args;
      next = read.end;
    }
    if (end > start) found.push({ name, args });
    index = text.indexOf('@', Math.max(next, index + 1));
  }
  return found;
}

/** Field names of a list argument: `[a, b(sort: Desc)]` or `fields: [a, b]` → ['a', 'b']. */
function listNames(args: string, key = 'fields'): string[] {
  const keyAt = args.indexOf(`${key}:`);
  const open = args.indexOf('[', keyAt === -1 ? 0 : keyAt);
  if (open === -1) return [];
  const { args: inner } = balanced(args, open);
  const names: string[] = [];
  let depth = 0;
  let part = '';
  for (const char of `${inner},`) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      const name = IDENTIFIER.exec(part.trim())?.[0];
      if (name) names.push(name);
      part = '';
    } else part += char;
  }
  return names;
}

/** The first string literal's value in `args` (`"users"` in `@@map("users")` or `name: "users"`). */
function stringArg(args: string): string | undefined {
  const open = args.indexOf('"');
  const close = open === -1 ? -1 : args.indexOf('"', open + 1);
  return close === -1 ? undefined : args.slice(open + 1, close);
}

function readBlocks(text: string, problems: PrismaSchema['problems']): { provider: string | undefined; models: Model[] } {
  const lines = text.split('\n');
  let provider: string | undefined;
  const models: Model[] = [];
  let block: { kind: string; model?: Model; line: number } | undefined;
  for (const [index, raw] of lines.entries()) {
    const line = stripComment(raw).trim();
    if (line === '') continue;
    const lineNumber = index + 1;
    if (!block) {
      const open = line.length < 500 ? BLOCK_OPEN.exec(line) : null;
      if (!open) {
        problems.push({ line: lineNumber, message: 'a line outside any block' });
        continue;
      }
      const model = open[1] === 'model' ? { name: open[2]!, table: open[2]!, line: lineNumber, column: raw.indexOf(open[1]) + 1, fields: [], blockAttributes: [] } : undefined;
      if (model) models.push(model);
      block = { kind: open[1]!, line: lineNumber, ...(model ? { model } : {}) };
      continue;
    }
    if (line === '}') {
      block = undefined;
      continue;
    }
    if (block.kind === 'datasource' && line.startsWith('provider')) provider = stringArg(line);
    const model = block.model;
    if (!model) continue;
    if (line.startsWith('@@')) {
      for (const attribute of attributesOf(line, 0)) {
        model.blockAttributes.push(attribute);
        if (attribute.name === '@@map') model.table = stringArg(attribute.args) ?? model.table;
      }
      continue;
    }
    const name = IDENTIFIER.exec(line)?.[0];
    const rest = name ? line.slice(name.length).trimStart() : '';
    const type = IDENTIFIER.exec(rest)?.[0];
    if (!name || !type) {
      problems.push({ line: lineNumber, message: 'a field without a name and a type' });
      continue;
    }
    const attributes = new Map(attributesOf(rest, type.length).map(({ name: attribute, args }) => [attribute, args]));
    model.fields.push({ name, type: rest.slice(0, rest.search(/\s|$/)), attributes, line: lineNumber, column: raw.indexOf(name) + 1 });
  }
  if (block) problems.push({ line: block.line, message: `The ${block.kind} block opened here is never closed` });
  return { provider, models };
}

const BTREE = { partial: false, method: 'btree' };

function tableOf(model: Model, file: string, models: Map<string, Model>): TableFact {
  const indexes: IndexFact[] = [];
  let keyFields: string[] | null = null;
  for (const field of model.fields) {
    if (field.attributes.has('@id')) {
      keyFields = [field.name];
      indexes.push({ ...BTREE, columns: [field.name], unique: true });
    }
    if (field.attributes.has('@unique')) indexes.push({ ...BTREE, columns: [field.name], unique: true });
  }
  for (const { name, args } of model.blockAttributes) {
    if (name !== '@@id' && name !== '@@unique' && name !== '@@index') continue;
    const columns = listNames(args);
    if (name === '@@id') keyFields = columns;
    const hash = name === '@@index' && /type:\s*Hash/.test(args);
    indexes.push({ partial: false, method: hash ? 'hash' : /type:\s*(\w+)/.exec(args)?.[1]?.toLowerCase() ?? 'btree', columns, unique: name !== '@@index' });
  }
  const foreignKeys: ForeignKeyFact[] = [];
  for (const field of model.fields) {
    const relation = field.attributes.get('@relation');
    if (relation === undefined || !relation.includes('fields')) continue;
    const target = models.get(field.type.replace(/[?[\]]/g, ''));
    foreignKeys.push({
      file,
      line: field.line,
      column: field.column,
      name: `${model.table}_${listNames(relation).join('_')}_fkey`,
      columns: listNames(relation),
      references: { table: target?.table ?? field.type, columns: listNames(relation, 'references') },
    });
  }
  const keyColumns = keyFields?.map((name) => {
    const field = model.fields.find((candidate) => candidate.name === name);
    const nativeType = field ? [...field.attributes.keys()].find((attribute) => attribute.startsWith('@db.')) : undefined;
    const defaultArgs = field?.attributes.get('@default');
    return { name, type: field ? (nativeType ? nativeType.slice(4) : field.type) : null, default: defaultArgs === undefined ? null : defaultArgs.trim() };
  });
  const { primaryKey, reason } = primaryKeyOf(keyColumns ?? null);
  return { name: model.table, primaryKey, primaryKeyReason: reason, file, line: model.line, column: model.column, source: 'prisma', indexes, foreignKeys };
}

/** Reads `text`, the schema.prisma at `file` (relative posix). Never throws. */
export function readPrismaSchema(file: string, text: string): PrismaSchema {
  const problems: PrismaSchema['problems'] = [];
  const { provider, models } = readBlocks(text, problems);
  const byName = new Map(models.map((model) => [model.name, model]));
  return {
    provider,
    tables: models.map((model) => tableOf(model, file, byName)),
    modelTables: new Map(models.map((model) => [model.name, model.table])),
    problems,
  };
}
