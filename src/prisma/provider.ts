// The database a Prisma schema file is for: the `provider` of its `datasource` block. A multi-file schema
// (`prismaSchemaFolder`, Prisma 5.15+) keeps the datasource in one file of the folder and models in others, maybe in
// subfolders: a file without a datasource takes the provider of the nearest `.prisma` file that names one, in its own
// folder or up to two folders up (not past a package.json or .git). Other files are read with the regex reader that
// src/sql/dialect.ts uses for the same question about `.sql` files. Never throws.
import fs from 'node:fs';
import path from 'node:path';

import { prismaDatasourceProvider } from '../sql/dialect.js';

import type { PrismaProgram } from './language.js';

/** Folders up from the file's own that may hold the schema's datasource. */
const MAX_LEVELS_UP = 2;
/** A schema file larger than this is not read for its provider. */
const MAX_SIZE = 5_000_000;

/** The `provider` string of the program's own `datasource` block, if it names one. */
export function ownProvider(program: PrismaProgram): string | undefined {
  for (const block of program.blocks) {
    if (block.kind !== 'datasource') continue;
    for (const member of block.members) {
      if (member.type === 'Assignment' && member.key === 'provider' && member.value.type === 'String') return member.value.value;
    }
  }
  return undefined;
}

function siblingProvider(dir: string, except: string): string | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => name.endsWith('.prisma')).sort();
  } catch {
    return undefined;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    if (file === except) continue;
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > MAX_SIZE) continue;
      const provider = prismaDatasourceProvider(fs.readFileSync(file, 'utf8'));
      if (provider !== undefined) return provider;
    } catch {
      // An unreadable file says nothing.
    }
  }
  return undefined;
}

/** The provider for the schema file `filename` (absolute, or undefined for a text without a file). */
export function schemaProvider(program: PrismaProgram, filename: string | undefined): string | undefined {
  const own = ownProvider(program);
  if (own !== undefined || filename === undefined || !path.isAbsolute(filename)) return own;
  let dir = path.dirname(filename);
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    const provider = siblingProvider(dir, filename);
    if (provider !== undefined) return provider;
    if (fs.existsSync(path.join(dir, 'package.json')) || fs.existsSync(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}
