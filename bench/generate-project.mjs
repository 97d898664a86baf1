// A deterministic backend project for the benchmarks (bench/audit-vs-eslint.mjs, bench/rules-vs-floor.mjs): feature
// slices of routes / service / repository / model files (Hono + zod, uuid, console, OFFSET and cursor queries: a mix
// of clean code and violations), a shared folder, one SQL migration per slice, a tsconfig with a path alias.
// Usage as a script: node bench/generate-project.mjs <files> <out folder>
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FILE_KINDS = [
  (feature, index) => `import { Hono } from 'hono';
import { z } from 'zod';

import { ${feature}Service${index} } from './${feature}.service${index}';

const create${index} = z.object({ name: z.string().min(1), quantity: z.number().int().positive() });

export const ${feature}Routes${index} = new Hono()
  .get('/${feature}/${index}', async (c) => c.json(await ${feature}Service${index}.list(c.req.query('cursor'))))
  .post('/${feature}/${index}', async (c) => {
    const body = create${index}.parse(await c.req.json());
    return c.json(await ${feature}Service${index}.create(body), 201);
  })
  .delete('/${feature}/${index}/:id', async (c) => c.json(await ${feature}Service${index}.remove(c.req.param('id'))));
`,
  (feature, index) => `import { v4 as uuid } from 'uuid';

import { ${feature}Repository${index} } from './${feature}.repository${index}';

export const ${feature}Service${index} = {
  async list(cursor?: string) {
    return ${feature}Repository${index}.page(cursor ?? null, 50);
  },
  async create(input: { name: string; quantity: number }) {
    const id = uuid();
    console.log('creating', id);
    return ${feature}Repository${index}.insert({ id, ...input });
  },
  async remove(id: string) {
    return ${feature}Repository${index}.delete(id);
  },
};
`,
  (feature, index) => `import { db } from '@/shared/db';

export const ${feature}Repository${index} = {
  page(cursor: string | null, limit: number) {
    return db.query('SELECT id, name FROM ${feature} WHERE ($1::uuid IS NULL OR id < $1) ORDER BY id DESC LIMIT $2', [cursor, limit]);
  },
  search(term: string, page: number) {
    return db.query('SELECT id, name FROM ${feature} WHERE name ILIKE $1 ORDER BY name LIMIT 20 OFFSET $2', [term, page * 20]);
  },
  insert(row: { id: string; name: string; quantity: number }) {
    return db.query('INSERT INTO ${feature} (id, name, quantity) VALUES ($1, $2, $3)', [row.id, row.name, row.quantity]);
  },
  delete(id: string) {
    return db.query('DELETE FROM ${feature} WHERE id = $1', [id]);
  },
};
`,
  (feature, index) => `export interface ${feature[0].toUpperCase()}${feature.slice(1)}${index} {
  id: string;
  name: string;
  quantity: number;
  createdAt: Date;
}

export function total${index}(items: ReadonlyArray<{ quantity: number }>): number {
  let sum = 0;
  for (const item of items) sum += item.quantity;
  return sum;
}
`,
];
const KIND_SUFFIX = ['.routes', '.service', '.repository', '.model'];

/**
 * Writes the project into `out` (once: a `.complete` marker skips the work next time) as its own git repository.
 * About `fileCount` TS files in feature slices of 40, one migration per slice, a shared db module, a path alias.
 */
export function generateProject(out, fileCount) {
  if (existsSync(path.join(out, '.complete'))) return;
  rmSync(out, { recursive: true, force: true });
  const features = Math.max(1, Math.ceil(fileCount / 40));
  let written = 0;
  for (let feature = 0; written < fileCount; feature = (feature + 1) % features) {
    const name = `feature${feature}`;
    const dir = path.join(out, 'src/features', name);
    mkdirSync(dir, { recursive: true });
    const index = Math.floor(written / features);
    const kind = index % FILE_KINDS.length;
    const group = Math.floor(index / FILE_KINDS.length);
    writeFileSync(path.join(dir, `${name}${KIND_SUFFIX[kind]}${group}.ts`), FILE_KINDS[kind](name, group));
    written += 1;
  }
  mkdirSync(path.join(out, 'src/shared'), { recursive: true });
  writeFileSync(path.join(out, 'src/shared/db.ts'), "export const db = { query: async (_sql: string, _params: unknown[]) => [] as unknown[] };\n");
  mkdirSync(path.join(out, 'migrations'), { recursive: true });
  for (let feature = 0; feature < features; feature += 1) {
    writeFileSync(
      path.join(out, 'migrations', `${String(feature).padStart(4, '0')}_feature${feature}.sql`),
      `CREATE TABLE feature${feature} (\n  id uuid PRIMARY KEY DEFAULT ${feature % 3 === 0 ? 'gen_random_uuid()' : 'uuidv7()'},\n  name text NOT NULL,\n  quantity integer NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now()\n);\n`,
    );
  }
  writeFileSync(path.join(out, 'package.json'), '{"name":"bench-audit","private":true,"type":"module"}\n');
  writeFileSync(
    path.join(out, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', baseUrl: '.', paths: { '@/*': ['src/*'] } } }, null, 2),
  );
  const git = (...args) => spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { cwd: out, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'generated');
  writeFileSync(path.join(out, '.complete'), '');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [files, out] = process.argv.slice(2);
  if (!files || !out || !(Number(files) > 0)) {
    process.stderr.write('usage: node bench/generate-project.mjs <files> <out folder>\n');
    process.exit(2);
  }
  generateProject(path.resolve(out), Number(files));
}
